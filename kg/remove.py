"""Remove articles from a store by IRI, URL or source file."""

from __future__ import annotations

import os
from pathlib import Path

from kg.build import article_iri
from kg.errors import InputError
from kg.ingest import iter_articles
from kg.ingest.ids import article_id
from kg.query.guard import valid_iri
from kg.store import EmbeddedStore
from kg.vocab import CKG, CKGR


def stored_sources(store, ref: str) -> list[str]:
    """The articles whose stored ckg:sourceFile is this file (as given, relative or absolute; the
    articles of a JSON or JSON Lines file too): they can be removed after the file changed or went."""
    names = {ref, os.path.normpath(ref), os.path.abspath(ref), os.path.relpath(os.path.abspath(ref))}
    literals = " ".join(f'"{n}"' for n in sorted(names) if not set(n) & set('"\\\n\r'))
    if not literals:
        return []
    prefixes = " || ".join(f'STRSTARTS(?f, CONCAT({lit}, "#")) || STRSTARTS(?f, CONCAT({lit}, ":"))'
                           for lit in literals.split(" "))
    sparql = (f"SELECT DISTINCT ?a WHERE {{ GRAPH ?a {{ ?a <{CKG.sourceFile}> ?f }} "
              f"FILTER(?f IN ({', '.join(literals.split(' '))}) || {prefixes}) }}")
    return sorted(str(row[0]) for row in store.query(sparql))


def article_iris(ref: str, store=None) -> list[str]:
    """The article IRIs a reference names: an article IRI, a URL, or a file (the articles read from it
    now, and those the store says came from it)."""
    if ref.startswith(str(CKGR) + "article/"):
        if not valid_iri(ref):
            raise InputError(f"{ref}: not a valid article IRI")
        return [ref]
    if ref.startswith(("http://", "https://")):
        return [str(CKGR[f"article/{article_id('', ref)}"])]
    found = stored_sources(store, ref) if store is not None else []
    if Path(ref).exists():
        found += [str(article_iri(r.article)) for r in iter_articles([ref]) if r.article is not None]
    if not found and not Path(ref).exists():
        raise InputError(f"{ref}: not an article IRI, a URL, an existing file or the source file of a stored article")
    return sorted(set(found))


def remove_articles(store: EmbeddedStore, refs: tuple[str, ...] | list[str]) -> tuple[list[str], list[str]]:
    """(removed, not found) references; each article's named graph goes in one transaction."""
    from kg.resolve.run import blocks_of, resolve_blocks

    removed, missing = [], []
    blocks: set[str] = set()
    for ref in refs:
        iris = article_iris(ref, store)
        blocks |= blocks_of(store, iris)  # issue 11: the blocks these articles were resolved in
        hits = [iri for iri in iris if store.remove_graph(iri)]
        (removed if hits else missing).append(ref)
    if blocks and removed:
        resolve_blocks(store, blocks)
    return removed, missing
