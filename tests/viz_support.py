"""Hand-written graphs for the network-view tests, in the shape `kg build` writes.

Test modules import the fixtures they need from here.
"""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

from graph.namespaces import PREFIXES
from graph.store import open_store

PREFIX_LINES = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def claim(iri, subject, relation, obj, article, quote, modality, confidence, extra=""):
    return f"""
  claim:{iri} a kg:Claim, rdf:Statement ; rdf:subject e:{subject} ; rdf:predicate kg:{relation} ; rdf:object e:{obj} ;
    prov:wasDerivedFrom article:{article} ; kg:quote {ox.Literal(quote, language="fr")} ;
    kg:charStart 0 ; kg:charEnd {len(quote)} ; kg:modality kg:{modality} ; kg:confidence {confidence} ;
    prov:wasGeneratedBy run:essai {extra}.
"""


# Two articles about xAI. Musk founded xAI according to both (a wider edge) and is also its CEO
# (a second edge between the same pair); Nvidia's investment is hedged and the Oracle deal negated.
SAMPLE_TRIG = PREFIX_LINES + f"""
GRAPH <https://w3id.org/newsgraph/graph/meta> {{
  e:elon-musk a kg:Person ; rdfs:label "Elon Musk" .
  e:xai a kg:Company, kg:Organization ; rdfs:label "xAI" .
  e:sequoia a kg:InvestmentFund, kg:Organization ; rdfs:label "Sequoia Capital" .
  e:nvidia a kg:Company, kg:Organization ; rdfs:label "Nvidia" .
  e:oracle a kg:Company, kg:Organization ; rdfs:label "Oracle" .
  e:openai a kg:Company, kg:Organization ; rdfs:label "OpenAI" .
  e:grok a kg:Product ; rdfs:label "Grok" .
  e:memphis a kg:Place ; rdfs:label "Memphis" .
  e:bloomberg a kg:Organization ; rdfs:label "Bloomberg" .
  article:levee a kg:Article, schema:NewsArticle ; dct:title "xAI boucle une levée de fonds record"@fr ; dct:language "fr" .
  article:colossus a kg:Article, schema:NewsArticle ; dct:title "Colossus, le superordinateur de Memphis"@fr ; dct:language "fr" .
  run:essai a kg:BuildRun, prov:Activity .
}}
GRAPH article:levee {{
{claim("c1", "elon-musk", "founded", "xai", "levee", "Elon Musk a fondé xAI en 2023 pour concurrencer OpenAI.", "Asserted", 0.95)}
{claim("c2", "sequoia", "investedIn", "xai", "levee", "Selon Bloomberg, Sequoia Capital a remis au pot.", "Reported", 0.8, "; prov:wasAttributedTo e:bloomberg ")}
{claim("c3", "nvidia", "investedIn", "xai", "levee", "Nvidia aurait également participé au tour de table.", "Hedged", 0.45)}
{claim("c4", "xai", "develops", "grok", "levee", "La start-up développe Grok, son assistant conversationnel.", "Asserted", 0.9)}
  e:elon-musk kg:founded e:xai . e:sequoia kg:investedIn e:xai . e:xai kg:develops e:grok .
  article:levee schema:mentions e:elon-musk, e:xai, e:sequoia, e:nvidia, e:grok .
}}
GRAPH article:colossus {{
{claim("c5", "xai", "locatedIn", "memphis", "colossus", "Le centre de calcul de xAI se trouve à Memphis.", "Asserted", 0.7)}
{claim("c6", "xai", "partnersWith", "oracle", "colossus", "xAI n'a finalement pas signé avec Oracle.", "Negated", 0.6)}
{claim("c7", "elon-musk", "founded", "xai", "colossus", "Fondée par Elon Musk, xAI grandit vite.", "Asserted", 0.9)}
{claim("c8", "elon-musk", "ceoOf", "xai", "colossus", "Elon Musk dirige xAI au quotidien.", "Asserted", 0.85)}
{claim("c9", "elon-musk", "sued", "openai", "colossus", "Elon Musk a assigné OpenAI en justice.", "Asserted", 0.9)}
  e:xai kg:locatedIn e:memphis . e:elon-musk kg:founded e:xai . e:elon-musk kg:ceoOf e:xai . e:elon-musk kg:sued e:openai .
  article:colossus schema:mentions e:elon-musk, e:xai, e:oracle, e:memphis, e:openai .
}}
"""
# Drawn by default (Asserted and Reported only): founded, ceoOf, investedIn (Sequoia), develops, locatedIn, sued.
SAMPLE_NODES, SAMPLE_EDGES = 6, 6
# With --include-hedged: also Nvidia's hedged investment and the negated Oracle partnership.
SAMPLE_NODES_HEDGED, SAMPLE_EDGES_HEDGED = 8, 8

# Every text the page shows carries markup that would run if it were ever parsed as HTML.
EVIL_NAME = '<script>window.kgPwned = "label"</script><img src=x onerror="window.kgPwned = \'img\'">'
EVIL_QUOTE = "Il a écrit <img src=x onerror=window.kgPwned=1> puis </script><script>window.kgPwned=2</script> dans xAI."
EVIL_TITLE = '<b onmouseover="window.kgPwned=3">Piratage</b> & « injection »'
XSS_TRIG = PREFIX_LINES + f"""
GRAPH <https://w3id.org/newsgraph/graph/meta> {{
  e:pirate a kg:Company, kg:Organization ; rdfs:label {ox.Literal(EVIL_NAME)} .
  e:xai a kg:Company, kg:Organization ; rdfs:label "xAI" .
  article:piratage a kg:Article, schema:NewsArticle ; dct:title {ox.Literal(EVIL_TITLE, language="fr")} .
  run:essai a kg:BuildRun, prov:Activity .
}}
GRAPH article:piratage {{
{claim("x1", "pirate", "investedIn", "xai", "piratage", EVIL_QUOTE, "Asserted", 0.9)}
  e:pirate kg:investedIn e:xai .
  article:piratage schema:mentions e:pirate, e:xai .
}}
"""


def store_from_trig(path, trig: str):
    with open_store(path, writable=True, create=True) as store:
        store.load(io.BytesIO(trig.encode("utf-8")), ox.RdfFormat.TRIG)
    return path


@pytest.fixture(scope="session")
def sample_store_path(tmp_path_factory):
    return store_from_trig(tmp_path_factory.mktemp("viz-sample"), SAMPLE_TRIG)


@pytest.fixture(scope="session")
def xss_store_path(tmp_path_factory):
    return store_from_trig(tmp_path_factory.mktemp("viz-xss"), XSS_TRIG)


@pytest.fixture
def sample_store(sample_store_path):
    with open_store(sample_store_path) as store:
        yield store


@pytest.fixture
def xss_store(xss_store_path):
    with open_store(xss_store_path) as store:
        yield store


# A hub and four companies all linked to each other: ten links between five nodes, more than the
# page keeps at one link per node. Each link rests on `articles` articles of one claim each.
HUB_LINKS = [  # subject, relation, object, articles
    ("a", "investedIn", "xai", 1), ("b", "investedIn", "xai", 1), ("c", "investedIn", "xai", 1),
    ("d", "investedIn", "xai", 1), ("a", "partnersWith", "b", 3), ("a", "partnersWith", "c", 2),
    ("b", "partnersWith", "c", 1), ("a", "partnersWith", "d", 1), ("b", "partnersWith", "d", 1),
    ("c", "partnersWith", "d", 1),
]


def hub_trig() -> str:
    names = {"xai": "xAI", "a": "Alpha", "b": "Bravo", "c": "Charlie", "d": "Delta"}
    meta = [f"e:{key} a kg:Company, kg:Organization ; rdfs:label {ox.Literal(name)} ." for key, name in names.items()]
    graphs = []
    for subject, relation, obj, articles in HUB_LINKS:
        for number in range(articles):
            article = f"{subject}-{relation}-{obj}-{number}"
            quote = f"{names[subject]} {relation} {names[obj]} ({number})."
            meta.append(f'article:{article} a kg:Article, schema:NewsArticle ; dct:title "{article}" .')
            graphs.append(f"GRAPH article:{article} {{ {claim(article, subject, relation, obj, article, quote, 'Asserted', 0.9)}"
                          f" e:{subject} kg:{relation} e:{obj} . }}")
    meta.append("run:essai a kg:BuildRun, prov:Activity .")
    return PREFIX_LINES + "GRAPH <https://w3id.org/newsgraph/graph/meta> {\n" + "\n".join(meta) + "\n}\n" + "\n".join(graphs)


@pytest.fixture(scope="session")
def hub_store_path(tmp_path_factory):
    return store_from_trig(tmp_path_factory.mktemp("viz-hub"), hub_trig())


@pytest.fixture
def hub_store(hub_store_path):
    with open_store(hub_store_path) as store:
        yield store
