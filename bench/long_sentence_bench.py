"""Overlong-sentence benchmark (issue 14 item 9): one-sentence articles of 50 KB, 200 KB, 700 KB and 2 MB
(invented words and names, commas, no full stop; and a news-like clause repeated with commas) through
`kg ingest`; prints wall and CPU seconds, CPU seconds per 100 KB and peak RSS as a Markdown table. Memory
should stay flat whatever the size (sentences are bounded by kg/extract/sentcap.py, an article over 100 KB
is extracted in segments by kg/extract/segments.py) and CPU time grow linearly with it."""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KG = str(Path(sys.executable).with_name("kg"))
MEASURE = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
           "print(p.returncode); u = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "print(u.ru_utime + u.ru_stime); print(u.ru_maxrss)")
SYLLABLES = ["ka", "lo", "mir", "ta", "ven", "so", "ru", "del", "an", "ik", "por", "zu", "bel", "no", "tar"]
CLAUSE = ("the foreign minister of Veloria, Anna Kestrel, said on Tuesday that her government would accept a "
          "thirty-day pause in strikes on energy facilities if Dravia stopped its drone attacks on the port of "
          "Mirsk, and that talks in Genoa would continue")


def invented(size: int, seed: int = 1) -> str:
    """Invented words, one in seven a two-word capitalised name, one in eight followed by a comma."""
    rng = random.Random(seed)
    words, length = [], 0
    while length < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.15:
            word = word.capitalize() + " " + "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
        word += "," if rng.random() < 0.12 else ""
        words.append(word)
        length += len(word) + 1
    return " ".join(words).rstrip(",")


def repeated(size: int) -> str:
    """A news-like clause repeated, joined by commas: one sentence of real-looking words."""
    return ", ".join([CLAUSE] * (size // (len(CLAUSE) + 2) + 1))


def run(text: str, tmp: Path, name: str) -> dict:
    path = tmp / f"{name}.txt"
    path.write_text("A run-on text\n\n" + text + "\n", encoding="utf-8")
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", MEASURE, KG, "ingest", str(path), "--store", str(tmp / name)],
                          capture_output=True, text=True, check=True)
    rc, cpu, peak_kb = proc.stdout.split()[-3:]
    return {"name": name, "kb": len(text) / 1000, "ok": rc == "0", "seconds": time.perf_counter() - started,
            "cpu": float(cpu), "peak_mb": int(peak_kb) / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[50_000, 200_000, 700_000, 2_000_000])
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind, make in (("invented", invented), ("repeated", repeated)):
            for size in args.sizes:
                rows.append(run(make(size)[:size], Path(tmp), f"{kind}-{size // 1000}k"))
    print("\none-sentence articles through `kg ingest` (one process each, including start-up)\n")
    print("| text | KB | ingested | wall s | CPU s | CPU s per 100 KB | peak RSS MB |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['name']} | {r['kb']:.0f} | {'yes' if r['ok'] else 'NO'} | {r['seconds']:.1f} | "
              f"{r['cpu']:.1f} | {100 * r['cpu'] / r['kb']:.1f} | {r['peak_mb']:.0f} |")


if __name__ == "__main__":
    main()
