"""Extraction throughput on the corpus, one process each: kg's default pipeline (the trained model run only
on the sentences that need it), a plain ``nlp.pipe`` of the same trained model over the same texts (with
spaCy's default BLIS, the baseline, and with the numpy BLAS kg uses, so the share of the gain that is only the
faster BLAS shows), and the rules-only fast mode (KG_SPACY_MODEL=blank). Each system runs in its own
subprocess so peak RSS is its own.
The systems run in turn for --rounds rounds and each keeps its best round, so a burst of load from other
processes on a shared machine does not decide the comparison; the ratio is of CPU seconds (one thread each),
and wall-clock seconds are printed beside them. --stages prints where kg's CPU time goes (extract_stages.py).

    python bench/extract_bench.py [--repeat 4] [--rounds 2] [--corpus ../shared/corpus] [--stages]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYSTEMS = ("kg", "spacy-pipe", "spacy-pipe-numpy-blas", "kg-fast")


def corpus_dir() -> Path:
    shared = ROOT.parent / "shared" / "corpus"
    return shared if shared.is_dir() else ROOT / "tests" / "data" / "corpus"


def run_one(system: str, corpus: Path, repeat: int) -> dict:
    """Time one system in this process (called in a child)."""
    from kg.ingest import read_file

    articles = [read_file(p) for p in sorted(corpus.glob("*.txt"))]
    batch = [dataclasses.replace(articles[i % len(articles)], id=f"b{i}") for i in range(len(articles) * repeat)]
    if system.startswith("spacy-pipe"):
        import spacy
        from thinc.api import use_ops

        from kg.extract.nlp import DEFAULT_MODEL
        with use_ops("numpy", use_blis=system == "spacy-pipe"):  # spaCy's default BLIS, or kg's numpy BLAS
            nlp = spacy.load(DEFAULT_MODEL)
        list(nlp.pipe([articles[0].text]))
        started, cpu = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(a.text for a in batch):
            pass
    else:
        from kg.extract import Extractor
        extractor = Extractor(model="blank" if system == "kg-fast" else None)
        extractor(articles[0])
        started, cpu = time.perf_counter(), time.process_time()
        for a in batch:
            extractor(a)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    words = sum(len(a.text.split()) for a in batch)
    return {"system": system, "articles": len(batch), "seconds": seconds, "cpu": cpu, "words": words,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=2, help="runs of each system, the best one kept")
    ap.add_argument("--corpus", type=Path, default=corpus_dir())
    ap.add_argument("--stages", action="store_true", help="also print kg's CPU time per stage")
    ap.add_argument("--one", choices=SYSTEMS, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.corpus, args.repeat)))
        return
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    best: dict[str, dict] = {}
    for _ in range(args.rounds):
        for system in SYSTEMS:
            out = subprocess.run([sys.executable, __file__, "--one", system, "--repeat", str(args.repeat),
                                  "--corpus", str(args.corpus)], capture_output=True, text=True, env=env, check=True)
            row = json.loads(out.stdout.strip().splitlines()[-1])
            if system not in best or row["cpu"] < best[system]["cpu"]:
                best[system] = row
    rows = [best[s] for s in SYSTEMS]
    base = best["spacy-pipe"]
    print(f"corpus {args.corpus} x{args.repeat}, one process, one thread each, best of {args.rounds} rounds")
    print("| system | articles | CPU s | wall s | articles/CPU s | x spacy nlp.pipe (CPU) | peak RSS MB |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        rate = r["articles"] / r["cpu"]
        print(f"| {r['system']} | {r['articles']} | {r['cpu']:.2f} | {r['seconds']:.2f} | {rate:.1f} | "
              f"{rate / (base['articles'] / base['cpu']):.2f} | {r['peak_mb']:.0f} |")
    if args.stages:
        out = subprocess.run([sys.executable, str(ROOT / "bench" / "extract_stages.py"), "--repeat", str(args.repeat),
                              str(args.corpus)], capture_output=True, text=True, env=env, check=True, cwd=ROOT)
        print(out.stdout, end="")


if __name__ == "__main__":
    main()
