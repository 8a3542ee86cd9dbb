"""Why the OWL reasoner found ontology and data inconsistent, in words: the individuals that end up in two
classes the ontology declares disjoint, and what put them there (an asserted type, or being the subject
or object of a property with a domain or range). HermiT itself only answers 'inconsistent'."""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS


def short(term) -> str:
    text = str(term)
    for sep in ("#", "/id/"):
        if sep in text:
            return text.rsplit(sep, 1)[-1]
    return text


def disjoint_pairs(onto: Graph) -> set[frozenset]:
    pairs = {frozenset((a, b)) for a, b in onto.subject_objects(OWL.disjointWith)}
    for group in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(onto, onto.value(group, OWL.members)))
        pairs |= {frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1:]}
    return pairs


def ancestors(onto: Graph, cls) -> set:
    return set(onto.transitive_objects(cls, RDFS.subClassOf))


def class_reasons(onto: Graph, data: Graph) -> dict:
    """individual -> class -> why it has that class (asserted, or by a property's domain or range)."""
    why: dict = defaultdict(dict)
    for s, cls in data.subject_objects(RDF.type):
        why[s].setdefault(cls, f"typed {short(cls)}")
    for s, p, o in data:
        for dom in onto.objects(p, RDFS.domain):
            why[s].setdefault(dom, f"subject of {short(p)}")
        if isinstance(o, URIRef) and (p, RDF.type, OWL.ObjectProperty) in onto:
            for rng in onto.objects(p, RDFS.range):
                why[o].setdefault(rng, f"object of {short(p)}")
    return why


def explain(onto: Graph, data: Graph, limit: int = 10) -> list[str]:
    """One line per individual found in two disjoint classes, sorted; at most `limit` (and a count of the rest)."""
    pairs = disjoint_pairs(onto)
    lines = []
    for ind, reasons in class_reasons(onto, data).items():
        expanded: dict = {}
        for cls, reason in reasons.items():
            for sup in ancestors(onto, cls):
                expanded.setdefault(sup, (cls, reason))
        clashes = sorted({tuple(sorted(map(str, pair))) for pair in pairs if pair <= set(expanded)})
        for a, b in clashes[:1]:
            ra, rb = expanded[URIRef(a)][1], expanded[URIRef(b)][1]
            lines.append(f"{short(ind)} is both {short(a)} ({ra}) and {short(b)} ({rb}), which are disjoint")
    lines.sort()
    return lines[:limit] + ([f"and {len(lines) - limit} more"] if len(lines) > limit else [])
