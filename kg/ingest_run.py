"""The main job: read article files, extract, build and write each article's graph whole."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.build import article_graph, article_iri
from kg.extract import Extractor
from kg.ingest import iter_articles
from kg.store import EmbeddedStore


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
                f"{self.failed} failed; {self.triples_added:+d} triples (store: {self.triples_after}); "
                f"{self.seconds:.2f}s, {rate:.1f} articles/s")

    def as_dict(self) -> dict:
        return {"ingested": self.ingested, "added": self.added, "replaced": self.replaced,
                "unchanged": self.unchanged, "failed": self.failed, "triples_added": self.triples_added,
                "triples": self.triples_after, "seconds": round(self.seconds, 3), "errors": self.errors}


def ingest(paths: Iterable[str | Path], store: EmbeddedStore, glob: str = "*",
           overrides: dict[str, str] | None = None,
           on_error: Callable[[str], None] | None = None,
           on_article: Callable[[str, str], None] | None = None,
           extractor: Extractor | None = None) -> IngestSummary:
    """Ingest every article under `paths` into `store`; one bad file never stops the run."""
    started = time.perf_counter()
    summary = IngestSummary(triples_before=len(store))
    extractor = extractor or Extractor()
    for result in iter_articles(paths, glob, overrides):
        if result.error or result.article is None:
            summary.failed += 1
            summary.errors.append(result.error or f"{result.source}: unreadable")
            if on_error:
                on_error(summary.errors[-1])
            continue
        try:
            graph = article_graph(extractor(result.article))
        except Exception as exc:  # one bad article must not abort a batch
            summary.failed += 1
            summary.errors.append(f"{result.source}: extraction failed: {type(exc).__name__}: {exc}")
            if on_error:
                on_error(summary.errors[-1])
            continue
        outcome = store.replace_graph(article_iri(result.article), graph)
        setattr(summary, outcome, getattr(summary, outcome) + 1)
        if on_article:
            on_article(result.source, outcome)
    summary.triples_after = len(store)
    summary.seconds = time.perf_counter() - started
    return summary
