"""The HTML graph in real headless Chromium (1280x800) with networking disabled, on a real store of the
whole shared corpus (tests/data/corpus and tests/data/corpus-new)."""

from __future__ import annotations

import base64
import shutil
import struct
import time
import xml.etree.ElementTree as ET
import zlib

import pytest

from kg.export.html import write_html
from kg.export.view import view_network
from kg.ingest_run import ingest
from kg.store import open_store
from tests.conftest import CORPUS, write_article

FULL = [CORPUS, CORPUS.parent / "corpus-new"]  # the whole shared corpus, as copied into the fixtures

pytestmark = pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("chromedriver")),
                                reason="Debian chromium and chromium-driver are not installed (make browser)")


def make_driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,800", "--force-device-scale-factor=1",
                 "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    return driver


@pytest.fixture()
def browser():
    driver = make_driver()
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def full_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("full") / "store"
    with open_store(path) as store:
        summary = ingest(FULL, store, glob="*.txt")
    assert summary.failed == 0
    return path


@pytest.fixture(scope="module")
def full_page(full_store, tmp_path_factory):
    page = tmp_path_factory.mktemp("page") / "graph.html"
    with open_store(full_store) as store:
        net = view_network(store)
    write_html(net, page, title="Shared corpus")
    return page


def build_page(tmp_path, extra=None):
    with open_store(tmp_path / "s") as store:
        ingest([CORPUS / "energy-truce-ft.txt"] + ([extra] if extra else []), store)
        net = view_network(store)
    page = tmp_path / "graph.html"
    return page, write_html(net, page)


def wait_for(driver, script, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.2)
    return driver.execute_script(script)


def open_page(driver, page):
    driver.get(page.as_uri())
    assert wait_for(driver, "return window.kgLabels !== undefined && window.kgFirstDraw !== undefined")


def test_html_loads_offline_draws_and_searches(browser, tmp_path):
    page, n = build_page(tmp_path)
    open_page(browser, page)
    assert browser.execute_script("return NODES.length") == n
    drawn = browser.execute_script(
        "const c = document.querySelector('#graph canvas'); const d = c.getContext('2d')"
        ".getImageData(0, 0, c.width, c.height).data; let k = 0;"
        "for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) k++; } return k;")
    assert drawn > 100
    box = browser.find_element("id", "search")
    box.send_keys("Kovalenko")
    assert "found" in browser.find_element("id", "found").text
    first = browser.find_element("css selector", "#results li")
    assert first.text.startswith("Andriy Kovalenko")
    first.click()
    selected = wait_for(browser, "return kgNetwork.getSelectedNodes()")
    assert browser.execute_script("return NODES.find(x => x.id === arguments[0]).label", selected[0]) == \
        "Andriy Kovalenko"


def test_html_default_view_draws_15_to_60_labels_none_overlapping(browser, full_page):
    open_page(browser, full_page)
    assert browser.execute_script("return [window.innerWidth, window.innerHeight]") == [1280, 800]
    boxes = browser.execute_script(
        "return kgLabels.map(b => ({id: b.id, text: b.text, x: b.x, y: b.y, w: b.w, h: b.h}))")
    assert 15 <= len(boxes) <= 60, len(boxes)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or \
                a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"]
            assert apart, (a["text"], b["text"])
    # each box is really under its own node, wide enough for its text, and inside the graph's area
    check = browser.execute_script("""
        const g = document.getElementById('graph'); const m = document.createElement('canvas').getContext('2d');
        m.font = '12px system-ui, sans-serif';
        return kgLabels.map(b => { const p = kgNetwork.canvasToDOM(kgNetwork.getPositions([b.id])[b.id]);
          return {dx: Math.abs(b.x + b.w / 2 - p.x), below: b.y >= p.y, wide: b.w >= m.measureText(b.text).width,
                  inside: b.x >= 0 && b.y >= 0 && b.x + b.w <= g.clientWidth && b.y + b.h <= g.clientHeight,
                  shown: view.get(b.id) !== null}; });""")
    assert all(c["dx"] < 1 and c["below"] and c["wide"] and c["inside"] and c["shown"] for c in check)
    # the hubs are labelled at first sight
    assert any(b["text"].startswith(("Russia", "Ukraine")) for b in boxes)
    # zoomed in, the rest get their labels, still never overlapping
    browser.execute_script("window.kgLabels = null; kgNetwork.moveTo({scale: kgNetwork.getScale() * 4})")
    zoomed = wait_for(browser, "return kgLabels && kgLabels.map(b => [b.id, b.x, b.y, b.w, b.h])")
    assert {z[0] for z in zoomed} - {b["id"] for b in boxes}
    for i, (_, x, y, w, h) in enumerate(zoomed):
        for _, x2, y2, w2, h2 in zoomed[i + 1:]:
            assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y


def test_html_every_panel_lists_all_sources_of_its_node(browser, full_page, full_store):
    with open_store(full_store) as store:
        rows = store.query("SELECT ?n (COUNT(DISTINCT ?a) AS ?k) WHERE { "
                           "?n <http://www.w3.org/ns/prov#wasDerivedFrom> ?a } GROUP BY ?n")
        expected = {str(r[0]): int(r[1]) for r in rows}
    open_page(browser, full_page)
    listed = browser.execute_script("""
        const out = {}; for (const n of NODES) { kgShowPanel(n.id);
          out[n.id] = document.querySelectorAll('#panel li.source').length; } return out;""")
    assert len(listed) > 300
    assert {k: expected[k] for k in listed} == listed
    # zoomed in on it as a reader would, a real click on the biggest hub that no other node then overlaps
    # opens its panel, evidence paired with articles (the whole corpus drawn at once packs the hubs together)
    hub = browser.execute_script("""
        const ids = kgNetwork.body.data.nodes.getIds(); const pos = kgNetwork.getPositions(ids);
        const clear = id => { const c = kgNetwork.canvasToDOM(pos[id]); return ids.every(o => o === id ||
            Math.hypot(kgNetwork.canvasToDOM(pos[o]).x - c.x, kgNetwork.canvasToDOM(pos[o]).y - c.y) > 40); };
        for (const n of NODES.filter(n => ids.includes(n.id)).sort((a, b) => b.weight - a.weight)) {
          kgNetwork.moveTo({position: pos[n.id], scale: 4, animation: false});
          if (clear(n.id)) return n; }
        return null;""")
    assert hub is not None
    point = browser.execute_script("return kgNetwork.canvasToDOM(kgNetwork.getPositions([arguments[0]])[arguments[0]])",
                                   hub["id"])
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = browser.find_element("css selector", "#graph canvas")
    ActionChains(browser).move_to_element_with_offset(canvas, int(point["x"] - canvas.size["width"] / 2),
                                                      int(point["y"] - canvas.size["height"] / 2)).click().perform()
    title = "const h = document.querySelector('#panel h2'); return h && h.textContent"
    assert wait_for(browser, title) == hub["label"]
    assert len(browser.find_elements("css selector", "#panel li.source")) == expected[hub["id"]]
    # focus: neighbours stand out, the rest fades, the breadcrumb leads back
    faded = "return kgNetwork.body.data.nodes.get().filter(n => n.color.background === '#e6e6e6').length"
    assert browser.execute_script(faded) > 0
    browser.find_element("css selector", "#crumbs a").click()
    assert browser.execute_script(faded) == 0


def test_html_search_for_an_alias_selects_the_person(browser, full_page, full_store):
    with open_store(full_store) as store:
        rows = store.query("""SELECT ?p ?alias WHERE { ?p a <https://w3id.org/conflict-kg/ontology#Person> ;
            <http://www.w3.org/2004/02/skos/core#altLabel> ?alias ; <http://www.w3.org/2000/01/rdf-schema#label> ?l
            FILTER(!CONTAINS(LCASE(STR(?l)), LCASE(STR(?alias)))) } ORDER BY ?p ?alias""")
        pairs = [(str(r[0]), str(r[1])) for r in rows]
    assert pairs
    open_page(browser, full_page)
    for person, alias in pairs[:3] + [(p, a) for p, a in pairs if a == "Putin"][:1]:
        box = browser.find_element("id", "search")
        box.clear()
        box.send_keys(alias)
        box.send_keys("\n")
        assert wait_for(browser, "return kgNetwork.getSelectedNodes()[0]") == person, alias
    box = browser.find_element("id", "search")
    box.clear()
    box.send_keys("Putin")
    first = browser.find_element("css selector", "#results li").text
    assert first.startswith("Vladimir Putin")


def test_html_timeline_brush_hides_out_of_range_events(browser, full_page):
    from selenium.webdriver.common.action_chains import ActionChains

    open_page(browser, full_page)
    dated = ("return view.get().filter(n => ['events', 'proposals']"
             ".includes(NODES.find(x => x.id === n.id).group)).length")
    before = browser.execute_script(dated)
    strip = browser.find_element("id", "timeline")
    w = strip.size["width"]
    ActionChains(browser).move_to_element_with_offset(strip, -w // 2 + 40, 0).click_and_hold() \
        .move_by_offset(w // 4, 0).release().perform()
    rng = wait_for(browser, "return kgState.range")
    assert rng and rng[1] > rng[0]
    shown = browser.execute_script("""
        return view.get().map(n => NODES.find(x => x.id === n.id))
          .filter(n => ['events', 'proposals'].includes(n.group))
          .map(n => [n.date, kgTimeline.dayRange(n.date)]);""")
    assert 0 < len(shown) < before
    assert all(r is not None and r[1] >= rng[0] and r[0] <= rng[1] for _, r in shown)
    assert "to" in browser.find_element("id", "range").text
    ActionChains(browser).move_to_element_with_offset(strip, 0, 0).click().perform()
    assert wait_for(browser, "return kgState.range === null")
    assert browser.execute_script(dated) == before


def test_html_png_and_svg_export(browser, full_page):
    open_page(browser, full_page)
    browser.find_element("id", "png").click()
    url = wait_for(browser, "return window.kgLastExport && window.kgLastExport.url")
    assert url.startswith("data:image/png;base64,")
    png = base64.b64decode(url.split(",", 1)[1])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    canvas = browser.execute_script("const c = document.querySelector('#graph canvas'); return [c.width, c.height]")
    assert width == canvas[0] and height == canvas[1] + 24
    pos, chunks = 8, b""
    while pos < len(png):
        size, kind = struct.unpack(">I4s", png[pos:pos + 8])
        if kind == b"IDAT":
            chunks += png[pos + 8:pos + 8 + size]
        pos += 12 + size
    pixels = zlib.decompress(chunks)
    assert len(set(pixels[::97])) > 10  # not a blank page: dots, edges and labels
    browser.find_element("id", "svg").click()
    svg = browser.execute_script("return kgExportSVG()")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f".//{ns}circle")) == browser.execute_script("return view.getIds().length")
    assert len(root.findall(f".//{ns}text")) >= 15


def test_html_statements_fold_into_their_speaker(browser, full_page):
    open_page(browser, full_page)
    hidden = browser.execute_script("return NODES.filter(n => n.cls === 'Statement' && view.get(n.id) !== null).length")
    assert hidden == 0
    speaker = browser.execute_script("""
        const c = {};
        NODES.filter(n => n.cls === 'Statement' && n.anchor).forEach(n => { c[n.anchor] = (c[n.anchor] || 0) + 1; });
        return Object.entries(c).sort((a, b) => b[1] - a[1])[0];""")
    browser.execute_script("kgFocus(arguments[0])", speaker[0])
    button = browser.find_element("id", "expand")
    assert f"Show {speaker[1]} quotes" in button.text
    button.click()
    assert browser.execute_script("return NODES.filter(n => n.cls === 'Statement' && n.anchor === arguments[0] && "
                                  "view.get(n.id) !== null).length", speaker[0]) == speaker[1]


def test_html_prints_to_a_clean_pdf(browser, full_page):
    open_page(browser, full_page)
    browser.execute_script("kgFocus(NODES.find(n => n.cls === 'Proposal').id)")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    hidden = browser.execute_script("return ['.controls', '#timeline'].map(s => "
                                    "getComputedStyle(document.querySelector(s)).display)")
    assert hidden == ["none", "none"]
    assert browser.execute_script("return getComputedStyle(document.getElementById('panel')).display") != "none"
    pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {"landscape": True})["data"])
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000


def test_html_hostile_article_runs_no_script(browser, tmp_path):
    hostile = write_article(tmp_path, "evil.txt",
                            'Spokesman Ivo <script>window.pwned=1</script> Karst said: "<img src=x '
                            'onerror=\'window.pwned=2\'> we </script><script>window.pwned=3</script> agree."',
                            title='<img src=x onerror="window.pwned=4">')
    text = hostile.read_text().replace("publisher: Test Wire", "publisher: Test Wire\nurl: javascript:window.pwned=5")
    hostile.write_text(text)
    page, _ = build_page(tmp_path, hostile)
    open_page(browser, page)
    browser.execute_script("NODES.forEach(n => kgShowPanel(n.id))")
    for link in browser.find_elements("css selector", "#panel a"):
        link.click()
    time.sleep(0.5)
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0
    assert browser.execute_script("return document.querySelectorAll('a[href^=\"javascript\"]').length") == 0


def test_html_template_markers_in_an_article_do_not_break_the_page(browser, tmp_path):
    marked = write_article(tmp_path, "markers.txt",
                           'Spokesman Ivo Karst said: "__EDGES__ and __VISJS__ and __NODES__ {{ data }} {% raw %} '
                           'are only words to us." Karst added that __VISCSS__ was nothing.',
                           title="__EDGES__ {{ title }}")
    page, n = build_page(tmp_path, marked)
    text = page.read_text()
    assert text.count("__EDGES__") >= 2 and "{{ data }}" in text
    open_page(browser, page)
    assert browser.execute_script("return NODES.length") == n
    quotes = browser.execute_script("return NODES.map(x => x.details.quote || '').filter(q => q.includes('__EDGES__'))")
    assert quotes and "__VISJS__" in quotes[0]
    assert browser.execute_script("return kgLabels.length") > 3


def test_html_class_filter_hides_and_shows_nodes(browser, tmp_path):
    page, n = build_page(tmp_path)
    open_page(browser, page)
    visible = "return view.get().length"
    shown = browser.execute_script(visible)
    box = browser.find_element("css selector", "input[data-group='events']")
    events = browser.execute_script("return NODES.filter(x => x.group === 'events' && view.get(x.id) !== null).length")
    box.click()
    assert events > 0 and browser.execute_script(visible) == shown - events
    box.click()
    assert browser.execute_script(visible) == shown
    statements = browser.execute_script("return NODES.filter(x => x.group === 'statements' && !x.alone).length")
    browser.find_element("css selector", "input[data-group='statements']").click()
    assert statements > 0 and browser.execute_script(visible) == shown + statements
