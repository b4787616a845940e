"""``has_trigger`` then ``scan`` of the same text reuse one automaton pass and
give exactly the hits of a fresh scan."""

from __future__ import annotations

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
