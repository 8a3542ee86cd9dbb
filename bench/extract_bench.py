"""Extraction throughput: the bundled corpus repeated to 1,000 articles, one process; peak memory."""

from __future__ import annotations

import dataclasses
import resource
import time
from pathlib import Path

from kg.extract import Extractor
from kg.ingest import read_file

ROOT = Path(__file__).resolve().parent.parent


def main(n: int = 1000) -> None:
    articles = [read_file(p) for p in sorted((ROOT / "examples" / "articles").glob("*.txt"))]
    extractor = Extractor()
    extractor(articles[0])  # warm-up: build matchers once
    batch = [dataclasses.replace(articles[i % len(articles)], id=f"bench{i}") for i in range(n)]
    started = time.perf_counter()
    for a in batch:
        extractor(a)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("| benchmark | articles | seconds | articles/s | peak RSS MB |")
    print("|---|---|---|---|---|")
    print(f"| extraction, 1 process | {n} | {seconds:.2f} | {n / seconds:.1f} | {peak:.0f} |")


if __name__ == "__main__":
    main()
