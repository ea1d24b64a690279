"""The dot-command registry (litecli's `special/main.py`): `@special_command` registers a handler
with its usage line, help text and the completion kind of each argument."""

from __future__ import annotations

import difflib
import inspect
import shlex
from collections.abc import Callable
from dataclasses import dataclass

from graph.errors import UserError


@dataclass(frozen=True)
class SpecialCommand:
    name: str
    handler: Callable
    usage: str
    help: str
    args: tuple[str, ...]  # completion kind of each argument; the last one repeats
    raw: bool  # the handler gets the rest of the line as one string (a query), not split words


COMMANDS: dict[str, SpecialCommand] = {}


def special_command(name: str, usage: str, help: str, *, args: tuple[str, ...] = (), raw: bool = False,
                    aliases: tuple[str, ...] = ()):
    def register(handler):
        command = SpecialCommand(name, handler, usage, help, args, raw)
        for key in (name, *aliases):
            COMMANDS[key] = command
        return handler

    return register


def execute(shell, line: str) -> None:
    """Run one dot-command line."""
    name, _, rest = line.strip().partition(" ")
    command = COMMANDS.get(name)
    if command is None:
        close = difflib.get_close_matches(name, list(COMMANDS), n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise UserError(f"unknown command {name}{hint} (type .help for the list)")
    if command.raw:
        command.handler(shell, rest.strip())
        return
    try:
        words = shlex.split(rest)
    except ValueError as error:
        raise UserError(f"{name}: {error}") from None
    if not _accepts(command.handler, len(words)):
        raise UserError(f"usage: {command.usage}")
    command.handler(shell, *words)


def _accepts(handler, count: int) -> bool:
    try:
        inspect.signature(handler).bind(None, *([""] * count))
    except TypeError:
        return False
    return True


def help_rows() -> list[tuple[str, str]]:
    unique = {command.name: command for command in COMMANDS.values()}
    return [(command.usage, command.help) for command in unique.values()]
