import click

from graph.commands.options import store_options


@click.command(name="retract")
@click.argument("articles", nargs=-1, required=True)
@store_options
def command(articles, open_graph):
    """Drop the claims and edges of one or more articles (by id, file name or IRI).

    An edge that another article also supports stays, in that article's graph.

    \b
    Example:
        kg retract 002_4257ad5b048eb414
    """
    from graph.build import retract
    from graph.errors import UserError

    missing = []
    with open_graph(writable=True) as store:
        for article in articles:
            if retract(store, article):
                click.echo(f"retracted {article}")
            else:
                missing.append(article)
    if missing:
        raise UserError(f"no article {', '.join(missing)} in the graph (see `kg stats`)")
