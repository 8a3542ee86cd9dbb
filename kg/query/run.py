"""Run SPARQL with safely bound parameters and write the answer as table, CSV, TSV, JSON or Turtle,
streamed row by row to a binary output (constant memory whatever the number of rows)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import IO

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result

from kg.errors import QueryError
from kg.query.guard import check_query, valid_iri
from kg.store import EmbeddedStore
from kg.vocab import PREFIXES

FORMATS = ("table", "csv", "tsv", "json", "turtle")
TABLE_ROWS = 10_000  # rows per drawn table: a larger answer is drawn as several tables, never held whole


def typed_value(value: str) -> Literal | URIRef:
    """A parameter as an RDF term: an IRI in <...>, a date, an integer, else a plain string."""
    if value.startswith("<") and value.endswith(">"):
        if not valid_iri(value[1:-1]):
            raise QueryError(f"parameter value {value[:80]!r} is not a valid IRI "
                             "(no spaces, quotes, braces or angle brackets inside <...>)")
        return URIRef(value[1:-1])
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            dt.date.fromisoformat(value)
            return Literal(value, datatype=XSD.date)
        except ValueError:
            pass
    if re.fullmatch(r"-?\d+", value):
        return Literal(int(value))
    return Literal(value)


def check_syntax(sparql: str) -> None:
    """Fail early with line, column and the offending text."""
    import pyoxigraph as ox

    try:
        ox.Store().query(sparql)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}{near(sparql, str(exc))}") from None
    except (OSError, ValueError, TypeError):
        pass


def near(sparql: str, message: str) -> str:
    """'; near line 1: "WHERE { ?s ?p }"': the text up to the line and column the parser reports."""
    m = re.search(r"(\d+):(\d+)", message)
    if not m:
        return ""
    line_no, col = int(m.group(1)), int(m.group(2))
    lines = sparql.splitlines() or [""]
    line = lines[min(line_no, len(lines)) - 1]
    context = line[max(0, col - 25):col].strip()
    return f"; near line {line_no}: {context!r}"


def run_query(store: EmbeddedStore, sparql: str, params: dict[str, str] | None = None,
              allow_service: bool = False) -> Result:
    """Run a query with `params` bound as variables (?name), never pasted into the text; rdflib results."""
    return store.query(bind(sparql, params, allow_service))


def bind_values(sparql: str, name: str, term: Literal | URIRef) -> str:
    """Bind ?name with a VALUES block at the top of the WHERE clause; the term is serialised (escaped) by rdflib."""
    m = re.search(r"\bWHERE\s*\{", sparql, re.I) or re.search(r"\{", sparql)
    if m is None:
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    return f"{sparql[:m.end()]}\n  VALUES ?{name} {{ {term.n3()} }}\n{sparql[m.end():]}"


def bind(sparql: str, params: dict[str, str] | None, allow_service: bool = False) -> str:
    """The query with its parameters bound, after the guard (size, nesting, SERVICE, updates) and a syntax
    check (skipped when SERVICE is allowed: checking runs the query, and SERVICE would call out twice)."""
    check_query(sparql, allow_service=allow_service)
    if not allow_service:
        check_syntax(sparql)
    unknown = [p for p in (params or {}) if not re.search(rf"[?$]{re.escape(p)}\b", sparql)]
    if unknown:
        raise QueryError(f"the query has no variable ?{unknown[0]} to bind")
    for name, value in (params or {}).items():
        sparql = bind_values(sparql, name, typed_value(value))
    return sparql


def plain(term) -> str:
    """A pyoxigraph term as the text a table shows: IRIs and literal values, no syntax."""
    return "" if term is None else str(getattr(term, "value", term))


def answer(store, sparql: str, params: dict[str, str] | None = None, fmt: str = "table") -> str:
    """The formatted answer as text (small answers; `write_answer` streams large ones)."""
    buf = io.BytesIO()
    write_answer(store, sparql, params, fmt, buf)
    return buf.getvalue().decode("utf-8")


def write_answer(store, sparql: str, params: dict[str, str] | None, fmt: str, out: IO[bytes],
                 allow_service: bool = False) -> None:
    """Write the answer to `out` as it is computed; on the embedded store straight from Oxigraph's results."""
    import pyoxigraph as ox

    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    sparql = bind(sparql, params, allow_service)
    if not hasattr(store, "query_raw"):
        store.write_answer(sparql, fmt, out)
        return
    raw = store.query_raw(sparql)
    if isinstance(raw, ox.QueryBoolean):
        out.write(b"true" if bool(raw) else b"false")
    elif isinstance(raw, ox.QueryTriples):
        if fmt == "json":
            ox.serialize(raw, out, format=ox.RdfFormat.JSON_LD)
        else:
            ox.serialize(raw, out, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    elif fmt == "json":
        raw.serialize(out, format=ox.QueryResultsFormat.JSON)
    elif fmt == "csv":  # Oxigraph's own SPARQL CSV writer (plain values, as below), with our line ends
        ends = LineEnds(out)
        raw.serialize(ends, format=ox.QueryResultsFormat.CSV)
        ends.flush()
    else:
        names = [v.value for v in raw.variables]
        write_rows(names, ([plain(s[i]) for i in range(len(names))] for s in raw), fmt, out)


class Unclosed(io.RawIOBase):
    """A raw writer over `out` for a buffered text layer; closing or detaching the layer leaves `out` open."""

    def __init__(self, out: IO[bytes]):
        self.out = out

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.out.write(bytes(data))
        return len(data)


class LineEnds:
    """A binary writer that turns CRLF into LF on the way through (a CR held back until the next write)."""

    def __init__(self, out: IO[bytes]):
        self.out, self.held = out, b""

    def write(self, data: bytes) -> int:
        n = len(data)
        data = self.held + bytes(data)
        self.held = b"\r" if data.endswith(b"\r") else b""
        self.out.write((data[:-1] if self.held else data).replace(b"\r\n", b"\n"))
        return n

    def flush(self) -> None:
        if self.held:
            self.out.write(self.held)
            self.held = b""
        self.out.flush()


def write_rows(names: list[str], rows, fmt: str, out: IO[bytes], chunk: int = TABLE_ROWS) -> None:
    """CSV, TSV or drawn tables, row by row: a table is drawn for every `chunk` rows."""
    text = io.TextIOWrapper(io.BufferedWriter(Unclosed(out), 1 << 16), encoding="utf-8", newline="")
    try:
        if fmt in ("csv", "tsv"):
            write_delimited(text, names, rows, "," if fmt == "csv" else "\t")
            return
        total, held = 0, []
        for row in rows:
            held.append(row)
            if len(held) == chunk:
                text.write(render_table(names, held, footer=False))
                text.flush()
                total, held = total + len(held), []
        total += len(held)
        if held or not total:
            text.write(render_table(names, held, footer=False))
        text.write(f"{total} row{'s' if total != 1 else ''}\n")
    finally:
        text.flush()
        text.detach()


def write_delimited(text: IO[str], names: list[str], rows, delimiter: str) -> None:
    """The csv module's output (minimal quoting, LF), with a fast path for the rows that need no quotes."""
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\n")
    writer.writerow(names)
    special = re.compile(f'[{re.escape(delimiter)}"\n\r]')
    for row in rows:
        if any(special.search(cell) for cell in row) or row == [""]:
            writer.writerow(row)
        else:
            text.write(delimiter.join(row) + "\n")


def table_text(names: list[str], rows: list[list[str]], fmt: str) -> str:
    buf = io.BytesIO()
    write_rows(names, rows, fmt, buf)
    return buf.getvalue().decode("utf-8")


def result_iris(result: Result) -> set[str]:
    """Every IRI a result mentions (bindings of a SELECT, terms of a CONSTRUCT), and its literals as
    'label:...' so that a query returning names also picks nodes."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        terms = [t for triple in result.graph for t in triple]
    elif result.type == "SELECT":
        terms = [t for row in result for t in row]
    else:
        terms = []
    iris = {str(t) for t in terms if isinstance(t, URIRef)}
    return iris | {f"label:{t}" for t in terms if isinstance(t, Literal)}


def cell(term) -> str:
    if term is None:
        return ""
    return str(term)


def format_result(result: Result, fmt: str = "table") -> str:
    """The answer as text in `fmt`."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if result.type == "ASK":
        return "true" if result.askAnswer else "false"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        for prefix, ns in PREFIXES.items():
            result.graph.bind(prefix, ns, override=True)
        return result.graph.serialize(format="json-ld" if fmt == "json" else "turtle")
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8")
    names = [str(v) for v in result.vars]
    rows = [[cell(row[v]) for v in result.vars] for row in result]
    return table_text(names, rows, fmt)


def render_table(names: list[str], rows: list[list[str]], footer: bool = True) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(*names, show_lines=False)
    for row in rows:
        table.add_row(*row)
    buf = io.StringIO()
    Console(file=buf, width=160, force_terminal=False).print(table)
    count = f"{len(rows)} row{'s' if len(rows) != 1 else ''}\n" if footer else ""
    return buf.getvalue() + count


def answer_to(location, sparql: str, params: dict[str, str] | None, fmt: str, out: IO[bytes],
              timeout: float | None = None, allow_service: bool = False) -> None:
    """Open the store read-only and stream the answer to `out`. On the embedded store the query runs in a
    child process, so Ctrl-C and `timeout` (seconds) stop it whatever the engine is doing."""
    from kg.query.isolate import run_isolated
    from kg.store import default_location, open_store

    location = str(location or default_location())
    if location.startswith(("http://", "https://")):
        with open_store(location, read_only=True) as store:
            if timeout:
                store.timeout = timeout
            write_answer(store, sparql, params, fmt, out, allow_service)
        return

    def work(pipe: IO[bytes]) -> None:
        with open_store(location, read_only=True) as store:
            write_answer(store, sparql, params, fmt, pipe, allow_service)

    run_isolated(work, out, timeout)
