"""Long articles in segments (kg/extract/segments.py, kg/extract/merge.py) on invented text: the cuts fall
at the best boundaries, the offsets point into the whole article, one actor stays one actor across
segments, positional keys never collide, the output is the same every run, and an article within the
bound is extracted as before. The bound is lowered here so a few paragraphs make several segments."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from kg.extract import Extractor, segments
from kg.extract.segments import segment_spans
from kg.model import Article, Evidence, Extraction
from tests.conftest import CORPUS

BOUND = 1500
CLAIM = "Moldova's Energy Ministry said Georgian drones had struck the Velka power plant on Wednesday."
FILLER = ["the grain barges of the northern canal moved slowly past the mill", "the market stalls opened late",
          "rain fell over the low hills until the evening", "the ferry timetable was printed again"]


@pytest.fixture(scope="module")
def x() -> Extractor:
    return Extractor()


def filler(n: int, seed: int) -> str:
    """n invented sentences with no names, no quotes and no events."""
    rng = random.Random(seed)
    return " ".join(rng.choice(FILLER).capitalize() + "." for _ in range(n))


def long_article() -> Article:
    """Four paragraphs of about 1,300 characters: the same person and the same claim in the first and the
    last, at the same sentence of their segment."""
    paragraphs = [
        f"Foreign Minister Ilona Varkas of Moldova said talks in Velidor would resume. {CLAIM} " + filler(25, 1),
        filler(32, 2),
        filler(32, 3),
        f"Ilona Varkas told reporters the pause would hold. {CLAIM} " + filler(25, 4),
    ]
    return Article(id="seg0", text="\n\n".join(paragraphs), title="t", date=dt.date(2025, 6, 13))


def evidence_of(ex: Extraction) -> list[Evidence]:
    """Every Evidence in an extraction, however deep."""
    out: list[Evidence] = []

    def walk(value) -> None:
        if isinstance(value, Evidence):
            out.append(value)
        elif isinstance(value, tuple):
            for v in value:
                walk(v)
        elif dataclasses.is_dataclass(value) and not isinstance(value, Article):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))

    walk(ex)
    return out


def extract_with_bound(monkeypatch, x: Extractor, article: Article, bound: int) -> Extraction:
    monkeypatch.setattr(segments, "SEGMENT_CHARS", bound)
    return x(article)


def test_cuts_prefer_a_blank_line_then_a_sentence_end_then_a_space():
    paragraphs = "\n\n".join(filler(8, i) for i in range(8))
    spans = segment_spans(paragraphs, 1000)
    assert spans[0][0] == 0 and spans[-1][1] == len(paragraphs)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(0 < e - s <= 1000 for s, e in spans)
    assert all(paragraphs[:s].endswith("\n\n") for s, _ in spans[1:])
    one = filler(60, 9)
    assert all(one[s - 2:s] == ". " for s, _ in segment_spans(one, 1000)[1:])
    words = " ".join(["velmar"] * 600)
    assert all(words[s - 1] == " " and words[s] == "v" for s, _ in segment_spans(words, 1000)[1:])
    assert segment_spans("x" * 2500, 1000) == [(0, 1000), (1000, 2000), (2000, 2500)]
    assert segment_spans("short", 1000) == [(0, 5)]


def test_evidence_offsets_slice_the_whole_article(monkeypatch, x):
    article = long_article()
    assert len(segment_spans(article.text, BOUND)) == 4
    last = segment_spans(article.text, BOUND)[-1][0]
    ex = extract_with_bound(monkeypatch, x, article, BOUND)
    found = evidence_of(ex)
    assert any(ev.start >= last for ev in found)  # the last segment's facts are there
    for ev in found:
        assert article.text[ev.start:ev.end].strip() == ev.sentence


def test_one_actor_across_segments_and_no_positional_key_collides(monkeypatch, x):
    article = long_article()
    last = segment_spans(article.text, BOUND)[-1][0]
    ex = extract_with_bound(monkeypatch, x, article, BOUND)
    varkas = [a for a in ex.actors if a.name == "Ilona Varkas"]
    assert len(varkas) == 1
    starts = [ev.start for ev in varkas[0].evidence]
    assert min(starts) < BOUND and max(starts) >= last
    for records in (ex.actors, ex.targets, ex.statements, ex.proposals, ex.events, ex.attributions):
        keys = [r.key for r in records]
        assert len(keys) == len(set(keys))
    claims = [a for a in ex.attributions if a.attributed_to[-1] == "actor/georgia"]
    assert len(claims) == 2 and claims[0].evidence[0].start < BOUND <= last <= claims[1].evidence[0].start
    events = {e.key for e in ex.events}
    assert all(a.event in events for a in ex.attributions)


def test_the_same_output_every_run(monkeypatch, x):
    article = long_article()
    assert extract_with_bound(monkeypatch, x, article, BOUND) == extract_with_bound(monkeypatch, x, article, BOUND)


def test_self_contained_paragraphs_give_what_the_whole_text_gives(monkeypatch, x):
    """Paragraphs that refer to nothing outside themselves: the segments' merged records are the whole
    article's records (the same keys, evidence and fields)."""
    paragraphs = [f"Foreign Minister Ilona Varkas of Moldova said talks in Velidor would resume. {filler(15, 5)}",
                  f"{CLAIM} {filler(15, 6)}",
                  f"Ilona Varkas told reporters the pause would hold. {filler(15, 7)}"]
    article = Article(id="seg1", text="\n\n".join(paragraphs), title="t", date=dt.date(2025, 6, 13))
    whole = extract_with_bound(monkeypatch, x, article, 10 ** 9)
    parts = extract_with_bound(monkeypatch, x, article, 1000)
    assert len(segment_spans(article.text, 1000)) == 3
    for field in ("actors", "targets", "statements", "proposals", "events", "attributions"):
        assert sorted(getattr(parts, field), key=repr) == sorted(getattr(whole, field), key=repr), field


def test_an_article_within_the_bound_is_extracted_as_before(monkeypatch, x):
    article = Article(id="c0", text=(CORPUS / "dev-03-moratorium-accusations.txt").read_text(encoding="utf-8"),
                      title="t", date=dt.date(2025, 3, 21))
    assert len(article.text) < segments.SEGMENT_CHARS
    assert x(article) == x.extract_part(article)[0]
    assert extract_with_bound(monkeypatch, x, article, 10 ** 9) == x.extract_part(article)[0]
