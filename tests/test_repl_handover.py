"""The executor's guards on their fast path, and the worker thread that runs its queries. Ctrl-C
through the executor is tested in a child process in test_repl_commands.py and in tmux."""

from __future__ import annotations

import time

import pytest
from test_repl_helpers import small_store, small_store_path  # noqa: F401  (fixtures)

from graph.repl.executor import Executor, QueryRefused, QuerySyntaxError, QueryTimeout
from graph.repl.handover import Worker

# -- guards -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "# a comment first\nDELETE WHERE { ?s ?p ?o }",
    "PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }",
    "  clear all",
])
def test_updates_are_refused_read_only_after_any_prologue(small_store, update):
    with pytest.raises(QueryRefused, match="^UPDATE refused"):
        Executor(small_store).run(update)


def test_a_word_that_only_contains_from_is_not_refused(small_store):
    result = Executor(small_store).run("SELECT ?s WHERE { ?s <http://www.w3.org/ns/prov#wasDerivedFrom> ?a }")
    assert result.kind == "select"


def test_the_timeout_still_stops_a_runaway_query_and_a_syntax_error_is_still_reported(small_store):
    executor = Executor(small_store, timeout=0.2)
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        executor.run("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert time.monotonic() - started < 5
    with pytest.raises(QuerySyntaxError):
        executor.run("SELECT ?s WHERE { ?s ?p }")
    assert len(executor.run("SELECT * WHERE { ?s kg:sued ?o }").rows) == 1


# -- the worker thread ------------------------------------------------------------------------------

def test_the_worker_hands_back_answers_and_errors():
    worker = Worker()
    assert worker.run(len, "abc", 5.0) == (True, 3)
    ok, error = worker.run(int, "not a number", None)
    assert not ok and isinstance(error, ValueError)


def test_the_worker_times_out_and_its_thread_ends_after_the_job_once_closed():
    worker = Worker()
    with pytest.raises(TimeoutError):
        worker.run(time.sleep, 0.5, 0.05)
    worker.close()
    deadline = time.monotonic() + 5
    while worker.thread.is_alive():
        assert time.monotonic() < deadline, "the worker thread outlived its job"
        time.sleep(0.05)
