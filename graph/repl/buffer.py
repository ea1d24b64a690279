"""When Enter submits. Not on `;`, which separates predicates in SPARQL: a query is submitted when
its brackets are balanced and it parses (IPython's "is it complete?" rule)."""

from __future__ import annotations

from graph import sparql_text
from graph.repl.syntax import check


def is_complete(text: str) -> bool:
    stripped = text.strip()
    if not stripped or stripped.startswith("."):
        return True  # an empty line does nothing; dot-commands are one line
    return sparql_text.brackets_balanced(stripped) and check(text) is None  # the validator's text: one parse


def should_submit(text: str, cursor_at_end: bool = True) -> bool:
    """Enter's decision: submit a complete query wherever the cursor is (Alt-Enter adds a line), or
    force an incomplete one with a blank line at the end (the validator then shows what is wrong and
    moves the cursor there); otherwise Enter adds a newline."""
    if is_complete(text):
        return True
    lines = text.split("\n")
    return cursor_at_end and len(lines) > 1 and not lines[-1].strip() and bool(text.strip())
