"""Bad input gets a one-line error naming the file, the run goes on, and nothing stored is lost;
parallel extraction gives the same store; a killed ingest leaves only complete articles."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import article_graph
from kg.extract import Extractor
from kg.ingest import read_file
from kg.ingest_run import ingest
from kg.store import open_store
from kg.store.layout import NODES_GRAPH, split
from tests.conftest import CORPUS, write_article

KG = str(Path(sys.executable).with_name("kg"))
FIRST = CORPUS / "energy-truce-ft.txt"


def quads(store_path: Path) -> set[str]:
    """Every quad as text, blank node labels blanked (the ontology's lists get fresh labels per load)."""
    with open_store(store_path) as store:
        return {" ".join("_:b" if isinstance(t, ox.BlankNode) else str(t) for t in q)
                for q in store.ox.quads_for_pattern(None, None, None, None)}


def run_kg(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([KG, *args], capture_output=True, text=True, **kw)


@pytest.fixture()
def seeded(tmp_path) -> Path:
    """A store holding one article, to check that bad input loses nothing."""
    path = tmp_path / "store"
    assert run_kg("ingest", str(FIRST), "--store", str(path)).returncode == 0
    return path


def bad_binary(d: Path) -> Path:
    (p := d / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    return p


def bad_empty(d: Path) -> Path:
    (p := d / "empty.txt").write_text("  \n")
    return p


def bad_utf8(d: Path) -> Path:
    text = "Kyiv said \u201cyes\u201d to the pause \u2014 officials said. ".encode() * 3
    (p := d / "broken.txt").write_bytes(text + b"\xff\xfe broken \xc3")
    return p


def bad_huge(d: Path) -> Path:
    p = d / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    return p


def bad_json_line(d: Path) -> Path:
    (p := d / "scrape.jsonl").write_text('{"text": "Kyiv said yes."}\n{"text": "broken\n')
    return p


def bad_feed(d: Path) -> Path:
    (p := d / "feed.rss").write_text("<rss><channel><title>x</title><item><title>")
    return p


def bad_no_text(d: Path) -> Path:
    (p := d / "nav.html").write_text("<html><body><nav>Home | Share: 244</nav></body></html>")
    return p


def bad_missing(d: Path) -> Path:
    return d / "missing.txt"


@pytest.mark.parametrize("make,problem", [
    (bad_binary, "binary"), (bad_empty, "empty"), (bad_utf8, "UTF-8"), (bad_huge, "50 MB"),
    (bad_json_line, "scrape.jsonl:2: malformed JSON"), (bad_feed, "not a well-formed RSS/Atom feed"),
    (bad_no_text, "no article text"),
    (bad_missing, "no such file"),
])
def test_bad_input_one_line_error_nothing_lost(seeded, tmp_path, make, problem):
    before = quads(seeded)
    bad = make(tmp_path)
    good = write_article(tmp_path, "good.txt", "Kremlin spokesman Dmitry Peskov said talks would go on.")
    proc = run_kg("ingest", str(bad), str(good), "--store", str(seeded), "--json")
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("kg: error:")]
    assert len(errors) >= 1 and str(bad) in errors[0] and problem in errors[0], proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["failed"] >= 1 and summary["added"] >= 1
    after = quads(seeded)
    assert before <= after and len(after) > len(before)


def test_text_in_another_encoding_is_decoded(tmp_path):
    p = tmp_path / "cp1251.txt"
    p.write_bytes("Кремль заявив, що переговори тривають у Києві сьогодні вранці.".encode("cp1251"))
    assert "Кремль" in read_file(p).text


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    p = write_article(tmp_path, "locked.txt", "Body.")
    def deny(self):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(Path, "read_bytes", deny)
    with open_store(tmp_path / "s") as store:
        summary = ingest([p], store)
    assert summary.failed == 1 and "permission denied" in summary.errors[0] and str(p) in summary.errors[0]


def test_store_path_that_is_a_file(tmp_path):
    (f := tmp_path / "store").write_text("not a store")
    proc = run_kg("ingest", str(FIRST), "--store", str(f))
    assert proc.returncode == 2 and "is a file" in proc.stderr and f.read_text() == "not a store"


def test_store_open_in_another_process(seeded):
    before = quads(seeded)
    with open_store(seeded):
        proc = run_kg("ingest", str(FIRST), "--store", str(seeded))
    assert proc.returncode == 2 and "in use by another process" in proc.stderr
    assert quads(seeded) == before


def test_quiet_in_pipes_no_progress_output(tmp_path):
    proc = run_kg("ingest", str(CORPUS), "--glob", "*.txt", "--store", str(tmp_path / "s"))
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.count("\n") == 1 and "7 ingested" in proc.stdout


def test_jobs_give_identical_store(tmp_path):
    for jobs in (1, 2):
        assert run_kg("ingest", str(CORPUS), "--glob", "*.txt", "--jobs", str(jobs),
                      "--store", str(tmp_path / f"s{jobs}")).returncode == 0
    assert quads(tmp_path / "s1") == quads(tmp_path / "s2")


def test_remove_article_its_facts_disappear(tmp_path):
    path = tmp_path / "s"
    assert run_kg("ingest", str(CORPUS), "--glob", "*.txt", "--store", str(path)).returncode == 0
    proc = run_kg("remove", str(FIRST), "--store", str(path))
    assert proc.returncode == 0
    out = run_kg("query", "quotes", "--store", str(path), "--format", "csv").stdout
    assert "Kovalenko" not in out and "Peskov" in out
    actors = run_kg("query", "actors-by-articles", "--store", str(path), "--format", "tsv").stdout
    assert "Russia\tCountry\t6" in actors


def make_corpus(folder: Path, n: int) -> list[Path]:
    base = [p.read_text() for p in sorted(CORPUS.glob("*.txt"))]
    folder.mkdir()
    paths = []
    for i in range(n):
        p = folder / f"a{i:04d}.txt"
        p.write_text(base[i % len(base)] + f"\nEditor's note {i}: Reuters contributed reporting.\n")
        paths.append(p)
    return paths


def test_sigkill_mid_ingest_leaves_only_complete_articles(tmp_path):
    paths = make_corpus(tmp_path / "many", 1200)
    store = tmp_path / "s"
    proc = subprocess.Popen([KG, "ingest", str(tmp_path / "many"), "--store", str(store), "-q"])
    deadline = time.time() + 90
    while time.time() < deadline and proc.poll() is None:  # until some articles are in, read from outside
        time.sleep(0.2)
        try:
            stored = sum(1 for _ in ox.Store.read_only(str(store / "oxigraph")).named_graphs())
        except (OSError, RuntimeError):  # not created yet, or RocksDB still creating its column families
            continue
        if stored > 25:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    extractor = Extractor()
    with open_store(store) as s:
        graphs = [g for g in s.named_graphs() if "/article/" in g]
        assert 0 < len(graphs) < len(paths), f"kill should land mid-run ({len(graphs)} of {len(paths)} stored)"
        print(f"killed after {len(graphs)} of {len(paths)} articles")
        by_iri = {}
        for p in paths:
            a = read_file(p)
            by_iri[f"https://w3id.org/conflict-kg/id/article/{a.id}"] = a
        for g in graphs:
            stored = {f"{q.subject} {q.predicate} {q.object}"
                      for q in s.ox.quads_for_pattern(None, None, None, ox.NamedNode(g))}
            local, shared = split(ox.parse(article_graph(extractor(by_iri[g])).serialize(format="nt").encode(),
                                           format=ox.RdfFormat.N_TRIPLES))
            assert stored == {f"{t.subject} {t.predicate} {t.object}" for t in local}, g
            nodes = ox.NamedNode(NODES_GRAPH)
            assert all(ox.Quad(t.subject, t.predicate, t.object, nodes) in s.ox for t in shared), g
    proc = run_kg("validate", "--store", str(store), "--no-reasoner")
    assert proc.returncode == 0, proc.stdout[-2000:]
