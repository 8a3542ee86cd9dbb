"""The embedded store on disk: idempotent re-ingest, persistence across processes, a clear lock error."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from rdflib import BNode

from kg.errors import StoreError, StoreLockedError
from kg.ingest_run import ingest
from kg.store import open_store
from tests.conftest import CORPUS

ARTICLE = CORPUS / "energy-truce-ft.txt"


def test_store_reingest_leaves_triple_count_unchanged(tmp_path):
    with open_store(tmp_path / "s") as store:
        first = ingest([ARTICLE], store)
        n = len(store)
        second = ingest([ARTICLE], store)
        assert first.added == 1 and second.unchanged == 1 and len(store) == n


def test_store_changed_article_replaces_its_graph(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("---\ntitle: t\nurl: https://example.org/a\n---\nRussia and Ukraine met in Riyadh.\n")
    with open_store(tmp_path / "s") as store:
        ingest([src], store)
        src.write_text("---\ntitle: t\nurl: https://example.org/a\n---\nFrance spoke.\n")
        summary = ingest([src], store)
        rows = store.query("SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
        labels = {str(r[0]) for r in rows}
    assert summary.replaced == 1 and "France" in labels and "Ukraine" not in labels


def test_store_reopened_by_new_process_holds_same_triples(tmp_path):
    path = tmp_path / "s"
    with open_store(path) as store:
        ingest([ARTICLE], store)
        n = len(store)
    code = f"from kg.store import open_store\nwith open_store({str(path)!r}) as s: print(len(s))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout) == n


def test_store_second_process_gets_clear_lock_error(tmp_path):
    path = tmp_path / "s"
    with open_store(path):
        code = textwrap.dedent(f"""
            from kg.store import open_store
            from kg.errors import StoreLockedError
            try:
                open_store({str(path)!r})
            except StoreLockedError as e:
                print("LOCKED", e)
        """)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.startswith("LOCKED") and "in use by another process" in out.stdout


def test_store_interrupted_while_opening_leaves_no_lock(tmp_path, monkeypatch):
    from kg.store.embedded import EmbeddedStore

    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(EmbeddedStore, "ensure_ontology", interrupted)
    with pytest.raises(KeyboardInterrupt):
        open_store(tmp_path / "s")
    monkeypatch.undo()
    with open_store(tmp_path / "s") as store:  # the same folder opens again: lock and RocksDB were released
        assert len(store) > 0


def test_store_path_that_is_a_file_is_an_error(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        open_store(f)


def test_store_lock_error_is_a_store_error():
    assert issubclass(StoreLockedError, StoreError)


def test_store_entities_are_iris_and_iris_are_stable(tmp_path):
    keys = []
    for run in range(2):
        with open_store(tmp_path / f"s{run}") as store:
            ingest([ARTICLE], store)
            rows = store.query("SELECT DISTINCT ?s WHERE { ?s <http://www.w3.org/ns/prov#wasDerivedFrom> ?a }")
            subjects = [r[0] for r in rows]
            assert not any(isinstance(s, BNode) for s in subjects)
            keys.append(sorted(map(str, subjects)))
    assert keys[0] == keys[1]


def test_store_ontology_in_its_own_named_graph(corpus_store):
    graphs = corpus_store.named_graphs()
    assert "https://w3id.org/conflict-kg/graph/ontology" in graphs
    assert sum(g.startswith("https://w3id.org/conflict-kg/id/article/") for g in graphs) == 7
