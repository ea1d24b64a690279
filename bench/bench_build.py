"""Build benchmarks: cold build of the seeds (model load included), no-op rebuild, throughput.

    python bench/bench_build.py [--articles 1000] [--jobs 1 2]

Each figure is the wall-clock time of a real `kg build` process; the model load is measured
separately (a build of one tiny article) so throughput can be reported with and without it.
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
KG = [sys.executable, "-m", "graph"]


def timed_build(paths: list[Path], store: Path, *extra: str) -> float:
    started = time.perf_counter()
    subprocess.run(KG + ["build", *map(str, paths), "--store", str(store), *extra], cwd=REPO, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        cold = timed_build([REPO / "seeds"], work / "seeds-store")
        noop = timed_build([REPO / "seeds"], work / "seeds-store")
        tiny = work / "tiny"
        tiny.mkdir()
        (tiny / "one.txt").write_text("Titre\n\nLe fonds Azur Ventures a investi dans Nexora.\n", encoding="utf-8")
        synth = work / "synth"
        subprocess.run([sys.executable, str(REPO / "bench" / "gen_articles.py"), str(synth), "--count",
                        str(args.articles)], check=True, stdout=subprocess.DEVNULL)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in synth.glob("*.txt"))
        print("| measure | seconds | notes |\n|---|---|---|")
        print(f"| cold build of seeds/ (5 articles, model load included) | {cold:.2f} | target ≤ 10 s |")
        print(f"| no-op rebuild of seeds/ | {noop:.2f} | target ≤ 1 s |")
        for jobs in args.jobs:
            # With -j N the model loads in N worker processes at once: measured with the same -j.
            startup = timed_build([tiny], work / f"tiny-store-{jobs}", "-j", str(jobs))
            print(f"| build of one tiny article, -j {jobs} (≈ process start + model load) | {startup:.2f} | subtracted below |")
            total = timed_build([synth], work / f"synth-store-{jobs}", "-j", str(jobs))
            nlp = max(total - startup, 1e-9)
            print(f"| {args.articles} synthetic articles ({words // args.articles} words each), -j {jobs} | "
                  f"{total:.2f} | {args.articles / nlp:.1f} articles/s, {words / nlp:.0f} words/s without model load; "
                  f"{args.articles / total:.1f} articles/s overall |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
