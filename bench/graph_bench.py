"""Graph view benchmark: a synthetic store of about --nodes nodes (bench/generate_rdf.py, imported with
`kg import`), `kg graph` timed as a subprocess (wall clock and peak memory), and the page opened in headless
Chromium at 1280x800: time from navigation start to the first complete draw (labels included). Medians of
--repeat runs. Targets: kg graph under 10 s, first draw under 2 s.

    python bench/graph_bench.py --nodes 5000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_rdf import generate  # noqa: E402
from headless import chromium, wait_for  # noqa: E402

KG = str(Path(sys.executable).with_name("kg"))
NODES_PER_TRIPLE = 5000 / 40500  # generate_rdf.py's shape: about 8 quads per node


def build_store(folder: Path, nodes: int) -> Path:
    dump, store = folder / "data.nq", folder / "store"
    with open(dump, "w", encoding="utf-8") as fh:
        generate(fh, int(nodes / NODES_PER_TRIPLE))
    subprocess.run([KG, "import", str(dump), "--store", str(store)], check=True, capture_output=True)
    return store


def cpu_children() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def time_graph(store: Path, out: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of one `kg graph` run (CPU: what this shared machine's load does not inflate),
    and the number of nodes it wrote."""
    t, cpu = time.perf_counter(), cpu_children()
    proc = subprocess.run([KG, "graph", "--store", str(store), "-o", str(out), "--max-nodes", "100000"],
                          check=True, capture_output=True, text=True)
    nodes = int(re.search(r"\((\d+) nodes\)", proc.stdout).group(1))
    return time.perf_counter() - t, cpu_children() - cpu, nodes


def first_draw(page: Path) -> dict:
    """Milliseconds from navigation start to the first draw, and what the default view shows."""
    driver = chromium()
    try:
        driver.get(page.as_uri())
        ms = wait_for(driver, "return window.kgFirstDraw")
        shown = driver.execute_script("return [view.getIds().length, kgLabels.length, NODES.length]")
        t = time.perf_counter()
        driver.execute_script("document.querySelectorAll('input[data-group]')"
                              ".forEach(b => { if (!b.checked) b.click(); });"
                              "document.getElementById('alone') && document.getElementById('alone').click();")
        driver.execute_script("kgNetwork.redraw()")
        all_ms = (time.perf_counter() - t) * 1000
        everything = driver.execute_script("return view.getIds().length")
    finally:
        driver.quit()
    return {"first_draw_ms": ms, "shown": shown[0], "labels": shown[1], "nodes": shown[2],
            "show_all_ms": all_ms, "all_shown": everything}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-graph-bench-") as tmp:
        folder = Path(tmp)
        store = build_store(folder, args.nodes)
        page = folder / "graph.html"
        runs = [time_graph(store, page) for _ in range(args.repeat)]
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size_mb = page.stat().st_size / 1e6
        draws = [first_draw(page) for _ in range(args.repeat)]
    seconds = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    nodes = runs[0][2]
    ms = statistics.median(d["first_draw_ms"] for d in draws)
    show_all = statistics.median(d["show_all_ms"] for d in draws)
    d = draws[0]
    print(f"graph view, {nodes:,} nodes, medians of {args.repeat} runs (targets: kg graph < 10 s, first draw < 2 s)\n")
    print("| nodes | kg graph CPU s | kg graph wall s | peak RSS MB | page MB | first draw ms (1280x800) | "
          "shown by default | labels drawn | show all groups ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(f"| {nodes:,} | {cpu:.2f} | {seconds:.2f} | {peak_mb:.0f} | {size_mb:.1f} | {ms:.0f} | {d['shown']:,} | "
          f"{d['labels']} | {show_all:.0f} ({d['all_shown']:,} nodes) |")
    print(json.dumps({"nodes": nodes, "kg_graph_cpu_s": cpu, "kg_graph_wall_s": seconds, "first_draw_ms": ms}),
          file=sys.stderr)


if __name__ == "__main__":
    main()
