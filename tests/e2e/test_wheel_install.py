"""A regular install: build the wheel from a copy of the repository, install it into a fresh venv outside
the checkout and run the tour there (ingest, stats, query, export, graph, validate).

Offline: the wheel is built without build isolation by the dev venv's setuptools, installed with
--no-deps --no-index, and the fresh venv sees the already-installed dependencies through a .pth line
(a path only, so the checkout's editable install is not picked up)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "kg", "ontology", "queries")

pytestmark = pytest.mark.slow


def run(args: list, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600)
    if check:
        assert done.returncode == 0, f"{args}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin/ folder of a fresh venv with conflict-kg installed from its wheel."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, src / name)
    built = run([sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--no-build-isolation", "--no-index",
                 "-w", tmp / "dist", "."], cwd=src)
    (tmp / "build.log").write_text(built.stdout + built.stderr)
    wheel = next((tmp / "dist").glob("conflict_kg-*.whl"))
    venv = tmp / "venv"
    run([getattr(sys, "_base_executable", sys.executable), "-m", "venv", "--without-pip", venv], cwd=tmp)
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", wheel],
        cwd=tmp)
    fresh_site = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp)
    (Path(fresh_site.stdout.strip()) / "zz-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv / "bin"


def test_wheel_carries_the_repository_folders_as_package_data(installed):
    wheel = next(installed.parent.parent.glob("dist/conflict_kg-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, pattern in (("ontology", "*"), ("queries", "*.rq")):
        for path in (p for p in (ROOT / folder).rglob(pattern) if p.is_file()):
            assert f"kg/_data/{folder}/{path.relative_to(ROOT / folder).as_posix()}" in names, path


def test_wheel_builds_without_setuptools_deprecation_warnings(installed):
    log = (installed.parent.parent / "build.log").read_text()
    assert "Building wheel" in log or "Created wheel" in log
    assert "deprecated" not in log.lower() and "BuildBackendWarning" not in log


def test_installed_kg_runs_the_tour_outside_the_checkout(installed, tmp_path):
    kg = installed / "kg"
    where = run([installed / "python", "-c", "import kg, kg.resources as r; print(kg.__file__); "
                 "print(r.ontology_file()); print(r.queries_dir())"], cwd=tmp_path).stdout.splitlines()
    assert all(str(installed.parent) in line for line in where), where
    store = tmp_path / "store"
    out = run([kg, "ingest", ROOT / "examples" / "articles", "--store", store], cwd=tmp_path).stdout
    assert "7 ingested" in out
    assert "7 articles" in run([kg, "stats", "--store", store], cwd=tmp_path).stdout
    listed = run([kg, "query", "--list"], cwd=tmp_path).stdout.splitlines()
    assert len(listed) == len(list((ROOT / "queries").glob("*.rq")))
    quotes = run([kg, "query", "quotes-by-actor", "--param", "actor=Peskov", "--format", "csv", "--store", store],
                 cwd=tmp_path).stdout
    assert quotes.startswith("speaker,") and "Dmitry Peskov" in quotes
    run([kg, "export", "--store", store, "-o", tmp_path / "g.ttl"], cwd=tmp_path)
    assert "owl:Ontology" in (tmp_path / "g.ttl").read_text()
    graph = run([kg, "graph", "--store", store, "-o", tmp_path / "g.html"], cwd=tmp_path).stdout
    assert "nodes" in graph and (tmp_path / "g.html").stat().st_size > 1000
    analysed = run([kg, "analyze", "--store", store, "--json"], cwd=tmp_path).stdout
    assert '"communities"' in analysed
    reasoner = [] if shutil.which("java") else ["--no-reasoner"]
    checked = run([kg, "validate", "--store", store, *reasoner], cwd=tmp_path).stdout
    assert "SHACL: conforms" in checked
    assert not shutil.which("java") or "ontology and data are consistent (HermiT)" in checked
