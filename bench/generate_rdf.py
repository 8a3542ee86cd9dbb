"""Synthetic graphs shaped like conflict-kg's: one named graph per article, actors with Zipf popularity
shared across articles, statements (quote, speaker, outlet), proposals with commitments and targets,
events, provenance and evidence. Written as N-Quads.

    python bench/generate_rdf.py 1000000 out.nq
"""

from __future__ import annotations

import argparse
import random
import sys

CKG = "https://w3id.org/conflict-kg/ontology#"
ID = "https://w3id.org/conflict-kg/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
TITLE = "http://purl.org/dc/terms/title"
DATE = "http://purl.org/dc/terms/date"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
ACTOR_CLASSES = ["Person"] * 6 + ["Country", "GovernmentBody", "Organization", "MediaOutlet"]
TARGET_CLASSES = ["OilRefinery", "PowerPlant", "Substation", "Port", "EnergyInfrastructure", "Tanker"]


def lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


NODES = "https://w3id.org/conflict-kg/graph/nodes"
DESCRIBED: set[str] = set()


class Writer:
    """Quads of one article graph; a shared node's type and label go once to the nodes graph (kg's layout)."""

    def __init__(self, out, graph: str):
        self.out, self.g, self.n, self.seen = out, graph, 0, set()

    def t(self, s: str, p: str, o: str) -> None:
        """One quad; a repeat in the same graph (a popular actor named twice) is written once, as a store holds it."""
        if (s, p, o) in self.seen:
            return
        self.seen.add((s, p, o))
        self.out.write(f"<{s}> <{p}> {o} <{self.g}> .\n")
        self.n += 1

    def describe(self, s: str, cls: str, label: str | None = None) -> None:
        if s in DESCRIBED:
            return
        DESCRIBED.add(s)
        self.out.write(f"<{s}> <{RDF_TYPE}> <{CKG}{cls}> <{NODES}> .\n")
        if label:
            self.out.write(f"<{s}> <{LABEL}> {label} <{NODES}> .\n")
        self.n += 2 if label else 1


def actor(r: random.Random, n_actors: int) -> tuple[str, str]:
    k = min(int(r.paretovariate(1.1)) - 1, n_actors - 1)
    return f"{ID}actor/a{k}", ACTOR_CLASSES[k % len(ACTOR_CLASSES)]


def article(out, i: int, r: random.Random, n_actors: int) -> int:
    art = f"{ID}article/{i:08x}"
    w = Writer(out, art)
    w.t(art, RDF_TYPE, f"<{CKG}Article>")
    w.t(art, TITLE, lit(f"Article {i} on strikes and talks"))
    w.t(art, DATE, f'"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"^^<{XSD_DATE}>')
    actors = [actor(r, n_actors) for _ in range(6)]
    for iri, cls in actors:
        w.describe(iri, cls, lit(f"Actor {iri.rsplit('a', 1)[-1]}") + "@en")
        w.t(iri, DERIVED, f"<{art}>")
    for k in range(3):
        s = f"{ID}statement/{i:08x}-{k}"
        sentence = lit(f"Sentence {k} of article {i}, where an actor said something about the truce.")
        w.t(s, RDF_TYPE, f"<{CKG}Statement>")
        w.t(s, LABEL, lit(f"statement {i}/{k}") + "@en")
        w.t(s, f"{CKG}quote", lit(f"We will not accept this truce ({i}/{k})"))
        w.t(s, f"{CKG}speaker", f"<{actors[k][0]}>")
        w.t(s, f"{CKG}reportedBy", f"<{actors[5][0]}>")
        w.t(s, DERIVED, f"<{art}>")
        w.t(s, f"{CKG}evidence", sentence)
    p = f"{ID}proposal/{i:08x}"
    w.t(p, RDF_TYPE, f"<{CKG}Proposal>")
    w.t(p, LABEL, lit(f"truce {i}") + "@en")
    w.t(p, f"{CKG}status", lit(r.choice(["proposed", "agreed", "under discussion"])))
    w.t(p, f"{CKG}proposedBy", f"<{actors[3][0]}>")
    w.t(p, DERIVED, f"<{art}>")
    for k in range(2):
        c = f"{p}/c{k}"
        w.t(c, RDF_TYPE, f"<{CKG}Commitment>")
        w.t(c, LABEL, lit(f"commitment {i}/{k}") + "@en")
        w.t(p, f"{CKG}hasCommitment", f"<{c}>")
        w.t(c, f"{CKG}party", f"<{actors[k][0]}>")
        w.t(c, f"{CKG}refrainsFrom", lit("strikes"))
        w.t(c, DERIVED, f"<{art}>")
        for t in r.sample(TARGET_CLASSES, 2):
            target = f"{ID}target/{t.lower()}"
            w.describe(target, t, lit(t.lower()) + "@en")
            w.t(target, DERIVED, f"<{art}>")
            w.t(c, f"{CKG}concernsTarget", f"<{target}>")
    e = f"{ID}event/{i:08x}"
    w.t(e, RDF_TYPE, f"<{CKG}{r.choice(['Talks', 'Attack', 'Agreement'])}>")
    w.t(e, LABEL, lit(f"event {i}") + "@en")
    w.t(e, f"{CKG}startDate", f'"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"^^<{XSD_DATE}>')
    w.t(e, f"{CKG}participant", f"<{actors[0][0]}>")
    w.t(e, f"{CKG}participant", f"<{actors[1][0]}>")
    w.t(e, DERIVED, f"<{art}>")
    return w.n


def generate(out, triples: int, seed: int = 7) -> int:
    r = random.Random(seed)
    n_actors = max(50, triples // 500)
    written = i = 0
    while written < triples:
        written += article(out, i, r, n_actors)
        i += 1
    return i


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("triples", type=int)
    ap.add_argument("out")
    args = ap.parse_args()
    with open(args.out, "w", encoding="utf-8") as fh:
        articles = generate(fh, args.triples)
    print(f"{articles} articles", file=sys.stderr)


if __name__ == "__main__":
    main()
