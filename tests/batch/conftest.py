"""Shared inputs for the batch tests: the bundled examples plus articles written for these tests."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples" / "articles.jsonl"
CORPUS = ROOT / ".." / "shared" / "corpus" / "saudinewsnet"

# Our own sentences: two conflict reports, one non-conflict, one without a date.
SYNTHETIC = [
    {
        "id": "syn-1",
        "published": "2019-04-11",
        "source": "test-wire",
        "text": "قالت مصادر أمنية إن مسلحين هاجموا نقطة تفتيش للشرطة في مدينة الرمادي "
        "فجر اليوم، ما أدى إلى مقتل أربعة من عناصر الشرطة وإصابة ستة آخرين.",
    },
    {
        "id": "syn-2",
        "published": "2018-11-02",
        "source": "test-wire",
        "text": "شنت طائرات حربية غارات جوية على مواقع لتنظيم داعش قرب مدينة دير الزور "
        "أمس الخميس، وأفاد مرصد محلي بسقوط عشرة قتلى من عناصر التنظيم.",
    },
    {
        "id": "syn-3",
        "published": "2020-01-15",
        "source": "test-sport",
        "text": "فاز فريق الهلال على ضيفه النصر بثلاثة أهداف مقابل هدف في مباراة "
        "الدوري التي أقيمت مساء أمس في الرياض.",
    },
    {
        "id": "syn-4",
        "source": "test-wire",
        "text": "تظاهر مئات الطلاب أمام مبنى الجامعة في الخرطوم احتجاجا على رفع "
        "أسعار الخبز، وفرقت الشرطة المحتجين بالغاز المسيل للدموع.",
    },
]

BAD_LINES = [
    "{this is not json",
    json.dumps({"id": "empty-1", "text": "   "}),
    json.dumps({"id": "no-text", "title": "بلا نص"}),
]


@pytest.fixture(autouse=True)
def _quiet_reader_warnings():
    logging.getLogger("marsad.ingest").setLevel(logging.ERROR)


def write_input(path: Path, with_bad_lines: bool = True) -> Path:
    """Examples, synthetic articles and (optionally) bad lines, interleaved, as one JSONL file."""
    lines = EXAMPLES.read_text(encoding="utf-8").splitlines()
    lines = [ln for ln in lines if ln.strip()]
    for i, record in enumerate(SYNTHETIC):
        lines.insert(2 * i + 1, json.dumps(record, ensure_ascii=False))
    if with_bad_lines:
        lines.insert(3, BAD_LINES[0])
        lines.insert(8, BAD_LINES[1])
        lines.append(BAD_LINES[2])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def input_file(tmp_path: Path) -> Path:
    return write_input(tmp_path / "input.jsonl")


@pytest.fixture(scope="session")
def pipeline():
    from marsad.pipeline import Pipeline

    return Pipeline()


def reference_events(paths, pipeline) -> list:
    """The single-process answer: read_articles + Pipeline.extract, in input order."""
    from marsad.ingest import RejectLog, read_articles

    events = []
    for article in read_articles(paths, rejects=RejectLog()):
        events.extend(pipeline.extract(article))
    return events
