"""The interactive loop driven through prompt_toolkit's pipe input, without a terminal."""

from __future__ import annotations

import io

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from test_repl_helpers import small_store, small_store_path  # noqa: F401  (fixtures)

from graph.repl.main import Shell
from graph.repl.output import Printer

ALT_ENTER = "\x1b\r"
CTRL_C = "\x03"
CTRL_D = "\x04"
DELETE = "\x1b[3~"


@pytest.fixture
def interactive(small_store):
    """Run a whole interactive session on typed keys; returns (shell, output, errors)."""

    def run(keys: str):
        out, err = io.StringIO(), io.StringIO()
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
            shell = Shell(small_store, printer=Printer(out, err, interactive=True))
            pipe.send_text(keys)
            shell.run_interactive(input=pipe, output=DummyOutput())
        return shell, out.getvalue(), err.getvalue()

    return run


def test_enter_runs_a_complete_query_and_ctrl_d_leaves(interactive):
    shell, out, err = interactive("SELECT ?o WHERE { e:elon-musk kg:sued ?o }\r" + CTRL_D)
    assert "e:openai (OpenAI)" in out and "1 row in" in out and not err


def test_enter_in_an_unfinished_query_adds_a_line(interactive):
    shell, out, _ = interactive("SELECT ?o WHERE {\re:elon-musk kg:sued ?o ;\r kg:founded ?x }\r" + CTRL_D)
    assert shell.last_query == "SELECT ?o WHERE {\ne:elon-musk kg:sued ?o ;\n kg:founded ?x }"


def test_alt_enter_adds_a_line_even_when_complete(interactive):
    shell, _, _ = interactive("ASK { ?s ?p ?o }" + ALT_ENTER + "\r" + CTRL_D)
    assert shell.last_query == "ASK { ?s ?p ?o }"  # the blank line submitted it; stripped before running


def test_a_syntax_error_moves_the_cursor_to_it_before_running(interactive):
    # Enter twice forces submission; the validator refuses and puts the cursor on `shema:`, where the
    # fix is typed; Enter then runs the corrected query (which finds nothing, with a hint).
    keys = "SELECT ?s WHERE { ?s shema:x ?o }\r\r" + DELETE * 5 + "schema\r" + CTRL_D
    shell, out, err = interactive(keys)
    assert shell.last_query == "SELECT ?s WHERE { ?s schema:x ?o }"
    assert "schema:x does not occur in the graph" in out and not err


def test_ctrl_c_at_the_prompt_clears_the_input_and_keeps_the_shell(interactive):
    shell, out, _ = interactive("SELECT ?o WHERE {" + CTRL_C + "ASK { e:xai kg:develops e:grok }\r" + CTRL_D)
    assert shell.last_query == "ASK { e:xai kg:develops e:grok }" and "yes" in out


def test_dot_commands_run_on_enter(interactive):
    shell, out, _ = interactive(".format csv\rSELECT ?o WHERE { e:xai kg:develops ?o }\r.quit\r")
    assert "o\nhttps://w3id.org/newsgraph/entity/grok\n" in out
    assert not shell.running


def test_errors_do_not_end_the_session(interactive):
    shell, out, err = interactive("INSERT DATA { e:a kg:b e:c }\r.nothing\rASK { ?s ?p ?o }\r" + CTRL_D)
    assert "UPDATE refused" in err and "unknown command .nothing" in err
    assert "\nyes\n" in out


def test_history_is_kept_in_the_xdg_data_directory(interactive):
    import os

    from graph.repl.config import history_file

    interactive("ASK { e:xai kg:develops e:grok }\r" + CTRL_D)
    assert str(history_file()).startswith(os.environ["XDG_DATA_HOME"])
    assert "ASK { e:xai kg:develops e:grok }" in history_file().read_text()
