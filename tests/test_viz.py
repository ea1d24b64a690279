"""The HTML network view, read as a file: what it draws, how, and that it stays self-contained."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import networkx as nx
import pytest
from viz_support import (  # noqa: F401  (fixtures)
    EVIL_NAME,
    SAMPLE_EDGES,
    SAMPLE_EDGES_HEDGED,
    SAMPLE_NODES,
    SAMPLE_NODES_HEDGED,
    hub_store,
    hub_store_path,
    sample_store,
    sample_store_path,
    xss_store,
    xss_store_path,
)

import graph.viz.data
from graph.errors import UserError
from graph.interop.server import free_port
from graph.namespaces import ENTITY
from graph.store import open_store
from graph.viz import render_html
from graph.viz.data import ClaimInfo, NodeInfo, Selection, cap_claims, strongest_links
from graph.viz.page import PHYSICS_LIMIT, VIS_NETWORK, build_page


def page_data(path) -> dict:
    html = path.read_text(encoding="utf-8")
    return {
        name: json.loads(re.search(rf'<script type="application/json" id="kg-{name}">(.*?)</script>', html, re.S)[1])
        for name in ("nodes", "edges", "page")
    }


def labels(data) -> set[str]:
    return {node["fullLabel"] for node in data["nodes"]}


def edges_between(data, source, target):
    return [edge for edge in data["edges"] if edge["from"] == ENTITY + source and edge["to"] == ENTITY + target]


def test_whole_graph_draws_asserted_and_reported_claims(sample_store, tmp_path):
    data = page_data(render_html(sample_store, output=tmp_path / "g.html"))
    assert (len(data["nodes"]), len(data["edges"])) == (SAMPLE_NODES, SAMPLE_EDGES)
    assert "Nvidia" not in labels(data) and "Oracle" not in labels(data)
    assert {edge["kind"] for edge in data["edges"]} == {"asserted"}


def test_hedged_and_negated_claims_are_dashed(sample_store, tmp_path):
    data = page_data(render_html(sample_store, include_hedged=True, output=tmp_path / "g.html"))
    assert (len(data["nodes"]), len(data["edges"])) == (SAMPLE_NODES_HEDGED, SAMPLE_EDGES_HEDGED)
    (hedged,) = edges_between(data, "nvidia", "xai")
    (negated,) = edges_between(data, "xai", "oracle")
    (asserted,) = edges_between(data, "xai", "grok")
    assert hedged["kind"] == "hedged" and hedged["dashes"]
    assert negated["kind"] == "negated" and negated["dashes"] and negated["dashes"] != hedged["dashes"]
    assert asserted["dashes"] is False


def test_parallel_relations_all_stay_visible_and_width_counts_articles(sample_store, tmp_path):
    data = page_data(render_html(sample_store, output=tmp_path / "g.html"))
    pair = {edge["label"]: edge for edge in edges_between(data, "elon-musk", "xai")}
    assert set(pair) == {"founded", "ceoOf"}
    # Both bend, to different sides or by different amounts, so neither hides the other.
    assert pair["founded"]["smooth"] != pair["ceoOf"]["smooth"]
    assert pair["founded"]["width"] > pair["ceoOf"]["width"]  # two articles against one
    assert all(edge["arrows"] == "to" for edge in data["edges"])


def test_edge_tooltip_is_plain_text_with_relation_titles_quote_and_modality(sample_store, tmp_path):
    data = page_data(render_html(sample_store, output=tmp_path / "g.html"))
    (edge,) = edges_between(data, "sequoia", "xai")
    assert "investedIn" in edge["title"]
    assert "Reported" in edge["title"]
    assert "xAI boucle une levée de fonds record" in edge["title"]
    assert "Selon Bloomberg, Sequoia Capital a remis au pot." in edge["title"]
    claims = [data["page"]["claims"][index] for index in edge["claims"]]
    assert claims[0]["source"] == "e:bloomberg"


def test_node_size_follows_degree_and_class_sets_shape_and_colour(sample_store, tmp_path):
    data = page_data(render_html(sample_store, output=tmp_path / "g.html"))
    by_label = {node["fullLabel"]: node for node in data["nodes"]}
    assert by_label["xAI"]["size"] > by_label["Elon Musk"]["size"] > by_label["Grok"]["size"]
    assert by_label["Elon Musk"]["nodeClass"] == "Person" and by_label["xAI"]["nodeClass"] == "Company"
    assert by_label["Elon Musk"]["shape"] != by_label["xAI"]["shape"]
    assert by_label["Memphis"]["color"] != by_label["Grok"]["color"]
    legend = {item["class"] for item in data["page"]["legend"]["nodes"]}
    assert legend == {"Person", "Company", "InvestmentFund", "Product", "Place"}


def test_relations_filter(sample_store, tmp_path):
    data = page_data(render_html(sample_store, relations="founded, investedIn", output=tmp_path / "g.html"))
    assert {edge["relation"] for edge in data["edges"]} == {"founded", "investedIn"}
    assert labels(data) == {"Elon Musk", "xAI", "Sequoia Capital"}
    assert [r["name"] for r in data["page"]["relations"]] == ["founded", "investedIn"]


def test_unknown_relation_is_a_user_error(sample_store, tmp_path):
    with pytest.raises(UserError, match="investedIn"):
        render_html(sample_store, relations=["investedInn"], output=tmp_path / "g.html")


def test_min_confidence_drops_weak_claims(sample_store, tmp_path):
    data = page_data(render_html(sample_store, min_confidence=0.86, output=tmp_path / "g.html"))
    assert {edge["relation"] for edge in data["edges"]} == {"founded", "develops", "sued"}


def test_entity_neighbourhood_by_depth(sample_store, tmp_path):
    near = page_data(render_html(sample_store, entity="Grok", depth=1, output=tmp_path / "1.html"))
    assert labels(near) == {"Grok", "xAI"}
    assert near["page"]["focus"] == ENTITY + "grok"
    far = page_data(render_html(sample_store, entity="grok", depth=2, output=tmp_path / "2.html"))
    assert labels(far) == {"Grok", "xAI", "Elon Musk", "Sequoia Capital", "Memphis"}
    alone = page_data(render_html(sample_store, entity="e:grok", depth=0, output=tmp_path / "0.html"))
    assert labels(alone) == {"Grok"} and alone["edges"] == []


@pytest.mark.parametrize("options", [
    {"entity": "Grok", "depth": 2},
    {"entity": "xAI", "depth": 1, "include_hedged": True},
    {"entity": "Elon Musk", "depth": 2, "min_confidence": 0.86, "max_nodes": 3},
    {"entity": "xAI", "depth": 1, "claims_per_edge": 1},
])
def test_neighbourhood_is_the_same_read_in_chunks_or_in_one_pass(sample_store, tmp_path, monkeypatch, options):
    """Big frontiers are read in one pass over all the links, long VALUES lists in chunks, and
    the claims of many links in one pass over the store."""
    expected = page_data(render_html(sample_store, output=tmp_path / "lookups.html", **options))
    monkeypatch.setattr("graph.viz.data.VALUES_CHUNK", 1)
    monkeypatch.setattr("graph.viz.data.SCAN_ABOVE", 0)
    data = page_data(render_html(sample_store, output=tmp_path / "one-pass.html", **options))
    assert data["nodes"] == expected["nodes"] and data["edges"] == expected["edges"]
    assert data["page"] == expected["page"]


def test_every_claim_is_carried_while_no_edge_has_more_than_the_cap(sample_store, tmp_path):
    data = page_data(render_html(sample_store, include_hedged=True, output=tmp_path / "g.html"))
    assert all(edge["more"] == 0 and edge["why"] is None for edge in data["edges"])
    assert len(data["page"]["claims"]) == 9  # every claim of the sample graph
    assert "more claim" not in json.dumps(data["edges"])


def test_an_edge_carries_its_best_claims_and_counts_the_others(sample_store, tmp_path):
    capped = page_data(render_html(sample_store, claims_per_edge=1, output=tmp_path / "capped.html"))
    full = page_data(render_html(sample_store, output=tmp_path / "full.html"))
    (edge,) = [e for e in edges_between(capped, "elon-musk", "xai") if e["relation"] == "founded"]
    (uncapped,) = [e for e in edges_between(full, "elon-musk", "xai") if e["relation"] == "founded"]
    (claim,) = [capped["page"]["claims"][index] for index in edge["claims"]]
    assert claim["quote"] == "Elon Musk a fondé xAI en 2023 pour concurrencer OpenAI."  # 0.95 beats 0.9
    assert edge["more"] == 1 and edge["why"] == "kg why e:elon-musk founded e:xai"
    # Width and the tooltip's counts still cover both claims and both articles.
    assert edge["width"] == uncapped["width"] > 1
    assert "Articles (2): xAI boucle une levée de fonds record; …" in edge["title"]
    assert edge["title"].endswith("and 1 more claim — `kg why e:elon-musk founded e:xai` lists them all")
    assert "confidence up to 0.95" in edge["title"]


def test_the_more_line_names_kg_why_arguments_it_can_parse():
    from graph.viz.page import entity_argument

    assert entity_argument(ENTITY + "elon-musk") == "e:elon-musk"
    assert entity_argument("https://example.org/x y") == "'<https://example.org/x y>'"


def test_claims_per_edge_must_be_positive(sample_store, tmp_path):
    with pytest.raises(UserError, match="--claims-per-edge must be 1 or more"):
        render_html(sample_store, claims_per_edge=0, output=tmp_path / "g.html")


def test_a_neighbourhood_keeps_each_nodes_link_toward_the_focus_then_the_strongest(hub_store, tmp_path):
    told = []
    data = page_data(render_html(hub_store, entity="xAI", edges_per_node=1, notify=told.append, output=tmp_path / "g.html"))
    drawn = {(edge["from"], edge["label"], edge["to"]) for edge in data["edges"]}
    # Five nodes, at most five links: the four toward xAI, then Alpha–Bravo (three articles).
    assert drawn == {(ENTITY + n, "investedIn", ENTITY + "xai") for n in "abcd"} | {(ENTITY + "a", "partnersWith", ENTITY + "b")}
    message = data["page"]["message"]
    assert message == ("5 of 10 links left out: showing 1 per node on average, each node's link toward xAI and "
                       "its strongest links first (raise --edges-per-node to see more).")
    assert told == [message]
    by_label = {node["fullLabel"]: node for node in data["nodes"]}
    assert "Company · 4 links, 1 drawn" in by_label["Charlie"]["title"]
    # A node is as big as all its links make it, drawn or not.
    assert by_label["Charlie"]["size"] == by_label["xAI"]["size"]


def test_the_whole_graph_keeps_each_nodes_strongest_links(hub_store, tmp_path):
    data = page_data(render_html(hub_store, edges_per_node=1, output=tmp_path / "g.html"))
    assert len(data["edges"]) == 5
    assert [edge["label"] for edge in edges_between(data, "a", "b")] == ["partnersWith"]
    assert data["page"]["message"].startswith("5 of 10 links left out: showing 1 per node on average, each node's strongest links first")


def test_a_page_within_its_links_budget_draws_every_link_and_says_nothing(hub_store, tmp_path):
    told = []
    data = page_data(render_html(hub_store, entity="xAI", notify=told.append, output=tmp_path / "g.html"))
    assert len(data["edges"]) == 10  # ten links between five nodes: two per node, the default
    assert data["page"]["message"] == "" and told == []
    assert "drawn" not in json.dumps(data["nodes"])


def test_the_claims_of_links_left_out_are_not_read(hub_store, tmp_path, monkeypatch):
    """Read by lookups then filtered, or in one pass that returns the drawn links' claims only: the same page."""
    expected = page_data(render_html(hub_store, entity="xAI", edges_per_node=1, output=tmp_path / "lookups.html"))
    read: list[ClaimInfo] = []
    read_claims = graph.viz.data.read_claims
    monkeypatch.setattr("graph.viz.data.read_claims", lambda *args, **kwargs: read.extend(read_claims(*args, **kwargs)) or read)
    monkeypatch.setattr("graph.viz.data.SCAN_ABOVE", 0)
    data = page_data(render_html(hub_store, entity="xAI", edges_per_node=1, output=tmp_path / "one-pass.html"))
    assert data == expected
    drawn = {(edge["from"], edge["label"], edge["to"]) for edge in data["edges"]}
    assert {(claim.subject, claim.relation, claim.object) for claim in read} == drawn


def test_strongest_links_fill_the_budget_round_by_round():
    def link(subject, obj):
        return (subject, obj, ("partnersWith", "asserted"))

    # A focus f weakly linked to x, y and z, which are strongly linked to each other.
    links = {link("f", "x"): 1, link("f", "y"): 1, link("f", "z"): 1, link("x", "y"): 9, link("y", "z"): 8, link("x", "z"): 7}
    assert strongest_links(links, 2) == set(links)  # six links, four nodes: within two per node
    # Each node's strongest first (f's three ties go by IRI), then each node's second strongest.
    assert strongest_links(links, 1) == {link("f", "x"), link("x", "y"), link("y", "z"), link("x", "z")}
    # Around f, every node first keeps its link toward f.
    hops = {"f": 0, "x": 1, "y": 1, "z": 1}
    assert strongest_links(links, 1, hops) == {link("f", "x"), link("f", "y"), link("f", "z"), link("x", "y")}


def test_the_same_request_keeps_the_same_links_whatever_the_hash_seed(hub_store_path, tmp_path):
    pages = []
    for seed in ("1", "2"):
        output = tmp_path / f"seed-{seed}.html"
        subprocess.run([sys.executable, "-m", "graph", "viz", "--store", str(hub_store_path), "--entity", "xAI",
                        "-o", str(output)], check=True, env={**os.environ, "PYTHONHASHSEED": seed},
                       capture_output=True)
        pages.append(output.read_bytes())
    assert pages[0] == pages[1]


def test_the_focus_stays_on_the_page_however_few_its_links(sample_store, tmp_path):
    data = page_data(render_html(sample_store, entity="Grok", depth=2, max_nodes=1, output=tmp_path / "g.html"))
    assert labels(data) == {"Grok"} and data["page"]["message"].startswith("4 nodes left out")


def test_edges_per_node_must_be_positive(sample_store, tmp_path):
    with pytest.raises(UserError, match="--edges-per-node must be 1 or more"):
        render_html(sample_store, edges_per_node=0, output=tmp_path / "g.html")


def test_entity_given_as_a_bare_iri(sample_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = render_html(sample_store, entity=ENTITY + "grok")
    assert path.name == "newsgraph-grok-depth1.html"
    assert labels(page_data(path)) == {"Grok", "xAI"}


def test_unknown_entity_suggests_a_name(sample_store, tmp_path):
    with pytest.raises(UserError, match="did you mean Sequoia Capital"):
        render_html(sample_store, entity="Sequoia Capitol", output=tmp_path / "g.html")


def test_construct_query_draws_its_triples_with_their_claims(sample_store, tmp_path):
    query = "CONSTRUCT { ?s kg:founded ?o . ?s rdfs:label ?name } WHERE { ?s kg:founded ?o ; rdfs:label ?name }"
    data = page_data(render_html(sample_store, construct=query, output=tmp_path / "g.html"))
    (edge,) = data["edges"]
    assert edge["label"] == "founded" and labels(data) == {"Elon Musk", "xAI"}
    assert len(edge["claims"]) == 2 and "Elon Musk a fondé xAI" in edge["title"]


def test_construct_query_with_other_predicates_draws_them_by_prefixed_name(sample_store, tmp_path):
    query = "CONSTRUCT { ?a schema:mentions ?e } WHERE { GRAPH ?a { ?a schema:mentions ?e } FILTER(?e = e:grok) }"
    data = page_data(render_html(sample_store, construct=query, output=tmp_path / "g.html"))
    (edge,) = data["edges"]
    assert edge["label"] == "schema:mentions" and "No claim backs this edge." in edge["title"]
    assert labels(data) == {"xAI boucle une levée de fonds record", "Grok"}


@pytest.mark.parametrize("query, message", [
    ("SELECT * WHERE { ?s ?p ?o }", "--query: the query must be a CONSTRUCT or DESCRIBE"),
    ("CONSTRUCT { ?s ?p ?o }\nWHERE { ?s ?p ?o ", "--query: error at 2:18"),
])
def test_bad_query_is_a_one_line_user_error(sample_store, tmp_path, query, message):
    with pytest.raises(UserError) as error:
        render_html(sample_store, construct=query, output=tmp_path / "g.html")
    assert str(error.value).startswith(message) and "\n" not in str(error.value)


def test_max_nodes_keeps_the_best_connected_and_says_how_many_were_left_out(sample_store, tmp_path):
    data = page_data(render_html(sample_store, max_nodes=2, output=tmp_path / "g.html"))
    assert labels(data) == {"xAI", "Elon Musk"}
    assert data["page"]["message"].startswith("4 nodes left out")
    assert page_data(render_html(sample_store, output=tmp_path / "all.html"))["page"]["message"] == ""


def test_page_is_self_contained(sample_store, tmp_path):
    path = render_html(sample_store, output=tmp_path / "g.html")
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"""<(script|link|img|iframe)[^>]*(src|href)\s*=""", html, re.I)
    assert "bootstrap" not in html.lower() and "cdn" not in html.lower()
    assert "vis-network" in html and "@version 9.1.2" in html  # inlined, licence header included
    assert "sourceMappingURL" not in html
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.html"]  # no lib/ folder beside it


def test_markup_in_the_data_never_reaches_the_html_unescaped(xss_store, tmp_path):
    html = render_html(xss_store, output=tmp_path / "g.html").read_text(encoding="utf-8")
    for needle in ("<script>window.kgPwned", "<img src=x", "<b onmouseover"):
        assert needle not in html
    # The three JSON blocks, vis-network and the page's own code; vis-network's text holds a few more.
    assert html.count("<script") == 5 + VIS_NETWORK.read_text("utf-8").count("<script")
    data = page_data(tmp_path / "g.html")
    assert EVIL_NAME in labels(data)


def test_default_file_name_follows_the_request(sample_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert render_html(sample_store) == tmp_path / "newsgraph.html"
    path = render_html(sample_store, entity="Elon Musk", depth=2, relations="founded", include_hedged=True)
    assert path.name == "newsgraph-elon-musk-depth2-founded-hedged.html"
    assert render_html(sample_store, construct="CONSTRUCT WHERE { ?s kg:sued ?o }").name.startswith("newsgraph-query-")


def test_an_empty_store_gives_an_empty_page(tmp_path):
    with open_store(tmp_path / "empty", writable=True, create=True) as store:
        data = page_data(render_html(store, output=tmp_path / "g.html"))
    assert data["nodes"] == [] and data["edges"] == [] and data["page"]["relations"] == []


def test_output_must_be_html(sample_store, tmp_path):
    with pytest.raises(UserError, match="must end in .html"):
        render_html(sample_store, output=tmp_path / "g.png")


def test_big_graphs_are_laid_out_by_networkx_with_physics_off():
    graph = nx.MultiDiGraph()
    for number in range(PHYSICS_LIMIT + 200):
        graph.add_edge(f"n{number // 7}", f"n{number + 1}", ("investedIn", "asserted"),
                       relation="investedIn", kind="asserted", claims=[])
    cap_claims(graph, 5)
    nodes = {node: NodeInfo(label=node) for node in graph}
    html = build_page(Selection(graph=graph, nodes=nodes), title="big")
    drawn = json.loads(re.search(r'id="kg-nodes">(.*?)</script>', html, re.S)[1])
    options = json.loads(re.search(r'id="kg-page">(.*?)</script>', html, re.S)[1])["options"]
    assert options["physics"]["enabled"] is False
    points = {(node["x"], node["y"]) for node in drawn}
    assert len(points) == len(drawn)  # every node has a place of its own


def test_small_graphs_use_physics(sample_store, tmp_path):
    data = page_data(render_html(sample_store, output=tmp_path / "g.html"))
    assert data["page"]["options"]["physics"]["enabled"] is True
    # Seeded with networkx positions, so the page is usable before physics has settled.
    assert len({(node["x"], node["y"]) for node in data["nodes"]}) == len(data["nodes"])


def test_kg_viz_command(kg, sample_store_path, tmp_path):
    result = kg("viz", "--store", sample_store_path, "--entity", "xAI", "-o", tmp_path / "x.html")
    assert result.exit_code == 0 and result.out.strip() == str(tmp_path / "x.html")
    assert labels(page_data(tmp_path / "x.html")) == {"xAI", "Elon Musk", "Sequoia Capital", "Grok", "Memphis"}
    query_file = tmp_path / "q.rq"
    query_file.write_text("CONSTRUCT { ?s kg:sued ?o }\nWHERE { ?s kg:sued ?o", encoding="utf-8")
    bad = kg("viz", "--store", sample_store_path, "-f", query_file, "-o", tmp_path / "q.html")
    assert bad.exit_code == 1 and bad.err.startswith(f"kg: error: {query_file}: error at 2:")
    assert len(bad.err.strip().splitlines()) == 1


def test_kg_viz_says_on_stderr_what_the_page_left_out(kg, hub_store_path, tmp_path):
    result = kg("viz", "--store", hub_store_path, "--entity", "xAI", "--edges-per-node", "1", "-o", tmp_path / "x.html")
    assert result.exit_code == 0 and result.out.strip() == str(tmp_path / "x.html")
    assert result.err == f"kg: {page_data(tmp_path / 'x.html')['page']['message']}\n"
    assert "raise --edges-per-node to see more" in result.err
    everything = kg("viz", "--store", hub_store_path, "--entity", "xAI", "-o", tmp_path / "y.html")
    assert everything.exit_code == 0 and everything.err == ""


@pytest.mark.parametrize("entity", ["xAI", "e:xai", f"<{ENTITY}xai>", f"{ENTITY}xai"])
def test_entity_arguments_take_a_name_a_prefixed_name_or_an_iri(kg, sample_store_path, tmp_path, entity):
    result = kg("viz", "--store", sample_store_path, "--entity", entity, "-o", tmp_path / "x.html")
    assert result.exit_code == 0, result.err
    assert "xAI" in labels(page_data(tmp_path / "x.html"))
    why = kg("why", "--store", sample_store_path, f"{ENTITY}elon-musk", "founded", entity)
    assert why.exit_code == 0 and "Elon Musk a fondé xAI" in why.out, why.err


def test_an_unknown_entity_iri_suggests_an_entity_by_its_key(kg, sample_store_path):
    result = kg("why", "--store", sample_store_path, f"{ENTITY}elon-musc", "founded", "xAI")
    assert result.exit_code == 1 and result.err.endswith("did you mean e:elon-musk?\n")


def test_kg_viz_refuses_service_unless_network_is_allowed(kg, sample_store_path, tmp_path):
    closed = f"http://127.0.0.1:{free_port()}/sparql"
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{closed}> {{ ?s ?p ?o }} }}"
    refused = kg("viz", "--store", sample_store_path, "--query", query, "-o", tmp_path / "s.html")
    assert refused.exit_code == 1 and refused.err.startswith("kg: error: SERVICE refused") and "--allow-network" in refused.err
    failed = kg("viz", "--store", sample_store_path, "--allow-network", "--query", query, "-o", tmp_path / "s.html")
    assert failed.exit_code == 1 and failed.err.startswith("kg: error: query failed: ")
    assert failed.err.count("\n") == 1 and "Traceback" not in failed.err


def test_kg_viz_stops_at_its_timeout(kg, sample_store_path, tmp_path):
    endless = "CONSTRUCT { ?a ?b ?c } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    result = kg("viz", "--store", sample_store_path, "--timeout", "0.1", "--query", endless, "-o", tmp_path / "t.html")
    assert result.exit_code == 1 and result.err == (
        "kg: error: query stopped after 0.1 s (--timeout); add a LIMIT or raise --timeout\n")


def test_kg_viz_names_a_query_file_that_is_not_utf8(kg, sample_store_path, tmp_path):
    query_file = tmp_path / "latin1.rq"
    query_file.write_bytes("# requête\nCONSTRUCT WHERE { ?s ?p ?o }".encode("latin-1"))
    result = kg("viz", "--store", sample_store_path, "-f", query_file, "-o", tmp_path / "q.html")
    assert result.exit_code == 1
    assert result.err.startswith(f"kg: error: {query_file}: not valid UTF-8 (byte 0xea at line 1")
    assert result.err.count("\n") == 1


def test_a_symmetric_edge_stored_both_ways_is_drawn_once_with_its_claims(seed_store, tmp_path):
    for selection in ({"entity": "e:microsoft", "depth": 1},
                      {"construct": "CONSTRUCT { ?a kg:partnersWith ?b } WHERE { ?a kg:partnersWith ?b }"}):
        data = page_data(render_html(seed_store, output=tmp_path / "g.html", **selection))
        partnerships = [edge for edge in data["edges"] if edge["label"] == "partnersWith"]
        pairs = [frozenset((edge["from"], edge["to"])) for edge in partnerships]
        assert pairs and len(pairs) == len(set(pairs)), selection
        assert all("No claim backs this edge." not in edge["title"] for edge in partnerships), selection
