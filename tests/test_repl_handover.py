"""The executor's guards on their fast path, the worker thread that runs its queries, and quick texts,
which run on the calling thread. Ctrl-C through the executor is tested in a child process in
test_repl_commands.py and in tmux."""

from __future__ import annotations

import threading
import time

import pytest
from test_repl_helpers import small_store, small_store_path, writable_store_path  # noqa: F401  (fixtures)

from graph.repl import executor as executor_module
from graph.repl.executor import Executor, QueryCancelled, QuerySyntaxError, QueryTimeout
from graph.repl.handover import Worker
from graph.sparql_guard import QueryRefused
from graph.store import open_store

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


def test_an_error_handed_over_drops_the_stores_objects_on_the_worker(monkeypatch):
    import gc
    import sys

    import pyoxigraph as ox

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:b"), ox.NamedNode("urn:x:c")))
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", lambda report: unraisable.append(report.exc_value))

    def fails_while_reading(sparql):
        solutions = store.query(sparql)  # noqa: F841  (held by the frame when the error is raised)
        raise ValueError("failed half-way through the solutions")

    ok, error = Worker().run(fails_while_reading, "SELECT * WHERE { ?s ?p ?o }", 5.0)
    assert not ok
    del error
    gc.collect()
    assert unraisable == []  # pyoxigraph: "QuerySolutions is unsendable, but is being dropped on another thread"

# -- quick texts ------------------------------------------------------------------------------------

class ThreadRecordingStore:
    """Passes everything to a real store and notes the thread each query and update ran on."""

    def __init__(self, store, *, in_process=True, interrupt_after=None):
        self.store = store
        self.in_process = in_process
        self.writable = store.writable
        self.threads = []
        self.interrupt_after = interrupt_after

    def query(self, sparql, **options):
        self.threads.append(threading.current_thread())
        if len(self.threads) == self.interrupt_after:
            raise KeyboardInterrupt  # as Python raises it once the store returns after a Ctrl-C
        return self.store.query(sparql, **options)

    def update(self, sparql):
        self.threads.append(threading.current_thread())
        self.store.update(sparql)

    def named_graphs(self):
        return self.store.named_graphs()


SUED = "SELECT * WHERE { ?s kg:sued ?o }"


def test_a_quick_text_runs_again_on_the_calling_thread_and_a_new_text_on_the_worker(small_store):
    store = ThreadRecordingStore(small_store)
    executor = Executor(store)
    first, second = executor.run(SUED), executor.run(SUED)
    executor.run("SELECT * WHERE { ?s kg:founded ?o }")
    here = threading.current_thread()
    assert [thread is here for thread in store.threads] == [False, True, False]
    assert [row[0] for row in first.rows] == [row[0] for row in second.rows] and len(first.rows) == 1


def test_a_slow_text_or_a_store_across_the_network_always_takes_the_worker(small_store, monkeypatch):
    remote = ThreadRecordingStore(small_store, in_process=False)
    executor = Executor(remote)
    for _ in range(3):
        executor.run(SUED)
    monkeypatch.setattr(executor_module, "QUICK_SECONDS", 0.0)  # every query is too slow to be quick
    local = ThreadRecordingStore(small_store)
    executor = Executor(local)
    for _ in range(3):
        executor.run(SUED)
    here = threading.current_thread()
    assert not any(thread is here for thread in remote.threads + local.threads)


def test_an_update_makes_every_text_new_again(writable_store_path):
    with open_store(writable_store_path, writable=True) as real:
        store = ThreadRecordingStore(real)
        executor = Executor(store)
        executor.run(SUED)
        executor.run("INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> kg:sued <urn:x:b> } }")
        after = executor.run(SUED)
        assert len(after.rows) == 2
        assert store.threads[-1] is not threading.current_thread()


def test_ctrl_c_during_a_quick_text_cancels_it_and_the_executor_goes_on(small_store):
    store = ThreadRecordingStore(small_store, interrupt_after=2)
    executor = Executor(store)
    executor.run(SUED)
    with pytest.raises(QueryCancelled):
        executor.run(SUED)
    assert len(executor.run(SUED).rows) == 1
