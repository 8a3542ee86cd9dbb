"""Streaming benchmark: `kg query` writing answers of N rows (about 300 bytes each, made by VALUES
cross joins, so no large store is needed) in every format; prints rows/s, MB written and peak memory as
a Markdown table. Peak memory must not grow with N."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KG = str(Path(sys.executable).with_name("kg"))
PROBE = ("import resource, subprocess, sys\n"
         "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE)\n"
         "n = 0\n"
         "while chunk := p.stdout.read(1 << 20):\n    n += len(chunk)\n"
         "p.wait()\n"
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, n, p.returncode)\n")


def query(rows: int) -> str:
    side = round(rows ** (1 / 3))
    values = " ".join(f'"{i:04d}{"x" * 94}"' for i in range(side))
    return f"SELECT ?a ?b ?c WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} VALUES ?c {{ {values} }} }}"


def measure(store: Path, rows: int, fmt: str) -> dict:
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", PROBE, KG, "query", "-e", query(rows), "--store", str(store),
                          "--format", fmt], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    rss, size, rc = (int(x) for x in out.stdout.split())
    assert rc == 0, out.stderr
    real_rows = round(rows ** (1 / 3)) ** 3
    return {"fmt": fmt, "rows": real_rows, "mb": size / 1e6, "seconds": seconds, "rows_s": real_rows / seconds,
            "peak_mb": rss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", default="100000,1000000", help="comma-separated answer sizes")
    ap.add_argument("--formats", default="csv,tsv,json")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "s"
        subprocess.run([KG, "import", str(Path(__file__).resolve().parent.parent / "ontology" / "conflict-kg.ttl"),
                        "--store", str(store)], check=True, capture_output=True)
        print("| format | rows | MB written | seconds | rows/s | peak MB |\n|---|---:|---:|---:|---:|---:|")
        for fmt in args.formats.split(","):
            for rows in (int(r) for r in args.rows.split(",")):
                m = measure(store, rows, fmt)
                print(f"| {m['fmt']} | {m['rows']:,} | {m['mb']:.0f} | {m['seconds']:.1f} | {m['rows_s']:,.0f} | "
                      f"{m['peak_mb']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
