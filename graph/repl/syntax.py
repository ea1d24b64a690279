"""Syntax checking before execution, with Oxigraph's own parser (no rdflib import: start-up matters).

Oxigraph reports `error at LINE:COLUMN: expected ...`; we keep the position, drop the long
character-class lists from the message, and replace "Prefix not found" by a hint naming the nearest
known prefix.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from graph.namespaces import PREFIXES
from graph import sparql_text

_POSITION = re.compile(r"error at (\d+):(\d+): ?")
# One alternative in "expected one of ...": a quoted token, a character class, or a bare word.
_ALTERNATIVE = re.compile(r"""("(?:[^"\\]|\\.)*"|\[(?:'[^']*'|[^\]'])*\]|[^,"\[]+)""")


@dataclass(frozen=True)
class SyntaxProblem:
    line: int  # 1-based
    column: int  # 1-based, in characters
    message: str

    def offset(self, text: str) -> int:
        """The position of the problem as an index into `text`."""
        lines = text.split("\n")
        line = min(self.line, len(lines))
        return min(sum(len(part) + 1 for part in lines[: line - 1]) + self.column - 1, len(text))

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


@lru_cache(maxsize=1)
def _scratch_store():
    import pyoxigraph

    return pyoxigraph.Store()


@lru_cache(maxsize=64)
def check(text: str) -> SyntaxProblem | None:
    """None when `text` is a valid SPARQL query or update (with the project prefixes predeclared).

    Cached: Enter asks whether the text is complete, then the validator asks again for the same
    text, and a parse costs as much as running a small query."""
    try:
        # An empty in-memory store parses the text; evaluating anything on it costs nothing.
        if sparql_text.is_update(text):
            _scratch_store().update(text, prefixes=PREFIXES)
        else:
            _scratch_store().query(text, prefixes=PREFIXES)
    except SyntaxError as error:
        return diagnose(text, str(error))
    return None


def diagnose(text: str, message: str) -> SyntaxProblem:
    """The problem behind Oxigraph's syntax error message, naming an unknown prefix when there is one."""
    unknown = sparql_text.unknown_prefixes(text)
    if unknown:
        return _unknown_prefix(text, unknown[0])
    return from_oxigraph_message(message)


def from_oxigraph_message(message: str) -> SyntaxProblem:
    position = _POSITION.search(message)
    line, column = (int(position[1]), int(position[2])) if position else (1, 1)
    detail = message[position.end():] if position else message
    if detail.startswith("expected"):
        alternatives = [item.strip() for item in _ALTERNATIVE.findall(detail.removeprefix("expected").removeprefix(" one of"))]
        detail = "expected " + _summary(alternatives) if alternatives else "unexpected input"
    return SyntaxProblem(line, column, " ".join(detail.split()))


def _summary(alternatives: list[str]) -> str:
    """Oxigraph's alternatives in words: a letter class ("['A' ..= 'Z' | ...]") becomes "a name",
    the dozen tokens that can start a term become "a term", other character classes are dropped."""
    words = [item for item in alternatives if item and not item.startswith("[") and item != "Prefix not found"]
    if '"?"' in words and '"<"' in words:
        words = ["a term (variable, IRI, prefixed name or literal)"] + [w for w in words if w.isupper()]
    elif any("'A'" in item or item == "[_]" for item in alternatives):
        words.append("a name")
    return ("one of " if len(words) > 1 else "") + ", ".join(words) if words else "something else"


def _unknown_prefix(text: str, prefix: str) -> SyntaxProblem:
    token = next(t for t in sparql_text.code_tokens(text) if t.kind == "pname" and t.text.startswith(prefix + ":"))
    before = text[: token.start]
    line, column = before.count("\n") + 1, token.start - (before.rfind("\n") + 1) + 1
    close = difflib.get_close_matches(prefix, list(PREFIXES), n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]}:?" if close else f" (known: {', '.join(p + ':' for p in PREFIXES)})"
    return SyntaxProblem(line, column, f"unknown prefix {prefix}:{hint}")
