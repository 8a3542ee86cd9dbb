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


RDF_FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
RDF_REST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
RDF_NIL = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"


class Writer:
    """Renders subjects; a blank node used once as an object is written inline (`( ... )` for an RDF list,
    `[ ... ]` otherwise), so the text does not depend on the store's blank node labels."""

    def __init__(self, graph: dict, names: Names):
        self.graph, self.names = graph, names
        self.refs: dict = defaultdict(int)
        for preds in graph.values():
            for objects in preds.values():
                for o in objects:
                    if isinstance(o, ox.BlankNode):
                        self.refs[o] += 1

    def inline(self, node) -> bool:
        return isinstance(node, ox.BlankNode) and self.refs[node] == 1 and node in self.graph

    def list_items(self, node) -> list | None:
        """The members of the RDF list starting at `node`, if it is a well-formed list of inline nodes."""
        items, seen = [], set()
        while not (isinstance(node, ox.NamedNode) and node.value == RDF_NIL):
            preds = self.graph.get(node) if self.inline(node) or not items else None
            if node in seen or preds is None or set(preds) != {RDF_FIRST, RDF_REST} or \
                    len(preds[RDF_FIRST]) != 1 or len(preds[RDF_REST]) != 1:
                return None
            seen.add(node)
            items.append(next(iter(preds[RDF_FIRST])))
            node = next(iter(preds[RDF_REST]))
        return items

    def term(self, t, depth: int = 0) -> str:
        if self.inline(t) and depth < 20:
            items = self.list_items(t)
            if items is not None:
                return "( " + " ".join(self.term(i, depth + 1) for i in items) + " )"
            return "[ " + " ; ".join(self.predicates(t, depth + 1)) + " ]"
        return self.names.term(t)

    def predicates(self, s, depth: int = 0) -> list[str]:
        out = []
        for p in sorted(self.graph[s], key=lambda p: (p != RDF_TYPE, p)):
            objects = sorted(self.term(o, depth) for o in self.graph[s][p])
            out.append(("a" if p == RDF_TYPE else self.names.iri(p)) + " " + " , ".join(objects))
        return out

    def block(self, s) -> str:
        head = "[]" if isinstance(s, ox.BlankNode) and self.refs[s] == 0 else self.names.term(s)
        return head + " " + " ;\n    ".join(self.predicates(s)) + " .\n"


def write_turtle(triples: Iterable[ox.Triple], out: IO[bytes], prefixes: dict[str, str] | None = None) -> int:
    """Write `triples` as readable Turtle; returns how many distinct triples were written."""
    graph: dict = defaultdict(lambda: defaultdict(set))
    n = 0
    for t in triples:
        objects = graph[t.subject][t.predicate.value]
        if t.object not in objects:
            objects.add(t.object)
            n += 1
    graph = {s: dict(preds) for s, preds in graph.items()}
    names = Names(prefixes or PREFIXES)
    writer = Writer(graph, names)

    def types(s) -> set[str]:
        return {o.value for o in graph[s].get(RDF_TYPE, ()) if isinstance(o, ox.NamedNode)}

    named = sorted((s for s in graph if not isinstance(s, ox.BlankNode)),
                   key=lambda s: (subject_rank(s, types(s)), s.value))
    blocks = [writer.block(s) for s in named]
    blank = [s for s in graph if isinstance(s, ox.BlankNode) and not writer.inline(s)]
    blocks += sorted(writer.block(s) for s in blank)
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted((prefixes or PREFIXES).items())
                     if p in names.used)
    out.write((header + "\n" + "\n".join(blocks)).encode("utf-8"))
    return n
