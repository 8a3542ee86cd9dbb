"""Cluster benchmark: N generated articles (default 10,000) through `kg ingest --jobs 2` and through
`kg ingest --cluster local:2` (a Dask LocalCluster of two worker processes), into the embedded store and
into an Oxigraph server on 127.0.0.1 (where the workers write themselves); then the server's own write rate
for prebuilt article graphs from 1, 2 and 4 concurrent writers. Prints Markdown tables: wall clock with
start-up, the summary's own seconds (store open to last write), the cluster's overhead against --jobs 2,
articles/s per worker.

    python bench/cluster_bench.py [-n 10000] [--writes 2000] [--stores embedded]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
KG = str(Path(sys.executable).with_name("kg"))
STORES = ("embedded", "Oxigraph server")


def server(location: Path):
    sys.path.insert(0, str(ROOT))
    from tests.servers import oxigraph_server

    return oxigraph_server(location)


def run(corpus: Path, store: str, mode: list[str]) -> dict:
    """One `kg ingest` in its own process: wall clock (start-up included) and its summary."""
    started = time.perf_counter()
    proc = subprocess.run([KG, "ingest", str(corpus), "--store", store, "--json", *mode],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        sys.exit(f"kg ingest {' '.join(mode)} failed: {proc.stderr.strip()[-500:]}")
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    return {"mode": " ".join(mode), "articles": summary["ingested"], "failed": summary["failed"],
            "seconds": seconds, "ingest_seconds": summary["seconds"], "triples": summary["triples_added"]}


def write_rates(corpus: Path, work: Path, n: int) -> list[dict]:
    """The Oxigraph server's write rate for whole article graphs (extraction done beforehand), per writer count."""
    from kg.ingest import iter_articles
    from kg.ingest_run import build_one
    from kg.store import open_store

    built = [b for b in map(build_one, iter_articles([corpus])) if not b.error][:n]
    rows = []
    for writers in (1, 2, 4):
        with server(work / f"server-w{writers}") as url, open_store(url) as store:
            started = time.perf_counter()
            with ThreadPoolExecutor(writers) as pool:
                list(pool.map(lambda b: store.put_ntriples(b.iri, b.ntriples), built))
            seconds = time.perf_counter() - started
        triples = sum(b.ntriples.count("\n") for b in built)
        rows.append({"writers": writers, "articles": len(built), "seconds": seconds, "triples": triples})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=10_000, help="generated articles (default 10,000)")
    ap.add_argument("--writes", type=int, default=2_000, help="articles for the server write-rate rows (0: none)")
    ap.add_argument("--stores", nargs="+", choices=STORES, default=list(STORES), help="which stores to run")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(args.n), str(corpus)], check=True)
        rows = []
        for target in (t for t in STORES if t in args.stores):
            for mode in (["--jobs", "2"], ["--cluster", "local:2"]):
                tag = mode[-1].replace(":", "")
                if target == "embedded":
                    rows.append({"store": target, **run(corpus, str(work / f"store-{tag}"), mode)})
                    continue
                with server(work / f"server-{tag}") as url:
                    rows.append({"store": target, **run(corpus, url, mode)})
        writes = write_rates(corpus, work, min(args.writes, args.n)) if args.writes else []
    print(f"\ningest of {args.n:,} generated articles on {os.cpu_count()} cores (wall clock, start-up included)\n")
    print("| store | mode | articles | failed | seconds | of which ingest | articles/s | per worker "
          "| overhead vs --jobs 2 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        base = next(b for b in rows if b["store"] == r["store"] and b["mode"] == "--jobs 2")
        overhead = r["seconds"] / base["seconds"] - 1
        rate = r["articles"] / r["seconds"]
        print(f"| {r['store']} | `{r['mode']}` | {r['articles']:,} | {r['failed']} | {r['seconds']:.1f} | "
              f"{r['ingest_seconds']:.1f} | "
              f"{rate:.0f} | {rate / 2:.0f} | {'' if r is base else f'{overhead:+.1%}'} |")
    if not writes:
        return
    print(f"\nOxigraph server write rate: {writes[0]['articles']:,} prebuilt article graphs "
          f"({writes[0]['triples'] / writes[0]['articles']:.0f} triples each), whole-graph writes over HTTP\n")
    print("| writers | seconds | articles/s | triples/s |")
    print("|---|---|---|---|")
    for w in writes:
        print(f"| {w['writers']} | {w['seconds']:.1f} | {w['articles'] / w['seconds']:.0f} | "
              f"{w['triples'] / w['seconds']:,.0f} |")


if __name__ == "__main__":
    main()
