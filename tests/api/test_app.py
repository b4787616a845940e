"""The HTTP API through FastAPI's TestClient, on a store filled by the real pipeline."""

from __future__ import annotations

import csv
import io
import json

from tests.api.conftest import ARTICLES


def _events(client, **params):
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    return r.json()["events"]


def _sirte(client):
    [sirte] = _events(client, type="Battles")
    return sirte


def test_openapi_docs(client):
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/stats", "/api/articles"} <= set(
        spec["paths"]
    )
    assert "Article" in spec["components"]["schemas"]


def test_events_are_clusters_linked_across_articles(client):
    rows = _events(client)
    assert [r["sub_event_type"] for r in rows] == ["Armed clash", "Peaceful protest"]
    sirte = rows[0]
    assert sirte["location"] == "Sirte" and sirte["fatalities"] == 5
    assert sirte["source_count"] == 2
    assert set(sirte["article_ids"].split("; ")) == {"wasat/1", "marsad-test/2"}


def test_filters_match_marsad_events(client):
    assert [r["location"] for r in _events(client, type="Protests")] == ["Benghazi"]
    assert [r["location"] for r in _events(client, min_fatalities=1)] == ["Sirte"]
    assert _events(client, country="SYR") == []
    assert len(_events(client, country="Libya")) == 2
    assert [r["location"] for r in _events(client, **{"from": "2026-11-04"})] == ["Benghazi"]
    assert [r["location"] for r in _events(client, to="2026-11-03")] == ["Sirte"]
    assert [r["location"] for r in _events(client, bbox="19.5,31.5,21,33")] == ["Benghazi"]
    assert [r["location"] for r in _events(client, text="الكهرباء")] == ["Benghazi"]
    assert [r["location"] for r in _events(client, min_sources=2)] == ["Sirte"]
    reports = _events(client, reports="true")
    assert sorted(r["article_ids"] for r in reports) == ["bayan/3", "marsad-test/2", "wasat/1"]


def test_bad_filters_are_422(client):
    for params in (
        {"from": "yesterday"},
        {"bbox": "1,2,3"},
        {"limit": 0},
        {"format": "xml"},
        {"min_fatalities": "many"},
    ):
        r = client.get("/api/events", params=params)
        assert r.status_code == 422, params
        assert r.json()["detail"]


def test_pagination(client):
    first = client.get("/api/events", params={"limit": 1}).json()
    assert first["count"] == 1 and first["next_offset"] == 1
    second = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert second["next_offset"] is None
    assert [first["events"][0]["location"], second["events"][0]["location"]] == [
        "Sirte",
        "Benghazi",
    ]


def test_geojson_and_csv(client):
    r = client.get("/api/events", params={"format": "geojson"})
    assert r.headers["content-type"].startswith("application/geo+json")
    features = r.json()["features"]
    sirte = next(f for f in features if f["properties"]["location"] == "Sirte")
    lon, lat = sirte["geometry"]["coordinates"]
    assert 31 < lat < 31.5 and 16.3 < lon < 16.9
    r = client.get("/api/events", params={"format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["location"] for row in rows] == ["Sirte", "Benghazi"]
    assert rows[0]["fatalities"] == "5"


def test_event_detail_has_sources_trace_and_evidence_text(client):
    sirte = _sirte(client)
    detail = client.get(f"/api/events/{sirte['event_id_cnty']}").json()
    assert detail["event"]["event_id_cnty"] == sirte["event_id_cnty"]
    assert detail["trace"]
    assert {r["article_id"] for r in detail["reports"]} == {"wasat/1", "marsad-test/2"}
    texts = {a["id"]: a["text"] for a in ARTICLES}
    for report in detail["reports"]:
        article = detail["articles"][report["article_id"]]
        assert article["text"] == texts[report["article_id"]]
        for field, spans in report["evidence"].items():
            assert report["evidence_text"][field] == [article["text"][s:e] for s, e in spans]
        assert "سرت" in report["evidence_text"]["location"]
    # a report id leads to its cluster
    report_id = detail["reports"][0]["event_id"]
    assert (
        client.get(f"/api/events/{report_id}").json()["event"]["event_id_cnty"]
        == sirte["event_id_cnty"]
    )


def test_unknown_event_is_404(client):
    r = client.get("/api/events/mrsc-nothing")
    assert r.status_code == 404 and "mrsc-nothing" in r.json()["detail"]


def test_stats(client):
    stats = client.get("/api/stats").json()
    assert stats["events"] == 2 and stats["fatalities"] == 5
    assert stats["by_type"] == [
        {"key": "Battles", "events": 1, "fatalities": 5},
        {"key": "Protests", "events": 1, "fatalities": 0},
    ]
    assert stats["by_country"] == [{"key": "LBY", "events": 2, "fatalities": 5}]
    assert [d["key"] for d in stats["by_day"]] == [
        sirte_day := _sirte(client)["event_date"],
        "2026-11-05",
    ] and sirte_day
    assert client.get("/api/stats", params={"type": "Protests"}).json()["fatalities"] == 0


def test_writes_need_the_key(client, auth):
    sirte = _sirte(client)["event_id_cnty"]
    body = {"changes": {"fatalities": 4}, "note": "n", "author": "a"}
    assert client.patch(f"/api/events/{sirte}", json=body).status_code == 401
    assert (
        client.patch(f"/api/events/{sirte}", json=body, headers={"X-API-Key": "wrong"}).status_code
        == 401
    )
    assert (
        client.delete(f"/api/events/{sirte}", params={"note": "n", "author": "a"}).status_code
        == 401
    )
    assert client.post("/api/articles", json=ARTICLES[0]).status_code == 401
    assert _sirte(client)["fatalities"] == 5


def test_no_key_configured_means_read_only(db_url):
    from fastapi.testclient import TestClient

    from marsad.api.app import Settings, create_app

    app = create_app(Settings(db=db_url, api_key=None))
    with TestClient(app) as c:
        r = c.delete(
            "/api/events/x", params={"note": "n", "author": "a"}, headers={"X-API-Key": ""}
        )
        assert r.status_code == 403 and "MARSAD_API_KEY" in r.json()["detail"]
        assert c.get("/api/events").status_code == 200
    app.state.store.close()


def test_protected_reads(db_url):
    from fastapi.testclient import TestClient

    from marsad.api.app import Settings, create_app

    app = create_app(Settings(db=db_url, api_key="k", protect_reads=True))
    with TestClient(app) as c:
        assert c.get("/api/events").status_code == 401
        assert c.get("/api/events", headers={"X-API-Key": "k"}).status_code == 200
    app.state.store.close()


def test_patch_is_a_recorded_correction(client, auth):
    sirte = _sirte(client)["event_id_cnty"]
    r = client.patch(
        f"/api/events/{sirte}",
        headers=auth,
        json={"changes": {"fatalities": 4}, "note": "المصدر الرسمي: أربعة", "author": "analyst1"},
    )
    assert r.status_code == 200, r.text
    [recorded] = r.json()["corrections"]
    assert (recorded["field"], recorded["value"], recorded["author"], recorded["note"]) == (
        "fatalities",
        4,
        "analyst1",
        "المصدر الرسمي: أربعة",
    )
    assert _sirte(client)["fatalities"] == 4
    detail = client.get(f"/api/events/{_sirte(client)['event_id_cnty']}").json()
    assert [c["author"] for c in detail["corrections"]] == ["analyst1"]


def test_accept_is_recorded_and_leaves_the_review_queue(client, auth):
    queue = [r["event_id_cnty"] for r in _events(client, review="true")]
    confidences = [r["confidence"] for r in _events(client, review="true")]
    assert len(queue) == 2 and confidences == sorted(confidences)
    sirte = _sirte(client)
    body = {"accept": True, "note": "تطابق رواية الوكالة", "author": "analyst3"}
    assert client.patch(f"/api/events/{sirte['event_id_cnty']}", json=body).status_code == 401
    r = client.patch(f"/api/events/{sirte['event_id_cnty']}", headers=auth, json=body)
    assert r.status_code == 200, r.text
    [recorded] = r.json()["corrections"]
    assert (recorded["action"], recorded["field"], recorded["author"], recorded["note"]) == (
        "accept",
        None,
        "analyst3",
        "تطابق رواية الوكالة",
    )
    assert sorted(recorded["anchors"]) == sorted(sirte["event_ids"].split("; "))
    assert _sirte(client) == sirte  # accepting changes no field
    assert sirte["event_id_cnty"] not in [
        r["event_id_cnty"] for r in _events(client, review="true")
    ]
    assert len(_events(client, review="true")) == 1 and len(_events(client)) == 2
    detail = client.get(f"/api/events/{sirte['event_id_cnty']}").json()
    assert detail["reviewed"] is True
    assert [c["action"] for c in detail["corrections"]] == ["accept"]
    protest = _events(client, type="Protests")[0]["event_id_cnty"]
    assert client.get(f"/api/events/{protest}").json()["reviewed"] is False


def test_review_queue_pages(client):
    first = client.get("/api/events", params={"review": "true", "limit": 1}).json()
    assert first["count"] == 1 and first["next_offset"] == 1
    second = client.get("/api/events", params={"review": "true", "limit": 1, "offset": 1}).json()
    assert second["next_offset"] is None
    ids = {first["events"][0]["event_id_cnty"], second["events"][0]["event_id_cnty"]}
    assert ids == {r["event_id_cnty"] for r in _events(client)}


def test_patch_errors_are_clear(client, auth):
    sirte = _sirte(client)["event_id_cnty"]
    cases = [
        ({"changes": {"fatalities": -1}, "note": "n", "author": "a"}, ">= 0"),
        ({"changes": {"colour": "red"}, "note": "n", "author": "a"}, "cannot be corrected"),
        ({"changes": {"fatalities": 3}, "author": "a"}, "note"),
        ({"note": "n", "author": "a"}, "nothing to correct"),
        ({"accept": False, "note": "n", "author": "a"}, "nothing to correct"),
        ({"accept": True, "note": "", "author": "a"}, "note"),
    ]
    for body, words in cases:
        r = client.patch(f"/api/events/{sirte}", headers=auth, json=body)
        assert r.status_code == 422, body
        assert words in json.dumps(r.json()["detail"], ensure_ascii=False), r.text
    r = client.patch(
        "/api/events/mrsc-nothing",
        headers=auth,
        json={"changes": {"fatalities": 1}, "note": "n", "author": "a"},
    )
    assert r.status_code == 404
    assert _sirte(client)["fatalities"] == 5


def test_delete(client, auth):
    protest = _events(client, type="Protests")[0]["event_id_cnty"]
    assert client.delete(f"/api/events/{protest}", headers=auth).status_code == 422  # no why
    r = client.delete(
        f"/api/events/{protest}", headers=auth, params={"note": "ليس حدثا", "author": "analyst2"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["corrections"][0]["action"] == "delete"
    assert _events(client, type="Protests") == []
    assert client.get(f"/api/events/{protest}").status_code == 404


def test_post_articles(client, auth):
    one = {
        "id": "new/1",
        "source": "alwasat",
        "published": "2026-11-09",
        "text": "قصفت طائرة مسيرة مواقع لمسلحين في مدينة أجدابيا أمس ما أدى إلى مقتل ثلاثة منهم.",
    }
    r = client.post("/api/articles", headers=auth, json=one)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["saved"]["new"] == 1
    assert [e["location"] for e in body["events"]] == ["Ajdabiya"]
    assert body["reports"][0]["article_id"] == "new/1"
    assert [e["location"] for e in _events(client, **{"from": "2026-11-07"})] == ["Ajdabiya"]
    # a list; the same article again is replaced, not doubled
    two = {"id": "new/2", "published": "2026-11-09", "text": "لا شيء يذكر في هذا الخبر عن الطقس."}
    r = client.post("/api/articles", headers=auth, json=[one, two])
    assert r.status_code == 201, r.text
    assert r.json()["saved"]["replaced"] == 1 and r.json()["saved"]["new"] == 1
    assert len(_events(client, **{"from": "2026-11-07"})) == 1


def test_malformed_bodies_are_422(client, auth):
    cases = [
        (b"{not json", "malformed JSON"),
        (b"[]", "no articles"),
        (b"[1]", "article 0: not a JSON object"),
        (b'{"id": "x"}', "text"),
        (b'[{"text": "   "}]', "text is empty"),
        (b'{"text": "\xd8"}', "UTF-8"),
        (b'{"text": "t", "published": "soon"}', "published"),
    ]
    for raw, words in cases:
        r = client.post(
            "/api/articles", headers={**auth, "Content-Type": "application/json"}, content=raw
        )
        assert r.status_code == 422, raw
        assert words in r.json()["detail"], (raw, r.text)


def test_body_size_limit(client, auth):
    big = {"text": "خبر " * 40000}
    r = client.post("/api/articles", headers=auth, json=big)
    assert r.status_code == 413 and "limit" in r.json()["detail"]


def test_no_cors_headers(client):
    r = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
