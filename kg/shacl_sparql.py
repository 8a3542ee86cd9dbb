"""SHACL Core, the part our shapes use, checked by SPARQL inside the store: sh:targetClass (with subclasses)
and, on a predicate path, sh:minCount, sh:maxCount, sh:datatype, sh:class, sh:in and sh:or of datatypes.
Millions of triples validate in seconds, without copying the store into rdflib; shapes using anything
else make `kg validate` fall back to pyshacl."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

SUPPORTED = {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH["in"], SH["or"], SH.message}


class Unsupported(Exception):
    """A shape uses a constraint this checker does not translate."""


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    value: str = ""


def focus_of(cls: URIRef) -> str:
    return (f"{{ SELECT DISTINCT ?t WHERE {{ {{ ?t <http://www.w3.org/2000/01/rdf-schema#subClassOf>+ <{cls}> }} "
            f"UNION {{ BIND(<{cls}> AS ?t) }} }} }} ?focus a ?t .")


def property_queries(target: str, prop: BNode, shapes: Graph) -> list[tuple[str, str]]:
    """(SPARQL returning ?focus and ?value, message) for each constraint of one property shape."""
    unknown = {p for p in shapes.predicates(prop) if p not in SUPPORTED}
    if unknown:
        raise Unsupported(", ".join(sorted(map(str, unknown))))
    path = shapes.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise Unsupported("a path that is not a single predicate")
    message = str(shapes.value(prop, SH.message) or f"constraint on <{path}>")
    out = []
    if (n := shapes.value(prop, SH.minCount)) is not None:
        out.append((f"SELECT ?focus (COUNT(DISTINCT ?v) AS ?value) WHERE {{ {target} "
                    f"OPTIONAL {{ ?focus <{path}> ?v }} }} GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) < {int(n)})",
                    message))
    if (n := shapes.value(prop, SH.maxCount)) is not None:
        out.append((f"SELECT ?focus (COUNT(DISTINCT ?v) AS ?value) WHERE {{ {target} ?focus <{path}> ?v }} "
                    f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) > {int(n)})", message))
    if (d := shapes.value(prop, SH.datatype)) is not None:
        out.append((f"SELECT DISTINCT ?focus ?value WHERE {{ {target} ?focus <{path}> ?value "
                    f"FILTER(!isLiteral(?value) || datatype(?value) != <{d}>) }}", message))
    if (c := shapes.value(prop, SH["class"])) is not None:
        out.append((f"SELECT DISTINCT ?focus ?value WHERE {{ {target} ?focus <{path}> ?value "
                    f"FILTER NOT EXISTS {{ ?value a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{c}> }} }}",
                    message))
    if (lst := shapes.value(prop, SH["in"])) is not None:
        allowed = ", ".join(term.n3() for term in Collection(shapes, lst))
        out.append((f"SELECT DISTINCT ?focus ?value WHERE {{ {target} ?focus <{path}> ?value "
                    f"FILTER(?value NOT IN ({allowed})) }}", message))
    if (alternatives := shapes.value(prop, SH["or"])) is not None:
        types = []
        for alt in Collection(shapes, alternatives):
            d = shapes.value(alt, SH.datatype)
            if d is None or len(set(shapes.predicates(alt))) != 1:
                raise Unsupported("sh:or of anything but datatypes")
            types.append(f"<{d}>")
        out.append((f"SELECT DISTINCT ?focus ?value WHERE {{ {target} ?focus <{path}> ?value "
                    f"FILTER(!isLiteral(?value) || datatype(?value) NOT IN ({', '.join(types)})) }}", message))
    return out


def compile_shapes(shapes: Graph) -> list[tuple[str, str, str]]:
    """(query, path, message) for every constraint of every node shape."""
    queries = []
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        targets = list(shapes.objects(shape, SH.targetClass))
        if not targets or set(shapes.predicates(shape)) - {RDF.type, SH.targetClass, SH.property}:
            raise Unsupported(f"node shape {shape} uses more than sh:targetClass and sh:property")
        for prop in shapes.objects(shape, SH.property):
            path = str(shapes.value(prop, SH.path))
            for cls in targets:
                for query, message in property_queries(focus_of(cls), prop, shapes):
                    queries.append((query, path, message))
    return queries


def violations(store, shapes: Graph) -> list[Violation]:
    """Every violation, found with the store's own SPARQL engine."""
    found = []
    for query, path, message in compile_shapes(shapes):
        for row in store.query(query):
            found.append(Violation(str(row[0]), path, message, "" if row[1] is None else str(row[1])))
    return sorted(set(found), key=lambda v: (v.focus, v.path, v.message))


def report(found: list[Violation]) -> str:
    lines = ["Validation Report", f"Conforms: {not found}", f"Results ({len(found)}):"]
    for v in found:
        lines += ["Constraint Violation:", f"\tFocus Node: <{v.focus}>", f"\tResult Path: <{v.path}>",
                  f"\tMessage: {v.message}" + (f" (value: {v.value})" if v.value else "")]
    return "\n".join(lines)
