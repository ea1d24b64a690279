"""Exports and imports: the store's quads to and from RDF files, streamed.

Exports pull quads from the store lazily and write them with pyoxigraph's streaming serialisers,
so memory stays flat whatever the graph size. Imports are checked in full before anything is
written, then loaded all or nothing (`GraphStore.load_file`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph.errors import UserError
from graph.interop.formats import Format
from graph.namespaces import ARTICLE, BASE, KG, META_GRAPH, PREFIXES
from graph.provenance import expand_iri
from graph.store import GraphStore

ONTOLOGY_FILE = Path(__file__).resolve().parents[2] / "ontology.ttl"
# In dataset exports the ontology gets a graph of its own, named after the ontology.
ONTOLOGY_GRAPH = KG.rstrip("#")
IMPORT_GRAPHS = BASE + "graph/import/"


def resolve_graph(store: GraphStore, name: str) -> str:
    """An article's graph IRI from what a user types: its IRI, `article:ID`, its id or its file name."""
    if "://" in name:
        iri = name
    elif name.startswith("article:"):
        iri = ARTICLE + name.removeprefix("article:")
    elif name == "meta":
        iri = META_GRAPH
    else:
        iri = ARTICLE + Path(name).stem
    if iri not in store.named_graphs():
        raise UserError(f"no graph <{iri}> in {store.location}; `kg stats` lists the articles")
    return iri


def ontology_quads() -> Iterator[ox.Quad]:
    if not ONTOLOGY_FILE.exists():
        raise UserError(f"{ONTOLOGY_FILE} is missing: reinstall newsgraph from its source tree")
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    for quad in ox.parse(path=ONTOLOGY_FILE, format=ox.RdfFormat.TURTLE):
        yield ox.Quad(quad.subject, quad.predicate, quad.object, graph)


def export(store: GraphStore, output, fmt: Format, *, graph: str | None = None, ontology: bool = False) -> int:
    """Writes the dataset (or one graph) to a binary file object; returns the number of statements."""
    quads: Iterable[ox.Quad] = store.quads(graph)
    if ontology:
        quads = itertools.chain(quads, ontology_quads())
    written = 0

    def counted(statements):
        nonlocal written
        for statement in statements:
            written += 1
            yield statement

    if not fmt.lossless:
        # Triple formats flatten the union of the graphs.
        quads = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    ox.serialize(counted(quads), output, fmt.rdf, prefixes=PREFIXES)
    return written


@dataclass
class FileSummary:
    """What an RDF file holds, found by parsing it in full."""

    statements: int = 0
    graphs: set[str] = field(default_factory=set)
    has_default_graph: bool = False


def check_file(path: Path, fmt: Format) -> FileSummary:
    """Parses the whole file; a syntax error becomes one line naming the file, line and column."""
    summary = FileSummary()
    try:
        for quad in ox.parse(path=path, format=fmt.rdf):
            summary.statements += 1
            if isinstance(quad.graph_name, ox.DefaultGraph):
                summary.has_default_graph = True
            else:
                summary.graphs.add(str(quad.graph_name.value))
    except SyntaxError as error:
        raise UserError(syntax_error_message(path, fmt, error)) from None
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror or error}") from None
    return summary


def syntax_error_message(path: Path, fmt: Format, error: SyntaxError) -> str:
    message = re.sub(r"^Parser error (at|between) [^:]*: ", "", str(error.msg)).splitlines()[0]
    line, column = error.lineno, error.offset
    if line is None and fmt.name == "rdfxml":
        line, column = _xml_error_position(path)
    if line is None:
        return f"{path}: malformed {fmt.name}: {message}"
    return f"{path}:{line}:{column}: malformed {fmt.name}: {message}"


def _xml_error_position(path: Path) -> tuple[int | None, int | None]:
    """Oxigraph's RDF/XML errors carry no position; expat finds where the XML itself breaks."""
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    try:
        with open(path, "rb") as stream:
            parser.ParseFile(stream)
    except xml.parsers.expat.ExpatError as error:
        return error.lineno, error.offset + 1
    # well-formed XML that is not valid RDF/XML: report where parsing stopped
    return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1


def import_file(store: GraphStore, path: Path, fmt: Format, graph: str | None = None) -> tuple[FileSummary, list[str]]:
    """Loads an RDF file into graphs of its own; returns what it held and the graphs it filled.

    Triples (and, in a dataset file, the triples outside any named graph) go to `graph`, by default
    a graph named after the file. The named graphs of a dataset file keep their names. Nothing
    that already exists is touched: a graph the store already has is refused.
    """
    # `article:x` and `<IRI>` as `kg export --graph` and the queries read them
    graph = (expand_iri(graph.strip()) or graph) if graph else None
    target = graph or IMPORT_GRAPHS + _slug(path.stem)
    try:
        ox.NamedNode(target)
    except ValueError as error:
        raise UserError(f"--graph {target!r} is not a valid IRI: {error}") from None
    if graph and _reserved(graph):
        raise UserError(f"--graph <{graph}> is reserved for extracted claims; imports go to graphs of their own")
    summary = check_file(path, fmt)
    if summary.statements == 0:
        raise UserError(f"{path}: no RDF statements to import")
    filled = sorted(summary.graphs | ({target} if summary.has_default_graph else set()))
    existing = set(store.named_graphs())
    taken = sorted(set(filled) & existing)
    if taken:
        which = f"graphs <{taken[0]}> and {len(taken) - 1} more already exist" if len(taken) > 1 else (
            f"graph <{taken[0]}> already exists")
        raise UserError(
            f"{path}: {which} in {store.location}; "
            "imports never overwrite a graph (pick another --graph, or import into a fresh --store)"
        )
    # A `kg export` restores into an empty store only: elsewhere its article graphs would pass for
    # articles that no build wrote.
    reserved = [name for name in sorted(summary.graphs) if _reserved(name)]
    if reserved and existing:
        raise UserError(
            f"{path}: graph <{reserved[0]}> is reserved for extracted claims; a dataset with article graphs "
            "imports into an empty --store only"
        )
    store.load_file(path, fmt.rdf, graph=target)
    return summary, filled


def _reserved(graph: str) -> bool:
    return graph == META_GRAPH or graph.startswith(ARTICLE)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "file"
