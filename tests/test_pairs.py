"""The pair model: a learned second opinion on entity pairs that no rule linked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.article import Article
from graph.extract import load_extractor
from graph.extract.pairs import NONE, PairModel, pair_model

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def extractor():
    return load_extractor()


def extract(extractor, text: str):
    return extractor.extract(Article(id="t", path="t.txt", text=text, title="", body=((0, len(text)),)))


def test_verdict_is_the_softmax_of_the_summed_weights():
    model = PairModel({"labels": [NONE, "sued"], "bias": [0.0, -1.0], "threshold": 0.9,
                       "weights": {"apex=assigner": [0.0, 3.0], "types=Company>Company": [0.5, 0.0]}})
    verdict = model.verdict(["apex=assigner", "types=Company>Company", "apex=assigner", "unknown"])
    assert verdict.relation == "sued"
    assert verdict.probability == pytest.approx(1 / (1 + 2.718281828 ** (0.5 - 2.0)), rel=1e-6)
    assert model.verdict(["unknown"]).relation == NONE


def test_the_shipped_model_knows_the_four_relations():
    model = pair_model()
    assert set(model.labels) == {NONE, "founded", "investedIn", "partnersWith", "sued"}
    assert 0.5 <= model.threshold <= 1.0
    assert len(model.weights) > 1000
    assert all(len(row) == len(model.labels) for row in model.weights.values())


def test_a_confident_model_links_what_no_rule_reads(extractor, monkeypatch):
    # no rule reads "X côtoie Y"; a model that trusts two companies together links them
    text = "La start-up Brumelle côtoie le groupe Ostral depuis 2021."
    silent = PairModel({"labels": [NONE], "bias": [0.0], "threshold": 1.0, "weights": {}})
    monkeypatch.setattr(extractor, "pair_model", silent)
    assert not extract(extractor, text).claims
    confident = PairModel({"labels": [NONE, "partnersWith"], "bias": [0.0, 0.0], "threshold": 0.9,
                           "weights": {"types=Company>Company": [0.0, 9.0]}})
    monkeypatch.setattr(extractor, "pair_model", confident)
    claims = extract(extractor, text).claims
    assert {(c.subject, c.relation, c.object) for c in claims} == {("brumelle", "partnersWith", "ostral")}
    assert claims[0].confidence == pytest.approx(0.8, abs=0.01)  # 0.8 × its probability, below most rules


def test_coordinated_names_are_left_to_the_rules(extractor, monkeypatch):
    confident = PairModel({"labels": [NONE, "partnersWith"], "bias": [0.0, 0.0], "threshold": 0.9,
                           "weights": {"types=Company>Company": [0.0, 9.0]}})
    monkeypatch.setattr(extractor, "pair_model", confident)
    text = "Ni le groupe Mercane ni la société Talvo ne se sont associés à l'appel d'offres."
    assert not [c for c in extract(extractor, text).claims if c.modality == "Asserted"]


def test_the_model_never_overrides_a_rule_nor_a_type_signature(extractor, monkeypatch):
    contrary = PairModel({"labels": [NONE, "founded", "sued"], "bias": [0.0, 0.0, 0.0], "threshold": 0.5,
                          "weights": {"types=Company>Company": [0.0, 0.0, 9.0], "types=Company>Person": [0.0, 9.0, 0.0]}})
    monkeypatch.setattr(extractor, "pair_model", contrary)
    # a rule reads the partnership: the pair is not read again as a lawsuit
    claims = extract(extractor, "La start-up Brumelle s'associe au groupe Ostral.").claims
    assert {(c.subject, c.relation, c.object) for c in claims} == {("brumelle", "partnersWith", "ostral")}
    # a company founding a person breaks the signature of founded
    claims = extract(extractor, "La start-up Brumelle recrute l'ingénieure Léa Dumas.").claims
    assert not any(c.relation == "founded" for c in claims)


def test_training_writes_a_model_that_reads_back(tmp_path):
    gold = tmp_path / "gold.jsonl"
    lines = (ROOT / "tests/gold/dev.jsonl").read_text(encoding="utf-8").splitlines()[:40]
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "model.json"
    result = subprocess.run(
        [sys.executable, "-m", "graph.extract.train_pairs", str(gold), "--folds", "2", "--output", str(output)],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    assert "threshold 0.90" in result.stdout and "wrote" in result.stdout
    model = PairModel(json.loads(output.read_text(encoding="utf-8")))
    assert NONE in model.labels and model.threshold == 0.9 and model.weights


def test_a_launch_is_no_founding_for_the_model(extractor):
    text = "Google a lancé Bard, une application de conversation, en 2023."
    assert not [c for c in extract(extractor, text).claims if c.relation == "founded"]


def test_training_on_a_bad_gold_file_is_one_line_naming_it(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"article": "a", "claims": [}\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "graph.extract.train_pairs", str(gold)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and f"{gold}:1:" in result.stderr and "Traceback" not in result.stderr
