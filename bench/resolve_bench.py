"""Resolution benchmark: `kg ingest` of N generated articles with cross-article resolution on and off
(same corpus, --jobs 1), and `kg resolve` alone over the finished store; prints a Markdown table per size
and the on/off ratio (target: within 1.5x at 10,000) and how the resolution time grows with N.

    python bench/resolve_bench.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
KG = str(Path(sys.executable).with_name("kg"))


def timed(args: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, proc.stdout


def measure(n: int, tmp: Path) -> dict:
    corpus = tmp / f"corpus{n}.jsonl"
    subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(n), str(corpus)], check=True)
    off, _ = timed([KG, "ingest", str(corpus), "--store", str(tmp / f"off{n}"), "--json", "--no-resolve"])
    on, _ = timed([KG, "ingest", str(corpus), "--store", str(tmp / f"on{n}"), "--json"])
    alone, out = timed([KG, "resolve", "--store", str(tmp / f"on{n}"), "--json"])
    summary = json.loads(out)["summary"]
    return {"n": n, "off": off, "on": on, "resolve": alone, "summary": summary}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            rows.append(measure(n, Path(tmp)))
    print("\ningest of generated articles, resolution off / on (wall clock, --jobs 1)\n")
    print("| articles | ingest, no resolution s | ingest with resolution s | ratio | kg resolve alone s | "
          "resolve s per 1k articles | resolve s / (n log2 n) x 1e6 |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        n = r["n"]
        print(f"| {n:,} | {r['off']:.1f} | {r['on']:.1f} | {r['on'] / r['off']:.2f} | {r['resolve']:.1f} | "
              f"{1000 * r['resolve'] / n:.2f} | {1e6 * r['resolve'] / (n * math.log2(n)):.2f} |")
    for r in rows:
        print(f"  {r['n']:,}: {r['summary']}")


if __name__ == "__main__":
    main()
