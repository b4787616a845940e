"""API fixtures: a real store (SQLite, and PostgreSQL when ``make test`` runs it) filled by the
real pipeline from Arabic articles written for these tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.api.app import Settings, create_app
from marsad.pipeline import Pipeline
from marsad.store import Store
from tests.store.conftest import pg_schema_url

API_KEY = "test-key-0f3a9c"

ARTICLES = [
    {
        "id": "wasat/1",
        "source": "alwasat",
        "published": "2026-11-02",
        "url": "https://example.org/wasat/1",
        "title": "اشتباكات في سرت",
        "text": "اندلعت اشتباكات عنيفة أمس بين الجيش ومسلحين في ضواحي مدينة سرت، ما أسفر عن "
        "مقتل خمسة جنود وإصابة سبعة آخرين.",
    },
    {
        "id": "marsad-test/2",
        "source": "libyaobserver",
        "published": "2026-11-02",
        "title": "معارك سرت",
        "text": "قتل خمسة جنود وأصيب سبعة آخرون أمس في اشتباكات بين الجيش ومسلحين قرب مدينة سرت.",
    },
    {
        "id": "bayan/3",
        "source": "bayan",
        "published": "2026-11-05",
        "title": "<script>alert('x')</script>",
        "text": "<script>alert('x')</script> تظاهر مئات المواطنين اليوم في مدينة بنغازي "
        "احتجاجا على انقطاع الكهرباء.",
    },
]


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


def fill(url: str, pipeline: Pipeline) -> None:
    from marsad.model import Article

    store = Store(url)
    try:
        articles = [Article(**a) for a in ARTICLES]
        store.save_many([(a, pipeline.extract(a)) for a in articles])
    finally:
        store.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, pipeline: Pipeline) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'api.db'}"
    else:
        url = pg_schema_url(request.getfixturevalue("pg_url"))
    fill(url, pipeline)
    return url


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    app = create_app(Settings(db=db_url, api_key=API_KEY, max_body=64 * 1024))
    with TestClient(app) as c:
        yield c
    app.state.store.close()


@pytest.fixture
def auth() -> dict[str, str]:
    return {"X-API-Key": API_KEY}
