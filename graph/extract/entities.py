"""One article's entities: every mention becomes a key, with the same key for the same actor.

Lexicon hits take the lexicon's key. Other names are minted from their text, after two links
inside the article: a lone surname ("Mensch") joins the person named in full before, and a
shortened organisation name ("Mistral") joins the longer one ("Mistral AI").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Span

from graph.extract.lexicon import lexicon
from graph.extract.model import Entity
from graph.extract.text import for_nlp, slug

ORGANIZATIONS = ("Organization", "Company", "InvestmentFund")


# Short words a name's acronym leaves out: "CDPQ" is the "Caisse de dépôt et placement du Québec".
ACRONYM_SKIPS = {"de", "des", "du", "d", "la", "le", "les", "l", "et", "and", "of", "the", "&"}


def _acronyms(label: str) -> set[str]:
    """The acronyms a name of three or more words may be shortened to: the initials of all its
    words but the short ones, of its capitalised words only ("SNE", "ADIA"), and of every word
    when a "de" joins two ("ADP": "Aéroports de Paris")."""
    every = [w for w in re.split(r"[\s'’-]+", label) if w]
    words = [w for w in every if w.lower() not in ACRONYM_SKIPS]
    found = {"".join(w[0] for w in every).upper()} if len(every) == 3 and len(words) == 2 and every[1].lower() in {"de", "du", "des"} else set()
    if len(words) < 3:
        return found
    found.add("".join(w[0] for w in words).upper())
    capitalised = [w for w in words if w[0].isupper()]
    if len(capitalised) >= 3:
        found.add("".join(w[0] for w in capitalised))
    return found


@dataclass
class Mention:
    start: int  # token index in the doc
    end: int
    key: str
    type: str
    text: str
    resolved: bool = False  # found by coreference (a pronoun or an epithet), not by name
    siblings: tuple[Mention, ...] = ()  # the other entities of a plural reference: "les deux entreprises"
    alternative: Mention | None = None  # coreference's second choice, should the first be the claim's other end


@dataclass
class _Draft:
    label: str
    types: Counter = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    weak: bool = True  # named by nothing but a MISC NER guess: kept only if a claim needs it


class EntityRegistry:
    def __init__(self):
        self.lexicon = lexicon()
        self.drafts: dict[str, _Draft] = {}
        self.used: set[str] = set()
        # keys of the drafts a shorter name may stand for, by last word and by leading words, in
        # the order the drafts were made: looking them up stays cheap in an article with thousands
        # of names
        self.by_last_word: dict[str, list[str]] = {}
        self.by_prefix: dict[tuple[str, ...], list[str]] = {}
        self.rank: dict[str, int] = {}
        # keys of organisations by the acronyms of their names: "l'ADIA" after "Abu Dhabi Investment Authority"
        self.by_acronym: dict[str, list[str]] = {}

    def add(self, span: Span) -> Mention:
        text = for_nlp(span.text).strip()
        name = span.doc.user_data.get(("full_name", span.start), text)
        key = span.kb_id_ or self.lexicon.lookup(name) or self._link(name, span.label_) or slug(name)
        draft = self.drafts.get(key)
        if draft is None:
            known = self.lexicon.entities.get(key)
            draft = self.drafts[key] = _Draft(known.label if known else name)
            if known:
                draft.types[known.type] += 100
            self.rank[key] = len(self.rank)
            label_words = draft.label.split()
            if len(label_words) > 1:
                self.by_last_word.setdefault(label_words[-1], []).append(key)
            for n in range(1, len(label_words)):
                self.by_prefix.setdefault(tuple(label_words[:n]), []).append(key)
            for acronym in _acronyms(draft.label):
                self.by_acronym.setdefault(acronym, []).append(key)
        if span.label_:
            draft.types[span.label_] += 1
            draft.weak = False
        if name != draft.label:
            draft.aliases.add(span.text.strip())
        return Mention(span.start, span.end, key, self.type_of(key), text)

    def seen_at(self, token) -> list[Mention]:
        """A sentence-initial word that names an entity the article already named: NER skips
        capitalised first words, but "Sanofi est déjà partenaire ..." is Sanofi again."""
        key = slug(token.text)
        if token.is_title and key in self.drafts and not self.drafts[key].weak:
            return [Mention(token.i, token.i + 1, key, self.type_of(key), token.text)]
        return []

    def _link(self, name: str, type_: str) -> str | None:
        words = name.split()
        surname = self.by_last_word.get(name, []) if len(words) == 1 else []
        shortened = self.by_prefix.get(tuple(words), []) if type_ != "Person" else []
        shortened += self.by_acronym.get(name, []) if name.isupper() else []
        for key in sorted(set(surname) | set(shortened), key=self.rank.__getitem__):
            kind = self.type_of(key)
            if (key in surname and kind == "Person") or (key in shortened and kind in ORGANIZATIONS):
                return key
        return None

    def type_of(self, key: str) -> str:
        types = self.drafts[key].types
        return types.most_common(1)[0][0] if types else "Organization"

    def entities(self) -> dict[str, Entity]:
        result = {}
        for key, draft in self.drafts.items():
            if draft.weak and key not in self.used:
                continue
            known = self.lexicon.entities.get(key)
            aliases = frozenset(a for a in draft.aliases if a != draft.label)
            result[key] = Entity(key, draft.label, self.type_of(key), aliases, known.wikidata if known else None)
        return result
