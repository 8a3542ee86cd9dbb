"""A networkx projection of the graph: extracted nodes with their class, label and tooltip; object edges.

Nodes and edges are added in sorted order, so everything computed from the projection (communities,
paths, layouts, exports) is a function of the store alone, whatever Python's hash seed."""

from __future__ import annotations

import difflib

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.errors import KgError
from kg.vocab import CKG

SKIP_EDGES = {PROV.wasDerivedFrom, CKG.lexiconConcept, SKOS.exactMatch, RDF.type}
CKG_NS = str(CKG._NS)
WIKIDATA = "http://www.wikidata.org/entity/"


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
        value = first(g, node, prop)
        if value is not None:
            lines.append(f"{name}: {value}")
    evidence = first(g, node, CKG.evidence)
    if evidence is not None:
        lines.append(f"evidence: \u201c{str(evidence)[:300]}\u201d")
    for art in sorted(g.objects(node, PROV.wasDerivedFrom))[:3]:
        date = g.value(art, DCTERMS.date)
        lines.append(f"source: {g.value(art, DCTERMS.title)}" + (f" ({date})" if date else ""))
    return "\n".join(lines)


def first(g: Graph, node: URIRef, prop: URIRef):
    """The smallest value of `prop` (a stable choice where several articles say it differently)."""
    values = sorted(g.objects(node, prop), key=str)
    return values[0] if values else None


def node_attributes(g: Graph, node: URIRef, cls: str) -> dict:
    """Flat attributes: label, class, aliases, Wikidata id, dates, source articles and their count."""
    sources = sorted(str(a) for a in g.objects(node, PROV.wasDerivedFrom))
    wikidata = [str(w)[len(WIKIDATA):] for w in sorted(g.objects(node, SKOS.exactMatch)) if str(w).startswith(WIKIDATA)]
    start, end = first(g, node, CKG.startDate), first(g, node, CKG.endDate)
    return {"label": str(g.value(node, RDFS.label) or node), "cls": cls, "title": tooltip(g, node, cls),
            "articles": len(sources), "sources": "; ".join(sources),
            "aliases": "; ".join(sorted(str(a) for a in g.objects(node, SKOS.altLabel))),
            "wikidata": wikidata[0] if wikidata else "",
            "start": str(start) if start is not None else "",
            "end": str(end if end is not None else start) if start is not None or end is not None else ""}


def to_networkx(g: Graph, articles: bool = False) -> nx.MultiDiGraph:
    """Nodes for every extracted individual, edges for object properties between them, both in sorted
    order. An edge's weight is the number of articles supporting the fact it belongs to. With
    `articles`, Article nodes too, linked from what they support by 'wasDerivedFrom' edges."""
    net = nx.MultiDiGraph()
    for node in sorted(set(g.subjects(PROV.wasDerivedFrom, None))):
        cls = node_class(g, node)
        if cls is None or not isinstance(node, URIRef):
            continue
        net.add_node(str(node), **node_attributes(g, node, cls))
    for s, p, o in sorted(g):
        if p in SKIP_EDGES or isinstance(o, Literal):
            continue
        if str(s) in net and str(o) in net:
            add_edge(net, str(s), str(o), str(p).rsplit("#", 1)[-1])
    if articles:
        add_articles(g, net)
    return net


def add_edge(net: nx.MultiDiGraph, s: str, o: str, label: str) -> None:
    weight = max(1, min(net.nodes[s]["articles"], net.nodes[o]["articles"]))
    net.add_edge(s, o, label=label, weight=weight,
                 title=f"{net.nodes[s]['label']} \u2192 {label} \u2192 {net.nodes[o]['label']}")


def add_articles(g: Graph, net: nx.MultiDiGraph) -> None:
    """Article nodes (title, date, URL) and an edge from every node to each article it is derived from."""
    facts = list(net.nodes)
    for art in sorted({a for n in facts for a in g.objects(URIRef(n), PROV.wasDerivedFrom)}):
        date = g.value(art, DCTERMS.date)
        title = str(g.value(art, DCTERMS.title) or art)
        net.add_node(str(art), label=title, cls="Article", title=f"{title}\ntype: Article", articles=1,
                     sources=str(art), aliases="", wikidata="", start=str(date or ""), end=str(date or ""))
    for n in facts:
        for art in sorted(g.objects(URIRef(n), PROV.wasDerivedFrom)):
            net.add_edge(n, str(art), label="wasDerivedFrom", weight=1, title=f"{net.nodes[n]['label']} \u2192 source")


def alias_list(d: dict) -> list[str]:
    """A node's aliases, whether the projection keeps them as a list (the view) or a '; '-joined string."""
    aliases = d.get("aliases") or []
    return [a for a in (aliases.split("; ") if isinstance(aliases, str) else aliases) if a]


def names(d: dict) -> list[str]:
    """A node's label and aliases, lower-cased."""
    return [d["label"].lower()] + [a.lower() for a in alias_list(d)]


def find_node(net: nx.MultiDiGraph, name: str) -> str:
    """The node labelled `name`, else the one node having it as an alias (case-insensitive); an
    unknown or ambiguous name is an error naming the close matches or the candidates."""
    wanted = name.strip().lower()
    by_label = sorted(n for n, d in net.nodes(data=True) if d["label"].lower() == wanted)
    if by_label:
        return by_label[0]
    by_alias = sorted(n for n, d in net.nodes(data=True) if wanted in names(d)[1:])
    if len(by_alias) == 1:
        return by_alias[0]
    if by_alias:
        labels = sorted(net.nodes[n]["label"] for n in by_alias)
        raise KgError(f"{name!r} is an alias of several nodes: {', '.join(labels)}; give the full name")
    known = sorted({d["label"] for _, d in net.nodes(data=True)}
                   | {a for _, d in net.nodes(data=True) for a in alias_list(d)})
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6) or \
        difflib.get_close_matches(name.lower(), [k.lower() for k in known], n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise KgError(f"no node named {name!r} in the graph{hint}")


def undirected(net: nx.MultiDiGraph) -> nx.Graph:
    """A plain undirected copy with nodes and edges in sorted order. (networkx's to_undirected view
    walks neighbours through a set, whose order changes with the hash seed.)"""
    g = nx.Graph()
    g.add_nodes_from(sorted(net.nodes))
    g.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in net.edges()}))
    return g


def neighbourhood(net: nx.MultiDiGraph, label: str, hops: int) -> nx.MultiDiGraph:
    """The nodes within `hops` of the node named `label` (its label or an alias, case-insensitive)."""
    centre = find_node(net, label)
    keep = set(nx.single_source_shortest_path_length(undirected(net), centre, cutoff=hops))
    return net.subgraph(sorted(keep)).copy()


def largest(net: nx.MultiDiGraph, max_nodes: int) -> nx.MultiDiGraph:
    """The `max_nodes` best-connected nodes."""
    if net.number_of_nodes() <= max_nodes:
        return net
    ranked = sorted(net.degree, key=lambda x: (-x[1], x[0]))[:max_nodes]
    return net.subgraph(sorted(n for n, _ in ranked)).copy()
