"""All-or-nothing writes too big for one transaction (issue 14 item 9).

Oxigraph holds a transaction's writes in memory until it commits, so one article graph of a million
quads written in one transaction needs memory in proportion. A graph over CHUNK_QUADS quads is written
in chunks instead, each its own small transaction, under an undo journal in the store folder:

1. `begin` writes, into `journal/`, the quads the graph had (and the nodes-graph descriptions of its
   nodes) and the node descriptions the write is about to add, then the marker `begun.json` last;
2. the writer clears the graph, adds the new quads and drops orphaned node descriptions, chunk by chunk;
3. `commit` removes the marker (the one atomic step), then the journal's files.

A process killed between 1 and 3 leaves the marker: the next writer to open the store calls `rollback`
before anything else, which puts the graph and the nodes graph back exactly as they were. Rollback is
itself chunked and can be repeated if it too is interrupted."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

CHUNK_QUADS = 20_000  # the most quads one transaction holds (~1.3 KB of engine memory each)
JOURNAL = "journal"
BEGUN = "begun.json"
OLD, ADDED = "old.nq", "added.nq"


def chunks(items: Iterable, size: int | None = None) -> Iterator[list]:
    """Lists of at most `size` (by default CHUNK_QUADS) items, in order."""
    it, size = iter(items), size or CHUNK_QUADS
    while batch := list(islice(it, size)):
        yield batch


def fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def clear_graph(store: ox.Store, graph: ox.NamedNode) -> None:
    """Remove every quad of `graph`, one chunk per round (a fresh read each round)."""
    while batch := list(islice(store.quads_for_pattern(None, None, None, graph), CHUNK_QUADS)):
        for quad in batch:
            store.remove(quad)


def remove_quads(store: ox.Store, quads: Iterable[ox.Quad]) -> None:
    for quad in quads:
        store.remove(quad)


def add_quads(store: ox.Store, quads: Iterable[ox.Quad]) -> None:
    """Add quads a chunk per transaction."""
    for batch in chunks(quads):
        store.extend(batch)


class Journal:
    """The undo journal of one store folder (at most one write in progress: writers hold the lock)."""

    def __init__(self, folder: Path):
        self.dir = folder / JOURNAL

    def pending(self) -> str | None:
        """The graph an interrupted write was writing, or None when no write was interrupted."""
        try:
            return json.loads((self.dir / BEGUN).read_text(encoding="utf-8"))["graph"]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError) as exc:
            raise OSError(f"unreadable journal {self.dir / BEGUN}: {exc}") from None

    def begin(self, graph: str, old: Iterable[ox.Quad], added: Iterable[ox.Quad]) -> None:
        """Record what undoing a write of `graph` needs; the write may start once this returns."""
        shutil.rmtree(self.dir, ignore_errors=True)  # files of a write that never began
        self.dir.mkdir()
        for name, quads in ((OLD, old), (ADDED, added)):
            ox.serialize(quads, output=str(self.dir / name), format=ox.RdfFormat.N_QUADS)
            fsync_path(self.dir / name)
        marker = self.dir / (BEGUN + ".tmp")
        marker.write_text(json.dumps({"graph": graph}), encoding="utf-8")
        fsync_path(marker)
        marker.replace(self.dir / BEGUN)
        fsync_path(self.dir)

    def commit(self) -> None:
        """The write is whole: forget how to undo it."""
        (self.dir / BEGUN).unlink(missing_ok=True)
        fsync_path(self.dir)
        shutil.rmtree(self.dir, ignore_errors=True)

    def read(self, name: str) -> Iterator[ox.Quad]:
        return ox.parse(path=str(self.dir / name), format=ox.RdfFormat.N_QUADS)

    def rollback(self, store: ox.Store) -> str | None:
        """Undo an interrupted write, if there is one; returns the graph put back."""
        graph = self.pending()
        if graph is None:
            shutil.rmtree(self.dir, ignore_errors=True)
            return None
        clear_graph(store, ox.NamedNode(graph))
        remove_quads(store, self.read(ADDED))
        add_quads(store, self.read(OLD))
        store.flush()
        self.commit()
        return graph
