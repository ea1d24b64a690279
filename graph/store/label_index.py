"""The entity label index: a SQLite table of every entity's folded label, aliases and key, so that
finding an entity by a piece of its name is a B-tree lookup whatever the size of the graph.

The embedded store keeps it inside its database folder and rewrites it with every write, so it
always describes the database beside it (RocksDB leaves files it does not know alone). For a
SPARQL endpoint the same index is built in memory when the shell starts.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.namespaces import ENTITY, ENTITY_TYPES, KG, META_GRAPH, RDFS, SKOS, compact

FILE_NAME = "newsgraph-labels.sqlite"
_FORMAT = 1  # PRAGMA user_version: an index written by another layout is rebuilt, not misread

# When an entity has several types, the most telling one is shown.
_TYPE_ORDER = {name: rank for rank, name in enumerate(("Person", "Company", "InvestmentFund", "Product", "Place", "Organization"))}
assert set(_TYPE_ORDER) == set(ENTITY_TYPES)

_ENTITIES = f"""SELECT ?e ?label ?type WHERE {{ GRAPH <{META_GRAPH}> {{
  ?e <{RDFS}label> ?label . OPTIONAL {{ ?e a ?type FILTER(STRSTARTS(STR(?type), "{KG}")) }}
  FILTER(STRSTARTS(STR(?e), "{ENTITY}")) }} }}"""
_ALIASES = f"""SELECT ?e ?alias WHERE {{ GRAPH <{META_GRAPH}> {{
  ?e <{SKOS}altLabel> ?alias }} }}"""

_SCHEMA = f"""
CREATE TABLE entity (id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                     label TEXT NOT NULL, type TEXT NOT NULL, aliases TEXT NOT NULL);
-- whole = 1: a folded label, alias or key; whole = 0: one of its later words ("capital" in "sequoia capital")
CREATE TABLE term (text TEXT NOT NULL, entity INTEGER NOT NULL, whole INTEGER NOT NULL);
CREATE INDEX term_by_text ON term (text);
PRAGMA user_version = {_FORMAT};
"""
_ENTRY = "e.iri, e.name, e.label, e.type, e.aliases"
# Prefix of a whole text ranks 0, prefix of a later word 1: both are range scans of term_by_text.
_BY_PREFIX = f"""
SELECT {_ENTRY} FROM (SELECT entity, MIN(1 - whole) AS rank FROM term WHERE text >= ?1 AND text < ?2 GROUP BY entity) AS m
JOIN entity AS e ON e.id = m.entity ORDER BY m.rank, length(e.label), e.id LIMIT ?3"""
# The looser matches read every whole text: substring ranks 2, letters in order 3.
_ANY_MATCH = f"""
SELECT {_ENTRY} FROM (
  SELECT entity, MIN(CASE WHEN substr(text, 1, length(?1)) = ?1 THEN 0 WHEN instr(text, ?1) THEN 2 ELSE 3 END) AS rank
  FROM term WHERE whole = 1 AND text LIKE ?2 ESCAPE '\\' GROUP BY entity
  UNION ALL
  SELECT entity, 1 FROM term WHERE whole = 0 AND text >= ?1 AND text < ?3
) AS m JOIN entity AS e ON e.id = m.entity GROUP BY e.id ORDER BY MIN(m.rank), length(e.label), e.id LIMIT ?4"""
_ALIAS_SEPARATOR = "\x1f"


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Société" and "societe" match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class EntityEntry:
    iri: str
    name: str  # compact form, e.g. e:sequoia-capital
    label: str
    type: str
    aliases: tuple[str, ...] = ()

    @property
    def meta(self) -> str:
        return f"{self.label} · {self.type}" if self.type else self.label


class LabelIndex:
    def __init__(self, connection: sqlite3.Connection):
        self._db = connection
        self.labels = _Labels(connection)

    @classmethod
    def open(cls, path: Path) -> LabelIndex | None:
        """The index written at `path`, or None if there is none (or one this version cannot read)."""
        if not path.is_file():
            return None
        # immutable: the store's lock keeps writers away while this is open, so SQLite need not lock
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True, check_same_thread=False)
        try:
            if connection.execute("PRAGMA user_version").fetchone()[0] == _FORMAT:
                return cls(connection)
        except sqlite3.DatabaseError:
            pass
        connection.close()
        return None

    @classmethod
    def in_memory(cls, query: Callable[[str], Iterable]) -> LabelIndex:
        """The index of the entities that `query` (SPARQL SELECT -> rows) reads, kept in memory."""
        connection = sqlite3.connect(":memory:", check_same_thread=False)
        _fill(connection, _entries(query))
        return cls(connection)

    def find(self, text: str, limit: int | None = 50) -> list[EntityEntry]:
        """Entities whose label, alias or key matches `text`: prefix matches, then word starts,
        then substrings, then fuzzy (letters in order); shorter labels first within each.
        Without a limit, every match."""
        probe = fold(text.removeprefix("e:"))
        if not probe:
            return self.all(limit)
        after = probe + "\U0010ffff"
        if limit is not None:
            found = self._entries(_BY_PREFIX, (probe, after, limit))
            if len(found) == limit:
                return found
        letters = "%" + "%".join(_like_escaped(ch) for ch in probe) + "%"
        return self._entries(_ANY_MATCH, (probe, letters, after, _sql_limit(limit)))

    def all(self, limit: int | None = None) -> list[EntityEntry]:
        return self._entries(f"SELECT {_ENTRY} FROM entity AS e ORDER BY e.id LIMIT ?", (_sql_limit(limit),))

    def iris(self) -> Iterator[str]:
        return iter(self.labels)

    def _entries(self, sql: str, parameters: tuple) -> list[EntityEntry]:
        return [
            EntityEntry(iri, name, label, kind, tuple(aliases.split(_ALIAS_SEPARATOR)) if aliases else ())
            for iri, name, label, kind, aliases in self._db.execute(sql, parameters)
        ]


class _Labels(Mapping):
    """Entity IRI -> label, read from the index on demand (formatters look up a few per result)."""

    def __init__(self, connection: sqlite3.Connection):
        self._db = connection

    def __getitem__(self, iri: str) -> str:
        row = self._db.execute("SELECT label FROM entity WHERE iri = ?", (iri,)).fetchone()
        if row is None:
            raise KeyError(iri)
        return row[0]

    def __iter__(self) -> Iterator[str]:
        return (iri for (iri,) in self._db.execute("SELECT iri FROM entity"))

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM entity").fetchone()[0]


def write_index(query: Callable[[str], Iterable], path: Path) -> None:
    """Writes the index of the entities that `query` reads to `path`, all or nothing."""
    partial = path.with_name(path.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    connection = sqlite3.connect(partial)
    try:
        _fill(connection, _entries(query))
    finally:
        connection.close()
    os.replace(partial, path)


def _entries(query: Callable[[str], Iterable]) -> list[EntityEntry]:
    types: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for row in query(_ENTITIES):
        iri = row["e"].value
        names.setdefault(iri, row["label"].value)
        if row["type"] is not None:
            types.setdefault(iri, []).append(row["type"].value.rsplit("#", 1)[-1])
    aliases: dict[str, list[str]] = {}
    for row in query(_ALIASES):
        aliases.setdefault(row["e"].value, []).append(row["alias"].value)
    entries = []
    for iri, label in sorted(names.items(), key=lambda item: fold(item[1])):
        kinds = sorted(types.get(iri, []), key=lambda t: _TYPE_ORDER.get(t, len(_TYPE_ORDER)))
        entries.append(EntityEntry(iri, compact(iri), label, kinds[0] if kinds else "", tuple(aliases.get(iri, ()))))
    return entries


def _fill(connection: sqlite3.Connection, entries: list[EntityEntry]) -> None:
    connection.executescript(_SCHEMA)
    connection.executemany(
        "INSERT INTO entity VALUES (?, ?, ?, ?, ?, ?)",
        ((number, e.iri, e.name, e.label, e.type, _ALIAS_SEPARATOR.join(e.aliases)) for number, e in enumerate(entries)),
    )
    connection.executemany("INSERT INTO term VALUES (?, ?, ?)", _terms(entries))
    connection.commit()


def _terms(entries: list[EntityEntry]) -> Iterator[tuple[str, int, int]]:
    for number, entry in enumerate(entries):
        texts = dict.fromkeys(fold(text) for text in (entry.label, *entry.aliases, entry.name.removeprefix("e:")))
        words = {word for text in texts for word in text.replace("-", " ").split()[1:]}
        yield from ((text, number, 1) for text in texts)
        yield from ((word, number, 0) for word in words - texts.keys())


def _sql_limit(limit: int | None) -> int:
    return -1 if limit is None else limit  # SQLite reads a negative LIMIT as none


def _like_escaped(ch: str) -> str:
    return "\\" + ch if ch in "%_\\" else ch
