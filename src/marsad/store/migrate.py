"""Schema migrations with Alembic, run by the store itself under its write lock.

A store made by marsad 0.1 (``create_all``, no ``alembic_version`` table) is
stamped at revision 0001 first, then upgraded like any other. Two processes
opening a fresh database at once queue on the lock instead of racing.
"""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

if TYPE_CHECKING:
    from marsad.store.store import Store


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("marsad.store").joinpath("migrations")))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()  # type: ignore[return-value]


def current_revision(conn) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(store: Store, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (cheap when it is already there)."""
    with store.engine.connect() as conn:
        if current_revision(conn) == head_revision() and revision == "head":
            return
    with store.writing() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        tables = set(inspect(conn).get_table_names())
        if "articles" in tables and current_revision(conn) is None:
            command.stamp(config, "0001")  # a marsad 0.1 store
        command.upgrade(config, revision)
