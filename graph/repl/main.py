"""The shell's orchestrator (litecli's `main.py` without the click part): runs queries and
dot-commands, prints results, and drives the prompt loop when there is a terminal."""

from __future__ import annotations

import difflib
import re
import signal
from collections.abc import Mapping

from graph.errors import UserError
from graph.namespaces import PREFIXES
from graph import sparql_text
from graph.repl.executor import DEFAULT_TIMEOUT, Executor, QueryCancelled, QuerySyntaxError
from graph.repl.formatter import HUMAN_FORMATS, footer, render
from graph.repl.index import CompletionIndex, CompletionRefresher, compact
from graph.repl.output import Printer
from graph.store.base import StoreError

_TERM = re.compile(r"""^(<[^<>\s]*>|[A-Za-z][\w-]*:[\w.%-]*|".*"(@[\w-]+|\^\^\S+)?|'.*'|[+-]?\d+(\.\d+)?|true|false)$""",
                   re.DOTALL)
# The words that start a query in a script (updates too start with PREFIX).
_STATEMENT_STARTS = ("PREFIX", "BASE", *sparql_text.QUERY_FORMS)


class Shell:
    def __init__(self, store, *, printer: Printer | None = None, fmt: str = "table",
                 timeout: float | None = DEFAULT_TIMEOUT, allow_network: bool = False, timing: bool = True):
        from graph.repl import config
        from graph.repl.saved import SavedQueries

        self.store = store
        self.printer = printer or Printer()
        self.executor = Executor(store, timeout=timeout, allow_network=allow_network)
        self.format = fmt
        self.timing = timing
        self.saved = SavedQueries(config.saved_queries_dir())
        self.index = CompletionIndex()
        self.index_ready = False
        self.refresher = CompletionRefresher(store, self._set_index)
        self.last_query: str | None = None
        self.running = True

    # -- the completion index -------------------------------------------------------------------

    def _set_index(self, index: CompletionIndex) -> None:
        self.index = index
        self.index_ready = True

    def ensure_index(self) -> CompletionIndex:
        """The index, built now if the background refresher has not delivered it yet."""
        if not self.index_ready:
            self._set_index(CompletionIndex.build(self.store))
        return self.index

    # -- running things -------------------------------------------------------------------------

    def execute(self, text: str, where: tuple[str, int] | None = None) -> bool:
        """Run one query or dot-command; print errors as one line. True when it succeeded.

        `where` is the (file, line) a script's statement starts at: its errors then start with
        FILE:LINE, and a syntax error with FILE:LINE:COLUMN counted in the file."""
        from graph.repl import special

        text = text.strip()
        if not text:
            return True
        try:
            if text.startswith("."):
                special.execute(self, text)
            else:
                self.run_query(text)
        except (UserError, StoreError) as error:
            self.printer.error(f"kg: error: {_located(error, where)}")
            return False
        except KeyboardInterrupt:
            self.printer.error(f"kg: error: {_located(QueryCancelled('interrupted'), where)}")
            return False
        return True

    def run_query(self, text: str, names: tuple[str, ...] = ()) -> None:
        """`names`: the values given to `.run`; those that name no entity get a hint on an empty result."""
        result = self.executor.run(text)
        self.last_query = text
        labels = self._labels(result) if self.format in HUMAN_FORMATS else {}
        if not self.printer.result(render(result, self.format, labels), rows=len(result)):
            return
        if self.timing and self.format in HUMAN_FORMATS and self.printer.to_terminal:
            self.printer.info(footer(result))
        if (result.kind == "select" and not result.rows) or result.boolean is False:
            for hint in self.empty_result_hints(text) + self.unknown_name_hints(names):
                self.printer.info(hint)

    def run_script(self, text: str, source: str = "input") -> bool:
        """Run a sequence of queries and dot-commands (stdin, -f, .read): a dot-command is one line,
        a query ends where it becomes complete. A query that does not parse ends where the next
        query or dot-command starts. As psql and sqlite3 do, a failed statement is
        reported (SOURCE:LINE) and the script goes on with the next one. False if anything failed."""
        from graph.repl.buffer import is_complete

        ok = True
        pending: list[str] = []
        start = 0
        for number, line in enumerate(text.splitlines(), start=1):
            if pending and _starts_next_statement(pending, line):
                ok &= self.execute("\n".join(pending), (source, start))
                pending = []
            if not pending and line.strip().startswith("."):
                ok &= self.execute(line, (source, number))
            elif pending or line.strip() and not line.strip().startswith("#"):
                if not pending:
                    start = number
                pending.append(line)
                if is_complete("\n".join(pending)):
                    ok &= self.execute("\n".join(pending), (source, start))
                    pending = []
            if not self.running:
                break
        if pending and self.running:
            ok &= self.execute("\n".join(pending), (source, start))
        return ok

    def table(self, rows, headers, *, empty: str = "(no rows)") -> None:
        from tabulate import tabulate

        if not rows:
            self.printer.info(empty)
            return
        self.printer.result(tabulate(rows, headers=headers, tablefmt="psql", disable_numparse=True) + "\n",
                            rows=len(rows))

    def term(self, value: str) -> str:
        """A parameter value as a SPARQL term: terms pass through, an entity name becomes its IRI,
        anything else a string literal."""
        if _TERM.match(value):
            return value
        return self._entity_named(value) or '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def _entity_named(self, name: str) -> str | None:
        matches = self.ensure_index().find_entities(name, limit=2)
        return matches[0].name if matches and matches[0].label.casefold() == name.casefold() else None

    # -- hints ----------------------------------------------------------------------------------

    def unknown_name_hints(self, names: tuple[str, ...]) -> list[str]:
        """For each `.run` value read as a string because no entity has that name, a hint naming
        the closest entity label."""
        hints = []
        for name in names:
            if _TERM.match(name) or self._entity_named(name):
                continue
            labels = {label.casefold(): label for label in self.ensure_index().labels.values()}
            close = difflib.get_close_matches(name.casefold(), list(labels), n=1, cutoff=0.6)
            hints.append(f"no entity is named {name!r}, so it was matched as a string"
                         + (f"; did you mean {labels[close[0]]!r}?" if close else ""))
        return hints

    def _labels(self, result) -> Mapping[str, str]:
        if self.index_ready:
            return self.index.labels
        iris = {term.value for row in result.rows for term in row if term is not None and _is_iri(term)}
        if not iris or len(iris) > 10_000:
            return {}
        values = " ".join(f"<{iri}>" for iri in iris)
        rows = self.store.query(f"SELECT ?e ?l WHERE {{ VALUES ?e {{ {values} }} ?e rdfs:label ?l }}")
        return {row["e"].value: row["l"].value for row in rows}

    def empty_result_hints(self, text: str) -> list[str]:
        """For each IRI of the query that occurs nowhere in the graph, a hint naming a close one."""
        hints = []
        seen = set()
        for token, iri in sparql_text.iris_used(text):
            if iri in seen:
                continue
            seen.add(iri)
            if self._occurs(iri):
                continue
            written = token.text
            close = self._closest(iri)
            hints.append(f"{written} does not occur in the graph" + (f"; did you mean {close}?" if close else ""))
        return hints

    def _occurs(self, iri: str) -> bool:
        return bool(self.store.query(
            f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s <{iri}> ?o }} UNION {{ ?s ?p <{iri}> }} }}"))

    def _closest(self, iri: str) -> str | None:
        index = self.ensure_index()
        namespace = next((ns for ns in sorted(PREFIXES.values(), key=len, reverse=True) if iri.startswith(ns)), None)
        if namespace is None:
            return None
        known = index.known_iris()
        locals_ = {candidate[len(namespace):]: candidate for candidate in known if candidate.startswith(namespace)}
        probe = iri[len(namespace):]
        starts = sorted((name for name in locals_ if name.startswith(probe)), key=len) if probe else []
        best = starts[:1] or difflib.get_close_matches(probe, list(locals_), n=1, cutoff=0.6)
        return compact(locals_[best[0]]) if best else None

    # -- the interactive loop -------------------------------------------------------------------

    def run_interactive(self, **session_options) -> None:
        """The prompt loop; call only when stdin and stdout are terminals (tests pass pipe input)."""
        from graph.repl.prompt import build_session

        session = build_session(self, **session_options)
        # Started from a job that ignores SIGINT (`cmd &` in a script), Ctrl-C would not stop a query.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        self.refresher.refresh()  # in the background, after the prompt's own set-up
        self.printer.info(f"kg shell on {self.store.location} ({'writable' if self.store.writable else 'read-only'})"
                          " · .help for commands · Ctrl-D to leave")
        while self.running:
            try:
                text = session.prompt()
            except KeyboardInterrupt:
                continue
            except EOFError:
                break
            self.execute(text)
        self.printer.close()


def _starts_next_statement(pending: list[str], line: str) -> bool:
    """Whether `line` ends `pending`, a query that does not parse: a dot-command, or the PREFIX or
    query form of a new query does, once `pending` has balanced brackets and goes beyond its own
    PREFIX lines. A blank line does not ("SELECT ?x", blank, "WHERE {...}" is one query), nor do
    INSERT and DELETE (an update's DELETE is followed by its INSERT), nor anything after the `;`
    that joins two updates."""
    stripped = line.strip()
    if not (stripped.startswith(".") or stripped.upper().startswith(_STATEMENT_STARTS)):
        return False
    text = "\n".join(pending)
    return (sparql_text.operation(text) is not None and not text.rstrip().endswith(";")
            and sparql_text.brackets_balanced(text))


def _located(error: Exception, where: tuple[str, int] | None) -> str:
    """The error message, placed in its script: FILE:LINE, or FILE:LINE:COLUMN for a syntax error."""
    if where is None:
        return str(error)
    source, line = where
    if isinstance(error, QuerySyntaxError):
        problem = error.problem
        return f"{source}:{line + problem.line - 1}:{problem.column}: syntax error: {problem.message}"
    return f"{source}:{line}: {error}"


def _is_iri(term) -> bool:
    import pyoxigraph

    return isinstance(term, pyoxigraph.NamedNode)
