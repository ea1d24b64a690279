"""Counts that describe the graph: shared by `kg stats` and the shell's `.stats`."""

from __future__ import annotations

from graph.namespaces import META_GRAPH, RELATIONS

RELATION_IRIS = " ".join(f"kg:{name}" for name in RELATIONS)
from graph.store import GraphStore

QUERIES = {
    "classes": f"""SELECT ?key (COUNT(DISTINCT ?x) AS ?n) WHERE {{
        GRAPH <{META_GRAPH}> {{ ?x a ?key }} FILTER(STRSTARTS(STR(?key), STR(kg:)))
    }} GROUP BY ?key ORDER BY DESC(?n) ?key""",
    "claims per relation": """SELECT ?key (COUNT(?c) AS ?n) WHERE {
        GRAPH ?g { ?c a kg:Claim ; rdf:predicate ?key }
    } GROUP BY ?key ORDER BY DESC(?n) ?key""",
    "edges per relation": f"""SELECT ?key (COUNT(*) AS ?n) WHERE {{
        {{ SELECT DISTINCT ?s ?key ?o WHERE {{ VALUES ?key {{ {RELATION_IRIS} }} GRAPH ?g {{ ?s ?key ?o }} }} }}
    }} GROUP BY ?key ORDER BY DESC(?n) ?key""",
    "claims per modality": """SELECT ?key (COUNT(?c) AS ?n) WHERE {
        GRAPH ?g { ?c a kg:Claim ; kg:modality ?key }
    } GROUP BY ?key ORDER BY DESC(?n) ?key""",
    "claims per article": f"""SELECT ?key (COUNT(?c) AS ?n) WHERE {{
        GRAPH <{META_GRAPH}> {{ ?article a kg:Article ; kg:fileName ?key }}
        OPTIONAL {{ GRAPH ?article {{ ?c a kg:Claim }} }}
    }} GROUP BY ?key ORDER BY ?key""",
}


def stats(store: GraphStore) -> dict[str, dict[str, int]]:
    """Section name -> {item: count}; items are local names (kg:Person -> Person)."""
    result: dict[str, dict[str, int]] = {}
    for section, query in QUERIES.items():
        result[section] = {
            _local(row["key"].value): int(row["n"].value) for row in store.query(query)
        }
    return result


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri
