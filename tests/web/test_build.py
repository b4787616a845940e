"""``built()`` says whether the vendored dashboard libraries are all there, from this lock."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from marsad.web import build


@pytest.fixture
def vendor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if not build.STAMP.exists():
        pytest.skip("dashboard libraries not vendored: python -m marsad.web.build")
    copy = tmp_path / "vendor"
    shutil.copytree(build.VENDOR, copy)
    monkeypatch.setattr(build, "VENDOR", copy)
    monkeypatch.setattr(build, "STAMP", copy / build.STAMP.name)
    return copy


def test_built_counts_leaflet_images(vendor: Path) -> None:
    assert build.built()
    (vendor / "leaflet" / "images" / "layers.png").unlink()
    assert not build.built()


def test_a_changed_lock_means_not_built(vendor: Path) -> None:
    (vendor / build.STAMP.name).write_text("0" * 64 + "\n")
    assert not build.built()
