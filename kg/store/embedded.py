"""The embedded store: Oxigraph on disk. Library code speaks rdflib; writes take pyoxigraph's fast path."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result

from kg.errors import QueryError, StoreError
from kg.store.layout import (
    NODES_GRAPH,
    blank_free,
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

    def __init__(self, path: str | Path, read_only: bool = False, create: bool = True):
        """Open (and, for writers with `create`, make) the store folder. A reader opens Oxigraph read-only
        under a shared lock, so it works on a read-only copy and beside other readers."""
        self.path = Path(path)
        self.read_only = read_only
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"store path {self.path} is a file, not a folder")
        if (read_only or not create) and not (self.path / "oxigraph").is_dir():
            raise StoreError(f"no store at {self.path} (check --store; `kg ingest` or `kg import` creates one)")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create store folder {self.path}: {exc.strerror}") from None
        self.writes = 0
        self.lock = FolderLock(self.path, shared=read_only)
        self.lock.acquire()
        try:
            self.open_dataset()
        except BaseException:  # interrupted or failed half-way: no lock left behind for the next process
            self.lock.release()
            raise

    def open_dataset(self) -> None:
        """Open the Oxigraph folder through oxrdflib, bind the prefixes, make sure the ontology is there."""
        from oxrdflib import OxigraphStore

        folder = str(self.path / "oxigraph")
        try:
            inner = ox.Store.read_only(folder) if self.read_only else ox.Store(folder)
        except (OSError, RuntimeError) as exc:
            raise StoreError(damaged(self.path, exc)) from None
        self.dataset = Dataset(store=OxigraphStore(store=inner), default_union=True)
        try:
            for prefix, ns in PREFIXES.items():
                self.dataset.bind(prefix, ns, override=True)
            if not self.read_only:
                self.ensure_ontology()
        except BaseException:
            self.dataset.close()
            raise

    @property
    def ox(self) -> ox.Store:
        """The underlying pyoxigraph store, for fast bulk reads and writes."""
        return self.dataset.store._inner

    def close(self) -> None:
        """Flush and close; a flush that fails (a full disk) is reported once, by the write that failed."""
        try:
            if not self.read_only:
                self.ox.flush()
        except (OSError, RuntimeError):
            pass
        finally:
            self.dataset.close()
            self.lock.release()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ writes
    def ensure_ontology(self) -> None:
        """Load (or refresh) the ontology into its own named graph; an unchanged ontology is not rewritten."""
        triples = ontology_triples()
        stored = self.ox.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY_GRAPH))
        if blank_free(triples) != blank_free(stored):
            self.put_triples(ONTOLOGY_GRAPH, triples)

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
            else:  # extend() is transactional too: all the quads or none (fed lazily: no second list of them)
                self.ox.extend(chain((in_graph(t, gname) for t in local), (in_graph(t, nodes) for t in shared)))
        except (OSError, SyntaxError, ValueError, RuntimeError) as exc:
            raise StoreError(f"cannot write graph {name}: {one_line(exc)}") from None
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
        try:
            self.ox.update(drop_update(str(name), existing))
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot remove graph {name}: {one_line(exc)}") from None
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


def one_line(exc: BaseException, limit: int = 200) -> str:
    """An engine message as one short line."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit] + "..."


def damaged(path: Path, exc: BaseException) -> str:
    """The message for a store Oxigraph cannot open."""
    if isinstance(exc, PermissionError) or getattr(exc, "errno", None) in (13, 30):
        return f"cannot open store {path}: permission denied"
    if "No space left on device" in str(exc) or getattr(exc, "errno", None) == 28:
        return f"cannot open store {path}: no space left on device (free some space and run again)"
    return (f"store {path} is damaged and cannot be opened ({one_line(exc, 120)}); restore it from a backup, "
            "or rebuild it with `kg import` of an export into a new --store")


def open_store(location: str | Path | None = None, read_only: bool = False, create: bool = True):
    """Open the store at `location`: a folder (embedded Oxigraph) or an http(s) URL (a remote SPARQL
    1.1 store); by default $KG_STORE, else the config file's `store`, else ./kg-store. `read_only`
    (for read commands) never creates a store and needs no write access."""
    location = str(location or default_location())
    if location.startswith(("http://", "https://")):
        from kg.store.remote import RemoteStore

        return RemoteStore(location, read_only=read_only)
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", location):
        raise StoreError(f"store {location}: only folders and http(s):// URLs are stores")
    return EmbeddedStore(location, read_only=read_only, create=create)
