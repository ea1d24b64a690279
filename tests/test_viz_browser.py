"""The HTML network view in a real browser: headless Chromium (Debian's `chromium`) driven by
Playwright, with every request except the page itself refused."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from viz_support import (  # noqa: F401  (fixtures)
    EVIL_NAME,
    EVIL_QUOTE,
    EVIL_TITLE,
    SAMPLE_EDGES,
    SAMPLE_EDGES_HEDGED,
    SAMPLE_NODES,
    SAMPLE_NODES_HEDGED,
    sample_store,
    sample_store_path,
    xss_store,
    xss_store_path,
)

from graph.namespaces import ENTITY, RELATIONS
from graph.viz import render_html

CHROMIUM = "/usr/bin/chromium"
# A function, not an expression: Playwright evaluates expressions with eval(), which the page's
# Content-Security-Policy forbids.
# Ready, and done moving: physics has settled the layout (or was never on).
SETTLED = "() => window.kgView && kgView.ready && (kgView.settled || !kgView.network.physics.physicsEnabled)"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
# Kept outside the test folders so a person can look at it after the run.
SEED_SCREENSHOT = Path("/tmp/viz-seed.png")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class OpenPage:
    page: object
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def eval(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def counts(self) -> tuple[int, int]:
        return tuple(self.eval("[kgView.nodes.length, kgView.edges.length]"))

    def visible_edges(self) -> int:
        return self.eval("kgView.edges.get({filter: e => !e.hidden}).length")

    def edge_point(self, edge_id: str) -> tuple[float, float]:
        """The page coordinates of the middle of an edge, as drawn (straight or curved)."""
        point = self.eval("""id => {
            const net = kgView.network, edge = net.body.edges[id];
            const p = net.canvasToDOM(edge.edgeType.getPoint(0.5));
            const box = document.getElementById("kg-network").getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""", edge_id)
        return point[0], point[1]

    def node_point(self, node_id: str) -> tuple[float, float]:
        point = self.eval("""id => {
            const net = kgView.network, p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById("kg-network").getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""", node_id)
        return point[0], point[1]

    def hover(self, x: float, y: float) -> str:
        # vis-network opens its popup on pointer movement, so arrive from a few pixels away.
        self.page.mouse.move(x - 4, y - 4)
        self.page.mouse.move(x, y, steps=4)
        tooltip = self.page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5000)
        return tooltip.inner_text()


@pytest.fixture
def open_page(browser):
    contexts = []

    def load(path: Path) -> OpenPage:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        page = context.new_page()
        opened = OpenPage(page)
        page.on("console", lambda message: message.type in ("error", "warning") and opened.errors.append(message.text))
        page.on("pageerror", lambda error: opened.errors.append(str(error)))

        def only_the_page(route):
            opened.requests.append(route.request.url)
            if route.request.url == path.resolve().as_uri():
                route.continue_()
            else:
                route.abort()

        context.route("**/*", only_the_page)
        page.goto(path.resolve().as_uri())
        page.wait_for_function(SETTLED, timeout=30000)
        return opened

    yield load
    for context in contexts:
        context.close()


def plain_edge_count(store) -> tuple[int, int]:
    """Nodes and edges the default picture must hold, counted straight from the data model."""
    relations = " ".join(f"kg:{name}" for name in RELATIONS)
    rows = list(store.query(f"""
        SELECT DISTINCT ?s ?p ?o WHERE {{
          ?c a kg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:modality ?m .
          VALUES ?p {{ {relations} }} VALUES ?m {{ kg:Asserted kg:Reported }} }}"""))
    nodes = {row["s"].value for row in rows} | {row["o"].value for row in rows}
    return len(nodes), len(rows)


def test_seed_graph_loads_offline_without_errors(seed_store, open_page, tmp_path):
    path = render_html(seed_store, output=tmp_path / "seed.html")
    opened = open_page(path)
    assert opened.errors == []
    assert opened.requests == [path.resolve().as_uri()]
    assert opened.counts() == plain_edge_count(seed_store)
    assert opened.counts()[1] > 0
    opened.page.wait_for_timeout(300)  # let the last frame settle
    opened.page.screenshot(path=tmp_path / "seed.png")
    shutil.copy(tmp_path / "seed.png", SEED_SCREENSHOT)
    assert (tmp_path / "seed.png").stat().st_size > 20_000  # a picture, not a blank page


def test_datasets_hold_the_drawn_graph(sample_store, open_page, tmp_path):
    assert open_page(render_html(sample_store, output=tmp_path / "a.html")).counts() == (SAMPLE_NODES, SAMPLE_EDGES)
    hedged = open_page(render_html(sample_store, include_hedged=True, output=tmp_path / "b.html"))
    assert hedged.counts() == (SAMPLE_NODES_HEDGED, SAMPLE_EDGES_HEDGED)


def test_physics_stops_once_the_graph_is_stable(sample_store, open_page, tmp_path):
    opened = open_page(render_html(sample_store, output=tmp_path / "g.html"))
    assert opened.eval("kgView.settled") is True
    assert opened.eval("kgView.network.physics.physicsEnabled") is False


def test_hovering_an_edge_shows_its_quote_as_text(sample_store, open_page, tmp_path):
    opened = open_page(render_html(sample_store, output=tmp_path / "g.html"))
    edge_id = opened.eval(f"kgView.edges.get({{filter: e => e.from === '{ENTITY}sequoia'}})[0].id")
    text = opened.hover(*opened.edge_point(edge_id))
    assert "Selon Bloomberg, Sequoia Capital a remis au pot." in text
    assert "investedIn" in text and "Reported" in text and "xAI boucle une levée de fonds record" in text


def test_relation_checkbox_hides_and_shows_edges(sample_store, open_page, tmp_path):
    opened = open_page(render_html(sample_store, output=tmp_path / "g.html"))
    assert opened.visible_edges() == SAMPLE_EDGES
    box = opened.page.locator("input[data-relation=founded]")
    box.uncheck()
    assert opened.visible_edges() == SAMPLE_EDGES - 1
    assert opened.eval("kgView.edges.get({filter: e => e.relation === 'founded'})[0].hidden") is True
    box.check()
    assert opened.visible_edges() == SAMPLE_EDGES


def test_clicking_a_node_lists_its_claims_and_quotes(sample_store, open_page, tmp_path):
    opened = open_page(render_html(sample_store, output=tmp_path / "g.html"))
    opened.page.mouse.click(*opened.node_point(ENTITY + "elon-musk"))
    panel = opened.page.locator("#kg-panel")
    panel.wait_for(state="visible")
    assert opened.page.locator("#kg-panel-title").inner_text() == "Elon Musk"
    claims = opened.page.locator("#kg-panel-claims li")
    assert claims.count() == 4  # founded twice, ceoOf, sued
    text = panel.inner_text()
    assert "Elon Musk a assigné OpenAI en justice." in text and "Colossus, le superordinateur de Memphis" in text


def test_panels_say_how_many_claims_were_left_out_of_the_page(sample_store, open_page, tmp_path):
    opened = open_page(render_html(sample_store, claims_per_edge=1, output=tmp_path / "g.html"))
    opened.page.mouse.click(*opened.node_point(ENTITY + "elon-musk"))
    opened.page.locator("#kg-panel").wait_for(state="visible")
    assert opened.page.locator("#kg-panel-claims li").count() == 3  # founded once, ceoOf, sued
    assert opened.page.locator("#kg-panel-more").inner_text().startswith("and 1 more claim — ")
    edge_id = opened.eval(f"kgView.edges.get({{filter: e => e.from === '{ENTITY}elon-musk' && e.relation === 'founded'}})[0].id")
    assert "and 1 more claim" in opened.hover(*opened.edge_point(edge_id))
    opened.page.mouse.click(*opened.edge_point(edge_id))
    opened.page.wait_for_function("() => document.getElementById('kg-panel-title').textContent === 'founded'")
    assert opened.page.locator("#kg-panel-claims li").count() == 1
    assert opened.page.locator("#kg-panel-more").inner_text() == (
        "and 1 more claim — `kg why e:elon-musk founded e:xai` lists them all")
    assert opened.errors == []


def test_search_focuses_and_selects_a_node(sample_store, open_page, tmp_path):
    opened = open_page(render_html(sample_store, output=tmp_path / "g.html"))
    opened.page.fill("#kg-search-input", "sequoia")
    opened.page.press("#kg-search-input", "Enter")
    opened.page.wait_for_function("id => kgView.network.getSelectedNodes()[0] === id", arg=ENTITY + "sequoia")
    assert opened.page.locator("#kg-panel-title").inner_text() == "Sequoia Capital"
    opened.page.fill("#kg-search-input", "Nulle part")
    opened.page.press("#kg-search-input", "Enter")
    assert opened.page.locator("#kg-search-status").inner_text() == "No node matches."


def test_markup_in_names_quotes_and_titles_runs_nothing_and_shows_as_text(xss_store, open_page, tmp_path):
    opened = open_page(render_html(xss_store, output=tmp_path / "xss.html"))
    assert opened.eval("typeof window.kgPwned") == "undefined"
    assert opened.errors == [] and len(opened.requests) == 1
    assert opened.eval("document.querySelectorAll('img, b').length") == 0
    text = opened.hover(*opened.edge_point("e0"))
    assert EVIL_QUOTE in text and EVIL_TITLE in text
    opened.page.mouse.click(*opened.node_point(ENTITY + "pirate"))
    opened.page.locator("#kg-panel").wait_for(state="visible")
    assert opened.page.locator("#kg-panel-title").inner_text() == EVIL_NAME
    assert EVIL_QUOTE in opened.page.locator("#kg-panel-claims").inner_text()
    assert opened.eval("typeof window.kgPwned") == "undefined"
    assert opened.eval("document.querySelectorAll('img, b').length") == 0
