"""The thread that runs the executor's queries, and the cheapest hand-over to it that we measured.

The caller wakes the thread by writing a byte to a pipe and waits for the answer on a lock.
os.write releases the GIL around the system call, so the woken thread finds the GIL free; with a
SimpleQueue, a lock or an Event it is woken while the caller still holds the GIL, waits for it and
is woken a second time. Waiting on a lock is one system call, timeout included, where waiting on a
pipe needs poll() and read(). Both waits are interrupted by Ctrl-C. bench/RESULTS.md has the figures.
"""

from __future__ import annotations

import os
import threading
import traceback
import weakref


class Worker:
    """One daemon thread that runs jobs in turn. Closing it (on Ctrl-C, on timeout, or when the
    Worker goes away) closes the pipe: the thread ends after its current job, and a late answer is
    never read."""

    def __init__(self):
        self._mailbox = _Mailbox()
        wake_read, self._wake = os.pipe()
        self.thread = threading.Thread(target=_serve, args=(self._mailbox, wake_read), name="kg-query", daemon=True)
        self.thread.start()
        self.close = weakref.finalize(self, os.close, self._wake)

    def run(self, job, argument, timeout: float | None) -> tuple[bool, object]:
        """(True, what job(argument) returned) or (False, what it raised); raises TimeoutError
        after `timeout` seconds (None or 0: no limit) and KeyboardInterrupt on Ctrl-C."""
        mailbox = self._mailbox
        mailbox.job = job, argument
        os.write(self._wake, b"\0")
        if not mailbox.done.acquire(timeout=timeout or -1):
            raise TimeoutError
        answer, mailbox.answer = mailbox.answer, None  # the caller alone keeps the rows
        return answer


class _Mailbox:
    """The job and its answer, passed between the threads. The thread holds only this, not the
    Worker, so that dropping the Worker closes the pipe and ends the thread."""

    __slots__ = ("job", "answer", "done")

    def __init__(self):
        self.done = threading.Lock()
        self.done.acquire()  # released by the thread when an answer is ready


def _serve(mailbox: _Mailbox, wake: int) -> None:
    try:
        while os.read(wake, 1):  # b"" once the caller has closed its end
            job, argument = mailbox.job
            try:
                mailbox.answer = True, job(argument)
            except BaseException as error:  # handed to the waiting thread
                # without the locals of its frames: pyoxigraph objects must be dropped on the
                # thread that made them
                traceback.clear_frames(error.__traceback__)
                mailbox.answer = False, error
            mailbox.done.release()
    finally:
        os.close(wake)
