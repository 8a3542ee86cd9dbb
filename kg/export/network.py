"""A networkx projection of the graph: extracted nodes with their class, label and tooltip; object edges."""

from __future__ import annotations

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.vocab import CKG

SKIP_EDGES = {PROV.wasDerivedFrom, CKG.lexiconConcept, SKOS.exactMatch, RDF.type}
CKG_NS = str(CKG._NS)


def node_class(g: Graph, node: URIRef) -> str | None:
    classes = sorted(str(c)[len(CKG_NS):] for c in g.objects(node, RDF.type) if str(c).startswith(CKG_NS))
    return classes[0] if classes else None


def tooltip(g: Graph, node: URIRef, cls: str) -> str:
    """Plain text: type, aliases, role, Wikidata link, evidence sentence, source article title and date."""
    lines = [f"{g.value(node, RDFS.label)}", f"type: {cls}"]
    aliases = sorted(str(a) for a in g.objects(node, SKOS.altLabel))
    if aliases:
        lines.append("aliases: " + ", ".join(aliases[:8]))
    for prop, name in ((CKG.role, "role"), (SKOS.exactMatch, "Wikidata"), (CKG.status, "status"),
                       (CKG.startDate, "date"), (CKG.location, "location")):
        value = g.value(node, prop)
        if value is not None:
            lines.append(f"{name}: {value}")
    evidence = g.value(node, CKG.evidence)
    if evidence is not None:
        lines.append(f"evidence: \u201c{str(evidence)[:300]}\u201d")
    for art in sorted(g.objects(node, PROV.wasDerivedFrom))[:3]:
        date = g.value(art, DCTERMS.date)
        lines.append(f"source: {g.value(art, DCTERMS.title)}" + (f" ({date})" if date else ""))
    return "\n".join(lines)


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """Nodes for every extracted individual, edges for object properties between them."""
    net = nx.MultiDiGraph()
    for node in set(g.subjects(PROV.wasDerivedFrom, None)):
        cls = node_class(g, node)
        if cls is None or not isinstance(node, URIRef):
            continue
        articles = len(set(g.objects(node, PROV.wasDerivedFrom)))
        net.add_node(str(node), label=str(g.value(node, RDFS.label) or node), cls=cls,
                     title=tooltip(g, node, cls), articles=articles)
    for s, p, o in g:
        if p in SKIP_EDGES or isinstance(o, Literal):
            continue
        if str(s) in net and str(o) in net:
            net.add_edge(str(s), str(o), label=str(p).rsplit("#", 1)[-1],
                         title=f"{net.nodes[str(s)]['label']} \u2192 {str(p).rsplit('#', 1)[-1]} \u2192 "
                               f"{net.nodes[str(o)]['label']}")
    return net


def neighbourhood(net: nx.MultiDiGraph, label: str, hops: int) -> nx.MultiDiGraph:
    """The nodes within `hops` of the node labelled `label` (case-insensitive)."""
    centre = [n for n, d in net.nodes(data=True) if d["label"].lower() == label.lower()]
    if not centre:
        return net.subgraph([]).copy()
    keep = set(nx.single_source_shortest_path_length(net.to_undirected(as_view=True), centre[0], cutoff=hops))
    return net.subgraph(keep).copy()


def largest(net: nx.MultiDiGraph, max_nodes: int) -> nx.MultiDiGraph:
    """The `max_nodes` best-connected nodes."""
    if net.number_of_nodes() <= max_nodes:
        return net
    ranked = sorted(net.degree, key=lambda x: (-x[1], x[0]))[:max_nodes]
    return net.subgraph([n for n, _ in ranked]).copy()
