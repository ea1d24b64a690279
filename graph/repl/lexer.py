"""Highlighting: Pygments' SPARQL lexer, plus dot-commands at the start of a line."""

from __future__ import annotations

from pygments.lexer import inherit
from pygments.lexers.rdf import SparqlLexer
from pygments.token import Keyword, Text


class KgSparqlLexer(SparqlLexer):
    name = "kg SPARQL"
    aliases = ["kg-sparql"]

    tokens = {
        "root": [
            (r"^(\s*)(\.[a-z]+)(.*)$", lambda lexer, match: _dot_command(match)),
            inherit,
        ],
    }


def _dot_command(match):
    yield match.start(1), Text, match.group(1)
    yield match.start(2), Keyword.Pseudo, match.group(2)
    yield match.start(3), Text, match.group(3)
