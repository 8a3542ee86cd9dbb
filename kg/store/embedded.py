"""The embedded store: Oxigraph on disk. Library code speaks rdflib; writes take pyoxigraph's fast path."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result

from kg.errors import QueryError, StoreError
from kg.store import journal as chunked
from kg.store.journal import Journal, add_quads, chunks, clear_graph
from kg.store.layout import (
    NODES_GRAPH,
    Survey,
    blank_free,
    collect_orphans,
    drop_update,
    is_shared,
    iter_ntriples,
    never_shared,
    ontology_triples,
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
            self.finish_interrupted_write(inner)
            for prefix, ns in PREFIXES.items():
                self.dataset.bind(prefix, ns, override=True)
            if not self.read_only:
                self.ensure_ontology()
        except BaseException:
            self.dataset.close()
            raise

    def finish_interrupted_write(self, inner: ox.Store) -> None:
        """A write killed half-way (kg/store/journal.py) is rolled back by the next writer; a reader
        refuses the store rather than answer from half an article."""
        journal = Journal(self.path)
        graph = journal.pending()
        if graph is None:
            return
        if self.read_only:
            raise StoreError(f"store {self.path} has an unfinished write of {graph} (a process was stopped "
                             "half-way); open it for writing once (e.g. `kg resolve --dry-run`) to roll the write back")
        journal.rollback(inner)

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
        """Replace named graph `name` by these N-Triples (Oxigraph's own parser, read lazily and more than
        once, so no list of the triples is ever held): 'added', 'replaced', or 'unchanged' when the graph
        already holds exactly these triples."""
        return self.put_triples(name, lambda: iter_ntriples(ntriples))

    def put_triples(self, name: str, new: list[ox.Triple] | Callable[[], Iterable[ox.Triple]]) -> str:
        """Replace named graph `name` by these triples, all or nothing: 'added', 'replaced' or 'unchanged'.
        `new` is a list or a function giving a fresh iterator of them on every call. A graph of up to
        CHUNK_QUADS quads is one transaction; a bigger one is written in chunks under the undo journal
        (kg/store/journal.py), so memory stays bounded whatever the size of the graph."""
        source = new if callable(new) else (lambda: new)
        shared = never_shared if name == ONTOLOGY_GRAPH else is_shared
        try:
            survey = Survey.of(source(), shared, self.ox)
        except SyntaxError as exc:
            raise StoreError(f"cannot write graph {name}: {exc}") from None
        old = Survey.of(self.quads(name), never_shared, self.ox)
        if old.local and old.fingerprint == survey.fingerprint and survey.shared_stored:
            return "unchanged"
        try:
            if max(old.local, survey.local + survey.shared) <= chunked.CHUNK_QUADS:
                self.write_at_once(name, list(source()), shared)
            else:
                self.write_in_chunks(name, source, shared)
        except (OSError, SyntaxError, ValueError, RuntimeError) as exc:
            raise StoreError(f"cannot write graph {name}: {one_line(exc)}") from None
        self.writes += 1
        if self.writes % FLUSH_EVERY == 0:
            self.ox.flush()  # keeps RocksDB's write buffers, and so memory, from growing with the corpus
        return "replaced" if old.local else "added"

    def write_at_once(self, name: str, new: list[ox.Triple], shared: Callable) -> None:
        """One transaction: extend() for a new graph, one SPARQL update (drop, insert, tidy) for an old one."""
        gname, nodes = ox.NamedNode(name), ox.NamedNode(NODES_GRAPH)
        local = [t for t in new if not shared(t)]
        common = [t for t in new if shared(t)]
        existing = list(self.ox.quads_for_pattern(None, None, None, gname))
        if existing:
            self.ox.update(replace_update(name, local, common, shared_nodes(existing) - shared_nodes(local)))
        else:  # extend() is transactional too: all the quads or none
            self.ox.extend(chain((in_graph(t, gname) for t in local), (in_graph(t, nodes) for t in common)))

    def write_in_chunks(self, name: str, source: Callable[[], Iterable[ox.Triple]], shared: Callable) -> None:
        """Chunk after chunk under the undo journal; a failure rolls back here, a crash at the next open."""
        gname, nodes = ox.NamedNode(name), ox.NamedNode(NODES_GRAPH)
        old_nodes = shared_nodes(self.quads(name))
        described = (q for n in sorted(old_nodes)
                     for q in self.ox.quads_for_pattern(ox.NamedNode(n), None, None, nodes))
        added = (q for t in source() if shared(t) for q in [in_graph(t, nodes)] if q not in self.ox)
        undo = Journal(self.path)
        undo.begin(name, chain(self.quads(name), described), added)
        try:
            clear_graph(self.ox, gname)
            add_quads(self.ox, (in_graph(t, nodes if shared(t) else gname) for t in source()))
            gone = old_nodes - shared_nodes(t for t in source() if not shared(t))
            for batch in chunks(sorted(gone), chunked.CHUNK_QUADS // 8):
                self.ox.update(collect_orphans(batch))
            self.ox.flush()
        except BaseException:
            with contextlib.suppress(OSError, RuntimeError):  # else the journal stays for the next writer
                undo.rollback(self.ox)
            raise
        undo.commit()

    def remove_graph(self, name: URIRef | str) -> bool:
        """Drop an article's graph and the node descriptions no other article supports, all or nothing."""
        size = Survey.of(self.quads(str(name)), never_shared, self.ox).local
        if not size:
            return False
        try:
            if size > chunked.CHUNK_QUADS:
                self.write_in_chunks(str(name), lambda: (), is_shared)
            else:
                self.ox.update(drop_update(str(name), list(self.quads(str(name)))))
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
