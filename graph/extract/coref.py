"""Coreference inside an article: pronouns (il, elle) and epithets ("le milliardaire", "la start-up",
"le dirigeant de Tesla") point back to the latest entity of a compatible type."""

from __future__ import annotations

from spacy.tokens import Span

from graph.extract.data import load
from graph.extract.entities import ORGANIZATIONS, Mention

COMPATIBLE = {
    "Person": ("Person",),
    "Company": ("Company", "Organization"),
    "InvestmentFund": ("InvestmentFund", "Organization"),
    "Organization": ORGANIZATIONS,
}
DETERMINERS = {"le", "la", "l'", "ce", "cet", "cette", "sa", "son", "du", "au"}
# How far back (in mentions) an antecedent may be.
WINDOW = 12


class History:
    def __init__(self):
        cues = load("cues")
        self.epithets = cues["epithets"]
        self.pronouns = cues["pronouns"]
        self.recent: list[Mention] = []

    def remember(self, mentions: list[Mention]) -> None:
        self.recent.extend(m for m in mentions if not m.resolved)
        del self.recent[:-WINDOW]

    def antecedent(self, type_: str, before: list[Mention]) -> Mention | None:
        """The latest entity of exactly this type, else of a compatible one."""
        candidates = [m for m in reversed(self.recent + before) if not m.resolved]
        for accepted in ((type_,), COMPATIBLE[type_]):
            for mention in candidates:
                if mention.type in accepted:
                    return mention
        return None

    def resolve(self, sentence: Span, named: list[Mention]) -> list[Mention]:
        """Mentions standing for pronoun subjects and epithet noun phrases of the sentence."""
        taken = {i for m in named for i in range(m.start, m.end)}
        found = []
        for token in sentence:
            if token.i in taken:
                continue
            lower = token.lower_
            type_, end = None, token.i + 1
            if lower in self.pronouns and token.dep_.startswith("nsubj"):
                type_ = self.pronouns[lower]
            elif token.i > sentence.start and token.doc[token.i - 1].lower_ in DETERMINERS:
                for width in (2, 1):
                    words = token.doc[token.i : token.i + width]
                    if len(words) == width and words.text.lower() in self.epithets:
                        type_, end = self.epithets[words.text.lower()], token.i + width
                        break
                if type_ and self._names_follow(token.doc, end, taken):
                    type_ = None  # "la start-up canadienne Cohere": a type cue for the name, not a reference
            if not type_:
                continue
            earlier = [m for m in named if m.end <= token.i]
            target = self._apposition(token.doc, end, named, type_) or self._apposed_before(token.doc, token.i - 1, named, type_)
            if target is None and not self._ambiguous(type_, earlier):
                target = self.antecedent(type_, earlier)
            if target:
                found.append(Mention(token.i, end, target.key, target.type, token.text, resolved=True))
        return found

    @staticmethod
    def _ambiguous(type_: str, earlier: list[Mention]) -> bool:
        """Two candidates of the right type in the same sentence ("entre Microsoft et OpenAI ... la
        multinationale"): better no link than a coin toss."""
        return len({m.key for m in earlier if m.type in COMPATIBLE[type_]}) > 1

    @staticmethod
    def _apposed_before(doc, determiner: int, named: list[Mention], type_: str) -> Mention | None:
        """"Anthropic, la société ...": the name just before the comma that opens the epithet."""
        if determiner >= 2 and doc[determiner - 1].text == ",":
            for mention in named:
                if mention.end == determiner - 1 and mention.type in COMPATIBLE[type_]:
                    return mention
        return None

    @staticmethod
    def _names_follow(doc, end: int, taken: set[int]) -> bool:
        for i in range(end, min(end + 4, len(doc))):
            if i in taken:
                return True
            if doc[i].pos_ == "ADP" and i + 1 in taken:
                return False  # "le dirigeant de Tesla": a role description, so a reference
            if doc[i].pos_ not in {"ADJ", "ADP", "NOUN"}:
                return False
        return False

    @staticmethod
    def _apposition(doc, end: int, named: list[Mention], type_: str) -> Mention | None:
        """'la start-up d'Elon Musk, xAI, ...': the name set off by a comma right after the phrase."""
        for mention in named:
            if end < mention.start <= end + 6 and doc[mention.start - 1].text == "," and mention.type in COMPATIBLE[type_]:
                between = doc[end : mention.start - 1]
                if all(t.pos_ in {"ADP", "DET", "ADJ", "NOUN", "PROPN"} for t in between):
                    return mention
        return None
