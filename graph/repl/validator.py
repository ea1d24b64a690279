"""Syntax errors shown before execution, with the cursor moved to the error (ptpython's validator)."""

from __future__ import annotations

from prompt_toolkit.validation import ValidationError, Validator

from graph.repl.syntax import check


class SparqlValidator(Validator):
    def validate(self, document) -> None:
        text = document.text
        if not text.strip() or text.strip().startswith("."):
            return
        problem = check(text)
        if problem is not None:
            raise ValidationError(cursor_position=problem.offset(text), message=f"syntax error at {problem}")
