import click

from graph.commands.options import allow_network_option, store_options
from graph.repl.executor import DEFAULT_TIMEOUT


@click.command(name="viz")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="The HTML file to write [default: named after the request, in the current folder].")
@click.option("--entity", metavar="NAME", help="Draw this entity's neighbourhood (name, alias, e:key, <IRI> or IRI).")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True, help="How many links away from --entity to go.")
@click.option("--query", "construct", metavar="CONSTRUCT", help="Draw the triples of this CONSTRUCT query.")
@click.option("-f", "--file", "query_file", type=click.Path(), help="Read the CONSTRUCT query from this file.")
@click.option("--relations", metavar="REL,REL,...", help="Only these relation types, e.g. founded,investedIn.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True, help="Drop claims less confident than this.")
@click.option("--include-hedged", is_flag=True, help="Also draw hedged and negated claims (dashed).")
@click.option("--max-nodes", type=click.IntRange(min=1), default=2000, show_default=True, help="Keep only this many nodes, those with the most links.")
@click.option("--edges-per-node", type=click.IntRange(min=1), default=2, show_default=True, help="Draw at most this many links per node on average: each node's link toward --entity and its strongest links first.")
@click.option("--claims-per-edge", type=click.IntRange(min=1), default=5, show_default=True, help="Carry only this many quotes per edge, the most confident; the page counts the rest.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT, show_default=True, metavar="SECONDS", help="Give up after this many seconds.")
@allow_network_option
@store_options
def command(output, entity, depth, construct, query_file, relations, min_confidence, include_hedged, max_nodes,
            edges_per_node, claims_per_edge, timeout, allow_network, open_graph):
    """Write the graph as a self-contained HTML network, and print its path.

    The page works offline in any browser: hover an edge for its quote and articles, click a
    node for all its claims, search for a node, and show or hide relation types. What the page
    leaves out (--max-nodes, --edges-per-node) is said at its top and on stderr.

    \b
    Examples:
        kg viz
        kg viz --entity xAI --depth 2 -o xai.html
        kg viz --entity xAI --depth 2 --claims-per-edge 2
        kg viz --entity xAI --depth 2 --edges-per-node 5
        kg viz --relations founded,investedIn --min-confidence 0.6
        kg viz --query 'CONSTRUCT { ?s kg:investedIn ?o } WHERE { ?s kg:investedIn ?o }'
        kg viz -f investors.rq --include-hedged
    """
    from graph.errors import UserError
    from graph.repl.executor import Executor
    from graph.textfile import read_text
    from graph.viz import render_html

    if construct is not None and query_file is not None:
        raise UserError("give the CONSTRUCT query either with --query or with -f, not both")
    construct_name = "--query"
    if query_file is not None:
        construct, construct_name = read_text(query_file), query_file
    with open_graph() as store:
        executor = Executor(store, timeout=timeout, allow_network=allow_network)
        if construct is not None:
            executor.guard(construct)
        # The whole page under --timeout: Oxigraph cannot stop a query, the worker can be left behind.
        path = executor.call(lambda _: render_html(
            store, entity=entity, depth=depth, construct=construct, construct_name=construct_name, relations=relations,
            min_confidence=min_confidence, include_hedged=include_hedged, max_nodes=max_nodes,
            edges_per_node=edges_per_node, claims_per_edge=claims_per_edge, output=output,
            notify=lambda message: click.echo(f"kg: {message}", err=True),
        ), None)
    click.echo(str(path))
