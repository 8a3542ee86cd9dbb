"""Issue 14, defects 6, 7, 10, 11 and 14, and issue 15's "read commands never create a store": real
stores on disk, a real Oxigraph server, and small loopback servers that misbehave on purpose."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import urllib.request
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.ingest_run import ingest
from kg.store import open_store
from tests.cli_run import one_line_error
from tests.conftest import CORPUS
from tests.servers import free_port, oxigraph_server

KG = str(Path(sys.executable).with_name("kg"))
NO_OVERRIDE = ["setpriv", "--inh-caps=-dac_override,-dac_read_search",
               "--bounding-set=-dac_override,-dac_read_search"]


def kg(*args: str, as_user: bool = False, **kw) -> subprocess.CompletedProcess:
    """Run kg; `as_user` drops root's right to ignore file modes, so read-only really is read-only."""
    prefix = NO_OVERRIDE if as_user and os.geteuid() == 0 else []
    return subprocess.run([*prefix, KG, *args], capture_output=True, text=True, timeout=120, **kw)


def test_read_commands_never_create_a_store(tmp_path):
    """Issue 15: `kg stats --store typo` printed '0 articles' and made the folder."""
    for command in (["stats"], ["query", "quotes"], ["export"], ["analyze"], ["validate", "--no-reasoner"],
                    ["graph", "-o", str(tmp_path / "g.html")], ["remove", "x.txt"]):
        line = one_line_error(kg(*command, "--store", str(tmp_path / "typo"), cwd=tmp_path))
        assert "no store at" in line, command
    assert "no store at" in one_line_error(kg("stats", cwd=tmp_path))  # the default ./kg-store too
    assert list(tmp_path.iterdir()) == []


@pytest.fixture()
def read_only_store(corpus_store_path, tmp_path) -> Path:
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        pytest.skip("needs setpriv to drop root's override")
    store = tmp_path / "ro"
    shutil.copytree(corpus_store_path, store)
    (store / "kg.lock").unlink()
    for folder, _, files in os.walk(store):
        for name in files:
            os.chmod(Path(folder) / name, 0o444)
        os.chmod(folder, 0o555)
    yield store
    for folder, _, _ in os.walk(store):
        os.chmod(folder, 0o755)


def test_read_only_store_is_queryable_and_writes_are_one_line(read_only_store, tmp_path):
    """Defect 10: ingest, stats and query raised PermissionError ... kg.lock."""
    stats = kg("stats", "--store", str(read_only_store), as_user=True)
    assert stats.returncode == 0 and "7 articles" in stats.stdout, stats.stderr
    query = kg("query", "actors-by-articles", "--format", "csv", "--store", str(read_only_store), as_user=True)
    assert query.returncode == 0 and "Russia" in query.stdout, query.stderr
    export = kg("export", "--format", "nquads", "--store", str(read_only_store), as_user=True)
    assert export.returncode == 0 and export.stdout.count("\n") > 1000
    assert not (read_only_store / "kg.lock").exists()
    article = tmp_path / "a.txt"
    article.write_text("Russia and Ukraine met in Riyadh on Tuesday.\n")
    line = one_line_error(kg("ingest", str(article), "--store", str(read_only_store), as_user=True))
    assert "read-only" in line


@pytest.mark.parametrize("damage", ["truncated-sst", "garbage-current"])
def test_damaged_store_is_one_line_suggesting_import(corpus_store_path, tmp_path, damage):
    """Defect 11: a truncated .sst or a garbage CURRENT gave a RuntimeError traceback."""
    store = tmp_path / "bad"
    shutil.copytree(corpus_store_path, store)
    folder = store / "oxigraph"
    if damage == "truncated-sst":
        for sst in folder.glob("*.sst"):
            os.truncate(sst, 100)
    else:
        (folder / "CURRENT").write_text("garbage\n")
    for command in (["stats"], ["query", "quotes"], ["ingest", str(CORPUS / "energy-truce-ft.txt")]):
        line = one_line_error(kg(*command, "--store", str(store)))
        assert "damaged" in line and "kg import" in line and str(store) in line


# ---------------------------------------------------------------------------------------------- remote


@contextmanager
def fault_proxy(target: str, fail):
    """A loopback proxy in front of a real server; `fail(method, path, n)` says whether the n-th request
    (counted from 1) gets a 500 instead of being forwarded."""
    count = [0]
    seen: list[tuple[str, str, bool]] = []

    class Proxy(BaseHTTPRequestHandler):
        def handle_one(self):
            count[0] += 1
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)) or None
            failing = fail(self.command, self.path, count[0])
            seen.append((self.command, self.path, failing))
            if failing:
                self.send_response(500)
                self.send_header("Content-Length", "6")
                self.end_headers()
                self.wfile.write(b"broken")
                return
            headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
            req = urllib.request.Request(target + self.path, data=body, method=self.command, headers=headers)
            try:
                with urllib.request.urlopen(req, timeout=30) as resp:
                    status, ctype, data = resp.status, resp.headers.get("Content-Type"), resp.read()
            except urllib.error.HTTPError as exc:
                status, ctype, data = exc.code, exc.headers.get("Content-Type"), exc.read()
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = handle_one  # noqa: N815

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), Proxy)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def everything(url: str) -> set[str]:
    with open_store(url, read_only=True) as store:
        return {str(q) for q in store.quads()}


@pytest.mark.parametrize("failing", ["PUT", "orphans"])
def test_failed_remote_write_leaves_the_store_exactly_as_before(tmp_path, failing):
    """Defect 6: node descriptions were POSTed before the article PUT; a failed PUT left orphans."""
    src = tmp_path / "a.txt"
    src.write_text("---\ntitle: t\nurl: https://example.org/a\n---\n"
                   "Russian President Vladimir Putin met Ukraine's Volodymyr Zelensky in Riyadh on Tuesday.\n")
    with oxigraph_server(tmp_path / "server") as url:
        with open_store(url) as store:
            assert ingest([src], store).added == 1
        before = everything(url)
        src.write_text("---\ntitle: t\nurl: https://example.org/a\n---\n"
                       "French President Emmanuel Macron spoke to Keir Starmer in London on Friday.\n")

        failed = []

        def fail(method, path, n):  # the first write of the kind fails; the undo that follows gets through
            hit = (method == "PUT" and "article" in path) if failing == "PUT" else \
                (method == "POST" and path.startswith("/update"))
            if hit and not failed:
                failed.append(n)
                return True
            return False

        with fault_proxy(url, fail) as (proxy, seen):
            store = open_store(proxy)
            with pytest.raises(StoreError, match="undone"):
                ingest([src], store)
        assert any(f for _, _, f in seen)
        assert any(m == "POST" and "nodes" in p for m, p, _ in seen)  # descriptions were written, then undone
        assert everything(url) == before


class Redirector(BaseHTTPRequestHandler):
    """Answers every request with a 307 to another origin."""

    target = ""

    def do_GET(self):  # noqa: N802
        self.send_response(307)
        self.send_header("Location", self.target + self.path)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_GET  # noqa: N815

    def log_message(self, *args):
        pass


class Catcher(BaseHTTPRequestHandler):
    headers_seen: list[str] = []

    def do_GET(self):  # noqa: N802
        self.headers_seen.append(self.headers.get("Authorization") or "")
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_GET  # noqa: N815

    def log_message(self, *args):
        pass


@contextmanager
def serving(handler):
    httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_credentials_never_follow_a_redirect_to_another_origin(monkeypatch):
    """Defect 7: a 307 to another port received the Basic header."""
    monkeypatch.setenv("KG_STORE_USER", "analyst")
    monkeypatch.setenv("KG_STORE_PASSWORD", "s3cret")
    Catcher.headers_seen = []
    with serving(Catcher) as other:
        Redirector.target = other
        with serving(Redirector) as home, pytest.raises(StoreError) as err:
            open_store(home)
    assert Catcher.headers_seen, "the redirect was not followed at all"
    assert all(h == "" for h in Catcher.headers_seen)
    assert "s3cret" not in str(err.value)


def test_password_in_the_store_url_is_never_printed():
    url = f"http://analyst:s3cret@127.0.0.1:{free_port()}"
    line = one_line_error(kg("stats", "--store", url))
    assert "s3cret" not in line and "unreachable" in line and "analyst:" not in line


class Echo(BaseHTTPRequestHandler):
    """A server that fails with a long body echoing the request headers (as some debugging proxies do)."""

    def do_GET(self):  # noqa: N802
        body = ("Bad gateway. You sent: " + " | ".join(f"{k}: {v}" for k, v in self.headers.items())
                + " " + "x" * 5000).encode()
        self.send_response(502)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_PUT = do_GET  # noqa: N815

    def log_message(self, *args):
        pass


def test_error_bodies_are_cut_and_never_show_the_authorization_header(monkeypatch):
    monkeypatch.setenv("KG_STORE_USER", "analyst")
    monkeypatch.setenv("KG_STORE_PASSWORD", "s3cret")
    with serving(Echo) as url, pytest.raises(StoreError) as err:
        open_store(url)
    message = str(err.value)
    assert "502" in message and "YW5hbHlzdDpzM2NyZXQ=" not in message and "s3cret" not in message
    assert "Authorization: [redacted]" in message and len(message) < 400


class Truncating(BaseHTTPRequestHandler):
    """Promises 1000 bytes, sends 10, hangs up."""

    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(b'{"head": {')
        self.wfile.flush()
        self.close_connection = True

    do_POST = do_GET  # noqa: N815

    def log_message(self, *args):
        pass


def test_truncated_server_answer_is_one_line():
    with serving(Truncating) as url:
        line = one_line_error(kg("stats", "--store", url))
    assert "cut its answer short" in line


class HtmlPage(BaseHTTPRequestHandler):
    """A web server answering 200 with an HTML page for everything."""

    ctype = "text/html"

    def do_GET(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b"<!DOCTYPE html><html><body>Welcome to nginx!</body></html>" if self.ctype == "text/html" \
            else b"It works.\n"
        self.send_response(200)
        self.send_header("Content-Type", self.ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_PUT = do_GET  # noqa: N815

    def log_message(self, *args):
        pass


class TextPage(HtmlPage):
    ctype = "text/plain"


@pytest.mark.parametrize("handler", [HtmlPage, TextPage], ids=["html", "text"])
def test_a_web_page_is_not_a_sparql_endpoint(tmp_path, handler):
    """Defect 14: a remote answering 200 with HTML or text gave a SyntaxError traceback."""
    article = tmp_path / "a.txt"
    article.write_text("Russia and Ukraine met in Riyadh on Tuesday.\n")
    with serving(handler) as url:
        for command in (["stats"], ["query", "quotes"], ["query", "quotes", "--format", "csv"],
                        ["ingest", str(article)]):
            assert "not a SPARQL endpoint" in one_line_error(kg(*command, "--store", url)), command


def test_password_in_the_store_url_is_never_shown_on_success(tmp_path):
    with oxigraph_server(tmp_path / "server") as url:
        with open_store(url) as store:
            ingest([CORPUS / "energy-truce-ft.txt"], store)
        proc = kg("stats", "--store", url.replace("http://", "http://analyst:s3cret@"))
        assert proc.returncode == 0, proc.stderr
        assert "s3cret" not in proc.stdout + proc.stderr and f"store {url}:" in proc.stdout


def test_read_only_store_can_be_served(read_only_store):
    """Defect 10, through kg serve: a store on read-only media is served without a lock file."""
    import json
    import time
    import urllib.parse

    port = free_port()
    prefix = NO_OVERRIDE if os.geteuid() == 0 else []
    proc = subprocess.Popen([*prefix, KG, "serve", "--store", str(read_only_store), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        for _ in range(150):
            try:
                req = urllib.request.Request(f"http://127.0.0.1:{port}/query?query={query}",
                                             headers={"Accept": "application/sparql-results+json"})
                with urllib.request.urlopen(req, timeout=2) as resp:
                    n = int(json.loads(resp.read())["results"]["bindings"][0]["n"]["value"])
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read()
                time.sleep(0.1)
        else:
            raise AssertionError("kg serve did not answer")
        assert n > 1000 and not (read_only_store / "kg.lock").exists()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
