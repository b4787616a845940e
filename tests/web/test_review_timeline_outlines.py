"""The dashboard on the bundled examples (examples/articles.jsonl through the real pipeline):
the Chart.js timeline, the offline country outlines under the markers, and the review queue's
Accept button, whose correction is still there after a reload. Screenshots go to
test-artifacts/browser/."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from marsad.export.dataset import cluster_row
from marsad.model import Article
from marsad.store import Store
from marsad.store.corrections import list_corrections
from tests.api.conftest import API_KEY
from tests.web.test_dashboard import ARTIFACTS, browsing, serving

pytestmark = pytest.mark.browser

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles.jsonl"
CHART = """() => {
  const c = Chart.getChart("timeline");
  return { labels: c.data.labels, types: c.data.datasets.map(d => d.label),
           total: c.data.datasets.flatMap(d => d.data).reduce((a, b) => a + b, 0),
           title: c.options.plugins.title.text };
}"""
INKED = """() => {  // canvas pixels with any ink: the chart was drawn, not just created
  const canvas = document.getElementById("timeline");
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
  return n;
}"""


@pytest.fixture
def examples(tmp_path: Path, pipeline) -> tuple[str, list[dict[str, Any]]]:
    """A SQLite store filled from the bundled examples; its URL and its events (export rows)."""
    url = f"sqlite:///{tmp_path / 'examples.db'}"
    articles = [Article(**json.loads(line)) for line in EXAMPLES.read_text().splitlines() if line]
    with Store(url) as store:
        store.save_many([(a, pipeline.extract(a)) for a in articles])
        rows = [cluster_row(c) for c in store.clusters()]
    assert len(rows) >= 5, "the examples should give several events"
    return url, rows


@pytest.fixture
def page(examples: tuple[str, list[dict[str, Any]]]) -> Iterator[Any]:
    with serving(examples[0]) as address, browsing(address) as pg:
        pg.wait_for_selector("#events tbody tr")
        yield pg


def _ids(page: Any) -> list[str]:
    return page.eval_on_selector_all("#events tbody tr", "rows => rows.map(r => r.dataset.id)")


def test_timeline_is_a_stacked_chart_of_events_per_day_by_type(page, examples):
    _url, rows = examples
    page.wait_for_function("Chart.getChart('timeline') !== undefined")
    chart = page.evaluate(CHART)
    dates = sorted(dt.date.fromisoformat(r["event_date"]) for r in rows)
    span = (dates[-1] - dates[0]).days + 1
    assert chart["labels"] == [(dates[0] + dt.timedelta(d)).isoformat() for d in range(span)]
    assert chart["types"] == sorted(Counter(r["event_type"] for r in rows))
    assert chart["total"] == len(rows)
    assert chart["title"] == "Events per day by type"
    assert page.evaluate("Chart.getChart('timeline').options.scales.y.stacked") is True
    assert page.evaluate(INKED) > 1000
    assert page.locator("#timeline").bounding_box()["height"] > 100
    page.locator("#timeline-box").screenshot(path=str(ARTIFACTS / "06-timeline-chart.png"))


def test_country_outlines_under_the_markers_without_tiles(page, examples):
    _url, rows = examples
    page.wait_for_function("Number(document.getElementById('map').dataset.outlines) > 200")
    outlines = page.locator(".leaflet-outlines-pane path.country")
    assert outlines.count() > 200  # Natural Earth's countries, from the bundled world-atlas
    # tiles are unreachable in tests: the map goes offline and the outlines become the land
    assert "offline" in (page.get_attribute("#map", "class") or "")
    assert "Natural Earth" in page.locator(".leaflet-control-attribution").inner_text()
    assert outlines.first.get_attribute("fill") not in (None, "none")
    z = page.evaluate(
        """() => [".leaflet-tile-pane", ".leaflet-outlines-pane", ".leaflet-overlay-pane"]
             .map(s => Number(getComputedStyle(document.querySelector(s)).zIndex))"""
    )
    assert z[0] < z[1] < z[2], z  # above the tiles, under the markers
    assert page.locator(".leaflet-overlay-pane path.ev-marker").count() >= 1
    page.locator("#map").screenshot(path=str(ARTIFACTS / "07-offline-outlines.png"))


def test_accept_from_the_review_queue_persists_after_reload(page, examples):
    url, rows = examples
    least = min(rows, key=lambda r: r["confidence"])["event_id_cnty"]
    page.check("#review")
    page.wait_for_function(f"document.querySelector('#events tbody tr').dataset.id === '{least}'")
    queue = _ids(page)
    confidence = {r["event_id_cnty"]: r["confidence"] for r in rows}
    assert [confidence[i] for i in queue] == sorted(confidence.values())

    page.locator(f"#events tbody tr[data-id='{least}']").click()
    page.wait_for_selector("#panel:not([hidden]) #review-state.unreviewed")
    assert page.locator("#history li.none").count() == 1
    page.fill("#correct input[name=note]", "يطابق بيان الجهة الرسمية")
    page.fill("#correct input[name=author]", "browser-reviewer")
    page.fill("#correct input[name=key]", API_KEY)
    page.click("#accept")
    page.wait_for_function("document.getElementById('correct-status').textContent.length > 0")
    assert page.locator("#correct-status").inner_text() == "Accepted"
    page.wait_for_function(
        f"document.querySelectorAll('#events tbody tr').length === {len(rows) - 1}"
    )
    assert least not in _ids(page)
    page.wait_for_selector("#review-state.reviewed")
    accepted = page.locator("#history li[data-action=accept]")
    assert "browser-reviewer" in accepted.inner_text()
    page.screenshot(path=str(ARTIFACTS / "08-accepted.png"))

    page.reload()
    page.wait_for_selector("#events tbody tr")
    assert page.is_checked("#review")  # the queue is still the view after a reload
    page.wait_for_function(
        f"document.querySelectorAll('#events tbody tr').length === {len(rows) - 1}"
    )
    assert least not in _ids(page)
    page.uncheck("#review")
    page.wait_for_function(f"document.querySelectorAll('#events tbody tr').length === {len(rows)}")
    page.locator(f"#events tbody tr[data-id='{least}']").click()
    page.wait_for_selector("#panel:not([hidden]) #review-state.reviewed")
    history = page.locator("#history li[data-action=accept]").inner_text()
    assert "browser-reviewer" in history and "يطابق بيان الجهة الرسمية" in history
    with Store(url) as store:
        [recorded] = list_corrections(store)
        after = [cluster_row(c) for c in store.clusters()]
    assert (recorded["action"], recorded["author"], recorded["note"]) == (
        "accept",
        "browser-reviewer",
        "يطابق بيان الجهة الرسمية",
    )
    assert after == rows  # accepting changed nothing

    # the new labels follow the language toggle
    page.click("#lang")
    assert page.locator("#accept").inner_text() == "قبول"
    assert page.locator("#review-state").inner_text() == "رُوجع: خرج من قائمة المراجعة"
    assert page.locator("#history li[data-action=accept]").inner_text().count("قُبل") == 1
    chart = page.evaluate(CHART)
    assert chart["title"] == "الأحداث يوميا حسب النوع"
    assert "معارك" in chart["types"]
    page.screenshot(path=str(ARTIFACTS / "09-accepted-arabic.png"))


def test_html_in_a_corrected_field_is_text_in_tooltip_and_history(page, examples):
    _url, rows = examples
    target = rows[0]["event_id_cnty"]
    evil = "<img src=x onerror=alert(1)>"
    r = page.request.patch(
        page.url + f"api/events/{target}",
        headers={"X-API-Key": API_KEY},
        data={"changes": {"location": evil}, "note": "<b>why</b>", "author": "<i>me</i>"},
    )
    assert r.ok, r.text()
    page.reload()
    page.wait_for_selector("#events tbody tr")
    page.locator(f"#events tbody tr[data-id='{target}']").click()
    page.wait_for_selector("#panel:not([hidden]) #history li[data-action=set]")
    history = page.locator("#history li[data-action=set]").inner_text()
    assert evil in history and "<b>why</b>" in history and "<i>me</i>" in history
    page.wait_for_function("document.querySelectorAll('path.ev-marker').length > 0")
    for i in range(page.locator("path.ev-marker").count()):
        marker = page.locator("path.ev-marker").nth(i)
        marker.hover(force=True)
        if evil in page.locator(".leaflet-tooltip-pane").inner_text():
            break
    assert evil in page.locator(".leaflet-tooltip-pane").inner_text()
    assert (
        page.locator(".leaflet-tooltip-pane img, #panel img, #history b *, #history bdi *").count()
        == 0
    )
    assert page.dialogs == []
