"""Results as text: an aligned table (IRIs compacted, entity labels beside them), vertical records,
CSV/TSV/JSON/JSON lines for machines, Turtle for CONSTRUCT and DESCRIBE."""

from __future__ import annotations

import csv
import io
import json

from graph.namespaces import PREFIXES, XSD
from graph.repl.executor import Result
from graph.repl.index import compact

FORMATS = ("table", "vertical", "csv", "tsv", "json", "jsonl")
HUMAN_FORMATS = ("table", "vertical")
_INTEGER_TYPES = {XSD + name for name in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger")}
_FLOAT_TYPES = {XSD + name for name in ("decimal", "double", "float")}


def render(result: Result, fmt: str, labels: dict[str, str] | None = None) -> str:
    """The whole result as text (ending with a newline, empty for an empty machine-format result)."""
    labels = labels or {}
    if result.kind == "update":
        return "OK\n"
    if result.kind == "graph":
        return turtle(result.triples)
    if result.kind == "ask":
        return json.dumps(result.boolean) + "\n" if fmt in ("json", "jsonl") else ("yes\n" if result.boolean else "no\n")
    return _SELECT_RENDERERS[fmt](result, labels)


def footer(result: Result) -> str:
    """`3 rows in 0.004 s`."""
    if result.kind == "select":
        count = f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}"
    elif result.kind == "graph":
        count = f"{len(result.triples)} triple{'s' if len(result.triples) != 1 else ''}"
    else:
        count = "answered" if result.kind == "ask" else "done"
    took = f"{result.elapsed * 1000:.1f} ms" if result.elapsed < 1 else f"{result.elapsed:.2f} s"
    return f"{count} in {took}"


def turtle(triples) -> str:
    import pyoxigraph as ox

    if not triples:
        return "# no triples\n"
    return ox.serialize(triples, None, ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode()


def human(term, labels: dict[str, str]) -> str:
    """A term for people: `e:xai (xAI)`, literal values without quotes, blank for unbound."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        name = compact(term.value)
        label = labels.get(term.value)
        return f"{name} ({label})" if label else name
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def plain(term) -> str:
    """A term for machines: full IRI or lexical value."""
    if term is None:
        return ""
    return term.value if hasattr(term, "value") else str(term)


def jsonable(term):
    """Numbers and booleans as JSON values, everything else as its plain string; unbound is null."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype in _FLOAT_TYPES:
                return float(term.value)
            if datatype == XSD + "boolean":
                return term.value in ("true", "1")
        except ValueError:
            pass
    return plain(term)


def _table(result: Result, labels) -> str:
    from tabulate import tabulate

    if not result.variables:
        return ""
    rows = [[human(term, labels) for term in row] for row in result.rows]
    return tabulate(rows, headers=result.variables, tablefmt="psql", disable_numparse=True) + "\n"


def _vertical(result: Result, labels) -> str:
    width = max((len(v) for v in result.variables), default=0)
    lines = []
    for number, row in enumerate(result.rows, 1):
        lines.append(f"{'*' * 10} row {number} {'*' * 10}")
        lines += [f"{var.rjust(width)}: {human(term, labels)}" for var, term in zip(result.variables, row)]
    return "\n".join(lines) + "\n" if lines else ""


def _csv(result: Result, labels) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.variables)
    writer.writerows([plain(term) for term in row] for row in result.rows)
    return out.getvalue()


def _tsv(result: Result, labels) -> str:
    # TSV has no quoting: tabs and newlines inside values become spaces, one row per line.
    def cell(term) -> str:
        return plain(term).replace("\t", " ").replace("\r", " ").replace("\n", " ")

    lines = ["\t".join(result.variables)] + ["\t".join(cell(term) for term in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json(result: Result, labels) -> str:
    return json.dumps(_records(result), ensure_ascii=False, indent=2) + "\n"


def _jsonl(result: Result, labels) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in _records(result))


def _records(result: Result) -> list[dict]:
    return [dict(zip(result.variables, (jsonable(term) for term in row))) for row in result.rows]


_SELECT_RENDERERS = {
    "table": _table,
    "vertical": _vertical,
    "csv": _csv,
    "tsv": _tsv,
    "json": _json,
    "jsonl": _jsonl,
}
assert set(_SELECT_RENDERERS) == set(FORMATS)
