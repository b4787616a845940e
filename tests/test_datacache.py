"""The compiled-data cache: one folder per install, content keys, damaged entries rebuilt,
only this install's own old entries pruned."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from marsad import datacache
from marsad.lexicon import loader


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_env_override_and_install_folder(cache: Path) -> None:
    assert datacache.cache_dir() == cache / datacache.install_tag()
    assert datacache.install_tag().startswith("install-")


def test_two_keys_coexist(cache: Path) -> None:
    assert datacache.load_or_build("thing", "a" * 16, lambda: {"v": 1}) == {"v": 1}
    assert datacache.load_or_build("thing", "b" * 16, lambda: {"v": 2}) == {"v": 2}
    # both entries stay, and each is read back (the build is not called again)
    assert datacache.entry_path("thing", "a" * 16).exists()
    assert datacache.entry_path("thing", "b" * 16).exists()
    assert datacache.load_or_build("thing", "a" * 16, _must_not_build) == {"v": 1}
    assert datacache.load_or_build("thing", "b" * 16, _must_not_build) == {"v": 2}


def _must_not_build() -> object:
    raise AssertionError("built although a current cache entry exists")


@pytest.mark.parametrize(
    "damage",
    [b"", b"garbage, not a pickle", None],
    ids=["empty", "garbage", "truncated"],
)
def test_corrupted_entry_is_rebuilt(cache: Path, damage: bytes | None) -> None:
    key = "c" * 16
    datacache.load_or_build("thing", key, lambda: {"v": list(range(1000))})
    path = datacache.entry_path("thing", key)
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2] if damage is None else damage)
    assert datacache.load_or_build("thing", key, lambda: {"v": "rebuilt"}) == {"v": "rebuilt"}
    assert pickle.loads(path.read_bytes()) == {"v": "rebuilt"}  # and written back whole
    assert list(path.parent.glob(".*.tmp")) == []


def test_invalid_object_is_rebuilt(cache: Path) -> None:
    key = "d" * 16
    path = datacache.entry_path("thing", key)
    path.parent.mkdir(parents=True)
    path.write_bytes(pickle.dumps(["not", "a", "dict"]))
    got = datacache.load_or_build(
        "thing", key, lambda: {"ok": True}, valid=lambda o: isinstance(o, dict)
    )
    assert got == {"ok": True}


def test_prune_keeps_newest_of_this_install_only(cache: Path) -> None:
    other_install = cache / "install-000000000000" / "thing-0000000000000000.pickle"
    other_install.parent.mkdir()
    other_install.write_bytes(b"x")
    own = datacache.cache_dir()
    own.mkdir(parents=True)
    old = []
    for i in range(datacache.KEEP + 2):
        p = own / f"thing-{i:016d}.pickle"
        p.write_bytes(b"y")
        os.utime(p, ns=(10**18 + i, 10**18 + i))
        old.append(p)
    other_name = own / "lexicon-0000000000000000.pickle"
    other_name.write_bytes(b"z")
    os.utime(other_name, ns=(1, 1))
    datacache.load_or_build("thing", "f" * 16, lambda: 1)
    kept = sorted(p.name for p in own.glob("thing-*.pickle"))
    # the new entry and the KEEP - 1 most recent older ones
    assert kept == sorted(
        [f"thing-{'f' * 16}.pickle", *(p.name for p in old[-(datacache.KEEP - 1) :])]
    )
    assert other_install.read_bytes() == b"x"  # another install: never touched
    assert other_name.read_bytes() == b"z"  # another kind of data: not pruned with "thing"


def test_key_follows_content_python_and_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = tmp_path / "data.txt"
    f.write_text("one", encoding="utf-8")
    st = f.stat()
    before = datacache.digest([f])
    f.write_text("two", encoding="utf-8")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert datacache.digest([f]) != before
    f.write_text("one", encoding="utf-8")
    assert datacache.digest([f]) == before
    monkeypatch.setattr(datacache.marsad, "__version__", "999.0")
    assert datacache.digest([f]) != before


def test_read_only_cache_still_builds(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(cache / "file"))
    (cache / "file").write_text("a file where the folder should be", encoding="utf-8")
    assert datacache.load_or_build("thing", "e" * 16, lambda: 7) == 7


def test_lexicon_from_cache_equals_built(cache: Path) -> None:
    loader.load_lexicon.cache_clear()
    try:
        built = loader.build_lexicon(loader.DATA_DIR)
        first = loader.load_lexicon()  # builds and writes the entry
        path = datacache.entry_path("lexicon", loader.cache_key())
        assert path.exists()
        loader.load_lexicon.cache_clear()
        cached = loader.load_lexicon()  # read back
        assert cached is not first
        for lex in (first, cached):
            assert lex.triggers == built.triggers
            assert lex.actors == built.actors
            assert lex.matcher.key_count == built.matcher.key_count
        text = "قتل خمسة جنود في هجوم شنه مسلحون على حاجز للجيش"
        from marsad.text.normalize import normalize_plain

        norm = normalize_plain(text)
        assert cached.scan(norm) == built.scan(norm) != []
        # the payloads are the cached lexicon's own entries, not copies
        hit = next(h for h in cached.scan(norm) if h.kind == "trigger")
        assert any(hit.entry is t for t in cached.triggers)
    finally:
        loader.load_lexicon.cache_clear()


MARKER = frozenset({"*"})


def test_shared_objects_come_back_identical(cache: Path) -> None:
    key = "9" * 16
    datacache.load_or_build("thing", key, lambda: {"a": MARKER}, shared={"m": MARKER})
    back = datacache.load_or_build("thing", key, _must_not_build, shared={"m": MARKER})
    assert back["a"] is MARKER
    plain = pickle.loads(pickle.dumps(MARKER))
    assert plain == MARKER and plain is not MARKER  # what the cache must not give
    # an entry naming a shared object this code no longer has is rebuilt
    assert datacache.load_or_build("thing", key, lambda: "new", shared={}) == "new"


def test_cached_lexicon_keeps_the_matchers_marker(cache: Path) -> None:
    from marsad.lexicon import matcher

    loader.load_lexicon.cache_clear()
    try:
        loader.load_lexicon()
        loader.load_lexicon.cache_clear()
        cached = loader.load_lexicon()
        allowed = [
            p[3] for _key, (_n, payloads) in cached.matcher._automaton.items() for p in payloads
        ]
        stars = [a for a in allowed if a == matcher.ANY_SUFFIX]
        assert stars and all(a is matcher.ANY_SUFFIX for a in stars)
    finally:
        loader.load_lexicon.cache_clear()
