"""Vendor the dashboard's npm libraries into the package: ``python -m marsad.web.build``.

Runs ``npm ci`` (versions pinned in package-lock.json) in a scratch folder and copies the
distributed files into ``static/vendor/``, so the installed dashboard needs no CDN and no
network: Leaflet and its marker clusters (the map), Chart.js (the timeline), and world-atlas
with topojson-client (country outlines drawn when no tile server answers). Run it before
building the wheel (``make demo`` and ``make test`` do).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENDOR = HERE / "static" / "vendor"
FILES = {  # npm package → files (relative to the package) to copy
    "leaflet": [
        "dist/leaflet.js",
        "dist/leaflet.css",
        "dist/images/marker-icon.png",
        "dist/images/marker-icon-2x.png",
        "dist/images/marker-shadow.png",
        "dist/images/layers.png",
        "dist/images/layers-2x.png",
        "LICENSE",
    ],
    "leaflet.markercluster": [
        "dist/leaflet.markercluster.js",
        "dist/MarkerCluster.css",
        "dist/MarkerCluster.Default.css",
        "MIT-LICENCE.txt",
    ],
    # the timeline: stacked bars of events per day by type (the UMD build bundles @kurkle/color)
    "chart.js": ["dist/chart.umd.min.js", "LICENSE.md"],
    "@kurkle/color": ["LICENSE.md"],
    # offline base map: Natural Earth country outlines (TopoJSON) and the decoder to GeoJSON
    "world-atlas": ["countries-50m.json", "LICENSE"],
    "topojson-client": ["dist/topojson-client.min.js", "LICENSE"],
}


STAMP = VENDOR / ".package-lock.sha256"  # the lock the vendored files came from


def _lock_digest() -> str:
    return hashlib.sha256((HERE / "package-lock.json").read_bytes()).hexdigest()


def built() -> bool:
    """Every file vendored, from the package-lock.json now in the package."""
    if not STAMP.exists() or STAMP.read_text().strip() != _lock_digest():
        return False
    return all(_dest(name, f).exists() for name, fs in FILES.items() for f in fs)


def _dest(name: str, file: str) -> Path:
    """Where a package's file goes: vendor/<package>/[images/]<file name>."""
    return VENDOR / name / ("images" if "/images/" in file else "") / Path(file).name


def build(force: bool = False) -> Path:
    if built() and not force:
        return VENDOR
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("error: npm not found: install Node.js (apt-get install -y npm)")
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("package.json", "package-lock.json"):
            shutil.copy(HERE / name, Path(tmp) / name)
        subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
            cwd=tmp,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        for name, files in FILES.items():
            target = VENDOR / name
            if target.exists():
                shutil.rmtree(target)
            for f in files:
                dest = _dest(name, f)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(Path(tmp) / "node_modules" / name / f, dest)
    STAMP.write_text(_lock_digest() + "\n")
    return VENDOR


if __name__ == "__main__":
    print(build(force="--force" in sys.argv))
