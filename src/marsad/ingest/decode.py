"""Bytes → str for articles, and HTML fragments → plain text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(data: bytes) -> str:
    """Strict UTF-8 (or UTF-16 with a BOM); raises ``UnicodeDecodeError`` otherwise.

    No guessing of legacy code pages: a wrong guess would silently corrupt the
    Arabic, and evidence offsets into it; better to reject the file loudly.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec)
    return data.decode("utf-8")


def decode_error(exc: UnicodeDecodeError) -> str:
    bad = exc.object[exc.start : exc.start + 1].hex()
    return f"undecodable: not UTF-8 (byte 0x{bad} at offset {exc.start})"


_BLOCK_TAGS = {
    "p", "br", "div", "li", "ul", "ol", "tr", "table", "blockquote", "section",
    "article", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "template"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def strip_html(fragment: str) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, one line per block."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------- web pages and feeds
# Web pages, unlike the project's own files, are often in a legacy Arabic code page
# and say so (HTTP header, <meta charset>, XML declaration) or not at all. The
# declared charset wins when Python knows it and it decodes cleanly; otherwise
# UTF-8, then windows-1256 and ISO-8859-6, whichever reads as the most Arabic.
_CHARSET = re.compile(
    rb"""(?:<meta[^>]+charset\s*=\s*["']?|<\?xml[^>]+encoding\s*=\s*["'])([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_LEGACY = ("windows-1256", "iso-8859-6")
_ALIASES = {"cp1256": "windows-1256", "arabic": "iso-8859-6", "iso-8859-6-i": "iso-8859-6"}


def declared_charset(data: bytes) -> str | None:
    """The charset a page or feed names for itself in its first 4 KB, if any."""
    found = _CHARSET.search(data[:4096])
    return found.group(1).decode("ascii").lower() if found else None


def _arabic_share(text: str) -> float:
    high = [c for c in text if ord(c) > 127]
    if not high:
        return 0.0
    return sum(1 for c in high if "\u0600" <= c <= "\u06ff") / len(high)


def _codec(name: str | None) -> str | None:
    import codecs

    if not name:
        return None
    name = _ALIASES.get(name.lower(), name.lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_web(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, codec) of a page or feed: BOM, then the declared charset (``declared``, the
    HTTP header's, else the document's own), then UTF-8, then the legacy Arabic page
    that yields the most Arabic letters. Never raises: the last resort replaces."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec), codec
    for name in (declared, declared_charset(data)):
        codec = _codec(name)
        if codec is None:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        # a page that says iso-8859-1/windows-1252 but is Arabic: the guess below is better
        if codec not in ("cp1252", "latin_1", "iso8859-1") or _arabic_share(text) > 0:
            return text, codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for codec in _LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _arabic_share(text)
        if best is None or score > best[0]:
            best = (score, text, codec)
    if best is not None:
        return best[1], best[2]
    return data.decode("utf-8", errors="replace"), "utf-8"


_XML_DECL = re.compile(r"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2", re.IGNORECASE)
_META_CHARSET = re.compile(r"(<meta[^>]+charset\s*=\s*[\"']?)[A-Za-z0-9_.:-]+", re.IGNORECASE)


def to_utf8(data: bytes, declared: str | None = None) -> bytes:
    """The document re-encoded as UTF-8, its own charset declaration rewritten to match,
    so parsers that read bytes (feedparser, trafilatura) see the right text."""
    text, _ = decode_web(data, declared)
    text = text.lstrip("\ufeff")
    text = _XML_DECL.sub(r"\1\2utf-8\2", text, count=1)
    text = _META_CHARSET.sub(r"\1utf-8", text, count=1)
    return text.encode("utf-8")
