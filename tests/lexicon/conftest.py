"""Fixtures: a tiny lexicon written to a temporary data directory."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from marsad.lexicon import Lexicon, build_lexicon

TRIGGERS = """\
- {ar: اشتباكات, event_type: Battles, sub_event_type: Armed clash, weight: 1.0, pos: noun}
- {ar: اشتبكت, event_type: Battles, sub_event_type: Armed clash, weight: 1.0, pos: verb}
- {ar: اعتقل, event_type: Strategic developments, sub_event_type: Arrests, weight: 0.8, pos: verb}
- {ar: غارات, event_type: Explosions/Remote violence, sub_event_type: Air/drone strike, weight: 0.9}
- {ar: غارة, event_type: Explosions/Remote violence, sub_event_type: Air/drone strike, weight: 0.9}
- {ar: غارة جوية, event_type: Explosions/Remote violence, sub_event_type: Air/drone strike}
- {ar: انتحاري, event_type: Explosions/Remote violence, sub_event_type: Suicide bomb}
- {ar: مفخخة, event_type: Explosions/Remote violence,
   sub_event_type: Remote explosive/landmine/IED, weight: 0.8}
- {ar: سيارة مفخخة, event_type: Explosions/Remote violence,
   sub_event_type: Remote explosive/landmine/IED, weight: 1.0}
- {ar: عبوة, event_type: Explosions/Remote violence,
   sub_event_type: Remote explosive/landmine/IED, weight: 0.6}
- {ar: هجوم, event_type: Battles, sub_event_type: Armed clash, weight: 0.5}
- {ar: قصف, event_type: Explosions/Remote violence,
   sub_event_type: Shelling/artillery/missile attack, weight: 0.6}
"""

ACTORS = """\
- name: Military Forces of Yemen (2012-)
  inter: 1
  country: YEM
  generic: null
  aliases: [الجيش اليمني, الجيش الوطني]
- name: Military Forces of {country}
  inter: 1
  country: null
  generic: state
  aliases: [الجيش, القوات الحكومية]
- name: Police Forces of {country}
  inter: 1
  country: null
  generic: police
  aliases: [قوات الأمن, قوات الامن, الشرطة]
- name: Houthi Movement
  inter: 2
  country: YEM
  generic: null
  aliases: [الحوثيين, الحوثيون, جماعة الحوثي]
"""

CUES = """\
killed: [قتلى, مقتل, إصابة]
injured: [إصابة, جرحى]
sport: [المباراة, مباراة, الشوط]
negation: [نفت, لم]
report: [قال, وفقا ل]
agent: [قوات]
"""


def as_classes(cues: str) -> str:
    """``name: [words]`` shorthand as the class schema (text that is no such mapping as is)."""
    try:
        raw = yaml.safe_load(cues)
    except yaml.YAMLError:
        return cues
    if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
        return cues
    return yaml.safe_dump(
        {name: {"doc": name, "kind": "cue", "words": words} for name, words in raw.items()},
        allow_unicode=True,
    )


def write_data(
    root: Path, triggers: str = TRIGGERS, actors: str = ACTORS, cues: str = CUES
) -> Path:
    """Write one file per kind under ``root`` and return it."""
    for folder, name, text in (
        ("triggers", "test.yaml", triggers),
        ("actors", "test.yaml", actors),
        ("classes", "test.yaml", as_classes(cues)),
    ):
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Lexicon:
    return build_lexicon(write_data(tmp_path_factory.mktemp("lex")))
