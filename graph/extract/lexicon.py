"""The entity lexicon (data/lexicon.json): canonical names, aliases, types and Wikidata ids."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from graph.extract.data import load
from graph.extract.model import Entity
from graph.extract.text import fold, slug


@dataclass(frozen=True)
class Lexicon:
    entities: dict[str, Entity]  # key -> entity
    exact: dict[str, str]  # alias as written -> key (only these may match case-sensitively)
    folded: dict[str, str]  # fold(alias) -> key

    def lookup(self, name: str) -> str | None:
        """The key of a known entity named `name` ("Blackrock", "qu'OpenAI" aside), or None."""
        if name in self.exact:
            return self.exact[name]
        return self.folded.get(fold(name))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    entities, exact, folded = {}, {}, {}
    for row in load("lexicon")["entities"]:
        key = slug(row["label"])
        names = [row["label"], *row.get("aliases", [])]
        entities[key] = Entity(key, row["label"], row["type"], frozenset(names[1:]), row.get("wikidata"))
        case_sensitive = set(row.get("case_sensitive", []))
        for name in names:
            exact[name] = key
            if name not in case_sensitive and len(name) >= 3:
                folded[fold(name)] = key
    return Lexicon(entities, exact, folded)
