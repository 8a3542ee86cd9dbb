"""Store benchmark: the same synthetic data (bench/generate_rdf.py) loaded, queried and exported by
kg (embedded), raw pyoxigraph on the same storage, rdflib's in-memory Dataset, and kg over HTTP to an
Oxigraph server. Medians of --repeat runs; each system runs in its own process so its peak memory is its own.

    python bench/store_bench.py --sizes 100000,1000000 --repeat 5
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ACTOR = "Actor 1"
JOIN = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
SELECT ?p ?party ?target WHERE { ?p ckg:hasCommitment ?c . ?c ckg:party ?party ; ckg:concernsTarget ?target }"""
QUERIES = {"statements of one actor": ("quotes-by-actor", {"actor": ACTOR}),
           "top actors by articles": ("actors-by-articles", {}),
           "proposals x commitments x targets": (None, {}),
           "co-quoted actors": ("co-quoted", {})}


LIMIT = 600.0  # seconds one run of an operation may take before it is reported as "> LIMIT" (--limit)
SKIP: set[str] = set()  # operations already over LIMIT on a smaller graph: not run again, reported "> LIMIT"


class TooSlow(Exception):
    pass


def alarm(signum, frame):  # noqa: ARG001
    raise TooSlow


def timed(label: str, fn, repeat: int) -> float:
    """Median wall time of `repeat` runs; an operation over LIMIT stops and counts as infinite."""
    if label in SKIP:
        return float("inf")
    signal.signal(signal.SIGALRM, alarm)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, LIMIT)
        try:
            fn()
        except TooSlow:
            return float("inf")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def query_text(name: str | None) -> str:
    if name is None:
        return JOIN
    sys.path.insert(0, str(ROOT))
    from kg.query import find_query

    return find_query(name).text


def run_kg(data: Path, work: Path, repeat: int, remote: str | None) -> dict:
    import shutil

    from kg.export import export_rdf
    from kg.importer import import_files
    from kg.query import answer
    from kg.store import open_store
    from kg.validate import validate_store

    out: dict = {}

    def load():
        if remote:
            import urllib.request
            urllib.request.urlopen(urllib.request.Request(remote + "/store", method="DELETE")).read()
            req = urllib.request.Request(remote + "/store", data=data.read_bytes(), method="POST",
                                         headers={"Content-Type": "application/n-quads"})
            urllib.request.urlopen(req).read()
            return
        shutil.rmtree(work / "kg", ignore_errors=True)
        with open_store(work / "kg") as store:
            import_files(store, [data])

    out["load"] = timed("load", load, repeat)
    if out["load"] == float("inf"):  # nothing (or half) loaded: the other figures would mean nothing
        return out
    with open_store(remote or work / "kg") as store:
        for label, (name, params) in QUERIES.items():
            text = query_text(name)
            out[label] = timed(label, lambda t=text, p=params: answer(store, t, p, "csv"), repeat)
        with open(os.devnull, "wb") as sink:
            out["turtle export"] = timed("turtle export", lambda: export_rdf(store, "turtle", sink), repeat)
        if not remote:
            out["kg validate (SHACL)"] = timed("kg validate (SHACL)", lambda: validate_store(store, reasoner=False),
                                                  repeat)
    return out


def run_pyoxigraph(data: Path, work: Path, repeat: int) -> dict:
    import shutil

    import pyoxigraph as ox

    sys.path.insert(0, str(ROOT))
    from kg.query.run import bind

    out: dict = {}
    path = work / "ox"

    ontology = ROOT / "ontology" / "conflict-kg.ttl"

    def load():  # the same data as kg holds: the articles and the ontology in its own graph
        shutil.rmtree(path, ignore_errors=True)
        s = ox.Store(str(path))
        s.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        s.bulk_load(path=str(ontology), format=ox.RdfFormat.TURTLE,
                    to_graph=ox.NamedNode("https://w3id.org/conflict-kg/graph/ontology"))
        del s

    out["load"] = timed("load", load, repeat)
    if out["load"] == float("inf"):  # nothing (or half) loaded: the other figures would mean nothing
        return out
    store = ox.Store(str(path))
    for label, (name, params) in QUERIES.items():
        text = bind(query_text(name), params)
        out[label] = timed(label, lambda t=text: store.query(t, use_default_graph_as_union=True).serialize(
            format=ox.QueryResultsFormat.CSV), repeat)

    def export():
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store}
        with open(os.devnull, "wb") as sink:
            ox.serialize(triples, sink, format=ox.RdfFormat.TURTLE)

    out["turtle export"] = timed("turtle export", export, repeat)
    return out


def run_rdflib(data: Path, work: Path, repeat: int) -> dict:
    from rdflib import Dataset, URIRef

    sys.path.insert(0, str(ROOT))
    from kg.query.run import bind

    out: dict = {}
    holder: dict = {}

    def load():
        ds = Dataset(default_union=True)
        ds.parse(data, format="nquads")
        ds.graph(URIRef("https://w3id.org/conflict-kg/graph/ontology")).parse(
            ROOT / "ontology" / "conflict-kg.ttl", format="turtle")
        holder["ds"] = ds

    out["load"] = timed("load", load, repeat)
    if out["load"] == float("inf"):  # nothing (or half) loaded: the other figures would mean nothing
        return out
    ds = holder["ds"]
    for label, (name, params) in QUERIES.items():
        text = bind(query_text(name), params)
        out[label] = timed(label, lambda t=text: ds.query(t).serialize(format="csv"), repeat)
    out["turtle export"] = timed("turtle export", lambda: ds.serialize(format="turtle"), repeat)
    return out


def worker(system: str, data: Path, repeat: int, remote: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if system == "rdflib":
            out = run_rdflib(data, work, repeat)
        elif system == "pyoxigraph":
            out = run_pyoxigraph(data, work, repeat)
        else:
            out = run_kg(data, work, repeat, remote)
    out["peak RSS MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def measure(system: str, data: Path, repeat: int, remote: str | None = None, skip: set[str] = frozenset()) -> dict:
    cmd = [sys.executable, __file__, "--worker", system, "--data", str(data), "--repeat", str(repeat),
           "--limit", str(LIMIT), "--skip", ",".join(sorted(skip))]
    if remote:
        cmd += ["--remote", remote]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def server(location: Path):
    sys.path.insert(0, str(ROOT))
    from tests.servers import oxigraph_server

    return oxigraph_server(location)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100000")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--systems", default="kg,pyoxigraph,rdflib,remote")
    ap.add_argument("--worker")
    ap.add_argument("--data", type=Path)
    ap.add_argument("--remote")
    ap.add_argument("--limit", type=float, default=LIMIT, help="seconds one run may take (default %(default)s)")
    ap.add_argument("--skip", default="", help=argparse.SUPPRESS)
    args = ap.parse_args()
    globals()["LIMIT"] = args.limit
    SKIP.update(filter(None, args.skip.split(",")))
    if args.worker:
        worker(args.worker, args.data, args.repeat, args.remote)
        return
    systems = args.systems.split(",")
    too_slow: dict[str, set[str]] = {s: set() for s in systems}  # grows with the graph: not retried when larger
    results: list[tuple[int, dict]] = []
    for size in sorted(map(int, args.sizes.split(","))):
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data.nq"
            subprocess.run([sys.executable, str(HERE / "generate_rdf.py"), str(size), str(data)], check=True,
                           capture_output=True)
            with open(data, "rb") as fh:
                triples = sum(1 for _ in fh)
            rows = {}
            for system in systems:
                if system == "remote":
                    with server(Path(tmp) / "server") as url:
                        rows["kg over HTTP (Oxigraph server)"] = measure("kg", data, args.repeat, url,
                                                                         too_slow[system])
                else:
                    name = {"kg": "kg (embedded)", "pyoxigraph": "pyoxigraph (raw, on disk)",
                            "rdflib": "rdflib in-memory Dataset"}[system]
                    rows[name] = measure(system, data, args.repeat, skip=too_slow[system])
            for system, name in zip(systems, rows, strict=True):
                too_slow[system].update(op for op, v in rows[name].items() if v == float("inf"))
        print_table(size, triples, rows, args.repeat)
        results.append((triples, rows))
    print_targets(results)


KG, OX, RDFLIB = "kg (embedded)", "pyoxigraph (raw, on disk)", "rdflib in-memory Dataset"


def print_targets(results: list[tuple[int, dict]]) -> None:
    """The issue's targets at the largest graph: kg / pyoxigraph time ratios, rdflib / kg speed-ups, and
    memory per quad as the growth of peak RSS between the smallest and the largest graph."""
    (small, first), (big, last) = results[0], results[-1]
    if KG not in last:
        return
    print(f"\ntargets at {big:,} quads\n\n| operation | kg / pyoxigraph | rdflib / kg |\n|---|---|---|")
    for op in last[KG]:
        if op == "peak RSS MB":
            continue
        cells = [ratio(last.get(a, {}).get(op), last.get(b, {}).get(op)) for a, b in ((KG, OX), (RDFLIB, KG))]
        print(f"| {op} | " + " | ".join(cells) + " |")
    if big > small:
        print(f"\npeak RSS growth per quad from {small:,} to {big:,} quads: " + ", ".join(
            f"{name} {(last[name]['peak RSS MB'] - first[name]['peak RSS MB']) * 1_048_576 / (big - small):,.0f} B"
            for name in last if name in first))


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == float("inf"):
        return "-"
    return f"> {LIMIT / b:.0f}x" if a == float("inf") else f"{a / b:.2f}x"


def cell(r: dict, c: str) -> str:
    if c not in r:
        return "-"
    if r[c] == float("inf"):
        return f"> {LIMIT:g}"
    return f"{r[c]:.0f}" if c == "peak RSS MB" else f"{r[c]:.3f}"


def print_table(size: int, triples: int, rows: dict, repeat: int) -> None:
    order = ["load", *QUERIES, "turtle export", "kg validate (SHACL)", "peak RSS MB"]
    columns = [c for c in order if any(c in r for r in rows.values())]
    print(f"\n{triples:,} quads (target {size:,}), seconds, medians of {repeat} runs; "
          f"> {LIMIT:g}: stopped after {LIMIT:g} s (here or on a smaller graph)\n")
    print("| system | " + " | ".join(columns) + " | peak RSS bytes/quad |")
    print("|---|" + "---|" * (len(columns) + 1))
    for name, r in rows.items():
        cells = [cell(r, c) for c in columns]
        per = r["peak RSS MB"] * 1_048_576 / triples
        print(f"| {name} | " + " | ".join(cells) + f" | {per:,.0f} |")


if __name__ == "__main__":
    main()
