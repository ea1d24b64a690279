"""Amounts ("6 milliards de dollars", "77 593$", "600 M€") and dates ("en juillet 2023") in a sentence."""

from __future__ import annotations

import re

from graph.extract.model import Amount

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}
SCALES = {"mille": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "m": 1e6, "mln": 1e6,
          "milliard": 1e9, "milliards": 1e9, "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9}
CURRENCIES = {"dollar": "USD", "dollars": "USD", "$": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR",
              "€": "EUR", "eur": "EUR", "livre": "GBP", "livres": "GBP", "£": "GBP", "gbp": "GBP",
              "franc": "CHF", "francs": "CHF", "chf": "CHF", "yen": "JPY", "yens": "JPY"}

AMOUNT = re.compile(
    r"(?<![\w.,])(?P<number>\d{1,3}(?:[ .\u00a0\u202f']\d{3})+|\d+(?:[.,]\d+)?)\s*"
    r"(?P<scale>milliards?|millions?|mille|mds?|mrds?|md|mln|[mk](?=\s*[$€£]))?\s*"
    r"(?:d[e']\s*)?(?P<currency>dollars?|euros?|livres?(?: sterling)?|francs? suisses|francs?|yens?|usd|eur|gbp|chf|[$€£])",
    re.IGNORECASE,
)
# "fondée en 2021", "créée en juillet 2019": a date that says when something was founded, not when
# the money came in or the lawsuit was filed
FOUNDING_CONTEXT = re.compile(r"\b(?:co)?(?:fond|cré|lanc|né|mont)\w*\s+(?:en\s+|le\s+)?$", re.IGNORECASE)
DATE = re.compile(
    r"\b(?:(?P<day>\d{1,2})(?:er)?\s+)?(?P<month>" + "|".join(MONTHS) + r")\s+(?P<year>(?:19|20)\d{2})\b"
    r"|\ben\s+(?P<year_only>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)


def amounts(sentence: str) -> list[tuple[int, Amount]]:
    """(position, amount) for each monetary amount of the sentence."""
    found = []
    for match in AMOUNT.finditer(sentence):
        number = re.sub(r"[ .\u00a0\u202f']", "", match["number"]) if re.search(r"\d[ .\u00a0\u202f']\d{3}\b", match["number"]) else match["number"]
        try:
            value = float(number.replace(",", "."))
        except ValueError:
            continue
        scale = SCALES.get((match["scale"] or "").lower(), 1)
        currency = CURRENCIES.get(match["currency"].lower().split()[0])
        if currency:
            found.append((match.start(), Amount(round(value * scale, 2), currency)))
    return found


def dates(sentence: str) -> list[tuple[int, str]]:
    """(position, ISO date) for each date of the sentence: "2023-07-12", "2023-07" or "2023"."""
    found = []
    for match in DATE.finditer(sentence):
        if match["year_only"]:
            found.append((match.start(), match["year_only"]))
            continue
        month = MONTHS[match["month"].lower()]
        value = f"{match['year']}-{month:02d}"
        if match["day"] and 1 <= int(match["day"]) <= 31:
            value += f"-{int(match['day']):02d}"
        found.append((match.start(), value))
    return found


def is_founding_date(sentence: str, position: int) -> bool:
    """Whether the date at `position` of the sentence follows a founding participle."""
    return FOUNDING_CONTEXT.search(sentence, max(0, position - 40), position) is not None
