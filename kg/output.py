"""Where `-o` writes: a regular file atomically (a temporary file beside it, renamed over it when complete,
so a reader never sees half a file and a failure leaves the old one), anything else (a device, a FIFO, a
symlink to one, `-` for standard output) written through as it is. Every failure is one line naming the
path; no temporary file is left behind."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from kg.errors import KgError


class OutputError(KgError):
    """An output path that cannot be written."""


def problem(path: str | Path, exc: OSError) -> OutputError:
    return OutputError(f"{path}: cannot write: {exc.strerror or exc}")


@contextlib.contextmanager
def output_file(path: str | Path) -> Iterator[IO[bytes]]:
    """A binary file to write `path` through; '-' is standard output."""
    if str(path) == "-":
        yield from write_stdout()
        return
    path = Path(path)
    try:
        mode = os.stat(path).st_mode  # follows symlinks: what the name points at
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise problem(path, exc) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"{path}: is a folder; give a file name")
    if mode is not None and not stat.S_ISREG(mode):  # a device, a FIFO, a socket: write straight to it
        yield from write_through(path)
        return
    yield from write_atomically(Path(os.path.realpath(path)) if path.is_symlink() else path)


def write_stdout() -> Iterator[IO[bytes]]:
    out = sys.stdout.buffer
    try:
        yield out
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise problem("standard output", exc) from None


def write_through(path: Path) -> Iterator[IO[bytes]]:
    try:
        fh = open(path, "wb")  # noqa: SIM115 - closed below, where its error is reported
    except OSError as exc:
        raise problem(path, exc) from None
    try:
        yield fh
        fh.close()
    except OSError as exc:
        with contextlib.suppress(OSError):
            fh.close()
        raise problem(path, exc) from None
    finally:
        if not fh.closed:
            with contextlib.suppress(OSError):
                fh.close()


def write_atomically(path: Path) -> Iterator[IO[bytes]]:
    """A temporary file in the target's folder, fsynced and renamed over the target when all is written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise problem(path, exc) from None
    done = False
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, target_mode(path))
        os.replace(tmp, path)
        done = True
    except OSError as exc:
        raise problem(path, exc) from None
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def target_mode(path: Path) -> int:
    """The mode the file would get from open(): the old file's, else 0666 less the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def output_folder(path: str | Path) -> Path:
    """A folder for several output files (CSV tables): made if missing; a file or '-' there is an error."""
    if str(path) == "-":
        raise OutputError("-: this format writes a folder of files, not standard output; give -o FOLDER")
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise OutputError(f"{path}: is a file; this format writes a folder (nodes.csv, edges.csv)")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise problem(path, exc) from None
    return path


@contextlib.contextmanager
def output_text(path: str | Path, newline: str | None = "") -> Iterator[IO[str]]:
    """output_file for text (UTF-8), e.g. for the csv module."""
    import io

    with output_file(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline=newline)
        yield text
        text.flush()
        text.detach()
