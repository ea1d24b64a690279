"""Generate deterministic synthetic graphs in newsgraph's exact data model, as N-Quads.

    python bench/gen_graph.py OUT.nq --quads 1000000 [--seed 7]
    python bench/gen_graph.py OUT_DIR --sizes 10k 100k 1M

The quads come from the same functions a real build uses (graph/rdf.py), fed with synthetic
articles and extractions: one named graph per article (claim nodes, plain edges of asserted and
reported claims, schema:mentions) and the meta graph (entities with labels and aliases, articles,
the build run). Entities are picked with a Zipf law, so a few hubs (xAI, OpenAI, Elon Musk...)
appear in a large share of the claims, as in real AI-industry news.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.article import Article  # noqa: E402
from graph.extract.model import Amount, Claim, Entity, Extraction  # noqa: E402
from graph.rdf import article_graph, article_meta, entity_meta, run_iri, run_meta  # noqa: E402

EXTRACTOR_VERSION = "synthetic-graph-1"
ZIPF_EXPONENT = 1.1
# Roughly one entity per this many quads: about 5,000 entities in the 1M graph.
QUADS_PER_ENTITY = 200

# The hubs: the best-ranked entity of each type, described like the real ones (label, aliases, Wikidata).
HUBS = {
    "Company": [("xai", "xAI", ("X.AI Corp", "x.AI"), "Q117318436"), ("openai", "OpenAI", ("Open AI",), "Q21708200"),
                ("nvidia", "Nvidia", ("NVIDIA",), "Q182477"), ("microsoft", "Microsoft", (), "Q2283")],
    "InvestmentFund": [("sequoia-capital", "Sequoia Capital", ("Sequoia",), "Q7452448"),
                       ("andreessen-horowitz", "Andreessen Horowitz", ("a16z",), "Q4034010")],
    "Person": [("elon-musk", "Elon Musk", ("Musk",), "Q317521"), ("sam-altman", "Sam Altman", ("Altman",), "Q7407093")],
    "Product": [("grok", "Grok", (), "Q124322357"), ("chatgpt", "ChatGPT", (), "Q115564437")],
    "Place": [("san-francisco", "San Francisco", (), "Q62"), ("paris", "Paris", (), "Q90")],
    "Organization": [("commission-europeenne", "Commission européenne", ("Bruxelles",), "Q8880")],
}
TYPE_SHARE = {"Company": 0.35, "Person": 0.25, "InvestmentFund": 0.12, "Product": 0.14, "Place": 0.08, "Organization": 0.06}

SYLLABLES = ["no", "va", "lu", "mi", "ra", "xel", "ten", "so", "qua", "ri", "bel", "zo", "ka", "ne", "or", "vi", "sta", "lia"]
COMPANY_SUFFIXES = ["", " Labs", " IA", " Systems", " Robotics", " Analytics", " Technologies"]
FUND_SUFFIXES = [" Capital", " Ventures", " Partners", " Investissements", " Growth"]
FIRST_NAMES = ["Claire", "Marc", "Sophie", "Julien", "Nadia", "Thomas", "Inès", "Hugo", "Camille", "Yanis", "Léa",
               "Karim", "Manon", "Louis", "Chloé", "Mehdi", "Emma", "Paul", "Sarah", "Antoine", "Lina", "Victor",
               "Jeanne", "Adrien", "Zoé", "Rémi", "Alice", "Bruno", "Élise", "Samuel"]
LAST_NAMES = ["Dubois", "Lefèvre", "Martin", "Moreau", "Benali", "Girard", "Laurent", "Fontaine", "Roux", "Haddad",
              "Bernard", "Petit", "Durand", "Leroy", "Morel", "Simon", "Michel", "Garnier", "Faure", "Rousseau",
              "Blanc", "Guerin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Mathieu", "Clément", "Gauthier",
              "Chevalier", "Robin", "Masson", "Sanchez", "Noël", "Lemoine", "Mercier", "Dupuis", "Colin", "Brunet"]
PLACES = ["Lyon", "Toulouse", "Grenoble", "Bordeaux", "Nantes", "Lille", "Montréal", "Berlin", "Londres", "Austin",
          "Seattle", "Zurich", "Madrid", "Milan", "Tokyo", "Séoul", "Bangalore", "Tel-Aviv", "Dublin", "Amsterdam"]
ORGANIZATIONS = ["Autorité", "Agence", "Conseil", "Observatoire", "Institut", "Fondation"]
PUBLISHERS = ["Le Journal de l'IA", "Tech & Marchés", "L'Économie numérique", "Les Dépêches du Code"]

# relation -> (subject types, object types, French sentence with {s} and {o})
RELATION_SHAPES = {
    "founded": (("Person",), ("Company",), "{s} a fondé {o} il y a quelques années."),
    "investedIn": (("InvestmentFund", "Company", "Person"), ("Company",), "{s} a investi dans {o}{amount}."),
    "partnersWith": (("Company",), ("Company",), "{s} a noué un partenariat avec {o}."),
    "sued": (("Company", "Person", "Organization"), ("Company",), "{s} a porté plainte contre {o}."),
    "develops": (("Company",), ("Product",), "{s} développe {o}, son nouveau modèle."),
    "operates": (("Company",), ("Product",), "{s} exploite {o} pour ses clients."),
    "locatedIn": (("Company", "Organization"), ("Place",), "{s} est installée à {o}."),
    "ceoOf": (("Person",), ("Company",), "{s} dirige {o} depuis sa création."),
    "acquired": (("Company",), ("Company",), "{s} a racheté {o}."),
}
RELATION_WEIGHTS = [6, 10, 5, 3, 5, 2, 3, 3, 2]
MODALITY_WEIGHTS = {"Asserted": 60, "Reported": 20, "Hedged": 12, "Negated": 8}


class ZipfPicker:
    """Picks items with probability proportional to 1 / rank^s: the first items are the hubs."""

    def __init__(self, items: list, rng: random.Random):
        self.items = items
        self.cumulative = list(itertools.accumulate(1 / rank ** ZIPF_EXPONENT for rank in range(1, len(items) + 1)))
        self.rng = rng

    def pick(self) -> object:
        return self.items[bisect.bisect(self.cumulative, self.rng.random() * self.cumulative[-1])]


def make_entities(count: int, rng: random.Random) -> dict[str, list[Entity]]:
    """Entities per type, best-ranked first; labels and keys are unique so that names resolve to one entity."""
    by_type: dict[str, list[Entity]] = {}
    used: set[str] = set()
    for type_, share in TYPE_SHARE.items():
        entities = [Entity(key, label, type_, frozenset(aliases), wikidata) for key, label, aliases, wikidata in HUBS[type_]]
        used.update(e.label for e in entities)
        used.update(e.key for e in entities)
        while len(entities) < max(len(HUBS[type_]) + 2, round(count * share)):
            label = _synthetic_label(type_, rng, len(entities))
            key = _slug(label)
            if label in used or key in used:
                continue
            used.update((label, key))
            aliases = frozenset([label.split()[-1]] if type_ == "Person" and rng.random() < 0.3 else [])
            entities.append(Entity(key, label, type_, aliases))
        by_type[type_] = entities
    return by_type


def _synthetic_label(type_: str, rng: random.Random, index: int) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    if type_ == "Person":
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" + ("" if index < 600 else f"-{word}")
    if type_ == "Company":
        return word + rng.choice(COMPANY_SUFFIXES)
    if type_ == "InvestmentFund":
        return word + rng.choice(FUND_SUFFIXES)
    if type_ == "Product":
        return f"{word}-{rng.randint(1, 99)}"
    if type_ == "Place":
        return PLACES[index % len(PLACES)] + ("" if index < len(PLACES) else f"-{word}")
    return f"{rng.choice(ORGANIZATIONS)} {word}"


def _slug(label: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_).split())


class GraphGenerator:
    def __init__(self, target_quads: int, seed: int = 7):
        self.rng = random.Random(seed)
        self.target = target_quads
        self.entities = make_entities(max(60, target_quads // QUADS_PER_ENTITY), self.rng)
        self.pickers = {type_: ZipfPicker(items, self.rng) for type_, items in self.entities.items()}
        self.run = run_iri(EXTRACTOR_VERSION)
        self.relations = list(RELATION_SHAPES)

    def quads(self) -> Iterator[ox.Quad]:
        """Article graphs and their meta, then entities and the run, until about `target` quads."""
        mentioned: dict[str, Entity] = {}
        count = len(run_meta(self.run, EXTRACTOR_VERSION))
        for index in itertools.count(1):
            article, extraction = self.article(index)
            quads = article_graph(article, extraction, self.run) + article_meta(article, EXTRACTOR_VERSION)
            for key, entity in extraction.entities.items():
                if key not in mentioned:
                    mentioned[key] = entity
                    count += len(entity_meta(entity, set(entity.aliases)))
            count += len(quads)
            yield from quads
            if count >= self.target:
                break
        for key in sorted(mentioned):
            yield from entity_meta(mentioned[key], set(mentioned[key].aliases))
        yield from run_meta(self.run, EXTRACTOR_VERSION)

    def article(self, index: int) -> tuple[Article, Extraction]:
        rng = self.rng
        mentioned: dict[str, Entity] = {}
        sentences: list[tuple[str, dict]] = []
        for _ in range(rng.randint(2, 8)):
            relation = rng.choices(self.relations, RELATION_WEIGHTS)[0]
            subject_types, object_types, template = RELATION_SHAPES[relation]
            subject = self.pickers[rng.choice(subject_types)].pick()
            obj = self.pickers[rng.choice(object_types)].pick()
            if subject.key == obj.key:
                continue
            modality = rng.choices(list(MODALITY_WEIGHTS), list(MODALITY_WEIGHTS.values()))[0]
            source = self.pickers["Person"].pick() if modality == "Reported" else None
            amount = Amount(float(rng.randint(1, 900) * 1_000_000), rng.choice(["EUR", "USD"])) if (
                relation == "investedIn" and rng.random() < 0.7) else None
            text = template.format(s=subject.label, o=obj.label,
                                   amount=f" à hauteur de {int(amount.value) // 1_000_000} millions" if amount else "")
            if source:
                text = f"Selon {source.label}, {text[0].lower()}{text[1:]}"
            for entity in (subject, obj, source):
                if entity:
                    mentioned[entity.key] = entity
            sentences.append((text, dict(subject=subject.key, relation=relation, object=obj.key, modality=modality,
                                         confidence=round(rng.uniform(0.5, 0.99), 3), amount=amount,
                                         attributed_to=source.key if source else None,
                                         date=f"{rng.randint(2018, 2025)}-{rng.randint(1, 12):02d}" if rng.random() < 0.4 else None)))
        for _ in range(rng.randint(0, 3)):
            extra = self.pickers[rng.choice(list(self.pickers))].pick()
            mentioned[extra.key] = extra
        title = f"Dépêche n° {index} : l'actualité de l'intelligence artificielle"
        text = title + "\n\n"
        claims = []
        for sentence, fields in sentences:
            start = len(text)
            text += sentence + " "
            claims.append(Claim(start=start, end=start + len(sentence), quote=sentence, **fields))
        article_id = f"synth-{index:06d}"
        article = Article(
            id=article_id, path=f"{article_id}.txt", text=text, title=title,
            date=f"{rng.randint(2018, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            publisher=rng.choice(PUBLISHERS), body=((len(title) + 2, len(text)),),
        )
        return article, Extraction(entities=mentioned, claims=claims)


def generate(target_quads: int, seed: int = 7) -> Iterator[ox.Quad]:
    return GraphGenerator(target_quads, seed).quads()


def write(path: Path, target_quads: int, seed: int = 7) -> int:
    """Writes about `target_quads` quads to `path` as N-Quads; returns how many were written."""
    counted = _Counter(generate(target_quads, seed))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        ox.serialize(counted, out, ox.RdfFormat.N_QUADS)
    return counted.count


class _Counter:
    def __init__(self, items):
        self.items, self.count = items, 0

    def __iter__(self):
        for item in self.items:
            self.count += 1
            yield item


def parse_size(text: str) -> int:
    """"10k" -> 10000, "1M" -> 1000000, "2500" -> 2500."""
    multiplier = {"k": 1_000, "m": 1_000_000}.get(text[-1:].lower(), 1)
    number = text[:-1] if multiplier > 1 else text
    try:
        return int(float(number) * multiplier)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 10k, 100k, 1M or 2500") from None


def size_name(quads: int) -> str:
    return f"{quads // 1_000_000}M" if quads % 1_000_000 == 0 else f"{quads // 1000}k" if quads % 1000 == 0 else str(quads)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="an .nq file (with --quads) or a folder (with --sizes)")
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--quads", type=parse_size, help="about how many quads to write, e.g. 1M")
    size.add_argument("--sizes", type=parse_size, nargs="+", help="write OUT/graph-<size>.nq for each size")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    targets = {args.out: args.quads} if args.quads else {args.out / f"graph-{size_name(n)}.nq": n for n in args.sizes}
    for path, target in targets.items():
        print(f"{path}: {write(path, target, args.seed)} quads")


if __name__ == "__main__":
    main()
