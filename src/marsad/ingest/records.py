"""Dicts → ``Article``; every failure becomes a reject with a clear reason."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import ValidationError

from marsad.ingest.rejects import RejectLog
from marsad.model import Article


def _absent(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _reason(exc: ValidationError, fields: dict[str, Any]) -> str:
    err = exc.errors()[0]
    name = str(err["loc"][0]) if err["loc"] else "article"
    if name == "text":
        return "empty text" if "empty" in err["msg"] else f"invalid text: {err['msg']}"
    if name == "published":
        return f"bad date: published={fields.get('published')!r}"
    return f"invalid {name}: {err['msg']}"


def _unencodable(fields: dict[str, Any]) -> str | None:
    """A lone surrogate (JSON ``"\\ud800"``) cannot be written as UTF-8 anywhere downstream."""
    for name in ("id", "text", "title", "source", "url"):
        value = fields.get(name)
        found = _SURROGATE.search(value) if isinstance(value, str) else None
        if found:
            return f"invalid {name}: lone surrogate U+{ord(found.group()):04X} at offset {found.start()}"
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def make_article(
    fields: dict[str, Any],
    origin: str,
    rejects: RejectLog,
    published: dt.date | None,
    raw: str = "",
) -> Article | None:
    """Build an Article from FORMATS §1 keys; ``published`` fills a missing date."""
    if "text" not in fields or fields["text"] is None:
        rejects.add(origin, "missing text", raw)
        return None
    fields = dict(fields)
    bad = _unencodable(fields)
    if bad is not None:
        rejects.add(origin, bad, raw)
        return None
    if _absent(fields.get("published")):
        fields["published"] = published
    if isinstance(fields.get("id"), int):
        fields["id"] = str(fields["id"])  # numeric ids are common in exports
    if _absent(fields.get("id")):
        fields.pop("id", None)  # Article derives a text hash
    try:
        return Article(**fields)
    except ValidationError as exc:
        rejects.add(origin, _reason(exc, fields), raw)
        return None


def snn_fields(item: dict[str, Any], day: str, index: int) -> dict[str, Any]:
    """A SaudiNewsNet record → FORMATS §1 keys; id ``snn-<day>-<index:04d>`` (0-based)."""
    return {
        "id": f"snn-{day}-{index:04d}",
        "text": item.get("content"),
        "title": item.get("title") or None,
        "published": item.get("date_extracted"),
        "source": item.get("source") or None,
        "url": item.get("url") or None,
    }
