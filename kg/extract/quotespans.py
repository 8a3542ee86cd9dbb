"""Find quotations in text: curly and straight double quotes, doubled single quotes ('' ... ''),
single quotes that are not apostrophes,
and unbalanced marks (a quote left open runs to the end of its paragraph)."""

from __future__ import annotations

import re

PAIRS = [("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u201e", "\u201c")]
SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[\u2014\u2013-]))(['\u2018])(?=\w)")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Line spans: quotes never cross a line break."""
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


OPENERS = re.compile('\'\'|["\u201c\u00ab\u201e]')  # '' ... '' (doubled single quotes) is a double quote
CLOSER = {'"': '"', "''": "''", **{o: c for o, c in PAIRS}}


def double_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(inner start, inner end) of each double-quoted span in text[start:end]."""
    out: list[tuple[int, int]] = []
    i = start
    while i < end:
        m = OPENERS.search(text, i, end)
        if m is None:
            break
        i, width = m.start(), len(m.group(0))
        close = CLOSER[m.group(0)]
        j = text.find(close, i + width, end)
        if j < 0:  # unbalanced: recover by running to the end of the paragraph
            j = end
        out.append((i + width, j))
        i = j + len(close)
    return out


def single_quotes(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Single-quoted spans whose opening mark follows a space and whose closing mark ends a word."""
    out: list[tuple[int, int]] = []
    for m in SINGLE_OPEN.finditer(text, start, end):
        if any(s - 2 <= m.start() <= e + 1 for s, e in taken + out):
            continue
        mark = m.group(1)
        closes = ["\u2019"] if mark == "\u2018" else ["'"]
        k = m.end()
        while k < end:
            k = min((p for p in (text.find(c, k, end) for c in closes) if p >= 0), default=-1)
            if k < 0:
                break
            after = text[k + 1:k + 2]
            if not after or not after.isalnum():
                inner = text[m.end():k]
                if len(inner.split()) >= 2:
                    out.append((m.end(), k))
                break
            k += 1
    return out


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Inner spans of every quotation, in text order."""
    spans: list[tuple[int, int]] = []
    for start, end in paragraphs(text):
        doubles = double_quotes(text, start, end)
        spans.extend(doubles)
        spans.extend(single_quotes(text, start, end, doubles))
    return sorted(s for s in spans if text[s[0]:s[1]].strip())
