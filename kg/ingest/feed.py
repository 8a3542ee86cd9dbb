"""RSS and Atom files with feedparser: one article per entry, the feed's title as publisher."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from xml.sax import SAXParseException

from kg.errors import InputError
from kg.ingest.build import make_article
from kg.model import Article

TAG = re.compile(r"<[^>]+>")


def strip_html(text: str) -> str:
    text = re.sub(r"(?i)<br\s*/?>|</p>", "\n", text)
    return html.unescape(TAG.sub("", text)).strip()


def read_feed(raw: bytes, source: str, overrides: dict | None = None) -> Iterator[Article | InputError]:
    import feedparser

    feed = feedparser.parse(raw)
    problem = getattr(feed, "bozo_exception", None)
    if isinstance(problem, SAXParseException):
        raise InputError(f"{source}: not a well-formed RSS/Atom feed (line {problem.getLineNumber()}, "
                         f"column {problem.getColumnNumber()}: {problem.getMessage()})")
    if not feed.entries:
        problem = getattr(feed, "bozo_exception", None)
        raise InputError(f"{source}: not a readable RSS/Atom feed" + (f" ({problem})" if problem else ""))
    publisher = feed.feed.get("title")
    for n, entry in enumerate(feed.entries, start=1):
        where = f"{source}#{n}"
        content = entry.get("content")
        body = content[0].get("value") if content else entry.get("summary", "")
        meta = {"title": entry.get("title"), "url": entry.get("link"), "publisher": publisher,
                "date": entry.get("published_parsed") or entry.get("updated_parsed"),
                "language": feed.feed.get("language"), "strict_date": False}
        meta.update({k: v for k, v in (overrides or {}).items() if v})
        try:
            yield make_article(strip_html(body or ""), meta, where)
        except InputError as exc:
            yield exc
