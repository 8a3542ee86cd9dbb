"""`kg import`: load RDF dumps into a store with its fast bulk path."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError

FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG, ".nt": ox.RdfFormat.N_TRIPLES,
           ".ttl": ox.RdfFormat.TURTLE, ".jsonld": ox.RdfFormat.JSON_LD}


TRIPLE_ONLY = {ox.RdfFormat.N_TRIPLES: "N-Triples", ox.RdfFormat.TURTLE: "Turtle"}
WHY = ("the store keeps one named graph per article (what kg stats counts, kg remove deletes and re-ingest "
       "replaces), and a dump without graphs would land in none; export with -o FILE.nq or FILE.trig and "
       "import that")


def check_has_graphs(path: Path, fmt: ox.RdfFormat) -> None:
    """Refuse a file whose statements are outside any named graph, before anything is loaded."""
    if fmt in TRIPLE_ONLY:
        raise KgError(f"{path}: {TRIPLE_ONLY[fmt]} holds no named graphs: {WHY}")
    if fmt == ox.RdfFormat.JSON_LD:
        outside = sum(1 for q in ox.parse(path=str(path), format=fmt) if isinstance(q.graph_name, ox.DefaultGraph))
        if outside:
            raise KgError(f"{path}: {outside} statements outside any named graph: {WHY}")


def import_files(store, files) -> int:
    """Load each file (format from its suffix) after checking every file keeps its named graphs;
    returns the store's size (quads) after."""
    size = len(store)
    for path in map(Path, files):
        fmt = FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise KgError(f"{path}: unknown RDF format {path.suffix!r} (expected {', '.join(FORMATS)})")
        check_has_graphs(path, fmt)
    for path in map(Path, files):
        fmt = FORMATS[path.suffix.lower()]
        if hasattr(store, "bulk_load"):
            size = store.bulk_load(path, fmt)
        else:
            for graph, quads in group_by_graph(ox.parse(path=str(path), format=fmt)).items():
                store.put_ntriples(graph, ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"))
            size = len(store)
    if hasattr(store, "ensure_ontology"):  # a dump's copy of the ontology (new blank nodes) must not double it
        store.ensure_ontology()
        size = len(store)
    return size


def group_by_graph(quads) -> dict[str, list[ox.Triple]]:
    out: dict[str, list[ox.Triple]] = {}
    for q in quads:
        name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else "urn:x-kg:default"
        out.setdefault(name, []).append(ox.Triple(q.subject, q.predicate, q.object))
    return out
