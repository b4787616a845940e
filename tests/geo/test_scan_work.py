"""Gazetteer.scan does work linear in the text (issue 15 item 3): counted, not timed."""

import sys

from marsad.text.normalize import normalize_plain

SENTENCE = "قصفت الطائرات مدينة حلب وريف إدلب وبلدة تلبيسة قرب حمص وفي دمشق، "


def _operations(fn, *args) -> int:
    """Python and C calls made (generator resumptions included) while running fn."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        count += 1

    sys.setprofile(profile)
    try:
        fn(*args)
    finally:
        sys.setprofile(None)
    return count


def test_doubling_the_text_at_most_a_little_more_than_doubles_the_work(gaz):
    small = normalize_plain(SENTENCE * 400)
    large = normalize_plain(SENTENCE * 800)
    gaz.scan(small)  # warm caches (Place objects, evidence data)
    ratio = _operations(gaz.scan, large) / _operations(gaz.scan, small)
    assert ratio < 2.3, ratio
