"""Scoring the graph against an annotated gold file (format: tests/gold/README.md).

Claims are compared as (article, subject, relation, object) triples, `partnersWith` in either
direction. Gold entities are named by label, alias or key and matched to the graph's entities by
key, label or alternative label. Modality is scored on the gold claims that were found.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import UserError
from graph.namespaces import ARTICLE, CORE_RELATIONS, EDGE_MODALITIES, ENTITY, META_GRAPH, MODALITIES, RELATIONS, SYMMETRIC_RELATIONS
from graph.textfile import read_text

Triple = tuple[str, str, str, str]  # article id, subject key, relation, object key


@dataclass(frozen=True)
class GoldClaim:
    subject: str
    relation: str
    object: str
    modality: str
    source: str | None = None


@dataclass
class GoldArticle:
    article: str
    claims: list[GoldClaim]
    text: str | None = None


@dataclass
class RelationScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    relations: dict[str, RelationScore] = field(default_factory=dict)
    modality_correct: int = 0
    modality_total: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    modality_errors: list[str] = field(default_factory=list)
    false_edges: list[str] = field(default_factory=list)  # asserted edges the gold calls hedged or negated

    @property
    def modality_accuracy(self) -> float:
        return self.modality_correct / self.modality_total if self.modality_total else 1.0

    @property
    def total(self) -> RelationScore:
        score = RelationScore()
        for s in self.relations.values():
            score.tp, score.fp, score.fn = score.tp + s.tp, score.fp + s.fp, score.fn + s.fn
        return score


def load_gold(path: Path) -> list[GoldArticle]:
    if not path.is_file():
        raise UserError(f"{path}: no such gold file")
    articles = []
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise UserError(f"{where}:{error.colno}: invalid JSON: {error.msg}") from None
        if not isinstance(row, dict) or not isinstance(row.get("article"), str) or not isinstance(row.get("claims"), list):
            raise UserError(f"{where}: a gold line needs an \"article\" string and a \"claims\" list")
        claims = [_gold_claim(claim, where) for claim in row["claims"]]
        articles.append(GoldArticle(row["article"], claims, row.get("text")))
    if not articles:
        raise UserError(f"{path}: the gold file holds no article")
    return articles


def _gold_claim(claim, where: str) -> GoldClaim:
    if not isinstance(claim, dict) or not all(isinstance(claim.get(k), str) for k in ("subject", "relation", "object")):
        raise UserError(f"{where}: each claim needs \"subject\", \"relation\" and \"object\" strings")
    if claim["relation"] not in RELATIONS:
        raise UserError(f"{where}: unknown relation {claim['relation']!r} (one of {', '.join(RELATIONS)})")
    modality = claim.get("modality", "Asserted")
    if modality not in MODALITIES:
        raise UserError(f"{where}: unknown modality {modality!r} (one of {', '.join(MODALITIES)})")
    return GoldClaim(claim["subject"], claim["relation"], claim["object"], modality, claim.get("source"))


def build_texts(gold: list[GoldArticle], store) -> None:
    """Build the gold's own paragraphs into `store`, one article file per gold line."""
    from graph.build import build

    with tempfile.TemporaryDirectory(prefix="kg-eval-") as folder:
        for article in gold:
            Path(folder, f"{article.article}.txt").write_text(article.text, encoding="utf-8")
        report = build([folder], store, force=True)
    if report.errors:
        raise UserError(f"gold paragraph {report.errors[0]}")


def _key_index(store) -> dict[str, str]:
    """fold(label or alias or key) -> entity key, for every entity in the graph."""
    from graph.extract.text import fold

    rows = store.query(
        f"SELECT ?e ?name WHERE {{ GRAPH <{META_GRAPH}> {{ ?e rdfs:label|skos:altLabel ?name }} }}"
    )
    index = {}
    for row in rows:
        key = row["e"].value.removeprefix(ENTITY)
        index.setdefault(fold(row["name"].value), key)
        index.setdefault(fold(key), key)
    return index


def _predicted(store, articles: set[str]) -> dict[Triple, set[str]]:
    rows = store.query(
        """SELECT ?article ?s ?p ?o ?modality WHERE {
             ?c a kg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                kg:modality ?modality ; prov:wasDerivedFrom ?article .
           }"""
    )
    found: dict[Triple, set[str]] = defaultdict(set)
    for row in rows:
        article = row["article"].value.removeprefix(ARTICLE)
        if article not in articles:
            continue
        relation = row["p"].value.rsplit("#", 1)[-1]
        triple = _normal(article, row["s"].value.removeprefix(ENTITY), relation, row["o"].value.removeprefix(ENTITY))
        found[triple].add(row["modality"].value.rsplit("#", 1)[-1])
    return found


def _normal(article: str, subject: str, relation: str, obj: str) -> Triple:
    if relation in SYMMETRIC_RELATIONS and obj < subject:
        subject, obj = obj, subject
    return (article, subject, relation, obj)


def evaluate(gold: list[GoldArticle], store) -> Report:
    from graph.extract.lexicon import lexicon
    from graph.extract.text import fold, slug

    rows = store.query(f"SELECT ?a WHERE {{ GRAPH <{META_GRAPH}> {{ ?a a kg:Article }} }}")
    stored = {row["a"].value.removeprefix(ARTICLE) for row in rows}
    missing = [a.article for a in gold if a.article not in stored]
    if missing:
        raise UserError(f"article {missing[0]} of the gold is not in the store: build it first (kg build)")
    index = _key_index(store)
    known = lexicon()

    def key(name: str) -> str:
        return index.get(fold(name)) or known.lookup(name) or slug(name)

    expected: dict[Triple, set[str]] = defaultdict(set)
    for article in gold:
        for claim in article.claims:
            expected[_normal(article.article, key(claim.subject), claim.relation, key(claim.object))].add(claim.modality)
    predicted = _predicted(store, {a.article for a in gold})
    relations = sorted(set(CORE_RELATIONS) | {t[2] for t in expected})
    predicted = {t: m for t, m in predicted.items() if t[2] in relations}

    report = Report(relations={r: RelationScore() for r in relations})
    for triple in sorted(set(expected) | set(predicted)):
        score = report.relations[triple[2]]
        shown = f"{triple[0]}: {triple[1]} {triple[2]} {triple[3]}"
        if triple in expected and triple in predicted:
            score.tp += 1
            for modality in sorted(expected[triple]):
                report.modality_total += 1
                if modality in predicted[triple]:
                    report.modality_correct += 1
                else:
                    report.modality_errors.append(f"{shown} (gold {modality}, graph {'/'.join(sorted(predicted[triple]))})")
            if not expected[triple] & set(EDGE_MODALITIES) and predicted[triple] & set(EDGE_MODALITIES):
                report.false_edges.append(shown)
        elif triple in expected:
            score.fn += 1
            report.misses.append(f"{shown} ({'/'.join(sorted(expected[triple]))})")
        else:
            score.fp += 1
            report.false_positives.append(f"{shown} ({'/'.join(sorted(predicted[triple]))})")
    return report


def format_report(report: Report) -> str:
    lines = [f"{'relation':<14} {'P':>6} {'R':>6} {'F1':>6} {'TP':>4} {'FP':>4} {'FN':>4}"]
    for name, s in list(report.relations.items()) + [("all", report.total)]:
        lines.append(f"{name:<14} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} {s.tp:>4} {s.fp:>4} {s.fn:>4}")
    lines.append(f"modality accuracy: {report.modality_accuracy:.3f} ({report.modality_correct}/{report.modality_total})")
    for title, items in (
        ("misses", report.misses),
        ("false positives", report.false_positives),
        ("modality errors", report.modality_errors),
        ("asserted edges from hedged or negated claims", report.false_edges),
    ):
        lines.append(f"{title} ({len(items)}):")
        lines += [f"  {item}" for item in items]
    return "\n".join(lines)


def failures(report: Report, min_precision: float | None, min_recall: float | None, min_modality: float | None) -> list[str]:
    """The thresholds the report misses, per core relation that the gold or the graph holds."""
    failed = []
    for name, s in report.relations.items():
        if s.tp + s.fp + s.fn == 0:
            continue
        if min_precision is not None and s.precision < min_precision:
            failed.append(f"{name} precision {s.precision:.3f} < {min_precision}")
        if min_recall is not None and s.recall < min_recall:
            failed.append(f"{name} recall {s.recall:.3f} < {min_recall}")
    if min_modality is not None and report.modality_accuracy < min_modality:
        failed.append(f"modality accuracy {report.modality_accuracy:.3f} < {min_modality}")
    return failed
