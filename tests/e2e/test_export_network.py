"""GraphML and CSV exports, the graph restricted by a query, and the analytics commands."""

from __future__ import annotations

import csv

import networkx as nx
from click.testing import CliRunner

from kg.analyze import central_actors, communities, fact_path
from kg.cli import main
from kg.export import store_network
from kg.store import open_store


def test_graphml_loads_in_networkx_with_same_counts(corpus_store_path, tmp_path):
    out = tmp_path / "g.graphml"
    result = CliRunner().invoke(main, ["export", "--store", str(corpus_store_path), "--format", "graphml",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    with open_store(corpus_store_path) as store:
        net = store_network(store)
    loaded = nx.read_graphml(out)
    assert loaded.number_of_nodes() == net.number_of_nodes() > 100
    assert loaded.number_of_edges() == net.number_of_edges()
    attrs = loaded.nodes["https://w3id.org/conflict-kg/id/actor/russia"]
    assert attrs["label"] == "Russia" and attrs["type"] == "Country" and attrs["articles"] == 7


def test_csv_node_and_edge_tables(corpus_store_path, tmp_path):
    result = CliRunner().invoke(main, ["export", "--store", str(corpus_store_path), "--format", "csv",
                                       "-o", str(tmp_path / "t")])
    assert result.exit_code == 0
    with open(tmp_path / "t" / "nodes.csv", encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh))
    with open(tmp_path / "t" / "edges.csv", encoding="utf-8") as fh:
        edges = list(csv.DictReader(fh))
    ids = {n["id"] for n in nodes}
    assert {"id", "label", "type", "articles"} <= set(nodes[0]) and edges
    assert all(e["source"] in ids and e["target"] in ids for e in edges)


def test_csv_without_output_is_a_clear_error(corpus_store_path):
    result = CliRunner().invoke(main, ["export", "--store", str(corpus_store_path), "--format", "csv"])
    assert result.exit_code == 2 and "needs -o" in result.output


def test_analytics_central_communities_and_path(corpus_store):
    net = store_network(corpus_store)
    top = central_actors(net, 5)
    assert {"Russia", "Ukraine"} <= {c.actor for c in top[:3]}  # the two belligerents are hubs of the corpus
    groups = communities(net)
    assert any({"France", "Germany", "United Kingdom"} <= set(g) for g in groups)
    hops = fact_path(net, "Donald Trump", "Vladimir Putin")
    assert hops[0].source == "Donald Trump" and hops[-1].target == "Vladimir Putin"
    assert all(h.evidence for h in hops)


def test_cli_analyze_path(corpus_store_path):
    result = CliRunner().invoke(main, ["analyze", "--store", str(corpus_store_path), "path", "Donald Trump",
                                       "Vladimir Putin"])
    assert result.exit_code == 0 and "Donald Trump --participant of-->" in result.output
    result = CliRunner().invoke(main, ["analyze", "--store", str(corpus_store_path), "path", "Nobody", "Putin"])
    assert result.exit_code == 2 and "no node named 'Nobody'" in result.output


def test_graph_restricted_by_a_query(corpus_store_path, tmp_path):
    out = tmp_path / "q.html"
    result = CliRunner().invoke(main, ["graph", "--store", str(corpus_store_path), "--query", "wikidata-links",
                                       "-o", str(out)])
    assert result.exit_code == 0
    n = int(result.output.split("(")[1].split()[0])
    assert 5 <= n <= 20 and "Volodymyr Zelensky" in out.read_text()
