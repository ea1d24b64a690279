"""IRIs of the data model, shared by every part of newsgraph.

Kept free of heavy imports: the shell loads this at start-up.
"""

BASE = "https://w3id.org/newsgraph/"
KG = BASE + "ontology#"
ENTITY = BASE + "entity/"
ARTICLE = BASE + "article/"
CLAIM = BASE + "claim/"
RUN = BASE + "run/"
META_GRAPH = BASE + "graph/meta"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"
SH = "http://www.w3.org/ns/shacl#"

# Prefixes predeclared in the shell and in `kg query`, so users never type PREFIX lines.
PREFIXES = {
    "kg": KG,
    "e": ENTITY,
    "article": ARTICLE,
    "claim": CLAIM,
    "run": RUN,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "prov": PROV,
    "dct": DCT,
    "schema": SCHEMA,
    "skos": SKOS,
    "wd": WD,
    "wdt": WDT,
}

RELATIONS = (
    "founded",
    "investedIn",
    "partnersWith",
    "sued",
    "develops",
    "operates",
    "locatedIn",
    "ceoOf",
    "acquired",
)
CORE_RELATIONS = ("founded", "investedIn", "partnersWith", "sued")
MODALITIES = ("Asserted", "Reported", "Hedged", "Negated")
# Claims with these modalities also produce the plain edge `S kg:rel O`.
EDGE_MODALITIES = ("Asserted", "Reported")
ENTITY_TYPES = ("Person", "Organization", "Company", "InvestmentFund", "Product", "Place")
# Types whose instances are also typed with their superclass, so `?x a kg:Organization` finds funds.
SUPERCLASS = {"Company": "Organization", "InvestmentFund": "Organization"}


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
SYMMETRIC_RELATIONS = ("partnersWith",)


def compact(iri: str) -> str:
    """`https://w3id.org/newsgraph/entity/xai` -> `e:xai`; unknown namespaces stay `<...>`."""
    best = ""
    for name, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            local = iri[len(namespace):]
            if local and all(ch.isalnum() or ch in "_-." for ch in local) and not local.endswith("."):
                best = name
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else f"<{iri}>"
