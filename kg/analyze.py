"""Graph analytics with networkx: central actors, communities, and the chain of facts between two actors."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from networkx.algorithms.community import greedy_modularity_communities

from kg.errors import KgError

ACTOR_CLASSES = {"Person", "Country", "Organization", "GovernmentBody", "MediaOutlet", "IntelligenceAgency",
                 "ArmedForces"}


@dataclass(frozen=True)
class Centrality:
    actor: str
    cls: str
    degree: int
    betweenness: float

    def as_dict(self) -> dict:
        return {"actor": self.actor, "class": self.cls, "degree": self.degree, "betweenness": self.betweenness}


def actor_graph(net: nx.MultiDiGraph) -> nx.Graph:
    """Actors linked when a fact (statement, proposal, commitment, event) involves both; weight = facts."""
    g = nx.Graph()
    actors = {n for n, d in net.nodes(data=True) if d["cls"] in ACTOR_CLASSES}
    for n in actors:
        g.add_node(n, label=net.nodes[n]["label"], cls=net.nodes[n]["cls"])
    for fact, d in net.nodes(data=True):
        if d["cls"] in ACTOR_CLASSES:
            continue
        involved = sorted({v for _, v in net.out_edges(fact)} & actors)
        for i, a in enumerate(involved):
            for b in involved[i + 1:]:
                weight = g[a][b]["weight"] + 1 if g.has_edge(a, b) else 1
                g.add_edge(a, b, weight=weight)
    return g


def central_actors(net: nx.MultiDiGraph, top: int = 15) -> list[Centrality]:
    g = actor_graph(net)
    if g.number_of_nodes() == 0:
        return []
    betweenness = nx.betweenness_centrality(g)
    ranked = sorted(g.nodes, key=lambda n: (-g.degree(n), -betweenness[n], g.nodes[n]["label"]))[:top]
    return [Centrality(g.nodes[n]["label"], g.nodes[n]["cls"], g.degree(n), round(betweenness[n], 4))
            for n in ranked]


def communities(net: nx.MultiDiGraph) -> list[list[str]]:
    """Groups of actors more linked to each other than to the rest (greedy modularity), largest first."""
    g = actor_graph(net)
    g.remove_nodes_from([n for n in list(g.nodes) if g.degree(n) == 0])
    if g.number_of_edges() == 0:
        return []
    found = greedy_modularity_communities(g, weight="weight")
    groups = [sorted(g.nodes[n]["label"] for n in c) for c in found]
    return sorted(groups, key=lambda group: (-len(group), group))


def find(net: nx.MultiDiGraph, label: str) -> str:
    """The node named `label` or having it as an alias (see kg.export.network.find_node)."""
    from kg.export.network import find_node

    return find_node(net, label)


@dataclass(frozen=True)
class Hop:
    source: str
    relation: str
    target: str
    evidence: str

    def as_dict(self) -> dict:
        return {"source": self.source, "relation": self.relation, "target": self.target, "evidence": self.evidence}


def fact_path(net: nx.MultiDiGraph, a: str, b: str) -> list[Hop]:
    """The shortest chain of facts linking two nodes, each hop with the evidence of its fact."""
    start, end = find(net, a), find(net, b)
    from kg.export.network import undirected

    try:
        nodes = nx.shortest_path(undirected(net), start, end)
    except nx.NetworkXNoPath:
        raise KgError(f"no chain of facts links {a!r} and {b!r}") from None
    hops = []
    for u, v in zip(nodes, nodes[1:], strict=False):
        forward = net.has_edge(u, v)
        data = net.get_edge_data(u, v) if forward else net.get_edge_data(v, u)
        relation = sorted(d["label"] for d in data.values())[0]
        fact = u if net.nodes[u]["cls"] not in ACTOR_CLASSES else v
        lines = net.nodes[fact]["title"].splitlines()
        evidence = next((line[len("evidence: "):].strip("\u201c\u201d") for line in lines
                         if line.startswith("evidence: ")), "")
        hops.append(Hop(net.nodes[u]["label"], relation if forward else f"{relation} of", net.nodes[v]["label"],
                        evidence))
    return hops
