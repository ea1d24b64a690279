"""Fixtures and helpers for the export, import, serve and remote-store tests.

Test modules import the fixtures they need from here.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from graph.interop.server import base_url, free_port, server_command, start_server, stop_server
from graph.interop.synthetic import synthetic_quads
from graph.store import open_store

# Foreign data as another tool would write it: blank nodes, a language tag, a datatype.
FOREIGN_TURTLE = """\
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix schema: <https://schema.org/> .
wd:Q116758847 schema:name "xAI"@fr ;
    schema:foundingDate "2023-03-09"^^<http://www.w3.org/2001/XMLSchema#date> ;
    schema:founder [ schema:name "Elon Musk" ; schema:sameAs wd:Q317521 ] .
"""
FOREIGN_GRAPH = "https://w3id.org/newsgraph/graph/import/wikidata"


def dataset_of(quads) -> set:
    """A canonical form of a set of quads: equal for isomorphic datasets, whatever the blank node labels."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return set(dataset)


def store_quads(path: Path) -> list[ox.Quad]:
    with open_store(path) as store:
        return list(store.oxigraph.quads_for_pattern(None, None, None, None))


@pytest.fixture(scope="session")
def synthetic_store_path(tmp_path_factory) -> Path:
    """A store in the project's shape (12 made-up articles) plus an imported graph with blank nodes.

    Treat it as read-only."""
    path = tmp_path_factory.mktemp("synthetic") / "store"
    with open_store(path, writable=True, create=True) as store:
        store.oxigraph.extend(synthetic_quads(12))
        store.load(FOREIGN_TURTLE.encode(), ox.RdfFormat.TURTLE, graph=FOREIGN_GRAPH)
    return path


@pytest.fixture
def synthetic_store_copy(synthetic_store_path, tmp_path) -> Path:
    copy = tmp_path / "store-copy"
    shutil.copytree(synthetic_store_path, copy, ignore=shutil.ignore_patterns("lock"))
    return copy


@pytest.fixture(scope="session")
def oxigraph_server():
    """A writable in-memory Oxigraph server on a free localhost port; yields its base URL."""
    port = free_port()
    url = base_url("127.0.0.1", port)
    process = start_server(
        server_command(None, "127.0.0.1", port, writable=True, timeout=None), url,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    yield url
    stop_server(process)


@pytest.fixture
def remote(oxigraph_server) -> dict[str, str]:
    """An empty remote store: its query and update endpoints."""
    endpoints = {"query": oxigraph_server + "/query", "update": oxigraph_server + "/update"}
    httpx.post(endpoints["update"], content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}).raise_for_status()
    return endpoints


def remote_options(endpoints: dict[str, str]) -> list[str]:
    return ["--endpoint", endpoints["query"], "--update-endpoint", endpoints["update"]]
