"""RDF exports with readable prefixes: Turtle, TriG, N-Quads, N-Triples, JSON-LD."""

from __future__ import annotations

from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import KgError
from kg.export.jsonld import write_jsonld
from kg.export.owl import owl_safe
from kg.export.turtle import write_turtle
from kg.store import EmbeddedStore
from kg.vocab import ONTOLOGY_GRAPH, PREFIXES

FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
           "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": None}
QUAD_FORMATS = {"trig", "nquads"}


def selected_quads(store: EmbeddedStore, ontology: bool = True, data: bool = True) -> list[ox.Quad]:
    """Quads of the ontology graph and/or the article graphs."""
    onto = ox.NamedNode(ONTOLOGY_GRAPH)
    out = []
    for q in store.quads():
        is_onto = q.graph_name == onto
        if (is_onto and ontology) or (not is_onto and data):
            out.append(q)
    return out


READABLE_MAX = 50_000  # quads in the store up to which Turtle is written by kg.export.turtle (readable)


def export_rdf(store: EmbeddedStore, fmt: str, out: IO[bytes] | Path, ontology: bool = True, data: bool = True,
               owl: bool = False, readable: bool | None = None) -> int:
    """Write the store as `fmt`; triple formats merge all graphs. Returns the number of statements.
    `owl`: dates as xsd:dateTime (OWL 2 DL-safe). `readable` (Turtle; default: for stores up to
    READABLE_MAX quads): sorted, header first; otherwise the engine's streaming writer."""
    if fmt not in FORMATS:
        raise KgError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if isinstance(out, Path):
        with open(out, "wb") as fh:
            return export_rdf(store, fmt, fh, ontology, data, owl, readable)
    if readable is None:
        readable = len(store) <= READABLE_MAX
    if fmt in ("turtle", "ntriples") and hasattr(store, "query_raw") and not owl and not (readable and fmt == "turtle"):
        return export_merged(store, FORMATS[fmt], out, ontology, data)
    quads = selected_quads(store, ontology, data)
    if owl:
        quads = list(owl_safe(quads))
    if fmt == "jsonld":
        return write_jsonld(quads, out)
    if fmt in QUAD_FORMATS:
        items = quads
    else:
        seen = {}
        for q in quads:
            seen.setdefault((q.subject, q.predicate, q.object), ox.Triple(q.subject, q.predicate, q.object))
        items = list(seen.values())
    if fmt == "turtle" and readable:
        return write_turtle(items, out)
    prefixes = PREFIXES if fmt in ("turtle", "trig") else None
    ox.serialize(items, out, format=rdf_format_of(fmt), prefixes=prefixes) if prefixes else \
        ox.serialize(items, out, format=rdf_format_of(fmt))
    return len(items)


def rdf_format_of(fmt: str) -> ox.RdfFormat:
    return FORMATS[fmt]


def export_merged(store, rdf_format: ox.RdfFormat, out: IO[bytes] | Path, ontology: bool, data: bool) -> int:
    """Triple formats straight from the engine: one DISTINCT pass over the chosen graphs, no Python dedupe."""
    if ontology and data:
        where = "GRAPH ?g { ?s ?p ?o }"
    elif ontology:
        where = f"GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }}"
    else:
        where = f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{ONTOLOGY_GRAPH}>)"
    triples = store.query_raw(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ {where} }} }}")
    counted = CountingIterator(triples)
    prefixes = PREFIXES if rdf_format == ox.RdfFormat.TURTLE else None
    if prefixes:
        ox.serialize(counted, out, format=rdf_format, prefixes=prefixes)
    else:
        ox.serialize(counted, out, format=rdf_format)
    return counted.n


class CountingIterator:
    """Passes items through and counts them."""

    def __init__(self, items):
        self.items, self.n = iter(items), 0

    def __iter__(self):
        return self

    def __next__(self):
        item = next(self.items)
        self.n += 1
        return item


def to_rdflib_graph(store: EmbeddedStore, ontology: bool = False) -> Graph:
    """All data triples as an in-memory rdflib Graph (for networkx and the HTML view)."""
    nt = ox.serialize([ox.Triple(q.subject, q.predicate, q.object)
                       for q in selected_quads(store, ontology=ontology)], format=ox.RdfFormat.N_TRIPLES)
    g = Graph()
    g.parse(data=nt, format="nt")
    return g
