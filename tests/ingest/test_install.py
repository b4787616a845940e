"""The wheel, installed by Python's own pip into a fresh venv, reads an HTML page.

This is the user's path (``pip install marsad``), not the editable dev venv:
it fails when an imported package is missing from ``pyproject.toml``, as
``lxml_html_clean`` was (jusText asks for an lxml extra that lxml 6 dropped,
so trafilatura's import failed on the first HTML file).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>انفجار في بغداد</title></head>
<body><nav>الرئيسية | أخبار</nav><article><h1>انفجار في بغداد</h1>
<p>قتل ثلاثة أشخاص وأصيب عشرة آخرون في انفجار سيارة مفخخة في سوق شعبي وسط بغداد أمس،
بحسب ما أعلنت الشرطة العراقية في بيان.</p>
<p>وقالت مصادر طبية إن بين الجرحى أطفالا، وإن حالة اثنين منهم خطيرة.</p>
<script>document.write("قتل مئة شخص في الموصل")</script></article></body></html>
"""


def _run(cmd: list[str], cwd: Path, timeout: float = 240) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(cmd)}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def _copy_source(dest: Path) -> Path:
    dest.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(
        ROOT / "src",
        dest / "src",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc"),
    )
    return dest


@pytest.mark.install
def test_wheel_in_fresh_venv_reads_html(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)  # ensurepip: the stock pip of this Python
    python = env_dir / "bin" / "python"
    source = _copy_source(tmp_path / "source")  # setuptools builds in-tree: keep the checkout clean
    _run(
        [
            str(python),
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(tmp_path / "dist"),
            str(source),
        ],
        cwd=tmp_path,
    )
    (wheel,) = (tmp_path / "dist").glob("marsad-*.whl")
    _run([str(python), "-m", "pip", "install", "-q", str(wheel)], cwd=tmp_path)
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    out, rejects = tmp_path / "events.jsonl", tmp_path / "rejects.jsonl"
    done = _run(
        [
            str(env_dir / "bin" / "marsad"),
            "extract",
            str(page),
            "--published",
            "2015-08-10",
            "-o",
            str(out),
            "--rejects",
            str(rejects),
        ],
        cwd=tmp_path,
    )
    assert "1 articles" in done.stderr, done.stderr
    assert rejects.read_text(encoding="utf-8") == ""
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert events and all(e["fatalities"] != 100 for e in events)  # the script is not text
    assert any(e["fatalities"] == 3 for e in events)
