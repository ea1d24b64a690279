"""Colours: a custom Pygments palette (the default one colours local names like keywords) and the
completion menu and toolbar."""

from __future__ import annotations

from prompt_toolkit.styles import Style, merge_styles, style_from_pygments_dict
from pygments.token import Comment, Error, Keyword, Name, Number, Operator, Punctuation, String

_SYNTAX = {
    Keyword: "bold #5f87d7",
    Keyword.Pseudo: "bold #d787d7",
    Name.Variable: "#d7875f",
    Name.Namespace: "#5faf87",
    Name.Tag: "#87afaf",
    Name.Function: "#5f87d7",
    Name.Label: "#87afaf",
    String: "#87af5f",
    String.Escape: "#afaf5f",
    Number: "#af87d7",
    Operator: "#a8a8a8",
    Punctuation: "#a8a8a8",
    Comment: "italic #808080",
    Error: "#d75f5f",
}

_UI = {
    "completion-menu.completion": "bg:#303030 #d0d0d0",
    "completion-menu.completion.current": "bg:#5f87d7 #ffffff",
    "completion-menu.meta.completion": "bg:#262626 #a8a8a8",
    "completion-menu.meta.completion.current": "bg:#5f87af #ffffff",
    "bottom-toolbar": "bg:#262626 #a8a8a8",
    "bottom-toolbar.key": "bg:#262626 #d0d0d0 bold",
    "validation-toolbar": "bg:#5f0000 #ffffff",
    "prompt": "#5f87d7 bold",
    "continuation": "#585858",
}


def shell_style() -> Style:
    return merge_styles([style_from_pygments_dict(_SYNTAX), Style.from_dict(_UI)])
