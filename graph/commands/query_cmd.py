"""`kg query`: run one SPARQL query and print the results (the shell's batch path)."""

from __future__ import annotations

import click

from graph.commands.shell_cmd import shell_options
from graph.errors import UserError


@click.command("query")
@shell_options
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(), help="Read the query from a file.")
def command(open_graph, fmt, timeout, writable, allow_network, sparql, query_file):
    """Run the SPARQL query SPARQL (or the one in -f FILE, or on stdin) and print the results.

    Prefixes kg:, e:, rdf:, rdfs:, prov:, schema:, dct:, skos:, owl:, xsd:, wd: are predeclared and
    the query sees the union of all graphs.
    """
    from graph.repl.main import Shell
    from graph.repl.output import Printer
    from graph.textfile import read_stdin, read_text

    if sparql and query_file:
        raise UserError("give the query either as an argument or with -f, not both")
    if query_file is not None:
        text = read_text(query_file)
    elif sparql:
        text = sparql
    else:
        text = read_stdin()
    if not text.strip():
        raise UserError("no query given: kg query 'SELECT ...' or kg query -f FILE.rq")
    with open_graph(writable=writable) as store:
        shell = Shell(store, printer=Printer(), fmt=fmt, timeout=timeout, allow_network=allow_network, timing=False)
        shell.run_query(text)
