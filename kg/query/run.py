"""Run SPARQL with safely bound parameters and format the answer as table, CSV, TSV, JSON or Turtle."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result

from kg.errors import QueryError
from kg.store import EmbeddedStore
from kg.vocab import PREFIXES

FORMATS = ("table", "csv", "tsv", "json", "turtle")


def typed_value(value: str) -> Literal | URIRef:
    """A parameter as an RDF term: an IRI in <...>, a date, an integer, else a plain string."""
    if value.startswith("<") and value.endswith(">"):
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


def run_query(store: EmbeddedStore, sparql: str, params: dict[str, str] | None = None) -> Result:
    """Run a query with `params` bound as variables (?name), never pasted into the text; rdflib results."""
    return store.query(bind(sparql, params))


def bind_values(sparql: str, name: str, term: Literal | URIRef) -> str:
    """Bind ?name with a VALUES block at the top of the WHERE clause; the term is serialised (escaped) by rdflib."""
    m = re.search(r"\bWHERE\s*\{", sparql, re.I) or re.search(r"\{", sparql)
    if m is None:
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    return f"{sparql[:m.end()]}\n  VALUES ?{name} {{ {term.n3()} }}\n{sparql[m.end():]}"


def bind(sparql: str, params: dict[str, str] | None) -> str:
    """The query with its parameters bound, after a syntax check."""
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
    """The formatted answer; on the embedded store straight from Oxigraph's results (no rdflib terms)."""
    import pyoxigraph as ox

    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not hasattr(store, "query_raw"):
        return format_result(run_query(store, sparql, params), fmt)
    raw = store.query_raw(bind(sparql, params))
    if isinstance(raw, ox.QueryBoolean):
        return "true" if bool(raw) else "false"
    if isinstance(raw, ox.QueryTriples):
        rdf = ox.RdfFormat.JSON_LD if fmt == "json" else ox.RdfFormat.TURTLE
        return ox.serialize(raw, format=rdf, prefixes=PREFIXES if fmt != "json" else None).decode("utf-8") \
            if fmt != "json" else ox.serialize(raw, format=rdf).decode("utf-8")
    if fmt == "json":
        return raw.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8")
    if fmt == "csv":  # Oxigraph's own SPARQL CSV writer (plain values, as below), with our line ends
        return raw.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8").replace("\r\n", "\n")
    names = [v.value for v in raw.variables]
    rows = [[plain(solution[i]) for i in range(len(names))] for solution in raw]
    return table_text(names, rows, fmt)


def table_text(names: list[str], rows: list[list[str]], fmt: str) -> str:
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return buf.getvalue()
    return render_table(names, rows)


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


def render_table(names: list[str], rows: list[list[str]]) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(*names, show_lines=False)
    for row in rows:
        table.add_row(*row)
    buf = io.StringIO()
    Console(file=buf, width=160, force_terminal=False).print(table)
    return buf.getvalue() + f"{len(rows)} row{'s' if len(rows) != 1 else ''}\n"
