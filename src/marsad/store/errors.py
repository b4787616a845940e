"""Store errors with one clear message each (the CLI prints them as ``error: ...``)."""

from __future__ import annotations


class StoreError(RuntimeError):
    """The store cannot be opened, reached or written; the message says which and what to do."""


class UnknownIdError(StoreError, KeyError):
    """A correction or query names an event or cluster the store does not hold."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 — an unparsable URL is shown as given
        return url
