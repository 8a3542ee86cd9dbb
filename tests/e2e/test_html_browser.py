"""The HTML graph in real headless Chromium with networking disabled."""

from __future__ import annotations

import shutil
import time

import pytest

from kg.export.html import write_html
from kg.export.network import to_networkx
from kg.export.rdf import to_rdflib_graph
from kg.ingest_run import ingest
from kg.store import open_store
from tests.conftest import CORPUS, write_article

pytestmark = pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("chromedriver")),
                                reason="Debian chromium and chromium-driver are not installed (make browser)")


@pytest.fixture()
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    yield driver
    driver.quit()


def build_page(tmp_path, extra=None):
    with open_store(tmp_path / "s") as store:
        ingest([CORPUS / "energy-truce-ft.txt"] + ([extra] if extra else []), store)
        net = to_networkx(to_rdflib_graph(store))
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


def test_html_loads_offline_draws_and_searches(browser, tmp_path):
    page, n = build_page(tmp_path)
    browser.get(page.as_uri())
    assert wait_for(browser, "return document.querySelector('canvas') !== null")
    assert browser.execute_script("return NODES.length") == n
    drawn = browser.execute_script(
        "const c = document.querySelector('canvas'); const d = c.getContext('2d')"
        ".getImageData(0, 0, c.width, c.height).data; let k = 0;"
        "for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) k++; } return k;")
    assert drawn > 100
    box = browser.find_element("id", "search")
    box.send_keys("Kovalenko")
    assert wait_for(browser, "return kgNetwork.getSelectedNodes().length") == 1
    assert "1 found" in browser.find_element("id", "found").text


def test_html_hostile_article_runs_no_script(browser, tmp_path):
    hostile = write_article(tmp_path, "evil.txt",
                            'Spokesman Ivo <script>window.pwned=1</script> Karst said: "<img src=x '
                            'onerror=\'window.pwned=2\'> we </script><script>window.pwned=3</script> agree."')
    page, _ = build_page(tmp_path, hostile)
    browser.get(page.as_uri())
    assert wait_for(browser, "return document.querySelector('canvas') !== null")
    time.sleep(0.5)
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0


def test_html_class_filter_hides_and_shows_nodes(browser, tmp_path):
    page, n = build_page(tmp_path)
    browser.get(page.as_uri())
    assert wait_for(browser, "return document.querySelector('canvas') !== null")
    visible = "return view.get().length"
    assert browser.execute_script(visible) == n
    box = browser.find_element("css selector", "input[data-group='Statement']")
    statements = browser.execute_script("return NODES.filter(x => x.group === 'Statement').length")
    box.click()
    assert statements > 0 and browser.execute_script(visible) == n - statements
    box.click()
    assert browser.execute_script(visible) == n


def test_html_tooltips_carry_evidence_and_source(browser, tmp_path):
    page, _ = build_page(tmp_path)
    browser.get(page.as_uri())
    title = browser.execute_script("return NODES.find(x => x.label === 'Andriy Kovalenko').title")
    assert "type: Person" in title and "evidence:" in title and "source: Energy truce" in title
