"""Reading article files: .txt, and .md with optional front matter.

Bad input never raises past this module: each unreadable file becomes an `ArticleError` that the
build reports on one line while it goes on with the other files.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from graph.article import Article

ARTICLE_SUFFIXES = (".txt", ".md")
METADATA_FILE = "metadata.json"
FRONT_MATTER_KEYS = ("title", "url", "date", "publisher", "language")

FRENCH_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
# Only a date announced as the publication date counts: an article body is full of other dates.
PUBLISHED_ON = re.compile(
    r"\b(?:publi[ée]e?|mis en ligne|mise à jour)\s+le\s+(\d{1,2})(?:er)?\s+(" + "|".join(FRENCH_MONTHS) + r")\s+(\d{4})",
    re.IGNORECASE,
)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class ArticleError(Exception):
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def discover(paths: list[str]) -> tuple[list[Path], list[ArticleError]]:
    """Expand directories into their article files (sorted), and report paths that do not exist."""
    files: list[Path] = []
    errors: list[ArticleError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            errors.append(ArticleError(raw, "no such file or directory"))
    return files, errors


def read_article(path: Path) -> Article:
    data = _read_bytes(path)
    if not data.strip():
        raise ArticleError(str(path), "empty file")
    if b"\x00" in data[:8192]:
        raise ArticleError(str(path), "binary file (contains NUL bytes), not a text article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ArticleError(str(path), f"not valid UTF-8 (byte 0x{data[error.start]:02x} at line {line})") from None
    if text.startswith("\ufeff"):
        raise ArticleError(str(path), "starts with a byte-order mark; save it as UTF-8 without BOM")

    meta, body_start = _front_matter(text, path) if path.suffix.lower() == ".md" else ({}, 0)
    meta = {**_sidecar_metadata(path), **meta}
    from graph.extract import body_spans

    body = tuple((body_start + s, body_start + e) for s, e in body_spans(text[body_start:]))
    date = meta.get("date") or _publication_date(text[body_start : body_start + 400])
    if date and not ISO_DATE.match(str(date)):
        raise ArticleError(str(path), f"date {date!r} is not YYYY-MM-DD")
    return Article(
        id=article_id(path),
        path=str(path),
        text=text,
        title=meta.get("title") or _first_line(text[body_start:]),
        language=meta.get("language") or "fr",
        date=str(date) if date else None,
        url=meta.get("url"),
        publisher=meta.get("publisher"),
        body=body,
    )


def article_id(path: Path) -> str:
    """The file name without its suffix, made safe for an IRI: stable across rebuilds."""
    stem = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-") or "article"


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(str(path), "no such file or directory") from None
    except IsADirectoryError:
        raise ArticleError(str(path), "is a directory") from None
    except OSError as error:
        raise ArticleError(str(path), f"cannot read: {error.strerror}") from None


def _front_matter(text: str, path: Path) -> tuple[dict[str, str], int]:
    """`---` / `key: value` lines / `---` at the top of a Markdown file; returns it and where the body starts."""
    if not text.startswith("---"):
        return {}, 0
    lines = text.splitlines(keepends=True)
    closing = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---"), None)
    if closing is None:
        raise ArticleError(str(path), "line 1: front matter opened with --- is never closed")
    meta: dict[str, str] = {}
    for number, line in enumerate(lines[1:closing], start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise ArticleError(str(path), f"line {number}: front matter line is not `key: value`")
        if (key := key.strip().lower()) in FRONT_MATTER_KEYS:
            meta[key] = value.strip().strip("\"'")
    return meta, sum(len(line) for line in lines[: closing + 1])


def _sidecar_metadata(path: Path) -> dict[str, str]:
    """Per-file metadata from a `metadata.json` beside the articles (keyed by file name)."""
    sidecar = path.parent / METADATA_FILE
    if not sidecar.is_file():
        return {}
    try:
        entries = json.loads(sidecar.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise ArticleError(str(sidecar), f"invalid JSON: {error}") from None
    entry = entries.get(path.name, {}) if isinstance(entries, dict) else {}
    return {k: v for k, v in entry.items() if k in FRONT_MATTER_KEYS and v}


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip().lstrip("#").strip()
    return ""


def _publication_date(head: str) -> str | None:
    match = PUBLISHED_ON.search(head)
    if not match:
        return None
    day, month, year = int(match[1]), FRENCH_MONTHS[match[2].lower()], int(match[3])
    return f"{year:04d}-{month:02d}-{day:02d}"
