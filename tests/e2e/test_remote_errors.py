"""The remote store's failure modes: endpoint down, non-2xx answers, failed writes, basic auth."""

from __future__ import annotations

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.ingest_run import ingest
from kg.store import open_store
from tests.servers import free_port, oxigraph_server

KG = str(Path(sys.executable).with_name("kg"))


def test_remote_down_is_a_one_line_error():
    url = f"http://127.0.0.1:{free_port()}"
    proc = subprocess.run([KG, "stats", "--store", url], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"kg: error: remote store {url} is unreachable ([Errno 111] Connection refused)"


def test_failed_write_leaves_the_old_graph(tmp_path):
    server, src = tmp_path / "server", tmp_path / "a.txt"
    src.write_text("---\ntitle: t\nurl: https://example.org/a\n---\nRussia and Ukraine met in Riyadh.\n")
    with oxigraph_server(server) as url, open_store(url) as store:
        ingest([src], store)
        before = {str(q) for q in store.quads()}
    src.write_text("---\ntitle: t\nurl: https://example.org/a\n---\nFrance spoke.\n")
    with oxigraph_server(server, read_only=True) as url:
        proc = subprocess.run([KG, "ingest", str(src), "--store", url], capture_output=True, text=True)
    assert proc.returncode == 2 and "answered 403" in proc.stderr and len(proc.stderr.splitlines()) == 1
    with oxigraph_server(server) as url, open_store(url) as store:
        assert {str(q) for q in store.quads()} == before


class Recorder(BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self):  # noqa: N802
        self.seen.append(self.headers.get("Authorization", ""))
        self.send_response(401)
        self.end_headers()

    do_PUT = do_POST = do_GET  # noqa: N815

    def log_message(self, *args):
        pass


def test_basic_auth_from_environment_never_in_messages(monkeypatch):
    port = free_port()
    httpd = HTTPServer(("127.0.0.1", port), Recorder)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    monkeypatch.setenv("KG_STORE_USER", "analyst")
    monkeypatch.setenv("KG_STORE_PASSWORD", "s3cret")
    try:
        with pytest.raises(StoreError) as err:
            open_store(f"http://127.0.0.1:{port}")
    finally:
        httpd.shutdown()
    assert Recorder.seen and Recorder.seen[0] == "Basic YW5hbHlzdDpzM2NyZXQ="
    assert "401" in str(err.value) and "s3cret" not in str(err.value)
