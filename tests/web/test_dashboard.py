"""The dashboard in Debian's headless chromium (Playwright, no browser download), served by a
live uvicorn on 127.0.0.1 over a store filled by the real pipeline. Screenshots go to
test-artifacts/browser/."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import API_KEY, fill

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"


@contextmanager
def serving(url: str) -> Iterator[str]:
    """A live uvicorn on 127.0.0.1 over the store at ``url``; yields the dashboard's address."""
    import uvicorn

    from marsad.api.app import Settings, create_app
    from marsad.web.build import build, built

    if not built() and shutil.which("npm") is None:
        pytest.skip("dashboard libraries not vendored and no npm: python -m marsad.web.build")
    build()  # vendors the npm libraries once (package-lock.json)
    app = create_app(Settings(db=url, api_key=API_KEY))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        srv.should_exit = True
        thread.join(10)
        app.state.store.close()


@contextmanager
def browsing(address: str) -> Iterator[Any]:
    """A page of Debian's headless chromium on ``address``, tile servers unreachable."""
    if CHROMIUM is None:
        pytest.skip("Debian chromium not installed (apt-get install -y chromium)")
    playwright = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        pg = browser.new_page(viewport={"width": 1400, "height": 1000})
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.dialogs = dialogs  # type: ignore[attr-defined]
        # no tiles from the network in tests: the map must work without them
        pg.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
        pg.goto(address)
        try:
            yield pg
        finally:
            browser.close()


@pytest.fixture
def server(tmp_path: Path, pipeline) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'web.db'}"
    fill(url, pipeline)
    with serving(url) as address:
        yield address


@pytest.fixture
def page(server: str) -> Iterator[Any]:
    with browsing(server) as pg:
        yield pg


def test_filter_marker_evidence_correction_and_escaping(page):
    page.wait_for_selector("#events tbody tr")
    assert page.locator("#events tbody tr").count() == 2
    assert page.locator("path.ev-marker").count() == 2
    page.screenshot(path=str(ARTIFACTS / "01-dashboard.png"))

    # filter: battles only
    page.select_option("select[name=type]", "Battles")
    page.click("#apply")
    page.wait_for_function("document.querySelectorAll('#events tbody tr').length === 1")
    assert page.locator("path.ev-marker").count() == 1

    # click the marker: the panel shows the Arabic text with evidence highlighted
    page.locator("path.ev-marker").first.click(force=True)
    page.wait_for_selector("#panel:not([hidden]) .article mark")
    article = page.locator(".article").first
    assert article.get_attribute("dir") == "rtl"
    places = page.locator(".article mark[data-kind=place]")
    assert "سرت" in places.first.inner_text()
    assert page.locator(".article mark[data-kind=fatalities]").count() >= 2
    page.screenshot(path=str(ARTIFACTS / "02-evidence.png"))
    page.locator("#sources").screenshot(path=str(ARTIFACTS / "02b-evidence-text.png"))

    # correct the fatalities; the correction is there after a reload
    page.select_option("#correct select[name=field]", "fatalities")
    page.fill("#correct input[name=value]", "4")
    page.fill("#correct input[name=note]", "البيان الرسمي يذكر أربعة")
    page.fill("#correct input[name=author]", "browser-test")
    page.fill("#correct input[name=key]", API_KEY)
    page.click("#save")
    page.wait_for_function("document.getElementById('correct-status').textContent.length > 0")
    assert page.locator("#correct-status").inner_text() == "Correction saved"
    page.reload()
    page.wait_for_selector("#events tbody tr")
    sirte = page.locator("#events tbody tr", has_text="Sirte")
    assert sirte.locator("td").nth(4).inner_text() == "4"
    page.screenshot(path=str(ARTIFACTS / "03-corrected.png"))

    # an article whose text holds <script> renders as text and runs nothing
    page.locator("#events tbody tr", has_text="Benghazi").click()
    page.wait_for_selector("#panel:not([hidden]) .article")
    assert "<script>alert('x')</script>" in page.locator(".article").first.inner_text()
    assert "<script>alert('x')</script>" in page.locator("#sources h4").first.inner_text()
    assert page.locator("#sources script").count() == 0
    assert page.dialogs == []
    page.screenshot(path=str(ARTIFACTS / "04-script-as-text.png"))


def test_arabic_interface(page):
    page.wait_for_selector("#events tbody tr")
    page.click("#lang")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.locator("#apply").inner_text() == "تطبيق"
    page.screenshot(path=str(ARTIFACTS / "05-arabic.png"))
