"""Unix manners: a closed pipe ends kg quietly with 0; `kg query -` reads the query from stdin."""

from __future__ import annotations

import subprocess
import sys

import pytest

KG = [sys.executable, "-c", "from kg.cli import main; main()"]


@pytest.mark.parametrize("args", [["stats"], ["export", "--format", "nquads"], ["query", "quotes", "--format", "csv"]])
def test_closed_pipe_exits_zero_quietly(corpus_store_path, args):
    proc = subprocess.Popen([*KG, *args, "--store", str(corpus_store_path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before kg writes: every write meets a closed pipe
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 0 and stderr == ""


def test_query_from_stdin_in_a_real_process(corpus_store_path):
    done = subprocess.run([*KG, "query", "-", "--format", "tsv", "--store", str(corpus_store_path)],
                          input="ASK { ?s a <https://w3id.org/conflict-kg/ontology#Statement> }",
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "true"
