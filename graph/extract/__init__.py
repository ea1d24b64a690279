"""The extractor: French news articles in, entities and claims (with offsets) out.

Importing this package is cheap: spaCy and the model load only in `load_extractor()`.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from graph.extract.boilerplate import body_spans

if TYPE_CHECKING:
    from graph.extract.pipeline import Extractor

__all__ = ["EXTRACTOR_VERSION", "Extractor", "body_spans", "load_extractor"]


def _version() -> str:
    """A hash of the extractor's code and data: a change to either makes the build redo the NLP."""
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for path in sorted(p for p in root.rglob("*") if p.suffix in {".py", ".json", ".tsv"}):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


EXTRACTOR_VERSION = _version()


@lru_cache(maxsize=1)
def load_extractor() -> Extractor:
    """The extractor, loaded once per process (the model takes seconds to load; it is read-only)."""
    from graph.extract.pipeline import load_extractor as load

    return load()


def __getattr__(name: str):
    if name == "Extractor":
        from graph.extract.pipeline import Extractor

        return Extractor
    raise AttributeError(name)
