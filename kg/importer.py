"""`kg import`: load RDF dumps into a store with its fast bulk path."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError

FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG, ".nt": ox.RdfFormat.N_TRIPLES,
           ".ttl": ox.RdfFormat.TURTLE, ".jsonld": ox.RdfFormat.JSON_LD}


def import_files(store, files) -> int:
    """Load each file (format from its suffix); returns the store's size after."""
    size = len(store)
    for path in map(Path, files):
        fmt = FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise KgError(f"{path}: unknown RDF format {path.suffix!r} (expected {', '.join(FORMATS)})")
        if hasattr(store, "bulk_load"):
            size = store.bulk_load(path, fmt)
        else:
            for graph, quads in group_by_graph(ox.parse(path=str(path), format=fmt)).items():
                store.put_ntriples(graph, ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"))
            size = len(store)
    return size


def group_by_graph(quads) -> dict[str, list[ox.Triple]]:
    out: dict[str, list[ox.Triple]] = {}
    for q in quads:
        name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else "urn:x-kg:default"
        out.setdefault(name, []).append(ox.Triple(q.subject, q.predicate, q.object))
    return out
