"""Read article files of every supported format into Article records, one bad input never stopping the rest."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.ingest.decode import MAX_ARTICLE_BYTES, MAX_FILE_BYTES, decode, megabytes
from kg.ingest.feed import read_feed
from kg.ingest.html import read_html
from kg.ingest.records import read_json, read_jsonl
from kg.ingest.text import read_text
from kg.model import Article

TEXT = {".txt", ".md", ".markdown", ".text"}
HTML = {".html", ".htm", ".xhtml"}
JSONL = {".jsonl", ".ndjson"}
JSON = {".json"}
FEED = {".xml", ".rss", ".atom"}
SUFFIXES = TEXT | HTML | JSONL | JSON | FEED


@dataclass(frozen=True)
class ArticleResult:
    """One input: its article, or the error that kept it out."""

    source: str
    article: Article | None = None
    error: str | None = None


@dataclass(frozen=True)
class ReadOptions:
    """How to read: metadata overrides (--date, --publisher) and JSON field names (--field text=body)."""

    overrides: dict | None = None
    fields: dict | None = None


def display(path: Path | str) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 shown as U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace")


def check_regular(path: Path, source: str) -> None:
    """Only regular files are read: a FIFO or a device named directly would block or never end."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"{source}: no such file or folder") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror})") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{source}: is a folder")
    if not stat.S_ISREG(mode):
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket"
        raise InputError(f"{source}: is {kind}, not a regular file (pipe it in with '-' instead)")


def read_bytes(path: Path, is_article: bool) -> bytes:
    """A file's bytes, refused before reading when too large: a one-article file over the article limit,
    a page or a container of articles (JSON, feed) over the limit of a file read whole."""
    source = display(path)
    check_regular(path, source)
    try:
        size = path.stat().st_size
        if is_article and size > MAX_ARTICLE_BYTES:
            raise InputError(f"{source}: file is {megabytes(size)}, over the "
                             f"{MAX_ARTICLE_BYTES // 1_048_576} MB limit for one article")
        if size > MAX_FILE_BYTES:
            raise InputError(f"{source}: file is {megabytes(size)}, over the {MAX_FILE_BYTES // 1_048_576} MB "
                             "limit for a file read whole (split it, or give its articles as JSON Lines)")
        return path.read_bytes()
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder") from None


def read_path(path: Path, options: ReadOptions) -> Iterator[Article | InputError]:
    """Every article in one file (several for JSON, JSON Lines and feeds)."""
    source, suffix = display(path), path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"{source}: unsupported file type {path.suffix or '(none)'!r} "
                         f"(expected one of {', '.join(sorted(SUFFIXES))})")
    if suffix in JSONL:
        yield from read_jsonl_file(path, options)
        return
    data = read_bytes(path, is_article=suffix in TEXT)
    if suffix in FEED:
        yield from read_feed(data, source, options.overrides)
        return
    text = decode(data, source)
    del data  # the file's bytes are not kept while its articles are extracted
    if suffix in JSON:
        yield from read_json(text, source, options.fields or {}, options.overrides)
        return
    read_one = read_html if suffix in HTML else read_text
    article = read_one(text, source, options.overrides)
    del text  # nor its decoded text: the article holds the text it needs
    yield article


def read_jsonl_file(path: Path, options: ReadOptions) -> Iterator[Article | InputError]:
    """Stream a JSON Lines file line by line: memory stays flat however large it is."""
    source = display(path)
    check_regular(path, source)
    try:
        with open(path, "rb") as fh:
            yield from read_jsonl(fh, source, options.fields or {}, options.overrides)
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None


def read_stdin(options: ReadOptions) -> Iterator[Article | InputError]:
    text = decode(sys.stdin.buffer.read(), "<stdin>")
    if text.lstrip().startswith(("{", "[")):
        lines = io.StringIO(text)
        first = text.lstrip()
        if first.startswith("[") or first.count("\n") == 0:
            yield from read_json(text, "<stdin>", options.fields or {}, options.overrides)
        else:
            yield from read_jsonl(lines, "<stdin>", options.fields or {}, options.overrides)
    else:
        article = read_text(text, "<stdin>", options.overrides)
        del text  # the article holds the text it needs
        yield article


def read_file(path: Path, overrides: dict | None = None) -> Article:
    """The single article of a one-article file; raises InputError naming the file on any problem."""
    for item in read_path(Path(path), ReadOptions(overrides)):
        if isinstance(item, InputError):
            raise item
        return item
    raise InputError(f"{path}: no article in the file")


def check_options(glob: str, overrides: dict | None, fields: dict | None) -> None:
    """Options are checked once, before any file is read: a bad one fails the run with one line."""
    from kg.ingest.build import parse_date
    from kg.ingest.records import FIELDS

    if os.path.isabs(glob) or "/.." in f"/{glob}":
        raise InputError(f"--glob {glob!r}: give a file name pattern inside the folders (e.g. '*.txt'), not a path")
    if (overrides or {}).get("date"):
        parse_date(overrides["date"], "--date")
    unknown = sorted(set(fields or {}) - set(FIELDS))
    if unknown:
        raise InputError(f"--field {unknown[0]}=...: unknown key {unknown[0]!r} (known: {', '.join(FIELDS)})")


def expand(paths: Iterable[str | Path], glob: str = "*") -> Iterator[Path]:
    """Files named, and the article files under folders named (recursive, sorted)."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from sorted(f for f in path.rglob(glob) if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            yield path


def iter_articles(paths: Iterable[str | Path], glob: str = "*", overrides: dict | None = None,
                  fields: dict | None = None) -> Iterator[ArticleResult]:
    """Each input as an ArticleResult, streamed; one bad file or line never stops the others."""
    check_options(glob, overrides, fields)
    options = ReadOptions(overrides, fields)
    for path in expand(paths, glob):
        items = read_stdin(options) if str(path) == "-" else read_path(path, options)
        try:
            for item in items:
                if isinstance(item, InputError):
                    yield ArticleResult(display(path), error=str(item))
                else:
                    yield ArticleResult(item.source or display(path), article=item)
        except InputError as exc:
            yield ArticleResult(display(path), error=str(exc))
