"""One content-keyed cache of compiled data (lexicon, gazetteer) per install.

Layout: ``<base>/install-<digest of the package path>/<name>-<key>.pickle``.

* ``<base>`` is ``MARSAD_CACHE_DIR``, else ``$XDG_CACHE_HOME/marsad``, else ``~/.cache/marsad``.
* The install folder keeps checkouts and venvs that share a base apart: nothing here
  ever reads, writes or deletes another install's folder.
* ``<key>`` is a digest of the inputs (data file contents, the code that compiles them,
  the marsad version, the Python version and the pickle protocol), so a stale entry is
  never read; an unreadable or damaged entry is rebuilt, never an error.
* After a build, this install keeps its ``KEEP`` most recently used entries per name
  (switching back to a recent branch finds its build again) and deletes older ones.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import marsad

T = TypeVar("T")

# Entries kept per name in this install's folder (the one just built or read included).
KEEP = 3
# Files up to this size are hashed by content; larger ones by name and size (the GeoNames
# files, which change only with their package's version, also part of the key).
HASH_CONTENT_BELOW = 1 << 20


def base_dir() -> Path:
    env = os.environ.get("MARSAD_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "marsad"


@lru_cache(maxsize=1)
def install_tag() -> str:
    """A short digest of the package's install location (one cache folder per install)."""
    here = str(Path(marsad.__file__).resolve().parent)
    return "install-" + hashlib.sha1(here.encode()).hexdigest()[:12]


def cache_dir() -> Path:
    """This install's own cache folder."""
    return base_dir() / install_tag()


def runtime_tag() -> str:
    """What a pickle's validity depends on besides the data: marsad, Python, protocol."""
    return f"marsad {marsad.__version__}|{sys.implementation.cache_tag}|{sys.version}|{pickle.HIGHEST_PROTOCOL}"


def digest(files: Iterable[Path], extra: Iterable[str] = ()) -> str:
    """A 16-hex-digit key over ``files`` (content, or name and size when large) and ``extra``."""
    h = hashlib.sha1(runtime_tag().encode())
    for part in extra:
        h.update(b"|" + part.encode())
    for path in files:
        st = path.stat()
        h.update(f"|{path.name}:{st.st_size}".encode())
        if st.st_size <= HASH_CONTENT_BELOW:
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def entry_path(name: str, key: str) -> Path:
    return cache_dir() / f"{name}-{key}.pickle"


def load_or_build(
    name: str,
    key: str,
    build: Callable[[], T],
    valid: Callable[[object], bool] = lambda _obj: True,
    rebuild: bool = False,
    shared: Mapping[str, object] | None = None,
) -> T:
    """The cached ``name`` for ``key``, else ``build()`` (then cached, best effort).

    Anything that fails while reading the entry (missing, truncated, garbage, a class that
    no longer unpickles, or an object ``valid`` rejects) means: build it again.

    ``shared``: module-level objects the data refers to and the code compares by identity
    (``x is ANY_SUFFIX``). They are stored by name and come back as the very same objects,
    not as equal copies.
    """
    path = entry_path(name, key)
    shared = shared or {}
    if not rebuild:
        try:
            with open(path, "rb") as fh:
                obj = _Unpickler(fh, shared).load()
        except Exception:  # noqa: BLE001 — a damaged cache entry is rebuilt, never fatal
            obj = None
        else:
            if valid(obj):
                _touch(path)
                return obj
    built = build()
    if _write_atomic(path, built, shared):
        prune(name, keep=KEEP)
    return built


class _Pickler(pickle.Pickler):
    def __init__(self, fh, shared: Mapping[str, object]) -> None:
        super().__init__(fh, protocol=pickle.HIGHEST_PROTOCOL)
        self._names = {id(obj): name for name, obj in shared.items()}

    def persistent_id(self, obj: object) -> str | None:
        return self._names.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, fh, shared: Mapping[str, object]) -> None:
        super().__init__(fh)
        self._shared = shared

    def persistent_load(self, pid: object) -> object:
        try:
            return self._shared[pid]  # type: ignore[index]
        except (KeyError, TypeError):
            raise pickle.UnpicklingError(f"unknown shared object {pid!r}") from None


def prune(name: str, keep: int = KEEP) -> list[Path]:
    """Delete this install's ``name`` entries beyond the ``keep`` most recently used."""
    folder = cache_dir()
    try:
        entries = []
        for p in folder.glob(f"{name}-*.pickle"):
            try:
                entries.append((p.stat().st_mtime_ns, p))
            except OSError:
                continue
    except OSError:
        return []
    entries.sort(reverse=True)
    removed = []
    for _mtime, p in entries[keep:]:
        with contextlib.suppress(OSError):
            p.unlink()
            removed.append(p)
    return removed


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.utime(path)  # "recently used" for prune()


def _write_atomic(path: Path, obj: object, shared: Mapping[str, object]) -> bool:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            if shared:
                _Pickler(fh, shared).dump(obj)
            else:
                pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        return True
    except (OSError, pickle.PicklingError):
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False  # read-only home: work from memory, rebuild next time
