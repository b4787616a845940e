"""``marsad serve``: the HTTP API and the dashboard (uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

err = Console(stderr=True, soft_wrap=True)


def serve(
    db: Annotated[
        str,
        typer.Option(
            help="Store URL, e.g. sqlite:///marsad.db or postgresql+psycopg://user@host/db"
        ),
    ] = "sqlite:///marsad.db",
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port")] = 8000,
    max_body: Annotated[
        int | None, typer.Option(min=1, help="Largest request body, in bytes")
    ] = None,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs) and the dashboard at /.

    Writes need the header X-API-Key equal to the MARSAD_API_KEY environment variable.
    """
    import uvicorn

    from marsad.api.app import Settings, create_app
    from marsad.store import StoreError

    try:
        app = create_app(Settings.from_env(db, max_body=max_body))
    except StoreError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from None
    if app.state.settings.api_key is None:
        err.print("MARSAD_API_KEY is not set: the API is read-only")
    try:
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        app.state.store.close()


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
