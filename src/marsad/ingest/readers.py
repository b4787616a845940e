"""``read_articles``: paths (files, directories, zips) → a stream of Articles.

Bad input never stops a batch: each unreadable file, malformed line or
invalid record becomes a ``Reject`` in the ``RejectLog`` and reading goes on.
Reject origins are ``path:line`` (1-based) for JSON Lines and ``path[index]``
(0-based, as in SaudiNewsNet ids) for items of a JSON array or feed; a zip
member is named ``archive.zip!member``.

Isolation is layered: every file and every zip member is read inside its own
guard, so *any* exception from a parser (a corrupt deflate or LZMA stream,
feedparser's own decoding errors, a pathological document) becomes one
``unreadable: <Type>: <message>`` reject for that file or member, and the
articles already read from it are kept. JSON Lines are guarded per line too,
so a stream that breaks at line 40 keeps lines 1-39 and names line 40.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import IO, Any

from marsad.ingest.decode import decode, decode_error
from marsad.ingest.feeds import feed_entries, looks_like_feed
from marsad.ingest.html import read_html
from marsad.ingest.records import make_article, snn_fields
from marsad.ingest.rejects import RejectLog
from marsad.model import Article

JSONL = {".jsonl", ".ndjson"}
JSON = {".json"}
ZIP = {".zip"}
TEXT = {".txt"}
HTML = {".html", ".htm"}
FEED = {".xml", ".rss", ".atom"}
GZIP = ".gz"  # X.jsonl.gz, X.json.gz ...: the inner suffix says how to read it
SUFFIXES = JSONL | JSON | ZIP | TEXT | HTML | FEED  # what a directory walk picks up


def is_readable_name(name: str) -> bool:
    """A file name the readers know: a known suffix, or a known one under ``.gz``."""
    suffix = Path(name).suffix.lower()
    if suffix == GZIP:
        return Path(name[: -len(GZIP)]).suffix.lower() in SUFFIXES - ZIP
    return suffix in SUFFIXES


Opener = Callable[[], IO[bytes]]
Sourced = tuple[str, Article]  # (origin: "file:line", "file[index]" or "zip!member", article)

# Files and zip members read whole (JSON, text, HTML, feeds) above this size are
# rejected instead of read: a 200 KB zip can declare a multi-GB member, and
# parsing it needs several times its size in memory. JSON Lines are streamed.
MAX_WHOLE_BYTES = 512 * 1024 * 1024
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_articles(
    paths: Iterable[str | Path],
    *,
    published: dt.date | None = None,
    rejects: RejectLog | None = None,
) -> Iterator[Article]:
    """Articles from every path, in order; a directory gives its files sorted, recursively.

    ``published`` is the date for articles that carry none (plain text, JSONL
    lines without ``published``). Every path is checked before anything is
    read: a missing one raises ``FileNotFoundError`` naming it, so a typo
    fails fast instead of after an hour of work.
    """
    sourced = read_sourced(paths, published=published, rejects=rejects)  # checks paths now
    return (article for _, article in sourced)


def read_sourced(
    paths: Iterable[str | Path],
    *,
    published: dt.date | None = None,
    rejects: RejectLog | None = None,
) -> Iterator[Sourced]:
    """Like ``read_articles``, with each article's origin (the name a reject would carry)."""
    paths = [Path(p) for p in paths]
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(f"input not found: {path}")
    log = rejects if rejects is not None else RejectLog()
    return _read_all(paths, published, log)


def _read_all(paths: list[Path], published: dt.date | None, log: RejectLog) -> Iterator[Sourced]:
    for path in paths:
        files = _walk(path) if path.is_dir() else [path]
        for file in files:
            yield from _read_source(
                str(file), file.name, partial(file.open, "rb"), published, log, size=_size(file)
            )


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None  # the guarded open reports it


def _walk(directory: Path) -> list[Path]:
    found = (
        p
        for p in directory.rglob("*")
        if p.is_file() and is_readable_name(p.name) and not p.name.startswith(".")
    )
    return sorted(found)


def _read_source(
    origin: str,
    name: str,
    opener: Opener,
    published: dt.date | None,
    log: RejectLog,
    size: int | None = None,
) -> Iterator[Sourced]:
    """Read one file (or zip member) inside a guard: any failure is one reject for it."""
    try:
        yield from _dispatch(origin, name, opener, published, log, size)
    except Exception as exc:  # noqa: BLE001 — bad input never stops a batch (see module doc)
        log.add(origin, unreadable(exc))


def unreadable(exc: BaseException) -> str:
    """``unreadable: <Type>: <message>`` (OSError and BadZipFile keep their plain message)."""
    if isinstance(exc, OSError | zipfile.BadZipFile):
        return f"unreadable: {exc}"
    message = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"unreadable: {type(exc).__name__}: {message}".rstrip(": ")


def _dispatch(
    origin: str,
    name: str,
    opener: Opener,
    published: dt.date | None,
    log: RejectLog,
    size: int | None,
) -> Iterator[Sourced]:
    """Dispatch one file (or zip member) on its suffix."""
    suffix = Path(name).suffix.lower()
    stem = Path(name).stem
    if suffix == GZIP:
        inner = name[: -len(GZIP)]
        if not is_readable_name(inner) or Path(inner).suffix.lower() in ZIP:
            log.add(origin, f"unsupported compressed file: {name}")
            return
        yield from _dispatch(origin, inner, partial(_gunzip, opener), published, log, None)
        return
    if suffix in JSONL:
        yield from _read_jsonl(origin, opener, published, log)
        return
    if suffix in ZIP:
        yield from _read_zip(origin, opener, published, log)
        return
    if size is not None and size > MAX_WHOLE_BYTES:
        log.add(origin, f"too large: {size:,} bytes (limit {MAX_WHOLE_BYTES:,} for {suffix} files)")
        return
    with opener() as fh:
        data = fh.read()
    if suffix in JSON:
        yield from _read_json(data, origin, stem, published, log)
    elif suffix in FEED or (suffix not in HTML and looks_like_feed(data)):
        yield from feed_entries(data, origin=origin, published=published, rejects=log)
    elif suffix in HTML or _looks_like_html(data):
        article = read_html(data, origin=origin, stem=stem, published=published, rejects=log)
        if article is not None:
            yield origin, article
    else:
        yield from _read_text(data, origin, stem, published, log)


def _gunzip(opener: Opener) -> IO[bytes]:
    """The decompressed stream of a gzip file; closing it closes the file too."""
    return gzip.GzipFile(fileobj=opener(), mode="rb")


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _read_text(
    data: bytes, origin: str, stem: str, published: dt.date | None, log: RejectLog
) -> Iterator[Sourced]:
    try:
        text = decode(data)
    except UnicodeDecodeError as exc:
        log.add(origin, decode_error(exc))
        return
    article = make_article({"id": stem, "text": text}, origin, log, published)
    if article is not None:
        yield origin, article


def _read_jsonl(
    origin: str, opener: Opener, published: dt.date | None, log: RejectLog
) -> Iterator[Sourced]:
    """One article per line, streamed: memory stays flat on multi-gigabyte files."""
    with opener() as fh:
        lines = _jsonl_lines(fh)
        lineno = 0
        while True:
            try:
                lineno, raw = next(lines)
            except StopIteration:
                return
            except Exception as exc:  # noqa: BLE001 — the stream broke: keep what was read
                log.add(f"{origin}:{lineno + 1}", unreadable(exc))
                return
            where = f"{origin}:{lineno}"
            try:
                article = _jsonl_record(raw, where, published, log)
            except Exception as exc:  # noqa: BLE001 — one line never stops the file
                log.add(where, unreadable(exc), raw)
                continue
            if article is not None:
                yield where, article


def _jsonl_lines(fh: IO[bytes]) -> Iterator[tuple[int, bytes | str]]:
    """``(line number, raw line)``; a UTF-16 file (BOM) is decoded whole, UTF-8 streamed."""
    first = fh.readline()
    if first.startswith(_UTF16_BOMS):
        text = (first + fh.read()).decode("utf-16")
        # split on "\n" only: JSON strings may hold U+2028 or U+0085 unescaped
        yield from enumerate(text.split("\n"), start=1)
        return
    yield 1, first
    yield from enumerate(fh, start=2)


def _jsonl_record(
    raw: bytes | str, where: str, published: dt.date | None, log: RejectLog
) -> Article | None:
    if isinstance(raw, bytes):
        try:
            line = raw.decode("utf-8").lstrip("\ufeff")
        except UnicodeDecodeError as exc:
            log.add(where, decode_error(exc), raw)
            return None
    else:
        line = raw.lstrip("\ufeff")
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except RecursionError:
        log.add(where, "malformed JSON: nested too deeply", line)
        return None
    except json.JSONDecodeError as exc:
        log.add(where, f"malformed JSON: {exc.msg} (column {exc.colno})", line)
        return None
    if not isinstance(record, dict):
        log.add(where, "not a JSON object", line)
        return None
    return make_article(_as_article_fields(record), where, log, published, raw=line)


def _as_article_fields(record: dict[str, Any]) -> dict[str, Any]:
    # A SaudiNewsNet-style record in a JSONL file: accept ``content`` for ``text``.
    if "text" not in record and "content" in record:
        record = {**record, "text": record["content"]}
        if "published" not in record and "date_extracted" in record:
            record["published"] = record["date_extracted"]
    return record


def _read_json(
    data: bytes, origin: str, stem: str, published: dt.date | None, log: RejectLog
) -> Iterator[Sourced]:
    """A SaudiNewsNet day, a JSON array of FORMATS §1 articles, or one article object."""
    try:
        payload = json.loads(decode(data))
    except UnicodeDecodeError as exc:
        log.add(origin, decode_error(exc))
        return
    except RecursionError:
        log.add(origin, "malformed JSON: nested too deeply")
        return
    except json.JSONDecodeError as exc:
        log.add(origin, f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        return
    if isinstance(payload, dict):
        article = make_article(payload, origin, log, published)
        if article is not None:
            yield origin, article
        return
    if not isinstance(payload, list):
        log.add(origin, "not a JSON array or object")
        return
    for index, item in enumerate(payload):
        where = f"{origin}[{index}]"
        try:
            article = _json_item(item, where, stem, index, published, log)
        except Exception as exc:  # noqa: BLE001 — one item never stops the array
            log.add(where, unreadable(exc))
            continue
        if article is not None:
            yield where, article


def _json_item(
    item: Any, where: str, stem: str, index: int, published: dt.date | None, log: RejectLog
) -> Article | None:
    if not isinstance(item, dict):
        log.add(where, "not a JSON object", json.dumps(item, ensure_ascii=False)[:1000])
        return None
    # SaudiNewsNet: the id is the day (file stem) and the 0-based position in the day.
    fields = item if "text" in item else snn_fields(item, stem, index)
    raw = str(item.get("title") or "")
    return make_article(fields, where, log, published, raw=raw)


def _read_zip(
    origin: str, opener: Opener, published: dt.date | None, log: RejectLog
) -> Iterator[Sourced]:
    """Every readable member of the archive (a SaudiNewsNet day is one JSON member)."""
    with opener() as fh, zipfile.ZipFile(fh) as archive:
        members = sorted(
            (m for m in archive.infolist() if not m.is_dir()), key=lambda m: m.filename
        )
        for member in members:
            name = member.filename
            if name.startswith("__MACOSX/") or Path(name).name.startswith("."):
                continue
            if Path(name).suffix.lower() not in SUFFIXES - ZIP:
                continue
            yield from _read_source(
                f"{origin}!{name}",
                Path(name).name,
                partial(archive.open, member),
                published,
                log,
                size=member.file_size,
            )
