"""The prompt_toolkit completer: turns `completion_engine.suggest` into ranked candidates.

Candidates come from the graph (the CompletionIndex), the query's own variables, the project
prefixes, SPARQL keywords and the dot-commands. Matching is fuzzy: prefix matches first, then
substrings, then letters in order (litecli's `find_matches`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from graph.namespaces import PREFIXES
from graph import sparql_text
from graph.repl.completion_engine import Suggestion, suggest
from graph.repl.index import CompletionIndex, compact, fold, letters_in_order

KEYWORDS = (
    "SELECT", "DISTINCT", "REDUCED", "WHERE", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE", "FROM", "NAMED",
    "GRAPH", "OPTIONAL", "FILTER", "BIND", "VALUES", "UNION", "MINUS", "SERVICE", "NOT EXISTS", "EXISTS", "AS",
    "ORDER BY", "GROUP BY", "HAVING", "LIMIT", "OFFSET", "ASC", "DESC", "COUNT", "SUM", "MIN", "MAX", "AVG",
    "SAMPLE", "GROUP_CONCAT", "SEPARATOR", "STR", "LANG", "LANGMATCHES", "DATATYPE", "BOUND", "IRI", "CONTAINS",
    "STRSTARTS", "STRENDS", "REGEX", "LCASE", "UCASE", "YEAR", "COALESCE", "IF", "IN", "isIRI", "isLiteral",
    "INSERT DATA", "DELETE DATA", "DELETE WHERE", "INSERT", "DELETE", "WITH", "CLEAR", "DROP",
)

# Extra candidate sources by kind: each returns (text, meta) pairs.
Source = Callable[[], Iterable[tuple[str, str]]]


class KgCompleter(Completer):
    def __init__(self, index: Callable[[], CompletionIndex], specials: dict[str, str],
                 arg_kinds: dict[str, tuple[str, ...]], sources: dict[str, Source] | None = None):
        self.index = index
        self.specials = specials  # ".name" -> help
        self.arg_kinds = arg_kinds
        self.sources = sources or {}

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterable[Completion]:
        context = suggest(document.text_before_cursor, self.arg_kinds)
        seen: set[str] = set()
        for suggestion in context.suggestions:
            for text, display, meta in self._candidates(suggestion, context.partial, document.text):
                if text not in seen:
                    seen.add(text)
                    yield Completion(text, -len(context.partial), display=display, display_meta=meta)

    def _candidates(self, suggestion: Suggestion, partial: str, full_text: str):
        kind = suggestion.kind
        if kind == "entity":
            return [(e.name, e.name, e.meta) for e in self.index().find_entities(partial)]
        if kind == "file":
            return _files(partial)
        return [(text, text, meta) for text, meta in fuzzy(partial, self._pairs(suggestion, partial, full_text))]

    def _pairs(self, suggestion: Suggestion, partial: str, full_text: str) -> list[tuple[str, str]]:
        kind = suggestion.kind
        if kind == "keyword":
            return [(word, "keyword") for word in KEYWORDS]
        if kind == "prefix":
            return [(f"{name}:", iri) for name, iri in PREFIXES.items()]
        if kind == "class":
            return [(compact(iri), f"{n} instances") for iri, n in self.index().classes]
        if kind == "property":
            return [(compact(iri), f"{n} triples") for iri, n in self.index().properties]
        if kind == "variable":
            found = dict.fromkeys(t.text for t in sparql_text.code_tokens(full_text) if t.kind == "var")
            return [(name, "variable") for name in found if name != partial]
        if kind == "special":
            return list(self.specials.items())
        if kind in self.sources:
            return list(self.sources[kind]())
        return []


def fuzzy(partial: str, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pairs whose text matches `partial`: prefix matches (also on the local name), then substrings,
    then letters in order; the original order (most used first) breaks ties."""
    probe = fold(partial)
    if not probe:
        return pairs
    typed_prefix, colon, needle = probe.rpartition(":") if ":" in probe else ("", "", probe)
    ranked = []
    for order, (text, meta) in enumerate(pairs):
        folded = fold(text)
        prefix, _, local = folded.partition(":")
        if colon:
            if prefix != typed_prefix or ":" not in folded:
                continue  # a typed prefix restricts the namespace
            haystacks = (local,)
        else:
            haystacks = (folded, local) if local else (folded,)
        if any(h.startswith(needle) for h in haystacks):
            rank = 0
        elif any(needle in h for h in haystacks):
            rank = 1
        elif any(letters_in_order(needle, h) for h in haystacks):
            rank = 2
        else:
            continue
        ranked.append((rank, order, text, meta))
    ranked.sort()
    return [(text, meta) for _, _, text, meta in ranked]


def _files(partial: str) -> list[tuple[str, str, str]]:
    folder, _, stem = partial.rpartition("/")
    try:
        names = sorted(os.listdir(os.path.expanduser(folder) or "."))
    except OSError:
        return []
    result = []
    for name in names:
        if name.startswith(stem) and not name.startswith("."):
            path = f"{folder}/{name}" if folder else name
            is_dir = os.path.isdir(os.path.expanduser(path))
            result.append((path + ("/" if is_dir else ""), name + ("/" if is_dir else ""), "folder" if is_dir else "file"))
    return result
