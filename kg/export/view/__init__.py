"""The interactive graph view: the store's projection for the page (collect), readable labels (labels),
groups and colours (palette), a deterministic layout (layout) and the self-contained page (page)."""

from __future__ import annotations

from kg.export.view.collect import view_network
from kg.export.view.page import render_page

__all__ = ["render_page", "view_network"]
