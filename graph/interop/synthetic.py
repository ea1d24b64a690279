"""A synthetic graph in the project's own shape, for export/import tests and benchmarks.

The quads come from the same writer as `kg build` (graph.rdf), fed with made-up articles and
claims, so sizes and term mixes match real builds. Texts carry the characters that trip
serialisers: accents, guillemets, quotes, backslashes, newlines.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pyoxigraph as ox

from graph.article import Article
from graph.extract.model import Amount, Claim, Entity, Extraction
from graph.namespaces import ENTITY_TYPES, MODALITIES, RELATIONS
from graph.rdf import article_graph, article_meta, entity_meta, run_iri, run_meta

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
    """Quads of a build over `articles` made-up articles (about 330 quads per article by default)."""
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
