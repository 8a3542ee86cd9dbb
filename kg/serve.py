"""`kg serve`: the store over the SPARQL 1.1 Protocol, bound to loopback by default.

Oxigraph's own HTTP server (the `oxigraph` package from PyPI, the same engine and version as the
embedded store) answers the queries, as a child process on a private loopback port with a query
timeout; a small front in this process (kg.serve_front) takes the public port, refuses SERVICE, overly
large or deeply nested queries and writes (unless --allow-update), and serves the query page. The child
is killed by the kernel if this process dies, even by SIGKILL, so it never serves without the lock."""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from kg.errors import KgError, StoreError
from kg.serve_front import FrontConfig, front_server
from kg.store import EmbeddedStore
from kg.store.lock import FolderLock

DEFAULT_TIMEOUT = 30.0
PR_SET_PDEATHSIG = 1


def oxigraph_binary() -> str:
    """The oxigraph CLI installed beside this Python, else on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise KgError("the oxigraph server is not installed (pip install 'oxigraph==0.5.*')")
    return found


def server_command(store_path: Path, port: int, allow_update: bool, timeout: float | None) -> list[str]:
    mode = "serve" if allow_update else "serve-read-only"
    cmd = [oxigraph_binary(), mode, "--location", str(store_path / "oxigraph"), "--bind", f"127.0.0.1:{port}",
           "--union-default-graph"]
    return cmd + (["--timeout-s", str(max(1, round(timeout)))] if timeout else [])


def die_with_parent(parent: int) -> None:
    """In the child, before exec: the kernel sends SIGKILL when the parent dies (Linux)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os._exit(1)  # the parent is already gone


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_location(store_path: str | Path) -> Path:
    """`kg serve` serves a store folder; a URL (http:, ftp:, ...) is refused, not made into a folder."""
    text = str(store_path)
    if "://" in text or text.lower().startswith(("http:", "https:", "ftp:")):
        raise StoreError(f"kg serve serves a store folder; {text} is a URL "
                         "(a remote store already has its own SPARQL endpoint)")
    return Path(text)


def serve(store_path: str | Path, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False,
          timeout: float | None = DEFAULT_TIMEOUT, allow_service: bool = False) -> int:
    """Run the SPARQL server until interrupted; holds the store's lock (shared when read-only, so readers
    may run beside it; exclusive with --allow-update) so no ingest writes meanwhile."""
    path = check_location(store_path)
    # check the store is there and not in use; a read-write server also loads (refreshes) the ontology, a
    # read-only one opens it read-only, so a store on read-only media can be served too
    EmbeddedStore(path, read_only=not allow_update).close()
    lock = FolderLock(path, shared=not allow_update)
    lock.acquire()
    try:
        return run_server(path, host, port, allow_update, timeout, allow_service)
    finally:
        lock.release()


def run_server(path: Path, host: str, port: int, allow_update: bool, timeout: float | None,
               allow_service: bool) -> int:
    """The Oxigraph child on a private port, the front on the public one, until stopped."""
    backend = f"http://127.0.0.1:{free_port()}"
    try:
        front = front_server(host, port, FrontConfig(backend, allow_update, allow_service, timeout))
    except OSError as exc:
        raise StoreError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    parent = os.getpid()
    try:
        proc = subprocess.Popen(server_command(path, int(backend.rsplit(":", 1)[1]), allow_update, timeout),
                                stdout=subprocess.DEVNULL, preexec_fn=lambda: die_with_parent(parent))
    except OSError as exc:
        front.server_close()
        raise StoreError(f"cannot start the SPARQL server: {exc}") from None

    def stop(signum, frame):  # noqa: ARG001
        proc.terminate()

    previous = signal.signal(signal.SIGTERM, stop)
    serving = threading.Thread(target=front.serve_forever, daemon=True)
    try:
        wait_until_up(backend + "/", proc)
        serving.start()
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        return proc.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)
        if proc.poll() is None:
            proc.kill()
        if serving.is_alive():
            front.shutdown()
        front.server_close()


def wait_until_up(url: str, proc: subprocess.Popen, seconds: float = 20.0) -> None:
    """Wait for the child to answer; if it exits first, its status is the error."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise StoreError(f"the SPARQL server stopped at start (exit {proc.returncode})")
        try:
            urllib.request.urlopen(url, timeout=1).close()  # noqa: S310 - our own loopback child
            return
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise StoreError("the SPARQL server did not start in time")
