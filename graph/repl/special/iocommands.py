"""Dot-commands about the session itself: help, output format and destination, timing, query files,
saved queries, canned examples, leaving."""

from __future__ import annotations

import os

from graph.errors import UserError
from graph.repl import examples as canned
from graph.repl.formatter import FORMATS
from graph.repl.saved import bind, parse_parameters
from graph.repl.syntax import check
from graph.repl.special.main import COMMANDS, help_rows, special_command
from graph.textfile import read_text


@special_command(".help", ".help [COMMAND]", "Show the dot-commands, or one command's help.", args=("special",))
def help_(shell, name=""):
    if name:
        command = COMMANDS.get(name if name.startswith(".") else "." + name)
        if command is None:
            raise UserError(f"unknown command {name} (type .help for the list)")
        shell.printer.info(f"{command.usage}\n  {command.help}")
        return
    shell.table(help_rows(), ("command", "what it does"))
    shell.printer.info(
        "SPARQL: type a query; Enter runs it once it is complete, Alt-Enter adds a line, a blank line forces it.\n"
        "The prefixes of .prefixes are predeclared; queries see the union of all graphs.")


def _show_or_set(shell, setting: str, value: str, choices, error: str, *, shown, stored) -> None:
    """`.format` and `.timing`: without a value print the setting, with one check and store it."""
    if not value:
        shell.printer.info(f"{setting}: {shown()}")
        return
    if value not in choices:
        raise UserError(error)
    stored(value)
    shell.printer.note(f"{setting}: {value}")


@special_command(".format", ".format [table|vertical|csv|tsv|json|jsonl]", "Show or set the output format.",
                 args=("format",))
def format_(shell, name=""):
    _show_or_set(shell, "format", name, FORMATS, f"unknown format {name!r} (choose from {', '.join(FORMATS)})",
                 shown=lambda: shell.format, stored=lambda value: setattr(shell, "format", value))


@special_command(".timing", ".timing [on|off]", "Show or set whether row counts and times are printed.",
                 args=("switch",))
def timing(shell, value=""):
    _show_or_set(shell, "timing", value, ("on", "off"), "usage: .timing [on|off]",
                 shown=lambda: "on" if shell.timing else "off", stored=lambda value: setattr(shell, "timing", value == "on"))


@special_command(".output", ".output [FILE]", "Send results to FILE until `.output` alone sends them back here.",
                 args=("file",))
def output(shell, path=""):
    shell.printer.note(shell.printer.output_to(path))


@special_command(".once", ".once FILE", "Send the next result only to FILE.", args=("file",))
def once(shell, path):
    shell.printer.note(shell.printer.once_to(path))


@special_command(".read", ".read FILE.rq", "Run the queries and dot-commands in a file.", args=("file",))
def read(shell, path):
    if not shell.run_script(read_text(os.path.expanduser(path)), source=path):
        raise UserError(f"{path}: some statements failed")


@special_command(".save", ".save NAME [QUERY]", "Save QUERY (default: the last query run) as NAME.",
                 args=("saved",), raw=True)
def save(shell, text):
    name, _, query = text.partition(" ")
    query = query.strip() or shell.last_query
    if not name:
        raise UserError("usage: .save NAME [QUERY]")
    if not query:
        raise UserError("nothing to save yet: run a query first, or write .save NAME QUERY")
    problem = check(query)
    if problem is not None:
        raise UserError(f"not saved as {name}: syntax error at {problem}")
    path = shell.saved.save(name, query)
    shell.printer.note(f"saved {name} to {path}")


@special_command(".run", ".run [NAME [?var=value ...]]",
                 "Run a saved query, binding variables to terms (e:xai, \"text\", 3); alone, list saved queries.",
                 args=("saved", "parameter"))
def run(shell, name="", *parameters):
    if not name:
        rows = [(saved, shell.saved.load(saved).splitlines()[0]) for saved in shell.saved.names()]
        shell.table(rows, ("saved query", "first line"), empty="no saved queries yet (.save NAME)")
        return
    values = parse_parameters(list(parameters))
    query = bind(shell.saved.load(name), {var: shell.term(value) for var, value in values.items()})
    shell.run_query(query, names=tuple(values.values()))


@special_command(".unsave", ".unsave NAME", "Delete the saved query NAME.", args=("saved",))
def unsave(shell, name=""):
    if not name:
        raise UserError("usage: .unsave NAME")
    shell.saved.delete(name)
    shell.printer.note(f"deleted {name}")


@special_command(".examples", ".examples [NUMBER | NAME]", "List the canned questions, or run one.",
                 args=("example",))
def examples(shell, which=""):
    if not which:
        shell.table([(n, e.name, e.question) for n, e in enumerate(canned.EXAMPLES, 1)], ("#", "name", "question"))
        return
    example = canned.find(which)
    if example is None:
        raise UserError(f"no example {which!r} (type .examples for the list)")
    shell.printer.info(f"-- {example.question}\n{example.sparql}")
    shell.run_query(example.sparql)


@special_command(".quit", ".quit", "Leave the shell (Ctrl-D works too).", aliases=(".exit", ".q"))
def quit_(shell):
    shell.running = False
