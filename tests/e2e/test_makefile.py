"""The Makefile's promises, read from what make would run (make -n runs nothing)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def planned(target: str) -> list[str]:
    done = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_demo_uses_its_own_store_and_never_removes_kg_store():
    lines = planned("demo")
    removals = [line for line in lines if line.startswith("rm ")]
    assert removals == ["rm -rf out/demo-store"]
    kg_lines = [line for line in lines if line.startswith(".venv/bin/kg ")]
    assert kg_lines and all("--store out/demo-store" in line for line in kg_lines)
    assert any("source .venv/bin/activate" in line for line in lines)


def test_make_test_says_it_installs_chromium_as_root_and_prints_skip_reasons():
    text = (ROOT / "Makefile").read_text()
    browser = text[text.index("browser:"):text.index("test: ")]
    assert "installing chromium and chromium-driver with apt-get (as root)" in browser
    assert '"$$(id -u)" = 0' in browser and "will be skipped" in browser
    assert any("pytest" in line and "-rs" in line for line in planned("test"))
