"""Generate deterministic French news articles from templates, for extraction throughput (speed only).

    python bench/gen_articles.py OUT_DIR [--count 1000] [--words 600] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

COMPANIES = ["Nexora", "Quantelia", "Brainwave Labs", "Sylvatech", "Orbitale IA", "Calypso Robotics",
             "Hexagone Data", "Lumina Systems", "Vectrix", "Aurore Analytics", "Noveris", "Kairos AI"]
FUNDS = ["Capital Horizon", "Fonds Mistral Partners", "Azur Ventures", "Atlas Growth", "Boréal Capital",
         "Helios Investissements", "Pont-Neuf Ventures", "Cobalt Partners"]
PEOPLE = ["Claire Dubois", "Marc Lefèvre", "Sophie Martin", "Julien Moreau", "Nadia Benali",
          "Thomas Girard", "Inès Laurent", "Hugo Fontaine", "Camille Roux", "Yanis Haddad"]
CITIES = ["Paris", "Lyon", "Toulouse", "Grenoble", "Bordeaux", "Nantes", "Lille", "Montréal"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "septembre", "octobre", "novembre"]

SENTENCES = [
    "La start-up {c1}, fondée en {year} par {p1}, a levé {n} millions d'euros auprès du fonds {f1}.",
    "Le fonds {f1} a investi dans {c1} lors d'un tour de table mené par {f2}.",
    "{c1} s'est associée à {c2} pour développer un modèle de langage destiné aux entreprises.",
    "{c2} a porté plainte contre {c1} devant le tribunal de commerce de {city} en {month} {year}.",
    "Selon {p2}, {c1} envisagerait une nouvelle levée de fonds d'ici la fin de l'année.",
    "{p1}, cofondateur de {c1}, estime que le marché européen reste sous-équipé.",
    "Basée à {city}, l'entreprise emploie désormais {n} personnes, contre une dizaine à ses débuts.",
    "{f2} n'a pas investi dans {c2}, contrairement à ce qu'affirmaient plusieurs médias.",
    "Le partenariat entre {c1} et {c2} porte sur la mise en commun de centres de données à {city}.",
    "D'après {p2}, le fonds {f1} pourrait entrer au capital de {c2} dans les prochains mois.",
    "Les dirigeants de {c1} refusent de commenter ces informations, rapporte la presse spécialisée.",
    "Le marché de l'intelligence artificielle générative attire toujours plus d'investisseurs institutionnels.",
    "{p1} a créé {c2} en {year} après plusieurs années passées dans la recherche publique.",
    "En {month}, {c1} a présenté un assistant conversationnel capable de résumer des contrats juridiques.",
]


def article(rng: random.Random, words: int) -> str:
    c1, c2 = rng.sample(COMPANIES, 2)
    f1, f2 = rng.sample(FUNDS, 2)
    p1, p2 = rng.sample(PEOPLE, 2)
    title = f"{c1} accélère avec le soutien de {f1}"
    body, count = [], len(title.split())
    # Stops at the first sentence that reaches `words`, so that articles are `words` long give or
    # take half a sentence, title included.
    while count < words:
        paragraph = []
        for _ in range(rng.randint(3, 5)):
            sentence = rng.choice(SENTENCES).format(
                c1=c1, c2=c2, f1=f1, f2=f2, p1=p1, p2=p2, city=rng.choice(CITIES),
                month=rng.choice(MONTHS), year=rng.randint(2015, 2025), n=rng.randint(5, 900),
            )
            paragraph.append(sentence)
            count += len(sentence.split())
            if count >= words:
                break
        body.append(" ".join(paragraph))
    return title + "\n\n" + "\n\n".join(body) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    for index in range(args.count):
        (args.out / f"synth_{index:05d}.txt").write_text(article(rng, args.words), encoding="utf-8")
    print(f"wrote {args.count} articles to {args.out}")


if __name__ == "__main__":
    main()
