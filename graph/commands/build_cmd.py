import sys

import click

from graph.commands.options import store_options


@click.command(name="build")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--force", is_flag=True, help="Re-extract every article, even unchanged ones.")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1), help="NLP processes.")
@click.option("--shard", metavar="I/N", callback=lambda ctx, param, value: _parse_shard(value),
              help="Build only shard I of N (1-based), e.g. one machine of a cluster: --shard 2/4.")
@click.option("--dask", "scheduler", metavar="ADDRESS",
              help="Run the extraction on the workers of this Dask scheduler, e.g. tcp://10.0.0.5:8786.")
@store_options
def command(paths, force, jobs, shard, scheduler, open_graph):
    """Extract claims from article files and directories (.txt, .md) into the store.

    Unchanged articles are skipped (their content hash is recorded); a changed article's graph is
    replaced. All writes happen in one transaction: an interrupted build leaves the previous graph.

    \b
    Example:
        kg build seeds/ my-articles/ --store ./kg-store
    """
    from graph.build import build

    if scheduler and jobs > 1:
        raise click.UsageError("-j and --dask do not combine: with --dask, the Dask workers do the extraction")
    with open_graph(writable=True, create=True) as store:
        if scheduler:
            from graph.distributed import build_on_dask

            report = build_on_dask(list(paths), store, scheduler, force=force, shard=shard, progress=_progress)
        else:
            report = build(list(paths), store, force=force, jobs=jobs, shard=shard, progress=_progress)
    for error in report.errors:
        click.echo(f"kg: skipped {error}", err=True)
    click.echo(
        f"{len(report.built)} article(s) built, {len(report.unchanged)} unchanged, "
        f"{len(report.errors)} failed; {report.claims} claim(s) extracted."
    )
    if report.errors:
        sys.exit(1)


def _parse_shard(value: str | None) -> tuple[int, int]:
    if value is None:
        return (1, 1)
    index, sep, count = value.partition("/")
    if not (sep and index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise click.BadParameter(f"{value!r} is not I/N with 1 <= I <= N, e.g. 2/4", param_hint="--shard")
    return (int(index), int(count))


def _progress(items, length):
    if not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, length=length, label="extracting", file=sys.stderr) as bar:
        yield from bar
