"""Alembic environment: marsad runs migrations itself, on the connection the Store hands over."""

from __future__ import annotations

from alembic import context

from marsad.store.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic -x url=...` from a shell
    from sqlalchemy import create_engine

    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option(
        "sqlalchemy.url"
    )
    with create_engine(url).begin() as conn:
        context.configure(
            connection=conn,
            target_metadata=Base.metadata,
            render_as_batch=conn.dialect.name == "sqlite",
        )
        context.run_migrations()
else:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
