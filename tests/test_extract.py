"""The extractor on its own: boilerplate, offsets, entities, relations, modality, robustness."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from graph.article import Article
from graph.extract import EXTRACTOR_VERSION, body_spans, load_extractor

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="session")
def extractor():
    return load_extractor()


def article(text: str, id_: str = "t") -> Article:
    return Article(id=id_, path=f"{id_}.txt", text=text, title=text[:40], body=body_spans(text))


def triples(extraction) -> set[tuple[str, str, str, str]]:
    return {(c.subject, c.relation, c.object, c.modality) for c in extraction.claims}


@pytest.fixture(scope="session")
def seed_extractions(extractor):
    from graph.reader import read_article

    articles = [read_article(p) for p in sorted(SEEDS.glob("*.txt"))]
    return list(extractor.extract_many(articles))


# -- boilerplate ----------------------------------------------------------------------------------

def body_text(text: str) -> str:
    return "\n".join(text[s:e] for s, e in body_spans(text))


def test_seed_002_tail_of_teasers_and_subscription_blocks_is_dropped():
    text = (SEEDS / "002_4257ad5b048eb414.txt").read_text(encoding="utf-8")
    body = body_text(text)
    for boilerplate in ("Isabelle Hock", "Bataclan", "Soudan", "Thibault de Varenne", "Abonnez-vous",
                        "Partager cet article", "Commentaires", "You've been subscribed"):
        assert boilerplate not in body
    assert "intenté une action en justice contre OpenAI" in body
    assert body.count("Elon Musk s’allie à Microsoft et BlackRock") == 1  # the repeated title


def test_bylines_read_more_lists_and_footers_are_dropped():
    text = (SEEDS / "001_940ea81459320ef3.txt").read_text(encoding="utf-8")
    body = body_text(text)
    assert "Par , publié le" not in body
    assert "Pour aller plus loin" not in body and "robot humanoïde" not in body
    assert "Politique de confidentialité" not in body and "No Comments Yet" not in body
    assert "Kingdom Holding" in body


def test_a_marker_word_early_in_the_article_does_not_cut_it():
    text = "Newsletter\nMistral AI a levé 600 millions d'euros auprès du fonds General Catalyst.\n"
    assert "Mistral AI a levé" in body_text(text)
    assert "Newsletter" not in body_text(text)


def test_body_spans_index_the_original_text():
    text = "  Titre  \n\nPartager cet article\nUn paragraphe.\n"
    spans = body_spans(text)
    assert [text[s:e] for s, e in spans] == ["Titre", "Un paragraphe."]


# -- provenance -----------------------------------------------------------------------------------

def test_every_seed_claim_quotes_its_sentence_from_the_body(seed_extractions):
    assert sum(len(x.claims) for _, x in seed_extractions) >= 20
    for art, extraction in seed_extractions:
        for claim in extraction.claims:
            assert art.text[claim.start : claim.end] == claim.quote
            assert any(s <= claim.start and claim.end <= e for s, e in art.body)
            assert 0 < claim.confidence <= 1
            assert claim.subject in extraction.entities and claim.object in extraction.entities


def test_nothing_comes_from_the_teasers_of_seed_002(seed_extractions):
    extraction = dict((a.id, x) for a, x in seed_extractions)["002_4257ad5b048eb414"]
    labels = {e.label for e in extraction.entities.values()}
    assert not labels & {"Isabelle Hock", "Lalaina Andriamparany", "Vincent Clairmont", "Scholz", "Soudan"}


def test_seed_entities_are_linked_to_the_lexicon(seed_extractions):
    entities = {}
    for _, extraction in seed_extractions:
        entities.update(extraction.entities)
    assert entities["andreessen-horowitz"].type == "InvestmentFund"  # NER calls it a person
    assert entities["blackrock"].label == "BlackRock"
    assert entities["x"].wikidata == "Q918" and "Twitter" in entities["x"].aliases
    assert entities["elon-musk"].type == "Person"
    assert "blackrock-1" not in entities and "twitter" not in entities


# -- entities -------------------------------------------------------------------------------------

def test_elided_mentions_resolve_to_the_company(extractor):
    x = extractor.extract(article("Le Financial Times révèle qu’xAI a prévenu ses investisseurs. Il rappelle qu'OpenAI s'est allié à Microsoft."))
    assert {"xai", "openai", "microsoft"} <= set(x.entities)
    assert ("microsoft", "partnersWith", "openai", "Asserted") in triples(x)


def test_unknown_names_get_a_minted_key_and_a_type_from_context(extractor):
    x = extractor.extract(article(
        "Le fonds Zephyr Capital a investi dans la start-up lilloise Nexora, dirigée par le PDG Jean Valmont."
    ))
    assert x.entities["zephyr-capital"].type == "InvestmentFund"
    assert x.entities["nexora"].type == "Company"
    assert x.entities["jean-valmont"].type == "Person"
    assert ("zephyr-capital", "investedIn", "nexora", "Asserted") in triples(x)


# -- relations ------------------------------------------------------------------------------------

def test_coordination_gives_one_claim_per_investor(extractor):
    x = extractor.extract(article("Sequoia, Accel et Index Ventures ont investi dans la jeune pousse Orlane."))
    assert {("sequoia-capital", "investedIn", "orlane", "Asserted"), ("accel", "investedIn", "orlane", "Asserted"),
            ("index-ventures", "investedIn", "orlane", "Asserted")} <= triples(x)


def test_passive_voice_keeps_founder_to_organisation(extractor):
    x = extractor.extract(article("La société Brumaire a été fondée par Léa Fontaine et Hugo Marchal en 2019."))
    assert {("lea-fontaine", "founded", "brumaire", "Asserted"), ("hugo-marchal", "founded", "brumaire", "Asserted")} <= triples(x)
    assert not any(c.subject == "brumaire" for c in x.claims)
    assert all(c.date == "2019" for c in x.claims)


def test_lawsuit_direction_is_plaintiff_to_defendant(extractor):
    x = extractor.extract(article("Getty Images a porté plainte contre Stability AI devant la Haute Cour de Londres."))
    assert triples(x) == {("getty-images", "sued", "stability-ai", "Asserted")}


def test_investors_listed_after_a_fundraising_are_investors_of_the_fundraiser(extractor):
    x = extractor.extract(article(
        "La start-up Calypso a levé 30 millions de dollars. Parmi eux figurent Eurazeo, Bpifrance et Accel."
    ))
    assert {(s, o) for s, r, o, _ in triples(x) if r == "investedIn"} == {
        ("eurazeo", "calypso"), ("bpifrance", "calypso"), ("accel", "calypso")}


def test_partnership_between_two_companies_is_one_symmetric_claim(extractor):
    x = extractor.extract(article("Un partenariat entre Cohere et Oracle a été signé à Toronto."))
    assert triples(x) == {("cohere", "partnersWith", "oracle", "Asserted")}


def test_pronoun_subject_resolves_to_the_latest_person(extractor):
    x = extractor.extract(article("Le milliardaire Reid Hoffman a quitté le conseil d'OpenAI. Il a ensuite cofondé Inflection AI."))
    assert ("reid-hoffman", "founded", "inflection-ai", "Asserted") in triples(x)


def test_amount_and_date_are_kept_on_the_claim(extractor):
    x = extractor.extract(article("En juillet 2023, Mistral AI a levé 105 millions d'euros auprès de Lightspeed Venture Partners."))
    (claim,) = x.claims
    assert (claim.subject, claim.object) == ("lightspeed-venture-partners", "mistral-ai")
    assert claim.amount.value == 105_000_000 and claim.amount.currency == "EUR"
    assert claim.date == "2023-07"


# -- modality -------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, modality", [
    ("Apple n'a pas investi dans OpenAI.", "Negated"),
    ("Le groupe Norvane dément avoir investi dans la start-up Tessela.", "Negated"),
    ("Le fonds Qamar Capital a finalement renoncé à investir dans la start-up Orbitane.", "Negated"),
    ("Amazon pourrait investir dans Anthropic.", "Hedged"),
    ("Amazon investirait dans Anthropic.", "Hedged"),
    ("Amazon envisage d'investir dans Anthropic.", "Hedged"),
    ("Amazon serait en discussions pour investir dans Anthropic.", "Hedged"),
    ("Amazon a investi dans Anthropic.", "Asserted"),
])
def test_modality(extractor, sentence, modality):
    claims = [c for c in extractor.extract(article(sentence)).claims if c.relation == "investedIn"]
    assert [c.modality for c in claims] == [modality]


def test_reported_speech_is_attributed_to_its_source(extractor):
    (claim,) = extractor.extract(article("Selon Bloomberg, Nvidia a investi dans la start-up Cohere.")).claims
    assert (claim.modality, claim.attributed_to) == ("Reported", "bloomberg")


# -- robustness -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Il pleut sur la ville depuis trois jours et personne ne sait quand cela cessera.",
    "OpenAI raised 6 billion dollars from Microsoft and Nvidia, the company said on Monday.",
    "Mistral AI, " * 3000 + "a levé des fonds.",
    "".join(random.Random(7).choice("aé€ 🙂\u200b\u0301\n,.;ΩЖ漢'’«»-0123456789AXIq") for _ in range(20000)),
    "\n\n\n",
])
def test_odd_inputs_do_not_crash(extractor, text):
    art = article(text)
    extraction = extractor.extract(art)
    for claim in extraction.claims:
        assert art.text[claim.start : claim.end] == claim.quote


def test_time_grows_linearly_with_article_size(extractor):
    paragraph = ("La start-up Mistral AI a levé 600 millions d'euros auprès de General Catalyst. "
                 "Le fonds Index Ventures a aussi investi dans la jeune pousse parisienne.\n")
    timings = []
    for copies in (40, 160):
        start = time.perf_counter()
        extractor.extract(article(paragraph * copies))
        timings.append(time.perf_counter() - start)
    assert timings[1] < 4 * timings[0] * 2  # 4x the text, at most ~2x slower per character


def test_extract_many_keeps_the_input_order_even_for_empty_articles(extractor):
    articles = [article("Accel a investi dans Orlane.", "a"), article("\n", "b"), article("Getty Images a porté plainte contre Stability AI.", "c")]
    results = list(extractor.extract_many(articles))
    assert [a.id for a, _ in results] == ["a", "b", "c"]
    assert results[1][1].claims == [] and len(results[2][1].claims) == 1


def test_extractor_version_is_a_stable_hash():
    assert len(EXTRACTOR_VERSION) == 16 and int(EXTRACTOR_VERSION, 16) >= 0
