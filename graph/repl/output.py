"""Where results go: the terminal (through a pager when they do not fit), or a file set with
`.output FILE` (until `.output` alone) or `.once FILE` (the next result only)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import TextIO

from graph.errors import UserError

CONFIRM_ROWS = 1000


class Printer:
    def __init__(self, out: TextIO | None = None, err: TextIO | None = None, *, interactive: bool = False,
                 confirm=None):
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.interactive = interactive
        self.confirm = confirm  # callable(question) -> bool, asked before printing huge results
        self._file: TextIO | None = None
        self._once: TextIO | None = None

    @property
    def to_terminal(self) -> bool:
        return self._once is None and self._file is None

    def output_to(self, path: str | None) -> str:
        """`.output FILE` / `.output` (back to the terminal)."""
        if self._file is not None:
            self._file.close()
            self._file = None
        if not path:
            return "results go to the terminal"
        self._file = _open(path)
        return f"results go to {path}"

    def once_to(self, path: str) -> str:
        self._once = _open(path)
        return f"the next result goes to {path}"

    def result(self, text: str, rows: int = 0) -> bool:
        """Print a result; False when the user declined to print a very long one."""
        if self._once is not None:
            with self._once as target:
                target.write(text)
            self._once = None
            return True
        if self._file is not None:
            self._file.write(text)
            self._file.flush()
            return True
        if self.interactive and rows > CONFIRM_ROWS and self.confirm and not self.confirm(f"Print {rows} rows?"):
            return False
        if self.interactive and _too_long_for(self.out, text):
            page(text)
        else:
            self.out.write(text)
            self.out.flush()
        return True

    def info(self, text: str) -> None:
        """A line for the user (row counts, timing, confirmations), always on the terminal."""
        self.out.write(text + "\n")
        self.out.flush()

    def note(self, text: str) -> None:
        """A confirmation (format changed, query saved): shown in the interactive shell only, so
        that scripts print nothing but their results."""
        if self.interactive:
            self.info(text)

    def error(self, text: str) -> None:
        self.err.write(text + "\n")
        self.err.flush()

    def close(self) -> None:
        for handle in (self._file, self._once):
            if handle is not None:
                handle.close()
        self._file = self._once = None


def _open(path: str) -> TextIO:
    try:
        return open(os.path.expanduser(path), "w", encoding="utf-8")
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror}") from None


def _too_long_for(out: TextIO, text: str) -> bool:
    if not (hasattr(out, "isatty") and out.isatty()):
        return False
    size = shutil.get_terminal_size()
    lines = text.splitlines()
    return len(lines) > size.lines - 2 or any(len(line) > size.columns for line in lines)


def page(text: str) -> None:
    """Show text through $PAGER (default `less`, with LESS=-SRXF unless the user set LESS)."""
    pager = os.environ.get("PAGER") or ("less" if shutil.which("less") else "")
    if not pager:
        sys.stdout.write(text)
        return
    env = dict(os.environ)
    env.setdefault("LESS", "-SRXF")
    try:
        subprocess.run(pager, shell=True, input=text.encode(), env=env, check=False)
    except KeyboardInterrupt:
        pass
