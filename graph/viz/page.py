"""The HTML page: a pyvis network rendered through the project's own template.

pyvis's stock template loads Bootstrap and vis-network from CDNs, prints its heading unescaped
and switches tooltips to innerHTML when a title contains "href". Ours inlines vis-network,
escapes everything, and builds tooltips and panels with textContent only.
"""

from __future__ import annotations

import re
import shlex
from collections import Counter
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from pyvis.network import Network

from graph.namespaces import RELATIONS
from graph.viz import layout
from graph.viz.data import ClaimInfo, Selection, compact
from graph.viz.style import BOTH_WAYS, EDGE_STYLES, NODE_STYLES, edge_width, legend, node_size

HERE = Path(__file__).parent
# Above this many nodes the browser's physics would take minutes: networkx lays the graph out.
PHYSICS_LIMIT = 1000
LABEL_LENGTH = 40
QUOTE_LENGTH = 300
SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.M)
VIS_NETWORK = resources.files("pyvis") / "lib" / "vis-9.1.2" / "vis-network.min.js"


def build_page(selection: Selection, *, title: str) -> str:
    graph = selection.graph
    large = graph.number_of_nodes() > PHYSICS_LIMIT
    net = Network(height="100%", width="100%", directed=True, cdn_resources="remote")
    net.node_ids = NodeIds()
    claims: list[ClaimInfo] = []
    claim_index: dict[str, int] = {}
    # networkx places every node: big graphs keep these positions, small ones only need a short
    # physics run in the browser to polish them, so the page is interactive sooner.
    positions = layout.positions(graph)
    for node, degree in sorted(graph.degree, key=lambda item: item[0]):
        info = selection.nodes[node]
        style = NODE_STYLES[info.node_class]
        # A hub stays as big as all its links make it, drawn or not.
        links = max(selection.link_counts.get(node, 0), degree)
        net.add_node(
            node,
            label=shorten(info.label, LABEL_LENGTH),
            shape=style["shape"],
            color=style["color"],
            size=node_size(links),
            title=node_tooltip(node, info, links, degree),
            nodeClass=info.node_class,
            fullLabel=info.label,
            properties=info.properties,
            x=positions[node][0],
            y=positions[node][1],
        )
    curves = parallel_curves(graph)
    for number, (source, target, key, data) in enumerate(sorted(graph.edges(keys=True, data=True), key=edge_order)):
        edge_claims = data["claims"]
        indices = []
        for claim in edge_claims:
            if claim.iri not in claim_index:
                claim_index[claim.iri] = len(claims)
                claims.append(claim)
            indices.append(claim_index[claim.iri])
        style = EDGE_STYLES[data["kind"]]
        more = data["claim_count"] - len(edge_claims)
        why = why_command(source, data["relation"], target) if more else None
        net.add_edge(
            source,
            target,
            id=f"e{number}",
            label=data["relation"],
            title=edge_tooltip(data, selection.nodes[source].label, selection.nodes[target].label, why),
            relation=data["relation"],
            kind=data["kind"],
            width=edge_width(data["article_count"]),
            color=style["color"],
            dashes=style["dashes"],
            arrows="to, from" if data["relation"] in BOTH_WAYS else "to",
            claims=indices,
            more=more,
            why=why,
            **curves.get((source, target, key), {}),
        )
    relation_counts = Counter(data["relation"] for _, _, data in graph.edges(data=True))
    page = {
        "title": title,
        "message": truncation_message(selection),
        "relations": [{"name": name, "count": relation_counts[name]} for name in sorted(relation_counts, key=relation_order)],
        "legend": used_legend(selection, graph),
        "claims": [claim_json(claim) for claim in claims],
        "focus": selection.focus,
        "options": vis_options(large, graph.number_of_nodes()),
    }
    net.set_template_dir(str(HERE / "templates"), "network.html")
    net.templateEnv = environment(page)
    return net.generate_html(name="network.html")


class NodeIds(list):
    """pyvis looks every node and edge end up in a plain list of node ids: quadratic time, a
    minute at 10,000 nodes. The same list, with a set beside it for lookups."""

    def __init__(self):
        super().__init__()
        self._members = set()

    def append(self, node_id) -> None:
        super().append(node_id)
        self._members.add(node_id)

    def __contains__(self, node_id) -> bool:
        return node_id in self._members


def environment(page: dict) -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
    # French text stays as is instead of \u escapes: a smaller file. `tojson` still escapes
    # <, >, & and ' whatever the setting, which is what keeps the data inert.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.globals.update(page=page, vis_js=raw_script(VIS_NETWORK.read_text("utf-8")),
                       viz_js=raw_script((HERE / "static" / "viz.js").read_text("utf-8")),
                       viz_css=Markup((HERE / "static" / "viz.css").read_text("utf-8")))
    return env


def raw_script(code: str) -> Markup:
    # Only our own files are inlined raw; a closing tag inside would end the <script> early.
    if "</script" in code.lower():
        raise ValueError("an inlined script must not contain '</script'")
    # A source map comment would make browser dev tools look for a file that is not there.
    return Markup(SOURCE_MAP.sub("", code))


def edge_order(edge) -> tuple:
    source, target, key, _ = edge
    return (source, target, key)


def relation_order(name: str) -> tuple:
    return (RELATIONS.index(name) if name in RELATIONS else len(RELATIONS), name)


def parallel_curves(graph) -> dict:
    """Edges between the same two nodes bend by different amounts so that all of them stay visible."""
    by_pair: dict[frozenset, list] = {}
    for source, target, key in sorted(graph.edges(keys=True)):
        by_pair.setdefault(frozenset((source, target)), []).append((source, target, key))
    curves = {}
    for edges in by_pair.values():
        if len(edges) < 2:
            continue
        for rank, edge in enumerate(edges):
            # curvedCW bends to the right of the edge's direction: flip sides every other edge.
            clockwise = (rank % 2 == 0) == (edge[0] <= edge[1])
            curves[edge] = {"smooth": {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW",
                                       "roundness": 0.15 + 0.2 * (rank // 2)}}
    return curves


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def node_tooltip(node: str, info, links: int, drawn: int) -> str:
    count = f"{links:,} link{'s' if links != 1 else ''}" + (f", {drawn:,} drawn" if drawn < links else "")
    lines = [info.label, f"{NODE_STYLES[info.node_class]['label']} · {count}", compact(node)]
    lines += [f"{name}: {shorten(value, 80)}" for name, value in info.properties[:5]]
    return "\n".join(lines)


def edge_tooltip(edge: dict, source_label: str, target_label: str, why: str | None) -> str:
    """The edge's summary; its counts cover every claim, its titles and quote the carried ones."""
    lines = [f"{source_label} — {edge['relation']} → {target_label}"]
    claims: list[ClaimInfo] = edge["claims"]
    if not claims:
        return "\n".join(lines + ["No claim backs this edge."])
    summary = "Modality: " + ", ".join(edge["modalities"])
    if edge["confidence"] is not None:
        summary += f" · confidence up to {edge['confidence']:.2f}"
    titles = list(dict.fromkeys(claim.article_title for claim in claims))
    if edge["article_count"] > len({claim.article for claim in claims}):
        titles.append("…")
    lines += [summary, f"Articles ({edge['article_count']:,}): " + "; ".join(titles)]
    # The most confident claim speaks for the edge: the carried claims come best first.
    lines.append(f"« {shorten(claims[0].quote, QUOTE_LENGTH)} »")
    if why:
        lines.append(more_claims(edge["claim_count"] - len(claims), why))
    return "\n".join(lines)


def more_claims(count: int, why: str) -> str:
    return f"and {count:,} more claim{'s' if count != 1 else ''} — `{why}` lists them all"


def why_command(subject: str, relation: str, obj: str) -> str:
    """The `kg why` line that lists every claim of an edge: entities by their exact e:key."""
    return f"kg why {entity_argument(subject)} {relation} {entity_argument(obj)}"


def entity_argument(iri: str) -> str:
    name = compact(iri)
    return name if name.startswith("e:") and all(c.isalnum() or c in "-_.:" for c in name) else shlex.quote(f"<{iri}>")


def claim_json(claim: ClaimInfo) -> dict:
    # Both ends of a claim are drawn nodes: the page takes their labels from the node data.
    return {
        "subject": claim.subject,
        "object": claim.object,
        "relation": claim.relation,
        "modality": claim.modality,
        "confidence": claim.confidence,
        "quote": claim.quote,
        "article": claim.article_title,
        "source": compact(claim.source) if claim.source else None,
    }


def used_legend(selection: Selection, graph) -> dict:
    classes = {info.node_class for info in selection.nodes.values()}
    kinds = {data["kind"] for _, _, data in graph.edges(data=True)}
    full = legend()
    return {
        "nodes": [item for item in full["nodes"] if item["class"] in classes],
        "edges": [item for item in full["edges"] if item["kind"] in kinds],
    }


def truncation_message(selection: Selection) -> str:
    """What the page leaves out and how to see it: empty when it draws everything asked for."""
    parts = []
    if selection.left_out:
        parts.append(f"{selection.left_out:,} nodes left out: showing the {selection.graph.number_of_nodes():,} "
                     f"with the most links (raise --max-nodes to see more).")
    if selection.links_left_out:
        total = sum(selection.link_counts.values()) // 2
        first = (f"each node's link toward {selection.nodes[selection.focus].label} and its strongest links"
                 if selection.focus else "each node's strongest links")
        parts.append(f"{selection.links_left_out:,} of {total:,} links left out: showing {selection.edges_per_node} "
                     f"per node on average, {first} first (raise --edges-per-node to see more).")
    return " ".join(parts)


def stabilization_iterations(node_count: int) -> int:
    return max(20, min(300, 30_000 // max(node_count, 1)))


def vis_options(large: bool, node_count: int) -> dict:
    return {
        "autoResize": True,
        "physics": {
            "enabled": not large,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 120, "avoidOverlap": 0.4},
            # A stabilisation run starts from the networkx layout and only polishes it; its
            # length shrinks as the graph grows so the page stays interactive within a second
            # or two (each iteration costs about n log n).
            "stabilization": {"enabled": True, "fit": True, "iterations": stabilization_iterations(node_count)},
        },
        # Nodes come with positions: vis-network's own (quadratic) seeding is not needed.
        "layout": {"improvedLayout": False},
        "edges": {
            "smooth": {"enabled": not large, "type": "continuous"},
            "font": {"size": 11, "align": "middle", "strokeWidth": 4, "color": "#333333"},
            "arrows": {"to": {"scaleFactor": 0.6}, "from": {"scaleFactor": 0.6}},
            "selectionWidth": 2,
        },
        "nodes": {"font": {"size": 15, "strokeWidth": 3, "strokeColor": "#ffffff"}, "borderWidth": 1},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large, "multiselect": False},
    }
