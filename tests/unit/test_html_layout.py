"""The HTML graph's layout: large graphs (networkx's sparse layout path), components packed, all placed."""

from __future__ import annotations

import json
import re

import networkx as nx

from kg.export.html import layout, write_html


def synthetic(n: int) -> nx.MultiDiGraph:
    net = nx.MultiDiGraph()
    for i in range(n):
        net.add_node(f"n{i}", label=f"node {i}", cls="Person" if i % 3 else "Statement",
                     title=f"node {i}\nevidence: sentence {i}", articles=1)
    for i in range(1, n - 50):
        net.add_edge(f"n{i}", f"n{i // 2}", label="speaker", title="x")
    return net


def test_layout_of_a_large_graph_places_every_node(tmp_path):
    net = synthetic(1200)
    pos = layout(net)
    assert len(pos) == 1200 and len(set(pos.values())) == 1200
    n = write_html(net, tmp_path / "big.html")
    data = re.search(r"const NODES = (\[.*?\]);\n", (tmp_path / "big.html").read_text()).group(1)
    assert n == len(json.loads(data)) == 1200


def test_layout_is_reproducible():
    net = synthetic(80)
    assert layout(net) == layout(net)
