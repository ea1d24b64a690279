"""Trains the pair model (graph/extract/pairs.py) on gold paragraphs and writes data/pair_model.json.

    python -m graph.extract.train_pairs tests/gold/dev.jsonl [--folds 5] [--threshold 0.6]

Every ordered pair of entities that shares a sentence is a sample, labelled with the gold relation
from its first entity to its second, or "none". Needs scikit-learn (the `train` extra); reading the
model does not. With --folds, it first prints the cross-validated precision and recall of the
pairs no rule linked, grouped by paragraph so that no paragraph is both learnt and scored.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from graph.article import Article
from graph.errors import UserError
from graph.evaluate import load_gold
from graph.extract.data import DATA_DIR
from graph.extract.pairs import NONE
from graph.extract.text import fold, slug
from graph.namespaces import CORE_RELATIONS, SYMMETRIC_RELATIONS

MIN_COUNT = 2  # a feature seen once learns nothing that generalises


def samples(gold_path: Path) -> tuple[list[str], list[bool], list[list[str]], list[str]]:
    """(labels, linked by a rule, features, paragraph ids) of every pair the extractor reads."""
    from graph.extract import load_extractor
    from graph.extract.lexicon import lexicon

    gold = load_gold(gold_path)
    missing = next((g.article for g in gold if g.text is None), None)
    if missing is not None:
        raise UserError(f"{gold_path}: gold line {missing} has no \"text\" to train on")
    articles = [Article(id=g.article, path=g.article, text=g.text, title="", body=((0, len(g.text)),)) for g in gold]
    extractor = load_extractor()
    extractor.pair_log = []
    relations_by_article = {}
    for paragraph, (_, extraction) in zip(gold, extractor.extract_many(articles)):
        names = {}
        for entity in extraction.entities.values():
            for name in (entity.label, entity.key, *entity.aliases):
                names.setdefault(fold(name), entity.key)

        def key(name: str) -> str:
            return names.get(fold(name)) or lexicon().lookup(name) or slug(name)

        relations = {}
        for claim in paragraph.claims:
            if claim.relation not in CORE_RELATIONS:
                continue
            subject, obj = key(claim.subject), key(claim.object)
            relations.setdefault((subject, obj), claim.relation)
            if claim.relation in SYMMETRIC_RELATIONS:
                relations.setdefault((obj, subject), claim.relation)
        relations_by_article[paragraph.article] = relations
    labels, linked, found, groups = [], [], [], []
    for article, a, b, by_rule, pair_features in extractor.pair_log:
        labels.append(relations_by_article[article].get((a, b), NONE))
        linked.append(by_rule)
        found.append(pair_features)
        groups.append(article)
    extractor.pair_log = None
    return labels, linked, found, groups


def _vectors(found: list[list[str]], vocabulary: dict[str, int]):
    from scipy.sparse import csr_matrix

    rows, columns = [], []
    for n, pair_features in enumerate(found):
        for feature in set(pair_features):
            if feature in vocabulary:
                rows.append(n)
                columns.append(vocabulary[feature])
    return csr_matrix(([1.0] * len(rows), (rows, columns)), shape=(len(found), len(vocabulary)))


def fit(labels: list[str], found: list[list[str]], strength: float):
    from sklearn.linear_model import LogisticRegression

    counts = Counter(feature for pair_features in found for feature in set(pair_features))
    vocabulary = {f: n for n, f in enumerate(sorted(f for f, c in counts.items() if c >= MIN_COUNT))}
    model = LogisticRegression(C=strength, max_iter=3000)
    model.fit(_vectors(found, vocabulary), labels)
    return model, vocabulary


def cross_validate(labels, linked, found, groups, folds: int, strength: float, thresholds: list[float]) -> None:
    from sklearn.model_selection import GroupKFold

    predicted = [(NONE, 0.0)] * len(labels)
    for train, held in GroupKFold(n_splits=folds).split(found, labels, groups):
        model, vocabulary = fit([labels[i] for i in train], [found[i] for i in train], strength)
        probabilities = model.predict_proba(_vectors([found[i] for i in held], vocabulary))
        for i, row in zip(held, probabilities):
            best = row.argmax()
            predicted[i] = (model.classes_[best], row[best])
    unlinked = [i for i in range(len(labels)) if not linked[i]]
    for name, chosen in (("all pairs", range(len(labels))), ("pairs no rule linked", unlinked)):
        related = sum(1 for i in chosen if labels[i] != NONE)
        print(f"{name}: {len(chosen)}, {related} related")
        for threshold in thresholds:
            said = [i for i in chosen if predicted[i][0] != NONE and predicted[i][1] >= threshold]
            right = sum(1 for i in said if predicted[i][0] == labels[i])
            print(f"  threshold {threshold:.2f}: {right} right, {len(said) - right} wrong, "
                  f"precision {right / max(len(said), 1):.2f}, recall {right / max(related, 1):.2f}")


def export(model, vocabulary: dict[str, int], threshold: float) -> dict:
    weights = {}
    coefficients = model.coef_.T
    for feature, column in vocabulary.items():
        row = [round(float(w), 4) for w in coefficients[column]]
        if any(abs(w) >= 1e-3 for w in row):
            weights[feature] = row
    return {"labels": [str(c) for c in model.classes_], "bias": [round(float(b), 4) for b in model.intercept_],
            "threshold": threshold, "weights": weights}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", type=Path, nargs="+")
    parser.add_argument("--folds", type=int, default=0)
    parser.add_argument("--strength", type=float, default=1.0, help="inverse L2 regularisation (C)")
    parser.add_argument("--threshold", type=float, default=0.9, help="probability a claim needs")
    parser.add_argument("--output", type=Path, default=DATA_DIR / "pair_model.json")
    args = parser.parse_args()
    labels, linked, found, groups = [], [], [], []
    try:
        for path in args.gold:
            for part, values in zip((labels, linked, found, groups), samples(path)):
                part.extend(values)
    except UserError as error:
        sys.exit(f"train_pairs: {error}")
    if args.folds:
        cross_validate(labels, linked, found, groups, args.folds, args.strength, [0.5, 0.6, 0.7, 0.8, 0.9])
    model, vocabulary = fit(labels, found, args.strength)
    args.output.write_text(json.dumps(export(model, vocabulary, args.threshold), ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.output}: {len(vocabulary)} features")


if __name__ == "__main__":
    main()
