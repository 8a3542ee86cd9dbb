"""JSON and JSON Lines from scrapers: one article per object, usual field names, or a --field mapping."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from kg.errors import InputError
from kg.ingest.build import make_article
from kg.model import Article

FIELDS = {
    "text": ("text", "content", "body", "maintext", "full_text", "article_text"),
    "title": ("title", "headline"),
    "date": ("date", "published", "date_publish", "published_at", "pubDate", "datePublished"),
    "url": ("url", "link", "canonical_url"),
    "publisher": ("publisher", "source", "sitename", "source_domain", "site"),
    "language": ("language", "lang"),
}


def pick(obj: dict, key: str, mapping: dict[str, str]) -> str | None:
    names = (mapping[key],) if key in mapping else FIELDS[key]
    for name in names:
        value = obj.get(name)
        if isinstance(value, dict):
            value = None if key == "text" else value.get("name") or value.get("title")
        if value not in (None, ""):
            return str(value)
    return None


def record_article(obj: object, source: str, mapping: dict[str, str], overrides: dict | None) -> Article:
    if not isinstance(obj, dict):
        raise InputError(f"{source}: expected a JSON object, got {type(obj).__name__}")
    meta = {k: pick(obj, k, mapping) for k in FIELDS if k != "text"}
    meta["strict_date"] = False
    meta.update({k: v for k, v in (overrides or {}).items() if v})
    text = pick(obj, "text", mapping)
    if not text:
        wanted = mapping.get("text") or "/".join(FIELDS["text"])
        raise InputError(f"{source}: no text field ({wanted}); map yours with --field text=NAME")
    return make_article(text, meta, source)


def read_jsonl(lines: Iterable[str | bytes], source: str, mapping: dict[str, str],
               overrides: dict | None = None) -> Iterator[Article | InputError]:
    """One article per line; a bad line is an error naming the line, and the others go on."""
    for n, line in enumerate(lines, start=1):
        where = f"{source}:{n}"
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield InputError(f"{where}: not valid UTF-8 (byte {exc.start})")
                continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"{where}: malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        try:
            yield record_article(obj, where, mapping, overrides)
        except InputError as exc:
            yield exc


def read_json(raw: str, source: str, mapping: dict[str, str],
              overrides: dict | None = None) -> Iterator[Article | InputError]:
    """A JSON object, or an array of them (or an object with an 'articles'/'items' list)."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}:{exc.lineno}: malformed JSON ({exc.msg} at column {exc.colno})") from None
    if isinstance(data, dict):
        data = next((data[k] for k in ("articles", "items", "data", "results") if isinstance(data.get(k), list)),
                    [data])
    if not isinstance(data, list):
        raise InputError(f"{source}: expected an object or a list of objects")
    for n, obj in enumerate(data, start=1):
        try:
            yield record_article(obj, f"{source}#{n}", mapping, overrides)
        except InputError as exc:
            yield exc
