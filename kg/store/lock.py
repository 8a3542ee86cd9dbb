"""An exclusive, advisory lock on a store folder, so a second process gets a clear error."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from kg.errors import StoreLockedError


class FolderLock:
    """flock() on DIR/kg.lock; released when the process ends, even on SIGKILL."""

    def __init__(self, folder: Path):
        self.path = folder / "kg.lock"
        self.fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise StoreLockedError(f"store {self.path.parent} is in use by another process (pid {holder}); "
                                   "wait for it to finish or use another --store") from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None
