"""ontology.ttl parses, declares every term the graph uses, and documents it in English and French."""

from __future__ import annotations

import re

import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH

from graph import namespaces
from conftest import REPO

KG = rdflib.Namespace(namespaces.KG)
WDT = rdflib.Namespace(namespaces.WDT)
SCHEMA = rdflib.Namespace(namespaces.SCHEMA)
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(REPO / "ontology.ttl", format="turtle")


def declared(ontology, kind) -> set[str]:
    return {str(s).removeprefix(namespaces.KG) for s in ontology.subjects(RDF.type, kind) if str(s).startswith(namespaces.KG)}


def languages(ontology, subject, predicate) -> set[str]:
    return {o.language for o in ontology.objects(subject, predicate) if isinstance(o, rdflib.Literal)}


def test_the_ontology_is_an_owl_ontology(ontology):
    assert (rdflib.URIRef("https://w3id.org/newsgraph/ontology"), RDF.type, OWL.Ontology) in ontology


def test_every_relation_is_an_object_property_under_related_to(ontology):
    properties = declared(ontology, OWL.ObjectProperty)
    for relation in namespaces.RELATIONS:
        assert relation in properties, relation
        assert (KG[relation], RDFS.subPropertyOf, KG.relatedTo) in ontology, relation
        assert ontology.value(KG[relation], RDFS.domain) is not None, relation
        assert ontology.value(KG[relation], RDFS.range) is not None, relation


def test_symmetric_relations_are_declared_symmetric(ontology):
    symmetric = declared(ontology, OWL.SymmetricProperty)
    assert "partnersWith" in symmetric
    assert set(namespaces.SYMMETRIC_RELATIONS) == symmetric


def test_every_entity_type_is_a_subclass_of_entity(ontology):
    for name in namespaces.ENTITY_TYPES:
        ancestors = set(ontology.transitive_objects(KG[name], RDFS.subClassOf))
        assert KG.Entity in ancestors and KG[name] != KG.Entity, name
    for name, parent in namespaces.SUPERCLASS.items():
        assert (KG[name], RDFS.subClassOf, KG[parent]) in ontology


def test_modalities_are_the_individuals_of_the_modality_class(ontology):
    assert {str(s).removeprefix(namespaces.KG) for s in ontology.subjects(RDF.type, KG.Modality)} == set(namespaces.MODALITIES)
    one_of = Collection(ontology, ontology.value(KG.Modality, OWL.oneOf))
    assert [str(m).removeprefix(namespaces.KG) for m in one_of] == list(namespaces.MODALITIES)


def test_every_declared_term_has_english_and_french_labels_and_comments(ontology):
    terms = {s for kind in DECLARATIONS for s in ontology.subjects(RDF.type, kind) if isinstance(s, rdflib.URIRef)}
    assert len(terms) > 30
    for term in terms:
        assert {"en", "fr"} <= languages(ontology, term, RDFS.label), term
        assert {"en", "fr"} <= languages(ontology, term, RDFS.comment), term


def test_every_kg_term_the_graph_writer_uses_is_declared(ontology):
    source = (REPO / "graph" / "rdf.py").read_text(encoding="utf-8")
    used = set(re.findall(r'\bkg\("(\w+)"\)', source)) | set(namespaces.ENTITY_TYPES) | set(namespaces.MODALITIES)
    assert {"Claim", "quote", "charStart", "charEnd", "modality", "confidence", "Article", "BuildRun"} <= used
    known = set().union(*(declared(ontology, kind) for kind in DECLARATIONS))
    assert used - known == set()


@pytest.mark.parametrize(
    ("relation", "alignment", "target"),
    [
        ("founded", OWL.inverseOf, WDT.P112),
        ("founded", OWL.inverseOf, SCHEMA.founder),
        ("investedIn", OWL.inverseOf, WDT.P1951),
        ("partnersWith", rdflib.URIRef(namespaces.SKOS + "closeMatch"), WDT.P2652),
        ("ceoOf", OWL.inverseOf, WDT.P169),
        ("develops", OWL.inverseOf, WDT.P178),
        ("locatedIn", rdflib.URIRef(namespaces.SKOS + "closeMatch"), WDT.P131),
    ],
)
def test_relations_are_aligned_with_wikidata_and_schema_org(ontology, relation, alignment, target):
    assert (KG[relation], alignment, target) in ontology


def test_invested_in_is_a_kind_of_inverse_funding(ontology):
    parents = list(ontology.objects(KG.investedIn, RDFS.subPropertyOf))
    assert any(ontology.value(parent, OWL.inverseOf) == SCHEMA.funder for parent in parents)


def test_classes_are_aligned_with_schema_org(ontology):
    for name, schema_class in [("Person", "Person"), ("Organization", "Organization"), ("Product", "Product"), ("Place", "Place")]:
        assert (KG[name], OWL.equivalentClass, SCHEMA[schema_class]) in ontology
    assert (KG.Article, RDFS.subClassOf, SCHEMA.NewsArticle) in ontology


def test_shapes_cover_claims_entities_and_articles(ontology):
    targets = set(ontology.objects(None, SH.targetClass))
    assert {KG.Claim, KG.Entity, KG.Article, KG.BuildRun} <= targets


def test_the_modality_shape_lists_exactly_the_four_modalities(ontology):
    lists = [Collection(ontology, node) for node in ontology.objects(None, SH["in"])]
    assert [[str(m).removeprefix(namespaces.KG) for m in items] for items in lists] == [list(namespaces.MODALITIES)]


def test_every_relation_edge_is_checked_against_its_claims(ontology):
    edge_targets = set(ontology.objects(KG.EdgeShape, SH.targetSubjectsOf))
    assert edge_targets == {KG[relation] for relation in namespaces.RELATIONS}
