"""The embedded back-end: an on-disk Oxigraph (RocksDB) store.

Layout of a store folder: `oxigraph/` holds the database and, beside RocksDB's files, the entity
label index (graph.store.label_index) that describes it; `lock` is taken with flock so that
readers (shell, server, queries) and the one writer (build, retract, import) never overlap.
Oxigraph documents a read-only open beside a live writer as undefined behaviour. Builds (`apply`)
and bulk loads (`load_file`) write the next database in `oxigraph.next/` and swap it in through
`oxigraph.previous/`.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from pathlib import Path

import pyoxigraph as ox

from graph.namespaces import META_GRAPH, PREFIXES
from graph.sparql_guard import has_dataset_clause
from graph.store.base import ChangeSet, GraphStore, StoreError
from graph.store.label_index import FILE_NAME as LABEL_INDEX, LabelIndex, write_index

DATABASE = "oxigraph"
NEXT_DATABASE = "oxigraph.next"
PREVIOUS_DATABASE = "oxigraph.previous"


class LocalStore(GraphStore):
    in_process = True

    def __init__(self, path: Path, *, writable: bool = False, create: bool = False):
        self.path = Path(path)
        self.location = str(self.path)
        self.writable = writable
        db = self.path / DATABASE
        if not db.exists() and not (self.path / PREVIOUS_DATABASE).exists() and not create:
            raise StoreError(f"no graph at {self.path}: run `kg build seeds/` first (or pass --store)")
        self.path.mkdir(parents=True, exist_ok=True)
        self._lock_file = open(self.path / "lock", "a+")
        mode = fcntl.LOCK_EX if writable else fcntl.LOCK_SH
        try:
            fcntl.flock(self._lock_file, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock_file.close()
            what = "another kg process is using it (close the shell or server)" if writable else (
                "a build is writing to it; wait for it to finish")
            raise StoreError(f"the store at {self.path} is locked: {what}") from None
        undo_interrupted_swap(self.path)
        try:
            self._store = ox.Store(str(db)) if writable or create else ox.Store.read_only(str(db))
        except OSError as error:
            self._release()
            raise StoreError(f"cannot open the store at {self.path}: {error}") from None
        except RuntimeError as error:  # RocksDB reports a damaged database as "Corruption: ..."
            self._release()
            if not str(error).startswith("Corruption"):
                raise
            raise StoreError(damaged_store_message(self.path, str(error))) from None

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for code that needs its full API (bulk loads, benchmarks)."""
        return self._store

    def query(self, sparql: str, *, timeout: float | None = None, prefixes: bool = True):
        # A query with FROM or FROM NAMED gets the dataset it names; Oxigraph would replace it by the union.
        return self._store.query(
            sparql, prefixes=PREFIXES if prefixes else None, use_default_graph_as_union=not has_dataset_clause(sparql)
        )

    def update(self, sparql: str) -> None:
        self._check_writable()
        with self._relabelling():
            self._store.update(sparql, prefixes=PREFIXES)

    def apply(self, changes: ChangeSet) -> None:
        """Writes through Oxigraph's quad API into a copy of the database: parsing the change as one
        SPARQL update cost 10-28 ms an article."""
        self._check_writable()
        if not changes.is_empty():
            self._rewrite(lambda database: _write_changes(database, changes))

    def dump(self, output, format: ox.RdfFormat, graph: str | None = None) -> None:
        if graph is not None:
            self._store.dump(output, format, from_graph=ox.NamedNode(graph))
        elif format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD):
            self._store.dump(output, format)
        else:
            # Triple formats flatten the union of all graphs.
            quads = self._store.quads_for_pattern(None, None, None, None)
            ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), output, format)

    def load(self, input, format: ox.RdfFormat, graph: str | None = None) -> None:
        self._check_writable()
        # Store.load parses everything before writing, in one transaction: a malformed file loads nothing.
        with self._relabelling():
            self._store.load(input, format, to_graph=ox.NamedNode(graph) if graph else None)
            self._store.flush()

    def load_file(self, path: os.PathLike, format: ox.RdfFormat, graph: str | None = None) -> None:
        """Loads a whole file with Oxigraph's bulk loader, all or nothing: several times faster than
        `load`, and the file's changes are not held in memory."""
        self._check_writable()
        self._rewrite(lambda database: database.bulk_load(
            path=path, format=format, to_graph=ox.NamedNode(graph) if graph else None))

    def _rewrite(self, write) -> None:
        """Runs `write` on a copy of the database and swaps the copy in once `write` is done.

        Oxigraph's fast writers (bulk loads, graph removal) have no transaction: killed halfway,
        they leave part of their work behind. On a copy (a checkpoint: hard links, no data copied)
        that part is thrown away, and the database in use is never touched.
        """
        db, next_db, previous_db = (self.path / name for name in (DATABASE, NEXT_DATABASE, PREVIOUS_DATABASE))
        for leftover in (next_db, previous_db):  # from a write killed before its swap or its clean-up
            shutil.rmtree(leftover, ignore_errors=True)
        self._store.backup(str(next_db))
        try:
            copy = ox.Store(str(next_db))
            write(copy)
            copy.flush()
            _write_label_index(copy, next_db)
            del copy  # RocksDB must let go of both databases before they move
        except BaseException:
            shutil.rmtree(next_db, ignore_errors=True)
            raise
        self.__dict__.pop("_store")
        try:
            # Killed between these two renames, the store has no database: the next open puts
            # the previous one back (undo_interrupted_swap).
            os.rename(db, previous_db)
            os.rename(next_db, db)
            sync_directory(self.path)
            shutil.rmtree(previous_db, ignore_errors=True)  # the write is done; the next one clears what stays
        finally:
            undo_interrupted_swap(self.path)
            self._store = ox.Store(str(db))

    def label_index(self) -> LabelIndex | None:
        return LabelIndex.open(self.path / DATABASE / LABEL_INDEX)

    @contextlib.contextmanager
    def _relabelling(self):
        """Around an in-place write: the label index goes first, so that a crash mid-write leaves
        no index rather than a stale one (readers then build one in memory), and comes back after."""
        self._drop_label_index()
        try:
            yield
        finally:  # a write that failed changed nothing, and the index it took away comes back
            _write_label_index(self._store, self.path / DATABASE)

    def _drop_label_index(self) -> None:
        index = self.path / DATABASE / LABEL_INDEX
        with contextlib.suppress(FileNotFoundError):
            index.unlink()
            sync_directory(index.parent)

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def quads(self, graph: str | None = None):
        # Straight from the indexes, graph by graph: several times faster than a SPARQL SELECT.
        graphs = [ox.NamedNode(graph)] if graph else self._store.named_graphs()
        for name in graphs:
            yield from self._store.quads_for_pattern(None, None, None, name)

    def release_database(self) -> Path:
        """Closes the database but keeps the lock, so a child process (`kg serve`) can open it.

        A writable child changes the database behind the label index's back, so the index goes
        (the next kg write puts it back; readers meanwhile build one in memory)."""
        self.__dict__.pop("_store", None)
        if self.writable:
            self._drop_label_index()
        return self.path / DATABASE

    def close(self) -> None:
        store = self.__dict__.pop("_store", None)
        del store
        self._release()

    def _release(self) -> None:
        if not self._lock_file.closed:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            self._lock_file.close()

    def __del__(self):
        if "_lock_file" in self.__dict__:
            self._release()


def _write_changes(database: ox.Store, changes: ChangeSet) -> None:
    for iri in changes.articles:
        graph = ox.NamedNode(iri)
        if database.contains_named_graph(graph):
            database.remove_graph(graph)
    meta = ox.NamedNode(META_GRAPH)
    for subject in changes.meta_subjects:
        for quad in list(database.quads_for_pattern(ox.NamedNode(subject), None, None, meta)):
            database.remove(quad)
    database.bulk_extend(changes.inserted())
    for operation in changes.cleanup:
        database.update(operation, prefixes=PREFIXES)


def _write_label_index(database: ox.Store, folder: Path) -> None:
    write_index(lambda sparql: database.query(sparql), folder / LABEL_INDEX)


def damaged_store_message(store_path: Path, reason: str) -> str:
    """What to do about a database RocksDB cannot read: kg never deletes it itself (no data is lost)."""
    reason = " ".join(reason.replace("Corruption: ", "").split())
    previous = store_path / PREVIOUS_DATABASE
    if previous.exists():
        remedy = (f"restore the previous copy: move {store_path / DATABASE} away and rename {previous} "
                  f"to {store_path / DATABASE}")
    else:
        remedy = f"move {store_path} away (or delete it) and rebuild it with `kg build ARTICLES --store {store_path}`"
    return f"the store at {store_path} is damaged ({reason}): {remedy}"


def undo_interrupted_swap(store_path: Path) -> None:
    """Puts the previous database back if a bulk load was killed in the middle of its swap."""
    if not (store_path / DATABASE).exists() and (store_path / PREVIOUS_DATABASE).exists():
        with contextlib.suppress(FileNotFoundError):  # another reader, opening at the same time, did it first
            os.rename(store_path / PREVIOUS_DATABASE, store_path / DATABASE)


def sync_directory(path: Path) -> None:
    """Makes renames inside `path` durable before anything relies on them."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
