import sys
from pathlib import Path

import click

from graph.commands.options import store_options


@click.command(name="eval")
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--split", type=click.Choice(["dev", "test"]), help="With a gold folder: score GOLD/<split>.jsonl.")
@click.option("--min-precision", type=click.FloatRange(0, 1), help="Exit 1 if a relation's precision is lower.")
@click.option("--min-recall", type=click.FloatRange(0, 1), help="Exit 1 if a relation's recall is lower.")
@click.option("--min-modality", type=click.FloatRange(0, 1), help="Exit 1 if the modality accuracy is lower.")
@click.option("--strict", is_flag=True, help="Also exit 1 if an asserted edge comes from a claim the gold calls hedged or negated.")
@store_options
def command(gold, split, min_precision, min_recall, min_modality, strict, open_graph):
    """Score the graph against an annotated GOLD file (JSON lines, see tests/gold/README.md).

    Prints precision, recall and F1 per relation, the modality accuracy, and every miss and false
    positive. Gold lines that carry their own "text" are built into a temporary store first;
    otherwise the articles are read from the store (build them with `kg build` first).

    \b
    Example:
        kg build seeds/ && kg eval tests/gold/seeds.jsonl
        kg eval tests/gold --split test --min-precision 0.9 --min-recall 0.85
    """
    from graph.errors import UserError
    from graph.evaluate import build_texts, evaluate, failures, format_report, load_gold

    if gold.is_dir():
        if not split:
            raise UserError(f"{gold} is a folder: choose the file with --split dev|test")
        gold = gold / f"{split}.jsonl"
    articles = load_gold(gold)
    with_text = [a for a in articles if a.text is not None]
    if with_text and len(with_text) != len(articles):
        raise UserError(f"{gold}: either every gold line carries a \"text\" or none does")
    if with_text:
        import tempfile

        from graph.store import open_store

        with tempfile.TemporaryDirectory(prefix="kg-eval-store-") as folder:
            with open_store(folder, writable=True, create=True) as store:
                build_texts(articles, store)
                report = evaluate(articles, store)
    else:
        with open_graph() as store:
            report = evaluate(articles, store)
    click.echo(format_report(report))
    failed = failures(report, min_precision, min_recall, min_modality)
    if strict and report.false_edges:
        failed.append(f"{len(report.false_edges)} asserted edge(s) from hedged or negated claims")
    for reason in failed:
        click.echo(f"kg: eval: below threshold: {reason}", err=True)
    if failed:
        sys.exit(1)
