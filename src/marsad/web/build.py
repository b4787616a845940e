"""Vendor the dashboard's npm libraries into the package: ``python -m marsad.web.build``.

Runs ``npm ci`` (versions pinned in package-lock.json) in a scratch folder and copies the
distributed files into ``static/vendor/``, so the installed dashboard needs no CDN and no
network. Run it before building the wheel (``make`` does).
"""

from __future__ import annotations

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
}


def built() -> bool:
    return all((VENDOR / name / Path(f).name).exists() for name, fs in FILES.items() for f in fs)


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
                dest = target / ("images" if "/images/" in f else "") / Path(f).name
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(Path(tmp) / "node_modules" / name / f, dest)
    return VENDOR


if __name__ == "__main__":
    print(build(force="--force" in sys.argv))
