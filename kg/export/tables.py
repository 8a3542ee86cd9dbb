"""GraphML for Gephi and CSV node/edge tables for pandas, from the networkx projection."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from kg.output import output_file, output_folder, output_text

NODE_FIELDS = ("id", "label", "cls", "articles", "title")
EDGE_FIELDS = ("source", "target", "label")


def flat(net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are only strings and numbers (networkx's GraphML writer rejects others)."""
    out = nx.MultiDiGraph()
    for n, d in net.nodes(data=True):
        out.add_node(n, **{k: v if isinstance(v, (int, float)) else str(v) for k, v in d.items() if v is not None})
    for u, v, d in net.edges(data=True):
        out.add_edge(u, v, **{k: str(x) for k, x in d.items() if x is not None})
    return out


def write_graphml(net: nx.MultiDiGraph, path: Path) -> tuple[int, int]:
    with output_file(path) as fh:
        nx.write_graphml(flat(net), fh)
    return net.number_of_nodes(), net.number_of_edges()


def write_csv_tables(net: nx.MultiDiGraph, folder: Path) -> tuple[Path, Path]:
    """folder/nodes.csv and folder/edges.csv."""
    folder = output_folder(folder)
    nodes, edges = folder / "nodes.csv", folder / "edges.csv"
    with output_text(nodes) as fh:
        w = csv.writer(fh)
        w.writerow(NODE_FIELDS)
        for n, d in net.nodes(data=True):
            w.writerow([n, d.get("label", ""), d.get("cls", ""), d.get("articles", 0), d.get("title", "")])
    with output_text(edges) as fh:
        w = csv.writer(fh)
        w.writerow(EDGE_FIELDS)
        for u, v, d in net.edges(data=True):
            w.writerow([u, v, d.get("label", "")])
    return nodes, edges
