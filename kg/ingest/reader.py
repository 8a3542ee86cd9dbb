"""Read article files into Article records, with one-line errors for bad input."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.ingest.ids import article_id, normalise_text, sha1
from kg.ingest.text import first_line_title, parse_date, split_front_matter
from kg.model import Article

MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


@dataclass(frozen=True)
class ArticleResult:
    """One input: its article, or the error that kept it out."""

    source: str
    article: Article | None = None
    error: str | None = None


def decode(data: bytes, source: str) -> str:
    """UTF-8 text (BOM allowed); binary or undecodable input is an error naming the file."""
    if not data.strip():
        raise InputError(f"{source}: file is empty")
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: binary file, not text")
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            last = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(f"{source}: not valid UTF-8 (byte {last.start}) and not a known encoding") from None
    if sum(ch.isprintable() or ch.isspace() for ch in text) < 0.98 * len(text):
        raise InputError(f"{source}: not valid UTF-8 (byte {last.start})")
    return text


def article_from_text(raw: str, source: str, overrides: dict[str, str] | None = None) -> Article:
    """An Article from the text of a .txt/.md file (front matter optional)."""
    meta, body = split_front_matter(raw.replace("\r\n", "\n"))
    meta.update({k: v for k, v in (overrides or {}).items() if v})
    body = body.strip("\n")
    if not body.strip():
        raise InputError(f"{source}: no article text after the front matter")
    title = meta.get("title") or first_line_title(body)
    return Article(
        id=article_id(body, meta.get("url")),
        text=body,
        title=title,
        date=parse_date(meta.get("date"), source),
        publisher=meta.get("publisher") or None,
        url=meta.get("url") or None,
        source=source,
        language=meta.get("language") or None,
        content_hash=sha1(normalise_text(body))[:16],
    )


def read_file(path: Path, overrides: dict[str, str] | None = None) -> Article:
    """Read one article file; raises InputError with the file name on any problem."""
    source = str(path)
    if str(path) == "-":
        return article_from_text(sys.stdin.read(), "<stdin>", overrides)
    if not path.exists():
        raise InputError(f"{source}: no such file or folder")
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise InputError(f"{source}: unsupported file type {path.suffix or '(none)'!r} (expected .txt or .md)")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{source}: file is {size // 1_048_576} MB, over the {MAX_BYTES // 1_048_576} MB limit")
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder") from None
    return article_from_text(decode(data, source), source, overrides)


def expand(paths: Iterable[str | Path], glob: str = "*") -> Iterator[Path]:
    """Files named, and the article files under folders named (recursive, sorted)."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from sorted(f for f in path.rglob(glob) if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
        else:
            yield path


def iter_articles(paths: Iterable[str | Path], glob: str = "*",
                  overrides: dict[str, str] | None = None) -> Iterator[ArticleResult]:
    """Each input as an ArticleResult; one bad file never stops the others."""
    for path in expand(paths, glob):
        try:
            yield ArticleResult(str(path), article=read_file(path, overrides))
        except InputError as exc:
            yield ArticleResult(str(path), error=str(exc))
