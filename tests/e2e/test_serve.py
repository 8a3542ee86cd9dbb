"""`kg serve`: a real SPARQL server on loopback, queried with a real HTTP client (SPARQLWrapper)."""

from __future__ import annotations

import csv
import io
import socket
import subprocess
import sys
import time
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


def test_serve_holds_the_store_lock(served):
    store, _ = served
    proc = subprocess.run([KG, "stats", "--store", str(store)], capture_output=True, text=True)
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
