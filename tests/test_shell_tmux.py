"""`kg shell` in a real terminal (tmux): completion menu, a query, Ctrl-C on a long query, Ctrl-D."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
import uuid

import pytest
from test_repl_helpers import small_store_path  # noqa: F401  (fixture)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# A cartesian product over the small graph: minutes of work, so only Ctrl-C can end it in time.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
# Every wait polls the screen; the limit is generous because CI runs this on a loaded 2-core machine.
PATIENCE = 90.0
TOOLBAR = "Ctrl-D quit"  # shown while the prompt is reading input, gone while a query runs


class Terminal:
    def __init__(self, command: str):
        self.socket = f"kg-test-{uuid.uuid4().hex[:8]}"  # a private tmux server
        self.tmux("new-session", "-d", "-s", "t", "-x", "120", "-y", "30", command)

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, predicate, what: str, timeout: float = PATIENCE) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            time.sleep(0.1)
        pytest.fail(f"timed out waiting for {what}; screen:\n{self.screen()}")

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)

    def alive(self) -> bool:
        return subprocess.run(["tmux", "-L", self.socket, "has-session", "-t", "t"], capture_output=True).returncode == 0

    def close(self) -> None:
        self.tmux("kill-server")


def prompts(screen: str) -> int:
    return sum(line.startswith("kg>") for line in screen.splitlines())


def test_completion_query_ctrl_c_and_ctrl_d_in_a_real_terminal(small_store_path):
    env = {key: os.environ[key] for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")}
    assignments = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
    command = (f"cd {shlex.quote(REPO)} && env {assignments} PAGER=cat "
               f"{shlex.quote(sys.executable)} shell.py --store {shlex.quote(str(small_store_path))}")
    term = Terminal(command)
    try:
        term.wait_for(lambda s: prompts(s) == 1, "the prompt")
        term.send("SELECT ?who WHERE { ?who kg:investedIn Sequ")
        term.wait_for(lambda s: "Sequoia Capital · InvestmentFund" in s, "the completion menu")
        term.send("Tab")
        term.wait_for(lambda s: "kg:investedIn e:sequoia-capital" in s, "the completion inserted")
        term.send("Enter")  # accepts the highlighted completion only
        term.send(" }", "Enter")
        term.wait_for(lambda s: "0 rows in" in s and prompts(s) == 2, "the result and a new prompt")

        term.send("SELECT ?who WHERE { ?who kg:investedIn e:xai }", "Enter")
        term.wait_for(lambda s: "e:sequoia-capital (Sequoia Capital)" in s and prompts(s) == 3, "the rows")

        term.send(ENDLESS, "Enter")
        term.wait_for(lambda s: prompts(s) == 3 and "?j ?k ?l }" in s and TOOLBAR not in s, "the query to start")
        time.sleep(1.0)  # let it reach the executor's wait: Ctrl-C must cancel the query, not the input
        screen = term.screen()
        assert prompts(screen) == 3 and TOOLBAR not in screen  # still running
        term.send("C-c")
        screen = term.wait_for(lambda s: prompts(s) == 4, "the prompt after Ctrl-C")
        assert "query cancelled" in screen

        term.send("ASK { e:xai kg:develops e:grok }", "Enter")
        term.wait_for(lambda s: "yes" in s.splitlines() and prompts(s) == 5, "the shell still answering")

        term.send("C-d")
        deadline = time.monotonic() + PATIENCE
        while term.alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not term.alive(), "the shell did not exit on Ctrl-D"
    finally:
        term.close()
