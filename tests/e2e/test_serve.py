"""`kg serve`: a real SPARQL server on loopback, queried with a real HTTP client (SPARQLWrapper)."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

from tests.conftest import CORPUS

KG = str(Path(sys.executable).with_name("kg"))
COUNT = ("PREFIX ckg: <https://w3id.org/conflict-kg/ontology#> "
         "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ckg:Statement }")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(store: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([KG, "serve", "--store", str(store), "--port", str(port), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError(proc.stderr.read().decode())


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    store = tmp_path_factory.mktemp("served") / "s"
    subprocess.run([KG, "ingest", str(CORPUS), "--glob", "*.txt", "--store", str(store), "-q"], check=True)
    proc, url = start(store)
    yield store, url
    proc.terminate()
    proc.wait(timeout=10)


def client(url: str, fmt, method: str = "GET") -> SPARQLWrapper:
    sw = SPARQLWrapper(url + "/query")
    sw.setQuery(COUNT)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    return sw


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_serve_json_results_get_and_post(served, method):
    _, url = served
    data = client(url, JSON, method).query().convert()
    assert int(data["results"]["bindings"][0]["n"]["value"]) > 30


@pytest.mark.parametrize("fmt", [XML, CSV, TSV])
def test_serve_other_result_formats_by_accept(served, fmt):
    _, url = served
    body = client(url, fmt).query().convert()
    text = body.toxml() if hasattr(body, "toxml") else body.decode()
    if fmt == XML:
        assert "sparql-results" in text
    else:
        rows = list(csv.reader(io.StringIO(text), delimiter="," if fmt == CSV else "\t"))
        assert int(rows[1][0].split("^^")[0].strip('"')) > 30


def test_serve_graph_results_as_turtle(served):
    _, url = served
    req = urllib.request.Request(url + "/query?query=" + urllib.parse.quote(
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5"), headers={"Accept": "text/turtle"})
    with urllib.request.urlopen(req) as resp:
        assert resp.headers["Content-Type"].startswith("text/turtle") and resp.read()


def test_serve_is_read_only_by_default_and_has_a_query_page(served):
    _, url = served
    req = urllib.request.Request(url + "/update", data=b"update=INSERT+DATA+%7B%3Chttp%3A%2F%2Fa%3E"
                                 b"%3Chttp%3A%2F%2Fb%3E%3Chttp%3A%2F%2Fc%3E%7D", method="POST",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req)
    assert err.value.code == 403
    with urllib.request.urlopen(url + "/") as resp:
        assert b"<html" in resp.read().lower()


def test_serve_holds_the_store_lock(served, tmp_path):
    """A read-only server shares the store with readers but keeps writers out."""
    store, _ = served
    proc = subprocess.run([KG, "stats", "--store", str(store)], capture_output=True, text=True)
    assert proc.returncode == 0 and "articles" in proc.stdout
    article = tmp_path / "a.txt"
    article.write_text("Russia and Ukraine met in Riyadh on Tuesday.\n")
    proc = subprocess.run([KG, "ingest", str(article), "--store", str(store)], capture_output=True, text=True)
    assert proc.returncode == 2 and "in use" in proc.stderr


def test_serve_allow_update(tmp_path):
    store = tmp_path / "s"
    subprocess.run([KG, "ingest", str(CORPUS / "energy-truce-ft.txt"), "--store", str(store), "-q"], check=True)
    proc, url = start(store, "--allow-update")
    try:
        sw = SPARQLWrapper(url + "/update")
        sw.setMethod("POST")
        sw.setQuery("INSERT DATA { GRAPH <http://example.org/g> { <http://a> <http://b> <http://c> } }")
        sw.query()
        ask = SPARQLWrapper(url + "/query")
        ask.setQuery("ASK { <http://a> <http://b> <http://c> }")
        ask.setReturnFormat(JSON)
        assert ask.query().convert()["boolean"] is True
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def post_query(url: str, sparql: str, accept: str = "application/sparql-results+json", timeout: float = 30):
    req = urllib.request.Request(url + "/query", data=urllib.parse.urlencode({"query": sparql}).encode(),
                                 headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
    return urllib.request.urlopen(req, timeout=timeout)


def test_serve_refuses_deep_nesting_and_keeps_serving(served):
    """Defect 2: 6,000 nested parentheses aborted the server with a stack overflow."""
    _, url = served
    deep = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 6000 + "1" + ")" * 6000 + ") }"
    with pytest.raises(urllib.error.HTTPError) as err:
        post_query(url, deep)
    assert err.value.code == 400 and b"levels deep" in err.value.read()
    with post_query(url, COUNT) as resp:
        assert int(json.loads(resp.read())["results"]["bindings"][0]["n"]["value"]) > 30


def test_serve_refuses_service_without_calling_out(served):
    """Defect 3: SERVICE made the read-only server send requests; now refused before the engine sees it."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    calls = []

    class Remote(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            calls.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET  # noqa: N815

        def log_message(self, *args):
            pass

    remote = HTTPServer(("127.0.0.1", free_port()), Remote)
    threading.Thread(target=remote.serve_forever, daemon=True).start()
    _, url = served
    try:
        with pytest.raises(urllib.error.HTTPError) as err:
            post_query(url, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{remote.server_address[1]}/sparql> "
                            "{ ?s ?p ?o } }")
        assert err.value.code == 400 and b"SERVICE" in err.value.read()
        with pytest.raises(urllib.error.HTTPError):  # GET too
            urllib.request.urlopen(url + "/query?query=" + urllib.parse.quote(
                f"ASK {{ SERVICE <http://127.0.0.1:{remote.server_address[1]}/> {{ ?s ?p ?o }} }}"))
    finally:
        remote.shutdown()
    assert calls == []


def test_serve_timeout_stops_a_runaway_query(tmp_path):
    """Defect 13: a cross join kept a core busy after the client gave up; --timeout stops it."""
    store = tmp_path / "s"
    subprocess.run([KG, "ingest", str(CORPUS / "energy-truce-ft.txt"), "--store", str(store), "-q"], check=True)
    proc, url = start(store, "--timeout", "1")
    try:
        started = time.monotonic()
        with pytest.raises(urllib.error.HTTPError):
            post_query(url, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }").read()
        assert time.monotonic() - started < 15
        with post_query(url, COUNT) as resp:
            assert resp.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_refuses_url_stores(tmp_path):
    """Defect 15: a URL store made a local folder named 'http:' and served it empty."""
    for location in ("http://127.0.0.1:9/x", "ftp://example.org/store"):
        proc = subprocess.run([KG, "serve", "--store", location], capture_output=True, text=True, cwd=tmp_path,
                              timeout=30)
        assert proc.returncode == 2 and "is a URL" in proc.stderr and "Traceback" not in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_serve_child_dies_with_its_parent(tmp_path):
    """Defect 15: SIGKILL of kg serve left the Oxigraph child serving without the lock."""
    import os
    import signal

    store = tmp_path / "s"
    subprocess.run([KG, "ingest", str(CORPUS / "energy-truce-ft.txt"), "--store", str(store), "-q"], check=True)
    proc, url = start(store)
    children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
    assert children
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    for _ in range(100):
        alive = [c for c in children if Path(f"/proc/{c}").exists()
                 and "Z" not in Path(f"/proc/{c}/stat").read_text().split()[2]]
        if not alive:
            break
        time.sleep(0.1)
    assert not alive
    article = tmp_path / "a.txt"
    article.write_text("Russia and Ukraine met in Riyadh on Tuesday.\n")
    done = subprocess.run([KG, "ingest", str(article), "--store", str(store), "-q"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_serve_query_page_offers_saved_questions_and_binds_params(served):
    """Issue 12: the page lists the saved questions with their parameters, presets ckg:/ckgr:, and binds
    parameters on the server (as VALUES, never pasted); its CSP allows no other origin."""
    _, url = served
    with urllib.request.urlopen(url + "/") as resp:
        page = resp.read().decode()
        csp = resp.headers["Content-Security-Policy"]
    assert "PREFIX ckg: &lt;https://w3id.org/conflict-kg/ontology#>" in page
    assert "PREFIX ckgr: &lt;https://w3id.org/conflict-kg/id/>" in page
    assert "connect-src 'self'" in csp and "default-src 'none'" in csp
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    with urllib.request.urlopen(url + "/saved-queries") as resp:
        saved = {q["name"]: q for q in json.loads(resp.read())}
    assert [p["name"] for p in saved["quotes-by-actor"]["params"]] == ["actor"]
    req = urllib.request.Request(url + "/saved?name=quotes-by-actor&actor=Peskov",
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req) as resp:
        rows = json.loads(resp.read())["results"]["bindings"]
    assert rows and {r["speaker"]["value"] for r in rows} == {"Dmitry Peskov"}
    with urllib.request.urlopen(url + "/page.js") as resp:
        script = resp.read().decode()
    assert not re.search(r"https?://", script)
