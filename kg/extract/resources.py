"""The lexicon (ontology/lexicon.ttl) and word patterns (ontology/patterns.json) as typed records."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from kg import resources
from kg.vocab import LEX


@dataclass(frozen=True)
class LexEntry:
    """One SKOS concept of the lexicon: an actor or a target category."""

    iri: str
    slug: str
    scheme: str  # "actors" or "targets"
    cls: str  # ontology class local name
    pref: str
    alts: tuple[str, ...]
    seats: tuple[str, ...]
    demonyms: tuple[str, ...]
    heads: tuple[str, ...]
    role: str | None
    wikidata: str | None


def _strings(g: Graph, s: URIRef, p: URIRef) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in g.objects(s, p)))


@lru_cache(maxsize=4)
def load_lexicon(path: Path | None = None) -> tuple[LexEntry, ...]:
    """Every concept of the lexicon file, sorted by IRI (so pattern order is stable)."""
    g = Graph()
    g.parse(path or resources.lexicon_file(), format="turtle")
    entries = []
    for s in sorted(set(g.subjects(SKOS.inScheme, None)), key=str):
        scheme = str(g.value(s, SKOS.inScheme)).rsplit("#", 1)[-1]
        cls = g.value(s, LEX["class"])
        wd = g.value(s, SKOS.exactMatch)
        role = g.value(s, LEX.role)
        entries.append(LexEntry(
            iri=str(s), slug=str(s).rsplit("#", 1)[-1], scheme=scheme,
            cls=str(cls).rsplit("#", 1)[-1] if cls else "Actor",
            pref=str(g.value(s, SKOS.prefLabel)), alts=_strings(g, s, SKOS.altLabel),
            seats=_strings(g, s, LEX.seat), demonyms=_strings(g, s, LEX.demonym),
            heads=_strings(g, s, LEX.head), role=str(role) if role else None,
            wikidata=str(wd) if wd else None))
    return tuple(entries)


@lru_cache(maxsize=4)
def load_patterns(path: Path | None = None) -> dict:
    """The word classes of ontology/patterns.json."""
    with open(path or resources.patterns_file(), encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=64)
def word_class(name: str) -> frozenset[str]:
    """A word class of patterns.json (`word_classes`: lemmas) as a set, read once: what frames and readers
    test tokens against."""
    return frozenset(load_patterns()["word_classes"][name])
