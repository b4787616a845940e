"""``has_trigger`` then ``scan`` of the same text reuse one automaton pass and
give exactly the hits of a fresh scan; overlap resolution equals the original."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.lexicon import load_lexicon
from marsad.text.normalize import normalize_plain

TEXTS = [
    "قتل ثلاثة جنود في هجوم بعبوة ناسفة استهدف دورية للجيش قرب الحدود",
    "وقعت الحكومة اتفاقا تجاريا مع الشركة لتطوير الميناء",
    "اشتبك مسلحون مع قوات الامن وسط المدينة، واعتقلت الشرطة خمسة منهم",
]


def test_scan_after_has_trigger_equals_a_fresh_scan() -> None:
    lex = load_lexicon()
    for raw in TEXTS:
        norm = normalize_plain(raw)
        lex.has_trigger(norm, min_weight=0.5)
        reused = lex.scan(norm)
        fresh = lex.matcher.scan(norm)
        assert reused == fresh
        # an equal text that is another str object is scanned afresh, same result
        assert lex.scan("".join(list(norm))) == fresh
    assert any(h.kind == "trigger" for h in lex.scan(normalize_plain(TEXTS[0])))


def test_has_trigger_answers_per_text() -> None:
    lex = load_lexicon()
    violent, trade = (normalize_plain(t) for t in TEXTS[:2])
    assert lex.has_trigger(violent, min_weight=0.5)
    assert not lex.has_trigger(trade, min_weight=0.5)
    assert lex.has_trigger(violent, min_weight=0.5)  # the memo follows the text


def _reference_resolve(norm: str, raw: list) -> list[tuple]:
    """The original quadratic overlap resolution, kept as the reference."""
    ordered = sorted(dict.fromkeys(raw), key=lambda h: (h[0] - h[1], h[0]))
    kept: dict[str, list[tuple[int, int]]] = {}
    out = []
    for nstart, nend, kind, entry, suffix in ordered:
        spans = kept.setdefault(kind, [])
        if any(s < nend and nstart < e and (s, e) != (nstart, nend) for s, e in spans):
            continue
        spans.append((nstart, nend))
        out.append((nstart, nend, kind, entry, suffix))
    out.sort(key=lambda h: (h[0], h[0] - h[1]))
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 30),
            st.integers(1, 8),
            st.sampled_from(["trigger", "actor"]),
            st.sampled_from(["a", "b", "c"]),
            st.sampled_from(["", "ها"]),
        ),
        max_size=25,
    )
)
def test_overlap_resolution_equals_the_reference(spec: list[tuple]) -> None:
    norm = "x" * 40
    raw = [(s, s + n, kind, entry, suffix) for s, n, kind, entry, suffix in spec]
    got = [
        (h.nstart, h.nend, h.kind, h.entry, h.suffix)
        for h in load_lexicon().matcher.scan(norm, raw)
    ]
    assert got == _reference_resolve(norm, raw)
