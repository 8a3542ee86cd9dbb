"""Running the real kg command in tests, and the one-line error every bad input must give."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

KG = str(Path(sys.executable).with_name("kg"))


def kg(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([KG, *args], capture_output=True, text=True, timeout=120, **kw)


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    """The single 'kg: error: ...' line of a failed run (exit 1 or 2, no traceback)."""
    assert proc.returncode in (1, 2), proc
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), proc.stderr
    return lines[0]
