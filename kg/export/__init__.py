"""Export: RDF serialisations of the store (and, in graph.py, the interactive HTML graph)."""

from kg.export.rdf import FORMATS, export_rdf

__all__ = ["FORMATS", "export_rdf"]
