"""Enter runs a complete query (see buffer.py), Alt-Enter always adds a line, and Enter on a
highlighted completion only accepts it. Tab, Ctrl-R and the rest are prompt_toolkit's defaults."""

from __future__ import annotations

from prompt_toolkit.filters import completion_is_selected
from prompt_toolkit.key_binding import KeyBindings

from graph.repl.buffer import should_submit


def shell_key_bindings() -> KeyBindings:
    kb = KeyBindings()

    @kb.add("enter", filter=completion_is_selected)
    def accept_completion(event):
        event.current_buffer.complete_state = None

    @kb.add("enter", filter=~completion_is_selected)
    def submit_or_newline(event):
        buffer = event.current_buffer
        document = buffer.document
        if should_submit(document.text, cursor_at_end=document.is_cursor_at_the_end):
            buffer.validate_and_handle()
        else:
            buffer.newline(copy_margin=True)

    @kb.add("escape", "enter")
    def newline(event):
        event.current_buffer.newline(copy_margin=True)

    return kb
