"""marsad command line (typer)."""

import typer

app = typer.Typer(help="marsad: Arabic news to ACLED-schema conflict events.", no_args_is_help=True)


@app.command()
def version() -> None:
    """Print the version."""
    from marsad import __version__

    typer.echo(__version__)
