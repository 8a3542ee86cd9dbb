"""Guard (issue 14): every CLI command on a matrix of bad inputs. Each must exit 0, 1 or 2 with no
traceback, say what is wrong in one line, and leave the store exactly as it was (quad count and a hash
of its content). Real subprocesses on a real store."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import CORPUS

KG = str(Path(sys.executable).with_name("kg"))


def fingerprint(store: Path) -> tuple[int, str]:
    """(quad count, SHA-256 of the sorted quads) of a store folder."""
    st = ox.Store.read_only(str(store / "oxigraph"))
    quads = sorted(str(q) for q in st.quads_for_pattern(None, None, None, None))
    return len(quads), hashlib.sha256("\n".join(quads).encode()).hexdigest()


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory) -> Path:
    """A folder of hostile and careless inputs."""
    d = tmp_path_factory.mktemp("bad")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (d / "empty.txt").write_bytes(b"")
    (d / "latin1.txt").write_bytes("Caf\xe9 \xe0 Kyiv, \xab quoted \xbb".encode("latin-1") * 3)
    (d / "huge-number.json").write_text('{"text": "x", "n": ' + "9" * 5001 + "}")
    (d / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (d / "list.json").write_text(json.dumps([1]))
    (d / "broken.xml").write_text("<rss><channel><item><title>t</title></chan")
    (d / "xxe.xml").write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                               "<rss><channel><item><description>&x;</description></item></channel></rss>")
    (d / "nothing.html").write_text("<html><body><nav>menu</nav></body></html>")
    (d / "garbage.nq").write_text("this is not N-Quads at all <<<\n")
    (d / "binary.rq").write_bytes(bytes(range(256)))
    (d / "latin1.rq").write_bytes("SELECT * WHERE { ?s ?p 'caf\xe9' }".encode("latin-1"))
    (d / "dir.rq").mkdir()
    (d / "deep.rq").write_text("SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }")
    (d / "service.rq").write_text("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    os.mkfifo(d / "fifo.txt")
    (d / os.fsdecode(b"name\xff.txt")).write_bytes(b"\x00\x01")
    return d


@pytest.fixture(scope="module")
def guarded_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("guard") / "s"
    subprocess.run([KG, "ingest", str(CORPUS / "energy-truce-ft.txt"), "--store", str(store), "-q"], check=True)
    return store


BAD_FILES = ("binary.txt", "empty.txt", "huge-number.json", "deep.json", "list.json", "broken.xml", "xxe.xml",
             "nothing.html", "fifo.txt")


def cases(d: Path) -> list[list[str]]:
    """Each case is a kg command line; STORE is replaced by the store under test. An ingest of several bad
    files must give one line for each."""
    f = str
    return [
        ["ingest", *(f(d / n) for n in BAD_FILES), os.fsdecode(d / os.fsdecode(b"name\xff.txt")), "--store",
         "STORE", "--jobs", "2"],
        ["ingest", *(f(d / n) for n in BAD_FILES), "--store", "STORE"],
        ["ingest", f(d / "missing.txt"), "--store", "STORE"],
        ["ingest", f(d), "--glob", "/etc/*", "--store", "STORE"],
        ["ingest", f(d / "empty.txt"), "--date", "2025-02-30", "--store", "STORE"],
        ["ingest", f(d / "empty.txt"), "--field", "nope=x", "--store", "STORE"],
        ["import", f(d / "garbage.nq"), "--store", "STORE"],
        ["remove", "https://w3id.org/conflict-kg/id/article/a>b", "--store", "STORE"],
        ["remove", f(d / "deep.json"), "--store", "STORE"],
        ["remove", "not-a-thing", "--store", "STORE"],
        ["query", f(d / "binary.rq"), "--store", "STORE"],
        ["query", f(d / "latin1.rq"), "--store", "STORE"],
        ["query", f(d / "dir.rq"), "--store", "STORE"],
        ["query", f(d / "deep.rq"), "--store", "STORE"],
        ["query", f(d / "service.rq"), "--store", "STORE"],
        ["query", "-e", "DROP ALL", "--store", "STORE"],
        ["query", "-e", "SELECT * WHERE { ?s ?p }", "--store", "STORE"],
        ["query", "actor-profile", "--param", "actor=<a b>", "--store", "STORE"],
        ["query", "actor-profile", "--param", "nope=1", "--store", "STORE"],
        ["query", "no-such-query", "--store", "STORE"],
        ["export", "-o", f(d), "--store", "STORE"],
        ["export", "--format", "csv", "-o", f(d / "empty.txt"), "--store", "STORE"],
        ["graph", "-o", f(d), "--store", "STORE"],
        ["graph", "--query", f(d / "deep.rq"), "-o", f(d / "out" / "g.html"), "--store", "STORE"],
        ["analyze", "--store", "STORE", "path", "Nobody Here", "Nobody Else"],
        ["stats", "--store", f(d / "no-store")],
        ["stats", "--store", "ftp://example.org/x"],
        ["serve", "--store", "http://127.0.0.1:9/x"],
        ["validate", "--no-reasoner", "--store", f(d / "no-store")],
    ]


def test_every_command_on_bad_input_fails_cleanly_and_keeps_the_store(bad_inputs, guarded_store):
    before = fingerprint(guarded_store)
    problems = []
    for case in cases(bad_inputs):
        argv = [guarded_store.as_posix() if a == "STORE" else a for a in case]
        proc = subprocess.run([KG, *argv], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
        lines = [line for line in proc.stderr.splitlines() if line.strip()]
        ours = [line for line in lines if line.startswith("kg: error: ")]
        inputs = sum(1 for a in case if a.startswith(str(bad_inputs))) if case[0] == "ingest" else 1
        clean = "Traceback" not in proc.stderr and proc.returncode in (0, 1, 2)
        one_line = proc.returncode == 0 or (len(ours) == max(1, inputs) and all(
            line.startswith("kg: error: ") or " ingested " in line for line in lines))
        if not (clean and one_line):
            problems.append((case, proc.returncode, proc.stderr[-400:]))
        if fingerprint(guarded_store) != before:
            problems.append((case, "store changed", ""))
            before = fingerprint(guarded_store)
    assert not problems, "\n".join(map(str, problems))
    shutil.rmtree(bad_inputs / "out", ignore_errors=True)
