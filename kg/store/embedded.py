"""The embedded store: Oxigraph on disk. Library code speaks rdflib; writes take pyoxigraph's fast path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result

from kg.errors import QueryError, StoreError
from kg.store.layout import (
    NODES_GRAPH,
    drop_update,
    graph_parts,
    ontology_triples,
    parse_ntriples,
    replace_update,
    shared_nodes,
)
from kg.store.lock import FolderLock
from kg.store.settings import load_settings
from kg.vocab import ONTOLOGY_GRAPH, PREFIXES

FLUSH_EVERY = 200


def in_graph(t: ox.Triple | ox.Quad, graph: ox.NamedNode) -> ox.Quad:
    return ox.Quad(t.subject, t.predicate, t.object, graph)


def default_location() -> str:
    """$KG_STORE, else `store` in ./kg.toml or [tool.kg] of ./pyproject.toml, else ./kg-store."""
    return load_settings().store or "kg-store"


def canonical(triple: ox.Triple | ox.Quad) -> str:
    """A triple (or a quad's triple) as text with blank node labels blanked, to compare graphs cheaply."""
    return " ".join("_:b" if isinstance(t, ox.BlankNode) else str(t)
                    for t in (triple.subject, triple.predicate, triple.object))


class EmbeddedStore:
    """One Oxigraph store folder: one named graph per article, the ontology in its own graph."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"store path {self.path} is a file, not a folder")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create store folder {self.path}: {exc.strerror}") from None
        self.writes = 0
        self.lock = FolderLock(self.path)
        self.lock.acquire()
        try:
            self.open_dataset()
        except BaseException:  # interrupted or failed half-way: no lock left behind for the next process
            self.lock.release()
            raise

    def open_dataset(self) -> None:
        """Open the Oxigraph folder through oxrdflib, bind the prefixes, make sure the ontology is there."""
        try:
            self.dataset = Dataset(store="Oxigraph", default_union=True)
            self.dataset.open(str(self.path / "oxigraph"))
        except OSError as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from None
        try:
            for prefix, ns in PREFIXES.items():
                self.dataset.bind(prefix, ns, override=True)
            self.ensure_ontology()
        except BaseException:
            self.dataset.close()
            raise

    @property
    def ox(self) -> ox.Store:
        """The underlying pyoxigraph store, for fast bulk reads and writes."""
        return self.dataset.store._inner

    def close(self) -> None:
        try:
            self.ox.flush()
            self.dataset.close()
        finally:
            self.lock.release()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ writes
    def ensure_ontology(self) -> None:
        """Load (or refresh) the ontology into its own named graph."""
        self.put_triples(ONTOLOGY_GRAPH, ontology_triples())

    def replace_graph(self, name: URIRef | str, graph: Graph) -> str:
        """Write a named graph whole, in one transaction: 'added', 'replaced' or 'unchanged'."""
        return self.put_ntriples(str(name), graph.serialize(format="nt"))

    def put_ntriples(self, name: str, ntriples: str) -> str:
        """Replace named graph `name` by these N-Triples in one transaction (Oxigraph's own parser):
        'added', 'replaced', or 'unchanged' when the graph already holds exactly these triples."""
        return self.put_triples(name, parse_ntriples(name, ntriples))

    def put_triples(self, name: str, new: list[ox.Triple]) -> str:
        """Replace named graph `name` by these triples in one transaction: 'added', 'replaced' or 'unchanged'."""
        gname = ox.NamedNode(name)
        local, shared = graph_parts(name, new)
        nodes = ox.NamedNode(NODES_GRAPH)
        existing = list(self.ox.quads_for_pattern(None, None, None, gname))
        if existing and len(existing) == len(local) and all(in_graph(t, nodes) in self.ox for t in shared):
            old = {canonical(q) for q in existing}
            if old == {canonical(t) for t in local}:
                return "unchanged"
        try:
            if existing:  # drop, insert and tidy the nodes graph in one SPARQL update: one transaction
                self.ox.update(replace_update(name, local, shared, shared_nodes(existing) - shared_nodes(local)))
            else:  # extend() is transactional too: all the quads or none
                self.ox.extend([in_graph(t, gname) for t in local] + [in_graph(t, nodes) for t in shared])
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot write graph {name}: {exc}") from None
        self.writes += 1
        if self.writes % FLUSH_EVERY == 0:
            self.ox.flush()  # keeps RocksDB's write buffers, and so memory, from growing with the corpus
        return "replaced" if existing else "added"

    def remove_graph(self, name: URIRef | str) -> bool:
        """Drop an article's graph and the node descriptions no other article supports, in one transaction."""
        gname = ox.NamedNode(str(name))
        existing = list(self.ox.quads_for_pattern(None, None, None, gname))
        if not existing:
            return False
        self.ox.update(drop_update(str(name), existing))
        return True

    # ------------------------------------------------------------------ reads
    def query(self, sparql: str, bindings: dict | None = None) -> Result:
        """Run SPARQL in Oxigraph, results as rdflib terms."""
        try:
            return self.dataset.query(sparql, initBindings=bindings or {})
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except (OSError, ValueError, TypeError) as exc:
            raise QueryError(f"query failed: {exc}") from None

    def query_raw(self, sparql: str):
        """Run SPARQL in Oxigraph over the union of all graphs; pyoxigraph results, no rdflib conversion."""
        try:
            return self.ox.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except (OSError, ValueError, TypeError, RuntimeError) as exc:
            raise QueryError(f"query failed: {exc}") from None

    def bulk_load(self, path: Path, fmt: ox.RdfFormat) -> int:
        """Load an RDF dump with Oxigraph's bulk loader (fast, not transactional); returns the new size."""
        try:
            self.ox.bulk_load(path=str(path), format=fmt)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{path}: cannot load: {exc}") from None
        return len(self)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad (of one named graph if given), as pyoxigraph terms."""
        return self.ox.quads_for_pattern(None, None, None, ox.NamedNode(graph) if graph else None)

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self.ox.named_graphs())

    def __len__(self) -> int:
        return len(self.ox)


def open_store(location: str | Path | None = None):
    """Open the store at `location`: a folder (embedded Oxigraph) or an http(s) URL (a remote SPARQL
    1.1 store); by default $KG_STORE, else the config file's `store`, else ./kg-store."""
    location = str(location or default_location())
    if location.startswith(("http://", "https://")):
        from kg.store.remote import RemoteStore

        return RemoteStore(location)
    return EmbeddedStore(location)
