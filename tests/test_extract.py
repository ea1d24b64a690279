"""The extractor on its own: boilerplate, offsets, entities, relations, modality, robustness."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from graph.article import Article
from graph.extract import EXTRACTOR_VERSION, body_spans, load_extractor
from graph.extract.model import Amount

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


# -- construction families (each sentence is new: not in the gold files) ----------------------------

def pairs(extraction, relation: str) -> set[tuple[str, str]]:
    return {(c.subject, c.object) for c in extraction.claims if c.relation == relation}


@pytest.mark.parametrize("text, relation, expected", [
    # investedIn
    ("La start-up Velora a bouclé un tour de table de 12 millions d'euros mené par le fonds Orsay Capital.",
     "investedIn", {("orsay-capital", "velora")}),
    ("La jeune pousse Miravia a annoncé une levée. Le tour a été mené par Kappa Ventures et par le fonds Arbre.",
     "investedIn", {("kappa-ventures", "miravia"), ("arbre", "miravia")}),
    ("Le groupe Norvane est entré au capital de la start-up nantaise Tessela.", "investedIn", {("norvane", "tessela")}),
    ("Le fonds Ardent, déjà actionnaire de la société Lumio, a remis au pot.", "investedIn", {("ardent", "lumio")}),
    ("Principal bailleur de fonds de la start-up Quarto, le fonds Helix Capital a injecté 5 millions d'euros dans l'entreprise.",
     "investedIn", {("helix-capital", "quarto")}),
    ("La start-up Brio a levé 8 millions d'euros. Parmi eux figurent le fonds Serac, la banque Lorne et l'entrepreneur Paul Verne.",
     "investedIn", {("serac", "brio"), ("lorne", "brio"), ("paul-verne", "brio")}),
    ("Corvix, dans laquelle le fonds Kelso a investi en 2022, ouvre un bureau à Lyon.", "investedIn", {("kelso", "corvix")}),
    ("Le fonds Opaline a investi dans 40 jeunes pousses, parmi lesquelles la start-up Kora et la plateforme Zest.",
     "investedIn", {("opaline", "kora"), ("opaline", "zest")}),
    ("La start-up Nuvo a levé 3 millions d'euros avec la participation de Bpifrance.", "investedIn", {("bpifrance", "nuvo")}),
    # partnersWith
    ("Le groupe Kaldor s'est allié à la start-up Fennec pour développer des robots.", "partnersWith", {("fennec", "kaldor")}),
    ("Baptisée Orion, la coentreprise créée par Valeo et la start-up Lidra fabriquera des capteurs.",
     "partnersWith", {("lidra", "valeo")}),
    ("Le groupe Astor rejoint Samsung et la start-up Veyra dans un projet de centre de données.",
     "partnersWith", {("astor", "samsung"), ("astor", "veyra")}),
    ("Un accord de licence a été conclu entre l'agence Reuters et la start-up Perplexity.", "partnersWith", {("perplexity-ai", "reuters")}),
    ("Apple serait en discussions avec la start-up Mirae pour nouer un partenariat.", "partnersWith", {("apple", "mirae")}),
    # sued
    ("L'agence photo Lumen a assigné en justice la start-up Imagix devant le tribunal de Paris.", "sued", {("lumen", "imagix")}),
    ("Le romancier Jean Aubry a intenté une action en justice contre la société Narrio.", "sued", {("jean-aubry", "narrio")}),
    ("La plainte déposée par l'éditeur Fayard contre la start-up Scriptor sera examinée en mars.", "sued", {("fayard", "scriptor")}),
    ("Dans une plainte déposée lundi, la société Orbis accuse son ancien fournisseur Teknor d'avoir volé ses plans.",
     "sued", {("orbis", "teknor")}),
    ("Kora, Zest et Brio ont été attaqués en justice par le photographe Luc Martel.",
     "sued", {("luc-martel", "kora"), ("luc-martel", "zest"), ("luc-martel", "brio")}),
    # founded
    ("Ilya Sutskever fait partie des fondateurs d'OpenAI.", "founded", {("ilya-sutskever", "openai")}),
    ("Le cofondateur de Velora, Marc Delon, veut recruter 50 ingénieurs.", "founded", {("marc-delon", "velora")}),
    ("La société Quantia, qui a été fondée en 2020 par Anne Roy et Karim Said, recrute.",
     "founded", {("anne-roy", "quantia"), ("karim-said", "quantia")}),
    ("Il a quitté Google pour créer la start-up Synthia avec Léa Morel. Jean Castel en est le président.",
     "founded", {("lea-morel", "synthia")}),
    ("OpenAI a été attaquée en justice par Elon Musk, l'un de ses cofondateurs.", "founded", {("elon-musk", "openai")}),
    ("Les cofondateurs d'Anthropic, Dario et Daniela Amodei, ont quitté OpenAI en 2021.",
     "founded", {("dario-amodei", "anthropic"), ("daniela-amodei", "anthropic")}),
    ("La start-up Mistral AI a signé avec Thales. Son cofondateur Arthur Mensch s'en félicite.",
     "founded", {("arthur-mensch", "mistral-ai")}),
    # examples of a plural subject or role, and English connectors inside a name
    ("Plusieurs médias, dont le Globe and Mail et CBC, ont poursuivi OpenAI en justice.",
     "sued", {("globe-and-mail", "openai"), ("cbc", "openai")}),
    ("La société Kora a fait faillite. Ses investisseurs, parmi lesquels Microsoft et le fonds Insight Partners, ont tout perdu.",
     "investedIn", {("microsoft", "kora"), ("insight-partners", "kora")}),
    ("La start-up Zest a levé 10 millions d'euros auprès du fonds Orsay. Kappa Ventures y a également participé.",
     "investedIn", {("orsay", "zest"), ("kappa-ventures", "zest")}),
])
def test_construction_families(extractor, text, relation, expected):
    assert pairs(extractor.extract(article(text)), relation) == expected


# Constructions found missing by fresh batches of unseen paragraphs (bench/RESULTS.md);
# each is checked in its general form, with names found nowhere else.
@pytest.mark.parametrize("text, relation, expected", [
    # synonyms of the core verbs and nouns
    ("Le fonds Pelagos a misé sur la jeune société Quorra.", "investedIn", {("pelagos", "quorra")}),
    ("La start-up Vantix est soutenue financièrement par le fonds Aster et par Lina Moreau.",
     "investedIn", {("aster", "vantix"), ("lina-moreau", "vantix")}),
    ("Le fonds Orvel et la banque Cassin ont apporté 6 millions d'euros à la start-up Pyxo.",
     "investedIn", {("orvel", "pyxo"), ("cassin", "pyxo")}),
    ("Le groupe Darnel détient 15 % de la start-up Ilvo.", "investedIn", {("darnel", "ilvo")}),
    ("La start-up Ombria a levé 9 millions d'euros. Le fonds Tarn Capital a pris part à l'opération.",
     "investedIn", {("tarn-capital", "ombria")}),
    ("La start-up Kelvo boucle une levée de 20 millions. L'opération a été menée par le fonds Brume Ventures.",
     "investedIn", {("brume-ventures", "kelvo")}),
    ("Le groupe Norsk fait équipe avec la start-up Alvea.", "partnersWith", {("alvea", "norsk")}),
    ("La romancière Léa Dorval a intenté un procès à la société Textia.", "sued", {("lea-dorval", "textia")}),
    ("La société Mirova est visée par une plainte de l'éditeur Harland.", "sued", {("harland", "mirova")}),
    ("Le collectif Artemis a déposé un recours contre la start-up Pictor.", "sued", {("artemis", "pictor")}),
    ("La start-up Zelda a été lancée en 2020 par Hugo Brun.", "founded", {("hugo-brun", "zelda")}),
    # arguments: apposition after a complement, examples, titles in lists, relatives, inverted subjects
    ("Fondée par deux anciens ingénieurs de Criteo, Paul Sorel et Anna Vidal, la société Tarvo recrute.",
     "founded", {("paul-sorel", "tarvo"), ("anna-vidal", "tarvo")}),
    ("La start-up Folio est poursuivie en justice par plusieurs éditeurs, dont Lamy et Borel.",
     "sued", {("lamy", "folio"), ("borel", "folio")}),
    ("La société Nerva a été cofondée par Marc Aubert et son associé Yves Caron.",
     "founded", {("marc-aubert", "nerva"), ("yves-caron", "nerva")}),
    ("Le groupe Velum et le groupe de médias Castor ont conclu un accord.", "partnersWith", {("castor", "velum")}),
    ("Claire Noyer dirige Ambra, la société qu'elle a fondée en 2019 à Nantes.", "founded", {("claire-noyer", "ambra")}),
    ("Parmi les investisseurs de Solvo figurent le fonds Iris et la banque Morand.",
     "investedIn", {("iris", "solvo"), ("morand", "solvo")}),
    ("Lucie Varin a cofondé, avec l'ingénieur Paul Mestre, la société Kyrra.",
     "founded", {("lucie-varin", "kyrra"), ("paul-mestre", "kyrra")}),
    ("La start-up Orvo a obtenu 3 millions d'euros de la part du fonds Alder.", "investedIn", {("alder", "orvo")}),
    ("La start-up Pexa a finalisé une augmentation de capital. Le fonds Tamar a souscrit à l'opération.",
     "investedIn", {("tamar", "pexa")}),
    ("Le groupe Hexo dément avoir investi dans la start-up d'IA générative Vireo.", "investedIn", {("hexo", "vireo")}),
    ("Le parquet a été saisi d'une plainte de l'association Civis visant la plateforme Lumba.", "sued", {("civis", "lumba")}),
    # fresh5: reinvesting idioms, "tout comme X", an employer glued to a name, whole institution names
    ("La start-up Vemo a bouclé une levée de fonds. Le fonds Arlon a remis la main au portefeuille.",
     "investedIn", {("arlon", "vemo")}),
    ("La start-up Tylia lève 5 millions d'euros. Le fonds Osmond, déjà actionnaire, a remis au pot, tout comme le fonds Brava.",
     "investedIn", {("osmond", "tylia"), ("brava", "tylia")}),
    ("Créée par les anciens ingénieurs de Zentek Hugo Marlin et Inès Borel, la société Talvo recrute.",
     "founded", {("hugo-marlin", "talvo"), ("ines-borel", "talvo")}),
    ("Le ministère de la Culture italien a assigné en justice la start-up Pandor.", "sued", {("ministere-de-la-culture", "pandor")}),
    ("La start-up Pandor est visée par une plainte de l'UFC-Que Choisir.", "sued", {("ufc-que-choisir", "pandor")}),
    ("Le fonds Orme a investi dans la start-up Kel:ia, basée à Lyon.", "investedIn", {("orme", "kel-ia")}),
    # "ses" is not the subject itself but the company of the sentence before
    ("La start-up Pilka a présenté son premier robot. Le groupe Orvane figure parmi ses partenaires.",
     "partnersWith", {("orvane", "pilka")}),
    # fresh6 and fresh7: object control, idioms, synonyms, incises, fronted phrases
    ("La start-up Kelva a convaincu le fonds Moray d'investir 2 millions d'euros.", "investedIn", {("moray", "kelva")}),
    ("Le laboratoire Selva et la société Ormo avancent main dans la main.", "partnersWith", {("ormo", "selva")}),
    ("L'éditeur Tavel a fait appel à la justice contre la start-up Brixo.", "sued", {("tavel", "brixo")}),
    ("La start-up Nuvo, soutenue par le fonds Arvel Ventures, recrute.", "investedIn", {("arvel-ventures", "nuvo")}),
    ("La start-up Pirel, cofondée par Anna Sorel, a bouclé un tour de table auquel ont participé le fonds "
     "Cobra Partners et la banque Lusso.", "investedIn", {("cobra-partners", "pirel"), ("lusso", "pirel")}),
    ("Lucas Brenn, qui a cofondé la société Orka, a investi dans la start-up Velt et dans la start-up Miro.",
     "investedIn", {("lucas-brenn", "velt"), ("lucas-brenn", "miro")}),
    ("La start-up Hexo lève 10 millions d'euros. Le fonds Morel remet la main à la poche.", "investedIn", {("morel", "hexo")}),
    ("Le cofondateur de Pixo, Jean Marec, a investi dans la start-up Ulma. Il rejoint au capital le fonds Sorel.",
     "investedIn", {("jean-marec", "ulma"), ("sorel", "ulma")}),
    ("La société Nerio, qui conçoit des capteurs, a récolté 5 millions d'euros auprès du fonds Tamaris.",
     "investedIn", {("tamaris", "nerio")}),
    ("Parmi les soutiens financiers de la start-up Orla figurent le fonds Iseran et la banque Cimes.",
     "investedIn", {("iseran", "orla"), ("cimes", "orla")}),
    ("Mia Roche a lancé l'an dernier sa propre société, Kiro, avec l'ingénieur Paul Dane.",
     "founded", {("mia-roche", "kiro"), ("paul-dane", "kiro")}),
    ("Le fonds Alto pourrait prendre part au prochain tour de table de la start-up Vesta.", "investedIn", {("alto", "vesta")}),
    ("Le partenariat liant le groupe Arden à la start-up Moxa a été prolongé.", "partnersWith", {("arden", "moxa")}),
    ("Avec le soutien financier du fonds Odet, la coopérative Marnix se lance dans la robotique.",
     "investedIn", {("odet", "marnix")}),
    ("La start-up Kalo est visée par une action en justice intentée par l'association Vigie.", "sued", {("vigie", "kalo")}),
    ("La start-up Quill a levé 8 millions d'euros. Le fonds Bego a pris une petite part au capital de la jeune pousse.",
     "investedIn", {("bego", "quill")}),
    ("Mia Roche a fondé la start-up Kiro. Le duo a obtenu un financement de 4 millions d'euros de la part du fonds Orsay.",
     "investedIn", {("orsay", "kiro")}),
    # entities: an employer glued to a person by NER, "de l'Inria", institutions, an investee NER calls a place
    ("Fondée par l'ancien patron de Zentek Jean-Marc Olier, la société Vorn recrute.", "founded", {("jean-marc-olier", "vorn")}),
    ("La société Ilka a été créée par deux ingénieurs de l'Inria, Paul Venn et Lise Arno.",
     "founded", {("paul-venn", "ilka"), ("lise-arno", "ilka")}),
    ("La région Bretagne a investi 2 millions d'euros dans la start-up Maelo.", "investedIn", {("region-bretagne", "maelo")}),
    ("Le CNRS et l'université de Rennes ont noué un partenariat avec la start-up Ivoa.",
     "partnersWith", {("cnrs", "ivoa"), ("ivoa", "universite-de-rennes")}),
    ("Le fonds Orme a investi dans Hexagone Bio, une start-up qui conçoit des molécules.", "investedIn", {("orme", "hexagone-bio")}),
    ("La start-up Lira a levé 3 millions d'euros. CapitalG et le fonds Arno y ont participé.",
     "investedIn", {("capitalg", "lira"), ("arno", "lira")}),
    # a lexicon person's company: "le groupe de Mark Zuckerberg" is Meta
    ("Le groupe de Mark Zuckerberg a signé un accord avec la société Vintra.", "partnersWith", {("meta-platforms", "vintra")}),
    # fresh8: a time adverbial before the object, a possessive's topic, a role noun with a bare complement
    ("Le fonds Orsay a soutenu dès l'amorçage la start-up Velto.", "investedIn", {("orsay", "velto")}),
    ("Kalix, la start-up de drones, compte le fonds Arvel et la banque Cimes parmi ses bailleurs de fonds.",
     "investedIn", {("arvel", "kalix"), ("cimes", "kalix")}),
    ("Le fonds Orme détient désormais 8 % du capital de la start-up Nexo.", "investedIn", {("orme", "nexo")}),
    ("Le créateur de jeux vidéo Paul Rivel, fondateur du studio Kelto, a porté plainte contre le groupe Vargo.",
     "sued", {("paul-rivel", "vargo")}),
    ("La start-up Sekor a été rachetée par le groupe Vantel. Le groupe de défense y avait investi dès 2021.",
     "investedIn", {("vantel", "sekor")}),
    # fresh9: opening one's capital, consortiums, a fund's backing, a capitalised noun the tagger misses
    ("La start-up Vorta a ouvert son capital au fonds Iseran et à la banque Cimes.",
     "investedIn", {("iseran", "vorta"), ("cimes", "vorta")}),
    ("La start-up Dalia accueille à son capital le fonds Orme Ventures.", "investedIn", {("orme-ventures", "dalia")}),
    ("Un consortium réunissant le groupe Arden, le groupe Velum et la start-up Kivo va construire un satellite.",
     "partnersWith", {("arden", "velum"), ("arden", "kivo"), ("kivo", "velum")}),
    ("Jusqu'ici épaulée par Bpifrance, la start-up Dorna accueille de nouveaux investisseurs.", "investedIn", {("bpifrance", "dorna")}),
    ("La start-up Kimo est poursuivie par le groupe Vantel.", "sued", {("vantel", "kimo")}),
    ("Le groupe Arden n'a jamais noué de partenariat avec Recolta.", "partnersWith", {("arden", "recolta")}),
    ("L'artiste Léa Vanel a obtenu gain de cause contre la plateforme Pictor, qu'elle avait assignée pour contrefaçon.",
     "sued", {("lea-vanel", "pictor")}),
    # fresh10: a founder's company raises, "prendre N % de", funds won over, an apposition after "l'un de"
    ("Fondatrice et présidente de Qiro, Ana Belle a bouclé une levée de 6 millions d'euros auprès du fonds Iseran.",
     "investedIn", {("iseran", "qiro")}),
    ("Le groupe Vantel prend 21 % de la start-up Lumo pour 30 millions d'euros.", "investedIn", {("vantel", "lumo")}),
    ("La start-up Hyra, fondée par Léo Marin, a séduit le fonds Orme Ventures.", "investedIn", {("orme-ventures", "hyra")}),
    ("La start-up Abira n'a reçu aucun financement du fonds Iseran.", "investedIn", {("iseran", "abira")}),
    ("Le groupe Arden a porté plainte contre l'un de ses anciens concurrents, la société Vargo, pour contrefaçon.",
     "sued", {("arden", "vargo")}),
    ("À l'origine de la plateforme de covoiturage Trajo, Paul Mire a depuis cofondé le fonds Orme.",
     "founded", {("paul-mire", "trajo"), ("paul-mire", "orme")}),
    # fresh11: a founder's company raises, a co-founder before the object, "monter sa boîte", passive
    # "rejoindre au capital", "née de l'imagination de", "via sa holding", "c'est au tour de X de"
    ("Fondateur et PDG de Volta, Marc Orsel a annoncé une levée de 5 millions d'euros menée par le fonds Iseran.",
     "investedIn", {("iseran", "volta")}),
    ("Paul Mire a fondé avec son ancien associé Léo Varin la société Kinto.", "founded", {("paul-mire", "kinto"), ("leo-varin", "kinto")}),
    ("Ana Belle a monté sa boîte, Pilka, à 25 ans.", "founded", {("ana-belle", "pilka")}),
    ("La start-up Pilka a depuis été rejointe au capital par le fonds Orme Ventures.", "investedIn", {("orme-ventures", "pilka")}),
    ("Née de l'imagination de Léa Morin, la start-up Kivo a séduit le fonds Iseran.", "founded", {("lea-morin", "kivo")}),
    ("La start-up Vexa vient d'attirer 3 millions d'euros auprès du fonds Orme.", "investedIn", {("orme", "vexa")}),
    ("La start-up Vexa a décroché 3 millions d'euros auprès du fonds Orme.", "investedIn", {("orme", "vexa")}),
    ("Le groupe Arden a pris une participation dans la start-up Lumo via sa holding Velum Capital.",
     "investedIn", {("arden", "lumo"), ("velum-capital", "lumo")}),
    ("Après le groupe Arden, c'est au tour du studio Orfeo de poursuivre la start-up Kimo devant le tribunal.",
     "sued", {("arden", "kimo"), ("orfeo", "kimo")}),
    ("Le CHU de Rennes a signé un partenariat avec la start-up Kivo.", "partnersWith", {("chu-de-rennes", "kivo")}),
    # the speaker of a closing incise is not the subject of the clause it reports
    ("La société Kinto a noué un partenariat avec le groupe Arden, a expliqué Paul Mire.", "partnersWith", {("arden", "kinto")}),
    # fresh12: "prendre la tête d'un financement", "contrat-cadre", "reprocher à" before a court, an incise
    # before the complement, talks "en vue d'une levée", "lancer X, une start-up", examples after a
    # complement, ": A, B et C", a subject split by an incise, an apposition to the founder, plural titles
    ("Le fonds Orme a pris la tête d'un financement de 30 millions d'euros dans la start-up Kivo, aux côtés du fonds Iseran.",
     "investedIn", {("orme", "kivo"), ("iseran", "kivo")}),
    ("Le groupe Arden signe un contrat-cadre avec la start-up Kivo.", "partnersWith", {("arden", "kivo")}),
    ("Le tribunal de commerce a été saisi par le groupe Arden, qui reproche à la société Vargo d'avoir copié ses logiciels.",
     "sued", {("arden", "vargo")}),
    ("Paul Mire est le cofondateur, avec Léa Morin, de Kinto, une plateforme de crédit.", "founded", {("paul-mire", "kinto"), ("lea-morin", "kinto")}),
    ("C'est en 2020 que Léa Morin a lancé Pilka, une start-up qui vend des vélos.", "founded", {("lea-morin", "pilka")}),
    ("Les investisseurs historiques de Kinto, parmi lesquels Orme Capital et Iseran Ventures, ont remis 5 millions d'euros dans l'entreprise.",
     "investedIn", {("orme-capital", "kinto"), ("iseran-ventures", "kinto")}),
    ("La start-up Quantia avait été fondée par trois chercheurs de l'Inria : Léa Morin, Paul Mire et Ana Belle.",
     "founded", {("lea-morin", "quantia"), ("paul-mire", "quantia"), ("ana-belle", "quantia")}),
    ("La start-up Hydra, cofondée par les frères Paul et Luc Mire, et le port de Brest ont uni leurs forces.",
     "partnersWith", {("hydra", "port-de-brest")}),
    ("Figure de la French Tech, Ana Belle est à la tête de Pilka, qu'elle a fondée en 2016 avec son associé Paul Mire.",
     "founded", {("ana-belle", "pilka"), ("paul-mire", "pilka")}),
    ("Fondée par Léa Morin, l'ancienne directrice de la stratégie de Doctolib, Santeo a levé 7 millions d'euros.",
     "founded", {("lea-morin", "santeo")}),
    ("Les créateurs de Pixo, Léa Morin et Paul Mire, ont été poursuivis par le studio Orfeo.",
     "sued", {("orfeo", "lea-morin"), ("orfeo", "paul-mire")}),
    # fresh13: a demonym before a name, "A puis B", "qu'elle a imaginée", "faire entrer X à son capital",
    # "présent au capital de", "réinvestir", a bare complement with an adjective inside a list, new epithets
    ("Le Lyonnais Paul Mire, qui a cofondé Kinto puis Vexa, vit à Paris.", "founded", {("paul-mire", "kinto"), ("paul-mire", "vexa")}),
    ("Ana Belle dirige Pilka, la start-up qu'elle a imaginée en 2019.", "founded", {("ana-belle", "pilka")}),
    ("Créatrice de la marque Nuaé, Léa Morin vient de faire entrer le fonds Orme à son capital.", "investedIn", {("orme", "nuae")}),
    ("Déjà présent au capital de Kinto, le fonds Orme a réinvesti dans la start-up.", "investedIn", {("orme", "kinto")}),
    ("Le groupe Arden et le fabricant de batteries chinois Voltex vont créer une coentreprise.", "partnersWith", {("arden", "voltex")}),
    ("Paul Mire a fondé la néobanque Kinto avec Léa Morin.", "founded", {("paul-mire", "kinto"), ("lea-morin", "kinto")}),
    # fresh14: people in apposition to a plural title, a name spelt out in lower case, an acronym
    # complement inside a list, "des discussions avec", "mener l'augmentation de capital", "Sa fondatrice, X"
    ("Fondateurs de la plateforme de location Roomly, Léa Morin et Paul Mire ont été assignés en justice par "
     "l'Union des métiers de l'hôtellerie.", "sued",
     {("union-des-metiers-de-l-hotellerie", "lea-morin"), ("union-des-metiers-de-l-hotellerie", "paul-mire")}),
    ("Le moteur de recherche Qwant et la start-up d'IA Kivo ont noué un partenariat.", "partnersWith", {("kivo", "qwant")}),
    ("La start-up Kinto aurait engagé des discussions avec le fonds Orme Capital pour une nouvelle levée.",
     "investedIn", {("orme-capital", "kinto")}),
    ("C'est le fonds Orme qui a mené l'augmentation de capital de 45 millions d'euros de Kinto.", "investedIn", {("orme", "kinto")}),
    ("Kinto est devenue une entreprise de 40 salariés. Sa fondatrice, Léa Morin, a ouvert son capital au fonds Orme l'an dernier.",
     "investedIn", {("orme", "kinto")}),
    # fresh15: "une association" names an organisation, a partnership only "avec" or "entre"
    ("Paul Mire est à l'origine de Civix, une association devenue start-up, qui a noué un partenariat avec La Poste.",
     "partnersWith", {("civix", "la-poste")}),
    ("La justice a été saisie par la start-up Kivo contre la région Bretagne.", "sued", {("kivo", "region-bretagne")}),
    # a singular participle after a list is said of the name it follows
    ("Le laboratoire Orvane et la start-up Kivo, cofondée par la dermatologue Léa Morin, ont signé un accord.",
     "founded", {("lea-morin", "kivo")}),
    # a reference back to one of several plaintiffs is not the defendant
    ("Universal Music, Concord et ABKCO ont assigné en justice la start-up Kivo, reprochant à l'éditeur de logiciels d'avoir copié des chansons.",
     "sued", {("universal-music-group", "kivo"), ("concord", "kivo"), ("abkco", "kivo")}),
])
def test_general_constructions(extractor, text, relation, expected):
    assert pairs(extractor.extract(article(text)), relation) == expected


@pytest.mark.parametrize("text", [
    "La start-up Kora a lancé son assistant Lumo en mars.",  # "lancer" names a founder only in the passive
    "Sora, lancé par OpenAI en février, génère des vidéos.",  # and only of a company named as such
    "Cinq écrivains ont porté plainte contre la société Textia.",  # no named plaintiff
    "La start-up Vexa a annoncé l'entrée à son capital du fonds Ormeau.",  # the noun, not "est entré au capital"
])
def test_general_constructions_without_a_wrong_claim(extractor, text):
    claims = extractor.extract(article(text)).claims
    assert not [c for c in claims if c.relation == "investedIn" and c.subject == "vexa"]
    assert not [c for c in claims if c.relation in {"founded", "sued"}]


def test_a_wrong_typed_subject_does_not_fall_back_on_the_article_fundraiser(extractor):
    text = ("Le fonds Orsay pourrait entrer au capital de la start-up Calvo.\n\n"
            "La start-up Nexa, fondée en 2016 par Thomas Girod, a levé 4 millions d'euros auprès du fonds Orsay.")
    assert ("orsay", "calvo") not in {(c.subject, c.object) for c in extractor.extract(article(text)).claims if c.modality == "Asserted"}


def test_counting_among_investors_is_no_hedge(extractor):
    found = triples(extractor.extract(article("Jeff Marlow compte parmi les premiers investisseurs de la start-up Orvo.")))
    assert found == {("jeff-marlow", "investedIn", "orvo", "Asserted")}


def test_a_report_verb_after_an_auxiliary_attributes_the_claim(extractor):
    found = triples(extractor.extract(article("Le groupe Halden a pris une participation dans la start-up Ivra, a rapporté l'agence Yonhap.")))
    assert found == {("halden", "investedIn", "ivra", "Reported")}


@pytest.mark.parametrize("text", [
    "Fondée par d'anciens ingénieurs de Google, la start-up Lakera a été rachetée par Check Point.",
    "La filiale de Microsoft a créé un laboratoire à Paris.",
    "L'investisseur Vinod Khosla a pris la parole, selon le magazine Forbes.",
    "La start-up Kora a racheté son concurrent Zest.",
    # two paragraphs of the fresh batches (bench/RESULTS.md) that name no investor or plaintiff
    "Le patron de Salesforce, Marc Benioff, a annoncé la création d'un fonds de 500 millions de dollars "
    "consacré à l'IA générative. Ce véhicule a déjà soutenu financièrement Cohere et Hugging Face.",
    "Cinq écrivains américains ont porté plainte mardi contre Nvidia, accusé d'avoir entraîné son modèle "
    "NeMo sur une bibliothèque de livres piratés.",
    # a trigger word inside a name
    "Le fonds Helios Investissements a publié ses résultats dans Les Echos.",
    # "décider de" is no object control: the deciders are not each other's investees
    "Le groupe Arden et le fonds Orvo ont décidé d'investir ensemble dans le développement de l'IA.",
    # "associés" is a noun here, not "s'associer"; "le montant" is no "monter"
    "Léa Morin et Ana Belle se sont rencontrées à Lyon. Les deux associées veulent recruter.",
    "Le montant de sa levée, dont la start-up Pilka a besoin, reste secret.",
])
def test_no_relation_where_the_text_states_none(extractor, text):
    assert extractor.extract(article(text)).claims == []


# -- coreference -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, claim", [
    # the subject of the previous sentence, not the start-up it invested in
    ("Samsung n'a pas investi dans la start-up Rebellions. Le groupe coréen a signé un accord avec la jeune pousse.",
     ("rebellions", "partnersWith", "samsung")),
    # an epithet of another class ("groupe" vs "start-up") is never the start-up
    ("Le groupe Thales a noué un accord avec la jeune pousse Preligens. L'industriel est ensuite entré au capital de la start-up.",
     ("thales", "investedIn", "preligens")),
    # "les deux entreprises" stands for both
    ("Renault s'est allié à la start-up Lyra. Les deux entreprises vont créer une coentreprise avec le groupe Valtek.",
     ("lyra", "partnersWith", "valtek")),
    # "il" for an organisation introduced by a masculine noun, when no person is around
    ("Le fonds Atomico ne participera pas à la levée de la start-up Lumen. Il avait pourtant investi dans la société en 2021.",
     ("atomico", "investedIn", "lumen")),
    # "ce dernier": the entity named last
    ("La start-up Deepra a été fondée par Liang Wei, qui dirige le fonds Flyer Capital. Ce dernier finance la jeune pousse.",
     ("flyer-capital", "investedIn", "deepra")),
    # a role description with a lexicon epithet: "la multinationale" is Microsoft, not OpenAI
    ("La relation entre Microsoft et OpenAI s'est refroidie depuis que la multinationale fondée par Bill Gates a développé ses propres modèles.",
     ("bill-gates", "founded", "microsoft")),
    # an epithet is not the subject of its own verb: "la start-up" is Dorsa, not Varo
    ("Le fonds Lenka a investi dans la start-up Dorsa. L'éditeur Varo a déposé plainte contre la start-up.",
     ("varo", "sued", "dorsa")),
    # "il" for a company that no noun introduced, when no person is around
    ("Après avoir levé 3 millions d'euros, Tivo poursuit sa croissance : il vient de nouer un partenariat avec le groupe Arcel.",
     ("arcel", "partnersWith", "tivo")),
    # "il" for the company subject of the sentence before, not the people named in passing; "y" is not the fund itself
    ("Imaginé par les chercheurs Léo Marin et Ana Vel, le laboratoire Quarto conçoit des puces. Il a séduit le fonds Orvo, "
     "qui y a injecté 7 millions d'euros.", ("orvo", "investedIn", "quarto")),
    # "la jeune société": an adjective between determiner and epithet; "l'opérateur" is a large company
    ("Le partenariat liant l'opérateur Orange à la start-up Kivo a été prolongé. L'opérateur avait investi dans la jeune société en 2021.",
     ("orange", "investedIn", "kivo")),
    # "sa création par X": the company of the sentence
    ("Paul Morel n'a pas cofondé Lirio : il a rejoint l'entreprise après sa création par Ana Vidal.",
     ("ana-vidal", "founded", "lirio")),
    # a present participle after a comma is said of the main subject, not of the noun before it
    ("Le studio Orfeo a porté plainte contre la start-up Kimo devant la Haute Cour, accusant la société d'avoir copié ses images.",
     ("orfeo", "sued", "kimo")),
    # "les deux hommes" are the two people of the sentence before, and their company raises the money
    ("Paul Mire et Léo Varin se sont rencontrés à Lyon. Les deux hommes ont fondé ensemble la société Kinto et "
     "viennent de lever 2 millions d'euros auprès du fonds Orme.", ("leo-varin", "founded", "kinto")),
    ("Paul Mire et Léo Varin se sont rencontrés à Lyon. Les deux hommes ont fondé ensemble la société Kinto et "
     "viennent de lever 2 millions d'euros auprès du fonds Orme.", ("orme", "investedIn", "kinto")),
    # a pronoun that opens the article points ahead
    ("Elle a été cofondée par Léa Morin et Ana Belle en 2020 : la start-up Pilka vend des vélos.", ("ana-belle", "founded", "pilka")),
    ("Kinto, dont il est le fondateur, a noué un partenariat avec le groupe Arden, a expliqué Paul Mire.",
     ("paul-mire", "founded", "kinto")),
    # "la jeune femme" is a person
    ("La start-up de Léa Morin, Pilka, a levé 2 millions d'euros. L'entreprise avait été fondée par la jeune femme en 2022.",
     ("lea-morin", "founded", "pilka")),
    # "les deux entreprises" named earlier in the same sentence
    ("Le groupe Arden investira peut-être dans la start-up Kivo, même si les deux entreprises ont déjà noué un partenariat.",
     ("arden", "partnersWith", "kivo")),
])
def test_coreference(extractor, text, claim):
    assert claim in {(c.subject, c.relation, c.object) for c in extractor.extract(article(text)).claims}


def test_a_name_met_again_at_the_start_of_a_sentence_is_still_a_mention(extractor):
    x = extractor.extract(article("Le groupe pharmaceutique Sanofi a signé avec Owkin. Sanofi est déjà partenaire d'Owkin depuis 2021."))
    assert ("owkin", "partnersWith", "sanofi", "Asserted") in triples(x)


def test_a_known_name_inside_a_longer_fund_name_is_the_fund(extractor):
    x = extractor.extract(article("Le fonds Salesforce Ventures a investi dans Cohere."))
    assert pairs(x, "investedIn") == {("salesforce-ventures", "cohere")}
    assert x.entities["salesforce-ventures"].type == "InvestmentFund"


# -- modality, more forms -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, modality", [
    ("xAI pourrait s'associer au géant de la tech Oracle, croit savoir The Information.", "Hedged"),
    ("Le constructeur BMW aurait injecté 50 millions d'euros dans la start-up Voltaro.", "Hedged"),
    ("Le géant SK Hynix négocie une prise de participation dans la start-up Groqon.", "Hedged"),
    ("Le fonds Tikehau Capital dément avoir participé au tour de table de la start-up Lumos.", "Negated"),
    ("Meta a finalement renoncé à investir dans la start-up FuriosaAI.", "Negated"),
    ("Le Financial Times affirme qu'Anthropic a levé 2 milliards de dollars auprès d'Alphabet.", "Reported"),
    # a denial after the relation, said of something else, does not negate it
    ("OpenAI a été attaquée en justice par Elon Musk, qui lui reproche d'avoir abandonné sa mission.", "Asserted"),
    # a relative clause states a background fact, whatever the main clause's hedge or source
    ("Selon Reuters, le groupe Orvane pourrait racheter la start-up Pilka, dont le fonds Sertis est actionnaire.", "Asserted"),
    ("Selon Reuters, le fonds Orme, qui pourrait investir dans la start-up Nexa, a levé 3 millions.", "Hedged"),
    ("Le projet de partenariat entre le groupe Orvane et la start-up Pilka a échoué.", "Negated"),
])
def test_modality_forms(extractor, text, modality):
    claims = [c for c in extractor.extract(article(text)).claims if c.relation != "founded"]
    assert claims and {c.modality for c in claims} == {modality}


@pytest.mark.parametrize("text, expected", [
    # a denial outside the relative clause that states the relation does not negate it
    ("Le groupe Orvane a renoncé à poursuivre en justice la start-up Pilka, avec laquelle il a finalement conclu un accord.",
     {("orvane", "sued", "pilka", "Negated"), ("orvane", "partnersWith", "pilka", "Asserted")}),
    # a relative clause closed before the trigger is background, but the main clause's source still counts
    ("Selon Reuters, Paul Marc, qui a cofondé la société Veno, a investi dans la start-up Kira.",
     {("paul-marc", "founded", "veno", "Asserted"), ("paul-marc", "investedIn", "kira", "Reported")}),
    # "aux côtés de X" hangs on a hedged verb
    ("Le fonds Orme pourrait prendre part au tour de table de la start-up Nexa, aux côtés du fonds Iris.",
     {("orme", "investedIn", "nexa", "Hedged"), ("iris", "investedIn", "nexa", "Hedged")}),
    # the source the parser takes for the subject is no investor
    ("D'après Thomas Vidal, le fonds Orme pourrait entrer au capital de la start-up Nexa.",
     {("orme", "investedIn", "nexa", "Hedged")}),
    # "nous" in a direct quote is the speaker's organisation; the denial inside the quote counts
    ("« Nous n'avons jamais porté plainte contre la start-up Kivo », a affirmé le directeur juridique du groupe Arden.",
     {("arden", "sued", "kivo", "Negated")}),
    # a negation outside the relative clause "la société qu'elle a fondée" does not reach it
    ("Ana Belle ne s'attendait pas à un tel succès pour Pilka, la société qu'elle a fondée en 2019.",
     {("ana-belle", "founded", "pilka", "Asserted")}),
    ("Le groupe Arden et la start-up Kivo ont entamé des négociations, mais les discussions se sont achevées sans parvenir à un accord.",
     {("arden", "partnersWith", "kivo", "Negated")}),
    # "compte 300 salariés" counts, it states no intention
    ("Son fondateur l'avait lancée seul : Voxia compte aujourd'hui 300 salariés et vient de s'allier avec le groupe Arden.",
     {("arden", "partnersWith", "voxia", "Asserted")}),
    # a second investor "par l'intermédiaire de son fonds", as hedged as the first; a founder denies for the company
    ("Selon Le Figaro, le groupe Arden serait entré au capital de la start-up Kolis par l'intermédiaire de son fonds Orme Capital.",
     {("arden", "investedIn", "kolis", "Hedged"), ("orme-capital", "investedIn", "kolis", "Hedged")}),
    ("Le fondateur de Kinto, Paul Mire, conteste avoir reçu un financement du fonds Orme.",
     {("paul-mire", "founded", "kinto", "Asserted"), ("orme", "investedIn", "kinto", "Negated")}),
    # a doubt announced in the clause, not in the next one
    ("Rien ne dit que le groupe Arden investira dans la start-up Kivo, même si les deux entreprises ont déjà noué un partenariat.",
     {("arden", "investedIn", "kivo", "Hedged"), ("arden", "partnersWith", "kivo", "Asserted")}),
    # a failure said after the trigger: "n'a pas abouti"
    ("Le projet de rapprochement entre la start-up Kivo et le groupe Arden n'a pas abouti.", {("arden", "partnersWith", "kivo", "Negated")}),
    # talks with investors, and being about to invest, are hedges
    ("La start-up Kinto discute avec plusieurs fonds, dont Orme Capital, en vue d'une levée de fonds.",
     {("orme-capital", "investedIn", "kinto", "Hedged")}),
    ("Paul Mire s'apprête à investir dans la start-up Kivo.", {("paul-mire", "investedIn", "kivo", "Hedged")}),
])
def test_modality_of_each_claim(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


def test_a_role_noun_in_a_fronted_phrase_is_background(extractor):
    found = triples(extractor.extract(article("Créatrice de la marque Lisca, Julie Varen a investi dans la start-up Movo, selon Challenges.")))
    assert found == {("julie-varen", "founded", "lisca", "Asserted"), ("julie-varen", "investedIn", "movo", "Reported")}


def test_a_source_joins_no_list_and_a_report_incise_names_its_source(extractor):
    x = extractor.extract(article("D'après le Wall Street Journal, le groupe Arden et le groupe Velum auraient discuté d'un rapprochement."))
    assert triples(x) == {("arden", "partnersWith", "velum", "Hedged")}
    x = extractor.extract(article("Le groupe Arden s'est allié à la start-up Kivo, a annoncé le CNES."))
    assert {(c.subject, c.object, c.modality, c.attributed_to) for c in x.claims} == {("arden", "kivo", "Reported", "cnes")}


def test_an_intention_is_a_hedge(extractor):
    found = triples(extractor.extract(article("L'association Civis a annoncé son intention d'assigner en justice la plateforme Lumba.")))
    assert found == {("civis", "sued", "lumba", "Hedged")}


def test_hedged_claims_make_no_plain_edge_on_the_seeds(seed_extractions):
    hedged = {(c.subject, c.relation, c.object) for _, x in seed_extractions for c in x.claims if c.modality == "Hedged"}
    assert ("oracle", "partnersWith", "xai") in hedged


def test_regex_cache_rebuilds_the_same_pattern(tmp_path, monkeypatch):
    import re

    from graph.extract.regex_cache import BIG, cached_regexes

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    pattern = "(?i)" + "|".join(f"(?:^{i:06d}[-']x+$)" for i in range(BIG // 15)) + "|(?:^anti-\\w+$)"
    words = ["000123-xx", "000123'XX", "anti-inflammatoire", "Anti-Bruit", "000123-y", "bonjour"]
    expected = [bool(re.compile(pattern).match(w)) for w in words]
    for _ in range(2):  # compiled and stored, then rebuilt from the stored opcodes
        re.purge()
        with cached_regexes():
            compiled = re.compile(pattern)
        assert [bool(compiled.match(w)) for w in words] == expected
    assert len(list((tmp_path / "newsgraph").glob("*.json"))) == 1


def test_time_stays_linear_with_thousands_of_distinct_names(extractor):
    rng = random.Random(3)

    def name() -> str:
        return "".join(rng.choice("BCDFGKLMNPRSTVZ") + rng.choice("aeiou") for _ in range(3)).capitalize()

    timings = []
    for sentences in (100, 400):
        text = "".join(f"La start-up {name()} a levé 5 millions d'euros auprès du fonds {name()} Capital. "
                       + ("\n" if n % 8 == 7 else "") for n in range(sentences))
        start = time.perf_counter()
        extraction = extractor.extract(article(text))
        timings.append(time.perf_counter() - start)
    assert len(extraction.entities) > 600
    assert timings[1] < 4 * timings[0] * 2


# -- Round 5: participles in apposition, counted people, object clitics, one owner's possessive -------

@pytest.mark.parametrize("text, expected", [
    # a participle after a comma qualifies the name before it, not the main clause's subject
    ("Le fonds Orme a investi dans la marque Lumen, fondée par Ana Belle et Julie Varen.",
     {("orme", "investedIn", "lumen", "Asserted"), ("ana-belle", "founded", "lumen", "Asserted"),
      ("julie-varen", "founded", "lumen", "Asserted")}),
    ("Le fonds Orme, fondé par Paul Mire, a investi dans la start-up Kivo.",
     {("orme", "investedIn", "kivo", "Asserted"), ("paul-mire", "founded", "orme", "Asserted")}),
    # "par deux sœurs, A et B": the people counted, named in apposition
    ("La marque Lumen a été fondée par deux sœurs, Ana Belle et Julie Varen.",
     {("ana-belle", "founded", "lumen", "Asserted"), ("julie-varen", "founded", "lumen", "Asserted")}),
    ("La start-up Kivo a été cofondée en 2019 par trois amis d'enfance, Paul Mire, Ana Belle et Julie Varen, à Lyon.",
     {("paul-mire", "founded", "kivo", "Asserted"), ("ana-belle", "founded", "kivo", "Asserted"),
      ("julie-varen", "founded", "kivo", "Asserted")}),
    # "qui l'ont lancée": the company the object pronoun stands for
    ("Derrière la plateforme Kivo se cachent deux ingénieurs, Paul Mire et Ana Belle, qui l'ont lancée en 2020.",
     {("paul-mire", "founded", "kivo", "Asserted"), ("ana-belle", "founded", "kivo", "Asserted")}),
    ("La start-up Kivo doit beaucoup à Paul Mire, qui l'a lancée en 2020.", {("paul-mire", "founded", "kivo", "Asserted")}),
    # a product launched, or a company joined, is no founding
    ("Le logiciel Kivo a séduit Paul Mire, qui l'a lancé en France.", set()),
    ("La société Kivo emploie Paul Mire, qui l'a rejointe en 2020.", set()),
    # "marque" is a company cue, also past a complement with an adjective
    ("Le groupe Arden a investi dans la marque de sacs recyclés Lumen.", {("arden", "investedIn", "lumen", "Asserted")}),
    # "sa fondatrice" has one owner: none of two coordinated names
    ("Ni le fonds Orme ni la région Bretagne n'ont accepté de financer le projet de Kivo, déplore sa fondatrice, Ana Belle.",
     {("ana-belle", "founded", "kivo", "Asserted")}),
    ("Le fonds Orme et le groupe Arden ont investi dans la start-up Kivo, se félicite son fondateur, Paul Mire.",
     {("orme", "investedIn", "kivo", "Asserted"), ("arden", "investedIn", "kivo", "Asserted"),
      ("paul-mire", "founded", "kivo", "Asserted")}),
])
def test_round5_general_forms(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


# -- Round 6: the journalists' vocabulary of each relation, listed systematically -------------------

@pytest.mark.parametrize("text, expected", [
    # investedIn: verbs, nouns and idioms of a stake or a round
    ("Le fonds Sorbier a abondé le tour de table de la start-up Talvo.", ("sorbier", "investedIn", "talvo")),
    ("Le fonds Sorbier figure au capital de la start-up Talvo depuis 2021.", ("sorbier", "investedIn", "talvo")),
    ("Le fonds Sorbier est déjà présent au tour de table de la start-up Talvo.", ("sorbier", "investedIn", "talvo")),
    ("Le fonds Sorbier a été le chef de file du tour de table de la start-up Talvo.", ("sorbier", "investedIn", "talvo")),
    ("Le fonds Sorbier a co-investi dans la start-up Talvo avec le groupe Mercane.", ("sorbier", "investedIn", "talvo")),
    ("Le fonds Sorbier est monté au capital de la start-up Talvo.", ("sorbier", "investedIn", "talvo")),
    ("Le fonds Sorbier s'est invité au capital de la start-up Talvo.", ("sorbier", "investedIn", "talvo")),
    ("Le fonds Sorbier a placé 2 millions d'euros dans la start-up Talvo.", ("sorbier", "investedIn", "talvo")),
    ("Le fonds Sorbier a alloué 3 millions d'euros à la start-up Talvo.", ("sorbier", "investedIn", "talvo")),
    ("Le fonds Sorbier a signé un ticket de 2 millions d'euros dans la start-up Talvo.", ("sorbier", "investedIn", "talvo")),
    ("La start-up Talvo a levé 5 millions d'euros. Le fonds Sorbier a signé un ticket de 2 millions.", ("sorbier", "investedIn", "talvo")),
    ("Le fonds Sorbier est entré au tour de table de la start-up Talvo.", ("sorbier", "investedIn", "talvo")),
    ("Le fonds Sorbier a fait son entrée au capital de la start-up Talvo.", ("sorbier", "investedIn", "talvo")),
    ("La start-up Talvo annonce l'arrivée du fonds Sorbier à son capital.", ("sorbier", "investedIn", "talvo")),
    ("La start-up Talvo a bénéficié d'un investissement de 3 millions d'euros du fonds Sorbier.", ("sorbier", "investedIn", "talvo")),
    ("Le fonds Sorbier s'est offert 10 % de la start-up Talvo.", ("sorbier", "investedIn", "talvo")),
    ("Le fonds Sorbier a acquis 15 % du capital de la start-up Talvo.", ("sorbier", "investedIn", "talvo")),
    ("Le fonds Sorbier a accompagné la start-up Talvo lors de sa levée de fonds de 4 millions d'euros.", ("sorbier", "investedIn", "talvo")),
    ("Le fonds Sorbier a apporté son soutien financier à la start-up Talvo.", ("sorbier", "investedIn", "talvo")),
    ("Le fonds Sorbier a contribué à hauteur de 2 millions d'euros à la levée de la start-up Talvo.", ("sorbier", "investedIn", "talvo")),
    ("La start-up Talvo a finalisé une série A de 8 millions d'euros menée par le fonds Sorbier.", ("sorbier", "investedIn", "talvo")),
    # founded
    ("Lina Roussel a porté la start-up Talvo sur les fonts baptismaux en 2018.", ("lina-roussel", "founded", "talvo")),
    ("La start-up Talvo, portée sur les fonts baptismaux par Lina Roussel en 2018, recrute.", ("lina-roussel", "founded", "talvo")),
    ("La start-up Talvo est née de l'initiative de Marc Obert.", ("marc-obert", "founded", "talvo")),
    ("La start-up Talvo est née de la rencontre entre Marc Obert et Lina Roussel.", ("lina-roussel", "founded", "talvo")),
    ("La start-up Talvo a vu le jour en 2019 sous l'impulsion de Marc Obert.", ("marc-obert", "founded", "talvo")),
    ("Marc Obert a mis sur pied la start-up Talvo en 2019.", ("marc-obert", "founded", "talvo")),
    ("Marc Obert est à l'initiative de la start-up Talvo.", ("marc-obert", "founded", "talvo")),
    ("Marc Obert a donné vie à la start-up Talvo en 2019.", ("marc-obert", "founded", "talvo")),
    ("Lina Roussel dirige la start-up Talvo, qu'elle a lancée en 2019.", ("lina-roussel", "founded", "talvo")),
    # an application in apposition may be the start-up itself
    ("Marc Obert a fondé Talvo, une application de covoiturage, en 2019.", ("marc-obert", "founded", "talvo")),
    ("Le fonds Sorbier a investi dans Talvo, une application de paiement mobile.", ("sorbier", "investedIn", "talvo")),
    # partnersWith
    ("Le groupe Mercane coopère avec la start-up Talvo depuis 2020.", ("mercane", "partnersWith", "talvo")),
    ("Le groupe Mercane et la start-up Talvo joignent leurs forces pour conquérir l'Europe.", ("mercane", "partnersWith", "talvo")),
    ("Le groupe Mercane et la start-up Talvo mutualisent leurs moyens de production.", ("mercane", "partnersWith", "talvo")),
    ("Le groupe Mercane va co-développer avec la start-up Talvo une batterie solide.", ("mercane", "partnersWith", "talvo")),
    ("Le groupe Mercane travaille de concert avec la start-up Talvo.", ("mercane", "partnersWith", "talvo")),
    ("Le groupe Mercane et la start-up Talvo font cause commune face aux géants américains.", ("mercane", "partnersWith", "talvo")),
    ("Le groupe Mercane a choisi la start-up Talvo comme partenaire technologique.", ("mercane", "partnersWith", "talvo")),
    ("Le groupe Mercane a signé un mémorandum d'entente avec la start-up Talvo.", ("mercane", "partnersWith", "talvo")),
    ("Le groupe Mercane a pactisé avec la start-up Talvo.", ("mercane", "partnersWith", "talvo")),
    # sued
    ("Le groupe Mercane a délivré une assignation à la start-up Talvo.", ("mercane", "sued", "talvo")),
    ("Le groupe Mercane a déposé une requête contre la start-up Talvo devant le tribunal de commerce.", ("mercane", "sued", "talvo")),
    ("Le groupe Mercane poursuit la start-up Talvo pour concurrence déloyale.", ("mercane", "sued", "talvo")),
    ("Le groupe Mercane attaque la start-up Talvo pour diffamation.", ("mercane", "sued", "talvo")),
    ("Le groupe Mercane réclame 3 millions d'euros à la start-up Talvo devant le tribunal de commerce.", ("mercane", "sued", "talvo")),
    ("Le groupe Mercane s'est constitué partie civile contre la start-up Talvo.", ("mercane", "sued", "talvo")),
    ("Le groupe Mercane a engagé une bataille judiciaire contre la start-up Talvo.", ("mercane", "sued", "talvo")),
    ("Le groupe Mercane a fait condamner la start-up Talvo pour contrefaçon.", ("mercane", "sued", "talvo")),
    ("Le groupe Mercane a obtenu la condamnation de la start-up Talvo pour contrefaçon.", ("mercane", "sued", "talvo")),
    ("Le groupe Mercane a saisi les prud'hommes contre la start-up Talvo.", ("mercane", "sued", "talvo")),
    ("Le groupe Mercane a assigné en référé la start-up Talvo.", ("mercane", "sued", "talvo")),
    ("La start-up Talvo fait l'objet d'une plainte du groupe Mercane.", ("mercane", "sued", "talvo")),
    # a plaintiff named after the lawsuit, whoever filed it
    ("Un collectif d'auteurs a assigné la start-up Talvo devant la justice. Parmi les plaignants figure l'écrivaine Lina Roussel.",
     ("lina-roussel", "sued", "talvo")),
    ("Plusieurs éditeurs ont porté plainte contre la start-up Talvo. Les plaignants, dont le groupe Mercane, réclament 10 millions d'euros.",
     ("mercane", "sued", "talvo")),
])
def test_round6_vocabulary(extractor, text, expected):
    assert expected + ("Asserted",) in triples(extractor.extract(article(text)))


@pytest.mark.parametrize("text, expected", [
    # the new forms keep their negations and hedges
    ("Le fonds Sorbier n'a pas abondé le tour de table de la start-up Talvo.", ("sorbier", "investedIn", "talvo", "Negated")),
    ("La start-up Talvo n'a bénéficié d'aucun financement du fonds Sorbier.", ("sorbier", "investedIn", "talvo", "Negated")),
    ("Le fonds Sorbier pourrait faire son entrée au capital de la start-up Talvo.", ("sorbier", "investedIn", "talvo", "Hedged")),
    ("Le groupe Mercane n'a jamais fait cause commune avec la start-up Talvo.", ("mercane", "partnersWith", "talvo", "Negated")),
    ("Le groupe Mercane envisagerait de saisir les prud'hommes contre la start-up Talvo.", ("mercane", "sued", "talvo", "Hedged")),
])
def test_round6_vocabulary_keeps_modality(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == {expected}


@pytest.mark.parametrize("text", [
    "Le fonds Sorbier a acquis 100 % de la start-up Talvo.",  # an acquisition, not a stake
    "Le cabinet d'avocats Gide a accompagné la start-up Talvo lors de sa levée de fonds de 4 millions d'euros.",  # an adviser
    "La start-up Talvo a bénéficié du soutien de la région Bretagne pour son implantation.",
    "Le groupe Mercane a porté plainte contre la start-up Talvo. Selon l'avocat des plaignants, Marc Obert, le dossier est solide.",
    "Le PDG de Talvo a été condamné à verser 3 millions d'euros au groupe Mercane.",
    "Google a lancé Bard, une application de conversation, en 2023.",
])
def test_round6_vocabulary_without_a_wrong_claim(extractor, text):
    claims = triples(extractor.extract(article(text)))
    assert not any(c[1] == "investedIn" and c[0] in {"gide", "region-bretagne"} for c in claims)
    assert ("sorbier", "investedIn", "talvo", "Asserted") not in claims
    assert not any(c[0] == "marc-obert" or c[1] == "founded" for c in claims)


def test_an_incise_after_a_role_noun_does_not_reach_a_later_complement(extractor):
    text = "L'entreprise Talvo a été fondée en 2019. Son fondateur, Marc Obert, est un ancien de Google."
    assert triples(extractor.extract(article(text))) == {("marc-obert", "founded", "talvo", "Asserted")}


@pytest.mark.parametrize("text, expected", [
    # "rejoint par" in a round names another investor
    ("La start-up Talvo lève 9 millions d'euros. Le tour est mené par le fonds Sorbier, rejoint par le fonds Ombelle.",
     {("sorbier", "investedIn", "talvo", "Asserted"), ("ombelle", "investedIn", "talvo", "Asserted")}),
    # "chacun" before the amount; "à X" after a funding verb is an investee, not a place
    ("Le fonds Sorbier et le fonds Ombelle ont apporté chacun 2 millions d'euros à Talvo, le spécialiste des drones agricoles.",
     {("sorbier", "investedIn", "talvo", "Asserted"), ("ombelle", "investedIn", "talvo", "Asserted")}),
    # "prendre la tête d'un nouveau tour de financement de X"
    ("Le fonds Sorbier a pris la tête d'un nouveau tour de financement de la start-up Talvo.", {("sorbier", "investedIn", "talvo", "Asserted")}),
    # "X, un logiciel de ..." may be the company founded
    ("Lina Roussel a quitté la banque Mercane pour fonder Talvo, un logiciel de paie pour les artisans.", {("lina-roussel", "founded", "talvo", "Asserted")}),
    # the one a quote is said to is not the speaker of "nous"
    ("« Nous n'avons jamais investi dans Talvo », a assuré au Parisien le patron du fonds Sorbier.", {("sorbier", "investedIn", "talvo", "Negated")}),
    # "faute d'accord" negates
    ("Faute d'accord sur la gouvernance, le groupe Mercane et la start-up Talvo ont renoncé à leur projet.", {("mercane", "partnersWith", "talvo", "Negated")}),
    # a report incise without a name
    ("Le fonds Sorbier est entré au capital de la start-up Talvo, indique un communiqué.", {("sorbier", "investedIn", "talvo", "Reported")}),
    # "qui l'oppose à X": an opponent, not a place
    ("Dans le litige qui l'oppose depuis 2021 à Ombelle, Talvo a perdu en appel. La société Ombelle avait attaqué Talvo pour dénigrement devant le tribunal de commerce.",
     {("ombelle", "sued", "talvo", "Asserted")}),
    # "Parmi eux figure X" after a lawsuit by a group
    ("D'anciens clients ont intenté une action de groupe contre la banque Mercane. Parmi eux figure l'entrepreneuse Lina Roussel.",
     {("lina-roussel", "sued", "mercane", "Asserted")}),
])
def test_round6_fresh16_causes(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


@pytest.mark.parametrize("text, expected", [
    # "la jeune pousse" is one noun; a headline's opening phrase is no name
    ("Coup de pouce pour Talvo. La jeune pousse lilloise, qui recycle des batteries, a levé 3 millions d'euros auprès du fonds Sorbier.",
     {("sorbier", "investedIn", "talvo", "Asserted")}),
    # "fait aussi l'objet d'une assignation de la part de ..., dont X"
    ("La banque Mercane fait aussi l'objet d'une assignation de la part de plusieurs clients, dont la PME normande Talvo.",
     {("talvo", "sued", "mercane", "Asserted")}),
    # "assigner" needs no court named
    ("Deux ONG, dont Terre Vive, ont assigné le groupe Mercane pour manquement à son devoir de vigilance.", {("terre-vive", "sued", "mercane", "Asserted")}),
    # a complaint to a regulator
    ("C'est l'association Terre Vive qui a saisi le régulateur contre la société Talvo.", {("terre-vive", "sued", "talvo", "Asserted")}),
    # "approcher X pour un partenariat": the object of the verb is the partner
    ("Le groupe Mercane aurait approché la start-up Talvo pour un partenariat.", {("mercane", "partnersWith", "talvo", "Hedged")}),
    # a complement with "à" or "en" after the cue noun, and a fronted participle
    ("Entré au capital de la société de livraison à vélo Talvo en 2021, le groupe Mercane y détient 40 %.", {("mercane", "investedIn", "talvo", "Asserted")}),
    ("Lina Roussel a cofondé l'agence de voyages en ligne Talvo en 2015.", {("lina-roussel", "founded", "talvo", "Asserted")}),
    # "lançaient" (ç), a location phrase before the object, "sa compagne" in a list
    ("Il y a dix ans, Marc Obert et sa compagne Lina Roussel lançaient dans leur garage Talvo, une marque de vélos.",
     {("marc-obert", "founded", "talvo", "Asserted"), ("lina-roussel", "founded", "talvo", "Asserted")}),
    # a two-word complement after the cue noun types the name
    ("Le studio de jeux vidéo nantais Talvo Forge a été créé en 2016 par trois anciens de Mercane : Marc Obert, Lina Roussel et Paul Mire.",
     {("marc-obert", "founded", "talvo-forge", "Asserted"), ("lina-roussel", "founded", "talvo-forge", "Asserted"),
      ("paul-mire", "founded", "talvo-forge", "Asserted")}),
    # "boucler un tour ... avec X"
    ("La start-up Talvo a bouclé en 2016 un tour de table de 10 millions d'euros avec le fonds Sorbier.", {("sorbier", "investedIn", "talvo", "Asserted")}),
    # "démentant" denies
    ("La start-up Talvo ne lèvera pas de fonds cette année, a déclaré son patron, démentant les rumeurs d'un tour de table mené par le fonds Sorbier.",
     {("sorbier", "investedIn", "talvo", "Negated")}),
])
def test_round6_fresh17_causes(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


def test_a_capitalised_article_inside_a_sentence_belongs_to_the_name(extractor):
    text = "C'est l'association La Vigie du Net qui a saisi la justice contre la société Talvo."
    assert triples(extractor.extract(article(text))) == {("la-vigie-du-net", "sued", "talvo", "Asserted")}


@pytest.mark.parametrize("text, expected", [
    # "Ce n'est pas A mais B qui": A's claim negated, B's asserted (and a cleft's relative is no background)
    ("Ce n'est pas le fonds Sorbier mais le fonds Ombelle qui a mené le tour de table de la start-up Talvo, corrige Les Echos.",
     {("sorbier", "investedIn", "talvo", "Negated"), ("ombelle", "investedIn", "talvo", "Reported")}),
    # the subject of the clause is not what its epithet object stands for
    ("La cour d'appel a donné raison à Talvo dans le conflit qui l'opposait à la société de production Mercane. Cette dernière avait assigné la plateforme pour rupture de contrat.",
     {("mercane", "sued", "talvo", "Asserted")}),
    # a singular participle after a list hung on its first noun
    ("Le promoteur immobilier Mercane et la start-up Talvo, fondée par Lina Roussel, ont conclu un partenariat.",
     {("lina-roussel", "founded", "talvo", "Asserted"), ("mercane", "partnersWith", "talvo", "Asserted")}),
    # "parmi les premiers soutiens de X ... aux côtés de Y"
    ("Marc Obert figure parmi les premiers soutiens de Talvo, l'opérateur de satellites, aux côtés du fonds Sorbier.",
     {("marc-obert", "investedIn", "talvo", "Asserted"), ("sorbier", "investedIn", "talvo", "Asserted")}),
    # "une action ... lancée contre X par Y"
    ("Une action de groupe a été lancée contre le fabricant de jouets Talvo par l'association Terre Vive.", {("terre-vive", "sued", "talvo", "Asserted")}),
    # "A, l'un des cofondateurs de X, a investi dans Y"
    ("Marc Obert, l'un des trois cofondateurs de Mercane, a investi à titre personnel dans la jeune pousse lyonnaise Talvo.",
     {("marc-obert", "founded", "mercane", "Asserted"), ("marc-obert", "investedIn", "talvo", "Asserted")}),
    # "Le tour de table a réuni A et B"
    ("La start-up Talvo lève 8 millions d'euros. Le tour de table a réuni le fonds Sorbier et le fonds Ombelle.",
     {("sorbier", "investedIn", "talvo", "Asserted"), ("ombelle", "investedIn", "talvo", "Asserted")}),
    # companies counted, named after a colon
    ("Lina Roussel a déjà créé deux entreprises : l'agence Talvo et la société Mercane.",
     {("lina-roussel", "founded", "talvo", "Asserted"), ("lina-roussel", "founded", "mercane", "Asserted")}),
])
def test_round6_fresh18_causes(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


def test_a_lawyer_of_unnamed_plaintiffs_sues_nobody(extractor):
    text = ("Une quarantaine de chauffeurs ont décidé de traîner la plateforme Talvo devant le conseil de prud'hommes. "
            "Leur avocat, Me Marc Obert, réclame la requalification de leurs contrats.")
    assert not [c for c in extractor.extract(article(text)).claims if c.relation == "sued"]


@pytest.mark.parametrize("text, expected", [
    # "au géant de l'optique X": a cue with a complement, not an epithet
    ("Fondée en 2017 par Lina Roussel, Talvo s'est alliée au géant de l'optique Mercane.",
     {("lina-roussel", "founded", "talvo", "Asserted"), ("mercane", "partnersWith", "talvo", "Asserted")}),
    # "a convaincu X" in a fundraising
    ("Amorçage de 2 millions d'euros pour Talvo. La start-up lilloise a convaincu le fonds Sorbier et le fonds Ombelle.",
     {("sorbier", "investedIn", "talvo", "Asserted"), ("ombelle", "investedIn", "talvo", "Asserted")}),
    # "l'enseigne" refers back to a company
    ("Le patron de Mercane, Marc Obert, indique que l'enseigne n'a pas l'intention de s'associer avec la start-up Talvo.",
     {("mercane", "partnersWith", "talvo", "Negated")}),
    # examples further after a role noun's complement
    ("Plusieurs anciens actionnaires de la société de jeux mobiles Talvo, dont le fonds Sorbier, ont été remboursés.",
     {("sorbier", "investedIn", "talvo", "Asserted")}),
    # a capitalised possessive inside a sentence opens the name; "le réseau de ... X" types it
    ("Le réseau de cliniques vétérinaires Mon Talvo a ouvert son capital au fonds Sorbier.", {("sorbier", "investedIn", "mon-talvo", "Asserted")}),
    # "co-investi ... dans X": an investee, whatever NER says
    ("Le fonds Sorbier et la Banque des Territoires ont co-investi 4 millions d'euros dans Talvo.",
     {("sorbier", "investedIn", "talvo", "Asserted"), ("banque-des-territoires", "investedIn", "talvo", "Asserted")}),
    # a name chunk goes on through a known name: "Goldman Sachs Asset Management" is not Goldman Sachs
    ("Le fonds Goldman Sachs Asset Management a investi dans la start-up Talvo.", {("goldman-sachs-asset-management", "investedIn", "talvo", "Asserted")}),
])
def test_round6_fresh19_causes(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


@pytest.mark.parametrize("text, expected", [
    # people in apposition to "les fondateurs de X" are no list with X
    ("Les deux fondateurs de la plateforme de covoiturage Talvo, Marc Obert et Lina Roussel, ont chacun investi dans Mercane.",
     {("marc-obert", "founded", "talvo", "Asserted"), ("lina-roussel", "founded", "talvo", "Asserted"),
      ("marc-obert", "investedIn", "mercane", "Asserted"), ("lina-roussel", "investedIn", "mercane", "Asserted")}),
    # "mettre fin à leur collaboration" negates
    ("Le groupe Mercane et la start-up Talvo ont décidé de mettre fin à leur collaboration.", {("mercane", "partnersWith", "talvo", "Negated")}),
    # "pourrait faire l'objet d'une action de la part de X"; an institution spelt out after "Ligue"
    ("La start-up Talvo pourrait faire l'objet d'une action en justice de la part de la Ligue de football amateur.",
     {("ligue-de-football-amateur", "sued", "talvo", "Hedged")}),
    # "lancé il y a cinq ans sa propre société de conseil en cybersécurité, X"
    ("Marc Obert a lancé il y a cinq ans sa propre société de conseil en cybersécurité, Talvo, après dix ans chez Mercane.",
     {("marc-obert", "founded", "talvo", "Asserted")}),
    # "sa plainte contre son ex-employeur, le cabinet X"
    ("Lina Roussel a maintenu sa plainte contre son ex-employeur, le cabinet de conseil Talvo, pour harcèlement.", {("lina-roussel", "sued", "talvo", "Asserted")}),
    # "à laquelle se sont joints A et B"
    ("Le fonds Sorbier a mené un tour de table de 15 millions d'euros dans la proptech Talvo, à laquelle se sont joints Ombelle et Mercane.",
     {("sorbier", "investedIn", "talvo", "Asserted"), ("ombelle", "investedIn", "talvo", "Asserted"), ("mercane", "investedIn", "talvo", "Asserted")}),
    # a source before an epithet is no apposition: "Selon le X, le conglomérat ..."
    ("Le groupe Mercane et la start-up Talvo collaborent. Selon le Quotidien Vert, le conglomérat envisagerait d'investir davantage.",
     {("mercane", "partnersWith", "talvo", "Asserted")}),
])
def test_round6_fresh20_causes(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


@pytest.mark.parametrize("text, expected", [
    # a capitalised article inside a person's name
    ("Fondée par Hugues Le Mire, la société Talvo a été rachetée en 2017.", {("hugues-le-mire", "founded", "talvo", "Asserted")}),
    # "apporter son soutien financier au projet de X"; "la métropole de X" is an institution
    ("La région Bretagne et la métropole de Rennes ont apporté leur soutien financier au projet d'usine du fabricant de batteries Talvo.",
     {("region-bretagne", "investedIn", "talvo", "Asserted"), ("metropole-de-rennes", "investedIn", "talvo", "Asserted")}),
])
def test_round6_fresh21_causes(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


def test_joining_a_tender_is_no_partnership_nor_a_founding(extractor):
    text = "Ni le groupe Mercane ni la société Talvo ne se sont associés à l'appel d'offres lancé par Ombelle, a fait savoir le régulateur."
    assert not [c for c in extractor.extract(article(text)).claims if c.relation == "founded" or c.modality == "Asserted"]


@pytest.mark.parametrize("text, expected", [
    # "réunir N millions auprès de X"
    ("Fondatrice de la marque Talvo, Lina Roussel a réuni 1,2 million d'euros auprès du fonds Sorbier.",
     {("lina-roussel", "founded", "talvo", "Asserted"), ("sorbier", "investedIn", "talvo", "Asserted")}),
    # "développer ensemble"
    ("Les équipementiers Mercane et Ombelle vont développer ensemble des radars pour voitures autonomes.", {("mercane", "partnersWith", "ombelle", "Asserted")}),
    # legal grounds and a conviction make "poursuivre" a lawsuit; "l'" is the defendant
    ("La start-up Talvo a été condamnée à verser 4 millions de dollars à Mercane, qui l'avait poursuivie pour vol de secrets industriels.",
     {("mercane", "sued", "talvo", "Asserted")}),
    ("Le groupe Mercane envisagerait de poursuivre la plateforme Talvo pour non-respect des règles de location.", {("mercane", "sued", "talvo", "Hedged")}),
    # "qu'il a créée", with the main clause's pronoun subject
    ("Marc Obert a fondé Mercane. Il a ensuite investi dans la start-up Talvo, qu'il a lui-même créée.",
     {("marc-obert", "founded", "mercane", "Asserted"), ("marc-obert", "investedIn", "talvo", "Asserted"), ("marc-obert", "founded", "talvo", "Asserted")}),
    # a name farther after a cue noun with a complement is no epithet
    ("Selon Les Echos, le fonds Sorbier pourrait investir 50 millions d'euros dans la start-up française de véhicules électriques Talvo.",
     {("sorbier", "investedIn", "talvo", "Hedged")}),
])
def test_round6_fresh22_causes(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


def test_accusing_someone_of_creating_something_is_no_founding(extractor):
    text = "Selon Les Echos, Mercane aurait déposé une plainte contre la start-up Talvo, qu'elle accuse d'avoir créé de faux comptes."
    assert {(c.subject, c.relation, c.object) for c in extractor.extract(article(text)).claims} == {("mercane", "sued", "talvo")}


def test_a_court_seized_against_a_decree_is_no_defendant(extractor):
    text = "Le Conseil d'État a été saisi par l'association Terre Vive contre le décret autorisant la vente de la société Talvo."
    assert not [c for c in extractor.extract(article(text)).claims if c.relation == "sued"]


@pytest.mark.parametrize("text, expected", [
    # a negative determiner before the trigger negates it
    ("Aucun accord n'a été trouvé entre le groupe Mercane et la start-up Talvo.", {("mercane", "partnersWith", "talvo", "Negated")}),
    # "l'arrivée de X au capital" in a round is the fundraiser's, not the lead investor's
    ("La start-up Talvo a bouclé une levée de 6 millions d'euros. Le tour, piloté par le fonds Sorbier, a vu l'arrivée du fonds Ombelle au capital.",
     {("sorbier", "investedIn", "talvo", "Asserted"), ("ombelle", "investedIn", "talvo", "Asserted")}),
])
def test_round6_fresh23_causes(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


@pytest.mark.parametrize("text, expected", [
    # "son associé X" is no partnership
    ("Marc Obert, cofondateur de la start-up Talvo, et son associé Paul Mire ont levé 12 millions d'euros auprès du fonds Sorbier.",
     {("marc-obert", "founded", "talvo", "Asserted"), ("sorbier", "investedIn", "talvo", "Asserted")}),
    # a list through a complement the tagger calls a verb: "le spécialiste du coliving X"
    ("Le groupe hôtelier Mercane et le spécialiste du coliving Talvo n'ont pas conclu de partenariat.", {("mercane", "partnersWith", "talvo", "Negated")}),
    # a title with an adjective before the name: "le chalutier néerlandais X"
    ("Une plainte a été déposée par l'association Terre Vive contre le chalutier néerlandais Talvo.", {("terre-vive", "sued", "talvo", "Asserted")}),
    # a cue noun in the phrase that opens the sentence types the name after the comma
    ("Jeune entreprise bordelaise, Talvo a été lancée par Marc Obert et Lina Roussel.",
     {("marc-obert", "founded", "talvo", "Asserted"), ("lina-roussel", "founded", "talvo", "Asserted")}),
])
def test_round6_fresh24_causes(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


@pytest.mark.parametrize("text, expected", [
    # "X, dont il détenait 10 %"
    ("Le fonds Sorbier s'est désengagé de la fintech Talvo, dont il détenait 10 % depuis 2021.", {("sorbier", "investedIn", "talvo", "Asserted")}),
    # "la levée de fonds de X" and "scale-up" as one word
    ("Le fonds Sorbier n'a pas participé à la dernière levée de fonds de la scale-up Talvo.", {("sorbier", "investedIn", "talvo", "Negated")}),
])
def test_round6_fresh25_causes(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


def test_investors_listed_after_a_fundraising_get_its_amount(extractor):
    text = ("La start-up Velinor a levé 40 millions d'euros. Parmi les investisseurs figurent les fonds "
            "Arbor Capital et Nexa Partners. Deux ans plus tard, le fonds Quill Ventures a investi dans Velinor.")
    claims = {c.subject: c for c in extractor.extract(article(text)).claims if c.relation == "investedIn"}
    assert {key for key in claims} >= {"arbor-capital", "nexa-partners", "quill-ventures"}
    assert claims["arbor-capital"].amount == claims["nexa-partners"].amount == Amount(40e6, "EUR")
    assert claims["quill-ventures"].amount is None  # not the sentence right after the round


def test_a_founding_date_goes_on_the_founding_claim_only(extractor):
    text = "La start-up Lumora, fondée en 2021 par Paul Verdier, a levé 45 millions d'euros auprès du fonds Kappa Growth."
    claims = {c.relation: c for c in extractor.extract(article(text)).claims}
    assert claims["founded"].date == "2021"
    assert claims["investedIn"].date is None and claims["investedIn"].amount == Amount(45e6, "EUR")


def test_emoji_do_not_hide_a_sentence_from_the_parser(extractor):
    text = "🚀 La start-up Zento a été fondée par Éric Dupré. 👉 Le fonds Arvel Capital a investi dans Zento ⭐️ 👨‍💻"
    extraction = extractor.extract(article(text))
    assert pairs(extraction, "founded") == {("eric-dupre", "zento")}
    assert pairs(extraction, "investedIn") == {("arvel-capital", "zento")}
    for claim in extraction.claims:
        assert text[claim.start:claim.end] == claim.quote


def test_a_lawsuit_that_targets_one_more_defendant(extractor):
    text = ("L'association Data Justice a porté plainte contre la start-up Norvane. La plainte déposée par "
            "Data Justice vise également la société Orbelis.")
    claims = triples(extractor.extract(article(text)))
    assert ("data-justice", "sued", "orbelis", "Asserted") in claims
    assert ("data-justice", "sued", "norvane", "Asserted") in claims


@pytest.mark.parametrize("text, expected", [
    # a source ("selon le quotidien X") is neither an epithet's apposition nor its antecedent
    ("La start-up Kivo a levé 5 millions d'euros auprès du fonds Orme. Selon le quotidien Varenne, la société serait en discussions avec le groupe Arden en vue d'un partenariat.",
     {("orme", "investedIn", "kivo", "Asserted"), ("arden", "partnersWith", "kivo", "Hedged")}),
    ("Le groupe Arden n'a pas investi dans la start-up Kivo. Selon le site Varenne, le groupe aurait pourtant envisagé une prise de participation dans Kivo.",
     {("arden", "investedIn", "kivo", "Negated"), ("arden", "investedIn", "kivo", "Hedged")}),
    # a name an apposition describes is whom the story goes on about, more than the clause's subject
    ("Le groupe Arden a investi 10 millions d'euros dans Kivo, un fabricant lyonnais de drones. La société, fondée en 2019 par deux ingénieurs, Paul Mire et Ana Belle, emploie 40 salariés.",
     {("arden", "investedIn", "kivo", "Asserted"), ("paul-mire", "founded", "kivo", "Asserted"), ("ana-belle", "founded", "kivo", "Asserted")}),
    # the name after a fronted participial phrase is the subject; a reference that is the subject stays
    # in view for the next pronoun; "un ingénieur passé par Y, qui" is the engineer, not Y
    ("Installée près de Nantes, Kivo fabrique des drones agricoles. L'entreprise a été fondée en 2019 par Paul Mire, un ancien ingénieur passé par Safran, qui a aussi créé l'association Drones Ouest. Elle a signé cette année un accord de fourniture avec le groupe Arden.",
     {("paul-mire", "founded", "kivo", "Asserted"), ("paul-mire", "founded", "drones-ouest", "Asserted"), ("arden", "partnersWith", "kivo", "Asserted")}),
    # "se joindre à la procédure" and "la plainte vise aussi X": the parties of the article's latest lawsuit
    ("L'éditeur Arden a assigné la start-up Kivo devant le tribunal de commerce de Lyon. L'association Lire Libre s'est jointe à la procédure, tandis que le groupe Orme pourrait se joindre à la plainte.",
     {("arden", "sued", "kivo", "Asserted"), ("lire-libre", "sued", "kivo", "Asserted"), ("orme", "sued", "kivo", "Hedged")}),
    ("Une plainte a été déposée lundi devant le tribunal judiciaire de Nantes par l'association Lire Libre contre la société Kivo. La plainte vise aussi le groupe Orme.",
     {("lire-libre", "sued", "kivo", "Asserted"), ("lire-libre", "sued", "orme", "Asserted")}),
    # an institution's name spelt out in lower case after its head, past adjectives, up to a last
    # capitalised word or acronym; a name may hold a capitalised particle, or a slash
    ("Le Conseil supérieur de la pharmacie a noué un partenariat avec la start-up Kivo.",
     {("conseil-superieur-de-la-pharmacie", "partnersWith", "kivo", "Asserted")}),
    ("L'Union nationale des brasseurs a assigné la société Kivo devant le tribunal de Lyon.",
     {("union-nationale-des-brasseurs", "sued", "kivo", "Asserted")}),
    ("Le Fonds de garantie ABC et la Caisse de retraite et prévoyance du Jura ont investi dans la start-up Kivo.",
     {("fonds-de-garantie-abc", "investedIn", "kivo", "Asserted"), ("caisse-de-retraite-et-prevoyance-du-jura", "investedIn", "kivo", "Asserted")}),
    ("La start-up Kivo a été fondée par Maëlle Le Bihan.", {("maelle-le-bihan", "founded", "kivo", "Asserted")}),
    ("La chaîne Nord/Radio-Lire a assigné en justice la start-up Kivo.", {("nord-radio-lire", "sued", "kivo", "Asserted")}),
    # a lexicon name ("Abu Dhabi") that only begins a longer organisation name; an acronym of a name
    # the article gave in full
    ("Le fonds Abu Dhabi Growth Authority s'associe au groupe Arden. Selon Les Echos, l'ADGA pourrait aussi investir dans la start-up Kivo.",
     {("abu-dhabi-growth-authority", "partnersWith", "arden", "Asserted"), ("abu-dhabi-growth-authority", "investedIn", "kivo", "Hedged")}),
    # who takes part in a fundraising ("participer à la levée") does not raise it
    ("La start-up Kivo vient de lever 20 millions d'euros lors d'une série A menée par le fonds Orme. Le fonds Loire Invest et la banque Arden ont également participé à la levée, tout comme l'investisseur historique Nord Capital.",
     {("orme", "investedIn", "kivo", "Asserted"), ("loire-invest", "investedIn", "kivo", "Asserted"),
      ("arden", "investedIn", "kivo", "Asserted"), ("nord-capital", "investedIn", "kivo", "Asserted")}),
    # a fronted participle is background, which the report does not qualify; an infinitive governed
    # by a conditional verb is hedged
    ("Fondée en 2019 par Paul Mire, Kivo fabrique des drones agricoles, affirme le journal Varenne.",
     {("paul-mire", "founded", "kivo", "Asserted")}),
    ("Paul Mire aurait déjà convaincu le fonds Orme d'investir 3 millions d'euros dans sa start-up Kivo, selon Varenne.",
     {("orme", "investedIn", "kivo", "Hedged")}),
    # a clause the parser hangs on "d'après le site X" is still the main one, and its subject no source
    ("D'après le site Nord Tech, Kivo s'est aussi associée à la néobanque Arden pour distribuer son outil.",
     {("arden", "partnersWith", "kivo", "Reported")}),
    # adverbs between the verb and its object
    ("Le groupe Arden poursuit en revanche bien en justice la start-up Kivo, pour concurrence déloyale.",
     {("arden", "sued", "kivo", "Asserted")}),
    # a definite apposition types a name NER takes for a person's, which the epithet then finds
    ("Le groupe Arden a renoncé à entrer au capital de Loïc Valmeur, la fonderie bretonne en difficulté. Le fonds Orme pourrait injecter 5 millions d'euros dans l'entreprise.",
     {("arden", "investedIn", "loic-valmeur", "Negated"), ("orme", "investedIn", "loic-valmeur", "Hedged")}),
    # the court seized by X against Y, however the court is named
    ("Le tribunal de commerce de Nantes a été saisi par la coopérative Terres Unies contre la société Arden.",
     {("terres-unies", "sued", "arden", "Asserted")}),
    # the comma that closes a fronted participial phrase opens no apposition to the name before it,
    # unless the phrase names what follows ("Baptisée X, sa start-up")
    ("Soutenue par le fonds Orme et Nord Capital, la start-up lyonnaise Kivo a bouclé un tour de table de 8 millions d'euros. La jeune pousse s'est alliée au groupe Arden.",
     {("orme", "investedIn", "kivo", "Asserted"), ("nord-capital", "investedIn", "kivo", "Asserted"), ("arden", "partnersWith", "kivo", "Asserted")}),
    ("Paul Mire a quitté le groupe Arden. Baptisée Kivo, sa start-up vient de lever 2 millions d'euros auprès du fonds Orme.",
     {("orme", "investedIn", "kivo", "Asserted")}),
    # a name spelt with a lower-case prefix and a hyphen
    ("Une autre association, e-Lecture, envisage de déposer une plainte contre la société Kivo.",
     {("e-lecture", "sued", "kivo", "Hedged")}),
    # a participle after the cue noun of an indefinite apposition opens no clause: the name is a company, no place
    ("Le fonds Orme serait en discussions pour investir plus de 50 millions d'euros dans Veltano, une start-up nantaise spécialisée dans les drones.",
     {("orme", "investedIn", "veltano", "Hedged")}),
    # the companies a fund supports, given as examples
    ("Le fonds d'amorçage Orme, qui a soutenu une vingtaine de start-up de la région nantaise, dont Kivo et Lumen, change de dirigeant.",
     {("orme", "investedIn", "kivo", "Asserted"), ("orme", "investedIn", "lumen", "Asserted")}),
    # a capitalised stop word inside a sentence belongs to a name
    ("La brasserie Mille Sources, créée en 2020 par deux amis, Paul Mire et Ana Belle, ouvre un second site.",
     {("paul-mire", "founded", "mille-sources", "Asserted"), ("ana-belle", "founded", "mille-sources", "Asserted")}),
    # "collaborer avec"; a coordinated clause's conditional does not hedge the first, nor does "compter
    # X parmi ses actionnaires"; the partner of another verb is no investor listed "parmi ses actionnaires"
    ("La start-up Kivo compte désormais le fonds Orme parmi ses actionnaires et collaborerait avec le groupe Arden.",
     {("orme", "investedIn", "kivo", "Asserted"), ("arden", "partnersWith", "kivo", "Hedged")}),
    # "faire entrer au capital X": X invests in the company of the story; two names NER split with
    # nothing between are one
    ("La brasserie Kivo, créée en 2019 par Paul Mire, ouvre une usine. Pour la financer, il a fait entrer au capital le fonds régional Bretagne Croissance et la banque Arden.",
     {("paul-mire", "founded", "kivo", "Asserted"), ("bretagne-croissance", "investedIn", "kivo", "Asserted"), ("arden", "investedIn", "kivo", "Asserted")}),
    # the conditional of "participer"
    ("Le fonds Orme pourrait mener le tour de la start-up Kivo, auquel participerait également le groupe Arden.",
     {("orme", "investedIn", "kivo", "Hedged"), ("arden", "investedIn", "kivo", "Hedged")}),
    # a list that closes on a group given by examples
    ("La start-up Kivo a levé 3 millions d'euros auprès du fonds Orme et de plusieurs business angels, parmi lesquels Ana Belle.",
     {("orme", "investedIn", "kivo", "Asserted"), ("ana-belle", "investedIn", "kivo", "Asserted")}),
    # a reference heads a list: "par le fonds lui-même et le groupe X"
    ("Le fonds Orme va investir 5 millions d'euros dans Kivo, un opérateur de drones basé à Nantes. Créée en 2023 par le fonds lui-même et le groupe Arden, Kivo vise 200 clients.",
     {("orme", "investedIn", "kivo", "Asserted"), ("orme", "founded", "kivo", "Asserted"), ("arden", "founded", "kivo", "Asserted")}),
    # the conditional of "détenir"; a reference that coreference takes for an earlier investor stands
    # for its investee
    ("Principal bailleur de fonds de Kivo, Orme a porté son investissement dans la jeune entreprise à 8 millions d'euros. Le groupe Arden détiendrait pour sa part 10 % du capital de la société.",
     {("orme", "investedIn", "kivo", "Asserted"), ("arden", "investedIn", "kivo", "Hedged")}),
    # the conditional forms of the trigger verbs
    ("Selon Varenne, le fonds Orme injecterait 4 millions d'euros dans la start-up Kivo, tandis que le groupe Arden attaquerait en justice la société Lumen.",
     {("orme", "investedIn", "kivo", "Hedged"), ("arden", "sued", "lumen", "Hedged")}),
    ("Le groupe Arden prendrait une participation dans la start-up Kivo.", {("arden", "investedIn", "kivo", "Hedged")}),
    # the pronoun subject of a founding verb is a person, whatever organisation "elle" could stand for
    ("À 40 ans, Ana Belle dirige l'une des start-up les plus en vue de Nantes. Elle a cofondé Kivo en 2019 avec un ancien camarade, Paul Mire.",
     {("ana-belle", "founded", "kivo", "Asserted"), ("paul-mire", "founded", "kivo", "Asserted")}),
    # a sentence-initial first name the tagger takes for an adjective or a participle
    ("Le groupe Arden s'est allié à la start-up Kivo. Ravi Kumar, qui a créé Kivo en 2021 après dix ans chez Orme, salue une étape décisive.",
     {("arden", "partnersWith", "kivo", "Asserted"), ("ravi-kumar", "founded", "kivo", "Asserted")}),
])
def test_h1_general_forms(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


# Session 7: names spelt out in words, coreference across fronted phrases and same-noun references,
# the scope of a denial. Each text was written for the test; none is a gold paragraph.
@pytest.mark.parametrize("text, expected", [
    # an institution's name spelt out in words, whatever its head noun
    ("Mardi, l'Agence de l'innovation maritime a signé un partenariat avec la start-up Hydrel.",
     {("agence-de-l-innovation-maritime", "partnersWith", "hydrel", "Asserted")}),
    ("Lundi, les Amis de la Forêt Bretagne ont assigné le groupe Sylvex en justice.",
     {("amis-de-la-foret-bretagne", "sued", "sylvex", "Asserted")}),
    ("La Fédération des artisans boulangers et pâtissiers a porté plainte contre Panibot.",
     {("federation-des-artisans-boulangers-et-patissiers", "sued", "panibot", "Asserted")}),
    # ... but NER's run-on past the name is not taken for one
    ("La Société Générale a noué un partenariat avec Fraudix sur la détection de fraudes.",
     {("fraudix", "partnersWith", "societe-generale", "Asserted")}),
    # the subject after a fronted phrase is none of the names inside the phrase
    ("La société bordelaise Vitrail Data a bouclé un tour de table de 9 millions d'euros. Fondée en 2019 par "
     "Anne Royer et Karim Belhadj, deux anciens ingénieurs de Thales, la jeune entreprise emploie 30 personnes.",
     {("anne-royer", "founded", "vitrail-data", "Asserted"), ("karim-belhadj", "founded", "vitrail-data", "Asserted")}),
    # a possessive subject keeps its owner in view
    ("Fondée en 2020 à Nantes, Ombrelle conçoit des capteurs météo. Ses fondateurs, Léa Martin et Hugo Dupuis, "
     "viennent tous deux d'Airbus. L'entreprise annonce une levée de 12 millions d'euros auprès de Breega.",
     {("lea-martin", "founded", "ombrelle", "Asserted"), ("hugo-dupuis", "founded", "ombrelle", "Asserted"),
      ("breega", "investedIn", "ombrelle", "Asserted")}),
    # a bare role noun refers back to a person
    ("La société Cerbère Sécurité poursuit son ancien directeur technique, Nicolas Vidal, pour concurrence déloyale. "
     "L'ingénieur avait quitté l'entreprise en 2022 pour fonder Vigilio.",
     {("cerbere-securite", "sued", "nicolas-vidal", "Asserted"), ("nicolas-vidal", "founded", "vigilio", "Asserted")}),
    # a denial in the main clause leaves the participle that describes a name asserted
    ("Le groupe Ardent a finalement renoncé à investir dans Sonova, la plateforme fondée par Anne Colin.",
     {("ardent", "investedIn", "sonova", "Negated"), ("anne-colin", "founded", "sonova", "Asserted")}),
    # a definite noun that introduced a name refers to it again
    ("Le site d'information Le Relais a été racheté. Les fondateurs du site, Anne Petit et Marc Roux, quittent la rédaction.",
     {("anne-petit", "founded", "le-relais", "Asserted"), ("marc-roux", "founded", "le-relais", "Asserted")}),
    # any definite subject after a phrase describing a company is that company
    ("La maison Corvette fête ses 50 ans. Fondée en 1974 par Paul Lenoir, la manufacture compte 80 salariés.",
     {("paul-lenoir", "founded", "corvette", "Asserted")}),
    # "le fondateur, X": of the company raising money
    ("La start-up Orbis lève 5 millions d'euros. Le fondateur, Yann Leroux, est un ancien de Thales.",
     {("yann-leroux", "founded", "orbis", "Asserted")}),
    # a source in front of the clause is no apposition
    ("Selon Les Echos, la mairie de Lyon envisagerait de poursuivre Vélozen pour concurrence déloyale.",
     {("mairie-de-lyon", "sued", "velozen", "Hedged")}),
])
def test_session7_general_forms(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


@pytest.mark.parametrize("text, expected", [
    # an acronym ends a name even when it is a word of its own ("l'IA")
    ("La start-up lyonnaise Sémaphore IA, fondée en 2021 par Claire Vandermeersch, annonce une levée.",
     {("claire-vandermeersch", "founded", "semaphore-ia", "Asserted")}),
    # a place the lexicon knows inside a name: the name goes on
    ("Le fonds Nord France Amorçage a investi dans la start-up Railsense.",
     {("nord-france-amorcage", "investedIn", "railsense", "Asserted")}),
    ("Le fonds Aglaé Ventures a investi dans la marque de cosmétiques Nuance Paris.",
     {("aglae-ventures", "investedIn", "nuance-paris", "Asserted")}),
])
def test_session7_name_boundaries(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


@pytest.mark.parametrize("text, expected", [
    # a first word that no French word is, before a comma or a verb, is a name
    ("Qbitek, spécialiste des qubits photoniques, a levé 25 millions d'euros auprès du fonds Quantonation.",
     {("quantonation", "investedIn", "qbitek", "Asserted")}),
    ("Brimstone a levé 3 millions d'euros auprès de Kima Ventures.", {("kima-ventures", "investedIn", "brimstone", "Asserted")}),
])
def test_session7_unknown_first_words(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


@pytest.mark.parametrize("text, expected", [
    # a dispatch's dateline is not read as the sentence's head
    ("PARIS, 12 mars (AFP) – La start-up Vellum, qui conçoit des drones, a levé 8 millions d'euros auprès de Partech, "
     "a-t-elle annoncé mardi.", {("partech", "investedIn", "vellum", "Asserted")}),
    # "X figure à son capital": the possessive names the investee
    ("La start-up Stockbot fabrique des robots. Le fonds Supernova Invest figure à son capital depuis 2021.",
     {("supernova-invest", "investedIn", "stockbot", "Asserted")}),
    # "X complète le tour de table", "le tour de table a attiré X": of the company raising money
    ("La start-up Lexiane a levé 18 millions d'euros. Le business angel Thibault de Villers complète le tour de table.",
     {("thibault-de-villers", "investedIn", "lexiane", "Asserted")}),
    ("Le fonds Orbe a injecté 20 millions d'euros dans Skyrun. Le tour de table a également attiré Tencent.",
     {("orbe", "investedIn", "skyrun", "Asserted"), ("tencent", "investedIn", "skyrun", "Asserted")}),
])
def test_session7_rounds_and_datelines(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


def test_a_consortium_of_investors_is_no_partnership(extractor):
    text = "La start-up Zéphyr a levé 40 millions d'euros auprès d'un consortium réunissant le fonds Ardian et le constructeur Renault."
    assert triples(extractor.extract(article(text))) == {
        ("ardian", "investedIn", "zephyr", "Asserted"), ("renault", "investedIn", "zephyr", "Asserted")}


@pytest.mark.parametrize("text, expected", [
    # an organisation named by a common noun and its adjective
    ("La CGT et Force ouvrière ont assigné la Banque régionale de l'Est devant le tribunal.",
     {("cgt", "sued", "banque-regionale-de-l-est", "Asserted"), ("force-ouvriere", "sued", "banque-regionale-de-l-est", "Asserted")}),
    # an unknown first word before an auxiliary, whatever the tagger calls it; "suivi par X" in a round
    ("Qbitek a bouclé un tour de table de 25 millions d'euros. L'opération est menée par le fonds Kappa, "
     "suivi par Quantonation et par Airbus Ventures.",
     {("kappa", "investedIn", "qbitek", "Asserted"), ("quantonation", "investedIn", "qbitek", "Asserted"),
      ("airbus-ventures", "investedIn", "qbitek", "Asserted")}),
])
def test_session7_more_names_and_rounds(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


def test_a_demonym_before_a_name_of_unknown_kind_is_no_name(extractor):
    text = "La plateforme Shopora, cofondée par le Singapourien Wei Lin Tan, vend des meubles."
    assert triples(extractor.extract(article(text))) == {("wei-lin-tan", "founded", "shopora", "Asserted")}


def test_a_subject_after_its_verb_in_a_sentence_that_opens_with_it(extractor):
    text = "La start-up Vigo a levé 5 millions d'euros. Ont également participé au tour de table les fonds Alto et Brio."
    assert triples(extractor.extract(article(text))) == {
        ("alto", "investedIn", "vigo", "Asserted"), ("brio", "investedIn", "vigo", "Asserted")}


def test_the_de_of_a_court_phrase_names_no_plaintiff(extractor):
    text = "Tessaron Microdevices a déposé une plainte devant un tribunal fédéral de Californie contre la société française Nanogrille."
    assert triples(extractor.extract(article(text))) == {("tessaron-microdevices", "sued", "nanogrille", "Asserted")}


def test_a_joint_venture_named_by_a_participle_is_founded_by_its_parents(extractor):
    text = "Transdev et le groupe espagnol Movelia ont créé une coentreprise, baptisée Iberail, pour répondre aux appels d'offres."
    assert triples(extractor.extract(article(text))) == {
        ("transdev", "founded", "iberail", "Asserted"), ("movelia", "founded", "iberail", "Asserted"),
        ("movelia", "partnersWith", "transdev", "Asserted")}


def test_the_subject_of_announcing_a_creation_founds(extractor):
    text = "Orange, Thales et le CEA ont officialisé mardi la création de Quantix, un consortium chargé de développer des processeurs."
    assert {t for t in triples(extractor.extract(article(text))) if t[1] == "founded"} == {
        ("orange", "founded", "quantix", "Asserted"), ("thales", "founded", "quantix", "Asserted"),
        ("cea", "founded", "quantix", "Asserted")}


@pytest.mark.parametrize("text", [
    "Le fonds Harrow Lane a investi dans le studio de jeux vidéo bordelais Pixelune.",
    "Le fonds Harrow Lane a investi dans la fabrique de meubles en kit lyonnaise Pixelune.",
])
def test_a_name_after_a_long_bare_complement(extractor, text):
    assert triples(extractor.extract(article(text))) == {("harrow-lane", "investedIn", "pixelune", "Asserted")}


def test_generic_organisation_nouns_refer_back(extractor):
    text = ("Karim Benali a créé en 2021 Numéthis, un éditeur de jumeaux numériques. "
            "La PME toulousaine annonce un partenariat stratégique avec Veolia.")
    assert triples(extractor.extract(article(text))) == {
        ("karim-benali", "founded", "numethis", "Asserted"), ("numethis", "partnersWith", "veolia", "Asserted")}


def test_a_fronted_lawsuit_phrase_names_the_defendant_after_it(extractor):
    text = "Visée par une assignation du fabricant de batteries Voltéa, la société chinoise Shenhai Power devra s'expliquer."
    assert triples(extractor.extract(article(text))) == {("voltea", "sued", "shenhai-power", "Asserted")}


def test_a_rumour_dismissed_afterwards_is_negated(extractor):
    text = "La rumeur d'un rapprochement entre Air Provence et la compagnie italienne VolaSud a été balayée par la direction."
    assert triples(extractor.extract(article(text))) == {("air-provence", "partnersWith", "volasud", "Negated")}


def test_a_loan_obtained_from_a_bank_is_no_investment(extractor):
    text = "La néobanque Finéa a obtenu un prêt de 3 millions d'euros auprès de la Banque européenne d'investissement."
    assert not [c for c in extractor.extract(article(text)).claims if c.relation == "investedIn"]


@pytest.mark.parametrize("text, expected", [
    ("Le chantier naval Naviteq, détenu majoritairement par le fonds Ardian, dément tout retard.",
     {("ardian", "investedIn", "naviteq", "Asserted")}),
    ("Le studio Vocalys, dont l'actionnaire principal est le groupe Bayard, vient de signer un accord avec Deezer.",
     {("bayard", "investedIn", "vocalys", "Asserted"), ("deezer", "partnersWith", "vocalys", "Asserted")}),
    ("Ancienne dirigeante de Criteo, Marion Delacroix lance son propre fonds de capital-risque, baptisé Orée Capital.",
     {("marion-delacroix", "founded", "oree-capital", "Asserted")}),
    ("Le fonds Partech a investi 30 millions d'euros dans la fintech Wavio. Le tour de table, qui valorise la jeune "
     "pousse à 200 millions d'euros, a aussi attiré la Société financière internationale.",
     {("partech", "investedIn", "wavio", "Asserted"), ("societe-financiere-internationale", "investedIn", "wavio", "Asserted")}),
])
def test_session7_holders_and_owners(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


@pytest.mark.parametrize("text, expected", [
    ("L'énergéticien TotalEnergies et l'armateur breton Marinor ont créé une coentreprise, baptisée Solmer.",
     {("totalenergies", "founded", "solmer", "Asserted"), ("marinor", "founded", "solmer", "Asserted"),
      ("marinor", "partnersWith", "totalenergies", "Asserted")}),
    ("Le fonds Montcalm Equity est entré au capital de la chaîne de boulangeries Pain d'Antan.",
     {("montcalm-equity", "investedIn", "pain-d-antan", "Asserted")}),
])
def test_session7_lists_and_names_with_de(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected


def test_a_spaced_dash_ends_a_name_spelt_out(extractor):
    text = ("Créée en 2019 par trois anciens internes des Hôpitaux de Paris – Sarah Benhamou, Lucas Petit et Hugo Vasseur –, "
            "la société Médicis Santé édite un logiciel.")
    assert not [c for c in extractor.extract(article(text)).claims if "hopitaux" in c.subject or "hopitaux" in c.object]


def test_a_metropole_and_a_commune_are_institutions(extractor):
    text = "La métropole Aix-Marseille-Provence a signé un partenariat avec Surfrider Foundation Europe. La commune de Lorient a assigné le chantier Océabat."
    assert triples(extractor.extract(article(text))) == {
        ("metropole-aix-marseille-provence", "partnersWith", "surfrider-foundation-europe", "Asserted"),
        ("commune-de-lorient", "sued", "oceabat", "Asserted")}


@pytest.mark.parametrize("text, expected", [
    # "une participation de 20 % dans X": an investee, not a place; "Celle-ci" is the latest name
    ("Le groupe coopératif Terrena a pris une participation de 20 % dans Agrisens, une jeune société angevine. "
     "Celle-ci a été créée en 2020 par Julien Caradec.",
     {("terrena", "investedIn", "agrisens", "Asserted"), ("julien-caradec", "founded", "agrisens", "Asserted")}),
    # "ADP" stands for "Aéroports de Paris"
    ("Le collectif Stop Nuisances Roissy a déposé une requête contre Aéroports de Paris. ADP, qui vient de nouer un "
     "partenariat avec Air France, réfute toute infraction.",
     {("stop-nuisances-roissy", "sued", "aeroports-de-paris", "Asserted"),
      ("aeroports-de-paris", "partnersWith", "air-france", "Asserted")}),
])
def test_session7_stakes_demonstratives_acronyms(extractor, text, expected):
    assert triples(extractor.extract(article(text))) == expected
