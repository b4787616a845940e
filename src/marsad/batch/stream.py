"""Streamed, atomic, resumable output files for ``marsad extract``.

Events and rejects are written as each article finishes, into hidden
``.NAME.partial`` files next to the requested path, and renamed onto it only
when the run completes: a killed run never leaves a truncated file under the
final name, and keeps every article it finished. A ledger ``.NAME.done``
lists each finished article (id and text hash, plus its reject reason if it
was rejected); a rerun with the same ``-o`` keeps those events and skips those
articles, so it resumes where the killed run stopped.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from marsad.model import Article, Event, text_hash


def article_key(article: Article) -> str:
    """What identifies an article across runs: its id and the hash of its text."""
    return f"{article.id}\x1f{text_hash(article.text)[:16]}"


def hidden(path: Path, suffix: str) -> Path:
    return path.with_name(f".{path.name}.{suffix}")


def open_for_writing(path: Path) -> IO[str]:
    """Create the parent folders and open ``path`` (a temporary name) for writing, now."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("w", encoding="utf-8", newline="")


def is_special(path: Path) -> bool:
    """A device, FIFO or socket (``/dev/null``, ``/dev/stdout``, a pipe): never renamed onto."""
    try:
        return path.exists() and not path.is_file()
    except OSError:
        return False


class AtomicText:
    """A text file written under a hidden name and renamed onto ``path`` by ``commit``.

    A special file (``-o /dev/null``, a named pipe) is written directly: renaming
    over it would replace the device with a regular file. A symlink is followed,
    so the file it points to is what gets replaced.
    """

    def __init__(self, path: Path) -> None:
        self.special = is_special(path)
        self.path = path.resolve() if path.is_symlink() and not self.special else path
        if self.special:
            self.tmp = path
            self.fh: IO[str] = path.open("w", encoding="utf-8", newline="")
        else:
            self.tmp = hidden(self.path, "partial")
            self.fh = open_for_writing(self.tmp)

    def commit(self) -> None:
        self.fh.close()
        if not self.special:
            os.replace(self.tmp, self.path)


class EventOutput:
    """Where ``extract`` writes events: a file (JSONL or CSV, streamed) or stdout.

    ``fmt`` is ``"jsonl"`` or ``"csv"``; the table format needs every event at
    once and is rendered by the caller from ``held``.
    """

    def __init__(
        self,
        path: Path | None,
        fmt: str,
        stdout: IO[str],
        *,
        resume: bool = True,
        csv_header: list[str] | None = None,
        csv_row: Callable[[Event], dict] | None = None,
    ) -> None:
        self.path, self.fmt = path, fmt
        self.held: list[Event] = []
        self.done: dict[str, str | None] = {}  # article key → reject reason (None: coded)
        self.count = 0
        self._csv_row = csv_row
        self._file: AtomicText | None = None
        self._ledger: IO[str] | None = None
        kept: list[str] = []
        self.table_file: AtomicText | None = None
        if path is not None and fmt == "table":
            self.table_file = AtomicText(path)  # opened now: an unwritable path fails first
        if path is not None and fmt != "table":
            self._file = AtomicText(path) if is_special(path) else None
        if path is not None and fmt != "table" and self._file is None:
            path = self.path = path.resolve() if path.is_symlink() else path
            ledger = hidden(path, "done")
            if resume and fmt == "jsonl":
                self.done, kept = _previous_run(hidden(path, "partial"), ledger)
            self._file = AtomicText(path)
            self._ledger = open_for_writing(ledger)
            for key, reason in self.done.items():
                self._ledger.write(json.dumps({"key": key, "reject": reason}) + "\n")
            self._ledger.flush()
        self.out: IO[str] | None = (
            self._file.fh if self._file else (None if fmt == "table" else stdout)
        )
        self._csv = None
        if fmt == "csv" and self.out is not None:
            self._csv = csv.DictWriter(self.out, fieldnames=csv_header or [])
            self._csv.writeheader()
        if self.out is not None:
            for line in kept:
                self.out.write(line)
                self.count += 1
            self.out.flush()

    @property
    def resumed(self) -> int:
        return len(self.done)

    def is_done(self, article: Article) -> tuple[bool, str | None]:
        key = article_key(article)
        return key in self.done, self.done.get(key)

    def write(self, article: Article, events: Iterable[Event], reject: str | None = None) -> None:
        """Write one article's events and record it as finished (flushed: survives a kill)."""
        from marsad.export.jsonl import event_json

        events = list(events)
        self.count += len(events)
        if self.out is None:
            self.held.extend(events)
        else:
            for event in events:
                if self._csv is not None:
                    self._csv.writerow(self._csv_row(event))  # type: ignore[misc]
                else:
                    self.out.write(event_json(event) + "\n")
            self.out.flush()
        if self._ledger is not None:
            self._ledger.write(json.dumps({"key": article_key(article), "reject": reject}) + "\n")
            self._ledger.flush()

    def commit(self) -> None:
        """The run finished: rename the events file into place and drop the ledger."""
        if self._file is not None:
            self._file.commit()
        if self._ledger is not None:
            self._ledger.close()
            hidden(self.path, "done").unlink(missing_ok=True)  # type: ignore[arg-type]


def _previous_run(partial: Path, ledger: Path) -> tuple[dict[str, str | None], list[str]]:
    """Finished articles of a killed run and the event lines that belong to them."""
    if not (partial.exists() and ledger.exists()):
        return {}, []
    done: dict[str, str | None] = {}
    with ledger.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                row = json.loads(line)
                done[row["key"]] = row.get("reject")
            except (ValueError, KeyError, TypeError):
                break  # a line cut by the kill: everything after it is unfinished
    ids = {key.split("\x1f", 1)[0] for key in done}
    kept: list[str] = []
    with partial.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.endswith("\n"):
                break  # cut by the kill
            try:
                article_id = json.loads(line)["article_id"]
            except (ValueError, KeyError, TypeError):
                continue
            if article_id in ids:
                kept.append(line)
    return done, kept
