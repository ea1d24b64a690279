"""What can go at the cursor: the first stage of completion (litecli's `suggest_type`).

Pure functions of the text before the cursor; the completer turns the answer into candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph import sparql_text

# The partial word at the cursor: a variable, a prefixed name, or a bare word (searched as a label).
_PARTIAL = re.compile(r"(?:[?$][\w]*|(?:[A-Za-z][\w.-]*)?:[\w.%:-]*|[\w\u00C0-\u024F.-]*)$")
_TERM_KINDS = ("var", "pname", "iri", "string", "number")
# Words that start a new pattern inside braces rather than continuing a triple.
_PATTERN_WORDS = {"OPTIONAL", "FILTER", "GRAPH", "BIND", "VALUES", "MINUS", "UNION", "SERVICE", "SELECT", "NOT", "EXISTS"}


@dataclass(frozen=True)
class Suggestion:
    kind: str  # keyword, prefix, class, property, entity, variable, special, or a dot-command argument kind
    prefix: str | None = None  # the namespace prefix already typed, for prefixed names


@dataclass(frozen=True)
class Context:
    partial: str
    suggestions: tuple[Suggestion, ...]


def suggest(text_before_cursor: str, arg_kinds: dict[str, tuple[str, ...]] | None = None) -> Context:
    """What may complete the word at the cursor. `arg_kinds` maps a dot-command to its argument kinds."""
    stripped = text_before_cursor.lstrip()
    if stripped.startswith("."):
        return _suggest_special(stripped, arg_kinds or {})
    if sparql_text.tokens(text_before_cursor) and sparql_text.tokens(text_before_cursor)[-1].kind in (
            "comment", "open_string"):
        return Context("", ())
    partial = _PARTIAL.search(text_before_cursor).group()
    if partial.startswith(".") and not partial.startswith(".."):
        partial = partial.lstrip(".")  # the dot ends a triple: `e:xai.`
    before = text_before_cursor[: len(text_before_cursor) - len(partial)]
    if partial.startswith(("?", "$")):
        return Context(partial, (Suggestion("variable"),))
    prefix = partial.partition(":")[0] if ":" in partial else None
    position = _position(sparql_text.code_tokens(before))
    kinds = {
        "class": ("class",),
        "property": ("property", "variable", "prefix"),
        "term": ("entity", "variable", "prefix", "keyword"),
        "clause": ("keyword", "variable", "prefix"),
        "prefix_decl": ("prefix",),
    }[position]
    if prefix is not None:
        kinds = {"class": ("class",), "property": ("property",)}.get(position, ("entity", "class", "property"))
    return Context(partial, tuple(Suggestion(kind, prefix) for kind in kinds))


def _suggest_special(text: str, arg_kinds: dict[str, tuple[str, ...]]) -> Context:
    words = text.split()
    if len(words) <= 1 and not text[-1:].isspace():
        return Context(text, (Suggestion("special"),))
    kinds = arg_kinds.get(words[0], ())
    typing_new_word = text[-1:].isspace()
    index = len(words) - 1 if typing_new_word else len(words) - 2
    partial = "" if typing_new_word else words[-1]
    if not kinds:
        return Context(partial, ())
    kind = kinds[min(index, len(kinds) - 1)]
    return Context(partial, (Suggestion(kind),))


def _position(toks: list[sparql_text.Token]) -> str:
    """Where the cursor stands: in a triple (class/property/term), at clause level, or in PREFIX."""
    if toks and toks[-1].upper == "PREFIX":
        return "prefix_decl"
    depth = sum(1 if t.text == "{" else -1 if t.text == "}" else 0 for t in toks if t.kind == "punct")
    if depth <= 0:
        return "clause"
    # Walk back to the start of the current triple.
    terms = 0
    for token in reversed(toks):
        if token.kind == "punct" and token.text in ("{", "}", "."):
            break
        if token.kind == "punct" and token.text == ";":
            terms += 1  # after `;` comes a predicate, as after a subject
            break
        if token.kind == "punct" and token.text == ",":
            return "term"
        if token.kind == "punct" and token.text in (")", "("):
            return "term"  # inside or after FILTER(...)/BIND(...): expressions and new patterns
        if token.kind == "word" and token.upper in _PATTERN_WORDS:
            return "term"
        if token.kind in _TERM_KINDS or token.kind == "word":
            terms += 1
    if toks and toks[-1].kind == "word" and toks[-1].text == "a":
        return "class"
    return {0: "term", 1: "property", 2: "term"}.get(terms, "clause")
