"""The ontology parses in two parsers, declares every contract term, and HermiT finds it consistent."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg import resources
from kg.vocab import CKG

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_CLASSES = ["Actor", "Person", "Country", "Organization", "UnnamedSource", "GovernmentBody", "MediaOutlet",
                    "IntelligenceAgency", "ArmedForces", "InfrastructureTarget", "EnergyInfrastructure", "PowerPlant",
                    "NuclearPowerPlant", "OilRefinery", "OilGasFacility", "FuelStorage", "Pipeline", "Substation",
                    "Dam", "Tanker", "Port", "Proposal", "Commitment", "Statement", "Event", "Talks", "Agreement",
                    "Attack", "Violation", "Article"]
CONTRACT_PROPERTIES = ["role", "proposedBy", "proposedTo", "status", "hasCommitment", "party", "refrainsFrom",
                       "concernsTarget", "quote", "speaker", "reportedBy", "about", "participant", "startDate",
                       "endDate", "location", "violatedBy", "evidence"]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(resources.ontology_file(), format="turtle")


@pytest.mark.parametrize("name", ["conflict-kg.ttl", "shapes.ttl", "lexicon.ttl"])
def test_ontology_files_parse_in_pyoxigraph(name):
    with open(resources.ontology_dir() / name, "rb") as fh:
        assert len(list(ox.parse(fh, format=ox.RdfFormat.TURTLE))) > 50


def test_ontology_header(onto):
    header = URIRef("https://w3id.org/conflict-kg/ontology")
    assert (header, RDF.type, OWL.Ontology) in onto
    for prop in ("versionIRI",):
        assert onto.value(header, OWL[prop]) is not None
    for prop in ("title", "description", "license"):
        assert onto.value(header, URIRef(f"http://purl.org/dc/terms/{prop}")) is not None


@pytest.mark.parametrize("name", CONTRACT_CLASSES)
def test_contract_class_declared_with_label_and_comment(onto, name):
    term = CKG[name]
    assert (term, RDF.type, OWL.Class) in onto
    assert any(lab.language == "en" for lab in onto.objects(term, RDFS.label))
    assert any(c.language == "en" for c in onto.objects(term, RDFS.comment))


@pytest.mark.parametrize("name", CONTRACT_PROPERTIES)
def test_contract_property_declared(onto, name):
    term = CKG[name]
    kinds = set(onto.objects(term, RDF.type))
    assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}
    assert onto.value(term, RDFS.label) is not None and onto.value(term, RDFS.comment) is not None


def test_disjointness_person_country_and_actor_statement(onto):
    text = resources.ontology_file().read_text()
    assert re.search(r"owl:members \( ckg:Person ckg:Country", text)
    assert re.search(r"owl:members \( ckg:Actor [^)]*ckg:Statement", text)


def test_misspelt_term_fails_loudly():
    with pytest.raises(AttributeError):
        CKG.Persn  # noqa: B018


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs java, not installed here")
def test_hermit_finds_ontology_and_demo_data_consistent(corpus_store):
    from kg.export.rdf import to_rdflib_graph
    from kg.validate import owl_check

    consistent, message = owl_check(to_rdflib_graph(corpus_store))
    assert consistent, message


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs java, not installed here")
def test_hermit_detects_an_inconsistency():
    from kg.validate import owl_check

    g = Graph()
    x = URIRef("https://w3id.org/conflict-kg/id/actor/both")
    g.add((x, RDF.type, CKG.Person))
    g.add((x, RDF.type, CKG.Country))
    consistent, _ = owl_check(g)
    assert not consistent
