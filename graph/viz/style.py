"""How each kind of node and edge looks; the legend is drawn from the same tables."""

from __future__ import annotations

# Colours come from a colour-blind-safe palette (Okabe-Ito) so classes stay distinct for everyone.
NODE_STYLES = {
    "Person": {"color": "#E69F00", "shape": "dot", "label": "Person"},
    "Company": {"color": "#0072B2", "shape": "square", "label": "Company"},
    "InvestmentFund": {"color": "#009E73", "shape": "diamond", "label": "Investment fund"},
    "Organization": {"color": "#56B4E9", "shape": "square", "label": "Organization"},
    "Product": {"color": "#CC79A7", "shape": "triangle", "label": "Product"},
    "Place": {"color": "#D55E00", "shape": "star", "label": "Place"},
    "Article": {"color": "#999999", "shape": "box", "label": "Article"},
    "Other": {"color": "#B0B0B0", "shape": "ellipse", "label": "Other"},
}

EDGE_STYLES = {
    "asserted": {"color": "#555555", "dashes": False, "label": "Asserted or reported"},
    "hedged": {"color": "#8C8C8C", "dashes": [8, 6], "label": "Hedged"},
    "negated": {"color": "#C0392B", "dashes": [2, 5], "label": "Negated"},
}

# Relations read the same way both ways: drawn with an arrow at each end.
BOTH_WAYS = {"partnersWith"}

MIN_NODE_SIZE = 10
MAX_EDGE_WIDTH = 8


def node_size(degree: int) -> float:
    # Square root keeps hubs visible without letting them swallow the page.
    return MIN_NODE_SIZE + 6 * degree ** 0.5


def edge_width(article_count: int) -> float:
    return min(1 + 1.5 * max(article_count - 1, 0), MAX_EDGE_WIDTH)


def legend() -> dict:
    return {
        "nodes": [{"class": name, **style} for name, style in NODE_STYLES.items()],
        "edges": [{"kind": kind, **style} for kind, style in EDGE_STYLES.items()],
    }
