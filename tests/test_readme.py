"""The README is the user's manual: its two opening commands and every `kg` example must match the CLI."""

from __future__ import annotations

import re
import shlex

import pytest

from conftest import REPO, SEEDS, copy_store

README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(?:bash|console|sh)\n(.*?)```", README, flags=re.S)


def example_lines() -> list[str]:
    """Each `kg ...` command of the README's shell blocks, without its comment, pipe or redirection."""
    lines = []
    for block in BLOCKS:
        for line in block.replace("\\\n", " ").splitlines():
            for command in line.split(" && "):
                command = command.strip()
                if command.startswith("kg "):
                    command = re.split(r"\s#\s| \| | > ", command, maxsplit=1)[0]
                    lines.append(command.strip())
    return lines


def test_readme_opens_with_make_shell_and_make_test():
    first_block = BLOCKS[0].splitlines()
    commands = [line.split("#", 1)[0].strip() for line in first_block if line.strip()]
    assert commands == ["make shell", "make test"]
    assert README.index("```") < README.index("\n## "), "the two commands come before any section"


def test_makefile_targets_do_what_the_readme_says():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^shell: .*build", makefile, flags=re.M)
    assert "kg build seeds/" in makefile and "kg shell" in makefile
    assert re.search(r"^test: .*setup-dev", makefile, flags=re.M) and "pytest" in makefile
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("line", example_lines())
def test_every_kg_example_uses_real_commands_and_options(kg, line):
    words = shlex.split(line)
    verb = words[1]
    result = kg(verb, "--help")
    assert result.exit_code == 0, f"`kg {verb}` does not exist ({line})"
    for word in words[2:]:
        option = word.split("=", 1)[0]
        if re.fullmatch(r"--?[A-Za-z][\w-]*", option):
            assert re.search(rf"(^|[\s,/]){re.escape(option)}\b", result.out), f"{option} is not an option of kg {verb}"


# Examples that need what a test cannot have: a server or cluster elsewhere, a terminal, the user's
# own folders, or a process that runs until it is stopped (`kg serve` has tests of its own).
NOT_RUNNABLE = ("--endpoint", "--dask", "~/", "/path/", "/tmp/", "articles/", "big-folder/")
RUNNABLE = [line for line in example_lines()
            if not any(marker in line for marker in NOT_RUNNABLE) and shlex.split(line)[1] != "serve"
            and line != "kg shell"]

# The files the README's examples take as the user's own.
USER_FILES = {
    "questions.rq": "SELECT ?s ?o WHERE { ?s kg:founded ?o }\n",
    "question.rq": "SELECT ?who WHERE { ?who kg:investedIn e:xai }\n",
    "who-founded-what.rq": "CONSTRUCT { ?p kg:founded ?o } WHERE { ?p kg:founded ?o }\n",
    "my-rules.ttl": """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix kg: <https://w3id.org/newsgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
[] a sh:NodeShape ; sh:targetClass kg:Company ; sh:property [ sh:path rdfs:label ; sh:minCount 1 ] .
""",
    "wikidata-extract.ttl": "<http://www.wikidata.org/entity/Q117226> <http://www.w3.org/2000/01/rdf-schema#label> \"xAI\" .\n",
}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A folder like a user's: the seeds and gold files, and the files the examples read."""
    folder = tmp_path_factory.mktemp("readme")
    copy_store(SEEDS, folder / "seeds")
    (folder / "tests").mkdir()
    (folder / "tests" / "gold").symlink_to(REPO / "tests" / "gold")
    for name, text in USER_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_enough_examples_run():
    assert len(RUNNABLE) >= 30


@pytest.mark.parametrize("line", RUNNABLE)
def test_every_runnable_example_works_on_the_seed_graph(kg, line, workspace, seed_store_copy, monkeypatch):
    """In the README's order, each on a fresh copy of the seed graph, in one folder (an export
    made by one example is what a later one imports)."""
    monkeypatch.chdir(workspace)
    monkeypatch.setenv("KG_STORE", str(seed_store_copy))
    result = kg(*shlex.split(line)[1:])
    assert result.exit_code == 0, result.err
    assert "Traceback" not in result.err
