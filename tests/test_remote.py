"""RemoteStore: any SPARQL 1.1 server as the store, tested against a real Oxigraph server."""

from __future__ import annotations

import http.server
import re
import threading
import time

import pyoxigraph as ox
import pytest

from graph.namespaces import ARTICLE, KG
from graph.store import ChangeSet, StoreError, open_store
from interop_support import oxigraph_server, remote, store_quads, synthetic_store_path  # noqa: F401  (fixtures)

GRAPH = ARTICLE + "remote-test"


@pytest.fixture
def loaded(remote, synthetic_store_path):
    """The remote store holding the synthetic dataset; yields (query endpoint, update endpoint)."""
    with open_store(endpoint=remote["query"], update_endpoint=remote["update"], writable=True) as store:
        store.load(ox.serialize(store_quads(synthetic_store_path), format=ox.RdfFormat.N_QUADS), ox.RdfFormat.N_QUADS)
    return remote


def rows(result) -> set[tuple]:
    return {tuple(str(value) for value in row) for row in result}


QUERIES = [
    "SELECT ?claim ?quote WHERE { ?claim a kg:Claim ; kg:quote ?quote ; kg:modality kg:Negated }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "SELECT ?e ?label WHERE { ?e a kg:Organization ; rdfs:label ?label } ORDER BY ?label LIMIT 5",
]


@pytest.mark.parametrize("sparql", QUERIES)
def test_queries_answer_like_the_embedded_store(loaded, synthetic_store_path, sparql):
    with open_store(synthetic_store_path) as local, open_store(endpoint=loaded["query"]) as remote_store:
        expected = rows(local.query(sparql))
        assert expected, "the query should match something"
        assert rows(remote_store.query(sparql)) == expected


def test_result_types_match_the_embedded_store(loaded):
    with open_store(endpoint=loaded["query"]) as store:
        assert isinstance(store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1"), ox.QuerySolutions)
        assert store.query("ASK { ?c a kg:Claim }") and not store.query("ASK { ?c a kg:Nothing }")
        triples = store.query("CONSTRUCT { ?c kg:quote ?q } WHERE { ?c kg:quote ?q } LIMIT 3")
        assert isinstance(triples, ox.QueryTriples)
        assert len([t for t in triples if t.predicate == ox.NamedNode(KG + "quote")]) == 3
        assert sorted(store.named_graphs()) == store.named_graphs() and GRAPH not in store.named_graphs()


def test_apply_replaces_an_article_graph(remote):
    def quad(value: str) -> ox.Quad:
        return ox.Quad(ox.NamedNode(GRAPH), ox.NamedNode(KG + "note"), ox.Literal(value, language="fr"), ox.NamedNode(GRAPH))

    with open_store(endpoint=remote["query"], update_endpoint=remote["update"], writable=True) as store:
        store.apply(ChangeSet(articles={GRAPH: [quad("première « version »\n")]}))
        store.apply(ChangeSet(articles={GRAPH: [quad("seconde version")]}))
        assert list(store.quads(GRAPH)) == [quad("seconde version")]
        store.apply(ChangeSet(articles={GRAPH: None}))
        assert GRAPH not in store.named_graphs()


def test_a_failing_change_set_changes_nothing(remote):
    with open_store(endpoint=remote["query"], update_endpoint=remote["update"], writable=True) as store:
        store.update(f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <{GRAPH}> kg:note 'avant' }} }}")
        broken = ChangeSet(articles={GRAPH: None}, cleanup=["DELETE WHERE { ?s ?p"])
        with pytest.raises(StoreError, match="HTTP 400"):
            store.apply(broken)
        assert [q.object.value for q in store.quads(GRAPH)] == ["avant"]


def nquads(graphs: int, per_graph: int) -> bytes:
    return "".join(f"<http://example.org/s{i}> <http://example.org/p> \"{i}\" <{GRAPH}-{g}> .\n"
                   for g in range(graphs) for i in range(per_graph)).encode()


def test_a_large_load_goes_in_batches(remote, monkeypatch):
    from graph.store import remote as remote_module

    monkeypatch.setattr(remote_module, "LOAD_BATCH", 7)
    with open_store(endpoint=remote["query"], update_endpoint=remote["update"], writable=True) as store:
        store.load(nquads(3, 10), ox.RdfFormat.N_QUADS)
        assert len(list(store.quads())) == 30
        assert store.named_graphs() == [f"{GRAPH}-{g}" for g in range(3)]


def test_a_load_that_fails_half_way_drops_the_graphs_it_created(remote, monkeypatch):
    from graph.store import remote as remote_module

    monkeypatch.setattr(remote_module, "LOAD_BATCH", 7)
    with open_store(endpoint=remote["query"], update_endpoint=remote["update"], writable=True) as store:
        store.update(f"INSERT DATA {{ GRAPH <{GRAPH}-old> {{ <{GRAPH}> kg:note 'avant' }} }}")
        send, inserts = store._send, []

        def send_then_fail(url, content_type, body, *args, **kwargs):
            if body.startswith("INSERT DATA"):
                inserts.append(body)
                if len(inserts) == 3:
                    raise StoreError("the SPARQL endpoint went away")
            return send(url, content_type, body, *args, **kwargs)

        monkeypatch.setattr(store, "_send", send_then_fail)
        with pytest.raises(StoreError, match="went away"):
            store.load(nquads(3, 10), ox.RdfFormat.N_QUADS)
        assert store.named_graphs() == [f"{GRAPH}-old"]


def test_writes_need_a_writable_store_and_an_update_endpoint(remote):
    with open_store(endpoint=remote["query"]) as store, pytest.raises(StoreError, match="read-only"):
        store.update("INSERT DATA { <http://a> <http://b> <http://c> }")
    with pytest.raises(StoreError, match="needs --update-endpoint"):
        open_store(endpoint=remote["query"], writable=True)


class StubEndpoint(http.server.BaseHTTPRequestHandler):
    """A misbehaving SPARQL server: /private wants credentials, /broken fails, /slow answers too late."""

    def do_POST(self):
        if self.path.startswith("/slow"):
            time.sleep(2)
        status = {"/private": 401, "/broken": 500}.get(self.path.split("?")[0], 200)
        self.send_response(status)
        self.send_header("Content-Type", "text/plain" if status == 500 else "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(b"storage exploded\nat line 3" if status == 500 else b'{"head":{},"boolean":true}')

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def stub():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StubEndpoint)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("path, message", [
    ("/private", r"the SPARQL endpoint http://u:\*\*\*@127\.0\.0\.1:\d+/private refused access \(HTTP 401\)"),
    ("/broken", r"the SPARQL endpoint http://u:\*\*\*@127\.0\.0\.1:\d+/broken answered HTTP 500: storage exploded$"),
])
def test_http_errors_are_one_line(kg, stub, path, message):
    result = kg("export", "--endpoint", stub.replace("http://", "http://u:secret@") + path)
    assert result.exit_code == 1
    assert re.match("kg: error: " + message, result.err), result.err
    assert result.err.count("\n") == 1 and "secret" not in result.err


def test_unreachable_endpoint(kg):
    from graph.interop.server import free_port

    result = kg("export", "--endpoint", f"http://127.0.0.1:{free_port()}/query")
    assert result.exit_code == 1
    assert result.err.startswith("kg: error: cannot reach the SPARQL endpoint http://127.0.0.1:") and result.err.count("\n") == 1


def test_timeout(stub):
    with open_store(endpoint=stub + "/slow") as store, pytest.raises(StoreError) as caught:
        store.query("ASK {}", timeout=0.3)
    assert str(caught.value) == f"the SPARQL endpoint {stub}/slow did not answer within 0.3 s (timeout)"
