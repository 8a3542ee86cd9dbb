"""Run a query in a forked child so that Ctrl-C and --timeout always stop it.

Oxigraph evaluates a query without giving Python's signal handlers a chance to run (a cross join
ignores Ctrl-C for minutes). The child opens the store read-only, evaluates and writes the answer into
a pipe; this process copies the pipe to the output as it comes (constant memory) and kills the child on
Ctrl-C or when the time is up. Reads only: killing a reader loses nothing."""

from __future__ import annotations

import os
import select
import signal
import sys
import time
from collections.abc import Callable
from typing import IO

from kg.errors import KgError, QueryError

CHUNK = 1 << 16


def run_isolated(work: Callable[[IO[bytes]], None], out: IO[bytes], timeout: float | None = None) -> None:
    """Run `work(pipe)` in a child process, copying what it writes to `out`; raise the child's KgError here,
    QueryError when `timeout` seconds pass, KgError on Ctrl-C (the child is killed either way)."""
    data_r, data_w = os.pipe()
    err_r, err_w = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(data_r)
        os.close(err_r)
        child(work, data_w, err_w)
    os.close(data_w)
    os.close(err_w)
    try:
        copy_until_done(data_r, out, pid, timeout)
    except KeyboardInterrupt:
        kill(pid)
        error = KgError("interrupted (Ctrl-C): the query was stopped")
        error.exit_code = 130
        raise error from None
    except BaseException:
        kill(pid)
        raise
    finally:
        os.close(data_r)
    message = read_all(err_r)
    os.close(err_r)
    _, status = os.waitpid(pid, 0)
    if message:
        code, _, text = message.partition("\n")
        error = QueryError(text) if code.startswith("Q") else KgError(text)
        error.exit_code = int(code[1:] or 2)
        raise error
    if os.waitstatus_to_exitcode(status) != 0:
        raise KgError(f"the query process ended abnormally (status {os.waitstatus_to_exitcode(status)})")


def child(work: Callable[[IO[bytes]], None], data_w: int, err_w: int) -> None:
    """In the child: Ctrl-C kills at once (the parent reports it), errors go back through `err_w`."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    code = 0
    try:
        with os.fdopen(data_w, "wb", buffering=CHUNK) as pipe:
            work(pipe)
    except KgError as exc:
        kind = "Q" if isinstance(exc, QueryError) else "K"
        os.write(err_w, f"{kind}{exc.exit_code}\n{exc}".encode())
        code = exc.exit_code
    except BrokenPipeError:
        code = 0
    except BaseException as exc:  # noqa: BLE001 - reported by the parent as one line
        os.write(err_w, f"K2\nquery failed: {type(exc).__name__}: {exc}"[:2000].encode())
        code = 2
    os._exit(code)


def copy_until_done(fd: int, out: IO[bytes], pid: int, timeout: float | None) -> None:
    """Copy the pipe to `out` until the child closes it; QueryError when the deadline passes."""
    deadline = time.monotonic() + timeout if timeout else None
    while True:
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            raise QueryError(f"the query took longer than {timeout:g} s and was stopped (--timeout)")
        chunk = os.read(fd, CHUNK)
        if not chunk:
            out.flush()
            return
        out.write(chunk)


def kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def read_all(fd: int) -> str:
    parts = []
    while chunk := os.read(fd, CHUNK):
        parts.append(chunk)
    return b"".join(parts).decode("utf-8", "replace")
