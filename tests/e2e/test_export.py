"""RDF exports parse back in rdflib (isomorphic to the store) and in pyoxigraph."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.export import export_rdf
from kg.export.rdf import to_rdflib_graph

PARSE = {"turtle": ("turtle", ox.RdfFormat.TURTLE), "trig": ("trig", ox.RdfFormat.TRIG),
         "nquads": ("nquads", ox.RdfFormat.N_QUADS), "jsonld": ("json-ld", ox.RdfFormat.JSON_LD)}


@pytest.mark.parametrize("fmt", list(PARSE))
def test_export_round_trip(corpus_store, fmt):
    buf = io.BytesIO()
    export_rdf(corpus_store, fmt, buf, ontology=False)
    data = buf.getvalue()
    rdflib_format, ox_format = PARSE[fmt]
    ds = Dataset()
    ds.parse(data=data, format=rdflib_format)
    merged = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    assert isomorphic(merged, to_rdflib_graph(corpus_store))
    assert len(list(ox.parse(data, format=ox_format))) > 1000
    if fmt in ("trig", "nquads"):
        graphs = {str(c.identifier) for c in ds.graphs() if len(c)}
        assert sum("/article/" in g for g in graphs) == 7


def test_export_turtle_has_readable_prefixes(corpus_store):
    buf = io.BytesIO()
    export_rdf(corpus_store, "turtle", buf)
    text = buf.getvalue().decode()
    assert "@prefix ckg: <https://w3id.org/conflict-kg/ontology#>" in text and "ns1:" not in text


def test_export_ontology_only_and_no_ontology_split_tbox_and_data(corpus_store):
    onto, data = io.BytesIO(), io.BytesIO()
    export_rdf(corpus_store, "turtle", onto, data=False)
    export_rdf(corpus_store, "turtle", data, ontology=False)
    onto_text, data_text = onto.getvalue().decode(), data.getvalue().decode()
    assert "owl:Ontology" in onto_text and "actor:russia" not in onto_text
    assert "owl:Ontology" not in data_text and "actor:russia" in data_text
