"""Site boilerplate stripping: the spans of an article's text that are worth reading.

General rules, driven by marker data (data/boilerplate.json):
- a tail marker line ("À lire également", "Commentaires", "Abonnez-vous…") past the first quarter
  of the text starts a tail of teasers, comments and footers that runs to the end (earlier, a short
  one is a menu entry and only its line goes);
- line markers ("Partager cet article") and bylines ("Par X, publié le…") drop their line;
- a line that repeats an earlier line (a title printed twice, a teaser heading) is dropped.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from graph.extract.text import fold

DATA = Path(__file__).parent / "data" / "boilerplate.json"


@lru_cache(maxsize=1)
def _markers():
    data = json.loads(DATA.read_text(encoding="utf-8"))
    bylines = [re.compile(p) for p in data["byline_patterns"]]
    return data["tail_markers"], data["line_markers"], bylines, data["max_marker_line_length"], data["tail_min_position"]


def _starts_with(folded: str, markers: list[str]) -> bool:
    return any(folded == m or folded.startswith(m + " ") for m in markers)


def body_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) spans of `text`, one per kept line, stripped of surrounding white space."""
    tails, lines, bylines, max_length, tail_min = _markers()
    spans: list[tuple[int, int]] = []
    seen: set[str] = set()
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        raw = match.group()
        start += len(raw) - len(raw.lstrip())
        end -= len(raw) - len(raw.rstrip())
        if start >= end:
            continue
        line = text[start:end]
        folded = fold(line)
        if not folded:
            continue
        is_marker_sized = len(line) <= max_length
        if is_marker_sized and _starts_with(folded, tails):
            if start >= tail_min * len(text):
                break
            if len(folded) < 40:
                continue  # too early for a tail: a menu entry
        if is_marker_sized and (_starts_with(folded, lines) and len(folded) < 40 or any(b.search(folded) for b in bylines)):
            continue
        if folded in seen:
            continue
        seen.add(folded)
        spans.append((start, end))
    return tuple(spans)
