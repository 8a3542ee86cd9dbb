"""Plain text and Markdown articles, with optional front matter between '---' lines."""

from __future__ import annotations

import re

from kg.ingest.build import make_article
from kg.model import Article

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)
KNOWN_KEYS = {"title", "date", "publisher", "url", "language", "author"}


def split_front_matter(raw: str) -> tuple[dict[str, str], str]:
    """Metadata from a leading '---' block, and the body after it."""
    match = FRONT_MATTER.match(raw)
    if not match:
        return {}, raw
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in KNOWN_KEYS:
            meta[key.strip().lower()] = re.sub(r"^([\"'])((?:(?!\1).)*)\1$", r"\2", value.strip())  # a quoted value
    return meta, raw[match.end():]


def read_text(raw: str, source: str, overrides: dict | None = None) -> Article:
    meta, body = split_front_matter(raw.replace("\r\n", "\n"))
    meta.update({k: v for k, v in (overrides or {}).items() if v})
    return make_article(body, meta, source)
