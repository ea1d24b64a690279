"""The prompt_toolkit session: highlighting, completion, history with search and suggestions,
validation on submit, the toolbar. Built only when there is a terminal."""

from __future__ import annotations

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.completion import ThreadedCompleter
from prompt_toolkit.history import FileHistory
from prompt_toolkit.layout.processors import HighlightMatchingBracketProcessor
from prompt_toolkit.lexers import PygmentsLexer

from graph.repl import config
from graph.repl.completer import KgCompleter
from graph.repl.key_bindings import shell_key_bindings
from graph.repl.lexer import KgSparqlLexer
from graph.repl.style import shell_style
from graph.repl.validator import SparqlValidator


def build_completer(shell) -> KgCompleter:
    from graph.namespaces import RELATIONS
    from graph.repl import examples, special
    from graph.repl.formatter import FORMATS

    unique = {command.name: command for command in special.COMMANDS.values()}
    return KgCompleter(
        index=lambda: shell.index,
        specials={name: command.help for name, command in unique.items()},
        arg_kinds={name: command.args for name, command in special.COMMANDS.items()},
        sources={
            "format": lambda: [(name, "output format") for name in FORMATS],
            "switch": lambda: [("on", ""), ("off", "")],
            "relation": lambda: [(name, "relation") for name in RELATIONS],
            "saved": lambda: [(name, "saved query") for name in shell.saved.names()],
            "example": lambda: [(e.name, e.question) for e in examples.EXAMPLES],
        },
    )


def build_session(shell, **overrides) -> PromptSession:
    """`overrides` lets tests pass `input=`/`output=`."""
    history_path = config.history_file()
    history_path.parent.mkdir(parents=True, exist_ok=True)

    def toolbar():
        mode = "writable" if shell.store.writable else "read-only"
        return [
            ("class:bottom-toolbar", f" {mode} · format {shell.format} · timeout {shell.executor.timeout:g}s · "),
            ("class:bottom-toolbar.key", "Alt-Enter"), ("class:bottom-toolbar", " newline · "),
            ("class:bottom-toolbar.key", "Ctrl-R"), ("class:bottom-toolbar", " history · "),
            ("class:bottom-toolbar.key", "Ctrl-D"), ("class:bottom-toolbar", " quit "),
        ]

    options = dict(
        message=[("class:prompt", "kg> ")],
        prompt_continuation=lambda width, line_number, soft_wrap: [("class:continuation", "...> ".rjust(width))],
        multiline=True,
        lexer=PygmentsLexer(KgSparqlLexer),
        completer=ThreadedCompleter(build_completer(shell)),
        complete_while_typing=True,
        history=FileHistory(str(history_path)),
        auto_suggest=AutoSuggestFromHistory(),
        enable_history_search=False,  # keeps Ctrl-R reverse search; Up walks the history
        validator=SparqlValidator(),
        validate_while_typing=False,
        key_bindings=shell_key_bindings(),
        style=shell_style(),
        include_default_pygments_style=False,
        input_processors=[HighlightMatchingBracketProcessor(chars="[](){}")],
        bottom_toolbar=toolbar,
        enable_open_in_editor=True,
        tempfile_suffix=".rq",
    )
    options.update(overrides)
    return PromptSession(**options)
