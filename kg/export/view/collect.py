"""The view's own projection of the store: one node per extracted individual with what its panel shows
(type, aliases, role, Wikidata, every source article with the evidence sentences it gave), one edge per
object property between nodes. Read from the quads so evidence stays paired with its article graph."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from kg.export.view import labels
from kg.export.view.palette import FOLDED, GROUP_OF, main_class
from kg.vocab import CKG, ONTOLOGY_GRAPH, SCHEMA

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
EXACT = "http://www.w3.org/2004/02/skos/core#exactMatch"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
DC = "http://purl.org/dc/terms/"
C = str(CKG._NS)
SKIP_EDGES = {DERIVED, C + "lexiconConcept", EXACT, RDF_TYPE}
PROPERTY_NAMES = {"proposedBy": "proposed by", "proposedTo": "proposed to", "hasCommitment": "commitment",
                  "concernsTarget": "concerns", "reportedBy": "reported by", "violatedBy": "violated by",
                  "accusedBy": "accused by", "concernsProposal": "concerns proposal"}


@dataclass
class Facts:
    """Everything the quads say about one subject: values by predicate, each with the graph it is in."""

    values: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))

    def all(self, pred: str) -> list[str]:
        return sorted({v for v, _ in self.values.get(pred, ())})

    def one(self, pred: str) -> str | None:
        found = self.all(pred)
        return found[0] if found else None

    def in_graph(self, pred: str, graph: str) -> list[str]:
        return sorted({v for v, g in self.values.get(pred, ()) if g == graph})


def read_facts(store) -> tuple[dict[str, Facts], set[str]]:
    """Subject -> Facts for every quad outside the ontology graph; and the object IRIs (edge candidates)."""
    facts: dict[str, Facts] = defaultdict(Facts)
    iris: set[str] = set()
    for q in store.quads():
        graph = q.graph_name.value if hasattr(q.graph_name, "value") else ""
        if graph == ONTOLOGY_GRAPH:
            continue
        obj = q.object
        if type(q.subject).__name__ != "NamedNode":
            continue
        facts[q.subject.value].values[q.predicate.value].append((obj.value, graph))
        if type(obj).__name__ == "NamedNode":
            iris.add(obj.value)
    return facts, iris


def safe_url(url: str | None) -> str | None:
    """Only web links become links in the page (no javascript: or data: from an article's front matter)."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def article_info(facts: dict[str, Facts], art: str) -> dict:
    f = facts.get(art, Facts())
    return {"id": art, "title": f.one(DC + "title") or f.one(LABEL) or art, "outlet": f.one(DC + "publisher"),
            "date": f.one(DC + "date"), "url": safe_url(f.one(str(SCHEMA.url)))}


def sources(facts: dict[str, Facts], node: str, info: dict[str, dict]) -> list[dict]:
    """One entry per article the node is derived from, newest first, with that article's evidence."""
    f = facts[node]
    for art in f.all(DERIVED):
        if art not in info:
            info[art] = article_info(facts, art)
    out = [dict(info[art], evidence=f.in_graph(C + "evidence", art)) for art in f.all(DERIVED)]
    return sorted(out, key=lambda s: (s["date"] or "", s["title"]), reverse=True)


def classes_of(f: Facts) -> list[str]:
    return [t[len(C):] for t in f.all(RDF_TYPE) if t.startswith(C)]


def view_nodes(facts: dict[str, Facts]) -> dict[str, str]:
    """IRI -> main class of every extracted individual (derived from an article, with a known class)."""
    out = {}
    for s in sorted(facts):
        f = facts[s]
        if DERIVED in f.values:
            cls = main_class(classes_of(f))
            if cls is not None:
                out[s] = cls
    return out


def edges(facts: dict[str, Facts], nodes: dict[str, str]) -> list[tuple[str, str, str]]:
    """(subject, property local name, object) between view nodes, sorted."""
    out = set()
    for s in nodes:
        for pred, values in facts[s].values.items():
            if pred in SKIP_EDGES or not pred.startswith(C):
                continue
            for o, _ in values:
                if o in nodes and o != s:
                    out.add((s, pred[len(C):], o))
    return sorted(out)


def name_of(facts: dict[str, Facts], iri: str) -> str:
    found = facts[iri].one(LABEL) if iri in facts else None
    return found or iri.rsplit("/", 1)[-1]


def display_label(facts: dict[str, Facts], node: str, cls: str, first_date: str | None) -> str:
    """The extraction's label unless it is a fragment; events, proposals, commitments and statements named
    from their type, date, targets or place and parties."""
    f = facts[node]
    raw = f.one(LABEL) or node.rsplit("/", 1)[-1]
    names = lambda pred: [name_of(facts, o) for o in f.all(C + pred)]  # noqa: E731
    group = GROUP_OF[cls]
    if group.key == "events" and labels.looks_like_fragment(raw):
        return labels.event_label(cls, f.one(C + "startDate"), names("target"), f.one(C + "location"),
                                  names("participant"), names("violatedBy"))
    if cls == "Proposal":
        return labels.proposal_label(raw, first_date, names("proposedBy"))
    if cls == "Commitment":
        return labels.commitment_label(names("party"), f.one(C + "refrainsFrom"), raw)
    if cls == "Statement":
        return labels.statement_label(f.one(C + "quote") or raw, names("speaker"))
    return labels.shorten(raw)


def node_attributes(facts: dict[str, Facts], node: str, cls: str, info: dict[str, dict]) -> dict:
    """What the page needs of one node (its panel and its place in filters and the timeline)."""
    f = facts[node]
    srcs = sources(facts, node, info)
    dates = sorted(s["date"] for s in srcs if s["date"])
    date = f.one(C + "startDate") or (dates[0] if dates and cls in ("Proposal", "Commitment", "Statement") else None)
    extra = {k: f.one(C + k) for k in ("role", "status", "location", "quote", "refrainsFrom", "duration",
                                          "condition", "endDate") if f.one(C + k)}
    wikidata = [w for w in f.all(EXACT) if w.startswith("http://www.wikidata.org/entity/")]
    return {"label": display_label(facts, node, cls, dates[0] if dates else None),
            "rdfs_label": f.one(LABEL) or "", "cls": cls, "group": GROUP_OF[cls].key,
            "aliases": [a for a in f.all(ALT) if a != f.one(LABEL)], "wikidata": wikidata[0] if wikidata else None,
            "date": date, "sources": srcs, "articles": len(srcs), "details": extra}


def view_network(store, node_iris: set[str] | None = None) -> nx.MultiDiGraph:
    """The store as the view's networkx graph (nodes and edges in sorted order, so every later step is
    a function of the store alone); optionally only the nodes named (IRIs or 'label:NAME')."""
    facts, _ = read_facts(store)
    nodes = view_nodes(facts)
    net = nx.MultiDiGraph()
    info: dict[str, dict] = {}
    for node, cls in nodes.items():
        attrs = node_attributes(facts, node, cls, info)
        if node_iris is None or node in node_iris or f"label:{attrs['rdfs_label']}" in node_iris:
            net.add_node(node, **attrs)
    for s, prop, o in edges(facts, nodes):
        if s in net and o in net:
            net.add_edge(s, o, key=prop, prop=prop, label=PROPERTY_NAMES.get(prop, prop))
    anchor_folded(net)
    articles = {a for a, f in facts.items() if C + "Article" in f.all(RDF_TYPE)}
    dates = sorted(d for a in articles if (d := facts[a].one(DC + "date")))
    net.graph.update(articles=len(articles), first=dates[0] if dates else None, last=dates[-1] if dates else None)
    return net


def anchor_folded(net: nx.MultiDiGraph) -> None:
    """Give each statement its speaker and each commitment its proposal, the node it is folded into."""
    for node, d in net.nodes(data=True):
        role = FOLDED.get(d["cls"])
        if role == "speaker":
            found = sorted(o for _, o, p in net.out_edges(node, keys=True) if p == "speaker")
        elif role == "proposal":
            found = sorted(s for s, _, p in net.in_edges(node, keys=True) if p == "hasCommitment")
        else:
            found = []
        d["anchor"] = found[0] if found else None
