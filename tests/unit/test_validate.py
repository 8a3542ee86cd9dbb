"""Both SHACL engines (SPARQL in the store, pyshacl) agree: the corpus conforms, a broken graph does not."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from kg.ingest_run import ingest
from kg.store import open_store
from kg.validate import validate_store
from kg.vocab import CKG
from tests.conftest import CORPUS

# a plain IRI, not rdflib's closed XSD namespace at module level: pytest's collector probes module
# globals (for _mock_name) and the namespace warns on every unknown attribute
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")

ID = "https://w3id.org/conflict-kg/id/"


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_validate_corpus_conforms(corpus_store, engine):
    report = validate_store(corpus_store, reasoner=False, engine=engine)
    assert report.conforms and report.violations == 0, report.text


def broken() -> Graph:
    g = Graph()
    art = URIRef(ID + "article/broken")
    g.add((art, RDF.type, CKG.Article))
    g.add((art, URIRef("http://purl.org/dc/terms/title"), Literal("t")))
    st = URIRef(ID + "statement/no-speaker")  # a statement without a speaker
    g.add((st, RDF.type, CKG.Statement))
    g.add((st, RDFS.label, Literal("x")))
    g.add((st, CKG.quote, Literal("words")))
    g.add((st, PROV.wasDerivedFrom, art))
    ev = URIRef(ID + "event/bad-date")  # a date that is a plain string
    g.add((ev, RDF.type, CKG.Talks))
    g.add((ev, RDFS.label, Literal("talks")))
    g.add((ev, CKG.startDate, Literal("last Tuesday")))
    g.add((ev, PROV.wasDerivedFrom, art))
    pr = URIRef(ID + "proposal/bad-status")  # no proposer, a status outside the list
    g.add((pr, RDF.type, CKG.Proposal))
    g.add((pr, RDFS.label, Literal("p")))
    g.add((pr, CKG.status, Literal("maybe")))
    g.add((pr, PROV.wasDerivedFrom, art))
    g.add((URIRef(ID + "event/ok"), CKG.startDate, Literal("2025-03-01", datatype=XSD_DATE)))
    return g


def test_validate_engines_agree_on_violations(tmp_path):
    with open_store(tmp_path / "s") as store:
        ingest([CORPUS / "energy-truce-ft.txt"], store)
        store.replace_graph(ID + "article/broken", broken())
        fast = validate_store(store, reasoner=False, engine="sparql")
        reference = validate_store(store, reasoner=False, engine="pyshacl")
    assert not fast.conforms and not reference.conforms
    assert fast.violations == reference.violations == 4
    for focus in ("statement/no-speaker", "event/bad-date", "proposal/bad-status"):
        assert focus in fast.text and focus in reference.text
