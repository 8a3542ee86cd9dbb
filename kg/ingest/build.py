"""Assemble an Article record from text and metadata, whatever format they came from."""

from __future__ import annotations

import datetime as dt
import re

from kg.errors import InputError
from kg.ingest.dateline import dateline_date
from kg.ingest.decode import MAX_ARTICLE_BYTES, megabytes
from kg.ingest.ids import article_id, normalise_text, sha1
from kg.model import Article

DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: object, source: str, strict: bool = True) -> dt.date | None:
    """An ISO date from a string (time part ignored) or a struct_time; None when absent."""
    if value is None or value == "":
        return None
    if hasattr(value, "tm_year"):
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    text = str(value).strip()
    if text.lower() in {"null", "none", "~"}:
        return None
    m = DATE_RE.search(text)
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        pass
    if strict:
        raise InputError(f"{source}: date {text!r} is not an ISO date (YYYY-MM-DD)")
    return None


def make_article(text: str, meta: dict, source: str) -> Article:
    """An Article from cleaned text and metadata (title, date, publisher, url, language)."""
    text = text.strip("\n")
    if not text.strip():
        raise InputError(f"{source}: no article text")
    if len(text) > MAX_ARTICLE_BYTES // 4 and (size := len(text.encode("utf-8"))) > MAX_ARTICLE_BYTES:
        raise InputError(f"{source}: article text is {megabytes(size)}, over the "
                         f"{MAX_ARTICLE_BYTES // 1_048_576} MB limit for one article")
    title = (meta.get("title") or first_line(text)).strip()
    url = meta.get("url") or None
    date = parse_date(meta.get("date"), source, strict=meta.get("strict_date", True))
    return Article(
        id=article_id(text, url), text=text, title=title,
        date=date if date is not None or meta.get("date") else dateline_date(text),
        publisher=meta.get("publisher") or None, url=url, source=source,
        language=meta.get("language") or None, content_hash=sha1(normalise_text(text))[:16])


def first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:300]
    return ""
