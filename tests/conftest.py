"""Fixtures shared across test folders (keep small): PostgreSQL URL, a few hand-made events."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from marsad.model import Article, Event, disorder_type_for, interaction_code


@pytest.fixture
def pg_url() -> str:
    """The test PostgreSQL (``make test`` starts it); skip when it was not started."""
    url = os.environ.get("MARSAD_TEST_PG_URL")
    if not url:
        pytest.skip("MARSAD_TEST_PG_URL not set: run `make test` (scripts/pg.sh starts PostgreSQL)")
    return url


SAMPLE_TEXT = (
    "اندلعت اشتباكات عنيفة أمس بين الجيش ومسلحين في ضواحي مدينة سرت، ما أسفر عن مقتل "
    "خمسة جنود وإصابة سبعة آخرين. وفي حادث منفصل قصفت طائرة مسيرة سيارة على الطريق الساحلي."
)


def make_event(article_id: str, n: int = 0, **overrides: object) -> Event:
    """A complete, valid event with Arabic text, evidence and nested JSON."""
    fields: dict[str, object] = {
        "event_id": f"mrsd-test-{article_id}-{n}",
        "article_id": article_id,
        "event_date": "2016-06-24",
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Libya (2014-)",
        "actor2": "Unidentified Armed Group (Libya)",
        "actor1_ar": "الجيش",
        "actor2_ar": "مسلحين",
        "assoc_actor_1": None,
        "inter1": 1,
        "inter2": 3,
        "civilian_targeting": False,
        "location": "Sirte",
        "location_ar": "سرت",
        "country": "Libya",
        "iso3": "LBY",
        "admin1": "Surt",
        "latitude": 31.2089,
        "longitude": 16.5887,
        "geo_precision": 1,
        "fatalities": 5,
        "injured": 7,
        "fatalities_by_actor": {"Military Forces of Libya (2014-)": 5},
        "source": "test-wire",
        "source_url": "https://example.org/news/1",
        "sources": [article_id],
        "source_count": 1,
        "notes": SAMPLE_TEXT.split(".")[0] + ".",
        "evidence": {"event_type": [[7, 15]], "location": [[62, 65]], "fatalities": [[79, 83]]},
        "confidence": 0.83,
    }
    fields.update(overrides)
    fields.setdefault(
        "disorder_type", disorder_type_for(fields["event_type"], fields["sub_event_type"])
    )
    fields["interaction"] = interaction_code(fields["inter1"], fields["inter2"])  # type: ignore[arg-type]
    return Event(**fields)


@pytest.fixture
def sample_article() -> Article:
    return Article(id="art-1", text=SAMPLE_TEXT, published=dt.date(2016, 6, 25), source="test-wire")


@pytest.fixture
def sample_events(sample_article: Article) -> list[Event]:
    """Two events of ``sample_article``: a clash and an undated drone strike in Syria."""
    strike = make_event(
        sample_article.id,
        1,
        event_date=None,
        time_precision=3,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor2=None,
        actor2_ar=None,
        inter2=None,
        civilian_targeting=True,
        location="Aleppo",
        location_ar="حلب",
        country="Syria",
        iso3="SYR",
        fatalities=0,
        fatalities_by_actor={},
        evidence={},
        confidence=0.4,
    )
    return [make_event(sample_article.id, 0), strike]


@pytest.fixture
def event_factory():
    """``make_event(article_id, n, **overrides)`` for tests that need more events."""
    return make_event
