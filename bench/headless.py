"""Headless Chromium through chromedriver (Debian's chromium and chromium-driver, `make browser`), offline:
every request off the machine goes to a dead proxy. Shared by the graph bench and the screenshot script."""

from __future__ import annotations

import shutil
import time


def chromium(width: int = 1280, height: int = 800):
    """A headless Chromium window of width x height CSS pixels at device scale 1."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        raise SystemExit("chromium and chromedriver are needed (make browser)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--window-size={width},{height}", "--force-device-scale-factor=1",
                 "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    return driver


def wait_for(driver, script: str, timeout: float = 30.0):
    """Poll a script until it returns something truthy (or the timeout passes); returns its last value."""
    end = time.time() + timeout
    while time.time() < end:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.05)
    return driver.execute_script(script)
