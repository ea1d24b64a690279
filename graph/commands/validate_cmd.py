import json

import click

from graph.commands.options import store_options


@click.command(name="validate")
@click.option(
    "--shapes",
    type=click.Path(dir_okay=False),
    help="A Turtle file of SHACL shapes to check against [default: ontology.ttl].",
)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option(
    "--limit", type=click.IntRange(min=0), default=50, show_default=True, metavar="N",
    help="Print at most this many findings (0: all of them).",
)
@store_options
def command(shapes, as_json, limit, open_graph):
    """Check the graph against the SHACL shapes of ontology.ttl.

    Prints "conforms", or one line per problem: severity, focus node, property path, offending
    value and message. Exits with status 1 when the graph has violations; warnings (relation ends
    of an unexpected type) are printed but do not fail.

    \b
    Examples:
        kg validate
        kg validate --store /tmp/other-store --limit 0
        kg validate --json | jq '.findings[] | select(.severity == "Violation")'
    """
    from graph.validate import ONTOLOGY, validate_store

    with open_graph() as store:
        report = validate_store(store, shapes or ONTOLOGY)
    if as_json:
        click.echo(json.dumps(
            {"conforms": report.conforms, "triples": report.triples, "findings": [f.to_dict() for f in report.findings]},
            indent=2, ensure_ascii=False,
        ))
    else:
        _print_text(report, limit)
    if not report.conforms:
        raise SystemExit(1)


def _print_text(report, limit: int) -> None:
    shown = report.findings if limit == 0 else report.findings[:limit]
    for finding in shown:
        where = " ".join(part for part in (finding.focus, finding.path) if part)
        value = f" = {finding.value}" if finding.value else ""
        click.echo(f"{finding.severity}: {where}{value}: {finding.message}")
    if len(shown) < len(report.findings):
        click.echo(f"... and {len(report.findings) - len(shown)} more (--limit 0 shows all)")
    warnings = f", {len(report.warnings)} warning(s)" if report.warnings else ""
    if report.conforms:
        click.echo(f"conforms ({report.triples} triples checked{warnings})")
    else:
        click.echo(f"does not conform: {len(report.violations)} violation(s){warnings} in {report.triples} triples")
