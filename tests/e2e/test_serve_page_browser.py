"""Issue 12, the SPARQL page: `kg serve`'s query page in real headless Chromium, against a real server.
Saved questions as a menu with their parameters, plain values, and no request off the machine."""

from __future__ import annotations

import re
import shutil
import subprocess
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tests.conftest import CORPUS
from tests.e2e.test_serve import KG, start

pytestmark = pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("chromedriver")),
                                reason="Debian chromium and chromium-driver are not installed (make browser)")


@pytest.fixture()
def browser():
    """Headless Chromium whose every request off loopback goes to a dead proxy (so it would fail)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=127.0.0.1"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def page_server(tmp_path_factory):
    store = tmp_path_factory.mktemp("page") / "s"
    subprocess.run([KG, "ingest", str(CORPUS), "--glob", "*.txt", "--store", str(store), "-q"], check=True)
    proc, url = start(store)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def rows(driver, timeout: float = 15.0) -> list[list[str]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = driver.find_elements(By.CSS_SELECTOR, "#results tr")
        if len(found) > 1:
            return [[td.text for td in tr.find_elements(By.TAG_NAME, "td")] for tr in found[1:]]
        time.sleep(0.1)
    raise AssertionError("no results: " + driver.find_element(By.ID, "error").text)


def test_query_page_runs_a_saved_question_with_its_parameter(browser, page_server):
    browser.get(page_server + "/")
    menu = Select(browser.find_element(By.ID, "saved"))
    for _ in range(100):
        if len(menu.options) > 15:
            break
        time.sleep(0.1)
    assert {"quotes-by-actor", "actor-profile", "attacks-between"} <= {o.get_attribute("value") for o in menu.options}
    menu.select_by_value("quotes-by-actor")
    browser.find_element(By.ID, "param-actor").send_keys("Peskov")
    browser.find_element(By.ID, "run").click()
    got = rows(browser)
    assert got and {r[0] for r in got} == {"Dmitry Peskov"}
    assert any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell) for r in got for cell in r)  # a date as a plain value


def test_query_page_presets_prefixes_and_shows_plain_numbers(browser, page_server):
    browser.get(page_server + "/")
    text = browser.find_element(By.ID, "sparql").get_attribute("value")
    assert "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>" in text
    assert "PREFIX ckgr: <https://w3id.org/conflict-kg/id/>" in text
    browser.find_element(By.ID, "run").click()
    got = rows(browser)
    counts = [r[1] for r in got]
    assert counts and all(c.isdigit() for c in counts) and not any("^^" in c for r in got for c in r)
    origins = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href])")
    assert origins and all(o.startswith(page_server + "/") for o in origins)


def test_query_page_shows_a_refused_query_as_one_line(browser, page_server):
    browser.get(page_server + "/")
    box = browser.find_element(By.ID, "sparql")
    box.clear()
    box.send_keys("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    browser.find_element(By.ID, "run").click()
    for _ in range(100):
        error = browser.find_element(By.ID, "error").text
        if error:
            break
        time.sleep(0.1)
    assert "SERVICE" in error and "refused" in error
