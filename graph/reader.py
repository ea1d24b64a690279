"""Reading article files: .txt, and .md with optional front matter.

Bad input never raises past this module: each unreadable file becomes an `ArticleError` that the
build reports on one line while it goes on with the other files.
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from graph.article import Article
from graph.textfile import invalid_utf8

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


def read_article(path: Path, metadata: dict[str, str] | None = None) -> Article:
    """`metadata`: the file's entry of its folder's metadata.json (read here when not given)."""
    data = _read_bytes(path)
    if not data.strip():
        raise ArticleError(str(path), "empty file")
    if b"\x00" in data[:8192]:
        raise ArticleError(str(path), "binary file (contains NUL bytes), not a text article")
    try:
        # utf-8-sig drops a byte-order mark (Windows editors write one), so offsets count from the text.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(str(path), invalid_utf8(data, error)) from None
    # Accents typed as a letter plus a combining mark (macOS copy-paste) would not match the lexicon;
    # NFC is also the text that is stored and hashed, so quotes and offsets refer to it.
    text = unicodedata.normalize("NFC", text)

    meta, body_start = _front_matter(text, path) if path.suffix.lower() == ".md" else ({}, 0)
    if metadata is None:
        metadata = folder_metadata(path.parent).get(path.name, {})
    meta = {**metadata, **meta}
    from graph.extract import body_spans

    body = tuple((body_start + s, body_start + e) for s, e in body_spans(text[body_start:]))
    date = meta.get("date") or _publication_date(text[body_start : body_start + 400])
    if date:
        check_date(str(date), path)
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


def check_date(date: str, path: Path) -> None:
    """The one rule for a publication date, wherever it comes from: a real day written YYYY-MM-DD."""
    if not ISO_DATE.match(date):
        raise ArticleError(str(path), f"date {date!r} is not YYYY-MM-DD")
    try:
        datetime.date.fromisoformat(date)
    except ValueError as error:
        raise ArticleError(str(path), f"date {date!r} does not exist ({error})") from None


def folder_metadata(folder: Path) -> dict[str, dict[str, str]]:
    """File name -> metadata, from the `metadata.json` of `folder` ({} without one)."""
    sidecar = folder / METADATA_FILE
    if not sidecar.is_file():
        return {}
    data = _read_bytes(sidecar)
    try:
        entries = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ArticleError(str(sidecar), invalid_utf8(data, error)) from None
    except json.JSONDecodeError as error:
        raise ArticleError(str(sidecar), f"line {error.lineno}, column {error.colno}: invalid JSON: {error.msg}") from None
    if not isinstance(entries, dict) or not all(isinstance(entry, dict) for entry in entries.values()):
        raise ArticleError(str(sidecar), 'not {"FILE NAME": {"title": ..., "date": ...}, ...}')
    return {
        name: {key: value for key, value in entry.items() if key in FRONT_MATTER_KEYS and value}
        for name, entry in entries.items()
    }


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip().lstrip("#").strip()
    return ""


def _publication_date(head: str) -> str | None:
    """YYYY-MM-DD from a "publié le 28 mai 2024" line; check_date then refuses a 31 février."""
    match = PUBLISHED_ON.search(head)
    if not match:
        return None
    day, month, year = int(match[1]), FRENCH_MONTHS[match[2].lower()], int(match[3])
    return f"{year:04d}-{month:02d}-{day:02d}"
