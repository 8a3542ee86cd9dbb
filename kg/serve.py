"""`kg serve`: the store over the SPARQL 1.1 Protocol, by Oxigraph's own HTTP server (the `oxigraph`
package from PyPI, the same engine and version as the embedded store), bound to loopback by default."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

from kg.errors import KgError, StoreError
from kg.store import EmbeddedStore
from kg.store.lock import FolderLock


def oxigraph_binary() -> str:
    """The oxigraph CLI installed beside this Python, else on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise KgError("the oxigraph server is not installed (pip install 'oxigraph==0.5.*')")
    return found


def server_command(store_path: Path, host: str, port: int, allow_update: bool) -> list[str]:
    mode = "serve" if allow_update else "serve-read-only"
    return [oxigraph_binary(), mode, "--location", str(store_path / "oxigraph"), "--bind", f"{host}:{port}",
            "--union-default-graph"]


def serve(store_path: str | Path, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False) -> int:
    """Run the SPARQL server until interrupted; holds the store's lock so no ingest writes meanwhile."""
    path = Path(store_path)
    EmbeddedStore(path).close()  # create it if new, load the ontology, check it is not in use
    lock = FolderLock(path)
    lock.acquire()
    try:
        proc = subprocess.Popen(server_command(path, host, port, allow_update))
    except OSError as exc:
        lock.release()
        raise StoreError(f"cannot start the SPARQL server: {exc}") from None

    def stop(signum, frame):  # noqa: ARG001
        proc.terminate()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        return proc.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)
        lock.release()
