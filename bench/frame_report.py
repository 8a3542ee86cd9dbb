"""Which frames fire on a corpus, how often, and which never do (a developer's tool).

    python bench/frame_report.py [CORPUS_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.extract import Extractor
from kg.extract.frames import FIRED, load_frames
from kg.ingest import read_file

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    extractor = Extractor()
    for path in sorted(corpus.glob("*.txt")):
        extractor(read_file(path))
    print(f"| frame | kind | matches on {corpus.name} |")
    print("|---|---|---|")
    for frame in load_frames():
        print(f"| {frame.id} | {frame.kind} | {FIRED.get(frame.id, 0)} |")
    never = [f.id for f in load_frames() if not FIRED.get(f.id)]
    print("never fired:", ", ".join(never) or "none")


if __name__ == "__main__":
    main()
