"""The entity label index that the embedded store keeps beside its database."""

from __future__ import annotations

from graph.namespaces import ENTITY, META_GRAPH
from graph.repl.index import CompletionIndex
from graph.store.label_index import FILE_NAME, LabelIndex
from graph.store.local import DATABASE, LocalStore

ZORGLUB = f"INSERT DATA {{ GRAPH <{META_GRAPH}> {{ <{ENTITY}zorglub-ventures> a kg:InvestmentFund ; rdfs:label \"Zorglub Ventures\" ; skos:altLabel \"Zorglub\" }} }}"


def names(entries) -> list[str]:
    return [entry.name for entry in entries]


def test_a_build_leaves_an_index_of_every_entity_beside_the_database(seed_store_path):
    assert (seed_store_path / DATABASE / FILE_NAME).is_file()
    store = LocalStore(seed_store_path)
    try:
        index = store.label_index()
        labels = {row["e"].value for row in store.query("SELECT DISTINCT ?e { GRAPH ?g { ?e rdfs:label ?l } FILTER(STRSTARTS(STR(?e), STR(e:))) }")}
        assert set(index.iris()) == labels
        assert index.labels[f"{ENTITY}xai"] == "xAI"
    finally:
        store.close()


def test_matches_rank_prefix_then_word_start_then_substring_then_letters_in_order(tmp_path):
    store = LocalStore(tmp_path / "store", writable=True, create=True)
    try:
        for key, label in [("capital-one", "Capital One"), ("sequoia-capital", "Sequoia Capital"),
                           ("tencapitals", "Tencapitals"), ("cap-and-tail", "Cap Anthem Ltd")]:
            store.update(f'INSERT DATA {{ GRAPH <{META_GRAPH}> {{ <{ENTITY}{key}> rdfs:label "{label}" }} }}')
        index = store.label_index()
        assert names(index.find("capital")) == ["e:capital-one", "e:sequoia-capital", "e:tencapitals"]
        assert names(index.find("CAPITÀL", limit=1)) == ["e:capital-one"]
        assert names(index.find("cpitl")) == ["e:capital-one", "e:tencapitals", "e:sequoia-capital"]
        assert names(index.find("c%p")) == []  # LIKE's wildcards are plain letters here
        assert len(index.find("", limit=None)) == 4
    finally:
        store.close()


def test_the_index_follows_updates_to_the_store(seed_store_copy):
    store = LocalStore(seed_store_copy, writable=True)
    try:
        assert store.label_index().find("zorglub") == []
        store.update(ZORGLUB)
        found = store.label_index().find("zorglub")
        assert names(found) == ["e:zorglub-ventures"] and found[0].type == "InvestmentFund"
        assert found[0].aliases == ("Zorglub",)
        store.update(f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{ENTITY}zorglub-ventures> ?p ?o }} }}")
        assert store.label_index().find("zorglub") == []
    finally:
        store.close()


def test_a_failed_update_leaves_the_index_in_place(seed_store_copy):
    store = LocalStore(seed_store_copy, writable=True)
    try:
        try:
            store.update("INSERT DATA { this is not SPARQL }")
        except SyntaxError:
            pass
        assert (seed_store_copy / DATABASE / FILE_NAME).is_file()
        assert names(store.label_index().find("sequ")) == ["e:sequoia-capital"]
    finally:
        store.close()


def test_without_its_index_a_store_is_still_searchable(seed_store_copy):
    (seed_store_copy / DATABASE / FILE_NAME).unlink()
    store = LocalStore(seed_store_copy)
    try:
        assert store.label_index() is None
        assert names(CompletionIndex.build(store).find_entities("sequ")) == ["e:sequoia-capital"]
    finally:
        store.close()


def test_a_writable_server_child_takes_the_index_away_until_the_next_write(seed_store_copy):
    store = LocalStore(seed_store_copy, writable=True)
    try:
        store.release_database()
        assert not (seed_store_copy / DATABASE / FILE_NAME).exists()
    finally:
        store.close()


def test_an_unreadable_index_is_ignored(tmp_path):
    broken = tmp_path / FILE_NAME
    broken.write_bytes(b"not a database")
    assert LabelIndex.open(broken) is None
