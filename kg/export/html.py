"""The interactive HTML graph: one self-contained file (vis-network from the pyvis package, inline, and
the view's own script), the page filled in one pass by the view package (kg/export/view/)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.export.view import render_page


def write_html(net: nx.MultiDiGraph, path: Path, title: str = "conflict-kg graph") -> int:
    """Write the page for `net` (a kg.export.view.view_network graph); returns the number of nodes."""
    from kg.output import output_file

    page = render_page(net, title)
    with output_file(path) as fh:
        fh.write(page.encode("utf-8"))
    return net.number_of_nodes()
