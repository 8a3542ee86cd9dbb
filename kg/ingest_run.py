"""The main job: read article files, extract, build and write each article's graph whole.

Extraction runs in `jobs` worker processes when asked; articles are written in input order by this
process, so the store ends up the same for every number of jobs."""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from kg.build import article_iri, article_ntriples
from kg.errors import StoreError
from kg.extract import Extractor
from kg.ingest import ArticleResult, iter_articles
from kg.model import Article
from kg.store import EmbeddedStore

if TYPE_CHECKING:
    from distributed import Client

BATCH = 64


@dataclass
class IngestSummary:
    """What one `kg ingest` run did."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    triples_before: int = 0
    triples_after: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def ingested(self) -> int:
        return self.added + self.replaced

    @property
    def triples_added(self) -> int:
        return self.triples_after - self.triples_before

    def line(self) -> str:
        rate = (self.ingested + self.unchanged) / self.seconds if self.seconds else 0.0
        return (f"{self.ingested} ingested ({self.added} new, {self.replaced} replaced), {self.unchanged} unchanged, "
                f"{self.failed} failed; {self.triples_added:+d} quads (store: {self.triples_after} quads); "
                f"{self.seconds:.2f}s, {rate:.1f} articles/s")

    def as_dict(self) -> dict:
        return {"ingested": self.ingested, "added": self.added, "replaced": self.replaced,
                "unchanged": self.unchanged, "failed": self.failed, "triples_added": self.triples_added,
                "triples": self.triples_after, "quads_added": self.triples_added, "quads": self.triples_after,
                "seconds": round(self.seconds, 3), "errors": self.errors}


@dataclass(frozen=True)
class Built:
    """One article after extract and build: its graph as N-Triples, or the error."""

    source: str
    iri: str | None = None
    ntriples: str | None = None
    error: str | None = None


_extractor: Extractor | None = None


def extractor(reload: bool = False) -> Extractor:
    """This process's pipeline, loaded on first use (once per worker process), or again when asked."""
    global _extractor
    if _extractor is None or reload:
        _extractor = Extractor()
    return _extractor


def build_one(result: ArticleResult) -> Built:
    """Extract and build one article (in a worker process or in this one)."""
    if result.error or result.article is None:
        return Built(result.source, error=result.error or f"{result.source}: unreadable")
    article: Article = result.article
    pipeline = extractor()
    try:
        ntriples = article_ntriples(pipeline(article))
    except Exception as exc:  # one bad article must not abort a batch
        return Built(result.source, error=f"{result.source}: extraction failed: {type(exc).__name__}: {exc}")
    return Built(result.source, str(article_iri(article)), ntriples)


def built_stream(results: Iterable[ArticleResult], jobs: int) -> Iterator[Built]:
    """Built articles in input order; with jobs > 1, batches go through a process pool."""
    if jobs <= 1:
        yield from (build_one(r) for r in results)
        return
    it = iter(results)
    with mp.get_context("fork").Pool(jobs) as pool:
        while batch := list(islice(it, BATCH * jobs)):
            yield from pool.imap(build_one, batch, chunksize=max(1, len(batch) // (jobs * 4)))


def size_or(store, fallback: int) -> int:
    try:
        return len(store)
    except Exception:  # noqa: BLE001 - a store that failed a write may fail a count too
        return fallback


def write(built: Built, store) -> str:
    """Write one built article whole: 'added', 'replaced', 'unchanged', or 'failed' for an error record."""
    if built.error:
        return "failed"
    return store.put_ntriples(built.iri, built.ntriples)


def done_stream(results: Iterable[ArticleResult], store, jobs: int = 1,
                cluster: Client | None = None) -> Iterator[tuple[Built, str]]:
    """Every input as (built article, outcome) once it is written: here with `jobs` processes, or on a
    Dask cluster (kg.cluster) when a client is given."""
    if cluster is not None:
        from kg.cluster import cluster_done

        yield from cluster_done(cluster, results, store)
        return
    for built in built_stream(results, jobs):
        yield built, write(built, store)


def ingest(paths: Iterable[str | Path], store: EmbeddedStore, glob: str = "*",
           overrides: dict[str, str] | None = None, fields: dict[str, str] | None = None, jobs: int = 1,
           on_error: Callable[[str], None] | None = None,
           on_article: Callable[[str, str], None] | None = None, cluster: Client | None = None,
           resolve: bool = True) -> IngestSummary:
    """Ingest every article under `paths` into `store`; one bad file never stops the run. With a Dask
    `cluster` client, extraction (and, for a remote store, the writes) run on the cluster. Then, unless
    resolve is False, re-resolve across articles the blocks the changed articles touch (kg/resolve)."""
    started = time.perf_counter()
    summary = IngestSummary(triples_before=len(store))
    changed: list[str] = []
    try:
        for built, outcome in done_stream(iter_articles(paths, glob, overrides, fields), store, jobs, cluster):
            if built.error:
                summary.errors.append(built.error)
                if on_error:
                    on_error(built.error)
            setattr(summary, outcome, getattr(summary, outcome) + 1)
            if outcome not in ("unchanged", "failed"):
                changed.append(built.iri)
            if on_article:
                on_article(built.source, outcome)
        if resolve and changed:  # issue 11: one node per real event and proposal across articles
            from kg.resolve.run import blocks_of, resolve_blocks

            resolve_blocks(store, blocks_of(store, changed))
    except StoreError as exc:  # the store cannot take more (a full disk): say what was done
        summary.seconds = time.perf_counter() - started
        summary.triples_after = size_or(store, summary.triples_before)
        exc.summary = summary
        raise
    summary.triples_after = len(store)
    summary.seconds = time.perf_counter() - started
    return summary
