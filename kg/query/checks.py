"""Checks made before a query runs: its form (SELECT, ASK, CONSTRUCT/DESCRIBE) against the asked format."""

from __future__ import annotations

from kg.errors import QueryError

GRAPH_ONLY_FORMATS = {"turtle"}


def query_form(sparql: str) -> str | None:
    """'SELECT', 'ASK' or 'CONSTRUCT' (also DESCRIBE), found by running the query on an empty store;
    None when that cannot tell (a syntax error is reported later, with its position)."""
    import pyoxigraph as ox

    try:
        result = ox.Store().query(sparql)
    except (SyntaxError, OSError, ValueError, TypeError):
        return None
    if isinstance(result, ox.QueryBoolean):
        return "ASK"
    if isinstance(result, ox.QueryTriples):
        return "CONSTRUCT"
    return "SELECT"


def check_format(sparql: str, fmt: str, allow_service: bool = False) -> None:
    """Turtle is a graph format: a SELECT or ASK answer cannot be written as Turtle. The query's form is
    only looked at for a graph format, and only after the guard (nesting, size, SERVICE) has passed it."""
    if fmt not in GRAPH_ONLY_FORMATS:
        return
    from kg.query.guard import check_query

    check_query(sparql, allow_service=allow_service)
    form = query_form(sparql)
    if fmt in GRAPH_ONLY_FORMATS and form in ("SELECT", "ASK"):
        raise QueryError(f"--format {fmt} needs a CONSTRUCT or DESCRIBE query; this is a {form} "
                         "(use table, csv, tsv or json)")
