"""Reading the user's own text files (queries, scripts, gold files) and stdin: a file that cannot be
read or is not UTF-8 becomes a one-line UserError naming it, never a traceback."""

from __future__ import annotations

import os
import sys

from graph.errors import UserError


def read_text(path: str | os.PathLike) -> str:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror}") from None
    return decode_utf8(data, str(path))


def read_stdin() -> str:
    return decode_utf8(sys.stdin.buffer.read(), "stdin")


def decode_utf8(data: bytes, source: str) -> str:
    """The text of `data`, without the byte-order mark some editors put first."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UserError(f"{source}: {invalid_utf8(data, error)}") from None


def invalid_utf8(data: bytes, error: UnicodeDecodeError) -> str:
    """Where `data` stops being UTF-8, in words: the byte, its line and its offset."""
    line = data[: error.start].count(b"\n") + 1
    return f"not valid UTF-8 (byte 0x{data[error.start]:02x} at line {line}, byte offset {error.start}); save it as UTF-8"
