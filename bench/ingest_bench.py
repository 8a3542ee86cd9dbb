"""Ingest benchmark: a generated corpus of N articles (default 10,000) through `kg ingest` at --jobs 1
and --jobs 2; prints articles/s, triples/s into the store and peak memory as a Markdown table."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
KG = str(Path(sys.executable).with_name("kg"))
MEASURE = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
           "print(p.stdout.strip()); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def run(corpus: Path, store: Path, jobs: int) -> dict:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", MEASURE, KG, "ingest", str(corpus), "--store", str(store),
                           "--jobs", str(jobs), "--json"], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    summary_line, peak_kb = proc.stdout.strip().splitlines()[-2:]
    summary = json.loads(summary_line)
    return {"jobs": jobs, "articles": summary["ingested"], "failed": summary["failed"], "seconds": seconds,
            "triples": summary["triples_added"], "peak_mb": int(peak_kb) / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(args.n), str(corpus)], check=True)
        rows = [run(corpus, Path(tmp) / f"store{jobs}", jobs) for jobs in (1, 2)]
    print(f"\ningest of {args.n:,} generated articles (wall clock, including start-up)\n")
    print("| jobs | articles | failed | seconds | articles/s | triples/s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['jobs']} | {r['articles']:,} | {r['failed']} | {r['seconds']:.1f} | "
              f"{r['articles'] / r['seconds']:.0f} | {r['triples'] / r['seconds']:,.0f} | {r['peak_mb']:.0f} |")


if __name__ == "__main__":
    main()
