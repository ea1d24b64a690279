"""An article as read from disk: its original text and its metadata."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One news article.

    `text` is the file's text, without a byte-order mark and normalised to Unicode NFC: every
    character offset in the graph indexes into it, and its SHA-256 tells a changed article.
    `body` lists the (start, end) spans of `text` that remain once site boilerplate is removed;
    the extractor reads only those spans.
    """

    id: str
    path: str
    text: str
    title: str
    language: str = "fr"
    date: str | None = None
    url: str | None = None
    publisher: str | None = None
    body: tuple[tuple[int, int], ...] = field(default=())

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def file_name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]
