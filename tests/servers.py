"""A real Oxigraph SPARQL server on a free loopback port, started and stopped by the tests."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def oxigraph_server(location: Path, read_only: bool = False):
    """Yields the base URL of a running `oxigraph serve` on 127.0.0.1; stops it afterwards."""
    port = free_port()
    mode = "serve-read-only" if read_only else "serve"
    location.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([OXIGRAPH, mode, "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def recording_proxy(target: str):
    """A loopback HTTP proxy in front of `target` that records each request's method and path; yields
    (proxy URL, list of (method, path)). Lets a test see which endpoints a client really used."""
    import threading
    import urllib.error
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[tuple[str, str]] = []

    class Forward(BaseHTTPRequestHandler):
        def forward(self):
            seen.append((self.command, self.path))
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)) or None
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

        do_GET = do_POST = do_PUT = do_DELETE = forward  # noqa: N815

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), Forward)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()
