"""A small SPARQL tokenizer for the shell's editor and the query guard: what kind of query the text
is, whether its brackets are balanced, which prefixed names and IRIs it uses. It tolerates
unfinished text, unlike a parser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from graph.namespaces import PREFIXES

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<open_string>'''|\"\"\"|['"])
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w]*)
  | (?P<pname>(?:[A-Za-z](?:[\w-]|\.(?=[\w-]))*)?:(?:[\w%:-]|\.(?=[\w%:-]))*|_:(?:[\w-]|\.(?=[\w-]))*)
  | (?P<word>[A-Za-z_][\w-]*)
  | (?P<number>[+-]?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)
  | (?P<space>\s+)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|.)
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
_PAIRS = {"(": ")", "[": "]", "{": "}"}


class Token(NamedTuple):
    kind: str
    text: str
    start: int

    @property
    def upper(self) -> str:
        return self.text.upper()


def iter_tokens(text: str, *, keep_space: bool = False) -> Iterator[Token]:
    """Tokens of possibly unfinished SPARQL; an unterminated string runs to the end as `open_string`."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "open_string":
            yield Token(kind, text[match.start():], match.start())
            return
        if kind != "space" or keep_space:
            yield Token(kind, match.group(), match.start())


def tokens(text: str, *, keep_space: bool = False) -> list[Token]:
    return list(iter_tokens(text, keep_space=keep_space))


def code_tokens(text: str) -> list[Token]:
    return [t for t in tokens(text) if t.kind != "comment"]


def brackets_balanced(text: str) -> bool:
    """True when every (, [, { is closed, outside strings, IRIs and comments, and no string is open."""
    stack = []
    for token in code_tokens(text):
        if token.kind == "open_string":
            return False
        if token.kind != "punct":
            continue
        if token.text in _PAIRS:
            stack.append(_PAIRS[token.text])
        elif token.text in _PAIRS.values():
            if not stack or stack.pop() != token.text:
                return True  # over-closed: let the parser report it rather than wait forever
    return not stack


def declared_prefixes(text: str) -> dict[str, str]:
    """PREFIX declarations written in the query itself."""
    found = {}
    toks = code_tokens(text)
    for i, token in enumerate(toks[:-2]):
        if token.upper == "PREFIX" and toks[i + 1].kind == "pname" and toks[i + 2].kind == "iri":
            found[toks[i + 1].text[:-1]] = toks[i + 2].text[1:-1]
    return found


# The prologue (PREFIX and BASE declarations, comments) and the word after it. A regex rather than
# `tokens`: every query pays for this check, and the tokenizer costs ~5 µs even to its first word.
_FIRST_KEYWORD = re.compile(
    r"(?:\s+|\#[^\n]*+|PREFIX\s*(?:[A-Za-z][\w.-]*)?:\s*<[^<>\s]*>|BASE\s*<[^<>\s]*>)*+([A-Za-z]+)(?![\w:-])",
    re.IGNORECASE)


def operation(text: str) -> str | None:
    """The first keyword after the prologue: SELECT, ASK, ..., INSERT, ...; None if there is none."""
    match = _FIRST_KEYWORD.match(text)
    return match[1].upper() if match else None


def is_update(text: str) -> bool:
    return operation(text) in UPDATE_WORDS


def expand(token: Token, prefixes: dict[str, str]) -> str | None:
    """The full IRI written by an IRI or prefixed-name token, or None."""
    if token.kind == "iri":
        return token.text[1:-1]
    if token.kind == "pname" and not token.text.startswith("_:"):
        prefix, _, local = token.text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local
    return None


def iris_used(text: str) -> list[tuple[Token, str]]:
    """(token, full IRI) for every IRI written in the query body, PREFIX declarations excluded."""
    prefixes = {**PREFIXES, **declared_prefixes(text)}
    toks = code_tokens(text)
    found = []
    for i, token in enumerate(toks):
        if i and toks[i - 1].upper in ("PREFIX", "BASE") or i > 1 and toks[i - 2].upper == "PREFIX":
            continue
        iri = expand(token, prefixes)
        if iri is not None:
            found.append((token, iri))
    return found


def unknown_prefixes(text: str) -> list[str]:
    """Prefixes used in prefixed names but neither predeclared nor declared in the query."""
    known = {**PREFIXES, **declared_prefixes(text)}
    unknown = []
    for token in code_tokens(text):
        if token.kind == "pname" and not token.text.startswith("_:"):
            prefix = token.text.partition(":")[0]
            if prefix not in known and prefix not in unknown:
                unknown.append(prefix)
    return unknown
