"""Saved queries: one `NAME.rq` file each in the user's config directory. `.run NAME ?var=value`
binds variables by appending a VALUES clause, which works on every back-end."""

from __future__ import annotations

import re
from pathlib import Path

from graph.errors import UserError
from graph import sparql_text

_NAME = re.compile(r"^[\w-]+$")
_PARAMETER = re.compile(r"^[?$](\w+)=(.+)$", re.DOTALL)


class SavedQueries:
    def __init__(self, folder: Path):
        self.folder = folder

    def names(self) -> list[str]:
        return sorted(path.stem for path in self.folder.glob("*.rq")) if self.folder.is_dir() else []

    def save(self, name: str, text: str) -> Path:
        path = self._path(name)
        self.folder.mkdir(parents=True, exist_ok=True)
        path.write_text(text.strip() + "\n", encoding="utf-8")
        return path

    def load(self, name: str) -> str:
        path = self._path(name)
        if not path.is_file():
            known = ", ".join(self.names()) or "none yet; save one with .save NAME"
            raise UserError(f"no saved query named {name!r} (saved: {known})")
        return path.read_text(encoding="utf-8")

    def delete(self, name: str) -> None:
        self.load(name)  # the same error as .run for a name that was never saved
        self._path(name).unlink()

    def _path(self, name: str) -> Path:
        if not _NAME.match(name):
            raise UserError(f"bad query name {name!r}: use letters, digits, - and _")
        return self.folder / f"{name}.rq"


def parse_parameters(words: list[str]) -> dict[str, str]:
    """`?who=e:xai` words to {"who": "e:xai"}."""
    parameters = {}
    for word in words:
        match = _PARAMETER.match(word)
        if not match:
            raise UserError(f"bad parameter {word!r}: write ?var=value, for example ?who=e:xai")
        parameters[match[1]] = match[2]
    return parameters


def bind(text: str, values: dict[str, str]) -> str:
    """The query with its variables bound to SPARQL terms (a trailing VALUES clause)."""
    if not values:
        return text
    # A misspelt variable would be bound to nothing and silently change no result.
    used = sorted({token.text[1:] for token in sparql_text.code_tokens(text) if token.kind == "var"})
    for name in values:
        if name not in used:
            raise UserError(f"the query has no variable ?{name} (its variables: {', '.join('?' + v for v in used) or 'none'})")
    variables = " ".join(f"?{name}" for name in values)
    terms = " ".join(values.values())
    return f"{text.rstrip()}\nVALUES ({variables}) {{ ({terms}) }}"
