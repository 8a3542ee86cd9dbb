"""The ontology header carries what vocabulary tools read (vann prefix, dates, creator IRI), and every
external term the ontology or the data uses is declared."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef, namespace
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from kg import resources
from kg.export.rdf import to_rdflib_graph

HEADER = URIRef("https://w3id.org/conflict-kg/ontology")
VANN = "http://purl.org/vocab/vann/"
XSD_NS = str(namespace.XSD)  # not XSD at module level: pytest probes globals and the closed namespace warns
OWN = ("https://w3id.org/conflict-kg/", str(RDF), str(RDFS), str(OWL), XSD_NS)
DECLARED = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}


def onto() -> Graph:
    return Graph().parse(resources.ontology_file(), format="turtle")


def test_header_has_vann_dates_and_creator_iri():
    g = onto()
    assert g.value(HEADER, URIRef(VANN + "preferredNamespacePrefix")) == Literal("ckg")
    assert str(g.value(HEADER, URIRef(VANN + "preferredNamespaceUri"))) == "https://w3id.org/conflict-kg/ontology#"
    for prop in (DCTERMS.created, DCTERMS.modified):
        assert str(g.value(HEADER, prop).datatype) == XSD_NS + "date"
    creator = g.value(HEADER, DCTERMS.creator)
    assert isinstance(creator, URIRef) and g.value(creator, RDFS.label) is not None


def test_external_terms_used_by_ontology_and_data_are_declared(corpus_store):
    g = onto()
    used = set()
    for _s, p, o in g:
        if p in (RDFS.subClassOf, RDFS.subPropertyOf):
            used.add(o)
        used.add(p)
    used |= {p for _, p, _ in to_rdflib_graph(corpus_store)}
    external = {t for t in used if isinstance(t, URIRef) and not str(t).startswith(OWN)}
    undeclared = sorted(str(t) for t in external if not set(g.objects(t, RDF.type)) & DECLARED)
    assert external and not undeclared, undeclared
