"""The RDF formats `kg export` writes and `kg import` reads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.errors import UserError


@dataclass(frozen=True)
class Format:
    name: str
    rdf: ox.RdfFormat
    extensions: tuple[str, ...]

    @property
    def lossless(self) -> bool:
        """Keeps the named graphs, i.e. which article each triple came from."""
        return self.rdf.supports_datasets


FORMATS = {
    f.name: f
    for f in (
        Format("trig", ox.RdfFormat.TRIG, (".trig",)),
        Format("nquads", ox.RdfFormat.N_QUADS, (".nq", ".nquads")),
        Format("jsonld", ox.RdfFormat.JSON_LD, (".jsonld", ".json")),
        Format("turtle", ox.RdfFormat.TURTLE, (".ttl", ".turtle")),
        Format("ntriples", ox.RdfFormat.N_TRIPLES, (".nt", ".ntriples")),
        Format("rdfxml", ox.RdfFormat.RDF_XML, (".rdf", ".owl", ".xml")),
    )
}


def format_for_path(path: str | Path) -> Format | None:
    suffix = Path(path).suffix.lower()
    return next((f for f in FORMATS.values() if suffix in f.extensions), None)


def resolve_format(name: str | None, path: str | Path | None) -> Format:
    """The format named on the command line, else the one the file extension implies."""
    if name:
        return FORMATS[name]
    found = format_for_path(path) if path else None
    if found is None:
        known = ", ".join(ext for f in FORMATS.values() for ext in f.extensions)
        raise UserError(f"{path}: cannot tell the RDF format from the extension (known: {known}); pass --format")
    return found
