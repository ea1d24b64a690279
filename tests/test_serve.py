"""`kg serve`: a real SPARQL 1.1 Protocol server on the store, queried with httpx."""

from __future__ import annotations

import csv
import http.server
import io
import json
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ElementTree

import httpx
import pyoxigraph as ox
import pytest
import rdflib

from conftest import copy_store
from graph.interop.server import free_port
from interop_support import FOREIGN_GRAPH, store_quads, synthetic_store_path  # noqa: F401  (fixture)

SELECT = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
CONSTRUCT = "CONSTRUCT WHERE { ?s <https://schema.org/name> ?o }"
# Counting the store's cross product with itself: far longer than the timeout.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"


def start_kg_serve(store, *options) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "graph", "serve", "--store", str(store), "--port", str(port), *options],
        stderr=subprocess.PIPE, text=True,
    )
    # kg prints its banner once the server answers; Oxigraph's own messages may come first.
    lines = []
    while not (lines and lines[-1].startswith("Serving ")):
        lines.append(process.stderr.readline())
        assert lines[-1], "kg serve exited: " + "".join(lines)
    return process, f"http://127.0.0.1:{port}"


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    assert process.wait(timeout=30) == 0


@pytest.fixture(scope="module")
def store_copy(synthetic_store_path, tmp_path_factory):
    return copy_store(synthetic_store_path, tmp_path_factory.mktemp("served") / "store")


@pytest.fixture(scope="module")
def server(store_copy):
    process, url = start_kg_serve(store_copy, "--timeout", "2")
    yield url
    stop(process)


def query(url: str, sparql: str, accept: str) -> httpx.Response:
    return httpx.post(url + "/query", data={"query": sparql}, headers={"Accept": accept}, timeout=30)


def test_select_results_in_json_xml_csv_and_tsv(server, store_copy):
    expected = {}
    for q in store_quads(store_copy):
        expected[q.graph_name.value] = expected.get(q.graph_name.value, 0) + 1

    response = query(server, SELECT, "application/sparql-results+json")
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    bindings = response.json()["results"]["bindings"]
    assert {b["g"]["value"]: int(b["n"]["value"]) for b in bindings} == expected

    response = query(server, SELECT, "application/sparql-results+xml")
    assert response.headers["content-type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    results = ElementTree.fromstring(response.content).findall(".//r:result", ns)
    assert {r.find("r:binding[@name='g']/r:uri", ns).text: int(r.find("r:binding[@name='n']/r:literal", ns).text)
            for r in results} == expected

    response = query(server, SELECT, "text/csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert {row["g"]: int(row["n"]) for row in csv.DictReader(io.StringIO(response.text))} == expected

    response = query(server, SELECT, "text/tab-separated-values")
    assert response.headers["content-type"].startswith("text/tab-separated-values")
    solutions = ox.parse_query_results(response.content, ox.QueryResultsFormat.TSV)
    assert {s["g"].value: int(s["n"].value) for s in solutions} == expected


@pytest.mark.parametrize("accept, rdflib_format", [("text/turtle", "turtle"), ("application/n-triples", "nt")])
def test_construct_in_turtle_and_ntriples(server, accept, rdflib_format):
    response = httpx.get(server + "/query", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    graph = rdflib.Graph().parse(data=response.text, format=rdflib_format)
    assert {str(o) for o in graph.objects()} == {"xAI", "Elon Musk"}


def test_default_graph_is_the_union_of_all_graphs(server, store_copy):
    response = query(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "application/sparql-results+json")
    distinct_triples = {(q.subject, q.predicate, q.object) for q in store_quads(store_copy)}
    assert int(response.json()["results"]["bindings"][0]["n"]["value"]) >= len(distinct_triples)


def test_read_only_server_refuses_updates_and_writers_but_not_readers(kg, server, store_copy, tmp_path):
    response = httpx.post(server + "/update", data={"update": "INSERT DATA { <http://a> <http://b> <http://c> }"})
    assert response.status_code >= 400
    triples = tmp_path / "more.nt"
    triples.write_text("<http://a> <http://b> <http://c> .\n", encoding="utf-8")
    writer = kg("import", triples, "--store", store_copy)
    assert writer.exit_code == 1 and "is locked" in writer.err
    assert kg("export", "--store", store_copy, "-f", "nquads").exit_code == 0


def test_per_query_timeout(server):
    # Oxigraph cancels the query at the deadline; results already under way end with the error text.
    started = time.monotonic()
    response = query(server, ENDLESS, "application/sparql-results+json")
    assert response.status_code >= 400 or "cancelled" in response.text
    assert time.monotonic() - started < 10


def test_the_remote_store_works_through_kg_serve(kg, server, store_copy):
    local = kg("export", "--store", store_copy, "-f", "nquads").out
    remote = kg("export", "--endpoint", server + "/query", "-f", "nquads").out
    assert sorted(local.splitlines()) == sorted(remote.splitlines())


def test_writable_server_accepts_updates_that_persist(synthetic_store_path, tmp_path):
    store = copy_store(synthetic_store_path, tmp_path / "store")
    process, url = start_kg_serve(store, "--writable")
    try:
        update = f"INSERT DATA {{ GRAPH <{FOREIGN_GRAPH}> {{ <http://a> <http://b> 'écrit' }} }}"
        assert httpx.post(url + "/update", data={"update": update}).status_code == 204
    finally:
        stop(process)
    assert any(q.object == ox.Literal("écrit") for q in store_quads(store))


def test_serve_refuses_a_remote_store_and_a_busy_port(kg, server):
    result = kg("serve", "--endpoint", server + "/query")
    assert result.exit_code == 1 and "already a SPARQL endpoint" in result.err
    busy_port = server.rsplit(":", 1)[1]
    result = kg("serve", "--store", "unused", "--port", busy_port)
    assert result.exit_code == 1


def test_listens_on_localhost_by_default(kg):
    help_text = kg("serve", "--help").out
    assert "--host TEXT" in help_text and "[default: 127.0.0.1]" in help_text


class _Listener(http.server.ThreadingHTTPServer):
    """A local HTTP server that records the requests it gets and answers with no solutions."""

    def __init__(self):
        self.requests: list[str] = []
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                listener.requests.append(self.path)
                body = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/sparql"


@pytest.fixture
def listener():
    server = _Listener()
    yield server
    server.shutdown()
    server.server_close()


def test_service_and_remote_from_are_refused_with_a_one_line_400(server, listener):
    service = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    remote_from = f"SELECT * FROM <{listener.url}> WHERE {{ ?s ?p ?o }}"
    for sparql, refusal in ((service, "SERVICE refused"), (remote_from, f"FROM <{listener.url}> refused")):
        for response in (query(server, sparql, "application/sparql-results+json"),
                         httpx.get(server + "/query", params={"query": sparql}),
                         httpx.post(server + "/query", content=sparql.encode(),
                                    headers={"Content-Type": "application/sparql-query"})):
            assert response.status_code == 400
            assert response.text.startswith(refusal) and "--allow-network" in response.text
            assert response.text.count("\n") == 1
    load = httpx.post(server + "/update", data={"update": f"LOAD <{listener.url}>"})
    assert load.status_code == 400 and "read-only" in load.text
    assert listener.requests == []


def test_allow_network_lets_service_reach_out(store_copy, listener):
    process, url = start_kg_serve(store_copy, "--allow-network")
    try:
        response = query(url, f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
                         "application/sparql-results+json")
    finally:
        stop(process)
    assert response.status_code == 200 and len(listener.requests) == 1


def test_from_a_graph_of_the_store_queries_that_graph_alone(kg, server, store_copy):
    graph = FOREIGN_GRAPH
    in_graph = sum(1 for q in store_quads(store_copy) if q.graph_name.value == graph)
    counting = "SELECT (COUNT(*) AS ?n) {dataset} WHERE {{ ?s ?p ?o }}"
    for dataset, expected in ((f"FROM <{graph}>", in_graph), ("# FROM <x>\n", None)):
        sparql = counting.format(dataset=dataset)
        response = query(server, sparql, "application/sparql-results+json")
        count = int(response.json()["results"]["bindings"][0]["n"]["value"])
        assert count == expected if expected is not None else count > in_graph
        remote = kg("query", "--endpoint", server + "/query", "--format", "csv", sparql)
        assert remote.exit_code == 0 and remote.out.split() == ["n", str(count)]
