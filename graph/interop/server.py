"""Running Oxigraph's own SPARQL server (the `oxigraph` binary from PyPI) on a store folder."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from graph.errors import UserError


def oxigraph_binary() -> str:
    """The `oxigraph` executable installed beside this Python (the `oxigraph` PyPI package), else on PATH."""
    beside_python = Path(sys.executable).parent / "oxigraph"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("oxigraph")
    if found is None:
        raise UserError("the `oxigraph` server binary is missing: pip install oxigraph==0.5.13")
    return found


def server_command(database: Path | None, host: str, port: int, *, writable: bool, timeout: float | None) -> list[str]:
    """The command line of an Oxigraph server whose queries see the union of all graphs, like `kg query`.

    `database` None gives a writable in-memory server (used by tests and benchmarks)."""
    command = [oxigraph_binary(), "serve" if writable else "serve-read-only"]
    if database is not None:
        command += ["--location", str(database)]
    command += ["--bind", f"{host}:{port}", "--union-default-graph"]
    if timeout:
        command += ["--timeout-s", str(max(1, round(timeout)))]
    return command


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def check_port_free(host: str, port: int) -> None:
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            raise UserError(f"cannot listen on {host}:{port}: {error.strerror}; pick another --port") from None


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

