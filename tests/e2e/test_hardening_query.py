"""Issue 14, defects 2, 3, 5 and 13 and the query items of 16: what a hostile or careless query can do
to `kg query` on a real embedded store."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from kg.query.run import write_rows
from tests.cli_run import KG, kg, one_line_error
from tests.servers import free_port

CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.mark.parametrize("shape", ["(", "{", "["])
def test_deep_nesting_is_refused_before_the_engine(corpus_store_path, tmp_path, shape):
    """Defect 2: 5,000 nested parentheses in a FILTER segfaulted kg query (rc 139)."""
    close = {"(": ")", "{": "}", "[": "]"}[shape]
    body = {"(": "FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ")",
            "{": "{" * 5000 + " ?s ?p ?o " + "}" * 5000,
            "[": "?s ?p " + "[ ?q " * 5000 + "1" + " ]" * 5000}[shape]
    assert close
    query = tmp_path / "deep.rq"
    query.write_text(f"SELECT * WHERE {{ {body} }}")
    assert "levels deep" in one_line_error(kg("query", str(query), "--store", str(corpus_store_path)))
    assert "levels deep" in one_line_error(kg("query", "-e", query.read_text(), "--store", str(corpus_store_path)))


def test_an_oversized_query_is_refused(corpus_store_path, tmp_path):
    big = tmp_path / "big.rq"
    big.write_text("SELECT * WHERE { ?s ?p ?o } #" + "x" * 1_100_000)
    assert "over the limit" in one_line_error(kg("query", str(big), "--store", str(corpus_store_path)))


class Recorder(BaseHTTPRequestHandler):
    """A SPARQL endpoint on loopback that answers one empty solution and records every request."""

    calls: list[str] = []

    def do_GET(self):  # noqa: N802
        self.calls.append(self.path)
        body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
            {"x": {"type": "literal", "value": "from-the-service"}}]}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture()
def remote_endpoint():
    Recorder.calls = []
    httpd = HTTPServer(("127.0.0.1", free_port()), Recorder)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/sparql"
    httpd.shutdown()


def test_service_is_refused_by_default_and_sends_nothing(corpus_store_path, remote_endpoint):
    """Defect 3: SERVICE made outbound requests (twice: once in the syntax check)."""
    query = f"SELECT ?x WHERE {{ SERVICE <{remote_endpoint}> {{ ?x ?p ?o }} }}"
    assert "SERVICE" in one_line_error(kg("query", "-e", query, "--store", str(corpus_store_path)))
    quoted = 'SELECT * WHERE { ?s ?p "SERVICE" } LIMIT 1'  # the word in a string is no SERVICE
    assert kg("query", "-e", quoted, "--store", str(corpus_store_path)).returncode == 0
    assert Recorder.calls == []


def test_service_opt_in_calls_out_exactly_once(corpus_store_path, remote_endpoint):
    query = f"SELECT ?x WHERE {{ SERVICE <{remote_endpoint}> {{ ?x ?p ?o }} }}"
    proc = kg("query", "-e", query, "--store", str(corpus_store_path), "--allow-service", "--format", "csv")
    assert proc.returncode == 0 and "from-the-service" in proc.stdout, proc.stderr
    assert len(Recorder.calls) == 1


def test_updates_through_query_say_so(corpus_store_path):
    """Defect 16: updates through kg query -e were refused as 'syntax errors'."""
    for update in ("INSERT DATA { <http://a> <http://b> <http://c> }",
                   "PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }", "DROP ALL"):
        assert "updates are not allowed here" in one_line_error(kg("query", "-e", update, "--store",
                                                                   str(corpus_store_path)))


def test_timeout_stops_a_cross_join(corpus_store_path):
    """Defect 13: --timeout stops a query the engine would run for minutes."""
    started = time.monotonic()
    proc = kg("query", "-e", CROSS_JOIN, "--store", str(corpus_store_path), "--timeout", "1")
    assert "--timeout" in one_line_error(proc) and time.monotonic() - started < 10


def test_ctrl_c_stops_a_cross_join(corpus_store_path):
    """Defect 13: a cross join ignored SIGINT. Ctrl-C goes to the terminal's process group, as here."""
    proc = subprocess.Popen([KG, "query", "-e", CROSS_JOIN, "--store", str(corpus_store_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(2.0)
    assert proc.poll() is None
    started = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=10)
    assert time.monotonic() - started < 5
    assert "Traceback" not in err and "interrupted" in err and proc.returncode == 130
    again = kg("stats", "--store", str(corpus_store_path))  # nothing left holding the store
    assert again.returncode == 0


def peak_rss_kb(cmd: list[str]) -> tuple[int, int]:
    """(peak resident memory in kB of `cmd` and its children, bytes written to stdout), measured by a fresh
    Python so that no earlier child of the test process counts."""
    probe = ("import resource, subprocess, sys\n"
             "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE)\n"
             "n = 0\n"
             "while chunk := p.stdout.read(1 << 20):\n    n += len(chunk)\n"
             "p.wait()\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, n, p.returncode)\n")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, timeout=300)
    rss, size, rc = (int(x) for x in out.stdout.split())
    assert rc == 0, out.stderr
    return rss, size


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_large_answers_stream_in_constant_memory(corpus_store_path, fmt):
    """Defect 5: results were built as one string (cut at 2 GiB, 9 GB of memory). A million rows of
    about 300 bytes are written while the process stays under 200 MB."""
    values = " ".join(f'"{i:03d}{"x" * 95}"' for i in range(100))
    query = f"SELECT ?a ?b ?c WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} VALUES ?c {{ {values} }} }}"
    rss, size = peak_rss_kb([KG, "query", "-e", query, "--store", str(corpus_store_path), "--format", fmt])
    assert size > 290_000_000  # all of it arrived
    assert rss < 200_000, f"{rss} kB peak for {size} bytes"


def test_tables_are_drawn_a_chunk_at_a_time():
    """The table format holds at most one chunk of rows, however many rows come."""
    consumed = []

    def rows():
        for i in range(1000):
            consumed.append(i)
            yield [str(i), "x"]

    class Sink(io.BytesIO):
        first_write_at: int | None = None

        def write(self, data):
            if self.first_write_at is None and data:
                self.first_write_at = len(consumed)
            return super().write(data)

    sink = Sink()
    write_rows(["n", "x"], rows(), "table", sink, chunk=100)
    text = sink.getvalue().decode()
    assert sink.first_write_at is not None and sink.first_write_at <= 101
    assert text.endswith("1000 rows\n") and "│ 999 │" in text.replace("  ", " ")


def test_invalid_iri_param_and_bad_rq_files(corpus_store_path, tmp_path):
    """Defect 16: --param with characters not valid in an IRI, a binary or Latin-1 .rq, a folder x.rq."""
    line = one_line_error(kg("query", "actor-profile", "--param", "actor=<http://a b>", "--store",
                             str(corpus_store_path)))
    assert "not a valid IRI" in line
    (tmp_path / "latin.rq").write_bytes("SELECT * WHERE { ?s ?p 'caf\u00e9' }".encode("latin-1"))
    (tmp_path / "binary.rq").write_bytes(bytes(range(256)))
    (tmp_path / "x.rq").mkdir()
    for name, words in (("latin.rq", "not UTF-8"), ("binary.rq", "binary"), ("x.rq", "is a folder")):
        assert words in one_line_error(kg("query", str(tmp_path / name), "--store", str(corpus_store_path)))
