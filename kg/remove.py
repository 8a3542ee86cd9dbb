"""Remove articles from a store by IRI, URL or source file."""

from __future__ import annotations

from pathlib import Path

from kg.build import article_iri
from kg.errors import InputError
from kg.ingest import iter_articles
from kg.ingest.ids import article_id
from kg.store import EmbeddedStore
from kg.vocab import CKGR


def article_iris(ref: str) -> list[str]:
    """The article IRIs a reference names: an article IRI, a URL, or a file (all the articles in it)."""
    if ref.startswith(str(CKGR) + "article/"):
        return [ref]
    if ref.startswith(("http://", "https://")):
        return [str(CKGR[f"article/{article_id('', ref)}"])]
    if Path(ref).exists():
        return [str(article_iri(r.article)) for r in iter_articles([ref]) if r.article is not None]
    raise InputError(f"{ref}: not an article IRI, a URL or an existing file")


def remove_articles(store: EmbeddedStore, refs: tuple[str, ...] | list[str]) -> tuple[list[str], list[str]]:
    """(removed, not found) references; each article's named graph goes in one transaction."""
    from kg.resolve.run import blocks_of, resolve_blocks

    removed, missing = [], []
    blocks: set[str] = set()
    for ref in refs:
        iris = article_iris(ref)
        blocks |= blocks_of(store, iris)  # issue 11: the blocks these articles were resolved in
        hits = [iri for iri in iris if store.remove_graph(iri)]
        (removed if hits else missing).append(ref)
    if blocks and removed:
        resolve_blocks(store, blocks)
    return removed, missing
