"""Checking the graph against the SHACL shapes of ontology.ttl, with pyshacl.

This is the only module that imports pyshacl; it is loaded by `kg validate` alone, never by the shell.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
import rdflib
from rdflib.namespace import SH

from graph.errors import UserError
from graph.namespaces import PREFIXES
from graph.store import GraphStore

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology.ttl"
SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
RANK = {name: rank for rank, name in enumerate(SEVERITIES.values())}
# The longest namespace wins, so `claim:` is preferred to a shorter prefix of the same IRI.
_NAMESPACES = sorted(PREFIXES.items(), key=lambda item: len(item[1]), reverse=True)


@dataclass(frozen=True, order=True)
class Finding:
    """One SHACL result, with its terms already shortened for people (`claim:...`, `kg:quote`)."""

    severity: str
    focus: str
    path: str
    value: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"severity": self.severity, "focus": self.focus, "path": self.path, "value": self.value, "message": self.message}


@dataclass
class Report:
    findings: list[Finding]
    triples: int

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "Violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations


def load_shapes(path: str | Path = ONTOLOGY) -> rdflib.Graph:
    """The ontology and its shapes; a syntax error becomes a one-line UserError naming file and line."""
    shapes = rdflib.Graph()
    try:
        shapes.parse(str(path), format="turtle")
    except FileNotFoundError:
        raise UserError(f"{path}: no such shapes file") from None
    except Exception as error:  # rdflib raises several unrelated types for bad Turtle
        # rdflib appends the whole remaining input after " at ^ in:"; the line number comes before it
        raise UserError(f"{path}: not valid Turtle: {_one_line(error).split(' at ^ in:')[0]}") from None
    return shapes


def store_graph(store: GraphStore) -> rdflib.Graph:
    """The union of the store's named graphs as one rdflib Graph.

    One graph rather than a Dataset: pyshacl validates each graph of a Dataset on its own, and a
    claim (article graph) must be checked together with its entities (meta graph).
    """
    triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    # rdflib logs a traceback for each ill-typed literal ("2024-02-30"^^xsd:date) it parses;
    # validate_graph reports them as violations instead.
    logging.getLogger("rdflib.term").disabled = True
    data = rdflib.Graph()
    data.parse(data=triples.serialize(format=pyoxigraph.RdfFormat.N_TRIPLES), format="nt")
    return data


def validate_graph(data: rdflib.Graph, shapes: rdflib.Graph) -> Report:
    """Validate `data` against `shapes`. `data` is modified: the ontology is mixed into it."""
    from pyshacl import validate

    # pyshacl logs its errors to stderr as well as raising them; the CLI prints them once, on one line.
    logging.getLogger("pyshacl-validate").disabled = True
    triples = len(data)
    ill_typed = _ill_typed_literals(data)
    # The ontology is mixed into the data so that SHACL sees rdfs:subClassOf (a kg:Company is a
    # kg:Entity) and the declared relations without running a reasoner; in place, as copying a
    # large graph costs more than the validation itself.
    _, results, _ = validate(
        data, shacl_graph=shapes, ont_graph=shapes, inference="none", inplace=True,
        allow_warnings=True, allow_infos=True,
    )
    if isinstance(results, Exception):  # pyshacl returns, rather than raises, a ValidationFailure
        raise results
    findings = sorted(
        [*ill_typed, *(_finding(results, result) for result in results.subjects(SH.resultSeverity, None))],
        key=lambda finding: (RANK[finding.severity], finding),
    )
    return Report(findings=findings, triples=triples)


def validate_store(store: GraphStore, shapes_path: str | Path = ONTOLOGY) -> Report:
    from pyparsing import ParseException
    from pyshacl.errors import ReportableRuntimeError

    shapes = load_shapes(shapes_path)
    try:
        return validate_graph(store_graph(store), shapes)
    except ReportableRuntimeError as error:
        raise UserError(f"{shapes_path}: not valid SHACL: {_one_line(error.message.splitlines()[0])}") from None
    except ParseException as error:  # the query of a sh:sparql constraint
        raise UserError(f"{shapes_path}: a SPARQL constraint does not parse: {_one_line(error)}") from None


def _ill_typed_literals(data: rdflib.Graph) -> list[Finding]:
    """Literals whose text is not a value of their datatype: SHACL's sh:datatype would catch them
    only where a shape looks, and any of them breaks whatever reads the graph."""
    return [
        Finding("Violation", shorten(s), shorten(p), shorten(o), f"not a valid {shorten(o.datatype)}")
        for s, p, o in data
        if isinstance(o, rdflib.Literal) and o.ill_typed
    ]


def _finding(results: rdflib.Graph, result) -> Finding:
    def term(predicate) -> str:
        value = results.value(result, predicate)
        return shorten(value) if value is not None else ""

    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    return Finding(
        severity=SEVERITIES.get(results.value(result, SH.resultSeverity), "Violation"),
        focus=term(SH.focusNode),
        path=term(SH.resultPath),
        value=term(SH.value),
        message=messages[0] if messages else term(SH.sourceConstraintComponent),
    )


def shorten(term) -> str:
    """A term as a person would write it in a query: `e:xai`, `kg:quote`, `"1.5"`."""
    if isinstance(term, rdflib.URIRef):
        for prefix, namespace in _NAMESPACES:
            if term.startswith(namespace):
                return f"{prefix}:{term[len(namespace):]}"
        return f"<{term}>"
    if isinstance(term, rdflib.Literal):
        text = str(term)
        return f'"{text[:60]}…"' if len(text) > 60 else f'"{text}"'
    return "[]"  # a blank node: a complex path or an anonymous value


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())
