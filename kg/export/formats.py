"""Which export format: --format (with the usual aliases) or the -o file's extension, never contradicting."""

from __future__ import annotations

from pathlib import Path

from kg.errors import KgError

ALIASES = {"turtle": "turtle", "ttl": "turtle", "trig": "trig", "nquads": "nquads", "nq": "nquads",
           "n-quads": "nquads", "ntriples": "ntriples", "nt": "ntriples", "n-triples": "ntriples",
           "jsonld": "jsonld", "json-ld": "jsonld", "graphml": "graphml", "csv": "csv"}
EXTENSIONS = {".ttl": "turtle", ".turtle": "turtle", ".trig": "trig", ".nq": "nquads", ".nquads": "nquads",
              ".nt": "ntriples", ".ntriples": "ntriples", ".jsonld": "jsonld", ".json": "jsonld",
              ".graphml": "graphml"}
FORMAT_NAMES = tuple(dict.fromkeys(ALIASES))


def canonical_format(name: str) -> str:
    """'ttl' -> 'turtle', 'json-ld' -> 'jsonld'; an unknown name is an error listing the known ones."""
    try:
        return ALIASES[name.lower()]
    except KeyError:
        raise KgError(f"unknown export format {name!r}; choose one of {', '.join(FORMAT_NAMES)}") from None


def resolve_format(fmt: str | None, output: Path | None) -> str:
    """The format to write: --format if given, else from -o's extension, else Turtle on stdout. An
    extension that names another format than --format is refused (a .nq file must hold N-Quads)."""
    chosen = canonical_format(fmt) if fmt else None
    from_ext = EXTENSIONS.get(output.suffix.lower()) if output is not None else None
    if chosen and from_ext and chosen != from_ext:
        raise KgError(f"{output}: the extension {output.suffix} means {from_ext}, but --format is {chosen}; "
                      "change one of them")
    if chosen:
        return chosen
    if from_ext:
        return from_ext
    if output is None:
        return "turtle"
    raise KgError(f"{output}: cannot tell the format from the name; give --format "
                  f"(or an extension: {', '.join(EXTENSIONS)}); csv writes a folder: --format csv")
