"""JSON-LD with a real context: the ontology's properties as plain terms (`speaker`, not `ckg:speaker`),
object properties typed `@id`, integer offsets typed, the usual external terms named; compacted by PyLD."""

from __future__ import annotations

import json
from typing import IO

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from kg import resources
from kg.vocab import PREFIXES

XSD = PREFIXES["xsd"]
EXTERNAL = {
    "label": {"@id": PREFIXES["rdfs"] + "label", "@language": "en"},
    "altLabel": {"@id": PREFIXES["skos"] + "altLabel", "@language": "en"},
    "exactMatch": {"@id": PREFIXES["skos"] + "exactMatch", "@type": "@id"},
    "wasDerivedFrom": {"@id": PREFIXES["prov"] + "wasDerivedFrom", "@type": "@id"},
    "title": {"@id": PREFIXES["dcterms"] + "title"},
    "date": {"@id": PREFIXES["dcterms"] + "date", "@type": XSD + "date"},
    "publisher": {"@id": PREFIXES["dcterms"] + "publisher"},
    "url": {"@id": PREFIXES["schema"] + "url"},
}


def context() -> dict:
    """The export's @context: prefixes, then one term per ontology property (and a few external ones)."""
    onto = Graph().parse(resources.ontology_file(), format="turtle")
    ckg = PREFIXES["ckg"]
    terms: dict = {"id": "@id", "type": "@type", **dict(sorted(PREFIXES.items()))}
    for prop in sorted(onto.subjects(RDF.type, OWL.ObjectProperty)):
        if str(prop).startswith(ckg):
            terms[str(prop)[len(ckg):]] = {"@id": str(prop), "@type": "@id"}
    for prop in sorted(onto.subjects(RDF.type, OWL.DatatypeProperty)):
        if str(prop).startswith(ckg):
            rng = onto.value(prop, RDFS.range)
            term = {"@id": str(prop)}
            if rng is not None and str(rng) == XSD + "integer":
                term["@type"] = str(rng)
            terms[str(prop)[len(ckg):]] = term
    terms.update(EXTERNAL)
    return terms


def write_jsonld(quads: list[ox.Quad], out: IO[bytes]) -> int:
    """Compact JSON-LD of `quads` (one @graph per named graph); returns the number of quads."""
    from pyld import jsonld

    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    expanded = jsonld.from_rdf(nquads, {"format": "application/n-quads"})
    compacted = jsonld.compact(expanded, {"@context": context()})
    out.write(json.dumps(compacted, ensure_ascii=False, indent=1).encode("utf-8"))
    return len(quads)
