"""The graph view's layout and labels, on real stores: every node placed, communities kept together,
names rather than sentence fragments, and the same positions whatever Python's hash seed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx

from kg.export.view import view_network
from kg.export.view.labels import looks_like_fragment
from kg.export.view.layout import layout, structure
from kg.export.view.page import payload

KINDS = ("Talks", "Agreement", "Attack", "Violation", "Event")


def page_data(path: Path) -> dict:
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', path.read_text(), re.S)
    return json.loads(block.group(1))


def test_layout_places_every_node_apart(corpus_store):
    net = view_network(corpus_store)
    pos = layout(net)
    assert set(pos) == set(net) and len(set(pos.values())) == len(net)


def test_layout_keeps_communities_together(corpus_store):
    net = view_network(corpus_store)
    pos = layout(net)
    g = structure(net)
    comps = [c for c in nx.connected_components(g) if len(c) > 30]
    assert comps
    sub = g.subgraph(max(comps, key=len))
    parts = nx.community.louvain_communities(sub, weight="weight", seed=7)
    within, across = [], []
    for u, v in sub.edges():
        d = ((pos[u][0] - pos[v][0]) ** 2 + (pos[u][1] - pos[v][1]) ** 2) ** 0.5
        (within if any(u in p and v in p for p in parts) else across).append(d)
    assert sum(within) / len(within) < sum(across) / len(across)


def test_view_labels_are_names_not_fragments(corpus_store):
    net = view_network(corpus_store)
    for _, d in net.nodes(data=True):
        label = d["label"]
        assert not re.match(r"^(talks|agreement|attack|violation|event): [A-Z]", label), label
        if d["group"] == "events":
            assert label.startswith(KINDS), label
            if d.get("date"):
                assert label.endswith(", " + d["date"]), label
        if d["cls"] == "Proposal":
            assert not label[0].islower() and label.split()[0].lower() not in ("and", "had", "proposed"), label
    assert looks_like_fragment("talks: The strikes came three days after Russian President V")
    assert not looks_like_fragment("Attack on the Zmiivska thermal power plant, 2025-04-03")


def test_view_keeps_extraction_names_that_are_names(corpus_store):
    net = view_network(corpus_store)
    people = {d["label"] for _, d in net.nodes(data=True) if d["cls"] == "Person"}
    assert {"Vladimir Putin", "Donald Trump", "Volodymyr Zelensky"} <= people


def test_panel_sources_pair_each_evidence_with_its_article(corpus_store):
    net = view_network(corpus_store)
    data = payload(net, "t")
    putin = next(r for r in data["nodes"] if r["label"] == "Vladimir Putin")
    assert putin["articles"] == len(putin["sources"]) >= 3
    for article, evidence in putin["sources"]:
        graph = data["articles"][article]["id"]
        text = corpus_store.query(f'SELECT ?t WHERE {{ GRAPH <{graph}> {{ <{putin["id"]}> '
                                  f'<https://w3id.org/conflict-kg/ontology#evidence> ?t }} }}')
        assert evidence and sorted(str(r[0]) for r in text) == evidence


def test_graph_positions_identical_under_two_hash_seeds(corpus_store_path, tmp_path):
    kg = Path(sys.executable).with_name("kg")
    pages = []
    for seed in ("1", "4242"):
        out = tmp_path / f"g{seed}.html"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run([str(kg), "graph", "--store", str(corpus_store_path), "-o", str(out)],
                              capture_output=True, text=True, env=env)
        assert proc.returncode == 0, proc.stderr
        pages.append(out)
    a, b = page_data(pages[0]), page_data(pages[1])
    assert [(n["id"], n["x"], n["y"]) for n in a["nodes"]] == [(n["id"], n["x"], n["y"]) for n in b["nodes"]]
    assert len({(n["x"], n["y"]) for n in a["nodes"]}) == len(a["nodes"]) > 100
    assert pages[0].read_bytes() == pages[1].read_bytes()


def test_legend_groups_before_classes_one_hue_each(corpus_store):
    from kg.export.view.palette import GROUPS, hex_rgb

    net = view_network(corpus_store)
    data = payload(net, "t")
    assert [g["key"] for g in data["legend"]] == ["actors", "targets", "proposals", "events", "statements"]
    assert len({g.colour for g in GROUPS}) == len(GROUPS) == 5
    for group in data["legend"]:
        hue = hex_rgb(group["colour"])
        for c in group["classes"]:
            rgb = hex_rgb(c["colour"])
            # a shade of the group's hue: the same ordering of channels, lighter or darker
            assert sorted(range(3), key=lambda i: hue[i]) == sorted(range(3), key=lambda i: rgb[i]), c
    classes = [c["cls"] for g in data["legend"] for c in g["classes"]]
    assert len(classes) == len(set(classes)) == len({d["cls"] for _, d in net.nodes(data=True)})
