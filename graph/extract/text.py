"""Text helpers that keep offsets intact.

spaCy sees a copy of the article where typographic variants are replaced character for character
(curly apostrophes, guillemets, non-breaking spaces), so every offset in that copy is also an
offset in the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from graph.extract.data import load

# One character in, one character out: the normalised text has the same length as the original.
_SAME_LENGTH = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'",
    "\u00ab": '"', "\u00bb": '"', "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
    "\u2013": "-", "\u2014": "-", "\u2011": "-",
})


# Pictographs (emoji, dingbats, stars) and the joiners and selectors that build emoji sequences: the
# tagger reads "🚀 La start-up X a été fondée" as a pronoun subject. Each code point becomes a space.
_PICTOGRAPHS = re.compile("[\u200d\ufe0e\ufe0f\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]")


def for_nlp(text: str) -> str:
    normalised = _PICTOGRAPHS.sub(" ", text.translate(_SAME_LENGTH))
    assert len(normalised) == len(text)
    return normalised


# A dispatch's dateline, "PARIS, 12 mars (AFP) - " (after for_nlp, every dash is "-"): the parser
# takes it for the sentence's head and loses the subject that follows.
_DATELINE = re.compile(r"^\s*[A-ZÀ-Ý][A-ZÀ-Ý'. -]{2,30}(?:,[^-()\n]{1,30}?)?\s*(?:\([^()\n]{1,30}\))?\s*-\s")


def dateline_length(text: str) -> int:
    """The length of the dateline that opens the text (normalised by for_nlp), 0 if none."""
    match = _DATELINE.match(text)
    return match.end() if match is not None and ("," in match.group() or "(" in match.group()) else 0


def slug(name: str) -> str:
    """The IRI local name of an entity: lower-case ASCII words joined by hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def fold(text: str) -> str:
    """A comparison key: case, accents and apostrophe variants do not matter."""
    return slug(for_nlp(text)).replace("-", " ")


def is_adjective(token) -> bool:
    """An adjective, also when the tagger calls a lower-case adjective a proper noun ("grenobloise") or
    leaves it unknown ("nantais", X)."""
    return token.pos_ == "ADJ" or (token.pos_ in {"PROPN", "X"} and token.is_lower)



# Endings of past participles (and of a few other words, which the callers' contexts rule out).
PARTICIPLE = re.compile(r"(é|ée|és|ées|i|ie|is|ies|it|ite|its|ites|t|te|ts|tes|u|ue|us|ues)$")


@lru_cache(maxsize=1)
def naming_participles() -> frozenset[str]:
    return frozenset(load("cues")["naming_participles"])


def in_fronted_phrase(doc, start: int) -> bool:
    """Whether the word at `start` closes a participial phrase that opens its sentence: "Soutenue
    par A et B, la start-up X ..." (the comma after B closes the phrase, no apposition to B follows);
    not a phrase that names what follows: "Baptisée X, sa start-up ..." is X."""
    first = phrase_start(doc, start)
    if first is None or doc[first].lower_ in naming_participles() or PARTICIPLE.search(doc[first].lower_) is None:
        return False
    opener = doc[first]
    if "Part" not in opener.morph.get("VerbForm") and (
        opener.pos_ == "NOUN" or opener.pos_ == "ADJ" and first + 1 < len(doc) and doc[first + 1].pos_ != "ADP"
    ):
        return False  # "Nouveau revers pour X :" opens no participial phrase ("Issu d'un laboratoire," does)
    if any(t.pos_ in {"VERB", "AUX"} for t in doc[first + 1 : start]):
        return False
    # the phrase may hold an apposition of its own: "Fondée par A et B, deux anciens de X, la
    # start-up ..." (the parse tree says where the phrase ends)
    return not any(t.text == "," for t in doc[first + 1 : start]) or start <= doc[first].right_edge.i


# A sentence-initial phrase longer than this is no fronted phrase (and the bound keeps the scans linear).
FRONTED_PHRASE_MAX = 25


def phrase_start(doc, i: int) -> int | None:
    """The start of the sentence of the word at `i`, if it is at most FRONTED_PHRASE_MAX words before."""
    for j in range(i, max(-1, i - FRONTED_PHRASE_MAX), -1):
        if doc[j].is_sent_start or j == 0:
            return j
    return None
