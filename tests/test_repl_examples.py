"""`.examples` answers its questions on the graph built from seeds/."""

from __future__ import annotations

import pytest

from graph.repl.examples import EXAMPLES
from graph.repl.executor import Executor


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_example_returns_rows_on_the_seed_graph(seed_store, example):
    result = Executor(seed_store).run(example.sparql)
    assert result.rows, f"{example.question} found nothing on the seed graph"


def test_examples_find_the_expected_facts(seed_store):
    def values(name):
        example = next(e for e in EXAMPLES if e.name == name)
        return {row[0].value.rsplit("/", 1)[-1] for row in Executor(seed_store).run(example.sparql).rows}

    assert "sequoia-capital" in values("xai-investors")
    assert "xai" in values("musk-founded")
    assert "elon-musk" in values("lawsuits")
