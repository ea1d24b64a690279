"""`kg serve`: the embedded store as a SPARQL 1.1 Protocol endpoint, served by Oxigraph's own server."""

from __future__ import annotations

import signal
import threading

import click

from graph.commands.options import allow_network_option, store_options
from graph.errors import UserError
from graph.interop.server import (
    SparqlGate, base_url, free_port, server_command, start_server, stop_server,
)
from graph.store.local import LocalStore


@click.command(
    help="""Serve the graph as a SPARQL 1.1 endpoint (Oxigraph's HTTP server on the embedded store).

\b
  Queries:  GET or POST http://HOST:PORT/query   (the default graph is the union of all graphs)
  Updates:  POST http://HOST:PORT/update         (only with --writable)
  Graphs:   http://HOST:PORT/store?graph=IRI     (Graph Store Protocol; writes only with --writable)

Results are content-negotiated with the Accept header: SPARQL JSON, XML, CSV or TSV for SELECT
and ASK; Turtle, N-Triples or RDF/XML for CONSTRUCT and DESCRIBE. A read-only server shares the
store with other readers (the shell, `kg query`); --writable needs it to itself.

As in `kg query`, SERVICE, LOAD and FROM of an IRI that is not a graph of the store are refused
(HTTP 400) unless the server runs with --allow-network.
"""
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; the default accepts local clients only.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535), help="TCP port.")
@click.option("--writable", is_flag=True, help="Accept SPARQL updates and Graph Store Protocol writes.")
@click.option("--timeout", default=60, show_default=True, type=click.IntRange(1), metavar="SECONDS", help="Per-query time limit.")
@click.option("--cors", is_flag=True, help="Allow cross-origin requests from web pages.")
@allow_network_option
@store_options
def command(host: str, port: int, writable: bool, timeout: int, cors: bool, allow_network: bool, open_graph) -> None:
    store = open_graph(writable=writable, create=writable)
    try:
        if not isinstance(store, LocalStore):
            raise UserError(f"kg serve serves the embedded store; {store.location} is already a SPARQL endpoint")
        # Oxigraph listens on a private port behind the gate, which guards every query (SparqlGate).
        backend_port = free_port()
        backend = base_url("127.0.0.1", backend_port)
        gate = SparqlGate(host, port, backend, writable=writable, allow_network=allow_network)
        # The lock stays held while the server runs: shared when read-only, exclusive with --writable.
        database = store.release_database()
        command_line = server_command(database, "127.0.0.1", backend_port, writable=writable, timeout=timeout,
                                      union_default_graph=False)
        if cors:
            command_line.append("--cors")
        try:
            process = start_server(command_line, backend)
        except BaseException:
            gate.server_close()
            raise
        threading.Thread(target=gate.serve_forever, name="kg-serve-gate", daemon=True).start()
        url = base_url(host, port)
        mode = "read-write" if writable else "read-only"
        click.echo(f"Serving {store.location} ({mode}) at {url}/query — Ctrl-C to stop.", err=True)
        # Forward SIGTERM to the server; the wait below then returns and we clean up normally.
        signal.signal(signal.SIGTERM, lambda *_: process.terminate())
        try:
            process.wait()
        except KeyboardInterrupt:
            pass
        finally:
            gate.shutdown()
            gate.server_close()
            stop_server(process)
    finally:
        store.close()
