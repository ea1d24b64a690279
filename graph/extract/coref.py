"""Coreference inside an article: pronouns (il, elle), epithets ("le milliardaire", "la start-up",
"le dirigeant de Tesla") and "les deux entreprises" point back to earlier entities.

The antecedent is chosen like a reader would: an entity already described by a noun of the same
class ("la start-up X" ... "la jeune pousse"), else one of the right type, else a compatible one;
within each tier the latest sentence wins, and in a sentence the subject beats the object, which
beats the rest ("Samsung a investi dans X. Le groupe coréen ..." is Samsung). An entity described
by a noun of another class is never taken ("la start-up X" is not "le groupe").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from graph.extract.data import load
from graph.extract.entities import ORGANIZATIONS, Mention
from graph.extract.text import is_adjective, slug

COMPATIBLE = {
    "Person": ("Person",),
    "Company": ("Company", "Organization"),
    "InvestmentFund": ("InvestmentFund", "Organization"),
    "Organization": ORGANIZATIONS,
}
DETERMINERS = {"le", "la", "l'", "ce", "cet", "cette", "sa", "son", "du", "au"}
# Verbs whose "il" is impersonal ("il faut", "il s'agit"); the parser calls other "il" expletive too.
IMPERSONAL = {"falloir", "exister", "avoir", "agir", "sembler", "paraître", "pleuvoir", "valoir", "suffire", "être"}
SOURCE_MARKERS = {"selon", "après"}
# How far back (in mentions) an antecedent may be.
WINDOW = 12


@dataclass(frozen=True)
class _Seen:
    mention: Mention
    sentence: int
    salience: int
    source: bool = False  # named as a source: "selon X", "d'après X"


def salience(doc, mention: Mention) -> int:
    """3 for the subject of a clause, 2 for its object (or argument: "investir dans X"), 1 for a
    complement of either ("le cofondateur de X"), 0 for the rest ("après dix ans chez X")."""
    token, complement = doc[mention.start], False
    for _ in range(4):
        if token.dep_.startswith("nsubj"):
            return 1 if complement else 3
        if token.dep_ in {"obj", "obl:arg"}:
            return 1 if complement else 2
        if token.head is token or token.head.pos_ in {"VERB", "AUX"}:
            break
        complement = complement or any(child.dep_ == "case" for child in token.children)
        token = token.head
    return 0


class History:
    def __init__(self):
        cues = load("cues")
        self.epithets = cues["epithets"]
        self.pronouns = cues["pronouns"]
        self.plurals = set(cues["plural_epithets"])
        self.possessives = {"son", "sa", "ses", "leur", "leurs"}
        self.owned_roles = set(cues["owned_roles"])
        self.fallbacks = cues["pronoun_fallbacks"]
        self.genders: dict[str, str] = {}  # entity key -> gender of the noun that introduced it
        self.class_of_word = {word: name for name, words in cues["epithet_classes"].items() for word in words}
        self.classes: dict[str, str] = {}  # entity key -> class of the noun that described it
        for row in load("lexicon")["entities"]:
            for word in row.get("epithets", []):
                self.classes.setdefault(slug(row["label"]), self.class_of_word[word])
            if row["type"] == "InvestmentFund":
                self.classes.setdefault(slug(row["label"]), "finance")
        self.recent: list[_Seen] = []
        self.sentence = 0

    def _describe(self, doc, mentions: list[Mention]) -> None:
        """Record the class and gender of the nouns that introduce the sentence's names."""
        for mention in mentions:
            if mention.resolved:
                continue
            cls = self._described_as(doc, mention.start)
            if cls:
                self.classes.setdefault(mention.key, cls)
            gender = self._gender_before(doc, mention.start)
            if gender:
                self.genders.setdefault(mention.key, gender)

    def remember(self, doc, mentions: list[Mention]) -> None:
        for mention in mentions:
            if mention.resolved:
                continue
            source = mention.start > 0 and doc[mention.start - 1].lower_ in SOURCE_MARKERS
            self.recent.append(_Seen(mention, self.sentence, salience(doc, mention), source))
        del self.recent[:-WINDOW]
        self.sentence += 1

    def _described_as(self, doc, start: int) -> str | None:
        """The class of a cue noun just before a name: "la start-up lyonnaise X" is young."""
        for i in range(start - 1, max(-1, start - 4), -1):
            token = doc[i]
            cls = self.class_of_word.get(token.lower_) or self.class_of_word.get(doc[max(0, i - 1) : i + 1].text.lower())
            if cls:
                return cls
            if token.pos_ != "ADJ":
                return None
        return None

    @staticmethod
    def _gender_before(doc, start: int) -> str | None:
        """The gender of the noun that introduces a name: "le fonds X" is masculine."""
        for i in range(start - 1, max(-1, start - 4), -1):
            if doc[i].pos_ == "NOUN":
                genders = doc[i].morph.get("Gender")
                return genders[0] if genders else None
            if doc[i].pos_ != "ADJ":
                return None
        return None

    def antecedents(self, type_: str, cls: str | None, before: list[_Seen]) -> list[_Seen]:
        """Candidates in order of preference."""
        pool = [s for s in self.recent + before if not (cls and self.classes.get(s.mention.key, cls) != cls)]
        tiers = ([lambda s: self.classes.get(s.mention.key) == cls] if cls else []) + [
            lambda s: s.mention.type == type_,
            lambda s: s.mention.type in COMPATIBLE[type_],
        ]
        for accepted in tiers:
            found = [s for s in pool if accepted(s)]
            if found:
                return sorted(found, key=lambda s: (s.sentence, s.salience, s.mention.start), reverse=True)
        return []

    def resolve(self, sentence: Span, named: list[Mention]) -> list[Mention]:
        """Mentions standing for pronoun subjects and epithet noun phrases of the sentence."""
        doc = sentence.doc
        self._describe(doc, named)
        taken = {i for m in named for i in range(m.start, m.end)}
        found = []
        for token in sentence:
            if token.i in taken:
                continue
            lower = token.lower_
            type_, end, word = None, token.i + 1, lower
            if lower in self.possessives and token.i + 1 < sentence.end and doc[token.i + 1].lower_ in self.owned_roles:
                type_ = "Company"  # "Son cofondateur", "Ses investisseurs": the company they belong to
            elif lower in self.pronouns and (token.dep_.startswith("nsubj") or token.dep_ == "expl:subj" and token.head.lemma_ not in IMPERSONAL):
                type_ = self.pronouns[lower]
            elif lower in {"dernier", "dernière"} and token.i > sentence.start and doc[token.i - 1].lower_ in {"ce", "cette"}:
                target = self._latest(named, token.i)
                if target:
                    found.append(Mention(token.i - 1, token.i + 1, target.key, target.type, "", resolved=True))
                continue
            elif lower == "deux" and token.i > sentence.start and doc[token.i - 1].lower_ == "les" and token.i + 1 < sentence.end:
                if doc[token.i + 1].lower_ in self.plurals:
                    found += self._both(token.i, token.i + 2)
                continue
            elif token.i > sentence.start and doc[token.i - 1].lower_ in DETERMINERS:
                for width in (3, 2, 1):
                    words = doc[token.i : token.i + width]
                    if len(words) == width and words.text.lower() in self.epithets:
                        word = words.text.lower()
                        type_, end = self.epithets[word], token.i + width
                        break
                if type_ and self._names_follow(doc, end, taken):
                    type_ = None  # "la start-up canadienne Cohere": a type cue for the name, not a reference
            if not type_:
                continue
            target = self._apposition(doc, end, named, type_) or self._apposed_before(doc, token.i - 1, named, type_)
            if target is None:
                earlier = [_Seen(m, self.sentence, salience(doc, m)) for m in named if m.end <= token.i]
                ranked = self.antecedents(type_, self.class_of_word.get(word), earlier)
                if not ranked and lower in self.fallbacks:
                    ranked = self._by_gender(self.fallbacks[lower], earlier)
                if ranked and not self._ambiguous(ranked):
                    target = ranked[0].mention
                    others = [s.mention for s in ranked[1:] if s.mention.key != target.key]
                    target = Mention(target.start, target.end, target.key, target.type, target.text, alternative=others[0] if others else None)
            if target:
                found.append(Mention(token.i, end, target.key, target.type, doc[token.i : end].text, resolved=True,
                                     alternative=target.alternative))
        return found

    def _by_gender(self, gender: str, earlier: list[_Seen]) -> list[_Seen]:
        """"Le fonds X ... Il a investi": an organisation introduced by a noun of the pronoun's gender."""
        found = [s for s in self.recent + earlier if s.mention.type in ORGANIZATIONS and self.genders.get(s.mention.key) == gender]
        return sorted(found, key=lambda s: (s.sentence, s.salience, s.mention.start), reverse=True)

    def _latest(self, named: list[Mention], before: int) -> Mention | None:
        """"Ce dernier": the entity named last."""
        earlier = [m for m in named if m.end <= before and not m.resolved]
        if earlier:
            return earlier[-1]
        return self.recent[-1].mention if self.recent else None

    def _both(self, start: int, end: int) -> list[Mention]:
        """"Les deux entreprises": the two organisations of the latest sentence that names two, not
        counting its sources ("d'après Bloomberg")."""
        for sentence in range(self.sentence, self.sentence - 3, -1):
            keys = {}
            for seen in self.recent:
                if seen.sentence == sentence and seen.mention.type in ORGANIZATIONS and not seen.source:
                    keys.setdefault(seen.mention.key, seen.mention)
            if len(keys) == 2:
                first, second = keys.values()
                return [Mention(start, end, first.key, first.type, "", resolved=True,
                                siblings=(Mention(start, end, second.key, second.type, "", resolved=True),))]
            if len(keys) > 2:
                return []
        return []

    def _ambiguous(self, ranked: list[_Seen]) -> bool:
        """Two equally good candidates in the same sentence ("entre Microsoft et OpenAI ... la
        société"): better no link than a coin toss."""
        best = ranked[0]
        return any(
            s.mention.key != best.mention.key and s.sentence == best.sentence and s.salience == best.salience
            for s in ranked[1:]
        )

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
            if not (doc[i].pos_ in {"ADP", "NOUN"} or is_adjective(doc[i])):
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

