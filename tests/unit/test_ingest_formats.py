"""Every input format: HTML, JSON, JSON Lines (with a field mapping), RSS, Atom, and standard input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kg.ingest import iter_articles

HTML = """<html><head><title>Drones hit Izmail port - Harbour Wire</title>
<meta property="og:site_name" content="Harbour Wire"><meta name="date" content="2025-07-10">
<link rel="canonical" href="https://harbour.example/news/izmail"></head>
<body><nav>Home | World news | Share: 244</nav>
<article><h1>Drones hit Izmail port</h1>
<p>Russian drones struck the port of Izmail on Monday, damaging a grain terminal, officials said.</p>
<p>"We will rebuild the terminal within weeks," said Oleh Kiper, head of the Odesa regional military
administration.</p></article>
<aside><h3>Related articles</h3><ul><li><a href="/x">Other story about tanks</a></li></ul></aside>
<footer>Copyright Harbour Wire</footer></body></html>"""

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Front Line Feed</title>
<item><title>Talks in Riyadh</title><link>https://feed.example/1</link>
<pubDate>Sun, 23 Mar 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;US officials held talks with Ukraine in Riyadh on Sunday.&lt;/p&gt;</description></item>
<item><title>Refinery hit</title><link>https://feed.example/2</link>
<pubDate>Tue, 01 Apr 2025 08:00:00 GMT</pubDate>
<description>Ukrainian drones hit the Saratov oil refinery, Russia said.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Desk</title><entry><title>Grid repairs</title><link href="https://atom.example/a"/>
<updated>2025-10-09T12:00:00Z</updated><content type="html">Ukrenergo said repairs would take weeks.</content>
</entry></feed>"""


def articles(path, **kw):
    return [r for r in iter_articles([path], **kw)]


def test_ingest_html_main_text_and_metadata_without_furniture(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(HTML)
    (r,) = articles(p)
    a = r.article
    assert a.title == "Drones hit Izmail port" and a.publisher == "Harbour Wire"
    assert a.url == "https://harbour.example/news/izmail" and a.date.isoformat() == "2025-07-10"
    assert "port of Izmail" in a.text and "We will rebuild" in a.text
    for furniture in ("Share: 244", "Related articles", "Other story about tanks", "Copyright"):
        assert furniture not in a.text


def test_ingest_jsonl_usual_fields_and_mapping(tmp_path):
    p = tmp_path / "scrape.jsonl"
    rows = [{"headline": "A", "maintext": "Russia and Ukraine met in Riyadh.", "date_publish": "2025-03-23 10:00",
             "url": "https://x.example/a", "source_domain": "x.example"},
            {"title": "B", "body_html": "Kyiv said the talks went well.", "published": "2025-03-24"}]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    got = articles(p)
    assert got[0].article.title == "A" and got[0].article.date.isoformat() == "2025-03-23"
    assert got[0].article.publisher == "x.example" and got[0].source.endswith(":1")
    assert got[1].error and "--field text=NAME" in got[1].error and ":2" in got[1].error
    mapped = articles(p, fields={"text": "body_html"})
    assert mapped[1].article.text == "Kyiv said the talks went well."


def test_ingest_json_array(tmp_path):
    p = tmp_path / "dump.json"
    p.write_text(json.dumps({"articles": [{"title": "One", "text": "Moscow rejected the plan."},
                                          {"title": "Two", "content": "Kyiv accepted the plan."}]}))
    assert [r.article.title for r in articles(p)] == ["One", "Two"]


def test_ingest_rss_and_atom(tmp_path):
    rss, atom = tmp_path / "f.rss", tmp_path / "f.atom"
    rss.write_text(RSS)
    atom.write_text(ATOM)
    got = articles(rss)
    assert [r.article.publisher for r in got] == ["Front Line Feed"] * 2
    assert got[0].article.text == "US officials held talks with Ukraine in Riyadh on Sunday."
    assert got[0].article.date.isoformat() == "2025-03-23" and got[1].article.url == "https://feed.example/2"
    (a,) = articles(atom)
    assert a.article.publisher == "Atom Desk" and "Ukrenergo" in a.article.text


def test_ingest_stdin(tmp_path):
    kg = Path(sys.executable).with_name("kg")
    proc = subprocess.run([str(kg), "ingest", "-", "--store", str(tmp_path / "s"), "--date", "2025-03-21",
                           "--json"], input="Russian drones struck a substation in Dnipro on Tuesday.",
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["added"] == 1


def test_ingest_same_article_in_two_files_is_one_article(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.md"
    a.write_text("---\ntitle: x\n---\nRussia and Ukraine met.\n")
    b.write_text("---\ntitle: x\n---\nRussia  and Ukraine met.\n")
    ids = {r.article.id for r in iter_articles([a, b])}
    assert len(ids) == 1
