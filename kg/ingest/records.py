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


def pick(obj: dict, key: str, mapping: dict[str, str], source: str = "") -> str | None:
    """The field's value as text: a list of strings is joined (paragraphs for the text); the text itself
    must be a string (or such a list): a number or a list of objects is an error naming the field."""
    names = (mapping[key],) if key in mapping else FIELDS[key]
    for name in names:
        value = obj.get(name)
        if isinstance(value, dict):
            value = None if key == "text" else value.get("name") or value.get("title")
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ("\n\n" if key == "text" else " ").join(v.strip() for v in value if v.strip())
        if value in (None, ""):
            continue
        if not isinstance(value, str) and (key == "text" or isinstance(value, (list, dict))):
            raise InputError(f"{source}: field {name!r} is {json_kind(value)}, not text")
        return str(value)
    return None


def json_kind(value: object) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__)


def loads(text: str, where: str):
    """json.loads with every way it can fail as one InputError naming the place."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: malformed JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply to read") from None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise InputError(f"{where}: unreadable JSON ({str(exc).split(':')[0]})") from None


def record_article(obj: object, source: str, mapping: dict[str, str], overrides: dict | None) -> Article:
    if not isinstance(obj, dict):
        raise InputError(f"{source}: expected a JSON object, got {type(obj).__name__}")
    meta = {k: pick(obj, k, mapping, source) for k in FIELDS if k != "text"}
    meta["strict_date"] = False
    meta.update({k: v for k, v in (overrides or {}).items() if v})
    text = pick(obj, "text", mapping, source)
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
            obj = loads(line, where)
        except InputError as exc:
            yield exc
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
    except (RecursionError, ValueError):
        data = loads(raw, source)  # raises the one-line error
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
