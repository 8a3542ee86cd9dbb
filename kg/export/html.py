"""The interactive HTML graph: one self-contained file (vis-network from the pyvis package, inline, and
the view's own script), the page filled in one pass by the view package (kg/export/view/)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.export.view import render_page


def write_html(net: nx.MultiDiGraph, path: Path, title: str = "conflict-kg graph") -> int:
    """Write the page for `net` (a kg.export.view.view_network graph); returns the number of nodes."""
    page = render_page(net, title)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    return net.number_of_nodes()
