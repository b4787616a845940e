"""Start-up: importing the CLI, and asking it for help, loads none of the heavy libraries
(they belong to the commands that use them). Counted in modules, not seconds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = (
    "pyarrow",
    "numpy",
    "pandas",
    "dask",
    "distributed",
    "sqlalchemy",
    "alembic",
    "trafilatura",
    "scipy",
    "httpx",
    "fastapi",
    "uvicorn",
)

PROBE = f"""
import json, sys
import marsad.cli
heavy = {HEAVY!r}
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))
"""

# Runs the typer app the way the ``marsad`` script does, then lists what got imported.
HELP_PROBE = f"""
import json, sys
from marsad.cli import app
argv = json.loads(sys.argv[1])
try:
    app(argv, prog_name="marsad")
except SystemExit as exc:
    assert exc.code in (0, None), exc.code
heavy = {HEAVY!r}
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))
"""


def _loaded_after(code: str, *args: str) -> list[str]:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_cli_import_loads_no_heavy_module() -> None:
    assert _loaded_after(PROBE) == []


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["version"], ["extract", "--help"], ["batch", "--help"], ["serve", "--help"]],
    ids=" ".join,
)
def test_help_loads_no_heavy_module(argv: list[str]) -> None:
    assert _loaded_after(HELP_PROBE, json.dumps(argv)) == []


def test_cli_help_does_not_load_the_extractor() -> None:
    # The --min-confidence default is read without the extractor (options.py), so the
    # top-level help builds neither pydantic models nor the lexicon automaton.
    code = HELP_PROBE.replace(f"heavy = {HEAVY!r}", "heavy = ('pydantic', 'ahocorasick')")
    assert _loaded_after(code, json.dumps(["--help"])) == []


def test_probe_sees_a_heavy_import() -> None:
    # The probe itself can fail: a command's own import does bring pyarrow in.
    code = PROBE.replace("import marsad.cli", "import marsad.cli, marsad.batch.tables")
    assert "pyarrow" in _loaded_after(code)


def test_help_probe_sees_a_heavy_import() -> None:
    code = HELP_PROBE.replace("argv = json", "import fastapi; argv = json")
    assert "fastapi" in _loaded_after(code, json.dumps(["--help"]))


def test_default_min_confidence_is_the_models() -> None:
    from marsad.extract.confidence import DEFAULT_MIN_CONFIDENCE as model_threshold
    from marsad.options import DEFAULT_MIN_CONFIDENCE

    assert model_threshold == DEFAULT_MIN_CONFIDENCE
