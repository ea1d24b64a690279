"""Counts that describe the graph: shared by `kg stats` and the shell's `.stats`.

Each query is shaped to stay well under a second on a million quads: no type join where the
predicate alone identifies claims, no string filter inside the store, and no join between an
aggregate and the meta graph (claims per article are counted per graph, then named in Python).
"""

from __future__ import annotations

from graph.namespaces import KG, META_GRAPH, RELATIONS, SYMMETRIC_RELATIONS
from graph.store import GraphStore

RELATION_IRIS = " ".join(f"kg:{name}" for name in RELATIONS)
SYMMETRIC_IRIS = ", ".join(f"kg:{name}" for name in SYMMETRIC_RELATIONS)

QUERIES = {
    # Every class in the meta graph; only kg: classes are kept (in Python: faster than a FILTER).
    "classes": f"""SELECT ?key (COUNT(?x) AS ?n) WHERE {{
        GRAPH <{META_GRAPH}> {{ ?x a ?key }}
    }} GROUP BY ?key ORDER BY DESC(?n) ?key""",
    # Only claim nodes carry rdf:predicate and kg:modality, so no `?c a kg:Claim` join is needed.
    "claims per relation": """SELECT ?key (COUNT(?c) AS ?n) WHERE {
        GRAPH ?g { ?c rdf:predicate ?key }
    } GROUP BY ?key ORDER BY DESC(?n) ?key""",
    # A symmetric edge is stored both ways and counted once: its ends are put in a fixed order.
    "edges per relation": f"""SELECT ?key (COUNT(*) AS ?n) WHERE {{
        {{ SELECT DISTINCT ?a ?key ?b WHERE {{
            VALUES ?key {{ {RELATION_IRIS} }} GRAPH ?g {{ ?s ?key ?o }}
            BIND(?key IN ({SYMMETRIC_IRIS}) && STR(?o) < STR(?s) AS ?swap)
            BIND(IF(?swap, ?o, ?s) AS ?a) BIND(IF(?swap, ?s, ?o) AS ?b)
        }} }}
    }} GROUP BY ?key ORDER BY DESC(?n) ?key""",
    "claims per modality": """SELECT ?key (COUNT(?c) AS ?n) WHERE {
        GRAPH ?g { ?c kg:modality ?key }
    } GROUP BY ?key ORDER BY DESC(?n) ?key""",
}
ARTICLE_FILES = f"SELECT ?article ?file WHERE {{ GRAPH <{META_GRAPH}> {{ ?article kg:fileName ?file }} }}"
CLAIMS_PER_GRAPH = "SELECT ?article (COUNT(?c) AS ?n) WHERE { GRAPH ?article { ?c a kg:Claim } } GROUP BY ?article"


def stats(store: GraphStore) -> dict[str, dict[str, int]]:
    """Section name -> {item: count}; items are local names (kg:Person -> Person)."""
    result: dict[str, dict[str, int]] = {}
    for section, query in QUERIES.items():
        result[section] = {
            _local(row["key"].value): int(row["n"].value)
            for row in store.query(query)
            if section != "classes" or row["key"].value.startswith(KG)
        }
    result["claims per article"] = claims_per_article(store)
    return result


def claims_per_article(store: GraphStore) -> dict[str, int]:
    """File name -> number of claims, for every article (0 for an article without claims)."""
    claims = {row["article"].value: int(row["n"].value) for row in store.query(CLAIMS_PER_GRAPH)}
    counts: dict[str, int] = {}
    for row in store.query(ARTICLE_FILES):
        name = row["file"].value
        counts[name] = counts.get(name, 0) + claims.get(row["article"].value, 0)
    return dict(sorted(counts.items()))


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri
