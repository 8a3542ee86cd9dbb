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
