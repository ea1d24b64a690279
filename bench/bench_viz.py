"""Network-view benchmarks: page generation time and size, and time until the page is interactive.

    python bench/bench_viz.py [--nodes 100 1000 10000] [--browser-nodes 100 1000 10000]

Each graph is a synthetic build (`synthetic_quads` of tests/interop_support.py: the same writer as `kg build`)
with 10 % more entities than nodes asked for and three claims per entity, loaded into a fresh
store, then drawn with `--max-nodes` set to the nodes asked for (about 1.6 links per node: the
default `--edges-per-node 2` leaves every link on the page). Generation is `render_html` end to end (SPARQL, selection, layout, HTML). Time to
interactive is read in headless Chromium, network blocked: from navigation start until the
network is laid out and drawn (`kgView.readyAt`), median of three loads. Imports are timed once, apart.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from interop_support import synthetic_quads  # noqa: E402
from graph.store import open_store  # noqa: E402
from graph.viz import render_html  # noqa: E402

CLAIMS_PER_ARTICLE = 20
CLAIMS_PER_NODE = 3
# A function, not an expression: Playwright evaluates expressions with eval(), which the page's
# Content-Security-Policy forbids.
READY = "() => window.kgView && window.kgView.ready"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def build_store(path: Path, nodes: int):
    # About 5 % of the entities end up in no drawn claim: make a few more than needed, and let
    # --max-nodes cut the picture to exactly `nodes`.
    entities = round(nodes * 1.1)
    articles = max(1, entities * CLAIMS_PER_NODE // CLAIMS_PER_ARTICLE)
    store = open_store(path, writable=True, create=True)
    store.oxigraph.bulk_extend(synthetic_quads(articles, claims_per_article=CLAIMS_PER_ARTICLE, entities=entities))
    return store


def time_to_interactive(page_path: Path) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        uri = page_path.resolve().as_uri()
        context.route("**/*", lambda route: route.continue_() if route.request.url == uri else route.abort())
        page = context.new_page()
        page.goto(uri)
        page.wait_for_function(READY, timeout=120_000)
        ready_ms = page.evaluate("kgView.readyAt")
        browser.close()
    return ready_ms / 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--browser-nodes", type=int, nargs="*", default=[100, 1000, 10000])
    args = parser.parse_args()
    started = time.perf_counter()
    import graph.viz.page  # noqa: F401  (networkx, pyvis and jinja2: paid once per process)

    print(f"Import of the page modules: {time.perf_counter() - started:.2f} s (once per process, not in the table).\n")
    work = Path(tempfile.mkdtemp(prefix="kg-bench-viz-"))
    try:
        print("| nodes asked | nodes drawn | edges drawn | layout | generation (s) | file size (KB) | time to interactive (s) |")
        print("|---|---|---|---|---|---|---|")
        for nodes in args.nodes:
            store = build_store(work / f"store-{nodes}", nodes)
            page_path = work / f"viz-{nodes}.html"
            started = time.perf_counter()
            render_html(store, max_nodes=nodes, output=page_path)
            generation = time.perf_counter() - started
            store.close()
            html = page_path.read_text(encoding="utf-8")
            drawn_nodes = html.split('id="kg-nodes">', 1)[1].count('"nodeClass"')
            drawn_edges = html.split('id="kg-edges">', 1)[1].split("</script>", 1)[0].count('"relation"')
            layout = "physics" if '"physics": {"enabled": true' in html else "networkx"
            # Median of three page loads, each in a fresh browser.
            tti = f"{statistics.median(time_to_interactive(page_path) for _ in range(3)):.2f}" if nodes in args.browser_nodes else "–"
            print(f"| {nodes:,} | {drawn_nodes:,} | {drawn_edges:,} | {layout} | {generation:.2f} | "
                  f"{page_path.stat().st_size / 1024:,.0f} | {tti} |", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
