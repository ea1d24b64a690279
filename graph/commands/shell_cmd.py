"""`kg shell`: the interactive SPARQL shell, or a batch run with -e, -f or piped stdin."""

from __future__ import annotations

import sys

import click

from graph.commands.options import store_options
from graph.repl.executor import DEFAULT_TIMEOUT
from graph.repl.formatter import FORMATS


def shell_options(func):
    """Options shared by `kg shell` and `kg query`."""
    for option in reversed([
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                     help="Output format of SELECT results (CONSTRUCT and DESCRIBE print Turtle)."),
        click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT,
                     show_default=True, help="Stop a query after this many seconds."),
        click.option("--writable", is_flag=True, help="Open the store for writing and allow SPARQL UPDATE."),
        click.option("--allow-network", is_flag=True, help="Allow SERVICE, LOAD and FROM <remote or file IRI>."),
    ]):
        func = option(func)
    return store_options(func)


@click.command("shell")
@shell_options
@click.option("-e", "--execute", "statements", multiple=True, metavar="QUERY",
              help="Run QUERY (or a dot-command) and exit; repeatable.")
@click.option("-f", "--file", "script", type=click.Path(),
              help="Run the queries and dot-commands in a file and exit.")
def command(open_graph, fmt, timeout, writable, allow_network, statements, script):
    """Open the interactive SPARQL shell on the graph.

    Without a terminal (piped stdin, -e, -f) it runs the input, prints the results and exits
    with status 1 if anything failed.
    """
    from graph.repl.main import Shell
    from graph.repl.output import Printer
    from graph.textfile import read_stdin, read_text

    interactive = not statements and script is None and sys.stdin.isatty() and sys.stdout.isatty()
    with open_graph(writable=writable) as store:
        shell = Shell(store, printer=Printer(interactive=interactive, confirm=_confirm), fmt=fmt, timeout=timeout,
                      allow_network=allow_network, timing=interactive)
        if interactive:
            shell.run_interactive()
            return
        ok = True
        for statement in statements:
            ok &= shell.execute(statement)
        if script is not None:
            ok &= shell.run_script(read_text(script), source=script)
        if not statements and script is None:
            ok &= shell.run_script(read_stdin(), source="stdin")
    if not ok:
        sys.exit(1)


def _confirm(question: str) -> bool:
    from prompt_toolkit.shortcuts import confirm

    return confirm(question)
