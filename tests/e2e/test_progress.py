"""Progress on a terminal only: ingest with a total and an ETA; validate, graph and analyze name their stage."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from kg.progress import count_inputs
from tests.conftest import CORPUS

KG = str(Path(sys.executable).with_name("kg"))


def on_a_terminal(args: list[str]) -> str:
    """Run kg with stdout and stderr on a pseudo-terminal; everything it drew."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["COLUMNS"] = "160"
        os.execv(KG, [KG, *args])
    out = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out.decode("utf-8", "replace")


def test_count_inputs_counts_articles_cheaply(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{"text": "z"}\n')
    (tmp_path / "f.rss").write_text("<rss><channel><item>a</item><item>b</item></channel></rss>")
    (tmp_path / "n.txt").write_text("one")
    assert count_inputs([tmp_path]) == 3 + 2 + 1
    assert count_inputs([CORPUS], "*.txt") == 7
    assert count_inputs(["-"]) is None


def test_ingest_bar_shows_total_and_eta(tmp_path):
    text = on_a_terminal(["ingest", str(CORPUS), "--glob", "*.txt", "--store", str(tmp_path / "s")])
    assert "/7" in text and "ETA" in text and "7 ingested" in text


def test_long_commands_show_their_stage_on_a_terminal_only(corpus_store_path, tmp_path):
    store = ["--store", str(corpus_store_path)]
    validate = on_a_terminal(["validate", "--no-reasoner", *store])
    assert "kg validate: SHACL shapes" in validate and "SHACL: conforms" in validate
    graph = on_a_terminal(["graph", "-o", str(tmp_path / "g.html"), *store])
    assert "kg graph: " in graph and "wrote" in graph
    analyze = on_a_terminal(["analyze", *store])
    assert "kg analyze: " in analyze and "communities:" in analyze
    piped = subprocess.run([KG, "analyze", "--json", *store], capture_output=True, text=True, timeout=300)
    assert "kg analyze:" not in piped.stderr + piped.stdout and json.loads(piped.stdout)["communities"]
