"""The contract every store back-end honours."""

from __future__ import annotations

import abc
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.namespaces import META_GRAPH, sparql_prefixes

if TYPE_CHECKING:
    import pyoxigraph

    from graph.store.label_index import LabelIndex


class StoreError(Exception):
    """A problem the user can fix (missing store, locked store, unreachable endpoint...).

    The CLI prints it as one line, without a traceback.
    """


@dataclass
class ChangeSet:
    """One build's writes, applied all together or not at all.

    `articles` maps an article graph IRI to its new quads (each in that graph), or to None to drop it.
    `meta` holds quads for the meta graph; `meta_subjects` lists subjects whose meta description is
    replaced by the quads in `meta` (their old meta triples are deleted first). `cleanup` holds
    SPARQL Update operations run last, in the same transaction (e.g. dropping orphaned entities).
    """

    articles: dict[str, list[pyoxigraph.Quad] | None] = field(default_factory=dict)
    meta: list[pyoxigraph.Quad] = field(default_factory=list)
    meta_subjects: set[str] = field(default_factory=set)
    cleanup: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.articles or self.meta or self.meta_subjects or self.cleanup)

    def inserted(self) -> list[pyoxigraph.Quad]:
        return [q for quads in self.articles.values() if quads for q in quads] + self.meta

    def to_sparql_update(self) -> str:
        """The whole change as one SPARQL Update request, which both back-ends run atomically."""
        ops: list[str] = []
        for iri in self.articles:
            ops.append(f"DROP SILENT GRAPH <{iri}>")
        for subject in sorted(self.meta_subjects):
            ops.append(f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{subject}> ?p ?o }} }}")
        data = self.inserted()
        if data:
            ops.append("INSERT DATA {\n" + _graph_blocks(data) + "\n}")
        ops += self.cleanup
        return sparql_prefixes() + " ;\n".join(ops)


def _graph_blocks(quads) -> str:
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
    return "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())


class GraphStore(abc.ABC):
    """A quad store. Queries see the union of all named graphs as their default graph."""

    writable: bool
    location: str
    # Whether queries run inside this process, so that their cost depends only on the query and
    # the data, never on a network
    in_process: bool = False

    @abc.abstractmethod
    def query(self, sparql: str, *, timeout: float | None = None, prefixes: bool = True):
        """Run a SPARQL query; returns pyoxigraph QuerySolutions, QueryBoolean or QueryTriples.

        With `prefixes`, the project's prefixes (graph.namespaces.PREFIXES) are predeclared.
        """

    @abc.abstractmethod
    def apply(self, changes: ChangeSet) -> None:
        """Apply a ChangeSet atomically: after a crash, either all of it or none of it is visible."""

    @abc.abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL update (refused unless the store was opened writable)."""

    @abc.abstractmethod
    def dump(self, output, format: pyoxigraph.RdfFormat, graph: str | None = None) -> None:
        """Stream the dataset (or one named graph) to a binary file object."""

    @abc.abstractmethod
    def load(self, input, format: pyoxigraph.RdfFormat, graph: str | None = None) -> None:
        """Load RDF into the store atomically; `graph` puts triples into that named graph."""

    def load_file(self, path, format: pyoxigraph.RdfFormat, graph: str | None = None) -> None:
        """Load an RDF file atomically, as `load` does; back-ends with a faster path for whole files override this."""
        with open(path, "rb") as stream:
            self.load(stream, format, graph=graph)

    @abc.abstractmethod
    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs."""

    @abc.abstractmethod
    def quads(self, graph: str | None = None) -> Iterator[pyoxigraph.Quad]:
        """Streams the quads of every named graph (or of `graph`), for exports."""

    def label_index(self) -> LabelIndex | None:
        """The entity label index kept with the store, if the back-end keeps one."""
        return None

    def close(self) -> None:
        """Release the store."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _check_writable(self) -> None:
        if not self.writable:
            raise StoreError("the store is open read-only; this command needs --writable")

    @staticmethod
    def with_prefixes(sparql: str) -> str:
        return sparql_prefixes() + sparql
