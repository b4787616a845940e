"""The sources file: outlets to follow, fetch limits, alert rules (validated on load)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Strict):
    name: str
    url: str = Field(pattern=r"^https?://")
    kind: Literal["feed", "page"] = "feed"
    interval: float = Field(60.0, gt=0, description="seconds between polls")
    follow_links: bool = False  # fetch each new item's page (main text) instead of the feed summary
    country: str | None = None
    language: str = "ar"


class Fetch(_Strict):
    timeout: float = Field(20.0, gt=0)
    retries: int = Field(2, ge=0)
    backoff: float = Field(1.0, ge=0)  # first retry after this many seconds, doubling
    min_delay: float = Field(1.0, ge=0)  # between two requests to one host
    max_bytes: int = Field(5_000_000, gt=0)
    max_redirects: int = Field(5, ge=0)
    user_agent: str = "marsad-watch/0.1 (+https://github.com/marsad)"


class Rule(_Strict):
    name: str
    country: str | None = None
    event_type: str | None = None
    actor: str | None = None
    min_fatalities: int | None = None
    min_sources: int | None = None
    text: str | None = None

    def filters(self) -> dict[str, object]:
        return {k: v for k, v in self.model_dump(exclude={"name"}).items() if v is not None}


class Webhook(_Strict):
    url: str = Field(pattern=r"^https?://")
    secret_env: str | None = None  # name of the environment variable holding the HMAC key
    retries: int = Field(3, ge=0)


class Alerts(_Strict):
    stdout: bool = False
    webhook: Webhook | None = None
    rules: list[Rule] = []


class SourcesFile(_Strict):
    sources: list[Source]
    fetch: Fetch = Fetch()
    alerts: Alerts = Alerts()


class SourcesError(ValueError):
    pass


def load_sources(path: Path) -> SourcesFile:
    """Parse and validate ``path``; one clear ``SourcesError`` naming the file otherwise."""
    try:
        raw = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path}: {exc}") from exc
    try:
        parsed = SourcesFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SourcesError(f"{path}: {where}: {first['msg']}") from exc
    names = [r.name for r in parsed.alerts.rules]
    if len(set(names)) != len(names):
        raise SourcesError(f"{path}: alert rule names must be unique")
    return parsed
