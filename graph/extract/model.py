"""What the extractor hands to the graph writer: entities and claims, with offsets into the article."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Entity:
    """A real-world entity. `key` is its IRI's local name, e.g. ``sequoia-capital``."""

    key: str
    label: str
    type: str  # one of graph.namespaces.ENTITY_TYPES
    aliases: frozenset[str] = frozenset()
    wikidata: str | None = None  # a Q-id such as "Q104623584"


@dataclass(frozen=True)
class Amount:
    value: float
    currency: str  # ISO 4217, e.g. "USD"


@dataclass(frozen=True)
class Claim:
    """One extracted relation. `start`/`end` delimit the quoted sentence in Article.text."""

    subject: str  # Entity.key
    relation: str  # one of graph.namespaces.RELATIONS
    object: str  # Entity.key
    start: int
    end: int
    quote: str
    modality: str = "Asserted"  # one of graph.namespaces.MODALITIES
    confidence: float = 0.8
    attributed_to: str | None = None  # Entity.key of the source in "selon X"
    amount: Amount | None = None
    date: str | None = None  # "2023-07" (gYearMonth), "2023-07-12" (date) or "2023" (gYear)


@dataclass
class Extraction:
    """Everything one article yields. `entities` holds every entity mentioned, with or without claims."""

    entities: dict[str, Entity] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
