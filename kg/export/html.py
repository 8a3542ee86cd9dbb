"""The interactive HTML graph: one self-contained file (vis-network from the pyvis package, inline),
with a precomputed layout, class colours and legend, search and class filters, escaped text."""

from __future__ import annotations

import json
from importlib import resources as pkg
from pathlib import Path

import networkx as nx

COLOURS = {"Person": "#e4572e", "Country": "#29335c", "Organization": "#669bbc", "GovernmentBody": "#3f88c5",
           "MediaOutlet": "#a0a4b8", "IntelligenceAgency": "#6a4c93", "ArmedForces": "#2d6a4f",
           "UnnamedSource": "#c9ada7", "Statement": "#f3a712", "Proposal": "#8ac926", "Commitment": "#b5e48c",
           "Talks": "#00a6a6", "Agreement": "#52b788", "Attack": "#d00000", "Violation": "#9d0208",
           "Event": "#0096c7"}
TARGET_COLOUR = "#7f5539"


def safe_json(data: object) -> str:
    """JSON that cannot close the <script> element it sits in."""
    return (json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def vis_asset(name: str) -> str:
    return pkg.files("pyvis").joinpath("lib/vis-9.1.2/" + name).read_text(encoding="utf-8")


def layout(net: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions computed here, not in the browser: each connected component laid out by force
    (seeded, so the same graph gives the same picture) and the components packed in rows, largest first."""
    simple = nx.Graph(net.to_undirected())
    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    row_width = 220 * max(6.0, len(simple) ** 0.5)
    for comp in components:
        size = 110 * max(1.0, len(comp) ** 0.5)
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y + row_height + 80, 0.0
        if len(comp) == 1:
            local = {comp[0]: (0.0, 0.0)}
        else:
            sub = simple.subgraph(comp)
            local = nx.spring_layout(sub, seed=7, iterations=50 if len(comp) < 1500 else 20)
        for n, (px, py) in local.items():
            pos[n] = (x + size / 2 + float(px) * size / 2, y + size / 2 + float(py) * size / 2)
        x += size + 60
        row_height = max(row_height, size)
    return pos


def evidence_line(tooltip: str) -> str:
    """The evidence and source lines of a node's tooltip, for the tooltips of its edges."""
    keep = [line for line in tooltip.splitlines() if line.startswith(("evidence: ", "source: "))]
    return ("\n" + "\n".join(keep)) if keep else ""


def vis_data(net: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    pos = layout(net)
    nodes = []
    for n, d in net.nodes(data=True):
        x, y = pos.get(n, (0.0, 0.0))
        nodes.append({"id": n, "label": d["label"][:60], "title": d["title"], "group": d["cls"],
                      "color": COLOURS.get(d["cls"], TARGET_COLOUR), "x": x, "y": y,
                      "value": 1 + net.degree(n), "shape": "dot"})
    edges = [{"from": u, "to": v, "label": d["label"], "arrows": "to",
              "title": d["title"] + evidence_line(net.nodes[u]["title"])} for u, v, d in net.edges(data=True)]
    return nodes, edges


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>conflict-kg graph</title>
<style>__VISCSS__
body{margin:0;font:14px system-ui,sans-serif;display:flex;height:100vh}
#side{width:260px;padding:10px;overflow:auto;border-right:1px solid #ddd}
#graph{flex:1}
.legend span{display:inline-block;width:12px;height:12px;border-radius:6px;margin-right:6px;vertical-align:middle}
label{display:block;margin:2px 0}
#search{width:95%;padding:4px}
div.vis-tooltip{white-space:pre-wrap;max-width:420px}
</style></head><body>
<div id="side"><h3>conflict-kg</h3>
<input id="search" type="search" placeholder="Search a node..." aria-label="search">
<p id="found"></p><h4>Classes</h4><div id="filters" class="legend"></div></div>
<div id="graph"></div>
<script>__VISJS__</script>
<script>
const NODES = __NODES__;
const EDGES = __EDGES__;
const nodes = new vis.DataSet(NODES);
const edges = new vis.DataSet(EDGES);
const hidden = new Set();
const view = new vis.DataView(nodes, {filter: n => !hidden.has(n.group)});
window.view = view;
const network = new vis.Network(document.getElementById("graph"), {nodes: view, edges: edges}, {
  physics: {enabled: false}, interaction: {hover: true, tooltipDelay: 150},
  nodes: {scaling: {min: 6, max: 40}, font: {size: 14}}, edges: {font: {size: 9, align: "middle"}, smooth: false}
});
window.kgNetwork = network;
const groups = {};
NODES.forEach(n => { groups[n.group] = n.color; });
const filters = document.getElementById("filters");
Object.keys(groups).sort().forEach(g => {
  const label = document.createElement("label");
  const box = document.createElement("input");
  box.type = "checkbox"; box.checked = true; box.dataset.group = g;
  box.addEventListener("change", () => { box.checked ? hidden.delete(g) : hidden.add(g); view.refresh(); });
  const dot = document.createElement("span"); dot.style.background = groups[g];
  label.appendChild(box); label.appendChild(dot); label.appendChild(document.createTextNode(g));
  filters.appendChild(label);
});
document.getElementById("search").addEventListener("input", e => {
  const q = e.target.value.trim().toLowerCase();
  const hits = q ? NODES.filter(n => n.label.toLowerCase().includes(q)).map(n => n.id) : [];
  network.selectNodes(hits.filter(id => view.get(id)));
  document.getElementById("found").textContent = q ? hits.length + " found" : "";
  if (hits.length) network.focus(hits[0], {scale: 1.2});
});
</script></body></html>
"""


def write_html(net: nx.MultiDiGraph, path: Path) -> int:
    """Write the page; returns the number of nodes."""
    nodes, edges = vis_data(net)
    page = (PAGE.replace("__VISCSS__", vis_asset("vis-network.css"))
            .replace("__NODES__", safe_json(nodes)).replace("__EDGES__", safe_json(edges)))
    page = page.replace("__VISJS__", vis_asset("vis-network.min.js").replace("</script", "<\\/script"))
    from kg.output import output_file

    with output_file(path) as fh:
        fh.write(page.encode("utf-8"))
    return len(nodes)
