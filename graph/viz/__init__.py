"""The HTML network view: one self-contained, offline page per request (`kg viz`, the shell's `.viz`)."""

from __future__ import annotations

import gc
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.errors import UserError
from graph.store import GraphStore

__all__ = ["render_html"]

DEFAULT_MAX_NODES = 2000
# A hub is linked to thousands of nodes, and hubs to each other: drawn whole, a neighbourhood is a
# hairball that takes seconds to read from the store and to lay out (24,242 links between the
# 2,000 nodes of xAI's 2-hop page at 1M quads). Two links per node on average lets every node
# keep its link toward the entity and its strongest one: enough to see who is linked to whom.
DEFAULT_EDGES_PER_NODE = 2
# Enough to read an edge's gist; the rest are counted, and `kg why` lists them.
DEFAULT_CLAIMS_PER_EDGE = 5


def render_html(
    store: GraphStore,
    *,
    entity: str | None = None,
    depth: int = 1,
    construct: str | None = None,
    construct_name: str = "--query",
    relations: Iterable[str] | str | None = None,
    min_confidence: float = 0.0,
    include_hedged: bool = False,
    max_nodes: int = DEFAULT_MAX_NODES,
    edges_per_node: int = DEFAULT_EDGES_PER_NODE,
    claims_per_edge: int = DEFAULT_CLAIMS_PER_EDGE,
    output: str | os.PathLike | None = None,
    notify: Callable[[str], None] | None = None,
) -> Path:
    """Write the requested part of the graph as an HTML page and return the page's path.

    With neither `entity` nor `construct`, the whole graph is drawn. The page keeps the
    `max_nodes` best-connected nodes (an entity always stays) and at most `edges_per_node` links
    per node on average: around an entity, each node's link toward it first, then each node's
    strongest links (those with the most articles; `data.strongest_links`). Each edge carries at
    most `claims_per_edge` claims into the page (the most confident), and the count of all of
    them. The page says what was left out, and so does `notify`, if given. `output` defaults to a
    file in the current folder named after the request.
    """
    # Imported here so that importing graph.viz (the shell does) stays cheap.
    from graph.viz.data import select
    from graph.viz.page import build_page, truncation_message

    if entity is not None and construct is not None:
        raise UserError("draw either an entity's neighbourhood or a CONSTRUCT result, not both")
    if depth < 0:
        raise UserError(f"--depth must be 0 or more, not {depth}")
    if not 0.0 <= min_confidence <= 1.0:
        raise UserError(f"--min-confidence must be between 0 and 1, not {min_confidence}")
    if max_nodes < 1:
        raise UserError(f"--max-nodes must be 1 or more, not {max_nodes}")
    if edges_per_node < 1:
        raise UserError(f"--edges-per-node must be 1 or more, not {edges_per_node}")
    if claims_per_edge < 1:
        raise UserError(f"--claims-per-edge must be 1 or more, not {claims_per_edge}")
    wanted = parse_relations(relations)
    path = Path(output) if output is not None else Path.cwd() / default_file_name(
        entity, depth, construct, wanted, min_confidence, include_hedged
    )
    if path.suffix.lower() != ".html":
        raise UserError(f"{path}: the output file name must end in .html")
    with no_cycle_collection():
        selection = select(
            store, entity=entity, depth=depth, construct=construct, construct_name=construct_name, relations=wanted,
            min_confidence=min_confidence, include_hedged=include_hedged, max_nodes=max_nodes,
            edges_per_node=edges_per_node, claims_per_edge=claims_per_edge,
        )
        if selection.focus is not None:
            title = f"{selection.nodes[selection.focus].label}: neighbours up to depth {depth}"
        elif construct is not None:
            title = "CONSTRUCT result"
        else:
            title = "The whole graph"
        html = build_page(selection, title=title)
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as error:
        raise UserError(f"{path}: cannot write the page: {error.strerror}") from None
    if notify is not None and (message := truncation_message(selection)):
        notify(message)
    return path


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """A big page allocates hundreds of thousands of objects that live until it is written, and
    Python's cycle collector would walk them over and over (0.7 s of 6.5 s at 1M quads)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_relations(relations: Iterable[str] | str | None) -> frozenset[str] | None:
    """Relation names from a list or a comma-separated string; UserError names any unknown one."""
    if relations is None:
        return None
    from graph.provenance import resolve_relation

    names = relations.split(",") if isinstance(relations, str) else list(relations)
    names = [name for name in (n.strip() for n in names) if name]
    if not names:
        raise UserError("--relations needs at least one relation name")
    return frozenset(resolve_relation(name) for name in names)


def default_file_name(entity, depth, construct, relations, min_confidence, include_hedged) -> str:
    parts = ["newsgraph"]
    if entity is not None:
        from graph.viz.data import is_iri, local_name

        parts += [slug(local_name(entity) if is_iri(entity) else entity), f"depth{depth}"]
    if construct is not None:
        parts += ["query", hashlib.sha256(construct.encode("utf-8")).hexdigest()[:8]]
    if relations is not None:
        parts += sorted(relations)
    if min_confidence:
        parts.append(f"min{min_confidence:g}")
    if include_hedged:
        parts.append("hedged")
    return "-".join(parts) + ".html"


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "entity"
