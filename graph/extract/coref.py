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
from functools import lru_cache

from spacy.tokens import Span

from graph.extract.data import load
from graph.extract.entities import ORGANIZATIONS, Mention
from graph.extract.roles import named_as_source
from graph.extract.text import in_fronted_phrase, is_adjective, phrase_start, slug

COMPATIBLE = {
    "Person": ("Person",),
    "Company": ("Company", "Organization"),
    "InvestmentFund": ("InvestmentFund", "Organization"),
    "Organization": ORGANIZATIONS,
}
# possessives of one owner ("leur" is of several)
SINGULAR_OWNER_POSSESSIVES = {"son", "sa", "ses"}
DETERMINERS = {"le", "la", "l'", "ce", "cet", "cette", "sa", "son", "du", "au"}
# Verbs whose "il" is impersonal ("il faut", "il s'agit"); the parser calls other "il" expletive too.
IMPERSONAL = {"falloir", "exister", "avoir", "agir", "sembler", "paraître", "pleuvoir", "valoir", "suffire", "être"}
# Adjectives that may stand between a determiner and an epithet: "la jeune société", "le petit éditeur".
PRENOMINAL_ADJECTIVES = {"jeune", "petit", "petite", "grand", "grande", "nouveau", "nouvelle", "puissant", "puissante"}
# How far back (in mentions) an antecedent may be.
WINDOW = 12


@dataclass(frozen=True)
class _Seen:
    mention: Mention
    sentence: int
    salience: int
    source: bool = False  # named as a source: "selon X", "d'après X"


@lru_cache(maxsize=1)
def organisation_nouns() -> frozenset[str]:
    return frozenset(noun for noun, type_ in load("cues")["type_nouns"].items() if type_ in ORGANIZATIONS)


def salience(doc, mention: Mention) -> int:
    """4 for a name an apposition describes ("X, un fabricant de lasers"), whom the story is about;
    3 for the subject of a clause, 2 for its object (or argument: "investir dans X"), 1 for a
    complement of either ("le cofondateur de X"), 0 for the rest ("après dix ans chez X")."""
    if _described_by_apposition(doc, mention.end) and not in_fronted_phrase(doc, mention.start):
        return 4
    if _after_fronted_participle(doc, mention):
        return 3
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


def _described_by_apposition(doc, end: int) -> bool:
    """Whether an organisation noun in apposition follows the name: ", un concepteur israélien de
    puces", ", la fonderie ardennaise"; not a new clause (", la société a ...")."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in {"un", "une", "la", "le", "l'"}:
        return False
    i = end + 2
    while i < min(end + 4, len(doc)) and doc[i].lower_ not in organisation_nouns() and is_adjective(doc[i]):
        i += 1
    if i >= len(doc) or doc[i].lower_ not in organisation_nouns():
        return False
    following = next((t for t in doc[i + 1 : i + 4] if not is_adjective(t)), None)
    return following is None or following.pos_ not in {"VERB", "AUX"}


def _noun_before(doc, start: int) -> str | None:
    """The head noun of the phrase that introduces a name: "chantier" in "le chantier naval X",
    "site" in "le site d'investigation X" (not "ingénieur" in "l'ingénieur de X": a complement)."""
    if start > 0 and doc[start - 1].lower_ in {"de", "d'", "du", "des"}:
        return None
    for i in range(start - 1, max(-1, start - 6), -1):
        token = doc[i]
        if token.pos_ == "DET":
            head = doc[i + 1] if i + 1 < start else None
            return head.lemma_.lower() if head is not None and head.pos_ == "NOUN" and head.is_lower else None
        if not (token.pos_ in {"NOUN", "ADJ"} and token.is_lower or token.lower_ in {"de", "d'"}):
            return None
    return None


def _apposed_noun(doc, end: int) -> str | None:
    """The head noun of a definite apposition after a name: "atelier" in "X, l'atelier de broderie"."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in {"la", "le", "l'"}:
        return None
    i = end + 2
    while i < min(end + 4, len(doc)) and doc[i].pos_ == "ADJ":
        i += 1
    # (not a clause's subject after a fronted name: "D'après X, la mairie de Paris envisagerait")
    apposed = i < len(doc) and doc[i].pos_ == "NOUN" and doc[i].is_lower and not doc[i].dep_.startswith("nsubj")
    return doc[i].lemma_.lower() if apposed else None


def _after_fronted_participle(doc, mention: Mention) -> bool:
    """Whether the name opens the main clause after a verbless participial phrase: "Implantée près
    de X, Y produit ..." (the parser often misses that Y is the subject); not a name in apposition
    inside the phrase ("Imaginé par deux chercheurs, A et B, le laboratoire X ...")."""
    start = mention.start
    first = phrase_start(doc, start)
    if first is None or start - 1 <= first or doc[start - 1].text != "," or "Part" not in doc[first].morph.get("VerbForm"):
        return False
    if mention.end >= len(doc) or doc[mention.end].pos_ not in {"VERB", "AUX", "PRON", "ADV"}:
        return False
    return not any(t.pos_ in {"VERB", "AUX"} or t.text == "," for t in doc[first + 1 : start - 1])


class History:
    def __init__(self):
        cues = load("cues")
        # a definite role noun refers back to a person as any epithet does: "L'ingénieur a fondé X"
        roles = {noun: type_ for noun, type_ in cues["type_nouns"].items() if type_ == "Person" and noun.islower()}
        self.epithets = {**roles, **cues["epithets"]}
        # (only bare: "l'ingénieur de Google X" introduces X)
        self.role_epithets = frozenset(roles) - set(cues["epithets"])
        self.company_participles = frozenset(cues["company_participles"])
        self.pronouns = cues["pronouns"]
        self.person_subject_lemmas = set(cues["person_subject_lemmas"])
        self.plurals = set(cues["plural_epithets"])
        self.plural_people = set(cues["plural_person_epithets"])
        self.possessives = {"son", "sa", "ses", "leur", "leurs"}
        self.owned_roles = set(cues["owned_roles"])
        self.fallbacks = cues["pronoun_fallbacks"]
        self.genders: dict[str, str] = {}  # entity key -> gender of the noun that introduced it
        self.class_of_word = {word: name for name, words in cues["epithet_classes"].items() for word in words}
        self.classes: dict[str, str] = {}  # entity key -> class of the noun that described it
        self.companies_of: dict[str, list[str]] = {}  # person key -> keys of the companies they head
        self.types: dict[str, str] = {}  # lexicon key -> entity type
        for row in load("lexicon")["entities"]:
            key = slug(row["label"])
            self.types[key] = row["type"]
            for word in row.get("epithets", []):
                self.classes.setdefault(key, self.class_of_word[word])
            if row["type"] == "InvestmentFund":
                self.classes.setdefault(key, "finance")
            if row.get("heads"):
                self.companies_of[key] = [slug(label) for label in row["heads"]]
        # common noun -> (key, type) of the entity it last introduced: "le chantier naval X" ... "le
        # chantier", "X, l'atelier de broderie de Calais" ... "l'atelier"
        self.introduced_by: dict[str, tuple[str, str]] = {}
        self.topical: set[str] = set()  # entities of the article's claims so far
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
            if mention.type != "Person":
                for noun in (_noun_before(doc, mention.start), _apposed_noun(doc, mention.end)):
                    if noun is not None and noun not in self.epithets:
                        self.introduced_by[noun] = (mention.key, mention.type)

    def remember(self, doc, mentions: list[Mention]) -> None:
        for mention in mentions:
            # a reference that is the subject keeps its entity in view: "L'entreprise a été fondée par
            # X, un ancien de Y. Elle ..." is the entreprise again
            if mention.resolved and (mention.siblings or not self._subject_reference(doc, mention)):
                continue
            source = named_as_source(doc, mention.start, 0)
            self.recent.append(_Seen(mention, self.sentence, salience(doc, mention), source))
        del self.recent[:-WINDOW]
        self.sentence += 1

    def _subject_reference(self, doc, mention: Mention) -> bool:
        """A reference that is a clause's subject, or the possessive of one: "Ses fondateurs
        viennent de Y. L'entreprise ..." is still about the owner, not Y."""
        token = doc[mention.start]
        if token.lower_ in self.possessives:
            token = token.head
        return token.dep_.startswith("nsubj")

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

    def antecedents(self, type_: str, cls: str | None, before: list[_Seen], excluded: frozenset[str] = frozenset()) -> list[_Seen]:
        """Candidates in order of preference, none of `excluded` (which must not leave a tier empty:
        "Cette dernière avait assigné la plateforme" is not the subject, so the next type may fit)."""
        # a source ("selon le quotidien X") is who tells the story, not who it is about
        pool = [
            s for s in self.recent + before
            if not s.source and not (cls and self.classes.get(s.mention.key, cls) != cls) and s.mention.key not in excluded
        ]
        tiers = ([lambda s: self.classes.get(s.mention.key) == cls] if cls else []) + [
            lambda s: s.mention.type == type_,
            lambda s: s.mention.type in COMPATIBLE[type_],
        ]
        for accepted in tiers:
            found = [s for s in pool if accepted(s)]
            if found:
                return sorted(found, key=self._rank, reverse=True)
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
            epithet = False
            if lower in self.possessives and token.i + 1 < sentence.end and doc[token.i + 1].lower_ in self.owned_roles:
                type_ = "Company"  # "Son cofondateur", "Ses investisseurs": the company they belong to
            elif lower in self.pronouns and (token.dep_.startswith("nsubj") or token.dep_ == "expl:subj" and token.head.lemma_ not in IMPERSONAL):
                type_ = self.pronouns[lower]
                if token.dep_ == "nsubj" and token.head.lemma_ in self.person_subject_lemmas:
                    type_ = "Person"  # "Elle a cofondé X": who founds or runs is a person ("Elle a été cofondée" is not)
            elif lower == "nous" and token.dep_.startswith("nsubj"):
                target = self._quoted_speaker(doc, token, sentence, named)
                if target:
                    found.append(Mention(token.i, end, target.key, target.type, token.text, resolved=True))
                continue
            elif lower == "y" and token.pos_ == "PRON" and self._y_refers_back(doc, token, named):
                type_ = "Company"  # "Le groupe y avait investi": the organisation it invested in, not itself
            elif lower in {"dernier", "dernière"} and token.i > sentence.start and doc[token.i - 1].lower_ in {"ce", "cette"}:
                target = self._latest(named, token.i)
                if target:
                    found.append(Mention(token.i - 1, token.i + 1, target.key, target.type, "", resolved=True))
                continue
            elif lower in {"celle-ci", "celui-ci"} and token.dep_.startswith("nsubj"):
                target = self._latest(named, token.i)  # "Celle-ci a été créée par X": the latest name, as "cette dernière"
                if target:
                    found.append(Mention(token.i, token.i + 1, target.key, target.type, token.text, resolved=True))
                continue
            elif lower == "deux" and token.i > sentence.start and doc[token.i - 1].lower_ == "les" and token.i + 1 < sentence.end:
                earlier = [m for m in named if m.end <= token.i and not named_as_source(doc, m.start, sentence.start)]
                if doc[token.i + 1].lower_ in self.plurals:
                    found += self._both(token.i, token.i + 2, ORGANIZATIONS, earlier)
                elif doc[token.i + 1].lower_ in self.plural_people:
                    # (not in its own sentence: "A et B, les deux fondateurs de X" is an apposition)
                    found += self._both(token.i, token.i + 2, ("Person",), [])
                continue
            elif token.i > sentence.start and self._determined(doc, token.i, sentence.start):
                for width in (3, 2, 1):
                    words = doc[token.i : token.i + width]
                    if len(words) == width and words.text.lower() in self.epithets and not (
                        words.text.lower() in self.role_epithets and token.i + width < sentence.end
                        and doc[token.i + width].lower_ in {"de", "d'", "du", "des"}
                    ):
                        word = words.text.lower()
                        type_, end = self.epithets[word], token.i + width
                        epithet = True
                        break
                if type_ and self._names_follow(doc, end, taken):
                    type_ = None  # "la start-up canadienne Cohere": a type cue for the name, not a reference
                elif not type_ and self._same_noun(doc, token, taken):
                    key, kind = self.introduced_by[token.lemma_.lower()]
                    found.append(Mention(token.i, token.i + 1, key, kind, token.text, resolved=True))
                    continue
                elif not type_ and self._subject_after_fronted_phrase(doc, token, taken):
                    type_, epithet = "Organization", True  # "Fondée par X, la manufacture ...": whatever the noun
            if not type_:
                continue
            target = (
                self._apposition(doc, end, named, type_)
                or self._apposed_before(doc, token.i - 1, named, type_)
                or self._owned_by(doc, end, named, self.class_of_word.get(word))
            )
            if target is None:
                # "X a porté plainte contre la start-up": not X, the subject of the same verb
                # (a possessive may well be the subject's own: "X, l'un de ses cofondateurs")
                # a singular owner's possessive ("sa fondatrice") is none of several coordinated names:
                # "Ni A ni B n'ont financé le projet de X, déplore sa fondatrice" is X's
                if lower in SINGULAR_OWNER_POSSESSIVES:
                    itself = self._coordinated(doc, named, token.i)
                else:
                    itself = set() if lower in self.possessives else self._clause_subjects(doc, token, named + found)
                itself |= self._relative_owner(doc, token, named)
                # "Fondée par A, un ancien de Y, la start-up ...": the subject after a fronted phrase is
                # what the phrase describes, none of the names inside it (a colon ends a headline
                # instead: "Démenti de X : elle ..." is X)
                subject = token.dep_.startswith("nsubj") or doc[end - 1].dep_.startswith("nsubj")
                earlier = [_Seen(m, self.sentence, salience(doc, m), named_as_source(doc, m.start, sentence.start))
                           for m in named if m.end <= token.i and m.key not in itself
                           and not (subject and in_fronted_phrase(doc, m.start) and ":" not in doc[m.end : token.i].text)]
                ranked = self.antecedents(type_, self.class_of_word.get(word), earlier, frozenset(itself))
                if lower in self.fallbacks:
                    gender = self.fallbacks[lower]
                    gendered = self._by_gender(gender, earlier, unknown=not ranked)
                    if type_ == "Person":
                        # "A et B ont imaginé le laboratoire X. Il a séduit ...": the subject of the latest
                        # sentence, introduced by a company noun of the pronoun's gender, beats people named in passing
                        rivals = [s for s in gendered if s.mention.key in self.classes]
                    else:
                        # "l'artiste X a gagné contre la plateforme Y, qu'elle avait assignée": a woman, the
                        # subject of the same sentence, beats a company named in passing
                        rivals = sorted((s for s in earlier if s.mention.type == "Person" and self.genders.get(s.mention.key) == gender),
                                        key=self._rank, reverse=True)
                    if not ranked:
                        ranked = gendered
                    elif rivals and self._rank(rivals[0])[:2] > self._rank(ranked[0])[:2]:
                        ranked = rivals
                if ranked and self._ambiguous(ranked) and lower in self.possessives:
                    # "X, la start-up ..., compte A et B parmi ses investisseurs": of equals, the topic, named first
                    best = ranked[0]
                    ties = [s for s in ranked if s.sentence == best.sentence and s.salience == best.salience]
                    ranked = sorted(ties, key=lambda s: s.mention.start)
                if ranked and (lower in self.possessives or not self._ambiguous(ranked)):
                    target = ranked[0].mention
                    others = [s.mention for s in ranked[1:] if s.mention.key != target.key]
                    target = Mention(target.start, target.end, target.key, target.type, target.text, alternative=others[0] if others else None)
            if target is None and lower in self.pronouns and self._first_of_its_type(token.i, type_, named):
                target = self._announced(doc, token.i, sentence.end, named, type_)
            if target:
                # an epithet says what a name of unknown kind is: "Kivo fabrique des drones. L'entreprise ..."
                # is a company for what follows
                kind = type_ if epithet and target.type == "Organization" and type_ in {"Company", "InvestmentFund"} else target.type
                found.append(Mention(token.i, end, target.key, kind, doc[token.i : end].text, resolved=True,
                                     alternative=target.alternative))
        return found

    @staticmethod
    def _announced(doc, start: int, end: int, named: list[Mention], type_: str) -> Mention | None:
        """A pronoun that opens an article points ahead: to the name after the colon ("Elle a été
        cofondée par A et B en 2018 : la fintech X ..."), or to the one person the sentence names
        ("X, dont il est le fondateur, ..., a expliqué Y")."""
        colon = next((i for i in range(start, end) if doc[i].text == ":"), None)
        if colon is not None:
            return next((m for m in named if colon < m.start <= colon + 4 and m.type in COMPATIBLE[type_]), None)
        people = {m.key: m for m in named if m.start > start and m.type == "Person"}
        return next(iter(people.values())) if type_ == "Person" and len(people) == 1 else None

    def _first_of_its_type(self, i: int, type_: str, named: list[Mention]) -> bool:
        """Whether nothing the pronoun could stand for was named before it in the article."""
        return not any(seen.mention.type in COMPATIBLE[type_] for seen in self.recent) and not any(
            m.end <= i and m.type in COMPATIBLE[type_] for m in named
        )

    @staticmethod
    def _relative_owner(doc, token, named: list[Mention]) -> set[str]:
        """In "X, dont il est le fondateur", "il" is not X: "dont" already stands for X."""
        clause = token.head
        if clause.dep_ != "acl:relcl" or not any(c.lower_ == "dont" for c in clause.children):
            return set()
        return {m.key for m in named if m.start <= clause.head.i < m.end}

    @staticmethod
    def _coordinated(doc, named: list[Mention], before: int) -> set[str]:
        """Keys of the names before `before` joined to one another by a conjunction ("A et B",
        "ni A ni B"), each read at its own token or at the cue noun that introduces it."""
        anchors: dict[int, str] = {}
        for mention in named:
            if mention.end > before:
                continue
            token = doc[mention.start]
            introduced = token.head.i < token.i and token.i - token.head.i <= 2 and token.head.pos_ == "NOUN"
            anchors[token.head.i if introduced else token.i] = mention.key
        joined = [(i, doc[i].head.i) for i in anchors if doc[i].dep_ == "conj" and doc[i].head.i in anchors]
        return {anchors[i] for pair in joined for i in pair}

    @staticmethod
    def _quoted_speaker(doc, token, sentence: Span, named: list[Mention]) -> Mention | None:
        """"Nous" in a direct quote is the organisation of whoever says it: "« Nous n'avons jamais
        porté plainte contre X », a affirmé le directeur juridique de Y"."""
        opened = any(t.text in {"«", '"'} for t in doc[sentence.start : token.i])
        close = next((t.i for t in doc[token.i : sentence.end] if t.text in {"»", '"'}), None)
        if not opened or close is None:
            return None
        # not whom it is said to: "», a assuré au Figaro le patron de Y"
        addressed = {m.key for m in named if m.start > 0 and (doc[m.start - 1].lower_ in {"à", "au", "aux"} or doc[m.start - 1].lower_ == "l'" and doc[m.start - 2].lower_ == "à")}
        return next((m for m in named if close < m.start <= close + 10 and m.type in ORGANIZATIONS and m.key not in addressed), None)

    def _y_refers_back(self, doc, token, named: list[Mention]) -> bool:
        """Whether "y" before a verb stands for an organisation of an earlier sentence: only when its
        own sentence names none before it but the verb's subject (else the clitic locator reads it there)."""
        if token.i + 1 >= len(doc) or doc[token.i + 1].pos_ not in {"AUX", "VERB"}:
            return False
        subjects = self._clause_subjects(doc, token, named)
        # nor one inside the subject's phrase: "Le fondateur de Meetic y a investi"
        in_subject = {t.i for c in token.head.children if c.dep_.startswith("nsubj") for t in c.subtree}
        return not any(
            m.end <= token.i and m.type in ORGANIZATIONS and m.key not in subjects and m.start not in in_subject for m in named
        )

    def _same_noun(self, doc, token, taken: set[int]) -> bool:
        """A definite noun that introduced a name earlier, now without one: "Le chantier, détenu
        par Y" after "le chantier naval X"."""
        return (
            token.pos_ == "NOUN" and token.is_lower and token.lemma_.lower() in self.introduced_by
            and doc[token.i - 1].lower_ in {"le", "la", "l'", "du", "au", "ce", "cet", "cette"}
            and not self._names_follow(doc, token.i + 1, taken)
        )

    def _subject_after_fronted_phrase(self, doc, token, taken: set[int]) -> bool:
        """A definite subject noun right after a fronted participial phrase that describes a
        company, with no name: the organisation the phrase describes ("Fondé en 1952 par X,
        l'atelier travaille ...", not "Issu d'un laboratoire, le projet ...")."""
        i = token.i - 1
        while i > 0 and doc[i].pos_ == "ADJ":
            i -= 1
        return (
            token.pos_ == "NOUN" and token.is_lower and token.dep_.startswith("nsubj")
            and token.lower_ not in self.plurals and "Plur" not in token.morph.get("Number")
            and i >= 2 and doc[i].lower_ in {"le", "la", "l'"} and doc[i - 1].text == ","
            and in_fronted_phrase(doc, i - 2) and not self._names_follow(doc, token.i + 1, taken)
            and doc[phrase_start(doc, i - 2)].lemma_.lower() in self.company_participles
        )

    @staticmethod
    def _determined(doc, i: int, start: int) -> bool:
        """Whether a determiner opens the noun phrase at `i`, also past a pre-nominal adjective: "la jeune société"."""
        if doc[i - 1].lower_ in DETERMINERS:
            return True
        return i - 2 >= start and doc[i - 1].lower_ in PRENOMINAL_ADJECTIVES and doc[i - 2].lower_ in DETERMINERS

    @staticmethod
    def _clause_subjects(doc, token, named: list[Mention]) -> set[str]:
        """Keys of the named subjects of the verb that governs a non-subject `token`."""
        if token.dep_.startswith("nsubj"):
            return set()
        verb = token.head
        for _ in range(3):
            if verb.pos_ in {"VERB", "AUX"} or verb.head is verb:
                break
            verb = verb.head

        def subject_of_verb(word) -> bool:
            return word.dep_.startswith("nsubj") and word.head == verb

        def introduced_by_subject(m) -> bool:
            head = doc[m.start].head
            between = doc[head.i + 1 : m.start]
            return head.i < m.start and subject_of_verb(head) and all(t.pos_ == "ADJ" for t in between)

        # the subject's own token, or the noun right before it that introduces it: "l'éditeur Gallimard"
        # ("Cette dernière avait assigné ...": the subject is the mention's last word)
        return {m.key for m in named if m.end <= token.i and (any(subject_of_verb(t) for t in doc[m.start : m.end]) or introduced_by_subject(m))}

    def _by_gender(self, gender: str, earlier: list[_Seen], unknown: bool) -> list[_Seen]:
        """"Le fonds X ... Il a investi": an organisation introduced by a noun of the pronoun's gender,
        else (if `unknown`) the subject of a clause that no noun introduced ("Kalyx poursuit sa
        croissance : il ...")."""
        organizations = [s for s in self.recent + earlier if s.mention.type in ORGANIZATIONS]
        found = [s for s in organizations if self.genders.get(s.mention.key) == gender]
        if not found and unknown:
            found = [s for s in organizations if s.mention.key not in self.genders and s.salience == 3]
        return sorted(found, key=self._rank, reverse=True)

    def _rank(self, seen: _Seen) -> tuple:
        return (seen.sentence, seen.salience, seen.mention.key in self.topical, seen.mention.start)

    def _owned_by(self, doc, end: int, named: list[Mention], cls: str | None) -> Mention | None:
        """"le groupe de Mark Zuckerberg": the one company the lexicon says the person heads of the
        epithet's class ("la start-up d'Elon Musk" is xAI, "la société d'Elon Musk" none of five)."""
        if end >= len(doc) or doc[end].lower_ not in {"de", "d'", "du"}:
            return None
        owner = next((m for m in named if m.start == end + 1 and not m.resolved), None)
        companies = self.companies_of.get(owner.key, []) if owner else []
        if cls:
            companies = [key for key in companies if self.classes.get(key) == cls]
        if len(companies) != 1:
            return None
        return Mention(owner.start, owner.end, companies[0], self.types[companies[0]], "")

    def _latest(self, named: list[Mention], before: int) -> Mention | None:
        """"Ce dernier": the entity named last."""
        earlier = [m for m in named if m.end <= before and not m.resolved]
        if earlier:
            return earlier[-1]
        return self.recent[-1].mention if self.recent else None

    def _both(self, start: int, end: int, types: tuple[str, ...], earlier: list[Mention]) -> list[Mention]:
        """"Les deux entreprises", "les deux hommes": the two entities of those types named earlier in
        the sentence ("X investira dans Y, même si les deux entreprises ..."), else of the latest
        sentence that names two, not counting sources ("d'après Bloomberg")."""
        for sentence in range(self.sentence + 1, self.sentence - 3, -1):
            keys = {}
            mentions = earlier if sentence > self.sentence else [s.mention for s in self.recent if s.sentence == sentence and not s.source]
            for mention in mentions:
                if mention.type in types:
                    keys.setdefault(mention.key, mention)
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
        topical = best.mention.key in self.topical
        return any(
            s.mention.key != best.mention.key and s.sentence == best.sentence and s.salience == best.salience
            and (s.mention.key in self.topical) == topical
            for s in ranked[1:]
        )

    @staticmethod
    def _apposed_before(doc, determiner: int, named: list[Mention], type_: str) -> Mention | None:
        """"Anthropic, la société ...": the name just before the comma that opens the epithet (not a
        pronoun's: in "Artifex, qu'elle avait assignée", "elle" is someone else)."""
        if determiner >= 2 and doc[determiner].lower_ in DETERMINERS and doc[determiner - 1].text == ",":
            for mention in named:
                # "Selon le quotidien X, la société ...": the comma closes the source's phrase, no apposition
                if (
                    mention.end == determiner - 1 and mention.type in COMPATIBLE[type_]
                    and not named_as_source(doc, mention.start, 0) and not in_fronted_phrase(doc, mention.start)
                ):
                    return mention
        return None

    @staticmethod
    def _names_follow(doc, end: int, taken: set[int]) -> bool:
        for i in range(end, min(end + 6, len(doc))):  # "la start-up française de véhicules électriques X"
            if i in taken:
                return True
            if doc[i].pos_ == "ADP" and i + 1 in taken:
                return False  # "le dirigeant de Tesla": a role description, so a reference
            # a name's own article may come first ("le groupe L'Oréal"), an acronym complement too ("la start-up d'IA X")
            acronym = doc[i].is_upper and len(doc[i].text) <= 3 and doc[i - 1].lower_ in {"de", "d'"}
            # ("le géant de l'optique X": an article before the complement's noun)
            determiner = doc[i].pos_ == "DET" and (i + 1 in taken or i + 1 < len(doc) and doc[i + 1].pos_ == "NOUN" and doc[i + 1].is_lower)
            if not (doc[i].pos_ in {"ADP", "NOUN"} or is_adjective(doc[i]) or determiner or acronym):
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

