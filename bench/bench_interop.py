"""Export/import throughput and query latency: embedded store, `kg serve`, and `--endpoint`.

    python bench/bench_interop.py [--quads 1000000] [--repeat 20] > interop.md   # a section of bench/RESULTS.md

On one synthetic graph in the project's shape (bench/gen_graph.py), in the same run:
  * `kg export` in every format: quads per second, file size, and the peak memory of the
    N-Quads export (it streams, so memory must stay flat whatever the graph size);
  * `kg import` of every export into a fresh store, and of the N-Quads export into an Oxigraph server;
  * latency of the shell's example queries on the embedded store, through `kg serve` over plain
    HTTP, and through `--endpoint` (RemoteStore, i.e. what every kg command does remotely).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pyoxigraph as ox

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from gen_graph import generate  # noqa: E402

from graph.interop.exchange import export, import_file  # noqa: E402
from graph.interop.formats import FORMATS  # noqa: E402
from graph.interop.server import base_url, free_port, server_command, start_server, stop_server  # noqa: E402
from graph.repl.examples import EXAMPLES  # noqa: E402
from graph.store import StoreError, open_store  # noqa: E402

KG = [sys.executable, "-m", "graph"]


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def build_store(path: Path, quads: int) -> int:
    with open_store(path, writable=True, create=True) as store:
        store.oxigraph.bulk_extend(generate(quads))
        return sum(1 for _ in store.oxigraph)


def bench_exports(store_path: Path, workdir: Path) -> list[dict]:
    rows = []
    with open_store(store_path) as store:
        for fmt in FORMATS.values():
            target = workdir / f"graph{fmt.extensions[0]}"
            with open(target, "wb") as stream:
                seconds, count = timed(lambda: export(store, stream, fmt))
            rows.append(dict(format=fmt.name, statements=count, seconds=seconds, size=target.stat().st_size, file=target))
    return rows


# Runs `kg` and prints its peak resident memory (VmHWM, kB) last on stderr. Not ru_maxrss: Linux
# carries the parent's high-water mark into a child across fork and exec, and this benchmark's
# own process holds the whole graph at one point.
_KG_WITH_PEAK_MEMORY = """
import atexit, re, sys
atexit.register(lambda: print(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1), file=sys.stderr))
from graph.cli import main
main(sys.argv[1:])
"""


def peak_memory_of_cli_export(store_path: Path, workdir: Path) -> float:
    """Peak resident memory (MB) of a `kg export --format nquads` process."""
    done = subprocess.run([sys.executable, "-c", _KG_WITH_PEAK_MEMORY, "export", "--store", str(store_path),
                           "-f", "nquads", "-o", str(workdir / "rss.nq")],
                          check=True, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(done.stderr.split()[-1]) / 1024


def bench_imports(exports: list[dict], workdir: Path) -> list[dict]:
    rows = []
    for row in exports:
        fmt = FORMATS[row["format"]]
        with open_store(workdir / f"import-{fmt.name}", writable=True, create=True) as store:
            seconds, (summary, _) = timed(lambda: import_file(store, row["file"], fmt))
        rows.append(dict(format=fmt.name, statements=summary.statements, seconds=seconds, target="embedded store"))
    return rows


def bench_remote_import(nquads: Path) -> dict:
    port = free_port()
    url = base_url("127.0.0.1", port)
    process = start_server(server_command(None, "127.0.0.1", port, writable=True, timeout=None), url,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with open_store(endpoint=url + "/query", update_endpoint=url + "/update", writable=True) as store:
            seconds, (summary, _) = timed(lambda: import_file(store, nquads, FORMATS["nquads"]))
    except StoreError as error:
        # e.g. Oxigraph caps one SPARQL Update request at 128 MiB: a limit worth reporting, not hiding
        return dict(format="nquads", statements=0, seconds=float("nan"), target=f"Oxigraph server (--endpoint): {error}")
    finally:
        stop_server(process)
    return dict(format="nquads", statements=summary.statements, seconds=seconds, target="Oxigraph server (--endpoint)")


def latencies(run, repeat: int) -> tuple[float, float, int]:
    """Median and 95th percentile in milliseconds, after one warm-up run."""
    rows = run()
    samples = []
    for _ in range(repeat):
        seconds, _ = timed(run)
        samples.append(seconds * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))], rows


def bench_queries(store_path: Path, repeat: int) -> list[dict]:
    port = free_port()
    serve = subprocess.Popen([*KG, "serve", "--store", str(store_path), "--port", str(port)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = base_url("127.0.0.1", port)
    try:
        while not serve.stderr.readline().startswith("Serving "):
            if serve.poll() is not None:
                raise RuntimeError("kg serve did not start")
        rows = []
        with open_store(store_path) as local, open_store(endpoint=url + "/query") as remote, httpx.Client(timeout=300) as http:
            for example in EXAMPLES:
                sparql = local.with_prefixes(example.sparql)

                def over_http():
                    response = http.post(url + "/query", data={"query": sparql},
                                         headers={"Accept": "application/sparql-results+json"})
                    response.raise_for_status()
                    return len(response.json()["results"]["bindings"])

                embedded = latencies(lambda: len(list(local.query(example.sparql))), repeat)
                http_only = latencies(over_http, repeat)
                endpoint = latencies(lambda: len(list(remote.query(example.sparql))), repeat)
                assert embedded[2] == http_only[2] == endpoint[2], f"{example.name}: back-ends disagree"
                rows.append(dict(name=example.name, rows=embedded[2], embedded=embedded, serve=http_only, endpoint=endpoint))
        return rows
    finally:
        serve.terminate()
        serve.wait(timeout=30)


def report(quads: int, build_seconds: float, exports, rss, imports, queries, repeat: int) -> str:
    lines = [
        "# Interop benchmarks: exports, imports, `kg serve` and `--endpoint`",
        "",
        f"Generated by `python bench/bench_interop.py --quads {quads}` on {platform.node() or 'this machine'} "
        f"({platform.processor() or platform.machine()}, Python {platform.python_version()}, pyoxigraph {ox.__version__}).",
        f"Graph: {quads:,} quads in the project's shape (bench/gen_graph.py), one named graph per article; "
        f"bulk-loaded in {build_seconds:.1f} s. Every number comes from the same run.",
        "",
        "## Export (`kg export`, embedded store, streamed)",
        "",
        "| format | statements | seconds | statements/s | file size |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [f"| {r['format']} | {r['statements']:,} | {r['seconds']:.2f} | {r['statements'] / r['seconds']:,.0f} | "
              f"{r['size'] / 1e6:.0f} MB |" for r in exports]
    lines += [
        "",
        f"Peak resident memory of a whole `kg export --format nquads` process: {rss:.0f} MB "
        "(the quads stream from the store to the file; nothing holds the whole graph).",
        "",
        "## Import (`kg import`: full syntax check, then an atomic load)",
        "",
        "| format | into | statements | seconds | statements/s |",
        "|---|---|---:|---:|---:|",
    ]
    lines += [f"| {r['format']} | {r['target']} | {r['statements']:,} | {r['seconds']:.2f} | "
              f"{r['statements'] / r['seconds'] if r['statements'] else 0:,.0f} |" for r in imports]
    lines += [
        "",
        f"## Query latency of the shell's example queries (ms, median / p95 of {repeat} runs after a warm-up)",
        "",
        "*embedded*: `GraphStore.query` on the local store. *kg serve*: an HTTP POST to `kg serve` "
        "(Oxigraph server on the same store), JSON results parsed. *--endpoint*: `RemoteStore.query` "
        "against that server, i.e. what `kg query --endpoint` does per query.",
        "",
        "| example | rows | embedded | kg serve (HTTP) | --endpoint |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [f"| {r['name']} | {r['rows']} | {r['embedded'][0]:.1f} / {r['embedded'][1]:.1f} | "
              f"{r['serve'][0]:.1f} / {r['serve'][1]:.1f} | {r['endpoint'][0]:.1f} / {r['endpoint'][1]:.1f} |"
              for r in queries]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-interop-") as tmp:
        workdir = Path(tmp)
        store_path = workdir / "store"
        build_seconds, quads = timed(lambda: build_store(store_path, args.quads))
        print(f"store: {quads:,} quads in {build_seconds:.1f} s", file=sys.stderr)
        exports = bench_exports(store_path, workdir)
        rss = peak_memory_of_cli_export(store_path, workdir)
        print("exports done", file=sys.stderr)
        nquads = next(r["file"] for r in exports if r["format"] == "nquads")
        imports = bench_imports(exports, workdir) + [bench_remote_import(nquads)]
        print("imports done", file=sys.stderr)
        queries = bench_queries(store_path, args.repeat)
    text = report(quads, build_seconds, exports, rss, imports, queries, args.repeat)
    print(text)


if __name__ == "__main__":
    main()
