"""A missing gazetteer cache is built in a child process, not in the batch process."""

from __future__ import annotations

import resource

from marsad.batch.warm import prebuild_gazetteer_cache
from marsad.datacache import entry_path
from marsad.geo.gazetteer import cache_path, install_tag
from marsad.lexicon.loader import cache_key as lexicon_key


def test_missing_cache_is_built_by_a_child(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path))
    assert not cache_path().exists()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    assert prebuild_gazetteer_cache() is True
    assert cache_path().exists()
    assert entry_path("lexicon", lexicon_key()).exists()
    assert cache_path().parent == tmp_path / install_tag()
    # the work (parsing GeoNames) was done by a child process
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime > before
    # a current cache needs no child
    assert prebuild_gazetteer_cache() is False
