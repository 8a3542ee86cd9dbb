"""Long articles in segments, so the memory of extraction is bounded by a segment, not by the article.

An article longer than SEGMENT_CHARS characters is cut into segments of at most that many, each at the
best boundary in the second half of its window: after a blank line (a paragraph), else after a sentence
end, else after a line break, else at a space, else at the bound. Each segment is extracted alone, with the
article's metadata, and let go before the next one is read; kg/extract/merge.py shifts the offsets into
the whole text and makes one record of each key. News articles (2-30 KB) are one segment: extracted
exactly as before."""

from __future__ import annotations

import dataclasses
import re
from collections import deque
from collections.abc import Callable

from kg.extract.merge import merge
from kg.model import Article, Extraction

SEGMENT_CHARS = 100_000  # a longer article is extracted in segments of at most this many characters
BOUNDARIES = (
    re.compile(r"\n[ \t]*\n\s*"),  # a blank line: a new paragraph
    re.compile(r"(?<=[\w)][.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])"),  # a sentence end
    re.compile(r"\n\s*"),  # a line break (it always ends a sentence: ckg_paragraphs in nlp.py)
    re.compile(r"\s+"),  # a space
)

# (a segment as an Article, the number of sentences before it) -> its Extraction, its number of sentences
ExtractPart = Callable[[Article, int], tuple[Extraction, int]]


def next_cut(text: str, start: int, bound: int) -> int:
    """Where the segment starting at `start` ends and the next begins (len(text) for the last one)."""
    if len(text) - start <= bound:
        return len(text)
    lo, limit = start + bound // 2, start + bound
    for pattern in BOUNDARIES:
        last = deque(pattern.finditer(text, lo, limit), maxlen=1)  # the last such boundary in the window
        if last:
            return last[0].end()
    return limit


def segment_spans(text: str, bound: int | None = None) -> list[tuple[int, int]]:
    """The (start, end) of each segment of `text`, in order; one span for a text within the bound."""
    bound = bound or SEGMENT_CHARS
    spans, start = [], 0
    while start < len(text):
        end = next_cut(text, start, bound)
        spans.append((start, end))
        start = end
    return spans


def needs_segments(article: Article, bound: int | None = None) -> bool:
    return len(article.text) > (bound or SEGMENT_CHARS)


def extract_in_segments(article: Article, extract_part: ExtractPart, bound: int | None = None) -> Extraction:
    """The article's Extraction, one segment at a time; only each segment's records are kept."""
    parts: list[tuple[int, Extraction]] = []
    sentences = 0
    for start, end in segment_spans(article.text, bound):
        piece = article.text[start:end]
        if not piece.strip():
            continue
        extraction, count = extract_part(dataclasses.replace(article, text=piece), sentences)
        parts.append((start, extraction))
        sentences += count
    return merge(article, parts)
