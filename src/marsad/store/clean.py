"""Values made storable in every database: PostgreSQL refuses NUL (U+0000) in text and JSON.

A NUL becomes U+FFFD, one character for one, so evidence offsets into the text still hold.
"""

from __future__ import annotations

from typing import Any

NUL = "\x00"
REPLACEMENT = "\ufffd"


def clean(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace(NUL, REPLACEMENT) if NUL in value else value
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    return value


def clean_row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: clean(value) for key, value in row.items()}


def canonical_url(url: str | None) -> str | None:
    """Scheme and host lower-cased, no fragment, no tracking parameters, no trailing slash."""
    if not url:
        return None
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.lower().startswith(("utm_", "fbclid", "gclid"))
        ]
    )
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/") or "/"
    return clean(urlunsplit((parts.scheme.lower() or "http", host, path, query, "")))
