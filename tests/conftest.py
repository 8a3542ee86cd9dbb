"""Shared fixtures: a real on-disk store built once from the bundled corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest_run import ingest
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"


@pytest.fixture(scope="session")
def corpus_store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "store"
    with open_store(path) as store:
        summary = ingest([CORPUS], store, glob="*.txt")
    assert summary.failed == 0 and summary.added == 7
    return path


@pytest.fixture()
def corpus_store(corpus_store_path):
    with open_store(corpus_store_path) as store:
        yield store


def write_article(folder: Path, name: str, body: str, date: str | None = "2025-03-21",
                  title: str = "Test article") -> Path:
    front = f"---\ntitle: {title}\n" + (f"date: {date}\n" if date else "") + "publisher: Test Wire\n---\n"
    path = folder / name
    path.write_text(front + body, encoding="utf-8")
    return path
