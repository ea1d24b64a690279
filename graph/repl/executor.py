"""Runs SPARQL for the shell and `kg query`: guards first, then the query in a worker thread so that
Ctrl-C and --timeout return control at once.

Oxigraph has no cancellation API, and a thread inside Oxigraph cannot run Python's signal handler,
so the query cannot run on the thread that waits for Ctrl-C. Oxigraph releases the GIL while it
evaluates, so the waiting thread stays responsive; an abandoned query finishes (or dies with the
process) in its daemon thread and its result is dropped. graph/repl/handover.py has the hand-over.

The hand-over costs two thread switches, about 20 µs, which is a fifth of a small query on a small
graph. A query text that already ran in this session in under QUICK_SECONDS against an in-process
store runs again on the calling thread: its cost depends only on the text and the data, so Ctrl-C
waits a few milliseconds at most. An update forgets every such text, since the data changed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pyoxigraph as ox

from graph.errors import UserError
from graph.namespaces import PREFIXES
from graph.repl import sparql_text
from graph.repl.handover import Worker
from graph.repl.syntax import diagnose

DEFAULT_TIMEOUT = 30.0
QUICK_SECONDS = 0.005
# Bounds the memory of quick texts; a session that runs more distinct quick texts starts over.
_QUICK_TEXTS_KEPT = 1024
_EVALUATION_ERRORS = (OSError, RuntimeError, ValueError)  # what the store raises for a bad query
# Only queries that mention one of these words need the full token scan of `guard`.
_OUTSIDE_WORDS = ("SERVICE", "LOAD", "FROM")

class QueryRefused(UserError):
    """The query is valid but this session may not run it (read-only, no network)."""


class QueryTimeout(UserError):
    pass


class QueryCancelled(UserError):
    exit_code = 130


class QuerySyntaxError(UserError):
    def __init__(self, problem):
        super().__init__(f"syntax error at {problem}")
        self.problem = problem


@dataclass
class Result:
    """What a query produced, fully read, plus how long it took."""

    kind: str  # "select", "ask", "graph" or "update"
    elapsed: float
    variables: list[str] = field(default_factory=list)
    # pyoxigraph QuerySolutions: sequences of terms (None when unbound), converted to Python objects
    # only when a formatter reads them, as raw pyoxigraph does
    rows: list = field(default_factory=list)
    boolean: bool | None = None
    triples: list = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)


class Executor:
    def __init__(self, store, *, timeout: float | None = DEFAULT_TIMEOUT, allow_network: bool = False):
        self.store = store
        self.timeout = timeout
        self.allow_network = allow_network
        self._local_graphs: set[str] | None = None
        self._quick_texts: set[str] = set()
        self._worker = Worker()  # started now, so that the first query does not pay for it

    def run(self, text: str) -> Result:
        """Guard and run one query or update; raises UserError subclasses on refusal.

        The store's own parser checks the syntax (no second parse on the way)."""
        update = self.guard(text)
        job = self._update if update else self._query
        try:
            result = self._here(job, text) if text in self._quick_texts else self._in_worker(job, text)
        except SyntaxError as error:
            raise QuerySyntaxError(diagnose(text, str(error))) from None
        except _EVALUATION_ERRORS as error:
            raise UserError(f"query failed: {error}") from None
        if update:
            self._quick_texts.clear()
        elif result.elapsed >= QUICK_SECONDS or not self.store.in_process:
            self._quick_texts.discard(text)
        elif text not in self._quick_texts:
            if len(self._quick_texts) >= _QUICK_TEXTS_KEPT:
                self._quick_texts.clear()
            self._quick_texts.add(text)
        return result

    def guard(self, text: str) -> bool:
        """Refuse updates on a read-only store and anything that would reach outside the store.
        Returns whether the text is an update.

        Plain string methods only on the way of an ordinary query: right after a query has run,
        even a trivial regex match costs 4-10 µs (the regex engine is no longer in the CPU caches)."""
        upper = text.upper()
        # A text that starts with a query form is no update; others need the prologue skipped.
        update = not upper.lstrip().startswith(sparql_text.QUERY_FORMS) and sparql_text.is_update(text)
        if update and not getattr(self.store, "writable", False):
            raise QueryRefused("UPDATE refused: the shell is read-only (restart it with --writable to change the graph)")
        if self.allow_network or not _mentions_outside_word(upper):
            return update
        toks = sparql_text.code_tokens(text)
        prefixes = {**PREFIXES, **sparql_text.declared_prefixes(text)}
        for i, token in enumerate(toks):
            word = token.upper if token.kind == "word" else ""
            if word in ("SERVICE", "LOAD"):
                raise QueryRefused(f"{word} refused: it reaches outside the graph (pass --allow-network to allow it)")
            if word == "FROM":
                target = toks[i + 2] if i + 2 < len(toks) and toks[i + 1].upper == "NAMED" else (
                    toks[i + 1] if i + 1 < len(toks) else None)
                iri = sparql_text.expand(target, prefixes) if target else None
                if iri is not None and iri not in self.local_graphs():
                    raise QueryRefused(
                        f"FROM <{iri}> refused: it is not a graph of this store (pass --allow-network to fetch it)")
        return update

    def local_graphs(self) -> set[str]:
        if self._local_graphs is None:
            self._local_graphs = set(self.store.named_graphs())
        return self._local_graphs

    def _query(self, text: str) -> Result:
        started = time.perf_counter()
        answer = self.store.query(text, timeout=self.timeout)
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            rows = list(answer)
            return Result("select", time.perf_counter() - started, variables=variables, rows=rows)
        if isinstance(answer, ox.QueryBoolean):
            return Result("ask", time.perf_counter() - started, boolean=bool(answer))
        triples = list(answer)
        return Result("graph", time.perf_counter() - started, triples=triples)

    def _update(self, text: str) -> Result:
        started = time.perf_counter()
        self.store.update(text)
        self._local_graphs = None
        return Result("update", time.perf_counter() - started)

    def _here(self, job, text: str) -> Result:
        try:
            return job(text)
        except KeyboardInterrupt:  # raised once the store returns: a quick text takes milliseconds
            raise QueryCancelled("query cancelled") from None

    def _in_worker(self, job, text: str) -> Result:
        try:
            ok, value = self._worker.run(job, text, self.timeout)
        except KeyboardInterrupt:
            self._abandon_worker()
            raise QueryCancelled("query cancelled") from None
        except TimeoutError:
            self._abandon_worker()
            raise QueryTimeout(
                f"query stopped after {self.timeout:g} s (--timeout); add a LIMIT or raise --timeout") from None
        if not ok:
            raise value
        return value

    def _abandon_worker(self) -> None:
        """The old worker is busy with a query nobody waits for any more; it ends after it."""
        self._worker.close()
        self._worker = Worker()


def _mentions_outside_word(upper: str) -> bool:
    """Whether one of _OUTSIDE_WORDS occurs as a word in the upper-cased text. str.find rather than
    a regex: `\\b(?:SERVICE|...)\\b` with IGNORECASE tries every position and costs ~10 µs a query."""
    for word in _OUTSIDE_WORDS:
        start = upper.find(word)
        while start >= 0:
            end = start + len(word)
            if not (start and _word_char(upper[start - 1])) and not (end < len(upper) and _word_char(upper[end])):
                return True
            start = upper.find(word, end)
    return False


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"
