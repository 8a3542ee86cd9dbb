"""The tests that used to warn (rdflib deprecations, the _mock_name probe of rdflib's XSD namespace) run
with the project's warning filters and show no warning at all (the only filter ignores deprecations
that rdflib raises inside its own code)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_export_and_validate_tests_raise_no_deprecation_or_user_warning():
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/e2e/test_export.py", "tests/unit/test_validate.py"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "passed" in done.stdout and "warning" not in done.stdout.lower(), done.stdout[-3000:]
