"""`kg build`, `kg retract`, `kg stats`, `kg why`: the provenance contract and the store's safety."""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import REPO, SEEDS
from graph.namespaces import ARTICLE, ENTITY, KG, META_GRAPH
from graph.store import open_store


def all_quads(store_path: Path) -> set[str]:
    with open_store(store_path) as store:
        return {str(q) for q in store.oxigraph.quads_for_pattern(None, None, None, None)}


def claims(store) -> list[dict]:
    rows = store.query("""
      SELECT ?g ?c ?article ?quote ?start ?end ?modality ?confidence ?run ?file WHERE {
        GRAPH ?g { ?c a kg:Claim .
          OPTIONAL { ?c prov:wasDerivedFrom ?article } OPTIONAL { ?c kg:quote ?quote }
          OPTIONAL { ?c kg:charStart ?start } OPTIONAL { ?c kg:charEnd ?end }
          OPTIONAL { ?c kg:modality ?modality } OPTIONAL { ?c kg:confidence ?confidence }
          OPTIONAL { ?c prov:wasGeneratedBy ?run } }
        OPTIONAL { GRAPH ?meta { ?article kg:fileName ?file } }
      }""")
    return [{k: (row[k].value if row[k] is not None else None) for k in
             ("g", "c", "article", "quote", "start", "end", "modality", "confidence", "run", "file")} for row in rows]


def test_every_claim_carries_its_provenance(seed_store):
    found = claims(seed_store)
    assert len(found) >= 10
    for claim in found:
        assert None not in claim.values(), claim
        assert claim["g"] == claim["article"], "a claim lives in its article's graph"
        text = (SEEDS / claim["file"]).read_text(encoding="utf-8")
        assert text[int(claim["start"]):int(claim["end"])] == claim["quote"]
        assert claim["modality"].removeprefix(KG) in ("Asserted", "Reported", "Hedged", "Negated")
        assert 0 <= float(claim["confidence"]) <= 1


def test_default_graph_is_empty_and_every_article_has_a_graph(seed_store):
    assert not list(seed_store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    graphs = set(seed_store.named_graphs())
    assert META_GRAPH in graphs
    assert {ARTICLE + p.stem for p in SEEDS.glob("*.txt")} <= graphs


def test_plain_edges_only_for_asserted_or_reported_claims(seed_store):
    rows = seed_store.query("""
      SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o . FILTER(STRSTARTS(STR(?p), STR(kg:)))
        FILTER(?p IN (kg:founded, kg:investedIn, kg:partnersWith, kg:sued))
        FILTER NOT EXISTS { ?c rdf:predicate ?p ; kg:modality ?m FILTER(?m IN (kg:Asserted, kg:Reported))
          { ?c rdf:subject ?s ; rdf:object ?o } UNION { ?c rdf:subject ?o ; rdf:object ?s FILTER(?p = kg:partnersWith) } } } }""")
    assert list(rows) == []


def test_a_symmetric_relation_is_stored_both_ways(seed_store):
    pairs = {(r["s"].value, r["o"].value) for r in seed_store.query("SELECT ?s ?o WHERE { ?s kg:partnersWith ?o }")}
    assert pairs and pairs == {(o, s) for s, o in pairs}
    investments = {(r["s"].value, r["o"].value) for r in seed_store.query("SELECT ?s ?o WHERE { ?s kg:investedIn ?o }")}
    assert not investments & {(o, s) for s, o in investments}


def test_entities_are_canonical_and_described_in_the_meta_graph(seed_store):
    assert seed_store.query(f"ASK {{ GRAPH <{META_GRAPH}> {{ <{ENTITY}xai> a ?t ; rdfs:label ?l }} }}")
    labels = [r["l"].value for r in seed_store.query(
        f"SELECT ?l WHERE {{ GRAPH <{META_GRAPH}> {{ ?e rdfs:label ?l }} }}")]
    assert len(labels) == len(set(labels)), "one IRI per real-world entity"
    for alias in ("Blackrock", "Sequoia", "Twitter"):
        assert not any(label == alias for label in labels), f"{alias} should be an alias, not an entity"


def test_articles_have_metadata(seed_store):
    row = next(iter(seed_store.query(f"""
      SELECT ?title ?date ?lang ?sha WHERE {{ GRAPH <{META_GRAPH}> {{
        <{ARTICLE}001_940ea81459320ef3> dct:title ?title ; dct:date ?date ; dct:language ?lang ; kg:sha256 ?sha }} }}""")))
    assert row["date"].value == "2024-05-28"
    assert row["lang"].value == "fr"
    assert len(row["sha"].value) == 64


def test_boilerplate_never_enters_the_graph(seed_store):
    text = (SEEDS / "002_4257ad5b048eb414.txt").read_text(encoding="utf-8")
    tail = text.index("Partager cet article\nCommentaires")
    for claim in claims(seed_store):
        if claim["file"].startswith("002"):
            assert int(claim["end"]) <= tail
    labels = {r["l"].value for r in seed_store.query("SELECT ?l WHERE { GRAPH ?g { ?e rdfs:label ?l } }")}
    assert not labels & {"Isabelle Hock", "Vincent Clairmont", "Thibault de Varenne", "Lalaina Andriamparany", "Scholz"}


def test_noop_rebuild_does_no_work_and_force_rebuild_gives_the_same_quads(seed_store_copy, kg):
    before = all_quads(seed_store_copy)
    result = kg("build", SEEDS, "--store", seed_store_copy)
    assert result.exit_code == 0
    assert "0 article(s) built, 5 unchanged" in result.out
    result = kg("build", SEEDS, "--store", seed_store_copy, "--force")
    assert "5 article(s) built" in result.out
    assert all_quads(seed_store_copy) == before


def test_changed_article_graph_is_replaced(seed_store_copy, tmp_path, kg):
    articles = tmp_path / "articles"
    shutil.copytree(SEEDS, articles)
    target = articles / "004_933631516f5a005c.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("Oracle", "Salesforce"), encoding="utf-8")
    result = kg("build", articles, "--store", seed_store_copy)
    assert "1 article(s) built, 4 unchanged" in result.out
    with open_store(seed_store_copy) as store:
        quotes = [r["q"].value for r in store.query(
            f"SELECT ?q WHERE {{ GRAPH <{ARTICLE}004_933631516f5a005c> {{ ?c kg:quote ?q }} }}")]
    assert quotes and not any("Oracle" in q for q in quotes)


def test_retract_drops_one_article_and_keeps_edges_other_articles_support(seed_store_copy, kg):
    with open_store(seed_store_copy) as store:
        shared = list(store.query("""
          SELECT ?s ?p ?o ?g1 ?g2 WHERE { GRAPH ?g1 { ?s ?p ?o } GRAPH ?g2 { ?s ?p ?o }
            FILTER(?p IN (kg:founded, kg:investedIn, kg:partnersWith, kg:sued) && STR(?g1) < STR(?g2)) } LIMIT 1"""))
    assert shared, "the seeds share at least one edge between two articles"
    s, p, o, retracted, other = (shared[0][k] for k in ("s", "p", "o", "g1", "g2"))
    article_id = retracted.value.removeprefix(ARTICLE)
    assert kg("retract", article_id, "--store", seed_store_copy).exit_code == 0
    with open_store(seed_store_copy) as store:
        assert retracted.value not in store.named_graphs()
        assert not store.query(f"ASK {{ GRAPH ?g {{ ?c prov:wasDerivedFrom {retracted} }} }}")
        assert store.query(f"ASK {{ GRAPH {other} {{ {s} {p} {o} }} }}")
        assert not store.query(f"ASK {{ GRAPH <{META_GRAPH}> {{ {retracted} ?x ?y }} }}")
    result = kg("retract", "no-such-article", "--store", seed_store_copy)
    assert result.exit_code == 1 and result.err.count("\n") == 1 and "no-such-article" in result.err


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("latin1.txt", "Le fonds a investi dans la société.".encode("latin-1"), "not valid UTF-8"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("front.md", b"---\ntitle: Sans fin\nOpenAI lance un fonds.\n", "never closed"),
        ("february.md", b"---\ndate: 2024-02-30\n---\nOpenAI lance un fonds.\n", "date '2024-02-30' does not exist"),
        ("february.txt", "Publié le 31 février 2024\nOpenAI lance un fonds.\n".encode(), "date '2024-02-31' does not exist"),
        ("undated.md", b"---\ndate: not a date\n---\nOpenAI lance un fonds.\n", "date 'not a date' is not YYYY-MM-DD"),
    ],
)
def test_bad_input_is_reported_on_one_line_and_the_others_are_built(tmp_path, kg, name, content, reason):
    articles = tmp_path / "in"
    articles.mkdir()
    shutil.copy(SEEDS / "004_933631516f5a005c.txt", articles)
    (articles / name).write_bytes(content)
    result = kg("build", articles, tmp_path / "missing.txt", "--store", tmp_path / "store")
    assert result.exit_code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 2, result.err
    assert any(name in line and reason in line for line in lines)
    assert any("missing.txt" in line and "no such file" in line for line in lines)
    assert "Traceback" not in result.err
    assert "1 article(s) built" in result.out


def test_an_article_that_crashes_the_extractor_is_named_and_the_others_are_built(tmp_path, kg, monkeypatch):
    from graph.extract import pipeline

    read = pipeline.ArticleReader.read

    def read_unless_cursed(reader, docs):
        if "cursed" in reader.article.path:
            raise ValueError("simulated extractor bug\nsecond line of detail")
        return read(reader, docs)

    monkeypatch.setattr(pipeline.ArticleReader, "read", read_unless_cursed)
    articles = tmp_path / "in"
    articles.mkdir()
    for name in ("001_940ea81459320ef3.txt", "004_933631516f5a005c.txt"):
        shutil.copy(SEEDS / name, articles)
    (articles / "002_cursed.txt").write_text("Le fonds Alpha a investi dans la start-up Beta.", encoding="utf-8")
    result = kg("build", articles, "--store", tmp_path / "store")
    assert result.exit_code == 1
    assert result.err.strip().splitlines() == [
        f"kg: skipped {articles / '002_cursed.txt'}: the extractor failed on this article (simulated extractor bug)"]
    assert "2 article(s) built" in result.out
    with open_store(tmp_path / "store") as store:
        files = {row["f"].value for row in store.query(f"SELECT ?f WHERE {{ GRAPH <{META_GRAPH}> {{ ?a kg:fileName ?f }} }}")}
    assert files == {"001_940ea81459320ef3.txt", "004_933631516f5a005c.txt"}


def test_markdown_front_matter_sets_metadata_and_offsets_stay_in_the_original_text(tmp_path, kg):
    article = tmp_path / "mistral.md"
    article.write_text(
        "---\ntitle: Mistral AI lève des fonds\ndate: 2024-06-11\nurl: https://exemple.fr/mistral\n"
        "publisher: Exemple\n---\n# Mistral AI lève des fonds\n\n"
        "La start-up parisienne Mistral AI a été fondée en 2023 par Arthur Mensch.   Le fonds "
        "General Catalyst a investi dans Mistral AI.\n",
        encoding="utf-8",
    )
    assert kg("build", article, "--store", tmp_path / "store").exit_code == 0
    with open_store(tmp_path / "store") as store:
        meta = next(iter(store.query(f"""SELECT ?t ?d ?u ?p WHERE {{ GRAPH <{META_GRAPH}> {{
          <{ARTICLE}mistral> dct:title ?t ; dct:date ?d ; schema:url ?u ; dct:publisher ?p }} }}""")))
        assert (meta["t"].value, meta["d"].value, meta["p"].value) == ("Mistral AI lève des fonds", "2024-06-11", "Exemple")
        found = claims(store)
    text = article.read_text(encoding="utf-8")
    assert found
    for claim in found:
        assert text[int(claim["start"]):int(claim["end"])] == claim["quote"]


def test_stats_and_why(seed_store_path, kg):
    result = kg("stats", "--store", seed_store_path)
    assert result.exit_code == 0
    assert "claims per relation:" in result.out and "investedIn" in result.out
    result = kg("why", "Sequoia", "investedIn", "xAI", "--store", seed_store_path)
    assert result.exit_code == 0, result.err
    assert "Sequoia" in result.out and "chars" in result.out and "«" in result.out
    result = kg("why", "Sequoi Capitl", "investedIn", "xAI", "--store", seed_store_path)
    assert result.exit_code == 1 and "did you mean" in result.err


def test_missing_store_says_what_to_run(tmp_path, kg):
    result = kg("stats", "--store", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert "kg build" in result.err and "Traceback" not in result.err


def test_a_reader_locks_writers_out_with_a_clear_message(seed_store_copy, kg):
    with open_store(seed_store_copy):
        result = kg("retract", "004_933631516f5a005c", "--store", seed_store_copy)
    assert result.exit_code == 1 and "locked" in result.err


@pytest.mark.parametrize("command", ["build", "query", "shell", "stats", "why", "retract", "validate", "eval",
                                     "viz", "export", "import", "serve"])
def test_every_command_has_help(kg, command):
    result = kg(command, "--help")
    assert result.exit_code == 0 and "Usage: kg " + command in result.out


def test_killed_build_leaves_the_previous_graph_intact(seed_store_copy, tmp_path):
    """kill -9 at several points of a build: the store always opens and holds the old or the new graph."""
    articles = tmp_path / "articles"
    shutil.copytree(SEEDS, articles)
    for path in articles.glob("*.txt"):
        path.write_text(path.read_text(encoding="utf-8") + "\nLe fonds Lightspeed a investi dans xAI.\n", encoding="utf-8")
    reference = tmp_path / "reference"
    shutil.copytree(seed_store_copy, reference)
    command = [sys.executable, "-m", "graph", "build", str(articles), "--store"]
    subprocess.run(command + [str(reference)], cwd=REPO, check=True, capture_output=True)
    before, expected = all_quads(seed_store_copy), all_quads(reference)
    assert before != expected
    seen = []
    for delay in (0.3, 1.0, 2.0, 3.0, 4.0, 5.0, 6.5):
        process = subprocess.Popen(command + [str(seed_store_copy)], cwd=REPO,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        after = all_quads(seed_store_copy)
        assert after in (before, expected), f"partial graph after kill at {delay}s"
        seen.append(after == expected)
        if seen[-1]:
            break
    assert not seen[0], "the earliest kill must leave the previous graph"


def test_why_names_the_source_by_its_label(tmp_path, kg):
    from test_repl_helpers import GRAPH_FILE

    with open_store(tmp_path, writable=True, create=True) as store, GRAPH_FILE.open("rb") as data:
        store.load(data, ox.RdfFormat.TRIG)
        store.update(f'INSERT DATA {{ GRAPH <{META_GRAPH}> {{ e:bloomberg rdfs:label "Bloomberg" }} }}')
    result = kg("why", "Sequoia", "investedIn", "xAI", "--store", tmp_path)
    assert result.exit_code == 0, result.err
    assert "(according to Bloomberg)" in result.out


@pytest.mark.parametrize("damage", ["garbage CURRENT", "missing sst"])
@pytest.mark.parametrize("command", [("stats",), ("query", "ASK {}"), ("build", str(SEEDS))])
def test_a_damaged_store_is_one_line_saying_what_to_do(seed_store_copy, kg, damage, command):
    database = seed_store_copy / "oxigraph"
    if damage == "garbage CURRENT":
        (database / "CURRENT").write_text("garbage\n")
    else:
        for table in database.glob("*.sst"):
            table.unlink()
    result = kg(*command, "--store", seed_store_copy)
    assert result.exit_code == 1
    assert result.err.startswith(f"kg: error: the store at {seed_store_copy} is damaged (")
    assert "kg build" in result.err and result.err.count("\n") == 1


def test_a_damaged_store_points_at_its_previous_copy(seed_store_copy, kg):
    shutil.copytree(seed_store_copy / "oxigraph", seed_store_copy / "oxigraph.previous")
    (seed_store_copy / "oxigraph" / "CURRENT").write_text("garbage\n")
    result = kg("stats", "--store", seed_store_copy)
    assert result.exit_code == 1
    assert f"rename {seed_store_copy / 'oxigraph.previous'} to {seed_store_copy / 'oxigraph'}" in result.err


def test_decomposed_accents_give_the_same_graph_and_hash_as_composed_ones(tmp_path, kg):
    import unicodedata

    name = "004_933631516f5a005c.txt"
    text = (SEEDS / name).read_text(encoding="utf-8")
    assert unicodedata.normalize("NFD", text) != text
    graphs = []
    for form in ("NFC", "NFD"):
        folder = tmp_path / form
        folder.mkdir()
        (folder / name).write_text(unicodedata.normalize(form, text), encoding="utf-8")
        assert kg("build", folder, "--store", tmp_path / f"store-{form}").exit_code == 0
        with open_store(tmp_path / f"store-{form}") as store:
            graphs.append({str(q) for q in store.quads()})
    assert graphs[0] == graphs[1]
    # The stored hash is the normalised text's: the composed file counts as unchanged in the other store.
    result = kg("build", tmp_path / "NFC", "--store", tmp_path / "store-NFD")
    assert "0 article(s) built, 1 unchanged" in result.out


def test_a_byte_order_mark_is_dropped_and_offsets_count_without_it(tmp_path):
    from graph.reader import read_article

    article = tmp_path / "bom.txt"
    article.write_bytes("\ufeffTitre\nOpenAI lance un fonds.\n".encode())
    read = read_article(article)
    assert read.text == "Titre\nOpenAI lance un fonds.\n" and read.title == "Titre"


def test_a_broken_metadata_json_is_named_once_and_its_articles_are_built_without_it(tmp_path):
    from graph.build import load_articles

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Titre\nOpenAI lance un fonds.\n", encoding="utf-8")
    (tmp_path / "metadata.json").write_text('{\n  "a.txt": {"title": "A",}\n}\n', encoding="utf-8")
    articles, errors = load_articles([str(tmp_path)])
    assert sorted(a.id for a in articles) == ["a", "b"] and {a.title for a in articles} == {"Titre"}
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'metadata.json'}: line 2, column 26: invalid JSON: Expecting property name enclosed in "
        "double quotes; the folder's articles are built without it"]


def test_files_with_the_same_name_in_two_folders_say_to_rename_one(tmp_path):
    from graph.build import load_articles

    for month in ("01", "02"):
        (tmp_path / month).mkdir()
        (tmp_path / month / "a.txt").write_text("Titre\nOpenAI lance un fonds.\n", encoding="utf-8")
    articles, errors = load_articles([str(tmp_path)])
    assert [a.id for a in articles] == ["a"]
    assert [str(e) for e in errors] == [
        f"{tmp_path / '02' / 'a.txt'}: same article id 'a' as {tmp_path / '01' / 'a.txt'} (an article's id is its "
        "file name without the extension); rename one of the two files"]


def test_an_entity_gets_the_same_description_whatever_order_its_articles_come_in():
    from graph.build import merged_entity
    from graph.extract.model import Entity

    vague = Entity("lumina", "Lumina", "Organization", aliases=frozenset({"Lumina SAS"}))
    start_up = Entity("lumina", "Lumina", "Company")
    plain = Entity("lumina", "LUMINA", "Company")
    merged = {merged_entity(list(order), None) for order in itertools.permutations([vague, start_up, plain])}
    assert len(merged) == 1
    (entity,) = merged
    assert (entity.type, entity.label) == ("Company", "Lumina")
    assert entity.aliases == {"Lumina SAS", "LUMINA"}
    accented, bare = Entity("clairval", "Éditions Clairval", "Company"), Entity("clairval", "Editions Clairval", "Company")
    assert merged_entity([bare, accented], None).label == merged_entity([accented, bare], None).label == "Éditions Clairval"


def test_a_later_build_refines_a_stored_description_but_does_not_coarsen_it():
    from graph.build import StoredEntity, merged_entity
    from graph.extract.model import Entity

    stored = StoredEntity(label="Lumina", types={"Company", "Organization"})
    assert merged_entity([Entity("lumina", "Lumina", "Organization")], stored).type == "Company"
    assert merged_entity([Entity("lumina", "Lumina", "Company")], StoredEntity(label="Lumina", types={"Organization"})).type == "Company"
