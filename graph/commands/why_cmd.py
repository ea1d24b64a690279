import json

import click

from graph.commands.options import store_options


@click.command(name="why")
@click.argument("subject")
@click.argument("relation")
@click.argument("object")
@click.option("--json", "as_json", is_flag=True, help="Print the claims as JSON.")
@store_options
def command(subject, relation, object, as_json, open_graph):
    """Show every claim that supports SUBJECT RELATION OBJECT.

    Entities are given by name, alias, `e:key`, `<IRI>` or full IRI: each claim comes with its
    article, quote, character offsets, modality and confidence.

    \b
    Example:
        kg why "Sequoia" investedIn xAI
        kg why "Elon Musk" sued OpenAI --json
    """
    from graph.errors import UserError
    from graph.provenance import why

    with open_graph() as store:
        claims = why(store, subject, relation, object)
        sources = _source_labels(store, {claim["source"] for claim in claims if claim["source"]})
    if as_json:
        click.echo(json.dumps(claims, indent=2, ensure_ascii=False))
    for claim in [] if as_json else claims:
        source = f" (according to {sources[claim['source']]})" if claim["source"] else ""
        click.echo(f"[{claim['modality']} {claim['confidence']:.2f}]{source} {claim['title'] or claim['article']}")
        click.echo(f"  {claim['article']}  chars {claim['start']}-{claim['end']}")
        click.echo(f"  « {claim['quote']} »")
    if not claims:
        raise UserError(f"no claim supports {subject} {relation} {object}")
    if not as_json:
        articles = {claim["article"] for claim in claims}
        click.echo(f"{len(claims)} claim(s) from {len(articles)} article(s).")


def _source_labels(store, iris: set[str]) -> dict[str, str]:
    """Each source entity's label ("Reuters"), or the end of its IRI when it has none."""
    labels = {iri: iri.rsplit("/", 1)[-1] for iri in iris}
    if iris:
        values = " ".join(f"<{iri}>" for iri in iris)
        for row in store.query(f"SELECT ?e ?l WHERE {{ VALUES ?e {{ {values} }} ?e rdfs:label ?l }}"):
            labels[row["e"].value] = row["l"].value
    return labels
