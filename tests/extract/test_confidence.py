"""The confidence model: features read from the act and its article frame,
weights are validated data, the fit is a real (weighted) logistic regression."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from marsad.extract.candidate import ActorRef, Candidate, Toll
from marsad.extract.confidence import (
    CANDIDATE_FEATURES,
    DEFAULT_MIN_CONFIDENCE,
    FEATURES,
    WEIGHTS_FILE,
    features,
    fit,
    load_model,
    load_weights,
    probability,
)
from marsad.extract.engine import Extractor
from marsad.extract.frame import ArticleFrame, act_sentences, article_frame, load_frame_words
from marsad.model import Article, Span
from marsad.text.document import build_document


def test_weights_file_names_every_feature_and_a_threshold() -> None:
    weights, threshold = load_model()
    assert set(weights) == set(FEATURES)
    assert all(isinstance(v, float) for v in weights.values())
    assert 0.0 < threshold < 1.0
    assert threshold == DEFAULT_MIN_CONFIDENCE


def _broken(tmp_path: Path, change) -> Path:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "confidence.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_weights_file_missing_a_feature_is_an_error_naming_file(tmp_path: Path) -> None:
    path = _broken(tmp_path, lambda d: d["weights"].pop("acts"))
    with pytest.raises(ValueError, match=r"confidence\.json.*missing.*acts"):
        load_model.__wrapped__(path)


def test_weights_file_unknown_feature_is_an_error_naming_file(tmp_path: Path) -> None:
    path = _broken(tmp_path, lambda d: d["weights"].update(moon_phase=1.0))
    with pytest.raises(ValueError, match=r"confidence\.json.*unknown.*moon_phase"):
        load_model.__wrapped__(path)


def test_weights_file_bad_threshold_is_an_error(tmp_path: Path) -> None:
    path = _broken(tmp_path, lambda d: d.update(threshold=1.5))
    with pytest.raises(ValueError, match=r"confidence\.json.*threshold"):
        load_model.__wrapped__(path)


def _frame(**kw) -> ArticleFrame:
    base = dict(
        sentences=10,
        acts=1,
        title_history=False,
        history_sentences=0,
        domain={"sport": 0, "economy": 0, "culture": 0, "technology": 0},
        domain_sentences=0,
        strong_sentences=0,
        title_trigger=0.0,
        old_year_sentences=frozenset(),
    )
    return ArticleFrame(**(base | kw))


def _candidate(**kw) -> Candidate:
    c = Candidate(
        event_type="Battles",
        sub_event_type="Armed clash",
        weight=0.9,
        trigger_span=Span(0, 4),
        trigger_nstart=0,
        sentence=4,
        clause=(0, 10),
    )
    c.sentences.add(4)
    for key, value in kw.items():
        setattr(c, key, value)
    return c


def test_features_of_a_constructed_event() -> None:
    actor = ActorRef("Military Forces of Syria", 1, "SYR", "الجيش", Span(5, 10))
    c = _candidate(
        actor1=actor, toll=Toll(killed=3), time_precision=1, reports=4, place_qualifier="مدينه"
    )
    frame = _frame(
        acts=3,
        strong_sentences=5,
        domain={"sport": 5, "economy": 0, "culture": 0, "technology": 0},
        domain_sentences=2,
        old_year_sentences=frozenset({4}),
        title_trigger=0.9,
    )
    f = features(c, frame, tuple(CANDIDATE_FEATURES))
    assert f["bias"] == 1.0 and f["trigger"] == 0.9 and f["strong"] == 1.0
    assert f["actor1"] == 1.0 and f["actor2"] == 0.0 and f["toll"] == 1.0
    assert f["exact_date"] == 1.0 and f["reports"] == 1.0 and f["qualified_place"] == 1.0
    assert f["lead"] == 0.0  # told in the fifth sentence
    assert f["sport"] == 0.5 and f["domain_share"] == 0.2
    assert f["domain_vs_conflict"] == pytest.approx(2 / 7)
    assert f["strong_share"] == 0.5 and f["title_trigger"] == 0.9
    assert f["old_year"] == 1.0 and f["old_year_article"] == 1.0
    assert f["acts"] == 0.5 and f["act_density"] == 0.3 and f["length"] == 0.25
    assert f["first"] == 0.0
    # an inherited place is no place of the act's own, nor a qualified one
    inherited = features(
        _candidate(place_inherited=True, place_qualifier="مدينه"),
        _frame(),
        tuple(CANDIDATE_FEATURES),
    )
    assert inherited["own_place"] == 0.0 and inherited["qualified_place"] == 0.0
    assert inherited["old_year"] == 0.0 and inherited["acts"] == 0.0


def test_act_sentences_do_not_change_when_two_reports_merge() -> None:
    """Merging a re-mention into its act must not make marsad less sure of the rest."""
    first, again, other = _candidate(sentence=1), _candidate(sentence=3), _candidate(sentence=6)
    first.sentences, again.sentences, other.sentences = {1}, {3}, {6}
    apart = act_sentences([first, again, other])
    first.sentences |= again.sentences  # what merge.same_act does
    assert act_sentences([first, other]) == apart == 3
    assert act_sentences([_candidate(sentence=2, sentences=set())]) == 1


def test_a_sport_frame_lowers_confidence_of_the_same_act() -> None:
    c = _candidate()
    weights = load_weights()
    news = probability(features(c, _frame(strong_sentences=4, acts=2)), weights)
    sport = probability(
        features(
            c,
            _frame(
                domain={"sport": 6, "economy": 0, "culture": 0, "technology": 0}, domain_sentences=6
            ),
        ),
        weights,
    )
    assert sport < news


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _scan(extractor: Extractor, text: str, title: str | None = None):
    article = Article(id="t", text=text, title=title, published=dt.date(2018, 5, 2))
    return extractor.scan(build_document(article))


def test_frame_counts_domain_sentences_without_acts(extractor: Extractor) -> None:
    text = (
        "فاز المنتخب في المباراة على ملعب المدينة.\n"
        "وسجل اللاعب هدفين في الشوط الثاني من المباراة.\n"
        "وقتل ثلاثة جنود في هجوم انتحاري قرب الحدود عام 2014."
    )
    scan = _scan(extractor, text, title="هجوم انتحاري يقتل ثلاثة جنود")
    frame = article_frame(scan, 2)
    assert frame.sentences == 3 and frame.acts == 2
    assert frame.domain["sport"] >= 2 and frame.domain_sentences == 2
    assert frame.strong_sentences == 1
    assert frame.old_year_sentences == frozenset({2})  # 2014 is before 2018
    assert frame.title_trigger >= 0.8
    assert article_frame(scan, 2) is frame  # built once per scan


def test_technology_words_are_whole_words() -> None:
    pattern = load_frame_words().technology
    assert pattern.search("اطلقت شركه سامسونغ هاتفا")
    assert pattern.search("وسامسونغ")  # one clitic before the word
    assert not pattern.search("سامسونغيه")  # not inside a longer word


def _rows(n: int, seed: int) -> tuple[list[dict[str, float]], list[int]]:
    """Synthetic events: a toll makes an event right 85 % of the time, none 30 %."""
    rng = random.Random(seed)
    rows, labels = [], []
    for _ in range(n):
        row = {name: 0.0 for name in FEATURES} | {"bias": 1.0}
        row["toll"] = float(rng.random() < 0.5)
        rows.append(row)
        labels.append(int(rng.random() < (0.85 if row["toll"] else 0.3)))
    return rows, labels


def test_fit_recovers_calibrated_probabilities() -> None:
    rows, labels = _rows(4000, seed=3)
    weights = fit(rows, labels, l2=0.01)
    with_toll = {name: 0.0 for name in FEATURES} | {"bias": 1.0, "toll": 1.0}
    without = {name: 0.0 for name in FEATURES} | {"bias": 1.0}
    assert probability(with_toll, weights) == pytest.approx(0.85, abs=0.03)
    assert probability(without, weights) == pytest.approx(0.30, abs=0.03)


def test_sample_weight_counts_like_repeated_rows() -> None:
    rows, labels = _rows(600, seed=5)
    doubled = fit(rows + rows[:100], labels + labels[:100], l2=0.5, names=("bias", "toll"))
    weighted = fit(
        rows, labels, l2=0.5, names=("bias", "toll"), sample_weight=[2.0] * 100 + [1.0] * 500
    )
    assert weighted == pytest.approx(doubled, abs=1e-3)


def test_calibration_report_in_weights_file_is_honest() -> None:
    """The shipped weights come with their cross-validated reliability and threshold."""
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    cv = data["cross_validated"]
    assert cv["events"] == data["events"] > 0
    assert "web2018-check.jsonl" not in data["fitted_on"]
    assert "web2018-check.jsonl" not in data["threshold_chosen_on"]
    assert 0.0 <= cv["ece"] <= 0.15, "confidence is off by more than 15 points on average"
    assert sum(row["events"] for row in data["reliability"]) == cv["events"]
    for row in data["reliability"]:
        assert 0.0 <= row["mean_predicted"] <= 1.0 and 0.0 <= row["share_right"] <= 1.0
    assert data["threshold_cv"]["threshold"] == data["threshold"]
    kept = {s["feature"] for s in data["separation"] if s["kept"]}
    assert kept == set(FEATURES) - {"bias"}
    assert not set(data["do_not_separate"]) & kept


def test_frame_words_file_is_validated_on_load(tmp_path: Path) -> None:
    bad = tmp_path / "frame.yaml"
    bad.write_text("technology: []\nold_year_gap: 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"frame\.yaml.*technology"):
        load_frame_words.__wrapped__(bad)
    bad.write_text("technology: [a]\nold_year_gap: 1\nextra: 2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"frame\.yaml.*expected keys"):
        load_frame_words.__wrapped__(bad)
