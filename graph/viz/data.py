"""What the picture shows, read from the store: claims, the entities they link, and the
subgraph a request selects (whole graph, one neighbourhood, or a CONSTRUCT result)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote

import networkx as nx
import pyoxigraph as ox

from graph.errors import UserError
from graph.namespaces import DCT, EDGE_MODALITIES, ENTITY_TYPES, KG, META_GRAPH, PREFIXES, RDFS, RELATIONS
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
# %(subjects)s and %(objects)s bind ?s and ?o (see ends_pattern): inside a subquery, a VALUES
# list of a few thousand IRIs is one lookup each.
CLAIMS_SCAN_QUERY = """
SELECT ?claim ?s ?p ?o ?modality ?confidence ?quote ?article ?source WHERE {
  { SELECT ?claim ?s WHERE { %(subjects)s } }
  { SELECT ?claim WHERE { ?claim a kg:Claim } }
  { SELECT ?claim ?p WHERE { ?claim rdf:predicate ?p } }
  { SELECT ?claim ?o WHERE { %(objects)s } }
  { SELECT ?claim ?modality WHERE { ?claim kg:modality ?modality %(modalities)s } }
  { SELECT ?claim ?article WHERE { ?claim prov:wasDerivedFrom ?article } }
  OPTIONAL { SELECT ?claim ?confidence WHERE { ?claim kg:confidence ?confidence } }
  OPTIONAL { SELECT ?claim ?quote WHERE { ?claim kg:quote ?quote } }
  OPTIONAL { SELECT ?claim ?source WHERE { ?claim prov:wasAttributedTo ?source } }
}
"""
# Past this many links out of the drawn subjects, their claims are read with CLAIMS_SCAN_QUERY.
SCAN_ABOVE = 2000
# Titles are read apart: joining them into the claims query doubles its cost on big graphs.
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
# Asserted and reported claims also wrote the plain edge `S kg:relation O`: one triple per link
# instead of a claim node's five.
PLAIN_LINKS_QUERY = """
SELECT DISTINCT ?s ?p ?o WHERE {
  %(only)s
  ?s ?p ?o .
  %(relations)s
}
"""
# Hedged and negated claims have no plain edge, and confidence is a claim's: claim nodes it is.
CLAIM_LINKS_QUERY = """
SELECT DISTINCT ?s ?p ?o ?modality WHERE {
  %(only)s
  ?claim rdf:subject ?s ; rdf:object ?o ; rdf:predicate ?p ; kg:modality ?modality .
  %(filters)s
}
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
    `claim_count` and `article_count`.
    """

    graph: nx.MultiDiGraph
    nodes: dict[str, NodeInfo]
    left_out: int = 0
    focus: str | None = None


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
                objects: set[str] | None = None) -> list[ClaimInfo]:
    """Every claim, or only those whose subject is one of `subjects`, with its article's title.

    With `objects`, the claims are read in one pass over the store, and only those whose object
    is one of `objects`: a hub's claims about nodes left out of the picture are never decoded.
    """
    modality_filter = "" if include_hedged else f"FILTER(?modality IN ({', '.join(EDGE_MODALITY_IRIS)}))"
    # In a scan, the ends of a claim come back as numbers in `ends`: an integer is decoded in place,
    # an IRI is read back from the store (0.2 s of 1.6 s for the claims of xAI's 2-hop page).
    ends = sorted(subjects | objects) if subjects is not None and objects is not None else []
    if subjects is None or objects is not None:
        found = store.query(CLAIMS_SCAN_QUERY % {
            "subjects": ends_pattern("?s", "rdf:subject", subjects, ends),
            "objects": ends_pattern("?o", "rdf:object", objects, ends),
            "modalities": modality_filter,
        })
    else:
        found = query_in_chunks(store, lambda iris: CLAIMS_QUERY % f"VALUES ?s {{ {iris} }} {modality_filter}", subjects)
    rows: dict[str, ox.QuerySolution] = {}
    for row in found:
        rows.setdefault(row["claim"].value, row)  # a second source for the same claim adds nothing to the picture
    articles = {row["article"].value for row in rows.values()}
    titles = read_titles(store, articles if subjects is not None else None)
    claims = []
    for iri, row in rows.items():
        confidence, quote, source = row["confidence"], row["quote"], row["source"]
        article, subject, obj = row["article"].value, row["s"].value, row["o"].value
        if ends:
            subject, obj = ends[int(subject)], ends[int(obj)]
        claims.append(ClaimInfo(
            iri=iri,
            subject=subject,
            relation=local_name(row["p"].value),
            object=obj,
            modality=local_name(row["modality"].value),
            confidence=float(confidence.value) if confidence is not None else None,
            quote=quote.value if quote is not None else "",
            article=article,
            article_title=titles.get(article, local_name(article)),
            source=source.value if source is not None else None,
        ))
    return claims


def ends_pattern(variable: str, predicate: str, only: set[str] | None, ends: list[str]) -> str:
    """Binds `variable` to the claim's subject or object, or to its number in `ends` for those in `only`."""
    if only is None:
        return f"?claim {predicate} {variable}"
    number = {node: index for index, node in enumerate(ends)}
    pairs = " ".join(f"(<{node}> {number[node]})" for node in sorted(only))
    return f"VALUES (?end {variable}) {{ {pairs} }} ?claim {predicate} ?end"


def read_titles(store: GraphStore, articles: set[str] | None) -> dict[str, str]:
    if articles is None:
        rows = store.query(TITLES_QUERY % "")
    else:
        rows = query_in_chunks(store, lambda iris: TITLES_QUERY % f"VALUES ?article {{ {iris} }}", articles)
    return {row["article"].value: row["title"].value for row in rows}


def read_nodes(store: GraphStore, only: set[str] | None = None) -> dict[str, NodeInfo]:
    """Entities and articles (all of them, or those in `only`) with their label and class."""
    if only is None:
        rows = store.query(NODES_QUERY % "")
    else:
        rows = query_in_chunks(store, lambda iris: NODES_QUERY % f"VALUES ?node {{ {iris} }}", only)
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for row in rows:
        node, node_type, label = row["node"].value, row["type"], row["label"]
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


def neighbourhood_links(
    store: GraphStore, focus: str, depth: int, *, relations, min_confidence: float, include_hedged: bool
) -> tuple[set[str], set[Link]]:
    """The nodes within `depth` links of `focus` and every link between them, read hop by hop.

    Direction does not matter for "near": an investor and its investee are neighbours both ways.
    """
    def read_links(only: str) -> set[Link]:
        if include_hedged or min_confidence > 0:
            return claim_links(store, only, relations=relations, min_confidence=min_confidence,
                               include_hedged=include_hedged)
        return plain_links(store, only, relations=relations)

    every_link: set[Link] | None = None

    def links_from(frontier: set[str], end: str) -> set[Link]:
        nonlocal every_link
        if len(frontier) <= VALUES_CHUNK:
            return read_links(f"VALUES ?{end} {{ {iri_list(frontier)} }}")
        # Past a thousand nodes (a hub's second hop), one pass over all the links costs less
        # than looking them up: 0.4 s against 1.5 s for xAI in the 1M-quad graph.
        if every_link is None:
            every_link = read_links("")
        end_of = 0 if end == "s" else 1
        return {link for link in every_link if link[end_of] in frontier}

    reached, frontier, links = {focus}, {focus}, set()
    for _ in range(depth):
        if not frontier:
            break
        found = links_from(frontier, "s") | links_from(frontier, "o")
        links |= found
        frontier = {node for subject, obj, _ in found for node in (subject, obj)} - reached
        reached |= frontier
    # The outermost nodes' links to each other were never followed; the picture shows them too.
    if frontier:
        links |= links_from(frontier, "s")
    return reached, {link for link in links if link[0] in reached and link[1] in reached}


def plain_links(store: GraphStore, only: str, *, relations) -> set[Link]:
    names = {KG + relation: relation for relation in sorted(relations or RELATIONS)}
    predicates = [f"<{iri}>" for iri in names]
    # Alone, a VALUES list reads the relation triples only (0.4 s at 1M quads); a FILTER would read
    # every triple (1.2 s).
    restriction = f"FILTER(?p IN ({', '.join(predicates)}))" if only else f"VALUES ?p {{ {' '.join(predicates)} }}"
    query = PLAIN_LINKS_QUERY % {"only": only, "relations": restriction}
    return {(row["s"].value, row["o"].value, (names[row["p"].value], "asserted")) for row in store.query(query)}


def claim_links(store: GraphStore, only: str, *, relations, min_confidence: float, include_hedged: bool) -> set[Link]:
    filters = "" if include_hedged else f"FILTER(?modality IN ({', '.join(EDGE_MODALITY_IRIS)}))"
    if min_confidence > 0:
        filters += f" OPTIONAL {{ ?claim kg:confidence ?confidence }} FILTER(!BOUND(?confidence) || ?confidence >= {min_confidence!r})"
    links = set()
    for row in store.query(CLAIM_LINKS_QUERY % {"only": only, "filters": filters}):
        relation = local_name(row["p"].value)
        if relations is None or relation in relations:
            kind = KIND_OF_MODALITY.get(local_name(row["modality"].value), "hedged")
            links.add((row["s"].value, row["o"].value, (relation, kind)))
    return links


def neighbourhood_graph(
    store: GraphStore, focus: str, depth: int, *, relations, min_confidence: float, include_hedged: bool,
    max_nodes: int,
) -> tuple[nx.MultiDiGraph, dict[str, NodeInfo], int]:
    """The neighbourhood, cut to its `max_nodes` best-connected nodes before any quote is read."""
    reached, links = neighbourhood_links(store, focus, depth, relations=relations, min_confidence=min_confidence,
                                         include_hedged=include_hedged)
    nodes = read_nodes(store, reached)
    degrees = dict.fromkeys(reached, 0)
    for subject, obj, _ in links:
        degrees[subject] += 1
        degrees[obj] += 1
    kept = set(best_connected(degrees, max_nodes, nodes))
    # Read by subject, then kept if the object is kept too: picking the claims first, then reading
    # them by IRI, costs more (5.6 s against 4.6 s for the 37,800 claims of xAI's 2-hop page).
    subjects = {subject for subject, obj, _ in links if subject in kept and obj in kept}
    # At least what the lookups would read: every claim of the subjects, about left-out nodes too.
    looked_up = sum(1 for subject, _, _ in links if subject in subjects)
    claims = [
        claim for claim in read_claims(store, include_hedged=include_hedged, subjects=subjects,
                                       objects=kept if looked_up > SCAN_ABOVE else None)
        if claim.object in kept
        and keep_claim(claim, relations=relations, min_confidence=min_confidence, include_hedged=include_hedged)
    ]
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(sorted(kept))
    # Sorted, so that the page (its layout included) is the same whatever order the store answers in.
    claims_graph(sorted(claims, key=lambda claim: claim.iri), graph)
    return graph, nodes, len(reached) - len(kept)


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
    for triple in result:
        subject, predicate, obj = (term_id(triple.subject), triple.predicate.value, triple.object)
        graph.add_node(subject)
        if isinstance(obj, ox.Literal):
            add_property(nodes, subject, predicate, obj.value)
            continue
        relation = local_name(predicate) if predicate.startswith(KG) else compact(predicate)
        if relations is not None and relation not in relations:
            continue
        backing = by_triple.get((subject, relation, term_id(obj)), [])
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


def best_connected(degrees: dict[str, int], max_nodes: int, nodes: dict[str, NodeInfo]) -> list[str]:
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
    claims_per_edge: int,
) -> Selection:
    if entity is not None:
        from graph.provenance import resolve_entity

        # Callers that already resolved the name (the shell does) pass the bare IRI.
        focus = resolve_entity(store, f"<{entity}>" if is_iri(entity) else entity)
        graph, nodes, left_out = neighbourhood_graph(
            store, focus, depth, relations=relations, min_confidence=min_confidence, include_hedged=include_hedged,
            max_nodes=max_nodes,
        )
    else:
        focus = None
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
    cap_claims(graph, claims_per_edge)
    for node in graph:
        nodes.setdefault(node, NodeInfo(label=local_name(node)))
    return Selection(graph=graph, nodes={node: nodes[node] for node in graph}, left_out=left_out, focus=focus)
