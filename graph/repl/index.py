"""The completion index (litecli's completion refresher): the graph's classes, properties and entity
labels, read once at start-up in a background thread, so that completing a label is a scan of an
in-memory list instead of a query per keystroke."""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass, field

from graph.namespaces import ENTITY, ENTITY_TYPES, META_GRAPH, PREFIXES

# When an entity has several types, the most telling one is shown.
_TYPE_ORDER = {name: rank for rank, name in enumerate(("Person", "Company", "InvestmentFund", "Product", "Place", "Organization"))}
assert set(_TYPE_ORDER) == set(ENTITY_TYPES)

_ENTITIES = f"""SELECT ?e ?label ?type WHERE {{ GRAPH <{META_GRAPH}> {{
  ?e rdfs:label ?label . OPTIONAL {{ ?e a ?type FILTER(STRSTARTS(STR(?type), STR(kg:))) }}
  FILTER(STRSTARTS(STR(?e), "{ENTITY}")) }} }}"""
_ALIASES = f"SELECT ?e ?alias WHERE {{ GRAPH <{META_GRAPH}> {{ ?e skos:altLabel ?alias }} }}"
_CLASSES = "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c"
_PROPERTIES = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Société" and "societe" match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def compact(iri: str) -> str:
    """`https://w3id.org/newsgraph/entity/xai` -> `e:xai`; unknown namespaces stay `<...>`."""
    best = ""
    for name, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            local = iri[len(namespace):]
            if local and all(ch.isalnum() or ch in "_-." for ch in local) and not local.endswith("."):
                best = name
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else f"<{iri}>"


@dataclass(frozen=True)
class EntityEntry:
    iri: str
    name: str  # compact form, e.g. e:sequoia-capital
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    search: tuple[str, ...] = ()  # folded label, aliases and key

    @property
    def meta(self) -> str:
        return f"{self.label} · {self.type}" if self.type else self.label


@dataclass
class CompletionIndex:
    entities: list[EntityEntry] = field(default_factory=list)
    classes: list[tuple[str, int]] = field(default_factory=list)  # (IRI, instances), most used first
    properties: list[tuple[str, int]] = field(default_factory=list)  # (IRI, triples), most used first
    labels: dict[str, str] = field(default_factory=dict)  # entity IRI -> label

    @classmethod
    def build(cls, store) -> CompletionIndex:
        types: dict[str, list[str]] = {}
        names: dict[str, str] = {}
        for row in store.query(_ENTITIES):
            iri = row["e"].value
            names.setdefault(iri, row["label"].value)
            if row["type"] is not None:
                types.setdefault(iri, []).append(row["type"].value.rsplit("#", 1)[-1])
        aliases: dict[str, list[str]] = {}
        for row in store.query(_ALIASES):
            aliases.setdefault(row["e"].value, []).append(row["alias"].value)
        entities = []
        for iri, label in sorted(names.items(), key=lambda item: fold(item[1])):
            kinds = sorted(types.get(iri, []), key=lambda t: _TYPE_ORDER.get(t, len(_TYPE_ORDER)))
            name = compact(iri)
            also = tuple(aliases.get(iri, ()))
            search = tuple(dict.fromkeys(fold(text) for text in (label, *also, name.removeprefix("e:"))))
            entities.append(EntityEntry(iri, name, label, kinds[0] if kinds else "", also, search))
        return cls(
            entities=entities,
            classes=_counted(store.query(_CLASSES), "c"),
            properties=_counted(store.query(_PROPERTIES), "p"),
            labels=names,
        )

    def find_entities(self, text: str, limit: int = 50) -> list[EntityEntry]:
        """Entities whose label, alias or key matches `text`: prefix matches, then word starts,
        then substrings, then fuzzy (letters in order)."""
        probe = fold(text.removeprefix("e:"))
        if not probe:
            return self.entities[:limit]
        ranked: list[tuple[int, int, EntityEntry]] = []
        for entry in self.entities:
            rank = _match_rank(probe, entry.search)
            if rank is not None:
                ranked.append((rank, len(entry.label), entry))
        ranked.sort(key=lambda item: (item[0], item[1]))
        return [entry for _, _, entry in ranked[:limit]]

    def is_known(self, iri: str) -> bool:
        return iri in self.labels or any(iri == c for c, _ in self.classes) or any(iri == p for p, _ in self.properties)


def _match_rank(probe: str, texts: tuple[str, ...]) -> int | None:
    best = None
    for text in texts:
        if text.startswith(probe):
            return 0
        if any(word.startswith(probe) for word in text.replace("-", " ").split()):
            rank = 1
        elif probe in text:
            rank = 2
        elif letters_in_order(probe, text):
            rank = 3
        else:
            continue
        best = rank if best is None else min(best, rank)
    return best


def letters_in_order(probe: str, text: str) -> bool:
    """Whether the letters of `probe` occur in `text` in that order: the loosest fuzzy match."""
    position = 0
    for ch in probe:
        position = text.find(ch, position) + 1
        if not position:
            return False
    return True


def _counted(rows, var: str) -> list[tuple[str, int]]:
    counted = [(row[var].value, int(row["n"].value)) for row in rows if row[var] is not None]
    return sorted(counted, key=lambda item: (-item[1], item[0]))


class CompletionRefresher:
    """Builds a CompletionIndex in a daemon thread and hands it to `on_ready` (litecli's refresher)."""

    def __init__(self, store, on_ready):
        self.store = store
        self.on_ready = on_ready
        self._thread: threading.Thread | None = None
        self.error: Exception | None = None

    def refresh(self, *, wait: bool = False) -> None:
        self._thread = threading.Thread(target=self._build, name="kg-completion-refresher", daemon=True)
        self._thread.start()
        if wait:
            self._thread.join()

    def _build(self) -> None:
        try:
            self.on_ready(CompletionIndex.build(self.store))
        except Exception as error:  # a failed refresh leaves the previous index in place
            self.error = error
