"""Where kg's extraction spends its CPU time on the corpus: the tokenizer pass, each trained component (run
on the sentences kg selects), and each rule stage of Extractor.__call__. A developer's tool (run by
``extract_bench.py --stages``): the stage functions are wrapped with timers in this process only.

    python bench/extract_stages.py [--repeat 2] [corpus_dir]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import kg.extract.pipeline as kp
from kg.extract import Extractor
from kg.ingest import read_file

STAGES = ("longest_matches", "name_sentences", "add_entities", "find_quotes", "add_lexicon_actors", "add_names",
          "add_unnamed_sources", "add_named_facilities", "add_category_targets", "add_model_entities",
          "add_statements", "extract_proposals", "extract_events", "story_layer")
SPENT: Counter[str] = Counter()


def timed(name: str, fn):
    """fn with its CPU time added to SPENT[name]; a generator's results are drawn inside the timer."""
    def run(*args, **kwargs):
        started = time.process_time()
        out = fn(*args, **kwargs)
        out = list(out) if hasattr(out, "__next__") else out
        SPENT[name] += time.process_time() - started
        return out
    return run


class TimedComponent:
    """A pipeline component whose own CPU time is counted: the docs it gets are drawn before the timer starts
    (so upstream components are not counted in it)."""

    def __init__(self, name: str, proc):
        self.name, self.proc = name, proc

    def __call__(self, doc):
        started = time.process_time()
        doc = self.proc(doc)
        SPENT["model: " + self.name] += time.process_time() - started
        return doc

    def pipe(self, stream, **kwargs):
        docs = list(stream)
        started = time.process_time()
        out = list(self.proc.pipe(docs, **kwargs)) if hasattr(self.proc, "pipe") else [self.proc(d) for d in docs]
        SPENT["model: " + self.name] += time.process_time() - started
        yield from out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path, nargs="?", default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    articles = [read_file(p) for p in sorted(args.corpus.glob("*.txt"))]
    extractor = Extractor()
    extractor(articles[0])
    for name in STAGES:
        setattr(kp, name, timed(name, getattr(kp, name)))
    tokens = extractor.nlp
    extractor.nlp = timed("tokenizer pass", tokens)
    trained = extractor.pipes.trained
    trained._components = [(n, TimedComponent(n, p)) for n, p in trained._components]
    kp.parse_sentences = timed("parse_sentences", kp.parse_sentences)
    started = time.process_time()
    for _ in range(args.repeat):
        for a in articles:
            extractor(a)
    total = time.process_time() - started
    print(f"kg CPU seconds per stage, {len(articles)} articles x{args.repeat}")
    print("| stage | CPU s | share |")
    print("|---|---|---|")
    for name, spent in [("total", total), *sorted(SPENT.items(), key=lambda kv: -kv[1])]:
        print(f"| {name} | {spent:.2f} | {spent / total:.0%} |")
    print(f"| other (in __call__) | {total - sum(v for k, v in SPENT.items() if not k.startswith('model: ')):.2f} | |")


if __name__ == "__main__":
    main()
