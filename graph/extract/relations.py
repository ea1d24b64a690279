"""Relation rules (data/relations.json): their trigger words found in docs, their roles located in sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from graph.extract.data import load
from graph.extract.entities import Mention
from graph.extract.roles import CONTRACTIONS, Found, Sentence
from graph.extract.text import PARTICIPLE

HAVE = {"a", "ont", "avait", "avaient", "aura", "auront", "aurait", "auraient", "ai", "as", "avons", "avez", "eu", "ayant", "avoir"}


@dataclass(frozen=True)
class Rule:
    relation: str
    agent: tuple[str, ...]
    patient: tuple[str, ...]
    passive: bool
    passive_only: bool
    not_pos: frozenset[str]
    requires: re.Pattern | None
    excludes: re.Pattern | None
    agent_types: frozenset[str]
    patient_types: frozenset[str]
    confidence: float
    mutual: bool


@dataclass
class Candidate:
    relation: str
    agents: list[Mention]
    patients: list[Mention]
    trigger_start: int
    trigger_end: int
    confidence: float


class Triggers:
    """Finds the rules' word sequences in a doc. Each distinct word is tested against the rules'
    patterns once per process and the answer cached, so a doc costs one dict lookup per token
    (spaCy's Matcher re-runs every regex on every token)."""

    STOPS = {".", ";", ":", "!", "?"}

    def __init__(self, sequences: list[list[str]], gap: int):
        self.gap = gap
        self.lengths = [len(words) for words in sequences]
        self.patterns = [
            (n, k, word[len("lemma:") :].split("|") if word.startswith("lemma:") else re.compile(f"(?:{word})"))
            for n, words in enumerate(sequences)
            for k, word in enumerate(words)
        ]
        self.by_lemma = any(isinstance(pattern, list) for _, _, pattern in self.patterns)
        self.cache: dict[tuple[str, str], frozenset[tuple[int, int]]] = {}

    def _places(self, token) -> frozenset[tuple[int, int]]:
        """(rule, word index) pairs the token can stand for."""
        key = (token.lower_, token.lemma_ if self.by_lemma else "")
        places = self.cache.get(key)
        if places is None:
            if len(self.cache) > 200_000:
                self.cache.clear()
            places = self.cache[key] = frozenset(
                (n, k) for n, k, pattern in self.patterns
                if (key[1] in pattern if isinstance(pattern, list) else pattern.fullmatch(key[0]))
            )
        return places

    def __call__(self, doc) -> list[tuple[int, int, int]]:
        """(rule number, start, end) of every trigger in the doc, the shortest match per rule and start,
        with up to `gap` tokens (no verb, no sentence punctuation) between consecutive words."""
        places = [self._places(token) for token in doc]
        found = []
        for start, here in enumerate(places):
            for n, k in here:
                if k == 0:
                    end = self._rest(doc, places, n, 1, start + 1)
                    if end is not None:
                        found.append((n, start, end))
        return sorted(found, key=lambda t: (t[1], t[0]))

    def _rest(self, doc, places, n: int, k: int, i: int) -> int | None:
        if k == self.lengths[n]:
            return i
        for j in range(i, min(i + self.gap + 1, len(doc))):
            if (n, k) in places[j]:
                end = self._rest(doc, places, n, k + 1, j + 1)
                if end is not None:
                    return end
            token = doc[j]
            if token.text in self.STOPS or token.pos_ == "VERB":
                return None
        return None


# object pronouns that stand for an organisation named before: "A et B, qui l'ont lancée"
OBJECT_CLITICS = frozenset({"l'", "la", "le", "les"})

# Role locators of relations.json that take no argument: each reads the sentence around the
# trigger token, or after `end`, the end of the trigger phrase.
_PLAIN_LOCATORS = {
    "subject": lambda sentence, trigger, end: sentence.subject(trigger),
    "object": lambda sentence, trigger, end: sentence.object(end),
    "holder": lambda sentence, trigger, end: sentence.holder(trigger, end),
    "between": lambda sentence, trigger, end: sentence.between(end),
    "possessor": lambda sentence, trigger, end: sentence.possessor(trigger),
    "examples": lambda sentence, trigger, end: sentence.examples(end),
    "clitic": lambda sentence, trigger, end: sentence.clitic(trigger),
    "object_clitic": lambda sentence, trigger, end: sentence.clitic(trigger, OBJECT_CLITICS),
    "relative": lambda sentence, trigger, end: sentence.relative(trigger),
    "after": lambda sentence, trigger, end: sentence.after(end),
    "controller": lambda sentence, trigger, end: sentence.controller(trigger),
    "head_object": lambda sentence, trigger, end: sentence.head_object(trigger),
    "head_subject": lambda sentence, trigger, end: sentence.head_subject(trigger),
    "fronted": lambda sentence, trigger, end: sentence.fronted(trigger),
    "subject_organisation": lambda sentence, trigger, end: sentence.subject_organisation(trigger),
}


class RelationFinder:
    def __init__(self):
        data = load("relations")
        signatures = data["signatures"]
        self.fundraising = re.compile("^(?:" + "|".join(data["fundraising"]) + ")$")
        self.fundraising_joined = frozenset(data["fundraising_joined"])
        self.rules: list[Rule] = []
        for n, row in enumerate(data["rules"]):
            signature = signatures[row["relation"]]
            self.rules.append(Rule(
                relation=row["relation"],
                agent=tuple(row["agent"]),
                patient=tuple(row["patient"]),
                passive=row.get("passive", False) or row.get("passive_only", False),
                passive_only=row.get("passive_only", False),
                not_pos=frozenset(row.get("not_pos", ())),
                requires=re.compile(row["requires"], re.IGNORECASE) if row.get("requires") else None,
                excludes=re.compile(row["excludes"], re.IGNORECASE) if row.get("excludes") else None,
                agent_types=frozenset(row.get("agent_types", signature["agent"])),
                patient_types=frozenset(row.get("patient_types", signature["patient"])),
                confidence=row.get("confidence", 0.8),
                mutual=row.get("mutual", False),
            ))
        self.signatures = {name: frozenset(signature["agent"]) for name, signature in signatures.items()}
        self.patient_signatures = {name: frozenset(signature["patient"]) for name, signature in signatures.items()}
        self.triggers = Triggers([row["words"] for row in data["rules"]], data["gap"])

    def find(self, sentence: Sentence, triggers: list[tuple[int, int, int]], fundraiser: str | None,
             defendant: Mention | None = None, lawsuit: Candidate | None = None) -> list[Candidate]:
        """Candidates in the order of their triggers; an investment names the fundraiser for the next ones
        (read it back with `latest_investee`); `defendant` is the article's latest (`latest_defendant`);
        `lawsuit`, the article's latest, names the parties of "se joindre à la procédure" (read it back
        with `latest_lawsuit`)."""
        matches = {(n, start): end for n, start, end in triggers if sentence.span.start <= start < sentence.span.end}
        candidates = []
        text = sentence.context
        for (n, start), end in sorted(matches.items(), key=lambda item: item[0][1]):
            rule = self.rules[n]
            if rule.requires and not rule.requires.search(text):
                continue
            if rule.excludes and rule.excludes.search(sentence.span.text):
                continue
            if start in sentence.at and sentence.at[start].start < start and not sentence.at[start].resolved:
                continue  # a later word of a name: "Helios Investissements"
            if start in sentence.at and sentence.at[start].siblings:
                continue  # a word of a plural reference: "les deux associés veulent recruter"
            candidate = self._apply(rule, sentence, start, end, fundraiser, defendant, lawsuit)
            if candidate and candidate.relation == "investedIn":
                # an investee of the sentence is not also one of its investors ("a investi dans 800
                # start-up, parmi lesquelles A et B" lists investees, not investors)
                investees = {m.key for c in candidates if c.relation == "investedIn" for m in c.patients}
                candidate.agents = [m for m in candidate.agents if m.key not in investees]
                if not candidate.agents:
                    continue
            if candidate:
                candidates.append(candidate)
                if candidate.relation == "founded":
                    sentence.founded_by.update((m.key, candidate.patients[0]) for m in candidate.agents if m.type == "Person")
                if candidate.relation == "investedIn" and not candidate.patients[0].resolved:
                    fundraiser = candidate.patients[0].key
        return candidates

    def agent_types(self, relation: str) -> frozenset[str]:
        return self.signatures[relation]

    def patient_types(self, relation: str) -> frozenset[str]:
        return self.patient_signatures[relation]

    @staticmethod
    def latest_lawsuit(candidates: list[Candidate], lawsuit: Candidate | None) -> Candidate | None:
        return next((c for c in reversed(candidates) if c.relation == "sued"), lawsuit)

    @staticmethod
    def latest_investee(candidates: list[Candidate], fundraiser: str | None) -> str | None:
        """The company later investments without a named investee are in: the latest investee, else
        the first company said to be founded ("X a fondé Y. Le duo a obtenu 4 millions du fonds Z")."""
        for candidate in candidates:
            if candidate.relation == "investedIn" and not candidate.patients[0].resolved:
                fundraiser = candidate.patients[0].key
            elif fundraiser is None and candidate.relation == "founded" and not candidate.patients[0].resolved:
                fundraiser = candidate.patients[0].key
        return fundraiser

    @staticmethod
    def latest_defendant(sentence: Sentence, candidates: list[Candidate], defendant: Mention | None) -> Mention | None:
        """Who the article's latest lawsuit is against, its plaintiff named or not: "X a assigné Y.
        Parmi les plaignants figure Z", "Des auteurs ont assigné Y. Parmi les plaignants figure Z"."""
        sued = [c.patients[0] for c in candidates if c.relation == "sued"] or sentence.defendants[:1]
        if sued:
            defendant = Mention(-1, -1, sued[-1].key, sued[-1].type, sued[-1].text, resolved=True)
        return defendant

    def fundraisers(self, sentence: Sentence) -> list[Mention]:
        """Companies the sentence says are raising money: they become the investee of later lists."""
        for token in sentence.span:
            if self.fundraising.match(token.lower_) and not (token.pos_ == "NOUN" and token.head.lemma_ in self.fundraising_joined):
                found = [m for m in sentence.subject(token).mentions if m.type in {"Company", "Organization"}]
                # "Fondateur de X, Y a annoncé une levée menée par Z": the company of the person who speaks
                found = found or [m for m in sentence.subject_organisation(token).mentions if m.type in {"Company", "Organization"}]
                if found:
                    return found
        return []

    def _apply(self, rule: Rule, sentence: Sentence, start: int, end: int, fundraiser: str | None,
               defendant: Mention | None, lawsuit: Candidate | None) -> Candidate | None:
        trigger = sentence.doc[start]
        if trigger.pos_ in rule.not_pos:
            return None
        agent_locators, patient_locators = rule.agent, rule.patient
        confidence = rule.confidence
        passive = rule.passive and self._is_passive(sentence, trigger, end)
        if passive:
            agent_locators, patient_locators = ("prep:par",), ("subject",)
        elif rule.passive_only:
            return None
        agents = self._locate(agent_locators, sentence, trigger, end, fundraiser, defendant, lawsuit, rule.agent_types)
        patients = self._locate(patient_locators, sentence, trigger, end, fundraiser, defendant, lawsuit, rule.patient_types)
        if passive and agents and (patients is None or {m.key for m in patients.mentions} <= {m.key for m in agents.mentions}):
            # "Fondée en 2023 par A et B, la jeune pousse ...": the participle comes first
            patients = sentence.after_phrase(max(m.end for m in agents.mentions))
        if agents is not None and patients is None and rule.mutual and len(agents.mentions) > 1:
            patients = agents
        if rule.relation == "sued" and agents is None and patients is not None:
            # "Les auteurs ont assigné Y en justice": a plaintiff named later still sues Y
            sentence.defendants = [m for m in patients.mentions if m.type in rule.patient_types] or sentence.defendants
        if agents is None or patients is None or not patients.mentions:
            return None
        if agents.fallback or patients.fallback:
            confidence -= 0.15
        chosen_agents = [m for m in agents.mentions if m.type in rule.agent_types]
        chosen_patients = [m for m in patients.mentions if m.type in rule.patient_types]
        if len(chosen_agents) > 1 and not rule.mutual:
            # "A, B et C ont assigné X, reprochant à l'éditeur de ...": a reference back to one of the
            # actors is not the other end
            chosen_patients = [m for m in chosen_patients if not (m.resolved and m.key in {a.key for a in chosen_agents})]
        if not chosen_agents or not chosen_patients:
            return None
        if any(m.resolved for m in chosen_agents + chosen_patients):
            confidence -= 0.1
        return Candidate(rule.relation, chosen_agents, chosen_patients, start, end, round(max(0.05, min(0.99, confidence)), 2))

    @staticmethod
    def _is_passive(sentence: Sentence, trigger: Token, end: int) -> bool:
        if not PARTICIPLE.search(trigger.lower_):
            return False
        before = [sentence.doc[i].lower_ for i in range(max(sentence.span.start, trigger.i - 3), trigger.i)]
        if any(word in HAVE for word in before) and "été" not in before:
            return False  # "a fondé" is active, "a été fondée" passive
        return any(t.dep_ == "aux:pass" for t in trigger.children) or sentence.prep(end, ("par",)).mentions != []

    @staticmethod
    def _locate(locators, sentence: Sentence, trigger: Token, end: int, fundraiser: str | None, defendant: Mention | None,
                lawsuit: Candidate | None, types: frozenset[str]) -> Found | None:
        """What the first locator finds of the role's types: a place after "fondée en 2019 à" lets
        the next locator look, but not the article's fundraiser or defendant, guesses for a role nobody fills."""
        named = False
        for locator in locators:
            if named and locator.startswith("context:"):
                return None
            if locator in _PLAIN_LOCATORS:
                found = _PLAIN_LOCATORS[locator](sentence, trigger, end)
            elif locator.startswith("before:"):
                found = sentence.before(trigger, locator[len("before:") :])
            elif locator.startswith("prep:"):
                words = tuple(_split_words(locator[len("prep:") :]))
                # a trigger may end on its own preposition: "un recours collectif contre X"
                own = end > trigger.i + 1 and sentence.doc[end - 1].lower_ == words[0]
                found = sentence.prep(end - 1 if own else end, words)
            elif locator == "context:fundraiser":
                found = Found([fundraiser_mention], fallback=True) if (fundraiser_mention := _as_mention(fundraiser)) else Found([])
            elif locator == "context:plaintiff":
                found = Found([_elsewhere(m) for m in (lawsuit.agents if lawsuit else [])], fallback=True)
            elif locator == "context:defendant":
                # the latest lawsuit's defendants; its first alone when a later sentence named another
                # without a plaintiff ("Des auteurs ont assigné Y")
                parties = lawsuit.patients if lawsuit else []
                if defendant is not None and not (parties and parties[0].key == defendant.key):
                    parties = [defendant]
                found = Found([_elsewhere(m) for m in parties], fallback=True)
            else:
                raise ValueError(f"unknown role locator {locator!r} in relations.json")
            if any(m.type in types for m in found.mentions):
                return found
            named = named or bool(found.mentions)
        return None


def _split_words(phrase: str) -> list[str]:
    """The words of a locator's phrase as the sentence index spells them: "au capital de" is "à le capital de"."""
    return [w for word in phrase.split() for w in CONTRACTIONS.get(word, (word,))]


def _elsewhere(mention: Mention) -> Mention:
    """A mention of another sentence, as the context locators give it: no position in this one."""
    return Mention(-1, -1, mention.key, mention.type, mention.text, resolved=True)


def _as_mention(key: str | None) -> Mention | None:
    return Mention(-1, -1, key, "Company", key, resolved=True) if key else None
