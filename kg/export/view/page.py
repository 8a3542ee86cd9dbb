"""The page: the view's data as one JSON block read by the page's script, and the template filled in one
pass by jinja2 (autoescaped), so no article text can reach the markup or the code."""

from __future__ import annotations

import json
import math
from importlib import resources as pkg

import jinja2
import networkx as nx

from kg.export.view.collect import anchor_folded
from kg.export.view.layout import layout, structure
from kg.export.view.palette import COLOURS, legend

VIS = "lib/vis-9.1.2/"


def safe_json(data: object) -> str:
    """JSON that cannot close the <script> element it sits in (nor open a comment or CDATA)."""
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def asset(name: str) -> str:
    return pkg.files("kg.export.view").joinpath("assets/" + name).read_text(encoding="utf-8")


def vis_asset(name: str) -> str:
    return pkg.files("pyvis").joinpath(VIS + name).read_text(encoding="utf-8")


def inline_script(code: str) -> str:
    return code.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def caption(net: nx.MultiDiGraph) -> str:
    """'25 articles, 2025-03-10 to 2026-02-01; 368 nodes shown of 522'."""
    g = net.graph
    n = g.get("articles", 0)
    text = f"{n} article{'s' if n != 1 else ''}"
    if g.get("first"):
        text += f", {g['first']} to {g['last']}" if g["first"] != g["last"] else f", {g['first']}"
    return text


def node_rows(net: nx.MultiDiGraph, index: dict[str, int], articles: dict[str, int]) -> list[dict]:
    """One row per node, sorted by id: position, size by weighted degree, colour, and its panel data;
    anchors by node index and sources as [article index, evidence] so the page stays small."""
    pos = layout(net)
    degree = dict(structure(net).degree(weight="weight"))
    rows = []
    for n in sorted(net):
        d = net.nodes[n]
        weight = degree.get(n, 0) + d["articles"]
        x, y = pos[n]
        anchor = d.get("anchor")
        rows.append({"id": n, "label": d["label"], "rdfs_label": d["rdfs_label"], "cls": d["cls"],
                     "group": d["group"], "x": x, "y": y, "size": round(min(34.0, 6 + 3.2 * math.sqrt(weight)), 1),
                     "colour": COLOURS[d["cls"]], "weight": weight, "alone": degree.get(n, 0) == 0 and not anchor,
                     "date": d.get("date"), "anchor": index[anchor] if anchor else None, "aliases": d["aliases"],
                     "wikidata": d.get("wikidata"), "details": d["details"], "articles": d["articles"],
                     "sources": [[articles[s["id"]], s["evidence"]] for s in d["sources"]]})
    return rows


def payload(net: nx.MultiDiGraph, title: str) -> dict:
    """Everything the page reads: title, caption, legend, the article table, nodes and edges (by index)."""
    anchor_folded(net)
    index = {n: i for i, n in enumerate(sorted(net))}
    table = {s["id"]: {k: s[k] for k in ("id", "title", "outlet", "date", "url")}
             for _, d in net.nodes(data=True) for s in d["sources"]}
    ids = sorted(table)
    articles = {a: i for i, a in enumerate(ids)}
    edges = sorted((index[u], index[v], d["label"]) for u, v, d in net.edges(data=True))
    return {"title": title, "caption": caption(net), "legend": legend({d["cls"] for _, d in net.nodes(data=True)}),
            "articles": [table[a] for a in ids], "nodes": node_rows(net, index, articles),
            "edges": [list(e) for e in edges]}


def render_page(net: nx.MultiDiGraph, title: str = "conflict-kg graph") -> str:
    """The whole self-contained page as text."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    template = env.from_string(asset("page.html.j2"))
    data = payload(net, title)
    return template.render(title=title, caption=data["caption"], data=safe_json(data),
                           viscss=vis_asset("vis-network.css"), css=asset("view.css"),
                           visjs=inline_script(vis_asset("vis-network.min.js")), js=inline_script(asset("view.js")))
