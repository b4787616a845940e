"""Toll readings (CODEBOOK §6) on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.extract import tolls
from marsad.extract.engine import Extractor
from marsad.model import Article
from marsad.text.document import build_document


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def sentence_toll(extractor: Extractor, text: str) -> tuple[int, int]:
    """Killed and injured read from the first sentence, summed as the engine sums them."""
    doc = build_document(Article(id="t", text=text, published=dt.date(2015, 8, 10)))
    scan = extractor.scan(doc)
    start, end = doc.sentences[0]
    readings = tolls.read_tolls(scan, start, end, extractor.grammar)
    killed = sum(r.value for r in readings if r.kind == "killed")
    injured = sum(r.value for r in readings if r.kind == "injured")
    return killed, injured


CASES = [
    # plain numbers, words and digits, both sides of the cue
    ("لقي سبعة عمال مصرعهم في انفجار لغم أرضي قرب بلدة الرمادي.", 7, 0),
    ("أسفر الهجوم عن مقتل 9 مدنيين وإصابة 14 آخرين بجروح.", 9, 14),
    # a cue's reach stops at the next cue: each figure stays with its own word
    ("قتل مدني وجرح عشرة آخرون في قصف على حي سكني بمدينة إدلب.", 1, 10),
    ("ذكر مسعفون أن رجلين قتلا وأصيب ستة في تبادل لإطلاق النار وسط المدينة.", 2, 6),
    ("خلف التفجير 18 قتيلا ونحو سبعين جريحا في سوق المدينة.", 18, 70),
    ("سجلت المستشفيات 9 حالات وفاة و 40 إصابة بعد القصف.", 9, 40),
    # a dual noun, a singular person, a pronoun, "one more", "others"
    ("قتل شرطيان برصاص مسلحين مجهولين عند حاجز للتفتيش.", 2, 0),
    ("قتلت امرأتان في سقوط قذيفة هاون على منزلهما.", 2, 0),
    ("استشهد مواطن وأصيب آخر في سقوط مقذوف عسكري على قرية حدودية.", 1, 1),
    ("قتل أربعة جنود وأصيب خامس في كمين نصبه المتمردون.", 4, 1),
    ("قتل ثلاثة حراس فيما أصيب آخرون في هجوم على مصرف.", 3, 10),
    ("هاجم مجهولون سائقا في الطريق الصحراوي وقتلوه ثم لاذوا بالفرار.", 1, 0),
    ("أطلق قناص النار على رجل مسن فأرداه قتيلا.", 1, 0),
    ("لقي القائد الميداني مصرعه مع 12 آخرين في الغارة.", 13, 0),
    ("اغتال مسلحون قاضيا أمام منزله في المدينة.", 1, 0),
    ("أعدم المسلحون ستة رهائن في ساحة البلدة.", 6, 0),
    # "ثلاثة رجال وطفل": the singular person joined by و adds one
    ("قتل ثلاثة رجال وطفل في غارة على مزرعة.", 4, 0),
    # not counts of people
    ("أصيبت الفتاة قبل ثمانية أشهر برصاصة طائشة في الحي.", 0, 1),
    ("قتل شاب يبلغ من العمر (19 عاما) برصاص الشرطة.", 1, 0),
    ("قتل ضابط على بعد 30 كيلومترا من الحدود.", 1, 0),
    ("قتل سبعة أشخاص بينهم ثلاثة أطفال في القصف.", 7, 0),
    ("أصيب ثمانية أشخاص، ثلاثة منهم إصاباتهم خطيرة.", 0, 8),
    ("سقطت قذيفة على منزل دون وقوع إصابات.", 0, 0),
    ("قصفت الطائرات الحي ولم ترد أنباء عن إصابات حيث يتعرض منذ عدة أشهر لهجمات.", 0, 0),
    ("قتل 3200 مدني في الغارات منذ بداية الحرب بحسب المنظمة.", 0, 0),
    ("أحصت المنظمة مقتل 450 شخصا خلال عشرة أشهر من القتال.", 0, 0),
    ("أحبطت الشرطة محاولة اغتيال وزير الداخلية.", 0, 0),
    # one figure per kind: a later total, another source's lower figure
    ("ارتفع عدد القتلى إلى 15 بعد وفاة ثلاثة من الجرحى في المستشفى.", 15, 0),
    ("قتل ثمانية أشخاص بحسب الشرطة، بينما قالت مصادر طبية إن عدد القتلى بلغ 11.", 8, 0),
    ("أدى الهجوم إلى مقتل ثلاثة جنود، فيما أعلن المسلحون أنهم قتلوا 12 جنديا.", 3, 0),
    # two groups of different people are summed
    ("قتل خمسة جنود في الهجوم، وقال الجيش إنه قتل 20 مسلحا خلال الرد.", 25, 0),
    # the shared number of "مقتل وإصابة"
    ("أسفر الانفجار عن مقتل وإصابة العشرات من المارة.", 12, 12),
]


@pytest.mark.parametrize(("text", "killed", "injured"), CASES)
def test_sentence_toll(extractor: Extractor, text: str, killed: int, injured: int) -> None:
    assert sentence_toll(extractor, text) == (killed, injured)


def test_evidence_spans_point_at_the_words_read(extractor: Extractor) -> None:
    text = "قتل جنديان وأصيب ثالث في الهجوم."
    doc = build_document(Article(id="t", text=text, published=dt.date(2015, 8, 10)))
    scan = extractor.scan(doc)
    readings = tolls.read_tolls(scan, *doc.sentences[0], extractor.grammar)
    surfaces = {r.kind: [text[s.start : s.end] for s in r.spans] for r in readings}
    assert surfaces == {"killed": ["جنديان", "قتل"], "injured": ["ثالث", "أصيب"]}


def test_a_name_ending_like_a_dual_is_no_count(extractor: Extractor) -> None:
    # طالبان is the movement, not two students
    assert sentence_toll(extractor, "أصيب مسلح من طالبان في الاشتباك.") == (0, 1)


@pytest.mark.parametrize(
    ("plain", "marked"),
    [
        ("لقي مصرعه في الهجوم على الحاجز.", "لَقِيَ مَصْرَعَهُ في الهجوم على الحاجز."),
        ("لقيا مصرعهما في الهجوم على الحاجز.", "لقيا مصرعـــهما في الهجوم على الحاجز."),
    ],
)
def test_a_pronoun_toll_does_not_change_with_harakat_or_tatweel(
    extractor: Extractor, plain: str, marked: str
) -> None:
    assert sentence_toll(extractor, plain) == sentence_toll(extractor, marked)
    assert sentence_toll(extractor, plain)[0] in (1, 2)
