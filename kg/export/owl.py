"""An OWL 2 DL-safe variant of the data for reasoners (HermiT, Protégé, owlready2): xsd:date, xsd:gYearMonth
and xsd:gYear are not in the OWL 2 datatype map, so they become xsd:dateTime at the first instant of the
day, month or year. The regular export keeps the exact datatypes."""

from __future__ import annotations

import re

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
DATETIME = ox.NamedNode(XSD + "dateTime")
PADDING = {XSD + "date": (r"-?\d{4,}-\d{2}-\d{2}", "T00:00:00"),
           XSD + "gYearMonth": (r"-?\d{4,}-\d{2}", "-01T00:00:00"),
           XSD + "gYear": (r"-?\d{4,}", "-01-01T00:00:00")}


def owl_literal(term):
    """The term, with a date, month or year literal rewritten as xsd:dateTime."""
    if not isinstance(term, ox.Literal) or term.datatype is None or term.datatype.value not in PADDING:
        return term
    pattern, pad = PADDING[term.datatype.value]
    if not re.fullmatch(pattern, term.value):
        return term
    return ox.Literal(term.value + pad, datatype=DATETIME)


def owl_safe(items):
    """Triples or quads with their date literals made OWL 2 DL-safe."""
    for t in items:
        o = owl_literal(t.object)
        if o is t.object:
            yield t
        elif isinstance(t, ox.Quad):
            yield ox.Quad(t.subject, t.predicate, o, t.graph_name)
        else:
            yield ox.Triple(t.subject, t.predicate, o)
