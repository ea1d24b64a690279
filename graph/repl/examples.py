"""Canned questions for `.examples`; they match entities by label so they work on any build of the
seed articles."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    name: str
    question: str
    sparql: str


EXAMPLES = (
    Example("xai-investors", "Who invested in xAI?", """\
SELECT DISTINCT ?investor WHERE {
  ?xai rdfs:label ?name FILTER(LCASE(STR(?name)) = "xai")
  ?investor kg:investedIn ?xai .
} ORDER BY ?investor"""),
    Example("lawsuits", "Who sued whom?", """\
SELECT DISTINCT ?plaintiff ?defendant WHERE {
  ?plaintiff kg:sued ?defendant .
} ORDER BY ?plaintiff ?defendant"""),
    Example("microsoft-partners", "Who are Microsoft's partners?", """\
SELECT DISTINCT ?partner WHERE {
  ?microsoft rdfs:label ?name FILTER(LCASE(STR(?name)) = "microsoft")
  ?microsoft kg:partnersWith ?partner .
} ORDER BY ?partner"""),
    Example("musk-founded", "What did Elon Musk found?", """\
SELECT DISTINCT ?organization WHERE {
  ?musk rdfs:label ?name FILTER(LCASE(STR(?name)) = "elon musk")
  ?musk kg:founded ?organization .
} ORDER BY ?organization"""),
    Example("single-source", "Which claims does only one article support?", """\
SELECT ?subject ?relation ?object (SAMPLE(?article) AS ?source) WHERE {
  ?claim a kg:Claim ; rdf:subject ?subject ; rdf:predicate ?relation ; rdf:object ?object ;
         prov:wasDerivedFrom ?article .
} GROUP BY ?subject ?relation ?object
HAVING (COUNT(DISTINCT ?article) = 1)
ORDER BY ?relation ?subject ?object"""),
    Example("hedged", "Which claims are hedged?", """\
SELECT ?subject ?relation ?object ?quote ?confidence WHERE {
  ?claim kg:modality kg:Hedged ; rdf:subject ?subject ; rdf:predicate ?relation ; rdf:object ?object ;
         kg:quote ?quote ; kg:confidence ?confidence .
} ORDER BY DESC(?confidence) ?subject"""),
)


def find(name_or_number: str) -> Example | None:
    if name_or_number.isdigit() and 1 <= int(name_or_number) <= len(EXAMPLES):
        return EXAMPLES[int(name_or_number) - 1]
    return next((example for example in EXAMPLES if example.name == name_or_number), None)
