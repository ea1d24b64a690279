"""The completion index (litecli's completion refresher): the graph's classes and properties, read
once at start-up in a background thread, and its entities, through the label index that the
embedded store keeps beside its database (graph.store.label_index), so that completing a label is
an index lookup instead of a query per keystroke."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from graph.namespaces import compact
from graph.store.label_index import EntityEntry, LabelIndex, fold

__all__ = ["CompletionIndex", "CompletionRefresher", "EntityEntry", "compact", "fold", "letters_in_order"]

_CLASSES = "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c"
_PROPERTIES = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"


@dataclass
class CompletionIndex:
    entity_index: LabelIndex | None = None
    classes: list[tuple[str, int]] = field(default_factory=list)  # (IRI, instances), most used first
    properties: list[tuple[str, int]] = field(default_factory=list)  # (IRI, triples), most used first

    @classmethod
    def build(cls, store) -> CompletionIndex:
        return cls(
            entity_index=store.label_index() or LabelIndex.in_memory(store.query),
            classes=_counted(store.query(_CLASSES), "c"),
            properties=_counted(store.query(_PROPERTIES), "p"),
        )

    @property
    def entities(self) -> list[EntityEntry]:
        return self.entity_index.all() if self.entity_index else []

    @property
    def labels(self) -> Mapping[str, str]:
        """Entity IRI -> label."""
        return self.entity_index.labels if self.entity_index else {}

    def find_entities(self, text: str, limit: int | None = 50) -> list[EntityEntry]:
        return self.entity_index.find(text, limit) if self.entity_index else []

    def known_iris(self) -> list[str]:
        entities = list(self.entity_index.iris()) if self.entity_index else []
        return entities + [c for c, _ in self.classes] + [p for p, _ in self.properties]


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
