"""Shell benchmarks: time to the prompt, `.examples` through the shell's execution path against raw
pyoxigraph on the same store, and completing an entity by label.

    .venv/bin/python bench/bench_shell.py [--store PATH ...] [--rounds N] [--examples-only]
    (default: builds seeds/ into a temp store)
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def time_to_prompt(store: Path, runs: int = 7) -> list[float]:
    """Seconds from exec to `kg>` on a pseudo-terminal (the shell only prompts on a TTY)."""
    timings = []
    env = dict(os.environ, PAGER="cat")
    for _ in range(runs):
        main, child = pty.openpty()
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, str(REPO / "shell.py"), "--store", str(store)],
                                   stdin=child, stdout=child, stderr=child, env=env, close_fds=True)
        os.close(child)
        seen = b""
        while b"kg>" not in seen:
            ready, _, _ = select.select([main], [], [], 10)
            if not ready:
                raise RuntimeError(f"no prompt; the shell printed {seen!r}")
            seen += os.read(main, 65536)
        timings.append(time.perf_counter() - started)
        os.write(main, b"\x04")
        process.wait(timeout=10)
        os.close(main)
    return timings


def heavy_modules_at_startup() -> list[str]:
    """Heavy packages imported by loading everything the interactive shell needs."""
    code = ("import sys, graph.cli, graph.commands.shell_cmd, graph.repl.main, graph.repl.prompt, graph.repl.special; "
            "print(' '.join(m for m in ('spacy', 'rdflib', 'pyshacl', 'networkx', 'pyvis') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True).stdout
    return out.split()


def example_latencies(store_path: Path, rounds: int) -> list[tuple]:
    """Per example: raw pyoxigraph's median (µs), then the shell's execution path twice, each as its
    median (µs) and the median of the per-round ratios to the raw run beside it (which cancels slow
    swings of the machine's load): on the same text every round, which after the first run is a
    quick text that skips the hand-over to the worker, and on a new text every round (the same query
    with a different comment), which always takes the worker. Last, the two per-query costs the
    interactive shell adds around the execution path: the syntax check on Enter and drawing the
    table. The runs of a round go in turn, in an order that rotates, so that load drift hits all
    alike."""
    from graph.namespaces import PREFIXES
    from graph.repl.buffer import is_complete
    from graph.repl.examples import EXAMPLES
    from graph.repl.executor import Executor
    from graph.repl.formatter import render
    from graph.repl.index import CompletionIndex
    from graph.repl.syntax import check
    from graph.store import open_store

    rows = []
    with open_store(store_path) as store:
        shell = Executor(store).run
        raw_store = store.oxigraph
        labels = CompletionIndex.build(store).labels  # built once per session by the refresher

        def raw(sparql):
            return list(raw_store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True))

        for example in EXAMPLES:
            same = example.sparql
            shell(same)  # its first run, which makes it a quick text
            runs = {"raw": (raw, same), "shell": (shell, same), "raw new": (raw, None), "shell new": (shell, None)}
            timings = {name: [] for name in runs}
            order = list(runs)
            for round_ in range(rounds):
                new = f"# round {round_}\n{same}"
                for name in order[round_ % 4:] + order[:round_ % 4]:
                    run, text = runs[name]
                    text = text or new
                    started = time.perf_counter()
                    run(text)
                    timings[name].append(time.perf_counter() - started)
            enter = []
            for _ in range(max(rounds // 10, 5)):
                check.cache_clear()  # each Enter on a new text parses it once
                started = time.perf_counter()
                is_complete(same)
                enter.append(time.perf_counter() - started)
            result = shell(same)
            drawing = []
            for _ in range(max(rounds // 10, 5)):
                started = time.perf_counter()
                render(result, "table", labels)
                drawing.append(time.perf_counter() - started)

            def paired(ours, theirs):
                return statistics.median(a / b for a, b in zip(timings[ours], timings[theirs]))

            rows.append((example.name, statistics.median(timings["raw"]) * 1e6,
                         statistics.median(timings["shell"]) * 1e6, paired("shell", "raw"),
                         statistics.median(timings["shell new"]) * 1e6, paired("shell new", "raw new"),
                         statistics.median(enter) * 1e6, statistics.median(drawing) * 1e6))
    return rows


def completion_latencies(store_path: Path) -> list[float]:
    """Seconds per completion of a partial entity name in object position, through the completer."""
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document

    from graph.repl.completer import KgCompleter
    from graph.repl.index import CompletionIndex
    from graph.store import open_store

    with open_store(store_path) as store:
        index = CompletionIndex.build(store)
    completer = KgCompleter(index=lambda: index, specials={}, arg_kinds={})
    probes = [entry.label[:n] for entry in index.entities for n in (1, 2, 4)] * 5
    timings = []
    for probe in probes:
        text = f"SELECT * WHERE {{ ?s kg:investedIn {probe}"
        started = time.perf_counter()
        list(completer.get_completions(Document(text, len(text)), CompleteEvent()))
        timings.append(time.perf_counter() - started)
    return timings, len(index.entities)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, action="append",
                        help="an existing store; repeat for several (default: build seeds/ into a temp folder)")
    parser.add_argument("--rounds", type=int, default=300, help="runs of each example, raw and shell each")
    parser.add_argument("--examples-only", action="store_true", help="only the raw vs shell comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-shell-") as folder:
        stores = args.store
        if not stores:
            stores = [Path(folder) / "store"]
            subprocess.run([sys.executable, "-m", "graph", "build", str(REPO / "seeds"), "--store", str(stores[0])],
                           check=True, capture_output=True)
        for store in stores:
            print(f"== {store}")
            if not args.examples_only:
                starts = time_to_prompt(store)
                print(f"time to prompt: median {statistics.median(starts):.3f} s, max {max(starts):.3f} s "
                      f"over {len(starts)} launches (target <= 1 s)")
                heavy = heavy_modules_at_startup()
                print(f"heavy modules loaded at start-up: {', '.join(heavy) or 'none'}")
            print(f"medians over {args.rounds} runs; paired = median of per-round shell / raw ratios (target <= 1.2); "
                  "same text = a quick text, on the calling thread; new text = through the worker; "
                  "Enter check and table drawing are interactive-only extras")
            print("example               raw µs   same text µs   paired   new text µs   paired   Enter check µs   table µs")
            for name, raw, same, same_paired, new, new_paired, enter, drawing in example_latencies(store, args.rounds):
                print(f"{name:20} {raw:8.0f}   {same:12.0f}   {same_paired:6.2f}   {new:11.0f}   {new_paired:6.2f}   "
                      f"{enter:14.0f}   {drawing:8.0f}")
            if not args.examples_only:
                timings, entities = completion_latencies(store)
                print(f"entity completion over {entities} entities: p95 {p95(timings) * 1000:.2f} ms, "
                      f"max {max(timings) * 1000:.2f} ms over {len(timings)} completions (target p95 <= 50 ms)")


if __name__ == "__main__":
    main()
