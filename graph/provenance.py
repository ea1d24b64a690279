"""Finding entities by name and the claims behind an edge: shared by `kg why`, the shell and the viz."""

from __future__ import annotations

import difflib
import re

from graph.errors import UserError
from graph.namespaces import ENTITY, KG, META_GRAPH, PREFIXES, RELATIONS, SYMMETRIC_RELATIONS
from graph.store import GraphStore

IRI_REF = re.compile(r"^<([^<>\s]+)>$")
# A full IRI typed without its angle brackets; "://" tells it from a prefixed name such as e:xai.
BARE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^<>\s\"{}|^`\\]+$")
PREFIXED = re.compile(r"^([A-Za-z][\w-]*)?:([\w.\-%]*)$")


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def expand_iri(name: str) -> str | None:
    """`<http://...>`, `http://...` or `e:xai` to a full IRI; None if `name` is none of them."""
    if match := IRI_REF.match(name):
        return match[1]
    if BARE_IRI.match(name):
        return name
    if (match := PREFIXED.match(name)) and (match[1] or "") in PREFIXES:
        return PREFIXES[match[1] or ""] + match[2]
    return None


def resolve_entity(store: GraphStore, name: str) -> str:
    """The entity IRI for a name, label, alias, `e:key`, `<IRI>` or full IRI; UserError with a hint if none."""
    name = name.strip()
    iri = expand_iri(name)
    if iri is not None:
        if store.query(f"ASK {{ GRAPH <{META_GRAPH}> {{ <{iri}> ?p ?o }} }}"):
            return iri
        # an entity IRI is compared by its key, as the suggestions are written (e:key)
        probe = "e:" + iri.removeprefix(ENTITY) if iri.startswith(ENTITY) else name
        raise UserError(f"{name} does not occur in the graph{_did_you_mean(store, probe)}")
    rows = list(store.query(
        f"SELECT DISTINCT ?e WHERE {{ GRAPH <{META_GRAPH}> {{ ?e rdfs:label|skos:altLabel {_literal(name)} }} }} LIMIT 2"
    ))
    if len(rows) == 1:
        return rows[0]["e"].value
    labels = entity_labels(store)
    folded = name.casefold()
    matches = sorted({iri for label, iri in labels if label.casefold() == folded})
    if len(matches) == 1 or len(rows) > 1:
        return (matches or [rows[0]["e"].value])[0]
    raise UserError(f"no entity named {name!r}{_did_you_mean(store, name, labels)}")


def entity_labels(store: GraphStore) -> list[tuple[str, str]]:
    """(label or alias, entity IRI) for every entity."""
    rows = store.query(
        f"SELECT ?label ?e WHERE {{ GRAPH <{META_GRAPH}> {{ ?e rdfs:label|skos:altLabel ?label }} }}"
    )
    return [(row["label"].value, row["e"].value) for row in rows]


def _did_you_mean(store: GraphStore, name: str, labels: list[tuple[str, str]] | None = None) -> str:
    labels = labels if labels is not None else entity_labels(store)
    by_text = {label.casefold(): label for label, _ in labels}
    by_text.update({iri.removeprefix(ENTITY).casefold(): "e:" + iri.removeprefix(ENTITY) for _, iri in labels})
    probe = name.removeprefix("e:").casefold()
    close = difflib.get_close_matches(probe, list(by_text), n=1, cutoff=0.6)
    prefix_hits = [text for text in by_text if text.startswith(probe)] if probe else []
    best = close or sorted(prefix_hits, key=len)[:1]
    return f"; did you mean {by_text[best[0]]}?" if best else ""


def resolve_relation(name: str) -> str:
    local = name.strip().removeprefix("kg:").rsplit("#", 1)[-1]
    for relation in RELATIONS:
        if relation.casefold() == local.casefold():
            return relation
    close = difflib.get_close_matches(local, RELATIONS, n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]}?" if close else f" (known: {', '.join(RELATIONS)})"
    raise UserError(f"unknown relation {name!r}{hint}")


def why(store: GraphStore, subject: str, relation: str, obj: str) -> list[dict]:
    """Every claim that supports SUBJECT RELATION OBJECT, with its article and quote, strongest first."""
    s_iri, o_iri = resolve_entity(store, subject), resolve_entity(store, obj)
    relation = resolve_relation(relation)
    pairs = f"(<{s_iri}> <{o_iri}>)"
    if relation in SYMMETRIC_RELATIONS:
        pairs += f" (<{o_iri}> <{s_iri}>)"
    rows = store.query(f"""
SELECT ?claim ?s ?o ?article ?title ?quote ?start ?end ?modality ?confidence ?source WHERE {{
  VALUES (?s ?o) {{ {pairs} }}
  GRAPH ?g {{
    ?claim rdf:subject ?s ; rdf:predicate <{KG}{relation}> ; rdf:object ?o ;
           prov:wasDerivedFrom ?article ; kg:quote ?quote ; kg:charStart ?start ; kg:charEnd ?end ;
           kg:modality ?modality ; kg:confidence ?confidence .
    OPTIONAL {{ ?claim prov:wasAttributedTo ?source }}
  }}
  OPTIONAL {{ GRAPH <{META_GRAPH}> {{ ?article dct:title ?title }} }}
}} ORDER BY DESC(?confidence) ?article ?start""")
    return [
        {
            "claim": row["claim"].value,
            "subject": row["s"].value,
            "relation": relation,
            "object": row["o"].value,
            "article": row["article"].value,
            "title": row["title"].value if row["title"] else "",
            "quote": row["quote"].value,
            "start": int(row["start"].value),
            "end": int(row["end"].value),
            "modality": row["modality"].value.rsplit("#", 1)[-1],
            "confidence": float(row["confidence"].value),
            "source": row["source"].value if row["source"] else None,
        }
        for row in rows
    ]
