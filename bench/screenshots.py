"""The README's two screenshots of the graph view, made from the bundled articles so they stay true:
docs/graph-overview.png (the default 1280x800 view) and docs/graph-proposal.png (the best-connected
proposal focused, with its panel).

    python bench/screenshots.py            # writes both PNGs under docs/
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from headless import chromium, wait_for  # noqa: E402

from kg.export.html import write_html  # noqa: E402
from kg.export.view import view_network  # noqa: E402
from kg.ingest_run import ingest  # noqa: E402
from kg.store import open_store  # noqa: E402

PROPOSAL = """return NODES.filter(n => n.cls === 'Proposal')
  .sort((a, b) => b.weight - a.weight || (a.label < b.label ? -1 : 1))[0].id"""


def page_of(articles: Path, folder: Path, title: str) -> Path:
    with open_store(folder / "store") as store:
        ingest([articles], store)
        net = view_network(store)
    page = folder / "graph.html"
    write_html(net, page, title)
    return page


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=Path, default=ROOT / "examples" / "articles")
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kg-shots-") as tmp:
        page = page_of(args.articles, Path(tmp), "conflict-kg: the bundled articles")
        driver = chromium()
        try:
            driver.get(page.as_uri())
            wait_for(driver, "return window.kgFirstDraw")
            time.sleep(0.3)
            driver.save_screenshot(str(args.out / "graph-overview.png"))
            driver.execute_script("kgFocus(arguments[0])", driver.execute_script(PROPOSAL))
            time.sleep(0.3)
            driver.save_screenshot(str(args.out / "graph-proposal.png"))
        finally:
            driver.quit()
    print(f"wrote {args.out / 'graph-overview.png'} and {args.out / 'graph-proposal.png'}")


if __name__ == "__main__":
    main()
