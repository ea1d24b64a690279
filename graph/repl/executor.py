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

from graph import sparql_guard
from graph.errors import UserError
from graph.repl.handover import Worker
from graph.repl.syntax import diagnose

DEFAULT_TIMEOUT = 30.0
QUICK_SECONDS = 0.005
# Bounds the memory of quick texts; a session that runs more distinct quick texts starts over.
_QUICK_TEXTS_KEPT = 1024
_EVALUATION_ERRORS = (OSError, RuntimeError, ValueError)  # what the store raises for a bad query


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

    def call(self, job, argument):
        """job(argument) in the worker, under the --timeout and Ctrl-C handling of a query: for work
        that runs queries of its own (`kg viz` draws a page). Store errors become one-line UserErrors."""
        try:
            return self._in_worker(job, argument)
        except _EVALUATION_ERRORS as error:
            raise UserError(f"query failed: {error}") from None

    def guard(self, text: str) -> bool:
        """Refuse updates on a read-only store and anything that would reach outside the store.
        Returns whether the text is an update."""
        return sparql_guard.check(text, writable=getattr(self.store, "writable", False),
                                  allow_network=self.allow_network, local_graphs=self.local_graphs)

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

