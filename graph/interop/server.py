"""Running Oxigraph's own SPARQL server (the `oxigraph` binary from PyPI) on a store folder."""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import httpx

from graph import sparql_guard
from graph.errors import UserError

# Headers about one connection, not the message: never passed on (the body is re-framed).
_HOP_BY_HOP = frozenset((
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding",
    "upgrade", "host", "content-length", "expect",
))
# Request parameters of the SPARQL Protocol that name the dataset themselves.
_DATASET_PARAMETERS = frozenset((
    "default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri", "union-default-graph",
))
_UNION_SWITCH = ("union-default-graph", "")


def oxigraph_binary() -> str:
    """The `oxigraph` executable installed beside this Python (the `oxigraph` PyPI package), else on PATH."""
    beside_python = Path(sys.executable).parent / "oxigraph"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("oxigraph")
    if found is None:
        raise UserError("the `oxigraph` server binary is missing: pip install oxigraph==0.5.13")
    return found


def server_command(database: Path | None, host: str, port: int, *, writable: bool, timeout: float | None,
                   union_default_graph: bool = True) -> list[str]:
    """The command line of an Oxigraph server whose queries see the union of all graphs, like `kg query`.

    Oxigraph's `--union-default-graph` also overrides a query's FROM; without it, the union is
    asked for request by request (SparqlGate does). `database` None gives a writable in-memory
    server (used by tests and benchmarks)."""
    command = [oxigraph_binary(), "serve" if writable else "serve-read-only"]
    if database is not None:
        command += ["--location", str(database)]
    command += ["--bind", f"{host}:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    if timeout:
        command += ["--timeout-s", str(max(1, round(timeout)))]
    return command


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def base_url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def start_server(command: list[str], url: str, *, wait: float = 30.0, **popen) -> subprocess.Popen:
    """Starts the server and returns once it answers SPARQL queries at `url`/query."""
    process = subprocess.Popen(command, **popen)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise UserError(f"the SPARQL server stopped at start-up (exit code {process.returncode})")
        try:
            if httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1).is_success:
                return process
        except httpx.TransportError:
            time.sleep(0.05)
    stop_server(process)
    raise UserError(f"the SPARQL server did not answer at {url} within {wait:g} s")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()



class SparqlGate(http.server.ThreadingHTTPServer):
    """`kg serve`'s front door: passes every request on to the Oxigraph server at `backend`, once
    graph.sparql_guard has let its query or update through, as `kg query` and the shell do.

    Oxigraph would run SERVICE and LOAD for any client. Queries see the union of all graphs
    unless they name their own dataset (FROM, FROM NAMED, or the protocol's graph parameters)."""

    daemon_threads = True

    def __init__(self, host: str, port: int, backend: str, *, writable: bool, allow_network: bool):
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        try:
            super().__init__((host, port), _GateHandler)
        except OSError as error:
            raise UserError(f"cannot listen on {host}:{port}: {error.strerror}; pick another --port") from None
        self.backend = backend
        self.writable = writable
        self.allow_network = allow_network
        self.client = httpx.Client(timeout=None)  # the backend applies kg serve --timeout itself

    def admit(self, params: list[tuple[str, str]], content_type: str, body: bytes) -> list[tuple[str, str]]:
        """The request's URL parameters to pass on, with the union switch added when its query or
        update leaves the dataset to the server; raises QueryRefused."""
        media_type = content_type.split(";")[0].strip().lower()
        fields = dict(params)
        if media_type == "application/x-www-form-urlencoded":
            fields.update(urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        elif media_type == "application/sparql-query":
            fields["query"] = body.decode("utf-8", "replace")
        elif media_type == "application/sparql-update":
            fields["update"] = body.decode("utf-8", "replace")
        query, update = fields.get("query"), fields.get("update")
        for text in (query, update):
            if text is not None:
                sparql_guard.check(text, writable=self.writable, allow_network=self.allow_network,
                                   local_graphs=self.local_graphs)
        names_dataset = not _DATASET_PARAMETERS.isdisjoint(fields) or (
            query is not None and sparql_guard.has_dataset_clause(query))
        if (query is not None or update is not None) and not names_dataset:
            return [*params, _UNION_SWITCH]
        return params

    def local_graphs(self) -> set[str]:
        response = self.client.post(
            self.backend + "/query", data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"},
            headers={"Accept": "application/sparql-results+json"},
        )
        response.raise_for_status()
        return {row["g"]["value"] for row in response.json()["results"]["bindings"]}

    def server_close(self) -> None:
        super().server_close()
        self.client.close()


class _GateHandler(http.server.BaseHTTPRequestHandler):
    server: SparqlGate
    # Oxigraph streams results in many small chunks: passed on one write each, a 600-row answer
    # took twice as long.
    wbufsize = 1 << 16

    def forward(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qsl(url.query, keep_blank_values=True)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = [(name, value) for name, value in self.headers.items() if name.lower() not in _HOP_BY_HOP]
        client = self.server.client
        try:
            params = self.server.admit(params, self.headers.get("Content-Type", ""), body)
            request = client.build_request(self.command, self.server.backend + url.path, params=params,
                                           content=body, headers=headers)
            response = client.send(request, stream=True)
        except sparql_guard.QueryRefused as refusal:
            self.refuse(str(refusal))
            return
        except httpx.HTTPError as error:
            self.send_error(502, f"the Oxigraph server did not answer: {error}")
            return
        try:
            self.send_response_only(response.status_code, response.reason_phrase)
            for name, value in response.headers.multi_items():
                if name.lower() not in _HOP_BY_HOP or name.lower() == "content-length":
                    self.send_header(name, value)
            self.end_headers()
            for chunk in response.iter_raw():
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client went away
        finally:
            response.close()

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = forward

    def refuse(self, message: str) -> None:
        data = (message + "\n").encode()
        self.send_response(400)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args) -> None:
        pass  # Oxigraph's server logs nothing per request either
