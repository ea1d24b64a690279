"""Dot-commands that browse the graph: prefixes, classes, relations, entities, one entity, the claims
behind an edge, the articles, statistics, query plans and the network view."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from graph.errors import UserError
from graph.namespaces import META_GRAPH, PREFIXES, sparql_prefixes
from graph.repl.index import compact
from graph.repl.special.main import special_command


@special_command(".prefixes", ".prefixes", "List the predeclared prefixes.")
def prefixes(shell):
    shell.table([(f"{name}:", iri) for name, iri in PREFIXES.items()], ("prefix", "IRI"))


@special_command(".classes", ".classes", "List the classes in the graph with their instance counts.")
def classes(shell):
    shell.table([(compact(iri), n) for iri, n in shell.ensure_index().classes], ("class", "instances"))


@special_command(".relations", ".relations", "List the relations with their edge and claim counts.")
def relations(shell):
    from graph.namespaces import RELATIONS
    from graph.stats import stats

    counts = stats(shell.store)
    edges, claims = counts.get("edges per relation", {}), counts.get("claims per relation", {})
    rows = [(f"kg:{name}", edges.get(name, 0), claims.get(name, 0)) for name in RELATIONS]
    shell.table(rows, ("relation", "edges", "claims"))


@special_command(".entities", ".entities [FILTER]", "List entities, optionally those whose name matches FILTER.",
                 args=("entity",))
def entities(shell, text=""):
    index = shell.ensure_index()
    found = index.find_entities(text, limit=None) if text else index.entities
    shell.table([(e.name, e.label, e.type) for e in found], ("entity", "label", "type"))


@special_command(".describe", ".describe ENTITY",
                 "Show an entity: types, labels, every relation in and out, and the articles that mention it.",
                 args=("entity",), raw=True)
def describe(shell, name):
    from graph.provenance import resolve_entity

    if not name:
        raise UserError("usage: .describe ENTITY (a name, e:key or <IRI>)")
    import pyoxigraph as ox

    iri = resolve_entity(shell.store, name)
    facts = shell.store.query(f"SELECT ?p ?o WHERE {{ GRAPH <{META_GRAPH}> {{ <{iri}> ?p ?o }} }} ORDER BY ?p ?o")
    by_property: dict[str, list[str]] = {}
    for row in facts:
        by_property.setdefault(compact(row["p"].value), []).append(
            compact(row["o"].value) if isinstance(row["o"], ox.NamedNode) else row["o"].value)
    lines = [f"{compact(iri)}  <{iri}>"]
    for title, prop in (("types", "rdf:type"), ("label", "rdfs:label"), ("also known as", "skos:altLabel"),
                        ("same as", "owl:sameAs")):
        if prop in by_property:
            lines.append(f"  {title}: {', '.join(by_property[prop])}")
    shell.printer.result("\n".join(lines) + "\n")
    claims = shell.store.query(f"""
SELECT ?direction ?relation ?other ?modality (COUNT(DISTINCT ?article) AS ?articles) WHERE {{
  {{ ?claim rdf:subject <{iri}> ; rdf:object ?other . BIND("out" AS ?direction) }}
  UNION {{ ?claim rdf:object <{iri}> ; rdf:subject ?other . BIND("in" AS ?direction) }}
  ?claim a kg:Claim ; rdf:predicate ?relation ; kg:modality ?modality ; prov:wasDerivedFrom ?article .
}} GROUP BY ?direction ?relation ?other ?modality ORDER BY DESC(?direction) ?relation ?other""")
    labels = shell.ensure_index().labels
    rows = [
        ("→" if row["direction"].value == "out" else "←", compact(row["relation"].value),
         _named(row["other"].value, labels), row["modality"].value.rsplit("#", 1)[-1], row["articles"].value)
        for row in claims
    ]
    shell.table(rows, ("", "relation", "other", "modality", "articles"), empty="no relations")
    sources = shell.store.query(f"""
SELECT ?article ?title WHERE {{
  GRAPH ?article {{ ?article schema:mentions <{iri}> }}
  OPTIONAL {{ GRAPH <{META_GRAPH}> {{ ?article dct:title ?title }} }}
}} ORDER BY ?article""")
    shell.table([(compact(r["article"].value), r["title"].value if r["title"] else "") for r in sources],
                ("source", "title"), empty="mentioned in no article")


@special_command(".why", ".why SUBJECT RELATION OBJECT",
                 "List the claims that support an edge, with article, quote, offsets, modality and confidence.",
                 args=("entity", "relation", "entity"))
def why(shell, subject, relation, obj):
    from graph.provenance import why as supporting_claims

    claims = supporting_claims(shell.store, subject, relation, obj)
    if not claims:
        shell.printer.info(f"no claim supports {subject} {relation} {obj}")
        return
    lines = []
    for number, claim in enumerate(claims, 1):
        lines.append(f"{number}. «{claim['quote']}»")
        detail = [compact(claim["article"])] + ([claim["title"]] if claim["title"] else [])
        detail += [f"chars {claim['start']}–{claim['end']}", claim["modality"], f"confidence {claim['confidence']:.2f}"]
        if claim["source"]:
            detail.append(f"according to {_named(claim['source'], shell.ensure_index().labels)}")
        lines.append("   " + " · ".join(detail))
    shell.printer.result("\n".join(lines) + "\n", rows=len(claims))


@special_command(".sources", ".sources", "List the articles the graph was built from.")
def sources(shell):
    rows = shell.store.query(f"""
SELECT ?article ?file ?title ?date ?publisher (COUNT(DISTINCT ?claim) AS ?claims) WHERE {{
  GRAPH <{META_GRAPH}> {{
    ?article a kg:Article .
    OPTIONAL {{ ?article kg:fileName ?file }} OPTIONAL {{ ?article dct:title ?title }}
    OPTIONAL {{ ?article dct:date ?date }} OPTIONAL {{ ?article dct:publisher ?publisher }}
  }}
  OPTIONAL {{ GRAPH ?article {{ ?claim a kg:Claim }} }}
}} GROUP BY ?article ?file ?title ?date ?publisher ORDER BY ?file""")
    table = [
        (compact(r["article"].value), *(r[v].value if r[v] else "" for v in ("title", "date", "publisher")),
         r["claims"].value)
        for r in rows
    ]
    shell.table(table, ("article", "title", "date", "publisher", "claims"), empty="no articles")


@special_command(".stats", ".stats", "Count entities per class, claims per relation, modality and article.")
def stats(shell):
    from graph.stats import stats as graph_stats

    for section, counts in graph_stats(shell.store).items():
        shell.printer.info(section)
        shell.table(list(counts.items()), ("", "count"), empty="  (none)")


@special_command(".explain", ".explain QUERY", "Show Oxigraph's plan for QUERY, then run it and time it.",
                 raw=True)
def explain(shell, text):
    if not text:
        raise UserError("usage: .explain QUERY")
    shell.executor.guard(text)
    result = shell.executor.run(text)  # checks the syntax before we ask for a plan
    shell.printer.result(plan(text))
    from graph.repl.formatter import footer

    shell.printer.info(f"executed on the graph: {footer(result)}")


def plan(text: str) -> str:
    """The evaluation plan, from the `oxigraph` CLI run on an empty scratch store: the plan does not
    depend on the data, and the real store stays untouched by a second process."""
    # The CLI comes with the `oxigraph` wheel, next to the virtualenv's python.
    binary = shutil.which("oxigraph") or os.path.join(os.path.dirname(sys.executable), "oxigraph")
    if not os.path.exists(binary):
        raise UserError("the oxigraph command is not installed, so no plan can be shown (pip install oxigraph)")
    import pyoxigraph

    with tempfile.TemporaryDirectory(prefix="kg-explain-") as folder:
        pyoxigraph.Store(os.path.join(folder, "db")).flush()
        plan_file = os.path.join(folder, "plan.json")
        done = subprocess.run(
            [binary, "query", "--location", os.path.join(folder, "db"), "--union-default-graph",
             "--explain-file", plan_file, "--results-format", "tsv", "--query", sparql_prefixes() + text],
            capture_output=True, text=True, check=False)
        if done.returncode != 0 or not os.path.exists(plan_file):
            first_line = (done.stderr.strip().splitlines() or ["no explanation written"])[0]
            raise UserError(f"oxigraph could not explain the query: {first_line}")
        with open(plan_file, encoding="utf-8") as handle:
            tree = json.load(handle)
    lines: list[str] = []
    _tree_lines(tree["plan"], "", lines)
    return "\n".join(lines) + "\n"


def _tree_lines(node: dict, indent: str, lines: list[str]) -> None:
    lines.append(indent + _compact_iris(node["name"]))
    for child in node.get("children", []):
        _tree_lines(child, indent + "  ", lines)


def _compact_iris(text: str) -> str:
    return re.sub(r"<([^<>\s]+)>", lambda m: compact(m[1]), text)


@special_command(".viz", ".viz [QUERY | ENTITY]",
                 "Write the HTML network view (of a CONSTRUCT query, around an entity, or all) and print its path.",
                 args=("entity",), raw=True)
def viz(shell, text):
    try:
        from graph.viz import render_html
    except ImportError:
        raise UserError("the network view is unavailable in this version (graph.viz is not installed)") from None
    from graph import sparql_text

    options = {}
    if text and sparql_text.operation(text) in sparql_text.QUERY_FORMS:
        shell.executor.guard(text)
        options["construct"] = text
    elif text:
        from graph.provenance import resolve_entity

        options["entity"] = resolve_entity(shell.store, text)
    # what the page leaves out is said here too, as `kg viz` says it on stderr; the whole page is
    # drawn under the shell's --timeout and Ctrl-C, like a query
    path = shell.executor.call(lambda _: render_html(shell.store, notify=shell.printer.info, **options), None)
    shell.printer.info(f"wrote {path}")


def _named(iri: str, labels: dict[str, str]) -> str:
    label = labels.get(iri)
    return f"{compact(iri)} ({label})" if label else compact(iri)
