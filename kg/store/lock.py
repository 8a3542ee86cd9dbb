"""An advisory lock on a store folder: exclusive for writers, shared for readers, so a second writer
(or a reader during a write) gets a clear error while readers run side by side."""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

from kg.errors import StoreError, StoreLockedError


class FolderLock:
    """flock() on DIR/kg.lock; released when the process ends, even on SIGKILL. A reader of a folder it
    cannot write (a read-only copy) needs no lock file: no writer can change that folder either."""

    def __init__(self, folder: Path, shared: bool = False):
        self.path = folder / "kg.lock"
        self.shared = shared
        self.fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = self.open()
        except OSError as exc:
            if self.shared:  # no lock file and no right to make one: nobody can write here either
                return
            if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
                raise StoreError(f"store {self.path.parent} is read-only (cannot write {self.path.name}); "
                                 "it can be queried but not changed") from None
            raise StoreError(f"cannot lock store {self.path.parent}: {exc.strerror}") from None
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise StoreLockedError(f"store {self.path.parent} is in use by another process (pid {holder}); "
                                   "wait for it to finish or use another --store") from None
        if not self.shared:
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        self.fd = fd

    def open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            if not self.shared:
                raise
            return os.open(self.path, os.O_RDONLY)

    def release(self) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None
