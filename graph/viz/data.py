"""What the picture shows, read from the store: claims, the entities they link, and the
subgraph a request selects (whole graph, one neighbourhood, or a CONSTRUCT result)."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote

import networkx as nx
import pyoxigraph as ox

from graph.errors import UserError
from graph.namespaces import (
    DCT, EDGE_MODALITIES, ENTITY_TYPES, KG, META_GRAPH, PREFIXES, RDFS, RELATIONS, SYMMETRIC_RELATIONS,
)
from graph.store import GraphStore

CLAIMS_QUERY = """
SELECT ?claim ?s ?p ?o ?modality ?confidence ?quote ?article ?source WHERE {
  %s
  ?claim a kg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
         kg:modality ?modality ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?claim kg:confidence ?confidence }
  OPTIONAL { ?claim kg:quote ?quote }
  OPTIONAL { ?claim prov:wasAttributedTo ?source }
}
"""
# The same claims, each property read in one pass over the store and joined by claim (a hash
# join): for many claims this beats looking each one up (1.7 s against 4.4 s for the 40,000
# claims of xAI's 2-hop page at 1M quads), for a few it costs more (0.3 s against 0.01 s for
# 60). Oxigraph plans a subquery on its own; written as one group, it looks every claim up.
# %(subjects)s and %(objects)s bind ?s and ?o (see scan_claims_of_links): inside a subquery, a
# VALUES list of a few thousand IRIs is one lookup each. Only claim nodes have a kg:modality, so
# no pass over `a kg:Claim` is needed (it cost 0.3 s of 1.2 s for xAI's 2-hop page). Articles'
# titles join in one more pass (0.2 s less than reading them apart for that page); what a claim
# is derived from is an article, so no `a kg:Article` pass either.
CLAIMS_SCAN_QUERY = f"""
SELECT ?claim ?s ?p ?o ?modality ?confidence ?quote ?article ?source ?title WHERE {{
  {{ SELECT ?claim ?s WHERE {{ %(subjects)s }} }}
  {{ SELECT ?claim ?p WHERE {{ ?claim rdf:predicate ?p }} }}
  {{ SELECT ?claim ?o WHERE {{ %(objects)s }} }}
  {{ SELECT ?claim ?modality WHERE {{ ?claim kg:modality ?modality %(modalities)s }} }}
  {{ SELECT ?claim ?article WHERE {{ ?claim prov:wasDerivedFrom ?article }} }}
  OPTIONAL {{ SELECT ?claim ?confidence WHERE {{ ?claim kg:confidence ?confidence }} }}
  OPTIONAL {{ SELECT ?claim ?quote WHERE {{ ?claim kg:quote ?quote }} }}
  OPTIONAL {{ SELECT ?claim ?source WHERE {{ ?claim prov:wasAttributedTo ?source }} }}
  %(links)s
  OPTIONAL {{ SELECT ?article ?title WHERE {{ GRAPH <{META_GRAPH}> {{ ?article dct:title ?title }} }} }}
}}
"""
# With %(links)s, the pass keeps only the claims behind the drawn links (a VALUES list of
# (subject number, relation, object number) in a subquery, joined last): the claims between two
# hubs that the page does not draw are never decoded (0.9 s against 1.5 s for xAI's 2-hop page).
LINKS_RESTRICTION = "{ SELECT ?s ?p ?o WHERE { VALUES (?s ?p ?o) { %s } } }"
# Past this many links out of the drawn subjects, their claims are read with CLAIMS_SCAN_QUERY.
SCAN_ABOVE = 2000
# Titles are read apart from CLAIMS_QUERY: joined to the lookups, they double its cost.
TITLES_QUERY = f"SELECT ?article ?title WHERE {{ %s GRAPH <{META_GRAPH}> {{ ?article a kg:Article ; dct:title ?title }} }}"

# Entities and articles: anything typed in the kg: namespace that a picture may show as a node.
# Types and labels come as separate rows, and the namespace is checked in Python: an OPTIONAL or
# a FILTER here would defeat the index lookups of a VALUES list.
NODES_QUERY = f"""
SELECT ?node ?type ?label WHERE {{ %s GRAPH <{META_GRAPH}> {{
  {{ ?node a ?type }} UNION {{ ?node rdfs:label|dct:title ?label }}
}} }}
"""
# Oxigraph joins a VALUES list of a thousand IRIs by index lookups; on longer lists its plans can
# turn quadratic (the titles of 10,000 articles: 3.9 s in one query, 0.2 s in chunks of 1,000).
VALUES_CHUNK = 1000

# The links of a neighbourhood, read one hop at a time: %(only)s restricts ?s (links out of the
# frontier) or ?o (links into it) with a VALUES list, or is empty to read them all. Oxigraph joins
# one VALUES list with a FILTER quickly, with a second VALUES list (or a UNION) slowly.
# Asserted and reported claims also wrote the plain edge `S kg:relation O` in their article's
# graph: one triple per link instead of a claim node's five. The default graph is the union of
# the articles' graphs, one row per article, so the count is the number of articles behind the link.
PLAIN_LINKS_QUERY = """
SELECT ?s ?p ?o (COUNT(*) AS ?support) WHERE {
  %(only)s
  ?s ?p ?o .
  %(relations)s
} GROUP BY ?s ?p ?o
"""
# All the links of one relation: one such query per relation reads them all in 0.29 s at 1M
# quads, against 0.40 s for one query with the nine relations in a VALUES list (and 1.2 s with a
# FILTER, which reads every triple).
EVERY_PLAIN_LINK_QUERY = "SELECT ?s ?o (COUNT(*) AS ?support) WHERE { ?s <%s> ?o } GROUP BY ?s ?o"
# Hedged and negated claims have no plain edge, and confidence is a claim's: claim nodes it is.
CLAIM_LINKS_QUERY = """
SELECT ?s ?p ?o ?modality (COUNT(?claim) AS ?support) WHERE {
  %(only)s
  ?claim rdf:subject ?s ; rdf:object ?o ; rdf:predicate ?p ; kg:modality ?modality .
  %(filters)s
} GROUP BY ?s ?p ?o ?modality
"""
# All of them, each property read in one pass and joined by claim (see CLAIMS_SCAN_QUERY): 1.2 s
# against 2.7 s by lookups at 1M quads.
EVERY_CLAIM_LINK_QUERY = """
SELECT ?s ?p ?o ?modality (COUNT(?claim) AS ?support) WHERE {
  { SELECT ?claim ?s WHERE { ?claim rdf:subject ?s } }
  { SELECT ?claim ?p WHERE { ?claim rdf:predicate ?p } }
  { SELECT ?claim ?o WHERE { ?claim rdf:object ?o } }
  { SELECT ?claim ?modality WHERE { ?claim kg:modality ?modality } }
  %(filters)s
} GROUP BY ?s ?p ?o ?modality
"""

# Edge kinds: Asserted and Reported claims back a plain edge; the other two are drawn dashed.
EDGE_MODALITY_IRIS = tuple(f"kg:{modality}" for modality in EDGE_MODALITIES)
KIND_OF_MODALITY = {"Asserted": "asserted", "Reported": "asserted", "Hedged": "hedged", "Negated": "negated"}
# The class a node is drawn as, most specific first.
NODE_CLASSES = ("Person", "Company", "InvestmentFund", "Product", "Place", "Organization", "Article")
OTHER_CLASS = "Other"


@dataclass(frozen=True)
class ClaimInfo:
    iri: str
    subject: str
    relation: str
    object: str
    modality: str
    confidence: float | None
    quote: str
    article: str
    article_title: str
    source: str | None

    @property
    def kind(self) -> str:
        return KIND_OF_MODALITY.get(self.modality, "hedged")


@dataclass
class NodeInfo:
    label: str
    node_class: str = OTHER_CLASS
    properties: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Selection:
    """The graph to draw: a MultiDiGraph whose edges are keyed (relation, kind) and carry `claims`.

    Once capped (`cap_claims`), an edge carries only its best claims, and counts them all in
    `claim_count` and `article_count`. `link_counts` gives each node's links before the links
    were cut to `edges_per_node`, `links_left_out` how many were cut.
    """

    graph: nx.MultiDiGraph
    nodes: dict[str, NodeInfo]
    left_out: int = 0
    focus: str | None = None
    link_counts: dict[str, int] = field(default_factory=dict)
    links_left_out: int = 0
    edges_per_node: int | None = None


@lru_cache(maxsize=4096)  # claims repeat a few relation and modality IRIs thousands of times
def local_name(iri: str) -> str:
    return unquote(iri.rsplit("#", 1)[-1].rstrip("/").rsplit("/", 1)[-1])


def is_iri(text: str) -> bool:
    return "://" in text and not any(c.isspace() for c in text)


@lru_cache(maxsize=4096)  # a page names the same few sources on thousands of claims
def compact(iri: str) -> str:
    """`kg:founded` for IRIs under a project prefix, the IRI itself otherwise."""
    best = max((ns for ns in PREFIXES.items() if iri.startswith(ns[1])), key=lambda ns: len(ns[1]), default=None)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri


def query_in_chunks(store: GraphStore, query: Callable[[str], str], iris) -> Iterator[ox.QuerySolution]:
    """The rows of `query(iri_list)` over `iris`, VALUES_CHUNK IRIs at a time."""
    ordered = sorted(iris)
    for start in range(0, len(ordered), VALUES_CHUNK):
        yield from store.query(query(iri_list(ordered[start:start + VALUES_CHUNK])))


def iri_list(iris) -> str:
    return " ".join(f"<{iri}>" for iri in sorted(iris))


def read_claims(store: GraphStore, *, include_hedged: bool, subjects: set[str] | None = None,
                links: Iterable[Link] | None = None) -> list[ClaimInfo]:
    """Every claim, those whose subject is one of `subjects`, or those behind `links`, with its
    article's title.

    With `links`, the claims are read in one pass over the store, and only those behind one of
    the links (whatever their kind): a hub's claims that the page does not draw are never decoded.
    """
    modality_filter = "" if include_hedged else f"FILTER(?modality IN ({', '.join(EDGE_MODALITY_IRIS)}))"
    ends: list[str] = []
    if links is not None:
        found, ends = scan_claims_of_links(store, links, modality_filter)
    elif subjects is not None:
        found = query_in_chunks(store, lambda iris: CLAIMS_QUERY % f"VALUES ?s {{ {iris} }} {modality_filter}", subjects)
    else:
        found = store.query(CLAIMS_SCAN_QUERY % {"subjects": "?claim rdf:subject ?s", "objects": "?claim rdf:object ?o",
                                                 "modalities": modality_filter, "links": ""})
    # Terms are unpacked by position: reading them by name costs three times as much.
    rows: dict[str, list] = {}
    for claim, *terms in found:
        rows.setdefault(claim.value, terms)  # a second source for the same claim adds nothing to the picture
    if subjects is not None and links is None:
        titles = read_titles(store, {terms[6].value for terms in rows.values()})
    else:  # the scan brings each claim's title along
        titles = {terms[6].value: terms[8].value for terms in rows.values() if terms[8] is not None}
    claims = []
    for iri, (subject, relation, obj, modality, confidence, quote, article, source, *_) in rows.items():
        subject, obj, article = subject.value, obj.value, article.value
        if ends:
            subject, obj = ends[int(subject)], ends[int(obj)]
        claims.append(ClaimInfo(
            iri=iri,
            subject=subject,
            relation=local_name(relation.value),
            object=obj,
            modality=local_name(modality.value),
            confidence=float(confidence.value) if confidence is not None else None,
            quote=quote.value if quote is not None else "",
            article=article,
            article_title=titles.get(article, local_name(article)),
            source=source.value if source is not None else None,
        ))
    return claims


def scan_claims_of_links(store: GraphStore, links: Iterable[Link], modality_filter: str) -> tuple[Iterator, list[str]]:
    """The rows of CLAIMS_SCAN_QUERY for the claims behind `links`, and the sorted list of their
    ends: a claim's subject and object come back as numbers into that list. An integer is decoded
    in place, an IRI is read back from the store (0.2 s of 1.6 s for the claims of xAI's 2-hop page)."""
    triples = sorted({(subject, link[2][0], obj) for link in links for subject, obj in stated_ends(link)})
    ends = sorted({triple[0] for triple in triples} | {triple[2] for triple in triples})
    number = {node: index for index, node in enumerate(ends)}

    def numbered_end(variable: str, predicate: str, position: int) -> str:
        pairs = " ".join(f"(<{node}> {number[node]})" for node in sorted({triple[position] for triple in triples}))
        return f"VALUES (?end {variable}) {{ {pairs} }} ?claim {predicate} ?end"

    drawn = " ".join(f"({number[subject]} <{KG}{relation}> {number[obj]})" for subject, relation, obj in triples)
    return store.query(CLAIMS_SCAN_QUERY % {
        "subjects": numbered_end("?s", "rdf:subject", 0),
        "objects": numbered_end("?o", "rdf:object", 2),
        "modalities": modality_filter,
        "links": LINKS_RESTRICTION % drawn,
    }), ends


def read_titles(store: GraphStore, articles: set[str]) -> dict[str, str]:
    rows = query_in_chunks(store, lambda iris: TITLES_QUERY % f"VALUES ?article {{ {iris} }}", articles)
    return {article.value: title.value for article, title in rows}


def read_nodes(store: GraphStore, only: set[str] | None = None) -> dict[str, NodeInfo]:
    """Entities and articles (all of them, or those in `only`) with their label and class."""
    if only is None:
        rows = store.query(NODES_QUERY % "")
    else:
        rows = query_in_chunks(store, lambda iris: NODES_QUERY % f"VALUES ?node {{ {iris} }}", only)
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for node, node_type, label in rows:
        node = node.value
        if label is not None:
            labels.setdefault(node, label.value)
        elif node_type.value.startswith(KG):
            types[node].add(node_type.value.removeprefix(KG))
    return {
        node: NodeInfo(
            label=labels.get(node, local_name(node)),
            node_class=next((c for c in NODE_CLASSES if c in node_types), OTHER_CLASS),
        )
        for node, node_types in types.items()
        if node_types & (set(ENTITY_TYPES) | {"Article"})
    }


def keep_claim(claim: ClaimInfo, *, relations, min_confidence: float, include_hedged: bool) -> bool:
    if relations is not None and claim.relation not in relations:
        return False
    if claim.confidence is not None and claim.confidence < min_confidence:
        return False
    return include_hedged or claim.kind == "asserted"


def add_claim_edge(graph: nx.MultiDiGraph, claim: ClaimInfo) -> None:
    key = (claim.relation, claim.kind)
    if graph.has_edge(claim.subject, claim.object, key):
        graph.edges[claim.subject, claim.object, key]["claims"].append(claim)
    else:
        graph.add_edge(claim.subject, claim.object, key, relation=claim.relation, kind=claim.kind, claims=[claim])


def claim_rank(claim: ClaimInfo) -> tuple:
    """Most confident first; ties by article title, then IRI, so the same claims are always kept."""
    return (-(claim.confidence or 0.0), claim.article_title, claim.iri)


def cap_claims(graph: nx.MultiDiGraph, per_edge: int) -> None:
    """Keep each edge's `per_edge` best claims, counting all of them first.

    A link between two hubs can rest on hundreds of claims: the page shows a few quotes and says
    how many more there are, rather than carrying every quote into the file.
    """
    for _, _, data in graph.edges(data=True):
        claims = sorted(data["claims"], key=claim_rank)
        confidences = [claim.confidence for claim in claims if claim.confidence is not None]
        data.update(
            claims=claims[:per_edge],
            claim_count=len(claims),
            article_count=len({claim.article for claim in claims}),
            modalities=sorted({claim.modality for claim in claims}),
            confidence=max(confidences, default=None),
        )


def claims_graph(claims: list[ClaimInfo], graph: nx.MultiDiGraph | None = None) -> nx.MultiDiGraph:
    """The claims as edges, added in the order of each edge's first claim."""
    graph = nx.MultiDiGraph() if graph is None else graph
    # Grouped before they reach networkx: one add_edge per edge, not a lookup per claim.
    grouped: dict[tuple[str, str, str, str], list[ClaimInfo]] = {}
    for claim in claims:
        grouped.setdefault((claim.subject, claim.object, claim.relation, claim.kind), []).append(claim)
    graph.add_edges_from(
        (subject, obj, (relation, kind), {"relation": relation, "kind": kind, "claims": group})
        for (subject, obj, relation, kind), group in grouped.items()
    )
    return graph


Link = tuple[str, str, tuple[str, str]]  # subject, object and the edge key: (relation, kind)


def link_key(subject: str, obj: str, key: tuple[str, str]) -> Link:
    """The link between two ends: a symmetric relation is one link whichever way it was stated
    (its plain edge is stored both ways), with its ends in a fixed order."""
    if key[0] in SYMMETRIC_RELATIONS and obj < subject:
        return obj, subject, key
    return subject, obj, key


def stated_ends(link: Link) -> tuple[tuple[str, str], ...]:
    """The (subject, object) pairs a claim behind the link may have."""
    subject, obj, (relation, _) = link
    return ((subject, obj), (obj, subject)) if relation in SYMMETRIC_RELATIONS else ((subject, obj),)


def neighbourhood_links(
    store: GraphStore, focus: str, depth: int, *, relations, min_confidence: float, include_hedged: bool
) -> tuple[dict[str, int], dict[Link, int]]:
    """The nodes within `depth` links of `focus`, each with its number of hops from it, and every
    link between them with its support (the number of articles or claims behind it), read hop by hop.

    Direction does not matter for "near": an investor and its investee are neighbours both ways.
    """
    def read_links(only: str) -> dict[Link, int]:
        if include_hedged or min_confidence > 0:
            return claim_links(store, only, relations=relations, min_confidence=min_confidence,
                               include_hedged=include_hedged)
        return plain_links(store, only, relations=relations)

    every_link: dict[Link, int] | None = None

    def links_from(frontier: set[str], end: str) -> dict[Link, int]:
        nonlocal every_link
        if len(frontier) <= VALUES_CHUNK:
            return read_links(f"VALUES ?{end} {{ {iri_list(frontier)} }}")
        # Past a thousand nodes (a hub's second hop), one pass over all the links costs less
        # than looking them up: 0.4 s against 1.5 s for xAI in the 1M-quad graph.
        if every_link is None:
            every_link = read_links("")
        end_of = 0 if end == "s" else 1
        return {link: support for link, support in every_link.items() if link[end_of] in frontier}

    hops, frontier, links = {focus: 0}, {focus}, {}
    for hop in range(1, depth + 1):
        if not frontier:
            break
        found = links_from(frontier, "s") | links_from(frontier, "o")
        links |= found
        frontier = {node for subject, obj, _ in found for node in (subject, obj)} - hops.keys()
        hops |= dict.fromkeys(frontier, hop)
    # The outermost nodes' links to each other were never followed; the picture shows them too.
    if frontier:
        links |= links_from(frontier, "s")
    return hops, {link: support for link, support in links.items() if link[0] in hops and link[1] in hops}


def plain_links(store: GraphStore, only: str, *, relations) -> dict[Link, int]:
    names = {KG + relation: relation for relation in sorted(relations or RELATIONS)}
    if not only:
        # a symmetric link's two stored directions have the same support: either one gives it
        return {link_key(subject.value, obj.value, (relation, "asserted")): int(support.value)
                for iri, relation in names.items()
                for subject, obj, support in store.query(EVERY_PLAIN_LINK_QUERY % iri)}
    restriction = f"FILTER(?p IN ({', '.join(f'<{iri}>' for iri in names)}))"
    query = PLAIN_LINKS_QUERY % {"only": only, "relations": restriction}
    return {link_key(subject.value, obj.value, (names[predicate.value], "asserted")): int(support.value)
            for subject, predicate, obj, support in store.query(query)}


def claim_links(store: GraphStore, only: str, *, relations, min_confidence: float, include_hedged: bool) -> dict[Link, int]:
    filters = "" if include_hedged else f"FILTER(?modality IN ({', '.join(EDGE_MODALITY_IRIS)}))"
    if min_confidence > 0:
        confidence = "?claim kg:confidence ?confidence" if only else "SELECT ?claim ?confidence WHERE { ?claim kg:confidence ?confidence }"
        filters += f" OPTIONAL {{ {confidence} }} FILTER(!BOUND(?confidence) || ?confidence >= {min_confidence!r})"
    query = CLAIM_LINKS_QUERY % {"only": only, "filters": filters} if only else EVERY_CLAIM_LINK_QUERY % {"filters": filters}
    links: dict[Link, int] = defaultdict(int)
    for subject, predicate, obj, modality, support in store.query(query):
        relation = local_name(predicate.value)
        if relations is None or relation in relations:
            kind = KIND_OF_MODALITY.get(local_name(modality.value), "hedged")
            links[link_key(subject.value, obj.value, (relation, kind))] += int(support.value)
    return dict(links)


def strongest_links(links: dict[Link, int], per_node: int, hops: dict[str, int] | None = None) -> set[Link]:
    """The links to draw: all of them if there are at most `per_node` per node on average; else
    that many, each node's best first, round by round. With `hops` from a focus, the first round is
    every node's best link one hop nearer the focus, so every node stays joined to it. Then every
    node's strongest link (the most articles), then its second strongest, and so on; within a
    round, the strongest first, ties by IRI.

    A hub's thousands of links would hide everything else, and cost time to read and draw.
    """
    ends = {end for subject, obj, _ in links for end in (subject, obj)}
    budget = per_node * len(ends)
    if len(links) <= budget:
        return set(links)

    def strength(link: Link) -> tuple:
        return (-links[link], link)

    by_node: dict[str, list[Link]] = defaultdict(list)
    for link in sorted(links, key=strength):
        by_node[link[0]].append(link)
        if link[1] != link[0]:
            by_node[link[1]].append(link)

    def rounds() -> Iterator[set[Link]]:
        if hops is not None:
            # A node whose nearer neighbours were all left out (by --max-nodes) has no such link.
            nearer = (next((link for link in ranked if hops[link[1] if link[0] == node else link[0]] < hops[node]), None)
                      for node, ranked in by_node.items())
            yield {link for link in nearer if link is not None}
        unfinished = list(by_node.values())
        for rank in itertools.count():
            # Past the first rounds only the hubs have links left: skip the others.
            unfinished = [ranked for ranked in unfinished if rank < len(ranked)]
            yield {ranked[rank] for ranked in unfinished}

    kept: set[Link] = set()
    for candidates in rounds():
        for link in sorted(candidates - kept, key=strength):
            if len(kept) == budget:
                return kept
            kept.add(link)


def link_counts(links: Iterable[Link]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for subject, obj, _ in links:
        counts[subject] += 1
        counts[obj] += 1
    return counts


def neighbourhood_selection(
    store: GraphStore, focus: str, depth: int, *, relations, min_confidence: float, include_hedged: bool,
    max_nodes: int, edges_per_node: int,
) -> Selection:
    """The neighbourhood, cut to its `max_nodes` best-connected nodes and their strongest links
    (`strongest_links`) before any quote is read."""
    hops, links = neighbourhood_links(store, focus, depth, relations=relations, min_confidence=min_confidence,
                                      include_hedged=include_hedged)
    # The page is about the focus: it stays, however few its links.
    degrees = dict.fromkeys(hops, 0) | link_counts(links) | {focus: math.inf}
    nodes = read_nodes(store, contenders(degrees, max_nodes))
    kept = set(best_connected(degrees, max_nodes, nodes))
    between_kept = {link: support for link, support in links.items() if link[0] in kept and link[1] in kept}
    drawn = strongest_links(between_kept, edges_per_node, hops)
    # Few links: one lookup per subject, then kept if drawn. Many: one pass over the store that
    # returns the drawn links' claims only (see CLAIMS_SCAN_QUERY).
    subjects = {subject for link in drawn for subject, _ in stated_ends(link)}
    looked_up = sum(1 for subject, _, _ in links if subject in subjects)
    found = (read_claims(store, include_hedged=include_hedged, links=drawn) if looked_up > SCAN_ABOVE
             else read_claims(store, include_hedged=include_hedged, subjects=subjects))
    claims = [
        claim for claim in found
        if link_key(claim.subject, claim.object, (claim.relation, claim.kind)) in drawn
        and keep_claim(claim, relations=relations, min_confidence=min_confidence, include_hedged=include_hedged)
    ]
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(sorted(kept))
    # Sorted, so that the page (its layout included) is the same whatever order the store answers in.
    claims_graph(sorted(claims, key=lambda claim: claim.iri), graph)
    return Selection(graph=graph, nodes=nodes, left_out=len(hops) - len(kept), focus=focus,
                     link_counts=link_counts(between_kept), links_left_out=len(between_kept) - len(drawn),
                     edges_per_node=edges_per_node)


def construct_graph(store: GraphStore, construct: str, construct_name: str, claims: list[ClaimInfo],
                    nodes: dict[str, NodeInfo], relations):
    """The CONSTRUCT result as a graph; kg: relation triples carry the claims that back them."""
    try:
        result = store.query(construct)
    except SyntaxError as error:
        # The parser lists every token it expected over many lines: the first line says where.
        raise UserError(f"{construct_name}: {str(error).splitlines()[0]}") from None
    if not isinstance(result, ox.QueryTriples):
        raise UserError(f"{construct_name}: the query must be a CONSTRUCT or DESCRIBE (the page draws its triples)")
    by_triple: dict[tuple[str, str, str], list[ClaimInfo]] = defaultdict(list)
    for claim in claims:
        by_triple[(claim.subject, claim.relation, claim.object)].append(claim)
    graph = nx.MultiDiGraph()
    drawn: set[Link] = set()
    for triple in result:
        subject, predicate, obj = (term_id(triple.subject), triple.predicate.value, triple.object)
        graph.add_node(subject)
        if isinstance(obj, ox.Literal):
            add_property(nodes, subject, predicate, obj.value)
            continue
        relation = local_name(predicate) if predicate.startswith(KG) else compact(predicate)
        if relations is not None and relation not in relations:
            continue
        link = link_key(subject, term_id(obj), (relation, "asserted"))
        if link in drawn:  # a repeated triple, or a symmetric edge's other direction
            continue
        drawn.add(link)
        backing = [claim for start, end in stated_ends(link) for claim in by_triple.get((start, relation, end), [])]
        for claim in backing:
            add_claim_edge(graph, claim)
        if not backing:
            graph.add_edge(subject, term_id(obj), (relation, "asserted"), relation=relation, kind="asserted", claims=[])
    return graph


def term_id(term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def add_property(nodes: dict[str, NodeInfo], node: str, predicate: str, value: str) -> None:
    info = nodes.setdefault(node, NodeInfo(label=local_name(node)))
    if predicate in (RDFS + "label", DCT + "title") and info.label == local_name(node):
        info.label = value
    else:
        info.properties.append((compact(predicate), value))


def keep_highest_degree(graph: nx.MultiDiGraph, max_nodes: int, nodes: dict[str, NodeInfo]) -> tuple[nx.MultiDiGraph, int]:
    if graph.number_of_nodes() <= max_nodes:
        return graph, 0
    kept = best_connected(dict(graph.degree), max_nodes, nodes)
    return graph.subgraph(kept).copy(), graph.number_of_nodes() - max_nodes


def keep_strongest_edges(graph: nx.MultiDiGraph, per_node: int) -> tuple[dict[str, int], int]:
    """Cut `graph` to the edges `strongest_links` keeps (strength: number of articles); return each
    node's number of links before the cut, and how many edges were cut."""
    support = {(subject, obj, key): len({claim.article for claim in data["claims"]})
               for subject, obj, key, data in graph.edges(keys=True, data=True)}
    kept = strongest_links(support, per_node)
    graph.remove_edges_from([link for link in support if link not in kept])
    return link_counts(support), len(support) - len(kept)


def contenders(degrees: dict[str, float], max_nodes: int) -> set[str]:
    """The nodes that may be among the `max_nodes` best connected, whose labels are worth reading:
    ties at the cut are broken by label (about half of a hub's 2-hop neighbourhood at 1M quads)."""
    if len(degrees) <= max_nodes:
        return set(degrees)
    cut = sorted(degrees.values(), reverse=True)[max_nodes - 1]
    return {node for node, degree in degrees.items() if degree >= cut}


def best_connected(degrees: dict[str, float], max_nodes: int, nodes: dict[str, NodeInfo]) -> list[str]:
    # Ties are broken by label, then IRI, so the same request always keeps the same nodes.
    ranked = sorted(degrees, key=lambda node: (-degrees[node], label_of(nodes, node), node))
    return ranked[:max_nodes]


def label_of(nodes: dict[str, NodeInfo], node: str) -> str:
    info = nodes.get(node)
    return info.label if info else local_name(node)


def select(
    store: GraphStore,
    *,
    entity: str | None,
    depth: int,
    construct: str | None,
    construct_name: str,
    relations,
    min_confidence: float,
    include_hedged: bool,
    max_nodes: int,
    edges_per_node: int,
    claims_per_edge: int,
) -> Selection:
    if entity is not None:
        from graph.provenance import resolve_entity

        # Callers that already resolved the name (the shell does) pass the bare IRI, which resolves to itself.
        focus = resolve_entity(store, entity)
        selection = neighbourhood_selection(
            store, focus, depth, relations=relations, min_confidence=min_confidence, include_hedged=include_hedged,
            max_nodes=max_nodes, edges_per_node=edges_per_node,
        )
    else:
        nodes = read_nodes(store)
        claims = [
            claim for claim in read_claims(store, include_hedged=include_hedged)
            if keep_claim(claim, relations=relations, min_confidence=min_confidence, include_hedged=include_hedged)
        ]
        if construct is not None:
            graph = construct_graph(store, construct, construct_name, claims, nodes, relations)
        else:
            graph = claims_graph(claims)
        graph, left_out = keep_highest_degree(graph, max_nodes, nodes)
        counts, links_left_out = keep_strongest_edges(graph, edges_per_node)
        selection = Selection(graph=graph, nodes=nodes, left_out=left_out, link_counts=counts,
                              links_left_out=links_left_out, edges_per_node=edges_per_node)
    cap_claims(selection.graph, claims_per_edge)
    selection.nodes = {node: selection.nodes.get(node) or NodeInfo(label=local_name(node)) for node in selection.graph}
    return selection
