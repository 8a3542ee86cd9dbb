"""Checks a SPARQL text before any engine sees it: its size, how deep it nests (Oxigraph's recursive
parser overflows its stack on a few thousand nested parentheses), SERVICE (a request to another server:
refused unless the user federates on purpose) and updates where only queries are allowed.

The checks read the text with a small lexer that skips strings, IRIs and comments, so a quoted
"SERVICE" or a "(" inside a literal counts for nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.errors import QueryError

MAX_DEPTH = 128
MAX_CHARS = 1_000_000
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
IRIREF = r"<[^<>\"{}|^`\\\x00-\x20]*>"
TOKEN = re.compile(
    r'(?P<skip>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|' + IRIREF + r'|#[^\n]*)'
    r'|(?P<open>[(\[{])|(?P<close>[)\]}])'
    r'|(?P<word>[?$]?[A-Za-z_][\w.-]*(?::[\w.%-]*)?|:[\w.%-]*)', re.S)


@dataclass(frozen=True)
class Shape:
    """What the lexer saw: the deepest nesting, whether SERVICE is used, and the first keyword."""

    depth: int
    service: bool
    first_word: str


def shape(sparql: str) -> Shape:
    """Nesting depth, SERVICE use and the first keyword after the PREFIX/BASE prologue."""
    depth = deepest = 0
    service, first, skip_name = False, "", False
    for m in TOKEN.finditer(sparql):
        kind = m.lastgroup
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "word":
            word = m.group()
            upper = word.upper()
            if upper == "SERVICE":
                service = True
            if skip_name:
                skip_name = False
            elif not first and upper in ("PREFIX", "BASE"):
                skip_name = upper == "PREFIX"
            elif not first:
                first = upper
    return Shape(deepest, service, first)


def is_update(sparql: str) -> bool:
    """True when the text is a SPARQL Update (INSERT, DELETE, LOAD, DROP, ...), not a query."""
    return shape(sparql).first_word in UPDATE_WORDS


def check_query(sparql: str, allow_service: bool = False, update: bool = False) -> None:
    """Raise QueryError for a text too large, too deeply nested, using SERVICE without consent, or an
    update where a query is expected (`update=False`)."""
    if len(sparql) > MAX_CHARS:
        raise QueryError(f"the query is {len(sparql):,} characters long, over the limit of {MAX_CHARS:,}")
    seen = shape(sparql)
    if seen.depth > MAX_DEPTH:
        raise QueryError(f"the query nests brackets {seen.depth} levels deep, over the limit of {MAX_DEPTH}")
    if seen.service and not allow_service:
        raise QueryError("SERVICE would send a request to another server; refused "
                         "(pass --allow-service to federate on purpose)")
    if not update and seen.first_word in UPDATE_WORDS:
        raise QueryError(f"updates are not allowed here ({seen.first_word} ...): kg query only reads")


def valid_iri(text: str) -> bool:
    """An IRI that SPARQL's IRIREF accepts (no spaces, quotes, angle brackets, braces, ...), with a scheme."""
    return re.fullmatch(IRIREF, f"<{text}>") is not None and re.match(r"[A-Za-z][\w+.-]*:", text) is not None
