import json

import click

from graph.commands.options import store_options


@click.command(name="stats")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@store_options
def command(as_json, open_graph):
    """Count entities per class, claims and edges per relation, claims per modality and per article.

    \b
    Example:
        kg stats
        kg stats --json | jq '."claims per relation"'
    """
    from graph.stats import stats

    with open_graph() as store:
        counts = stats(store)
    if as_json:
        click.echo(json.dumps(counts, indent=2, ensure_ascii=False))
        return
    lines = []  # echoed at once: thousands of articles make thousands of lines
    for section, items in counts.items():
        lines.append(f"{section}:")
        if not items:
            lines.append("  (none)")
        width = max((len(name) for name in items), default=0)
        lines += [f"  {name:<{width}}  {count:>7}" for name, count in items.items()]
    click.echo("\n".join(lines))
