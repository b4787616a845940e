"""Integrity of geo/data/*.tsv and of the gazetteer cache."""

from collections import Counter

from marsad.geo import build
from marsad.geo import gazetteer as gz
from marsad.geo.places import FEATURES


def _iso3s():
    return {row[0] for row in build.read_tsv("countries.tsv")}


def test_countries_rows():
    rows = list(build.read_tsv("countries.tsv"))
    assert len(rows) > 200
    for row in rows:
        assert len(row) == 9, row
        iso3, iso2, en, names = row[:4]
        assert len(iso3) == 3 and len(iso2) == 2 and en and build.split_names(names)
        assert -90 <= float(row[6]) <= 90 and -180 <= float(row[7]) <= 180
    assert len({r[0] for r in rows}) == len(rows)


def test_admin1_rows():
    iso3s = _iso3s()
    rows = list(build.read_tsv("admin1.tsv"))
    assert len(rows) > 150
    for row in rows:
        assert len(row) == 5, row
        assert row[0] in iso3s and row[1] and build.split_names(row[2])
        assert -90 <= float(row[3]) <= 90 and -180 <= float(row[4]) <= 180
    dup = Counter((r[0], r[1]) for r in rows)
    assert [k for k, n in dup.items() if n > 1] == []


def test_additions_rows():
    iso3s = _iso3s()
    admin1 = {(r[0], r[1]) for r in build.read_tsv("admin1.tsv")}
    rows = list(build.read_tsv("additions.tsv"))
    seen = Counter()
    for row in rows:
        assert len(row) in (8, 9), row
        names, en, iso3, adm, lat, lon, feature, _parent = row[:8]
        assert row[8:] in ([], [""], ["geonames"], ["approx"]), row
        assert iso3 in iso3s and en and feature in FEATURES, row
        assert not adm or iso3 not in {i for i, _ in admin1} or (iso3, adm) in admin1, row
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180
        for name in build.split_names(names):
            seen[(build.normalize_plain(name), iso3)] += 1
    assert [k for k, n in seen.items() if n > 1] == []


def test_stop_names_and_qualifiers_load():
    assert "كان" in build.read_lines("stop_names.txt")
    quals = {r[0]: build.split_names(r[1]) for r in build.read_tsv("qualifiers.tsv")}
    assert quals["محافظة"] == ["admin1"]
    assert all(set(v) <= set(FEATURES) for v in quals.values())


def test_cache_rebuilt_when_deleted(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path))
    first = gz.load_data()
    path = gz.cache_path()
    assert path.parent == tmp_path / gz.install_tag() and path.exists()
    assert gz.load_data() == first  # read back from the cache
    path.unlink()
    assert gz.load_data() == first
    assert path.exists()
    assert list(path.parent.glob(".gazetteer-*")) == []  # no temp file left behind


def test_cache_key_follows_data_content(tmp_path, monkeypatch):
    # An edit that keeps a data file's size and mtime must still give a new cache key.
    import os
    import shutil

    data = tmp_path / "data"
    shutil.copytree(build.DATA, data)
    monkeypatch.setattr(build, "DATA", data)
    before = gz.cache_key()
    path = data / "stop_names.txt"
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("كان", "كون", 1), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    assert gz.cache_key() != before
    path.write_text(text, encoding="utf-8")
    assert gz.cache_key() == before


def test_cache_build_keeps_other_keys_and_installs(tmp_path, monkeypatch):
    # Checkouts sharing a cache base each get their own folder, and a build deletes
    # neither another install's cache nor this install's recent other keys (another
    # branch); only this install's entries beyond the newest datacache.KEEP go.
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path))
    other_install = tmp_path / "install-000000000000" / "gazetteer-aaaaaaaaaaaaaaaa.pickle"
    other_install.parent.mkdir()
    other_install.write_bytes(b"x")
    own_other_key = gz.cache_dir() / "gazetteer-bbbbbbbbbbbbbbbb.pickle"
    own_other_key.parent.mkdir(parents=True)
    own_other_key.write_bytes(b"y")
    gz.load_data(rebuild=True)
    assert gz.cache_path().exists()
    assert gz.cache_dir() != other_install.parent
    assert other_install.read_bytes() == b"x"
    assert own_other_key.read_bytes() == b"y"


def test_damaged_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path))
    first = gz.load_data()
    path = gz.cache_path()
    path.write_bytes(path.read_bytes()[:1000])
    assert gz.load_data() == first
    path.write_bytes(b"\x80\x05not a pickle")
    assert gz.load_data() == first
