"""Datelines: the names opening a line before a dash or colon locate the newsroom."""

from __future__ import annotations

import pytest

from marsad.extract.engine import Extractor
from marsad.model import Article


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _spans(extractor: Extractor, text: str) -> list[str]:
    ctx = extractor.context(Article(id="d", text=text, published="2018-03-05"), force=True)
    assert ctx is not None
    return [ctx.doc.norm[a:b] for a, b in ctx.datelines]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("بغداد - رويترز: قتل جندي.", 1),
        ("دبي، الإمارات العربية المتحدة (CNN)-- قالت الشركة إن أرباحها ارتفعت.", 1),
        ("سطر أول.\nالقاهرة، مصر (CNN)-- أعلنت الوزارة.", 1),
        ("قال مسؤول في بغداد: إن الهجوم فشل.", 0),
        ("اشتباكات في مدينة حمص - وفق المرصد.", 0),
        ("قتل ثلاثة أشخاص في حمص.", 0),
    ],
)
def test_a_dateline_is_only_place_names_before_the_first_dash(
    extractor: Extractor, text: str, expected: int
) -> None:
    assert len(_spans(extractor, text)) == expected
