"""The main commands behave the same on the embedded store and on a SPARQL 1.1 server (Oxigraph)."""

from __future__ import annotations

import subprocess

import pyoxigraph as ox
import pytest

from conftest import SEEDS
from graph.namespaces import ARTICLE
from graph.store import open_store
from interop_support import dataset_of, oxigraph_server, remote, remote_options, store_quads  # noqa: F401  (fixtures)

RETRACTED = "002_4257ad5b048eb414"


@pytest.fixture(params=["local", "remote"])
def backend(request, seed_store_copy) -> list[str]:
    """Store options for a writable copy of the seed graph, on each back-end."""
    if request.param == "local":
        return ["--store", str(seed_store_copy)]
    endpoints = request.getfixturevalue("remote")
    copy_to_remote(seed_store_copy, endpoints)
    return remote_options(endpoints)


def copy_to_remote(store_path, endpoints) -> None:
    with open_store(endpoint=endpoints["query"], update_endpoint=endpoints["update"], writable=True) as store:
        store.load(ox.serialize(store_quads(store_path), format=ox.RdfFormat.N_QUADS), ox.RdfFormat.N_QUADS)


def dataset(options: list[str]) -> set:
    if options[0] == "--store":
        return dataset_of(store_quads(options[1]))
    with open_store(endpoint=options[1]) as store:
        return dataset_of(store.quads())


@pytest.mark.parametrize("where", ["local", "remote"])
def test_build_writes_the_same_dataset(kg, request, tmp_path, seed_store_path, where):
    options = ["--store", str(tmp_path / "store")] if where == "local" else remote_options(request.getfixturevalue("remote"))
    result = kg("build", SEEDS, *options)
    assert result.exit_code == 0, result.err
    assert "5 article(s) built" in result.out
    assert dataset(options) == dataset_of(store_quads(seed_store_path))
    again = kg("build", SEEDS, *options)
    assert "0 article(s) built, 5 unchanged" in again.out


READ_COMMANDS = [
    ("query", "SELECT ?s ?o WHERE { ?s kg:investedIn ?o } ORDER BY ?s ?o"),
    ("query", "--format", "json", "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"),
    ("query", "ASK { e:elon-musk kg:founded e:xai }"),
    ("query", "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a kg:Company ; rdfs:label ?l }"),
    ("stats", "--json"),
    ("why", "e:elon-musk", "founded", "e:xai"),
    ("why", "Elon Musk", "sued", "OpenAI", "--json"),
    ("export", "--format", "nquads"),
    ("shell", "-e", "SELECT ?e ?label WHERE { ?e a kg:Person ; rdfs:label ?label } ORDER BY ?e"),
    ("shell", "-e", ".describe xAI"),
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c)[:40])
def test_read_commands_print_the_same_on_both_back_ends(kg, request, seed_store_copy, command):
    local = kg(*command, "--store", seed_store_copy)
    endpoints = request.getfixturevalue("remote")
    copy_to_remote(seed_store_copy, endpoints)
    remote_result = kg(*command, *remote_options(endpoints))
    assert local.exit_code == remote_result.exit_code
    assert local.out.strip(), local.err
    if command[0] == "export" or command[-1].startswith("CONSTRUCT"):
        # statement order is up to each store
        assert sorted(remote_result.out.splitlines()) == sorted(local.out.splitlines())
    else:
        assert remote_result.out == local.out


def test_viz_draws_the_same_page_on_both_back_ends(kg, request, seed_store_copy, tmp_path):
    local_page, remote_page = tmp_path / "local.html", tmp_path / "remote.html"
    assert kg("viz", "--entity", "xAI", "--depth", "2", "-o", local_page, "--store", seed_store_copy).exit_code == 0
    endpoints = request.getfixturevalue("remote")
    copy_to_remote(seed_store_copy, endpoints)
    result = kg("viz", "--entity", "xAI", "--depth", "2", "-o", remote_page, *remote_options(endpoints))
    assert result.exit_code == 0, result.err
    assert remote_page.read_text(encoding="utf-8") == local_page.read_text(encoding="utf-8")


def test_retract_drops_one_article_graph(kg, backend):
    before = kg("stats", "--json", *backend).out
    result = kg("retract", RETRACTED, *backend)
    assert result.exit_code == 0, result.err
    graphs = {q[3] for q in dataset(backend)}
    assert ox.NamedNode(ARTICLE + RETRACTED) not in graphs
    assert kg("stats", "--json", *backend).out != before
    missing = kg("retract", RETRACTED, *backend)
    assert missing.exit_code == 1 and missing.err.count("\n") == 1


def test_export_import_round_trip_between_back_ends(kg, backend, tmp_path):
    exported = tmp_path / "graph.trig"
    assert kg("export", "-o", exported, *backend).exit_code == 0
    fresh = tmp_path / "fresh"
    assert kg("import", exported, "--store", fresh).exit_code == 0
    assert dataset_of(store_quads(fresh)) == dataset(backend)


def test_readme_oxigraph_recipe(kg, seed_store_copy, tmp_path):
    """The "Scaling out" recipe, step by step: export N-Quads, bulk-load a server's database, point kg at it."""
    from graph.interop.server import base_url, free_port, oxigraph_binary, server_command, start_server, stop_server

    dump = tmp_path / "graph.nq"
    assert kg("export", "--store", seed_store_copy, "--format", "nquads", "-o", dump).exit_code == 0
    database = tmp_path / "kg-db"
    subprocess.run([oxigraph_binary(), "load", "--location", str(database), "--file", str(dump)], check=True,
                   capture_output=True)
    port = free_port()
    url = base_url("127.0.0.1", port)
    server = start_server(server_command(database, "127.0.0.1", port, writable=True, timeout=None), url,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        options = ["--endpoint", f"{url}/query", "--update-endpoint", f"{url}/update"]
        assert kg("stats", *options).out == kg("stats", "--store", seed_store_copy).out
        assert kg("retract", RETRACTED, *options).exit_code == 0
        assert kg("build", SEEDS, *options).out.startswith("1 article(s) built, 4 unchanged")
    finally:
        stop_server(server)
