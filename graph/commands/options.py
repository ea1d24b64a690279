"""Options shared by every command that reads or writes the graph."""

from __future__ import annotations

import functools

import click

from graph.store import GraphStore, open_store


# The switch of every command that runs the user's SPARQL: graph.sparql_guard refuses these without it.
allow_network_option = click.option(
    "--allow-network", is_flag=True, help="Allow SERVICE, LOAD and FROM <remote or file IRI>.")


def store_options(func):
    """Adds --store, --endpoint and --update-endpoint, and passes `open_graph(writable=...)`."""

    @click.option(
        "--store",
        type=click.Path(file_okay=False),
        envvar="KG_STORE",
        help="Folder of the embedded store [default: $KG_STORE or ~/.local/share/newsgraph/store].",
    )
    @click.option("--endpoint", metavar="URL", envvar="KG_ENDPOINT", help="Use a SPARQL 1.1 query endpoint instead of the embedded store.")
    @click.option("--update-endpoint", metavar="URL", envvar="KG_UPDATE_ENDPOINT", help="The SPARQL 1.1 update endpoint that goes with --endpoint.")
    @functools.wraps(func)
    def wrapper(*args, store, endpoint, update_endpoint, **kwargs):
        def open_graph(writable: bool = False, create: bool = False) -> GraphStore:
            return open_store(
                store, writable=writable, create=create, endpoint=endpoint, update_endpoint=update_endpoint
            )

        return func(*args, open_graph=open_graph, **kwargs)

    return wrapper
