"""The `kg` command. Each verb lives in its own module under graph/commands and is imported only
when it runs, so `kg shell` starts without loading spaCy."""

from __future__ import annotations

import importlib
import sys

import click

from graph import __version__
from graph.errors import UserError
from graph.store.base import StoreError

COMMANDS = {
    "build": "Extract claims from articles and write them to the store.",
    "query": "Run a SPARQL query and print the results.",
    "shell": "Open the interactive SPARQL shell.",
    "stats": "Count entities per class, claims per relation and per article.",
    "why": "Show the claims that support SUBJECT RELATION OBJECT.",
    "retract": "Drop one article's claims and edges.",
    "validate": "Check the graph against the SHACL shapes of ontology.ttl.",
    "eval": "Score the graph against an annotated gold file.",
    "viz": "Write the graph as a self-contained HTML network.",
    "export": "Write the graph in an RDF format.",
    "import": "Load RDF from a file into a named graph of its own.",
    "serve": "Serve the graph as a SPARQL 1.1 endpoint.",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module = importlib.import_module(f"graph.commands.{name.replace('-', '_')}_cmd")
        return module.command

    def format_commands(self, ctx, formatter):
        rows = [(name, help_text) for name, help_text in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli():
    """newsgraph: a knowledge graph of the AI industry, built from French news.

    Every fact in the graph points back to the article and sentence it came from.
    """


def main(argv: list[str] | None = None) -> None:
    try:
        # Without standalone mode, click hands back the code of a `ctx.exit(code)` instead of exiting.
        status = cli.main(args=argv, prog_name="kg", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as error:
        if _names_a_file(error):
            # A missing file is bad input like any other: one line, as the commands that check files themselves.
            click.echo(f"kg: error: {error.format_message()}", err=True)
            sys.exit(1)
        error.show()
        sys.exit(error.exit_code)
    except (UserError, StoreError) as error:
        click.echo(f"kg: error: {error}", err=True)
        sys.exit(getattr(error, "exit_code", 1))
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    if isinstance(status, int) and status:
        sys.exit(status)


def _names_a_file(error: click.ClickException) -> bool:
    """Whether click refused a file argument or option (click.Path(exists=True), click.File)."""
    param = getattr(error, "param", None)
    return isinstance(error, click.BadParameter) and isinstance(getattr(param, "type", None), (click.Path, click.File))


if __name__ == "__main__":
    main()
