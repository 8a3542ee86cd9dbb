"""Do the trained pipeline's two matrix-product backends agree? Runs en_core_web_sm (every component) over
the sentences of the corpus, the repository's Markdown and test texts and a generated corpus, once with
thinc's BLIS and once with numpy's BLAS (the default of kg/extract/nlp.py), and counts the sentences whose
tags, dependencies, heads, entities or lemmas differ. A developer's tool: the scores differ in their last
bits, so this is the evidence that the annotations do not.

    python bench/gemm_check.py [--generated 300] [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import spacy
from thinc.api import use_ops

from kg.extract import blas
from kg.extract.nlp import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parent.parent


def texts(corpus: Path, generated: int) -> list[str]:
    """The corpus, the repository's Markdown and test texts, and `generated` synthetic articles."""
    out = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    out += [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("**/*.md")) if ".venv" not in p.parts]
    out += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data").glob("**/*.txt"))]
    if generated:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "gen.jsonl"
            subprocess.run([sys.executable, str(ROOT / "bench" / "generate_corpus.py"), str(generated), str(path),
                            "--seed", "11"], check=True, capture_output=True)
            out += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    return out


def annotations(nlp, sents: list[str]) -> list[list[tuple]]:
    with blas.one_thread():
        return [[(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.lemma_) for t in doc]
                for doc in nlp.pipe(sents, batch_size=32)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--generated", type=int, default=300)
    args = ap.parse_args()
    splitter = spacy.blank("en")
    splitter.add_pipe("sentencizer")
    sents = [s.text for t in texts(args.corpus, args.generated) for s in splitter(t).sents if 3 <= len(s) <= 150]
    with use_ops("numpy", use_blis=True):
        blis = annotations(spacy.load(DEFAULT_MODEL), sents)
    with use_ops("numpy", use_blis=False):
        numpy_blas = annotations(spacy.load(DEFAULT_MODEL), sents)
    differ = [i for i, (a, b) in enumerate(zip(blis, numpy_blas, strict=True)) if a != b]
    print(f"{len(sents)} sentences, {sum(map(len, blis))} tokens: {len(differ)} sentences annotated differently")
    for i in differ[:10]:
        print(" ", sents[i][:160])


if __name__ == "__main__":
    main()
