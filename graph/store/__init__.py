"""Where the graph lives: an embedded Oxigraph store on disk, or any SPARQL 1.1 server.

Every command talks to a `GraphStore`; `open_store` picks the back-end from the options.
"""

from __future__ import annotations

import os
from pathlib import Path

from graph.store.base import ChangeSet, GraphStore, StoreError

__all__ = ["ChangeSet", "GraphStore", "StoreError", "default_store_path", "open_store"]


def default_store_path() -> Path:
    """`$KG_STORE`, else the XDG data directory: `~/.local/share/newsgraph/store`."""
    if os.environ.get("KG_STORE"):
        return Path(os.environ["KG_STORE"])
    from platformdirs import user_data_path

    return user_data_path("newsgraph") / "store"


def open_store(
    path: str | os.PathLike | None = None,
    *,
    writable: bool = False,
    create: bool = False,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
) -> GraphStore:
    """Open the embedded store at `path` (default: `default_store_path()`), or a remote endpoint."""
    if endpoint:
        from graph.store.remote import RemoteStore

        return RemoteStore(endpoint, update_endpoint=update_endpoint, writable=writable)
    from graph.store.local import LocalStore

    return LocalStore(Path(path) if path else default_store_path(), writable=writable, create=create)
