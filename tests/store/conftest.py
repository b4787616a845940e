"""Store fixtures: every store test runs on SQLite and on the real PostgreSQL (``make test``)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from marsad.store import Store


def pg_schema_url(base: str) -> str:
    """A fresh schema on the test server, as a URL whose connections use it."""
    name = "t_" + uuid.uuid4().hex[:12]
    engine = create_engine(base)
    try:
        with engine.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {name}"))
    finally:
        engine.dispose()
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'marsad.db'}"
    return pg_schema_url(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(store_url: str):
    st = Store(store_url)
    yield st
    st.close()
