"""Turtle for people: the owl:Ontology header first, then the ontology's terms, then the data; subjects,
predicates and objects in a stable sorted order; `a` first; only the prefixes used; no `\\/` escapes
(a local name that needs one is written as a full <IRI>). Meant for small exports: everything is held
in memory; large exports take the engine's own writer (kg.export.rdf decides)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import IO

import pyoxigraph as ox

from kg.vocab import PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OWL_NS = "http://www.w3.org/2002/07/owl#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING, XSD_INTEGER, XSD_BOOLEAN = XSD_NS + "string", XSD_NS + "integer", XSD_NS + "boolean"
SAFE_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
TBOX_TYPES = {OWL_NS + t for t in ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty",
                                   "AllDisjointClasses", "TransitiveProperty", "FunctionalProperty")}


class Names:
    """IRIs as prefixed names where the local part needs no escape; remembers the prefixes used."""

    def __init__(self, prefixes: dict[str, str]):
        self.by_length = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.used: set[str] = set()

    def iri(self, value: str) -> str:
        for prefix, ns in self.by_length:
            if value.startswith(ns) and SAFE_LOCAL.match(value[len(ns):]):
                self.used.add(prefix)
                return f"{prefix}:{value[len(ns):]}"
        return f"<{value}>"

    def term(self, t) -> str:
        if isinstance(t, ox.NamedNode):
            return self.iri(t.value)
        if isinstance(t, ox.BlankNode):
            return f"_:{t.value}"
        text = '"' + "".join(ESCAPES.get(c, c) for c in t.value) + '"'
        if t.language:
            return f"{text}@{t.language}"
        dt = t.datatype.value
        if dt == XSD_STRING:
            return text
        if dt == XSD_INTEGER and re.fullmatch(r"[+-]?\d+", t.value):
            return t.value
        if dt == XSD_BOOLEAN and t.value in ("true", "false"):
            return t.value
        return f"{text}^^{self.iri(dt)}"


def subject_rank(subject, types: set[str]) -> int:
    """0 the ontology header, 1 the ontology's own terms, 2 the data, 3 blank nodes."""
    if isinstance(subject, ox.BlankNode):
        return 3
    if OWL_NS + "Ontology" in types:
        return 0
    return 1 if types & TBOX_TYPES else 2


def write_turtle(triples: Iterable[ox.Triple], out: IO[bytes], prefixes: dict[str, str] | None = None) -> int:
    """Write `triples` as readable Turtle; returns how many distinct triples were written."""
    graph: dict = defaultdict(lambda: defaultdict(set))
    for t in triples:
        graph[t.subject][t.predicate.value].add(t.object)
    names = Names(prefixes or PREFIXES)
    blocks, n = [], 0

    def order(s):
        types = {o.value for o in graph[s].get(RDF_TYPE, ()) if isinstance(o, ox.NamedNode)}
        return subject_rank(s, types), s.value

    for s in sorted(graph, key=order):
        lines = []
        for p in sorted(graph[s], key=lambda p: (p != RDF_TYPE, p)):
            objects = sorted(names.term(o) for o in graph[s][p])
            n += len(objects)
            lines.append(("a" if p == RDF_TYPE else names.iri(p)) + " " + " , ".join(objects))
        blocks.append(names.term(s) + " " + " ;\n    ".join(lines) + " .\n")
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted((prefixes or PREFIXES).items())
                     if p in names.used)
    out.write((header + "\n" + "\n".join(blocks)).encode("utf-8"))
    return n
