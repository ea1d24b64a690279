"""Fixtures for the shell tests: a small hand-written store that follows the data model.

Imported by the test_repl*/test_shell*/test_query* modules (pytest puts tests/ on sys.path).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_store

GRAPH_FILE = Path(__file__).with_name("test_repl_graph.trig")


@pytest.fixture(scope="session")
def small_store_path(tmp_path_factory) -> Path:
    import pyoxigraph

    from graph.store import open_store

    path = tmp_path_factory.mktemp("small-store")
    with open_store(path, writable=True, create=True) as store, GRAPH_FILE.open("rb") as data:
        store.load(data, pyoxigraph.RdfFormat.TRIG)
    return path


@pytest.fixture
def small_store(small_store_path):
    from graph.store import open_store

    with open_store(small_store_path) as store:
        yield store


@pytest.fixture
def writable_store_path(small_store_path, tmp_path) -> Path:
    return copy_store(small_store_path, tmp_path / "store")
