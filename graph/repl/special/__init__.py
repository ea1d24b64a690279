"""Dot-commands: the registry plus the modules that register into it."""

from graph.repl.special import iocommands, kgcommands  # noqa: F401  (registration side effects)
from graph.repl.special.main import COMMANDS, execute, help_rows

__all__ = ["COMMANDS", "execute", "help_rows"]
