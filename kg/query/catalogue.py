"""Saved questions: queries/*.rq files that open with '# title:', '# question:' and '# param:' lines."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from kg import resources
from kg.errors import QueryError

PARAM_TYPES = ("text", "date", "integer", "iri", "class")


@dataclass(frozen=True)
class Param:
    """One '# param: NAME [(TYPE[, optional])] description' line; a parameter is required unless marked."""

    name: str
    description: str
    type: str = "text"
    required: bool = True


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
            params.append(parse_param(m.group(2), path))
        else:
            header[m.group(1)] = m.group(2).strip()
    return SavedQuery(path.stem, path, header["title"], header["question"], tuple(params), text)


def parse_param(spec: str, path: Path) -> Param:
    """'from (date) the first day' -> Param('from', 'the first day', 'date', True)."""
    name, _, rest = spec.strip().partition(" ")
    kind, required = "text", True
    m = re.match(r"^\(([^)]*)\)\s*", rest)
    if m:
        words = [w.strip() for w in m.group(1).split(",") if w.strip()]
        for word in words:
            if word == "optional":
                required = False
            elif word in PARAM_TYPES:
                kind = word
            else:
                raise QueryError(f"{path}: param {name}: unknown type {word!r} (expected {', '.join(PARAM_TYPES)})")
        rest = rest[m.end():]
    return Param(name.strip(), rest.strip(), kind, required)


def check_params(query: SavedQuery, bound: dict[str, str], classes: set[str] | None = None) -> None:
    """Refuse a missing required parameter, an undeclared one, or a value of the wrong type, before the
    query runs (a saved query with a wrong parameter answers no rows, which reads as 'nothing found')."""
    if not query.params:  # a .rq file that declares nothing: bind() still refuses unknown variables
        return
    declared = {p.name: p for p in query.params}
    if classes is None and any(p.type == "class" for p in query.params):
        classes = ontology_classes()
    for name in bound:
        if name not in declared:
            known = ", ".join(declared) or "none"
            raise QueryError(f"query {query.name!r} has no parameter {name!r} (its parameters: {known})")
    for p in query.params:
        if p.name not in bound:
            if p.required:
                raise QueryError(f"query {query.name!r} needs --param {p.name}=VALUE ({p.description})")
            continue
        problem = value_problem(p, bound[p.name], classes)
        if problem:
            raise QueryError(f"query {query.name!r}: --param {p.name}={bound[p.name]}: {problem}")


def value_problem(p: Param, value: str, classes: set[str] | None) -> str | None:
    """Why `value` does not fit the parameter's type, or None."""
    if p.type == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return "expected a date YYYY-MM-DD"
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return "not a valid date"
    elif p.type == "integer" and not re.fullmatch(r"-?\d+", value):
        return "expected an integer"
    elif p.type == "iri" and not re.fullmatch(r"<[^<>\s]+>", value):
        return "expected an IRI in <...>"
    elif p.type == "class" and classes is not None and value not in classes:
        close = difflib.get_close_matches(value, sorted(classes), n=3, cutoff=0.5)
        return "not a class of the ontology" + (f"; did you mean {', '.join(close)}?" if close else "")
    elif not value.strip():
        return "empty value"
    return None


def ontology_classes() -> set[str]:
    """Local names of the classes the ontology declares (for '(class)' parameters)."""
    from rdflib import Graph
    from rdflib.namespace import OWL, RDF

    g = Graph().parse(resources.ontology_file(), format="turtle")
    return {str(c).rsplit("#", 1)[-1] for c in g.subjects(RDF.type, OWL.Class) if "#" in str(c)}


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
