"""`kg export`: every format parses with a parser other than the one that wrote it."""

from __future__ import annotations

import subprocess

import pyoxigraph as ox
import pytest
import rdflib

from graph.interop.exchange import ONTOLOGY_GRAPH
from graph.namespaces import ARTICLE, META_GRAPH
from interop_support import dataset_of, store_quads, synthetic_store_path  # noqa: F401  (fixture)

RAPPER_SYNTAX = {"trig": "trig", "turtle": "turtle", "ntriples": "ntriples", "rdfxml": "rdfxml"}
RDFLIB_SYNTAX = {"nquads": "nquads", "jsonld": "json-ld"}


def parse_with_rapper(path, syntax: str) -> list[ox.Quad]:
    """Raptor reads the file and writes N-Quads, which only carry the statements it understood."""
    done = subprocess.run(
        ["rapper", "--quiet", "--input", syntax, "--output", "nquads", str(path)],
        capture_output=True, check=True,
    )
    return list(ox.parse(done.stdout, ox.RdfFormat.N_QUADS))


def parse_with_rdflib(path, syntax: str) -> list[ox.Quad]:
    dataset = rdflib.Dataset()
    dataset.parse(path, format=syntax)
    return list(ox.parse(dataset.serialize(format="nquads").encode(), ox.RdfFormat.N_QUADS))


def flattened(quads) -> list[ox.Quad]:
    return [ox.Quad(q.subject, q.predicate, q.object) for q in quads]


@pytest.mark.parametrize("fmt", [*RAPPER_SYNTAX, *RDFLIB_SYNTAX])
def test_every_format_parses_with_an_independent_parser(kg, synthetic_store_path, tmp_path, fmt):
    out = tmp_path / f"graph.{fmt}"
    result = kg("export", "--store", synthetic_store_path, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.err
    if fmt in RAPPER_SYNTAX:
        parsed = parse_with_rapper(out, RAPPER_SYNTAX[fmt])
    else:
        parsed = parse_with_rdflib(out, RDFLIB_SYNTAX[fmt])
    expected = store_quads(synthetic_store_path)
    lossless = fmt in ("trig", "nquads", "jsonld")
    assert dataset_of(parsed) == dataset_of(expected if lossless else flattened(expected))
    assert f"Wrote {len(expected)} {'quads' if lossless else 'triples'} as {fmt}" in result.err


def test_export_goes_to_stdout_and_follows_the_output_extension(kg, synthetic_store_path, tmp_path):
    result = kg("export", "--store", synthetic_store_path, "--format", "nquads")
    assert result.exit_code == 0
    assert dataset_of(ox.parse(result.out.encode(), ox.RdfFormat.N_QUADS)) == dataset_of(store_quads(synthetic_store_path))

    out = tmp_path / "graph.nt"
    assert kg("export", "--store", synthetic_store_path, "-o", out).exit_code == 0
    assert next(ox.parse(path=out, format=ox.RdfFormat.N_TRIPLES))  # N-Triples, as the extension says

    result = kg("export", "--store", synthetic_store_path, "-o", tmp_path / "graph.docx")
    assert result.exit_code == 1
    assert "cannot tell the RDF format" in result.err and "--format" in result.err


def test_help_says_which_formats_flatten_the_graphs(kg):
    help_text = kg("export", "--help").out
    assert "trig, nquads, jsonld" in help_text
    assert "turtle, ntriples, rdfxml" in help_text
    assert "flattened union" in help_text


def test_one_article_graph(kg, synthetic_store_path):
    result = kg("export", "--store", synthetic_store_path, "--format", "nquads", "--graph", "synth-000003")
    assert result.exit_code == 0, result.err
    quads = list(ox.parse(result.out.encode(), ox.RdfFormat.N_QUADS))
    assert quads and {q.graph_name.value for q in quads} == {ARTICLE + "synth-000003"}
    expected = [q for q in store_quads(synthetic_store_path) if q.graph_name == ox.NamedNode(ARTICLE + "synth-000003")]
    assert dataset_of(quads) == dataset_of(expected)

    by_iri = kg("export", "--store", synthetic_store_path, "-f", "nquads", "--graph", ARTICLE + "synth-000003")
    assert by_iri.out == result.out

    missing = kg("export", "--store", synthetic_store_path, "--graph", "no-such-article")
    assert missing.exit_code == 1
    assert missing.err.startswith("kg: error: no graph <") and missing.err.count("\n") == 1


def test_ontology_is_included_on_request(kg, synthetic_store_path):
    def graphs(*options):
        out = kg("export", "--store", synthetic_store_path, "-f", "nquads", *options).out
        return {q.graph_name.value for q in ox.parse(out.encode(), ox.RdfFormat.N_QUADS)}

    assert ONTOLOGY_GRAPH not in graphs()
    assert graphs("--ontology") == graphs() | {ONTOLOGY_GRAPH}
    ontology = rdflib.Graph().parse(data=kg("export", "--store", synthetic_store_path, "-f", "turtle", "--ontology").out)
    assert (rdflib.URIRef(ONTOLOGY_GRAPH), rdflib.RDF.type, rdflib.OWL.Ontology) in ontology


def test_an_interrupted_export_leaves_no_file(kg, synthetic_store_path, tmp_path, monkeypatch):
    import graph.interop.exchange as exchange

    def failing_serialize(statements, output, *args, **kwargs):
        output.write(b"<half")
        raise KeyboardInterrupt

    monkeypatch.setattr(exchange.ox, "serialize", failing_serialize)
    out = tmp_path / "graph.nq"
    assert kg("export", "--store", synthetic_store_path, "-o", out).exit_code == 130
    assert list(tmp_path.iterdir()) == []


def test_missing_store_is_one_line(kg, tmp_path):
    result = kg("export", "--store", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert result.err.startswith("kg: error: no graph at") and result.err.count("\n") == 1


def test_a_missing_output_folder_is_one_line_naming_it(kg, synthetic_store_path, tmp_path):
    result = kg("export", "--store", synthetic_store_path, "-o", tmp_path / "missing" / "x.trig")
    assert result.exit_code == 1
    assert result.err == f"kg: error: cannot write {tmp_path / 'missing' / 'x.trig'}: the folder {tmp_path / 'missing'} does not exist\n"
