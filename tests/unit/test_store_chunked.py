"""Big graphs written in chunks under the undo journal (kg/store/journal.py, issue 14 item 9), on a real
store on disk: the same store as one transaction gives, and all or nothing when the write fails half-way,
is killed half-way, or is read before anyone rolled it back."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.store.journal as journal
from kg.errors import StoreError
from kg.store import EmbeddedStore
from kg.store.layout import NODES_GRAPH

CKGR = "https://w3id.org/conflict-kg/id/"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"


def article(name: str, actors: range, words: str = "said") -> list[ox.Triple]:
    """An invented article graph: each actor typed and labelled (shared descriptions) and derived from it."""
    art = ox.NamedNode(CKGR + f"article/{name}")
    triples = [ox.Triple(art, ox.NamedNode(LABEL), ox.Literal(f"Article {name}"))]
    for i in actors:
        actor = ox.NamedNode(CKGR + f"actor/person-{i}")
        triples += [ox.Triple(actor, ox.NamedNode(TYPE), ox.NamedNode("https://w3id.org/conflict-kg/Person")),
                    ox.Triple(actor, ox.NamedNode(LABEL), ox.Literal(f"Person {i}", language="en")),
                    ox.Triple(actor, ox.NamedNode(DERIVED), art),
                    ox.Triple(actor, ox.NamedNode(CKGR + "note"), ox.Literal(f"{words} {i} in {name}"))]
    return triples


def graph(name: str) -> str:
    return CKGR + f"article/{name}"


def content(store: EmbeddedStore) -> set[str]:
    """Every quad of the store as text (the ontology's blank-node lists left out: they are never touched)."""
    return {str(q) for q in store.ox if not isinstance(q.subject, ox.BlankNode)
            and not isinstance(q.object, ox.BlankNode)}


@pytest.fixture()
def small_chunks(monkeypatch):
    monkeypatch.setattr(journal, "CHUNK_QUADS", 7)


def test_a_graph_over_the_chunk_size_is_written_in_chunks_like_one_transaction(tmp_path, monkeypatch):
    with EmbeddedStore(tmp_path / "whole") as store:
        store.put_triples(graph("a"), article("a", range(0, 40)))
        store.put_triples(graph("b"), article("b", range(30, 50)))
        store.put_triples(graph("a"), article("a", range(10, 20), words="told"))
        whole = content(store)
    transactions = []
    monkeypatch.setattr(journal, "CHUNK_QUADS", 7)
    real_extend = ox.Store.extend
    with EmbeddedStore(tmp_path / "chunked") as store:
        inner = store.ox

        class Counting:  # counts the transactions the chunked writer makes, on the real store
            def __getattr__(self, name):
                return getattr(inner, name)

            def extend(self, quads):
                batch = list(quads)
                transactions.append(len(batch))
                return real_extend(inner, batch)

            def __contains__(self, quad):
                return quad in inner

            def __iter__(self):
                return iter(inner)

        monkeypatch.setattr(EmbeddedStore, "ox", property(lambda self: Counting()))
        assert store.put_triples(graph("a"), article("a", range(0, 40))) == "added"
        store.put_triples(graph("b"), article("b", range(30, 50)))
        assert store.put_triples(graph("a"), article("a", range(10, 20), words="told")) == "replaced"
        monkeypatch.undo()
        assert content(store) == whole
    assert transactions and max(transactions) <= 7
    assert not (tmp_path / "chunked" / journal.JOURNAL).exists()


def test_chunked_rewrite_of_the_same_triples_in_another_order_is_unchanged(tmp_path, small_chunks):
    triples = article("a", range(0, 30))
    with EmbeddedStore(tmp_path / "s") as store:
        store.put_triples(graph("a"), triples)
        assert store.put_triples(graph("a"), list(reversed(triples))) == "unchanged"


@pytest.mark.parametrize("existing", [False, True], ids=["new graph", "replaced graph"])
def test_a_chunked_write_that_fails_half_way_leaves_the_store_as_before(tmp_path, small_chunks, existing):
    with EmbeddedStore(tmp_path / "s") as store:
        store.put_triples(graph("b"), article("b", range(20, 40)))
        if existing:
            store.put_triples(graph("a"), article("a", range(0, 30)))
        before = content(store)
        new = article("a", range(25, 60), words="told")
        calls = []

        def failing():
            calls.append(1)
            for i, t in enumerate(new):
                if len(calls) == 3 and i == 50:  # the writing pass, after several chunks went in
                    raise OSError(28, "No space left on device")
                yield t

        with pytest.raises(StoreError, match="cannot write graph .*No space left"):
            store.put_triples(graph("a"), failing)
        assert content(store) == before
    assert not (tmp_path / "s" / journal.JOURNAL).exists()


KILLER = textwrap.dedent("""
    import os, signal, sys
    import pyoxigraph as ox
    import kg.store.journal as journal
    from kg.store import EmbeddedStore
    from tests.unit.test_store_chunked import article, graph
    journal.CHUNK_QUADS = 7
    chunks = 0
    real = journal.add_quads
    def add_then_die(store, quads):
        global chunks
        for batch in journal.chunks(quads):
            store.extend(batch)
            chunks += 1
            if chunks == int(sys.argv[2]):
                os.kill(os.getpid(), signal.SIGKILL)
    journal.add_quads = add_then_die
    import kg.store.embedded as embedded
    embedded.add_quads = add_then_die
    with EmbeddedStore(sys.argv[1]) as store:
        store.put_triples(graph("a"), article("a", range(25, 60), words="told"))
""")


@pytest.mark.parametrize("after", [1, 4, 9])
def test_a_chunked_write_killed_half_way_is_rolled_back_by_the_next_writer(tmp_path, after):
    with EmbeddedStore(tmp_path / "s") as store:
        store.put_triples(graph("b"), article("b", range(20, 40)))
        store.put_triples(graph("a"), article("a", range(0, 30)))
        before = content(store)
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-c", KILLER, str(tmp_path / "s"), str(after)], cwd=root,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(root)})
    assert proc.returncode == -9, proc.stderr
    assert (tmp_path / "s" / journal.JOURNAL / journal.BEGUN).exists()
    with pytest.raises(StoreError, match=r"unfinished write of .*article/a.*roll the write back"):
        EmbeddedStore(tmp_path / "s", read_only=True)
    with EmbeddedStore(tmp_path / "s") as store:
        assert content(store) == before
    assert not (tmp_path / "s" / journal.JOURNAL).exists()


def test_removing_a_big_graph_in_chunks_keeps_what_other_articles_derive(tmp_path, small_chunks):
    with EmbeddedStore(tmp_path / "s") as store:
        store.put_triples(graph("b"), article("b", range(20, 40)))
        store.put_triples(graph("a"), article("a", range(0, 30)))
        assert store.remove_graph(graph("a"))
        nodes = {q.subject.value for q in store.ox.quads_for_pattern(None, None, None, ox.NamedNode(NODES_GRAPH))}
        assert not list(store.quads(graph("a")))
    assert nodes == {CKGR + f"actor/person-{i}" for i in range(20, 40)}
