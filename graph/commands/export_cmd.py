"""`kg export`: the graph as an RDF file, streamed from the store."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from graph.commands.options import store_options
from graph.errors import UserError
from graph.interop.formats import FORMATS, resolve_format


@click.command(
    help="""Write the graph in an RDF format, to -o FILE or to standard output.

\b
Lossless formats keep the named graphs (one per article, plus the meta graph),
so `kg import` restores the same dataset:
  trig, nquads, jsonld
Triple formats hold the flattened union of all graphs: which article a plain
edge came from is lost (claims keep it in prov:wasDerivedFrom):
  turtle, ntriples, rdfxml

Without --format, the format follows the extension of -o FILE (default: trig).
"""
)
@click.option("--format", "-f", "format_name", type=click.Choice(list(FORMATS)), help="RDF format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write [default: stdout].")
@click.option("--graph", "graph_name", metavar="ARTICLE", help="Only this article's graph: its id, file name, article:ID or IRI.")
@click.option("--ontology", is_flag=True, help="Include the ontology and SHACL shapes of ontology.ttl.")
@store_options
def command(format_name, output, graph_name, ontology, open_graph) -> None:
    from graph.interop.exchange import export, resolve_graph

    if format_name is None and (output is None or not output.suffix):
        format_name = "trig"
    fmt = resolve_format(format_name, output)
    with open_graph() as store:
        graph = resolve_graph(store, graph_name) if graph_name else None
        if output is None:
            count = export(store, sys.stdout.buffer, fmt, graph=graph, ontology=ontology)
            sys.stdout.buffer.flush()
        else:
            count = _export_to_file(store, output, fmt, graph, ontology)
    unit = "quads" if fmt.lossless else "triples"
    click.echo(f"Wrote {count} {unit} as {fmt.name}{f' to {output}' if output else ''}.", err=True)


def _export_to_file(store, output: Path, fmt, graph, ontology) -> int:
    from graph.interop.exchange import export

    # Written beside the target and renamed at the end: an interrupted export leaves no truncated file.
    directory = output.resolve().parent
    try:
        handle, partial = tempfile.mkstemp(dir=directory, prefix=f".{output.name}.", suffix=".partial")
    except FileNotFoundError:
        raise UserError(f"cannot write {output}: the folder {directory} does not exist") from None
    except OSError as error:
        raise UserError(f"cannot write {output} in {directory}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            count = export(store, stream, fmt, graph=graph, ontology=ontology)
        os.chmod(partial, 0o666 & ~_umask())  # mkstemp creates the file private
        os.replace(partial, output)
    except BaseException:
        os.unlink(partial)
        raise
    return count


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
