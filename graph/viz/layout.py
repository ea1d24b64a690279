"""Node positions for graphs too big for the browser's physics.

networkx's spring layout costs O(n²) per iteration, far too slow for 10,000 nodes. So each
connected component is laid out in two steps: its best-connected nodes with a spring layout,
then every other node next to the neighbours already placed, layer by layer outwards. The
components are then packed on shelves, biggest first.
"""

from __future__ import annotations

import math
import random

import networkx as nx

# Above this many nodes a component's spring layout is limited to its best-connected nodes.
SPRING_CORE = 300
# Distance, in canvas pixels, between neighbours in the final picture.
SPACING = 90
SEED = 7


def positions(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    # Direction and parallel edges do not change where nodes belong. Built from bare node pairs:
    # nx.Graph(graph) would copy every edge's claims too (0.5 s for 24,000 edges).
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from(graph.edges(keys=False))
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))
    layouts = [component_layout(simple.subgraph(component)) for component in components]
    return pack(layouts)


def component_layout(component: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions in units of the distance between neighbours."""
    size = len(component)
    if size == 1:
        return {next(iter(component)): (0.0, 0.0)}
    core = sorted(component, key=lambda node: (-component.degree(node), node))[:SPRING_CORE]
    scale = math.sqrt(len(core))
    # spring_layout's starting positions follow the order of the nodes, and a subgraph view of a
    # few nodes lists them in the order of a set, which changes from run to run: ranked order.
    core_graph = nx.Graph()
    core_graph.add_nodes_from(core)
    core_graph.add_edges_from(component.subgraph(core).edges)
    placed = {node: (x * scale, y * scale) for node, (x, y) in nx.spring_layout(core_graph, seed=SEED).items()}
    rng = random.Random(SEED)
    for depth, layer in enumerate(nx.bfs_layers(component, core)):
        if depth == 0:
            continue
        radius = 1.0 / depth  # outer layers hug their parents so branches do not cross the picture
        for node in sorted(layer):
            anchors = [placed[n] for n in component[node] if n in placed]
            angle = rng.uniform(0, 2 * math.pi)
            x = sum(a[0] for a in anchors) / len(anchors) + radius * math.cos(angle)
            y = sum(a[1] for a in anchors) / len(anchors) + radius * math.sin(angle)
            placed[node] = (x, y)
    return placed


def pack(layouts: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Components side by side on rows about as wide as the biggest one, in canvas pixels."""
    if not layouts:
        return {}
    boxes = [bounds(layout) for layout in layouts]
    row_width = max(max(b[2] - b[0] for b in boxes), math.sqrt(sum((b[2] - b[0] + 1) * (b[3] - b[1] + 1) for b in boxes)))
    result: dict[str, tuple[float, float]] = {}
    cursor_x = cursor_y = row_height = 0.0
    for layout, (min_x, min_y, max_x, max_y) in zip(layouts, boxes):
        if cursor_x > 0 and cursor_x + (max_x - min_x) > row_width:
            cursor_x, cursor_y, row_height = 0.0, cursor_y + row_height + 1, 0.0
        for node, (x, y) in layout.items():
            result[node] = (round((cursor_x + x - min_x) * SPACING, 1), round((cursor_y + y - min_y) * SPACING, 1))
        cursor_x += max_x - min_x + 1
        row_height = max(row_height, max_y - min_y)
    return result


def bounds(layout: dict[str, tuple[float, float]]) -> tuple[float, float, float, float]:
    xs = [x for x, _ in layout.values()]
    ys = [y for _, y in layout.values()]
    return min(xs), min(ys), max(xs), max(ys)
