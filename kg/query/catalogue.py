"""Saved questions: queries/*.rq files that open with '# title:', '# question:' and '# param:' lines."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from kg import resources
from kg.errors import QueryError


@dataclass(frozen=True)
class Param:
    name: str
    description: str


@dataclass(frozen=True)
class SavedQuery:
    """One saved question."""

    name: str
    path: Path
    title: str
    question: str
    params: tuple[Param, ...]
    text: str


def read_query_text(path: Path) -> str:
    """A .rq file's text (UTF-8, as SPARQL requires); a folder, binary or other encoding is one line."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise QueryError(f"{path}: is a folder, not a query file") from None
    except OSError as exc:
        raise QueryError(f"{path}: cannot read ({exc.strerror})") from None
    if b"\x00" in data:
        raise QueryError(f"{path}: binary file, not a SPARQL query")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QueryError(f"{path}: not UTF-8 (byte {exc.start}); SPARQL files are UTF-8, "
                         "convert it e.g. with iconv -f latin1 -t utf-8") from None


def parse_query_file(path: Path) -> SavedQuery:
    text = read_query_text(path)
    header = {"title": "", "question": ""}
    params = []
    for line in text.splitlines():
        m = re.match(r"^#\s*(title|question|param):\s*(.*)$", line)
        if not m:
            if line.strip() and not line.startswith("#"):
                break
            continue
        if m.group(1) == "param":
            name, _, desc = m.group(2).partition(" ")
            params.append(Param(name.strip(), desc.strip()))
        else:
            header[m.group(1)] = m.group(2).strip()
    return SavedQuery(path.stem, path, header["title"], header["question"], tuple(params), text)


def list_queries(folder: Path | None = None) -> list[SavedQuery]:
    """Every saved query, sorted by name."""
    folder = folder or resources.queries_dir()
    return [parse_query_file(p) for p in sorted(folder.glob("*.rq"))]


def find_query(name_or_path: str, folder: Path | None = None) -> SavedQuery:
    """A saved query by name, or a .rq file by path; an unknown name lists the close matches."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and (path.exists() or path.is_symlink()):
        return parse_query_file(path)
    if path.suffix == ".rq":
        raise QueryError(f"{name_or_path}: no such query file")
    queries = {q.name: q for q in list_queries(folder)}
    if name_or_path in queries:
        return queries[name_or_path]
    close = difflib.get_close_matches(name_or_path, list(queries), n=3, cutoff=0.4)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `kg query --list` shows them"
    raise QueryError(f"no saved query named {name_or_path!r}{hint}")
