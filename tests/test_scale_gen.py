"""The synthetic graph generator (bench/gen_graph.py) writes the project's exact data model, and
`kg stats` counts it right. Small graphs only: the million-quad runs are benchmarks."""

from __future__ import annotations

import importlib.util
import statistics
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import copy_store
from graph.namespaces import KG, META_GRAPH, PREFIXES, RDF
from graph.stats import RELATION_IRIS, stats
from graph.store import open_store

REPO = Path(__file__).resolve().parent.parent


def _load_bench_module(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    return module


gen_graph = _load_bench_module("gen_graph")
TARGET = 4000


@pytest.fixture(scope="session")
def generated() -> list[ox.Quad]:
    return list(gen_graph.generate(TARGET, seed=3))


@pytest.fixture(scope="session")
def generated_store_path(generated, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("generated") / "store"
    with open_store(path, writable=True, create=True) as store:
        store.oxigraph.extend(generated)
    return path


@pytest.fixture
def generated_store(generated_store_path):
    with open_store(generated_store_path) as store:
        yield store


def ask(store, sparql: str) -> bool:
    return bool(store.query(sparql))


def test_same_seed_same_graph_other_seed_other_graph(generated):
    assert list(gen_graph.generate(TARGET, seed=3)) == generated
    assert set(gen_graph.generate(TARGET, seed=4)) != set(generated)


def test_size_is_close_to_the_target(generated):
    # it stops after the article that reaches the target, then describes the mentioned entities
    assert TARGET <= len(generated) <= TARGET * 1.1
    assert len(set(generated)) == len(generated)


def test_default_graph_is_empty_and_each_article_owns_its_graph(generated_store):
    assert not list(generated_store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    graphs = set(generated_store.named_graphs()) - {META_GRAPH}
    articles = {row["a"].value for row in generated_store.query(
        f"SELECT ?a WHERE {{ GRAPH <{META_GRAPH}> {{ ?a a kg:Article ; dct:title ?t ; kg:sha256 ?h ; kg:fileName ?f }} }}")}
    assert graphs == articles and len(articles) > 20
    assert not ask(generated_store, "ASK { GRAPH ?g { ?c prov:wasDerivedFrom ?a } FILTER(?a != ?g) }")


def test_every_claim_has_its_provenance(generated_store):
    missing = """ASK { GRAPH ?g { ?c a kg:Claim }
      FILTER NOT EXISTS { GRAPH ?g { ?c a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
        prov:wasDerivedFrom ?g ; prov:wasGeneratedBy ?run ; kg:quote ?q ; kg:charStart ?start ; kg:charEnd ?end ;
        kg:modality ?m ; kg:confidence ?conf } } }"""
    assert not ask(generated_store, missing)
    spans = generated_store.query("SELECT ?q ?start ?end WHERE { ?c kg:quote ?q ; kg:charStart ?start ; kg:charEnd ?end }")
    assert all(len(r["q"].value) == int(r["end"].value) - int(r["start"].value) for r in spans)
    assert ask(generated_store, f"ASK {{ GRAPH <{META_GRAPH}> {{ ?run a kg:BuildRun, prov:Activity }} }}")


def test_plain_edges_come_only_from_asserted_or_reported_claims(generated_store):
    edge_without_claim = f"""ASK {{ VALUES ?p {{ {RELATION_IRIS} }} GRAPH ?g {{ ?s ?p ?o }}
      FILTER NOT EXISTS {{ GRAPH ?g {{ ?c rdf:predicate ?p ; kg:modality ?m FILTER(?m IN (kg:Asserted, kg:Reported))
        {{ ?c rdf:subject ?s ; rdf:object ?o }} UNION {{ ?c rdf:subject ?o ; rdf:object ?s FILTER(?p = kg:partnersWith) }} }} }} }}"""
    assert not ask(generated_store, edge_without_claim)
    claim_without_edge = """ASK { GRAPH ?g { ?c rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
        kg:modality ?m FILTER(?m IN (kg:Asserted, kg:Reported)) FILTER NOT EXISTS { ?s ?p ?o } } }"""
    assert not ask(generated_store, claim_without_edge)
    assert ask(generated_store, "ASK { ?c kg:modality kg:Hedged }") and ask(generated_store, "ASK { ?c kg:modality kg:Negated }")


def test_every_mentioned_entity_is_described_once(generated_store):
    undescribed = f"""ASK {{ GRAPH ?g {{ ?a schema:mentions ?e }}
      FILTER NOT EXISTS {{ GRAPH <{META_GRAPH}> {{ ?e a ?type ; rdfs:label ?label }} }} }}"""
    assert not ask(generated_store, undescribed)
    assert not ask(generated_store, f"ASK {{ GRAPH <{META_GRAPH}> {{ ?e rdfs:label ?a, ?b FILTER(?a != ?b) }} }}")
    assert ask(generated_store, f"ASK {{ GRAPH <{META_GRAPH}> {{ e:xai skos:altLabel ?alias ; owl:sameAs ?wd }} }}")
    assert ask(generated_store, f"ASK {{ GRAPH <{META_GRAPH}> {{ ?fund a kg:InvestmentFund, kg:Organization }} }}")


def test_degrees_are_skewed_with_hub_entities(generated_store):
    rows = generated_store.query(
        "SELECT ?e (COUNT(?c) AS ?n) WHERE { ?c rdf:subject|rdf:object ?e } GROUP BY ?e ORDER BY DESC(?n)")
    degrees = [int(row["n"].value) for row in rows]
    assert degrees[0] >= 10 * statistics.median(degrees)
    top = {row["e"].value for row in generated_store.query(
        "SELECT ?e WHERE { ?c rdf:subject|rdf:object ?e } GROUP BY ?e ORDER BY DESC(COUNT(?c)) LIMIT 3")}
    assert PREFIXES["e"] + "xai" in top


def test_the_graph_passes_the_shacl_shapes(generated_store):
    from graph.validate import validate_store

    report = validate_store(generated_store)
    assert report.conforms, report.violations[:3]


def test_stats_match_counts_taken_the_slow_obvious_way(generated_store):
    counts = stats(generated_store)
    per_relation = {row["p"].value.removeprefix(KG): int(row["n"].value) for row in generated_store.query(
        "SELECT ?p (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?c a kg:Claim ; rdf:predicate ?p } } GROUP BY ?p")}
    assert counts["claims per relation"] == dict(sorted(per_relation.items(), key=lambda kv: (-kv[1], kv[0])))
    per_article = {row["f"].value: int(row["n"].value) for row in generated_store.query(f"""
        SELECT ?f (COUNT(?c) AS ?n) WHERE {{ GRAPH <{META_GRAPH}> {{ ?a kg:fileName ?f }}
          OPTIONAL {{ GRAPH ?a {{ ?c a kg:Claim }} }} }} GROUP BY ?f""")}
    assert counts["claims per article"] == dict(sorted(per_article.items()))
    assert "Organization" in counts["classes"] and all(not c.startswith("http") for c in counts["classes"])
    assert sum(counts["claims per modality"].values()) == sum(per_relation.values())
    assert RDF not in str(counts)


def test_stats_count_an_article_without_claims_as_zero(generated_store_path, tmp_path):
    copy = copy_store(generated_store_path, tmp_path / "store")
    with open_store(copy, writable=True) as store:
        store.update("DELETE WHERE { GRAPH article:synth-000001 { ?c a kg:Claim ; ?p ?o } }")
        assert stats(store)["claims per article"]["synth-000001.txt"] == 0


def test_command_line_writes_one_file_per_size(tmp_path, capsys):
    gen_graph.main([str(tmp_path), "--sizes", "1k", "2k", "--seed", "3"])
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["graph-1k.nq", "graph-2k.nq"]
    quads = list(ox.parse(path=tmp_path / "graph-2k.nq", format=ox.RdfFormat.N_QUADS))
    assert quads == list(gen_graph.generate(2000, seed=3))
    assert "graph-2k.nq: " in capsys.readouterr().out


@pytest.mark.parametrize("text, quads", [("10k", 10_000), ("1M", 1_000_000), ("2500", 2500), ("0.5M", 500_000)])
def test_sizes_are_read_like_people_write_them(text, quads):
    assert gen_graph.parse_size(text) == quads


def test_a_bad_size_is_a_clear_error():
    with pytest.raises(SystemExit):
        gen_graph.main(["out", "--quads", "lots"])
