"""Export: RDF serialisations of the store, GraphML and CSV tables, and the interactive HTML graph."""

from __future__ import annotations

from pathlib import Path

from kg.export.rdf import FORMATS, export_rdf

NETWORK_FORMATS = ("graphml", "csv")

__all__ = ["FORMATS", "NETWORK_FORMATS", "export_network", "export_rdf", "store_network"]


def store_network(store, node_iris: set[str] | None = None, articles: bool = False):
    """The store's facts as a networkx graph, optionally only the nodes named; `articles` adds Article nodes."""
    from kg.export.network import to_networkx
    from kg.export.rdf import to_rdflib_graph

    net = to_networkx(to_rdflib_graph(store), articles=articles)
    if node_iris is None:
        return net
    keep = {n for n, d in net.nodes(data=True) if n in node_iris or f"label:{d['label']}" in node_iris}
    return net.subgraph(sorted(keep)).copy()


def export_network(store, fmt: str, output: Path, articles: bool = False) -> str:
    """GraphML file, or a folder of nodes.csv and edges.csv; returns what was written."""
    from kg.export.tables import write_csv_tables, write_graphml

    net = store_network(store, articles=articles)
    if fmt == "graphml":
        nodes, edges = write_graphml(net, output)
        return f"{output} ({nodes} nodes, {edges} edges)"
    nodes_csv, edges_csv = write_csv_tables(net, output)
    return f"{nodes_csv} and {edges_csv}"
