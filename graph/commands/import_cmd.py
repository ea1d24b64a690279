"""`kg import`: RDF from elsewhere, into named graphs of its own."""

from __future__ import annotations

from pathlib import Path

import click

from graph.commands.options import store_options
from graph.interop.formats import FORMATS, resolve_format


@click.command(
    help="""Load RDF from FILE into a named graph of its own (a Wikidata extract, another tool's export...).

Triples go to the graph given by --graph, by default
https://w3id.org/newsgraph/graph/import/<file name>. The named graphs of a TriG,
N-Quads or JSON-LD file keep their names, so importing a `kg export` into a fresh
store restores the same dataset.

An import never touches existing data: a graph the store already holds is refused.
The file is checked in full first, so a malformed file loads nothing.
"""
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--graph", metavar="IRI", help="Named graph for the file's triples.")
@click.option("--format", "-f", "format_name", type=click.Choice(list(FORMATS)), help="RDF format [default: from the extension].")
@store_options
def command(file: Path, graph, format_name, open_graph) -> None:
    from graph.interop.exchange import import_file

    fmt = resolve_format(format_name, file)
    with open_graph(writable=True, create=True) as store:
        summary, graphs = import_file(store, file, fmt, graph)
    where = f"<{graphs[0]}>" if len(graphs) == 1 else f"{len(graphs)} graphs"
    click.echo(f"Imported {summary.statements} statements from {file} into {where}.", err=True)
