"""Fixtures and helpers for the export, import, serve and remote-store tests.

Test modules import the fixtures they need from here.
"""

from __future__ import annotations

import random
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from graph.article import Article
from graph.extract.model import Amount, Claim, Entity, Extraction
from graph.interop.server import base_url, free_port, server_command, start_server, stop_server
from conftest import copy_store
from graph.namespaces import ENTITY_TYPES, MODALITIES, RELATIONS
from graph.rdf import article_graph, article_meta, entity_meta, run_iri, run_meta
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


EXTRACTOR_VERSION = "synthetic-0001"
SENTENCES = (
    "Selon « Les Échos », {s} a investi dans {o} l'an dernier.",
    "{s} aurait noué un partenariat avec {o}, d'après des sources proches du dossier.",
    "Le fondateur de {o}, {s}, dément : \"nous n'avons rien signé\".",
    "{s} poursuit {o} en justice\u00a0; le procès s'ouvrira à Paris.\nUn chemin C:\\dossiers\\ a été cité.",
    "{s} développe {o} depuis 2023 — une première en Europe.",
)


def _entities(rng: random.Random, count: int) -> list[Entity]:
    return [
        Entity(key=f"entite-{n}", label=f"Entité n°{n} « {rng.choice(('Ouest', 'Été', 'Île'))} »",
               type=rng.choice(ENTITY_TYPES), wikidata=f"Q{1000 + n}" if n % 3 == 0 else None)
        for n in range(count)
    ]


def _article(rng: random.Random, number: int, entities: list[Entity], claims_per_article: int):
    sentences, claims, mentioned, offset = [], [], {}, 0
    for _ in range(claims_per_article):
        subject, obj = rng.sample(entities, 2)
        sentence = rng.choice(SENTENCES).format(s=subject.label, o=obj.label)
        claims.append(Claim(
            subject=subject.key, relation=rng.choice(RELATIONS), object=obj.key,
            start=offset, end=offset + len(sentence), quote=sentence,
            modality=rng.choice(MODALITIES), confidence=round(rng.random(), 3),
            amount=Amount(rng.randint(1, 900) * 1e6, "EUR") if rng.random() < 0.3 else None,
            date=rng.choice((None, "2024", "2024-03", "2024-03-15")),
        ))
        mentioned[subject.key], mentioned[obj.key] = subject, obj
        sentences.append(sentence)
        offset += len(sentence) + 1
    article = Article(
        id=f"synth-{number:06d}", path=f"synthetic/synth-{number:06d}.txt", text=" ".join(sentences),
        title=f"Article synthétique n°{number}", date="2024-05-01", url=f"https://exemple.fr/articles/{number}",
        publisher="Le Journal Synthétique",
    )
    return article, Extraction(entities=mentioned, claims=claims)


def synthetic_quads(articles: int, *, claims_per_article: int = 20, entities: int = 500, seed: int = 7) -> Iterator[ox.Quad]:
    """Quads of a build over `articles` made-up articles, written by the same code as `kg build`.

    Texts carry the characters that trip serialisers: accents, guillemets, quotes, backslashes, newlines.
    """
    rng = random.Random(seed)
    people = _entities(rng, entities)
    run = run_iri(EXTRACTOR_VERSION)
    yield from run_meta(run, EXTRACTOR_VERSION)
    seen: set[str] = set()
    for number in range(articles):
        article, extraction = _article(rng, number, people, claims_per_article)
        yield from article_graph(article, extraction, run)
        yield from article_meta(article, EXTRACTOR_VERSION)
        for entity in extraction.entities.values():
            if entity.key not in seen:
                seen.add(entity.key)
                yield from entity_meta(entity, set())

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
    return copy_store(synthetic_store_path, tmp_path / "store-copy")


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
