"""The kg command through click's runner, and once as a real subprocess, end to end."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from tests.conftest import CORPUS, write_article

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_cli_every_command_has_help_with_example_and_is_in_readme(runner):
    readme = (ROOT / "README.md").read_text()
    for name in main.commands:
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Example" in result.output, name
        assert f"kg {name}" in readme, f"README does not document kg {name}"


def test_cli_ingest_query_export_end_to_end(runner, tmp_path):
    store = str(tmp_path / "s")
    result = runner.invoke(main, ["ingest", str(CORPUS / "energy-truce-ft.txt"), "--store", store])
    assert result.exit_code == 0 and "1 ingested" in result.output
    result = runner.invoke(main, ["query", "quotes", "--store", store, "--format", "csv"])
    assert result.exit_code == 0 and "Andriy Kovalenko" in result.output
    out = tmp_path / "g.ttl"
    result = runner.invoke(main, ["export", "--store", store, "--format", "turtle", "-o", str(out)])
    text = out.read_text()
    assert result.exit_code == 0 and "@prefix ckg:" in text and "ns1:" not in text
    assert "owl:Ontology" in text


def test_cli_ingest_reports_failures_and_exits_nonzero(runner, tmp_path):
    good = write_article(tmp_path, "good.txt", "Russia and Ukraine met in Riyadh on Tuesday.")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    result = runner.invoke(main, ["ingest", str(good), str(bad), str(tmp_path / "nope.txt"),
                                  "--store", str(tmp_path / "s"), "--json"])
    assert result.exit_code == 1
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["added"] == 1 and summary["failed"] == 2


def test_cli_stats_and_validate(runner, corpus_store_path):
    result = runner.invoke(main, ["stats", "--store", str(corpus_store_path), "--json"])
    assert json.loads(result.output)["articles"] == 7
    result = runner.invoke(main, ["validate", "--store", str(corpus_store_path), "--no-reasoner"])
    assert result.exit_code == 0 and "conforms" in result.output


def test_cli_query_list_and_errors(runner, corpus_store_path):
    result = runner.invoke(main, ["query", "--list"])
    assert result.exit_code == 0 and "actor-profile" in result.output
    result = runner.invoke(main, ["query", "-e", "SELECT * WHERE { ?s ?p }", "--store", str(corpus_store_path)])
    assert result.exit_code == 2 and re.search(r"syntax error: .*1:\d+", result.output)


def test_cli_real_subprocess(tmp_path):
    kg = Path(sys.executable).with_name("kg")
    store = tmp_path / "s"
    proc = subprocess.run([str(kg), "ingest", str(CORPUS), "--glob", "*.txt", "--store", str(store)],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "7 ingested" in proc.stdout
    proc = subprocess.run([str(kg), "query", "actors-by-articles", "--store", str(store), "--format", "tsv"],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "Russia\tCountry\t7" in proc.stdout
    proc = subprocess.run([str(kg), "stats", "--store", str(tmp_path / "missing" / "x"), "--json"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "no store at" in proc.stderr  # a read command never creates a store
    assert not (tmp_path / "missing").exists()


def test_cli_graph_writes_self_contained_html(runner, corpus_store_path, tmp_path):
    out = tmp_path / "g.html"
    result = runner.invoke(main, ["graph", "--store", str(corpus_store_path), "-o", str(out)])
    html = out.read_text()
    assert result.exit_code == 0
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)


def test_cli_progress_bar_on_a_terminal(tmp_path):
    import os
    import pty

    kg = str(Path(sys.executable).with_name("kg"))
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(kg, [kg, "ingest", str(CORPUS), "--glob", "*.txt", "--store", str(tmp_path / "s")])
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
    text = out.decode("utf-8", "replace")
    assert "articles/s" in text and "7 ingested" in text


def test_cli_syntax_error_shows_where(runner, corpus_store_path):
    result = runner.invoke(main, ["query", "-e", "SELEC * WHERE { ?s ?p ?o }", "--store", str(corpus_store_path)])
    assert result.exit_code == 2 and "1:10" in result.output and "near line 1: 'SELEC * WH'" in result.output


def test_cli_graph_title_and_caption(runner, corpus_store_path, tmp_path):
    out = tmp_path / "t.html"
    result = runner.invoke(main, ["graph", "--store", str(corpus_store_path), "-o", str(out),
                                  "--title", "Briefing <b>draft</b>"])
    html = out.read_text()
    assert result.exit_code == 0
    assert "<title>Briefing &lt;b&gt;draft&lt;/b&gt;</title>" in html
    assert re.search(r'<p id="caption">7 articles, \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d</p>', html)
