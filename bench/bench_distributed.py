"""Extraction past one core: the same synthetic articles built by 1 process, `-j 2`, two shards
in parallel (`--shard 1/2` and `--shard 2/2`, as on two machines) and a Dask cluster of 2 workers.

    python bench/bench_distributed.py [--articles 200] [--workers 2]

Every figure is the wall-clock time of real `kg build` processes, model load included (the Dask
workers start cold: the cluster is started beforehand, its workers load the model during the build).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "graph", "build"]


def timed(*commands: list[str]) -> float:
    """Runs the commands side by side; seconds until the last one is done."""
    started = time.perf_counter()
    children = [subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL) for command in commands]
    for child, command in zip(children, commands):
        if child.wait():
            raise RuntimeError(f"{' '.join(command)} exited with {child.returncode}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-dist-"))
    try:
        articles = work / "articles"
        subprocess.run([sys.executable, str(REPO / "bench" / "gen_articles.py"), str(articles), "--count",
                        str(args.articles)], check=True, stdout=subprocess.DEVNULL)
        source = str(articles)
        n = args.workers
        figures = {
            "1 process": timed(KG + [source, "--store", str(work / "one")]),
            f"-j {n}": timed(KG + [source, "-j", str(n), "--store", str(work / "jobs")]),
            f"{n} shards side by side (--shard i/{n})": timed(
                *[KG + [source, "--shard", f"{i}/{n}", "--store", str(work / f"shard-{i}")] for i in range(1, n + 1)]),
        }
        from dask.distributed import LocalCluster

        started = time.perf_counter()
        with LocalCluster(n_workers=n, threads_per_worker=1, dashboard_address=None) as cluster:
            startup = time.perf_counter() - started
            figures[f"Dask, {n} workers (--dask)"] = timed(
                KG + [source, "--dask", cluster.scheduler_address, "--store", str(work / "dask")])
        one = figures["1 process"]
        print(f"{args.articles} synthetic articles; Dask cluster start-up {startup:.1f} s, not counted.\n")
        print("| build | seconds | articles/s | speed-up vs 1 process |\n|---|---|---|---|")
        for name, seconds in figures.items():
            print(f"| {name} | {seconds:.1f} | {args.articles / seconds:.1f} | x{one / seconds:.2f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
