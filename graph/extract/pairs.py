"""A learned second opinion on pairs of entities that share a sentence.

The rules (data/relations.json) read the constructions they know. This component reads any pair of
entities that no rule linked, from features of the sentence between them: the dependency path,
the words on and between their ends, the prepositions that introduce them and their types. A
linear model trained on the dev gold (python -m graph.extract.train_pairs) weighs those features;
its weights are a data file, data/pair_model.json, so reading them needs no learning library.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from graph.extract.data import load
from graph.extract.entities import Mention

NONE = "none"
# A sentence with more entities than this is a list or a table: its pairs are left to the rules,
# which keeps the cost per sentence bounded.
MAX_ENTITIES = 12
MAX_MENTIONS = 4  # of one entity in one sentence
MAX_PATH = 8
MAX_BETWEEN = 12
# dependencies on the path between two coordinated names, and the nouns that introduce them
COORDINATION_DEPS = {"conj", "nmod", "flat:name", "appos", "amod"}


def _head(doc, mention: Mention) -> Token:
    span = doc[mention.start : mention.end]
    for token in span:
        if not (mention.start <= token.head.i < mention.end) or token.head.i == token.i:
            return token
    return span[0]


def _lemma(token: Token) -> str:
    return token.lemma_.lower() if token.pos_ not in {"PROPN", "NUM"} else token.pos_


def _chain(token: Token, limit: int) -> list[Token]:
    """The token and its ancestors up to the sentence root."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) <= limit:
        chain.append(chain[-1].head)
    return chain


def _case(token: Token) -> str:
    """The preposition that introduces a word: "dans" in "investir dans X"."""
    marks = [child.lower_ for child in token.children if child.dep_ in {"case", "mark"}]
    return marks[0] if marks else "-"


def _path(head_a: Token, head_b: Token) -> tuple[list[Token], Token, list[Token]] | None:
    """The dependency path between two words: the climb from a, the lowest common ancestor, the
    descent to b (both without the ancestor); None when it is longer than MAX_PATH either way."""
    chain_a, chain_b = _chain(head_a, MAX_PATH), _chain(head_b, MAX_PATH)
    positions_b = {token.i: n for n, token in enumerate(chain_b)}
    top = next((n for n, token in enumerate(chain_a) if token.i in positions_b), None)
    if top is None:
        return None
    return chain_a[:top], chain_a[top], list(reversed(chain_b[: positions_b[chain_a[top].i]]))


def trigger(sentence: Span, a: Mention, b: Mention) -> int:
    """The token that links the pair, for the modality reader: the verb of the clause that holds
    their common ancestor ("A et B discutent d'une coentreprise": "discutent", not "A")."""
    path = _path(_head(sentence.doc, a), _head(sentence.doc, b))
    if path is None:
        return min(a.start, b.start)
    token = path[1]
    for _ in range(3):
        if token.pos_ in {"VERB", "AUX"} or token.head.i == token.i:
            break
        token = token.head
    return token.i if token.pos_ in {"VERB", "AUX"} else path[1].i


def features(sentence: Span, a: Mention, b: Mention, cues: dict[int, str], named: dict[int, Mention],
             context: list[tuple[int, str]]) -> list[str]:
    """The features of the ordered pair (a, b), where a would be the relation's subject. `cues`
    maps the tokens of the rules' trigger words in the sentence to their relations, `named` the
    tokens of its mentions to them, `context` is the sentence's `sentence_context`."""
    doc = sentence.doc
    head_a, head_b = _head(doc, a), _head(doc, b)
    found = [
        f"types={a.type}>{b.type}",
        f"order={'ab' if a.start < b.start else 'ba'}",
        f"a_case={_case(head_a)}",
        f"b_case={_case(head_b)}",
        f"a_dep={head_a.dep_}",
        f"b_dep={head_b.dep_}",
        f"a_ref={a.resolved}",
        f"b_ref={b.resolved}",
    ]
    path = _path(head_a, head_b)
    if path is None:
        found.append("path=none")
    else:
        up, apex, down = path
        apex_lemma = _lemma(apex)
        up_deps = ">".join(token.dep_ for token in up)
        down_deps = "<".join(token.dep_ for token in down)
        found += [
            f"apex={apex_lemma}",
            f"apex_pos={apex.pos_}",
            f"apex+cases={apex_lemma}|{_case(head_a)}|{_case(head_b)}",
            f"path={up_deps}^{down_deps}",
            f"path+apex={up_deps}^{apex_lemma}^{down_deps}",
            f"a_to_apex={up_deps}^{apex_lemma}",
            f"apex_to_b={apex_lemma}^{down_deps}|{_case(head_b)}",
            f"length={min(len(up) + len(down), 6)}",
        ]
        deps = {token.dep_ for token in (*up, *down)}
        if "conj" in deps and deps <= COORDINATION_DEPS:
            found.append("coordinated")  # "A et B", "ni le groupe A ni la société B"
        passive = any(child.dep_ in {"aux:pass", "nsubj:pass"} for child in apex.children)
        found.append(f"apex_passive={passive}")
        for token in (*up, apex, *down):
            if token.i in cues:
                found.append(f"cue_on_path={cues[token.i]}")
                found.append(f"cue_on_path+shape={cues[token.i]}|{up_deps}^{down_deps}|{passive}")
        if apex.i in cues:
            found.append(f"cue_apex={cues[apex.i]}|{head_a.dep_}|{_case(head_b)}")
        for token in up[1:] + down[:-1]:
            found.append(f"on_path={_lemma(token)}")
        on_path = {token.i for token in (*up, *down)}
        for child in apex.children:
            if child.dep_ in {"advmod", "aux", "xcomp", "obj", "mark"} and child.i not in {head_a.i, head_b.i}:
                found.append(f"apex_{child.dep_}={_lemma(child)}")
            # another entity in an argument of the same word: "A a cofondé X ... et Y", Y is not
            # what A founded
            rival = named.get(child.i)
            if rival is not None and child.i not in on_path and rival.key not in {a.key, b.key}:
                found.append(f"rival={child.dep_}")
    first, last = (a, b) if a.start < b.start else (b, a)
    between = _between(doc, a, b)
    found += [f"cue_between={cues[t.i]}" for t in between if t.i in cues]
    found += [f"cue_in_sentence={relation}" for relation in set(cues.values())]
    if len(between) <= MAX_BETWEEN:
        found += [f"between={_lemma(t)}" for t in between if not t.is_stop or t.pos_ == "ADP"]
        found.append(f"between_n={len(between)}")
    else:
        found.append("between_n=far")
    if first.start > sentence.start:
        found.append(f"before_first={_lemma(doc[first.start - 1])}")
    if last.end < sentence.end:
        found.append(f"after_last={_lemma(doc[last.end])}")
    found += [feature for i, feature in context if not (first.start <= i < last.end)]
    return found


def sentence_context(sentence: Span) -> list[tuple[int, str]]:
    """(token index, feature) of the sentence's verbs and nouns, shared by all its pairs; `features`
    keeps those outside the pair."""
    return [(token.i, f"sentence={_lemma(token)}") for token in sentence if token.pos_ in {"VERB", "NOUN"}]


def _between(doc, a: Mention, b: Mention) -> list[Token]:
    first, last = (a, b) if a.start < b.start else (b, a)
    return [t for t in doc[first.end : last.start] if not t.is_punct]


def far(doc, a: Mention, b: Mention) -> bool:
    """Whether more than MAX_BETWEEN words stand between the pair (see `near`)."""
    return len(_between(doc, a, b)) > MAX_BETWEEN


def near(found: list[str]) -> bool:
    """Whether the pair is at most MAX_BETWEEN words apart and not merely coordinated: the model's
    word features say little about a pair farther apart, and "A et B ont ..." (or "Ni A ni B ne
    ...") says what both did, which the rules read, not what one did to the other."""
    return "between_n=far" not in found and "coordinated" not in found


@lru_cache(maxsize=1)
def _vetoes() -> dict[str, frozenset[str]]:
    return {relation: frozenset(f"apex={lemma}" for lemma in lemmas)
            for relation, lemmas in load("cues")["pair_model_vetoes"].items()}


def vetoed(relation: str, found: list[str]) -> bool:
    """Whether the pair meets at a word whose senses only the rules tell apart: "X a acquis 100 %
    de Y" is no investment, "X a lancé Y, une application" no founding (the rules read "acquérir
    une participation dans Y", "lancer sa start-up Y")."""
    return not _vetoes().get(relation, frozenset()).isdisjoint(found)


@dataclass(frozen=True)
class Verdict:
    relation: str
    probability: float


class PairModel:
    """Multinomial logistic regression over feature strings, read from data/pair_model.json."""

    def __init__(self, model: dict):
        self.labels: list[str] = model["labels"]
        self.bias: list[float] = model["bias"]
        self.weights: dict[str, list[float]] = model["weights"]
        self.threshold: float = model["threshold"]

    def verdict(self, found: list[str]) -> Verdict:
        scores = list(self.bias)
        for feature in set(found):
            for n, weight in enumerate(self.weights.get(feature, ())):
                scores[n] += weight
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        best = max(range(len(scores)), key=scores.__getitem__)
        return Verdict(self.labels[best], exps[best] / total)


@lru_cache(maxsize=1)
def pair_model() -> PairModel:
    return PairModel(load("pair_model"))


def pairs(mentions: list[Mention]) -> Iterator[tuple[Mention, Mention]]:
    """Ordered pairs of distinct entities placed in the sentence: for each, the two mentions
    nearest to each other."""
    by_key: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.start >= 0 and len(by_key.get(mention.key, ())) < MAX_MENTIONS:
            by_key.setdefault(mention.key, []).append(mention)
    if len(by_key) > MAX_ENTITIES:
        return
    for key_a, found_a in by_key.items():
        for key_b, found_b in by_key.items():
            if key_a != key_b:
                yield min(((a, b) for a in found_a for b in found_b), key=lambda pair: abs(pair[0].start - pair[1].start))
