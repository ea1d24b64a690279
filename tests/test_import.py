"""`kg import`: round trips, graphs of their own, and malformed files that load nothing."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import REPO

from graph.interop.exchange import IMPORT_GRAPHS
from graph.namespaces import ARTICLE, META_GRAPH
from graph.store import open_store
from interop_support import (  # noqa: F401  (fixtures)
    FOREIGN_TURTLE, dataset_of, oxigraph_server, remote, remote_options, store_quads, synthetic_store_copy,
    synthetic_store_path,
)


def remote_quads(endpoints) -> list[ox.Quad]:
    with open_store(endpoint=endpoints["query"]) as store:
        return list(store.quads())


@pytest.mark.parametrize("backend", ["local", "remote"])
@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_lossless_round_trip_gives_an_isomorphic_dataset(kg, synthetic_store_path, tmp_path, request, fmt, backend):
    exported = tmp_path / f"graph.{fmt}"
    assert kg("export", "--store", synthetic_store_path, "-f", fmt, "-o", exported).exit_code == 0
    if backend == "local":
        target = ["--store", tmp_path / "fresh"]
    else:
        endpoints = request.getfixturevalue("remote")
        target = remote_options(endpoints)
    result = kg("import", exported, *target)
    assert result.exit_code == 0, result.err
    imported = store_quads(tmp_path / "fresh") if backend == "local" else remote_quads(endpoints)
    assert dataset_of(imported) == dataset_of(store_quads(synthetic_store_path))


def test_triples_go_to_a_graph_named_after_the_file(kg, tmp_path):
    source = tmp_path / "wikidata extract.ttl"
    source.write_text(FOREIGN_TURTLE, encoding="utf-8")
    store = tmp_path / "store"
    result = kg("import", source, "--store", store)
    assert result.exit_code == 0, result.err
    graph = IMPORT_GRAPHS + "wikidata-extract"
    assert f"Imported 5 statements from {source} into <{graph}>" in result.err
    assert {q.graph_name.value for q in store_quads(store)} == {graph}

    custom = "https://example.org/graphs/wikidata"
    assert kg("import", source, "--store", store, "--graph", custom).exit_code == 0
    assert {q.graph_name.value for q in store_quads(store)} == {graph, custom}


def test_imports_never_overwrite_existing_graphs(kg, synthetic_store_copy, tmp_path):
    before = dataset_of(store_quads(synthetic_store_copy))
    exported = tmp_path / "again.trig"
    assert kg("export", "--store", synthetic_store_copy, "-o", exported).exit_code == 0
    result = kg("import", exported, "--store", synthetic_store_copy)
    assert result.exit_code == 1
    assert re.match(r"kg: error: .*again\.trig: graphs <.*> and \d+ more already exist in ", result.err)

    triples = tmp_path / "claims.nt"
    triples.write_text(f"<{ARTICLE}x> <https://schema.org/name> \"x\" .\n", encoding="utf-8")
    for graph in (ARTICLE + "synth-000001", META_GRAPH):
        refused = kg("import", triples, "--store", synthetic_store_copy, "--graph", graph)
        assert refused.exit_code == 1 and "reserved for extracted claims" in refused.err
    assert dataset_of(store_quads(synthetic_store_copy)) == before


MALFORMED = {
    # format: (file content, line, column) of the first error
    "turtle": ('@prefix s: <https://schema.org/> .\n<http://a> s:name "ok" .\n<http://b> s:name "unterminated .\n', 3, 19),
    "ntriples": ('<http://a> <http://p> "x" .\n<http://b> <http://p> <http://c>\n', 3, 1),
    "nquads": ('<http://a> <http://p> "x" <http://g> .\n<http://a> <http://p> "y" <http://g> <http://h> .\n', 2, 38),
    "trig": ('<http://g> { <http://a> <http://p> "x" .\n', 2, 1),
    "jsonld": ('{"@id": "http://a",\n "http://p": "x",\n "http://q" "y"}\n', 3, 13),
    "rdfxml": ('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
               '  <rdf:Description rdf:about="http://a">\n    <p:x xmlns:p="http://p/">v</p:y>\n', 4, 33),
}
EXTENSIONS = {"turtle": "ttl", "ntriples": "nt", "nquads": "nq", "trig": "trig", "jsonld": "jsonld", "rdfxml": "rdf"}


@pytest.mark.parametrize("fmt", MALFORMED)
def test_malformed_file_gets_one_line_with_file_line_column_and_loads_nothing(kg, synthetic_store_copy, tmp_path, fmt):
    content, line, column = MALFORMED[fmt]
    source = tmp_path / f"broken.{EXTENSIONS[fmt]}"
    source.write_text(content, encoding="utf-8")
    before = dataset_of(store_quads(synthetic_store_copy))
    result = kg("import", source, "--store", synthetic_store_copy)
    assert result.exit_code == 1
    assert result.err.startswith(f"kg: error: {source}:{line}:{column}: malformed {fmt}: "), result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert dataset_of(store_quads(synthetic_store_copy)) == before


def test_well_formed_xml_that_is_not_rdf_still_gets_a_position(kg, tmp_path):
    source = tmp_path / "not-rdf.rdf"
    source.write_text('<?xml version="1.0"?>\n<catalogue>\n  <livre/>\n</catalogue>\n', encoding="utf-8")
    result = kg("import", source, "--store", tmp_path / "store")
    assert result.exit_code == 1
    assert re.match(rf"kg: error: {re.escape(str(source))}:\d+:\d+: malformed rdfxml: ", result.err)


def test_malformed_file_sends_nothing_to_a_remote_store(kg, remote, tmp_path):
    content, _, _ = MALFORMED["nquads"]
    source = tmp_path / "broken.nq"
    source.write_text(content, encoding="utf-8")
    assert kg("import", source, *remote_options(remote)).exit_code == 1
    assert remote_quads(remote) == []


def test_unknown_extension_and_invalid_graph_iri(kg, tmp_path):
    source = tmp_path / "data.csv"
    source.write_text("a,b\n", encoding="utf-8")
    result = kg("import", source, "--store", tmp_path / "store")
    assert result.exit_code == 1 and "cannot tell the RDF format" in result.err
    result = kg("import", source, "--format", "turtle", "--graph", "not an iri", "--store", tmp_path / "store")
    assert result.exit_code == 1 and "is not a valid IRI" in result.err


def big_nquads(path: Path, graphs: int, per_graph: int) -> None:
    """A file the bulk loader needs a couple of seconds for, in graphs the synthetic store does not have."""
    with open(path, "w", encoding="utf-8") as out:
        for graph in range(graphs):
            for number in range(per_graph):
                out.write(f"<https://example.org/s{graph}-{number}> <https://schema.org/name> "
                          f"\"valeur {number}\" <https://example.org/big/{graph}> .\n")


def test_import_killed_during_its_bulk_load_leaves_the_previous_graph_intact(kg, synthetic_store_copy, tmp_path):
    source = tmp_path / "big.nq"
    big_nquads(source, graphs=100, per_graph=3000)
    before = set(store_quads(synthetic_store_copy))
    process = subprocess.Popen([sys.executable, "-m", "graph", "import", str(source), "--store", str(synthetic_store_copy)],
                               cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    next_database = synthetic_store_copy / "oxigraph.next"
    deadline = time.monotonic() + 60
    while not next_database.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)  # into the bulk load itself
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert next_database.exists(), "the import finished before it could be killed: make the file bigger"
    assert set(store_quads(synthetic_store_copy)) == before

    result = kg("import", source, "--store", synthetic_store_copy)
    assert result.exit_code == 0, result.err
    assert len(store_quads(synthetic_store_copy)) == len(before) + 300_000
    assert sorted(p.name for p in synthetic_store_copy.iterdir()) == ["lock", "oxigraph"]


def test_a_bulk_load_killed_between_its_two_renames_is_undone_at_the_next_open(synthetic_store_copy):
    before = set(store_quads(synthetic_store_copy))
    # What a kill between `oxigraph` -> `oxigraph.previous` and `oxigraph.next` -> `oxigraph` leaves.
    (synthetic_store_copy / "oxigraph").rename(synthetic_store_copy / "oxigraph.previous")
    (synthetic_store_copy / "oxigraph.next").mkdir()
    assert set(store_quads(synthetic_store_copy)) == before


def test_a_dataset_with_article_graphs_imports_into_an_empty_store_only(kg, synthetic_store_copy, tmp_path):
    before = dataset_of(store_quads(synthetic_store_copy))
    forged = tmp_path / "forged.trig"
    forged.write_text(f"<{ARTICLE}zzz> {{ <http://a> <http://b> <http://c> }}\n", encoding="utf-8")
    result = kg("import", forged, "--store", synthetic_store_copy)
    assert result.exit_code == 1
    assert result.err == (f"kg: error: {forged}: graph <{ARTICLE}zzz> is reserved for extracted claims; "
                          "a dataset with article graphs imports into an empty --store only\n")
    assert dataset_of(store_quads(synthetic_store_copy)) == before


def test_graph_option_reads_prefixed_names_and_angle_brackets(kg, tmp_path):
    source = tmp_path / "extract.ttl"
    source.write_text(FOREIGN_TURTLE, encoding="utf-8")
    store = tmp_path / "store"
    refused = kg("import", source, "--store", store, "--graph", "article:foo")
    assert refused.exit_code == 1 and f"--graph <{ARTICLE}foo> is reserved for extracted claims" in refused.err
    assert kg("import", source, "--store", store, "--graph", "<https://example.org/g>").exit_code == 0
    assert kg("import", source, "--store", store, "--graph", "wd:extract").exit_code == 0
    assert {q.graph_name.value for q in store_quads(store)} == {
        "https://example.org/g", "http://www.wikidata.org/entity/extract"}


def test_a_missing_file_is_one_line_naming_it(kg, tmp_path):
    result = kg("import", tmp_path / "missing.ttl", "--store", tmp_path / "store")
    assert result.exit_code == 1
    assert result.err == f"kg: error: Invalid value for 'FILE': File '{tmp_path / 'missing.ttl'}' does not exist.\n"
