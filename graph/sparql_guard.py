"""What a SPARQL text may do: the one guard of `kg query`, the shell, `kg viz` and `kg serve`, and
the dataset-clause test that decides whether a query sees the union of all graphs.

Plain string methods only on the way of an ordinary query: the shell runs this before every query,
and right after a query has run even a trivial regex match costs 4-10 µs (the regex engine is no
longer in the CPU caches). Only a text that mentions SERVICE, LOAD or FROM is tokenised.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from graph.errors import UserError
from graph.namespaces import PREFIXES
from graph import sparql_text

# Only texts that mention one of these words need the token scan of `check`.
_OUTSIDE_WORDS = ("SERVICE", "LOAD", "FROM")


class QueryRefused(UserError):
    """The text is valid SPARQL but may not run here (read-only store, no network)."""


def check(text: str, *, writable: bool, allow_network: bool, local_graphs: Callable[[], Collection[str]]) -> bool:
    """Refuses updates on a read-only store and anything that would reach outside the store:
    SERVICE, LOAD, and FROM (NAMED) of an IRI that is not one of `local_graphs()`, called only
    when a FROM needs it. Returns whether the text is an update."""
    upper = text.upper()
    # A text that starts with a query form is no update; others need the prologue skipped.
    update = not upper.lstrip().startswith(sparql_text.QUERY_FORMS) and sparql_text.is_update(text)
    if update and not writable:
        raise QueryRefused("UPDATE refused: the store is open read-only (pass --writable to change the graph)")
    if allow_network or not _mentions_word(upper, _OUTSIDE_WORDS):
        return update
    toks = sparql_text.code_tokens(text)
    prefixes = {**PREFIXES, **sparql_text.declared_prefixes(text)}
    graphs = None
    for i, token in enumerate(toks):
        word = token.upper if token.kind == "word" else ""
        if word in ("SERVICE", "LOAD"):
            raise QueryRefused(f"{word} refused: it reaches outside the graph (pass --allow-network to allow it)")
        if word == "FROM":
            target = toks[i + 2] if i + 2 < len(toks) and toks[i + 1].upper == "NAMED" else (
                toks[i + 1] if i + 1 < len(toks) else None)
            iri = sparql_text.expand(target, prefixes) if target else None
            if iri is None:
                continue
            graphs = local_graphs() if graphs is None else graphs
            if iri not in graphs:
                raise QueryRefused(
                    f"FROM <{iri}> refused: it is not a graph of this store (pass --allow-network to fetch it)")
    return update


def has_dataset_clause(query: str) -> bool:
    """Whether a query names its own dataset with FROM or FROM NAMED (outside strings, IRIs and
    comments): such a query must see that dataset, not the union of all graphs."""
    if not _mentions_word(query.upper(), ("FROM",)):
        return False
    return any(token.kind == "word" and token.upper == "FROM" for token in sparql_text.code_tokens(query))


def _mentions_word(upper: str, words: tuple[str, ...]) -> bool:
    """Whether one of `words` occurs as a word in the upper-cased text. str.find rather than a
    regex: `\\b(?:SERVICE|...)\\b` with IGNORECASE tries every position and costs ~10 µs a query."""
    for word in words:
        start = upper.find(word)
        while start >= 0:
            end = start + len(word)
            if not (start and _word_char(upper[start - 1])) and not (end < len(upper) and _word_char(upper[end])):
                return True
            start = upper.find(word, end)
    return False


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"
