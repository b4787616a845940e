"""Start-up: importing the CLI loads none of the heavy libraries (they belong to the
commands that use them). Counted in modules, not seconds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("pyarrow", "numpy", "pandas", "dask", "sqlalchemy", "trafilatura", "scipy")

PROBE = f"""
import json, sys
import marsad.cli
heavy = {HEAVY!r}
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))
"""


def _loaded_after(code: str) -> list[str]:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_cli_import_loads_no_heavy_module() -> None:
    assert _loaded_after(PROBE) == []


def test_probe_sees_a_heavy_import() -> None:
    # The probe itself can fail: a command's own import does bring pyarrow in.
    code = PROBE.replace("import marsad.cli", "import marsad.cli, marsad.batch.tables")
    assert "pyarrow" in _loaded_after(code)
