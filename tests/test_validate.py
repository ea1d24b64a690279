"""`kg validate`: a well-formed graph conforms, and each kind of broken claim, entity or article is named."""

from __future__ import annotations

import json
import socket
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import REPO
from graph.interop.server import free_port
from graph.namespaces import sparql_prefixes
from graph.store import open_store

TEXT = (
    "Mistral AI, fondée à Paris en 2023 par Arthur Mensch, a levé 600 millions d'euros. "
    "Selon Les Echos, Nvidia a investi dans Mistral AI. "
    "La start-up pourrait ouvrir un bureau à Londres."
)
SENTENCES = [s if s.endswith(".") else s + "." for s in TEXT.split(". ")]


def span(sentence: str) -> tuple[int, int]:
    start = TEXT.index(sentence)
    return start, start + len(sentence)


def trig(**overrides: str) -> str:
    """The TriG of a small, valid graph of one article. Each override replaces one named fragment."""
    founded_start, founded_end = span(SENTENCES[0])
    invested_start, invested_end = span(SENTENCES[1])
    london_start, london_end = span(SENTENCES[2])
    parts = {
        "founded_quote": f'kg:quote "{SENTENCES[0]}"@fr ;',
        "founded_offsets": f"kg:charStart {founded_start} ; kg:charEnd {founded_end} ;",
        "founded_modality": "kg:modality kg:Asserted ;",
        "founded_confidence": 'kg:confidence "0.900"^^xsd:decimal ;',
        "founded_predicate": "rdf:predicate kg:founded ;",
        "founded_edge": "e:arthur-mensch kg:founded e:mistral-ai .",
        "invested_edge": "e:nvidia kg:investedIn e:mistral-ai .",
        "mistral_labels": 'rdfs:label "Mistral AI" ;',
        "nvidia_type": "a kg:Company , kg:Organization ;",
        "article_sha": 'kg:sha256 "' + "ab" * 32 + '" ;',
        "extra": "",
    }
    unknown = set(overrides) - set(parts)
    assert not unknown, unknown
    parts.update(overrides)
    return sparql_prefixes().replace("PREFIX ", "@prefix ").replace(">\n", "> .\n") + f"""
article:t1 {{
  article:t1 schema:mentions e:arthur-mensch , e:mistral-ai , e:nvidia , e:les-echos , e:paris , e:londres .
  {parts["founded_edge"]}
  {parts["invested_edge"]}
  claim:t1-founded a kg:Claim , rdf:Statement ;
    rdf:subject e:arthur-mensch ; {parts["founded_predicate"]} rdf:object e:mistral-ai ;
    prov:wasDerivedFrom article:t1 ; prov:wasGeneratedBy run:test ;
    {parts["founded_quote"]}
    {parts["founded_offsets"]}
    {parts["founded_modality"]}
    {parts["founded_confidence"]}
    kg:date "2023"^^xsd:gYear ;
    kg:amount claim:t1-founded-amount .
  claim:t1-founded-amount a schema:MonetaryAmount ;
    schema:value "600000000.0"^^xsd:decimal ; schema:currency "EUR" .
  claim:t1-invested a kg:Claim , rdf:Statement ;
    rdf:subject e:nvidia ; rdf:predicate kg:investedIn ; rdf:object e:mistral-ai ;
    prov:wasDerivedFrom article:t1 ; prov:wasGeneratedBy run:test ; prov:wasAttributedTo e:les-echos ;
    kg:quote "{SENTENCES[1]}"@fr ; kg:charStart {invested_start} ; kg:charEnd {invested_end} ;
    kg:modality kg:Reported ; kg:confidence "0.7"^^xsd:decimal .
  claim:t1-london a kg:Claim , rdf:Statement ;
    rdf:subject e:mistral-ai ; rdf:predicate kg:locatedIn ; rdf:object e:londres ;
    prov:wasDerivedFrom article:t1 ; prov:wasGeneratedBy run:test ;
    kg:quote "{SENTENCES[2]}"@fr ; kg:charStart {london_start} ; kg:charEnd {london_end} ;
    kg:modality kg:Hedged ; kg:confidence "0.4"^^xsd:decimal .
}}
<https://w3id.org/newsgraph/graph/meta> {{
  e:arthur-mensch a kg:Person ; rdfs:label "Arthur Mensch" .
  e:mistral-ai a kg:Company , kg:Organization ; {parts["mistral_labels"]} skos:altLabel "Mistral" .
  e:nvidia {parts["nvidia_type"]} rdfs:label "Nvidia" .
  e:les-echos a kg:Organization ; rdfs:label "Les Echos" .
  e:paris a kg:Place ; rdfs:label "Paris" ; owl:sameAs wd:Q90 .
  e:londres a kg:Place ; rdfs:label "Londres" .
  article:t1 a kg:Article , schema:NewsArticle ;
    dct:title "Mistral AI lève des fonds"@fr ; dct:language "fr" ; dct:date "2024-06-11"^^xsd:date ;
    kg:fileName "t1.txt" ; {parts["article_sha"]} kg:extractorVersion "test" .
  run:test a kg:BuildRun , prov:Activity ; kg:extractorVersion "test" .
  {parts["extra"]}
}}
"""


def make_store(path: Path, text: str) -> Path:
    with open_store(path, writable=True, create=True) as store:
        store.load(text.encode(), ox.RdfFormat.TRIG)
    return path


@pytest.fixture
def store_of(tmp_path):
    counter = iter(range(1000))

    def make(**overrides: str) -> Path:
        return make_store(tmp_path / f"store{next(counter)}", trig(**overrides))

    return make


def test_the_mini_graph_is_what_it_claims_to_be():
    assert TEXT[slice(*span(SENTENCES[1]))] == "Selon Les Echos, Nvidia a investi dans Mistral AI."
    assert len(SENTENCES) == 3


def test_a_well_formed_graph_conforms(kg, store_of):
    result = kg("validate", "--store", store_of())
    assert result.exit_code == 0, result.out + result.err
    assert result.out.splitlines()[-1].startswith("conforms (")
    assert "Violation" not in result.out


def test_an_empty_store_conforms(kg, tmp_path):
    path = make_store(tmp_path / "empty", "")
    result = kg("validate", "--store", path)
    assert result.exit_code == 0
    assert "conforms (0 triples checked)" in result.out


@pytest.mark.parametrize(
    ("override", "focus", "path", "fragment"),
    [
        ({"founded_quote": ""}, "claim:t1-founded", "kg:quote", "exactly one kg:quote"),
        ({"founded_quote": f'kg:quote "{SENTENCES[0]}" ;'}, "claim:t1-founded", "kg:quote", "language-tagged"),
        ({"founded_offsets": "kg:charStart 84 ; kg:charEnd 2 ;"}, "claim:t1-founded", "kg:charStart", "< kg:charEnd"),
        ({"founded_offsets": "kg:charStart 0 ; kg:charEnd 10 ;"}, "kg:Claim", "", "= claim:t1-founded: the kg:quote of this claim is"),
        ({"founded_offsets": 'kg:charStart "0" ; kg:charEnd 83 ;'}, "claim:t1-founded", "kg:charStart", "xsd:integer"),
        ({"founded_confidence": 'kg:confidence "1.5"^^xsd:decimal ;'}, "claim:t1-founded", "kg:confidence", "between 0 and 1"),
        ({"founded_confidence": ""}, "claim:t1-founded", "kg:confidence", "exactly one kg:confidence"),
        ({"founded_modality": "kg:modality kg:Rumoured ;"}, "claim:t1-founded", "kg:modality", "kg:Asserted, kg:Reported"),
        ({"founded_modality": "kg:modality kg:Asserted , kg:Negated ;"}, "claim:t1-founded", "kg:modality", "exactly one"),
        ({"founded_predicate": "rdf:predicate kg:admires ;"}, "claim:t1-founded", "rdf:predicate", "relation declared"),
        ({"founded_edge": "e:arthur-mensch kg:founded e:nvidia ."}, "e:arthur-mensch", "kg:founded", "has no asserted or reported claim"),
        ({"mistral_labels": 'rdfs:label "Mistral AI" , "Mistral" ;'}, "e:mistral-ai", "rdfs:label", "exactly one rdfs:label"),
        ({"nvidia_type": "a kg:Company ;"}, "e:nvidia", "rdf:type", "also be typed kg:Organization"),
        ({"nvidia_type": ""}, "claim:t1-invested", "rdf:subject", "a typed entity"),
        ({"article_sha": 'kg:sha256 "not-a-hash" ;'}, "article:t1", "kg:sha256", "64 lower-case hexadecimal"),
        ({"extra": "e:paris owl:sameAs <https://fr.wikipedia.org/wiki/Paris> ."}, "e:paris", "owl:sameAs", "Wikidata item"),
    ],
    ids=[
        "quote-missing", "quote-without-language", "start-after-end", "span-length-differs-from-quote",
        "offset-not-integer", "confidence-above-one", "confidence-missing", "unknown-modality", "two-modalities",
        "predicate-not-a-relation", "edge-without-claim", "two-labels", "company-not-organization",
        "subject-untyped", "bad-sha256", "same-as-not-wikidata",
    ],
)
def test_each_broken_graph_fails_with_a_message_naming_the_problem(kg, store_of, override, focus, path, fragment):
    result = kg("validate", "--store", store_of(**override), "--limit", "0")
    assert result.exit_code == 1, result.out
    violations = [line for line in result.out.splitlines() if line.startswith("Violation: ")]
    matching = [line for line in violations if f" {focus} {path}".rstrip() in line and fragment in line]
    assert matching, result.out
    assert result.out.splitlines()[-1].startswith("does not conform: ")


def test_relation_ends_of_an_unexpected_type_are_warnings_only(kg, store_of):
    result = kg("validate", "--store", store_of(extra="e:arthur-mensch kg:develops e:paris ."), "--limit", "0")
    warnings = [line for line in result.out.splitlines() if line.startswith("Warning: ")]
    assert any("e:arthur-mensch kg:develops = e:paris" in line and "should point to a product" in line for line in warnings)
    # the same edge has no claim, so that is a violation, and the warning did not hide it
    assert result.exit_code == 1
    assert "has no asserted or reported claim" in result.out


def test_json_output_lists_every_finding(kg, store_of):
    result = kg("validate", "--store", store_of(founded_confidence='kg:confidence "1.5"^^xsd:decimal ;'), "--json")
    assert result.exit_code == 1
    report = json.loads(result.out)
    assert report["conforms"] is False and report["triples"] > 50
    assert {
        "severity": "Violation",
        "focus": "claim:t1-founded",
        "path": "kg:confidence",
        "value": '"1.5"',
        "message": "a claim needs exactly one kg:confidence, an xsd:decimal between 0 and 1",
    } in report["findings"]


def test_limit_caps_the_printed_findings(kg, store_of):
    broken = store_of(founded_quote="", founded_confidence="", founded_modality="")
    lines = kg("validate", "--store", broken, "--limit", "1").out.splitlines()
    assert sum(line.startswith("Violation: ") for line in lines) == 1
    # quote, confidence and modality, plus the plain edge, which no asserted claim supports any more
    assert lines[-2] == "... and 3 more (--limit 0 shows all)"
    assert lines[-1].startswith("does not conform: 4 violation(s)")
    everything = kg("validate", "--store", broken, "--limit", "0").out
    assert sum(line.startswith("Violation: ") for line in everything.splitlines()) == 4


def test_custom_shapes_replace_the_ontology(kg, store_of, tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix kg: <https://w3id.org/newsgraph/ontology#> .\n"
        "@prefix dct: <http://purl.org/dc/terms/> .\n"
        "kg:NeedsUrl a sh:NodeShape ; sh:targetClass kg:Article ;\n"
        "  sh:property [ sh:path <https://schema.org/url> ; sh:minCount 1 ; sh:message \"no url\" ] .\n",
        encoding="utf-8",
    )
    result = kg("validate", "--store", store_of(), "--shapes", shapes)
    assert result.exit_code == 1
    assert "Violation: article:t1 schema:url: no url" in result.out


SHAPES_HEAD = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix kg: <https://w3id.org/newsgraph/ontology#> .\n"


@pytest.mark.parametrize(
    ("shapes", "error"),
    [
        ("sh:a sh:b sh:c\nsh:d .\n", "not valid Turtle: at line 4"),
        ('kg:S a sh:NodeShape ; sh:targetClass kg:Article ; sh:property [ sh:path kg:x ; sh:minCount "many" ] .\n',
         "not valid SHACL: MinCountConstraintComponent sh:minCount must be a literal"),
        ('kg:S a sh:NodeShape ; sh:targetNode kg:Claim ; sh:sparql [ sh:select "SELECT $this WHERE { oops" ] .\n',
         "a SPARQL constraint does not parse: Expected SelectQuery, found 'oops'"),
    ],
    ids=["bad-turtle", "bad-shacl", "bad-sparql-constraint"],
)
def test_a_broken_shapes_file_is_a_one_line_error(kg, store_of, tmp_path, shapes, error):
    path = tmp_path / "broken.ttl"
    path.write_text(SHAPES_HEAD + shapes, encoding="utf-8")
    result = kg("validate", "--store", store_of(), "--shapes", path)
    assert result.exit_code == 1
    assert result.err.startswith(f"kg: error: {path}: {error}"), result.err
    assert len(result.err.strip().splitlines()) == 1 and result.out == ""


def test_a_missing_shapes_file_is_a_one_line_error(kg, store_of, tmp_path):
    result = kg("validate", "--store", store_of(), "--shapes", tmp_path / "nope.ttl")
    assert result.exit_code == 1
    assert result.err.strip() == f"kg: error: {tmp_path / 'nope.ttl'}: no such shapes file"


def test_a_missing_store_is_a_one_line_error(kg, tmp_path):
    result = kg("validate", "--store", tmp_path / "no-store")
    assert result.exit_code == 1
    assert result.err.startswith("kg: error: ") and len(result.err.strip().splitlines()) == 1


def test_validate_does_not_change_the_store(kg, store_of):
    path = store_of()
    with open_store(path) as store:
        before = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        before = int(next(iter(before))["n"].value)
    kg("validate", "--store", path)
    with open_store(path) as store:
        after = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))["n"].value)
    assert before == after > 50


def test_what_the_graph_writer_produces_conforms(kg, tmp_path):
    """The shapes and graph/rdf.py agree on the data model, whatever the extractor finds."""
    from graph.article import Article
    from graph.extract.model import Amount, Claim, Entity, Extraction
    from graph.rdf import article_graph, article_iri, article_meta, entity_meta, run_iri, run_meta
    from graph.store import ChangeSet

    article = Article(id="t1", path="/tmp/t1.txt", text=TEXT, title="Mistral AI lève des fonds", date="2024-06")
    entities = {
        "arthur-mensch": Entity("arthur-mensch", "Arthur Mensch", "Person"),
        "mistral-ai": Entity("mistral-ai", "Mistral AI", "Company", frozenset({"Mistral"})),
        "nvidia": Entity("nvidia", "Nvidia", "Company"),
        "les-echos": Entity("les-echos", "Les Echos", "Organization"),
        "londres": Entity("londres", "Londres", "Place", wikidata="Q84"),
    }
    claims = [
        Claim("arthur-mensch", "founded", "mistral-ai", *span(SENTENCES[0]), SENTENCES[0], confidence=0.9,
              amount=Amount(600_000_000, "EUR"), date="2023"),
        Claim("nvidia", "investedIn", "mistral-ai", *span(SENTENCES[1]), SENTENCES[1], modality="Reported",
              confidence=0.7, attributed_to="les-echos"),
        Claim("mistral-ai", "locatedIn", "londres", *span(SENTENCES[2]), SENTENCES[2], modality="Hedged", confidence=0.4),
    ]
    run = run_iri("test-extractor-version")
    changes = ChangeSet(
        articles={article_iri("t1").value: article_graph(article, Extraction(entities, claims), run)},
        meta=article_meta(article, "test-extractor-version") + run_meta(run, "test-extractor-version")
        + [quad for entity in entities.values() for quad in entity_meta(entity, set(entity.aliases))],
    )
    with open_store(tmp_path / "store", writable=True, create=True) as store:
        store.apply(changes)
    result = kg("validate", "--store", tmp_path / "store")
    assert result.exit_code == 0, result.out
    assert result.out.startswith("conforms (")


def test_the_seed_graph_conforms(kg, seed_store_path):
    result = kg("validate", "--store", seed_store_path, "--limit", "0")
    assert result.exit_code == 0, result.out
    assert "Violation" not in result.out


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_validate_reads_a_sparql_endpoint(kg, tmp_path):
    oxigraph = REPO / ".venv" / "bin" / "oxigraph"
    data = tmp_path / "data.trig"
    data.write_text(trig(founded_confidence='kg:confidence "1.5"^^xsd:decimal ;'), encoding="utf-8")
    subprocess.run([oxigraph, "load", "--location", tmp_path / "db", "--file", data], check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [oxigraph, "serve-read-only", "--location", tmp_path / "db", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not listening(port):
            assert time.monotonic() < deadline and server.poll() is None, "oxigraph did not start"
            time.sleep(0.05)
        result = kg("validate", "--endpoint", f"http://127.0.0.1:{port}/query")
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert result.exit_code == 1, result.out + result.err
    assert 'Violation: claim:t1-founded kg:confidence = "1.5"' in result.out


def test_an_ill_typed_literal_is_a_violation_without_a_traceback(kg, store_of):
    result = kg("validate", "--store", store_of(extra='e:paris dct:date "2024-02-30"^^xsd:date .'), "--limit", "0")
    assert result.exit_code == 1
    assert 'Violation: e:paris dct:date = "2024-02-30": not a valid xsd:date' in result.out.splitlines()
    assert result.err == ""
