"""Plain text and Markdown articles, with optional front matter between '---' lines."""

from __future__ import annotations

import datetime as dt
import re

from kg.errors import InputError

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
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, raw[match.end():]


def parse_date(value: str | None, source: str) -> dt.date | None:
    """An ISO date (time part ignored); a malformed one is an input error naming the file."""
    if not value or value.lower() in {"null", "none", "~"}:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise InputError(f"{source}: front matter date {value!r} is not an ISO date (YYYY-MM-DD)") from None


def first_line_title(body: str) -> str:
    for line in body.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:300]
    return ""
