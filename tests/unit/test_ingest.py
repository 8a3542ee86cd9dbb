"""Ingest: front matter, titles, stable ids and one-line errors for bad files."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.errors import InputError
from kg.ingest import iter_articles, read_file
from kg.ingest.ids import article_id
from tests.conftest import write_article


def test_ingest_reads_front_matter(tmp_path):
    a = read_file(write_article(tmp_path, "a.txt", "Body text here.\n", date="2025-04-04"))
    assert a.title == "Test article" and a.date == dt.date(2025, 4, 4) and a.publisher == "Test Wire"
    assert a.text == "Body text here."


def test_ingest_title_from_first_line_without_front_matter(tmp_path):
    p = tmp_path / "b.txt"
    p.write_text("\n\nHeadline of the piece\n\nBody.\n", encoding="utf-8")
    a = read_file(p)
    assert a.title == "Headline of the piece" and a.date is None


@pytest.mark.parametrize("head, day", [
    ("WASHINGTON, June 3, 2025 - Veldoria and Marlen met.", dt.date(2025, 6, 3)),
    ("KESSA, 20 March 2025 (Tovar Wire) — Veldoria said.", dt.date(2025, 3, 20)),
    ("Kessa Tribune — Tovar, 12 March 2025", dt.date(2025, 3, 12)),
    ("Published: Tuesday, March 4, 2025 10:32", dt.date(2025, 3, 4)),
    ("KESSA, February 30, 2025 — no such day.", None),
    ("Veldoria and Marlen met on June 2, 2025 in Kessa.", None),  # a date in the story, not a dateline
])
def test_an_article_without_a_date_takes_its_datelines(tmp_path, head, day):
    p = tmp_path / "d.txt"
    p.write_text(f"Headline of the piece\n\n{head}\n\nBody.\n", encoding="utf-8")
    assert read_file(p).date == day


def test_a_date_in_the_metadata_wins_over_the_dateline(tmp_path):
    p = write_article(tmp_path, "m.txt", "WASHINGTON, June 3, 2025 - Body.\n", date="2025-06-04")
    assert read_file(p).date == dt.date(2025, 6, 4)


def test_ingest_same_text_same_id_url_wins():
    assert article_id("Some text.", None) == article_id("Some  text.", None)
    assert article_id("one", "https://x.org/a?utm_source=z") == article_id("two", "https://X.org/a/")


@pytest.mark.parametrize("content,problem", [
    (b"", "empty"),
    (b"\x00\x01\x02binary\x00", "binary"),
    (b"---\ntitle: t\n---\n   \n", "no article text"),
    (b"---\ndate: 21/03/2025\n---\nBody", "not an ISO date"),
])
def test_ingest_bad_file_gives_one_line_error_naming_it(tmp_path, content, problem):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_file(p)
    assert str(p) in str(err.value) and problem in str(err.value) and "\n" not in str(err.value)


def test_ingest_decodes_latin1_text(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Caf\xe9 talks in Kyiv.".encode("cp1252"))
    assert "Café" in read_file(p).text


def test_ingest_missing_path_reported_and_batch_continues(tmp_path):
    good = write_article(tmp_path, "good.txt", "Body.")
    results = list(iter_articles([tmp_path / "missing.txt", good]))
    assert results[0].error and "no such file" in results[0].error
    assert results[1].article is not None
