"""A disk cache for the compiled form of the huge regular expressions spaCy builds on load.

The French tokenizer's `token_match` is a 1.4-million-character pattern: compiling it takes about
3 s, in every process that loads the model. Python's `re` compiles a pattern in two steps, a slow
one in Python (pattern -> list of opcodes) and a fast one in C (opcodes -> pattern object). This
module keeps the opcodes of such patterns on disk, keyed by a hash of the pattern and the
interpreter's regex engine version, and rebuilds the very same pattern object from them, so the
tokenizer behaves exactly as without the cache. With a `re` whose internals differ (another Python
version), or an unwritable cache folder, nothing is cached and spaCy compiles as usual.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Patterns shorter than this compile fast enough.
BIG = 100_000


def _folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsgraph"


def _engine():
    try:
        import _sre
        from re import _compiler, _parser
    except ImportError:
        return None
    if not all(hasattr(module, name) for module, name in ((_compiler, "_code"), (_compiler, "compile"), (_parser, "parse"))):
        return None
    return _sre, _compiler, _parser


def _key(pattern: str, flags: int, magic: int) -> str:
    version = f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}-{magic}-{flags}"
    return hashlib.sha256((version + "\0" + pattern).encode("utf-8", "surrogatepass")).hexdigest()


@contextmanager
def cached_regexes() -> Iterator[None]:
    """Within the block, big patterns compile from the disk cache (and are added to it)."""
    engine = _engine()
    if engine is None:
        yield
        return
    sre, compiler, parser = engine
    folder = _folder()
    original = compiler.compile

    def compile(pattern, flags=0):
        if not isinstance(pattern, str) or len(pattern) < BIG:
            return original(pattern, flags)
        path = folder / f"{_key(pattern, flags, sre.MAGIC)}.json"
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entry = None
        if entry is None:
            parsed = parser.parse(pattern, flags)
            groupindex = dict(parsed.state.groupdict)
            indexgroup = [None] * parsed.state.groups
            for name, index in groupindex.items():
                indexgroup[index] = name
            entry = {"flags": flags | parsed.state.flags, "code": compiler._code(parsed, flags),
                     "groups": parsed.state.groups - 1, "groupindex": groupindex, "indexgroup": indexgroup}
            _write(path, entry)
        return sre.compile(pattern, entry["flags"], entry["code"], entry["groups"], entry["groupindex"], tuple(entry["indexgroup"]))

    compiler.compile = compile
    try:
        yield
    finally:
        compiler.compile = original


def _write(path: Path, entry: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".tmp", delete=False, encoding="utf-8") as out:
            json.dump(entry, out)
        os.replace(out.name, path)
    except OSError:
        pass  # no cache this time: the pattern is compiled all the same
