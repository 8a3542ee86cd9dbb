"""GraphML for Gephi and CSV node/edge tables for pandas, from the networkx projection. Flat attributes
only: `type` (the class), `articles` (how many support the node) and `sources` (their IRIs, '; '),
`aliases`, `wikidata` (the QID), `start`/`end` (dates, for Gephi's timeline); edges carry the relation
`label` and a `weight` (articles supporting the fact)."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from kg.output import output_file, output_folder, output_text

NODE_FIELDS = ("id", "label", "type", "articles", "sources", "aliases", "wikidata", "start", "end")
EDGE_FIELDS = ("source", "target", "label", "weight")


def node_row(n: str, d: dict) -> dict:
    return {"id": n, "label": d.get("label", ""), "type": d.get("cls", ""), "articles": d.get("articles", 0),
            "sources": d.get("sources", ""), "aliases": d.get("aliases", ""), "wikidata": d.get("wikidata", ""),
            "start": d.get("start", ""), "end": d.get("end", "")}


def flat(net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The export columns as GraphML attributes (strings and integers; empty values left out)."""
    out = nx.MultiDiGraph()
    for n, d in net.nodes(data=True):
        row = node_row(n, d)
        del row["id"]
        out.add_node(n, **{k: v for k, v in row.items() if v != ""})
    for u, v, d in net.edges(data=True):
        out.add_edge(u, v, label=str(d.get("label", "")), weight=int(d.get("weight", 1)))
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
        w = csv.DictWriter(fh, NODE_FIELDS)
        w.writeheader()
        for n, d in net.nodes(data=True):
            w.writerow(node_row(n, d))
    with output_text(edges) as fh:
        w = csv.writer(fh)
        w.writerow(EDGE_FIELDS)
        for u, v, d in net.edges(data=True):
            w.writerow([u, v, d.get("label", ""), d.get("weight", 1)])
    return nodes, edges
