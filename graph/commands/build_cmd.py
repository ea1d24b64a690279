import sys

import click

from graph.commands.options import store_options


@click.command(name="build")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--force", is_flag=True, help="Re-extract every article, even unchanged ones.")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1), help="NLP processes.")
@store_options
def command(paths, force, jobs, open_graph):
    """Extract claims from article files and directories (.txt, .md) into the store.

    Unchanged articles are skipped (their content hash is recorded); a changed article's graph is
    replaced. All writes happen in one transaction: an interrupted build leaves the previous graph.

    \b
    Example:
        kg build seeds/ my-articles/ --store ./kg-store
    """
    from graph.build import build

    with open_graph(writable=True, create=True) as store:
        report = build(list(paths), store, force=force, jobs=jobs, progress=_progress)
    for error in report.errors:
        click.echo(f"kg: skipped {error}", err=True)
    click.echo(
        f"{len(report.built)} article(s) built, {len(report.unchanged)} unchanged, "
        f"{len(report.errors)} failed; {report.claims} claim(s) extracted."
    )
    if report.errors:
        sys.exit(1)


def _progress(items, length):
    if not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, length=length, label="extracting", file=sys.stderr) as bar:
        yield from bar
