"""Worker processes for the extractor, in a module of its own so that the process that hands out
the articles (`kg build -j N`) never imports spaCy itself."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from graph.article import Article
from graph.extract.model import Extraction

if TYPE_CHECKING:
    from graph.extract.pipeline import Extractor


class ExtractorPool:
    """Worker processes that each load the extractor once and extract whole articles, NLP and
    analysis alike, so that both scale with the number of processes; only the small Extraction
    objects come back (spaCy's own n_process would send every parsed Doc back to one process
    for the analysis)."""

    BATCH = 8

    def __init__(self, processes: int):
        self.processes = processes
        # spawn: a forked child would inherit the parent's threads and open stores
        context = multiprocessing.get_context("spawn")
        self.executor = concurrent.futures.ProcessPoolExecutor(processes, mp_context=context, initializer=_worker_extractor)

    def __enter__(self) -> ExtractorPool:
        return self

    def __exit__(self, *exc) -> None:
        self.executor.shutdown(cancel_futures=True)

    def warm_up(self) -> None:
        """Start every worker and load its model (the first tasks would otherwise pay for it)."""
        list(self.executor.map(_pause, [0.5] * self.processes * 2))

    def extract_many(self, articles: list[Article]) -> Iterator[tuple[Article, Extraction]]:
        batches = [articles[i : i + self.BATCH] for i in range(0, len(articles), self.BATCH)]
        for batch, extractions in zip(batches, self.executor.map(_extract_batch, batches)):
            yield from zip(batch, extractions)


def _worker_extractor() -> Extractor:
    from graph.extract import load_extractor as cached

    return cached()


def _pause(seconds: float) -> None:
    time.sleep(seconds)


def _extract_batch(articles: list[Article]) -> list[Extraction]:
    return [extraction for _, extraction in _worker_extractor().extract_many(articles)]
