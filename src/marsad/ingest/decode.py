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
