"""The data model: how articles, entities and claims become quads.

One named graph per article (IRI = the article IRI) holds its claim nodes, the plain edges of its
asserted and reported claims, and its `schema:mentions`. The meta graph describes entities,
articles and build runs. Nothing goes to the default graph.
"""

from __future__ import annotations

import hashlib

from pyoxigraph import Literal, NamedNode, Quad

from graph.article import Article
from graph.extract.model import Claim, Entity, Extraction
from graph.namespaces import (
    ARTICLE, CLAIM, DCT, EDGE_MODALITIES, ENTITY, KG, META_GRAPH, OWL, PROV, RDF, RDFS, RUN, SCHEMA,
    SKOS, SUPERCLASS, SYMMETRIC_RELATIONS, WD, XSD,
)

META = NamedNode(META_GRAPH)
TYPE = NamedNode(RDF + "type")
LABEL = NamedNode(RDFS + "label")
ALT_LABEL = NamedNode(SKOS + "altLabel")


def kg(name: str) -> NamedNode:
    return NamedNode(KG + name)


def entity_iri(key: str) -> NamedNode:
    return NamedNode(ENTITY + key)


def article_iri(article_id: str) -> NamedNode:
    return NamedNode(ARTICLE + article_id)


def run_iri(extractor_version: str) -> NamedNode:
    """One run per extractor version: rebuilding with the same extractor writes the same quads."""
    return NamedNode(RUN + extractor_version[:16])


def claim_iri(article: Article, claim: Claim) -> NamedNode:
    key = "|".join((article.id, claim.subject, claim.relation, claim.object, str(claim.start), str(claim.end)))
    return NamedNode(CLAIM + article.id + "-" + hashlib.sha256(key.encode()).hexdigest()[:16])


def typed(value: str, datatype: str) -> Literal:
    return Literal(value, datatype=NamedNode(XSD + datatype))


def date_literal(value: str) -> Literal:
    datatype = {4: "gYear", 7: "gYearMonth"}.get(len(value), "date")
    return typed(value, datatype)


def article_graph(article: Article, extraction: Extraction, run: NamedNode) -> list[Quad]:
    graph = article_iri(article.id)
    quads: list[Quad] = []

    def add(s, p, o):
        quads.append(Quad(s, p, o, graph))

    for key in sorted(extraction.entities):
        add(graph, NamedNode(SCHEMA + "mentions"), entity_iri(key))
    seen_edges = set()
    for claim in extraction.claims:
        node = claim_iri(article, claim)
        subject, predicate, obj = entity_iri(claim.subject), kg(claim.relation), entity_iri(claim.object)
        add(node, TYPE, kg("Claim"))
        add(node, TYPE, NamedNode(RDF + "Statement"))
        add(node, NamedNode(RDF + "subject"), subject)
        add(node, NamedNode(RDF + "predicate"), predicate)
        add(node, NamedNode(RDF + "object"), obj)
        add(node, NamedNode(PROV + "wasDerivedFrom"), graph)
        add(node, NamedNode(PROV + "wasGeneratedBy"), run)
        add(node, kg("quote"), Literal(claim.quote, language=article.language or "fr"))
        add(node, kg("charStart"), typed(str(claim.start), "integer"))
        add(node, kg("charEnd"), typed(str(claim.end), "integer"))
        add(node, kg("modality"), kg(claim.modality))
        add(node, kg("confidence"), typed(f"{claim.confidence:.3f}", "decimal"))
        if claim.attributed_to:
            add(node, NamedNode(PROV + "wasAttributedTo"), entity_iri(claim.attributed_to))
        if claim.date:
            add(node, kg("date"), date_literal(claim.date))
        if claim.amount:
            amount = NamedNode(node.value + "-amount")
            add(node, kg("amount"), amount)
            add(amount, TYPE, NamedNode(SCHEMA + "MonetaryAmount"))
            add(amount, NamedNode(SCHEMA + "value"), typed(repr(float(claim.amount.value)), "decimal"))
            add(amount, NamedNode(SCHEMA + "currency"), Literal(claim.amount.currency))
        if claim.modality in EDGE_MODALITIES:
            # a symmetric relation is written both ways, so that a query may start from either end
            ends = [(subject, obj), (obj, subject)] if claim.relation in SYMMETRIC_RELATIONS else [(subject, obj)]
            for start, end in ends:
                if (start, predicate, end) not in seen_edges:
                    seen_edges.add((start, predicate, end))
                    add(start, predicate, end)
    return quads


def article_meta(article: Article, extractor_version: str) -> list[Quad]:
    node = article_iri(article.id)
    quads = [
        Quad(node, TYPE, kg("Article"), META),
        Quad(node, TYPE, NamedNode(SCHEMA + "NewsArticle"), META),
        Quad(node, NamedNode(DCT + "title"), Literal(article.title, language=article.language), META),
        Quad(node, NamedNode(DCT + "language"), Literal(article.language), META),
        Quad(node, kg("fileName"), Literal(article.file_name), META),
        Quad(node, kg("sha256"), Literal(article.sha256), META),
        Quad(node, kg("extractorVersion"), Literal(extractor_version), META),
    ]
    if article.date:
        quads.append(Quad(node, NamedNode(DCT + "date"), date_literal(article.date), META))
    if article.url:
        quads.append(Quad(node, NamedNode(SCHEMA + "url"), NamedNode(article.url), META))
    if article.publisher:
        quads.append(Quad(node, NamedNode(DCT + "publisher"), Literal(article.publisher), META))
    return quads


def entity_meta(entity: Entity, alt_labels: set[str]) -> list[Quad]:
    node = entity_iri(entity.key)
    quads = [Quad(node, TYPE, kg(entity.type), META), Quad(node, LABEL, Literal(entity.label), META)]
    if entity.type in SUPERCLASS:
        quads.append(Quad(node, TYPE, kg(SUPERCLASS[entity.type]), META))
    quads += [Quad(node, ALT_LABEL, Literal(alias), META) for alias in sorted(alt_labels) if alias != entity.label]
    if entity.wikidata:
        quads.append(Quad(node, NamedNode(OWL + "sameAs"), NamedNode(WD + entity.wikidata), META))
    return quads


def run_meta(run: NamedNode, extractor_version: str) -> list[Quad]:
    from graph import __version__

    return [
        Quad(run, TYPE, kg("BuildRun"), META),
        Quad(run, TYPE, NamedNode(PROV + "Activity"), META),
        Quad(run, kg("extractorVersion"), Literal(extractor_version), META),
        Quad(run, LABEL, Literal(f"newsgraph {__version__} extraction run"), META),
    ]
