"""What the picture shows, read from the store: claims, the entities they link, and the
subgraph a request selects (whole graph, one neighbourhood, or a CONSTRUCT result)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import unquote

import networkx as nx
import pyoxigraph as ox

from graph.errors import UserError
from graph.namespaces import DCT, EDGE_MODALITIES, ENTITY_TYPES, KG, META_GRAPH, PREFIXES, RDFS
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
# Titles are read apart: joining them into the claims query doubles its cost on big graphs.
TITLES_QUERY = f"SELECT ?article ?title WHERE {{ GRAPH <{META_GRAPH}> {{ ?article a kg:Article ; dct:title ?title }} }}"

# Entities and articles: anything typed in the kg: namespace that a picture may show as a node.
NODES_QUERY = f"""
SELECT ?node ?type ?label WHERE {{ GRAPH <{META_GRAPH}> {{
  ?node a ?type .
  FILTER(STRSTARTS(STR(?type), STR(kg:)))
  OPTIONAL {{ ?node rdfs:label|dct:title ?label }}
}} }}
"""

# Edge kinds: Asserted and Reported claims back a plain edge; the other two are drawn dashed.
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
    """The graph to draw: a MultiDiGraph whose edges are keyed (relation, kind) and carry `claims`."""

    graph: nx.MultiDiGraph
    nodes: dict[str, NodeInfo]
    left_out: int = 0
    focus: str | None = None


def local_name(iri: str) -> str:
    return unquote(iri.rsplit("#", 1)[-1].rstrip("/").rsplit("/", 1)[-1])


def is_iri(text: str) -> bool:
    return "://" in text and not any(c.isspace() for c in text)


def compact(iri: str) -> str:
    """`kg:founded` for IRIs under a project prefix, the IRI itself otherwise."""
    best = max((ns for ns in PREFIXES.items() if iri.startswith(ns[1])), key=lambda ns: len(ns[1]), default=None)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri


def read_claims(store: GraphStore, *, include_hedged: bool) -> list[ClaimInfo]:
    titles = {row["article"].value: row["title"].value for row in store.query(TITLES_QUERY)}
    # Without hedged claims, half the claims need not even be read.
    only_edges = "" if include_hedged else "VALUES ?modality { %s }" % " ".join(f"kg:{m}" for m in EDGE_MODALITIES)
    claims: dict[str, ClaimInfo] = {}
    for row in store.query(CLAIMS_QUERY % only_edges):
        iri = row["claim"].value
        if iri in claims:  # a second source for the same claim adds nothing to the picture
            continue
        confidence, quote, source = row["confidence"], row["quote"], row["source"]
        article = row["article"].value
        claims[iri] = ClaimInfo(
            iri=iri,
            subject=row["s"].value,
            relation=local_name(row["p"].value),
            object=row["o"].value,
            modality=local_name(row["modality"].value),
            confidence=float(confidence.value) if confidence is not None else None,
            quote=quote.value if quote is not None else "",
            article=article,
            article_title=titles.get(article, local_name(article)),
            source=source.value if source is not None else None,
        )
    return list(claims.values())


def read_nodes(store: GraphStore) -> dict[str, NodeInfo]:
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for row in store.query(NODES_QUERY):
        node = row["node"].value
        types[node].add(row["type"].value.removeprefix(KG))
        if row["label"] is not None:
            labels.setdefault(node, row["label"].value)
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


def claims_graph(claims: list[ClaimInfo]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for claim in claims:
        add_claim_edge(graph, claim)
    return graph


def neighbourhood(graph: nx.MultiDiGraph, center: str, depth: int) -> nx.MultiDiGraph:
    if center not in graph:
        lone = nx.MultiDiGraph()
        lone.add_node(center)
        return lone
    # Direction does not matter for "near": an investor and its investee are neighbours both ways.
    return nx.ego_graph(graph, center, radius=depth, undirected=True)


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
    # Ties are broken by label so the same request always keeps the same nodes.
    ranked = sorted(graph.degree, key=lambda item: (-item[1], label_of(nodes, item[0])))
    kept = [node for node, _ in ranked[:max_nodes]]
    return graph.subgraph(kept).copy(), graph.number_of_nodes() - max_nodes


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
) -> Selection:
    nodes = read_nodes(store)
    claims = [
        claim for claim in read_claims(store, include_hedged=include_hedged)
        if keep_claim(claim, relations=relations, min_confidence=min_confidence, include_hedged=include_hedged)
    ]
    focus = None
    if construct is not None:
        graph = construct_graph(store, construct, construct_name, claims, nodes, relations)
    else:
        graph = claims_graph(claims)
        if entity is not None:
            from graph.provenance import resolve_entity

            # Callers that already resolved the name (the shell does) pass the bare IRI.
            focus = resolve_entity(store, f"<{entity}>" if is_iri(entity) else entity)
            graph = neighbourhood(graph, focus, depth)
    graph, left_out = keep_highest_degree(graph, max_nodes, nodes)
    for node in graph:
        nodes.setdefault(node, NodeInfo(label=local_name(node)))
    return Selection(graph=graph, nodes={node: nodes[node] for node in graph}, left_out=left_out, focus=focus)
