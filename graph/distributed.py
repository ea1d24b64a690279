"""`kg build --dask SCHEDULER`: the extraction spread over a Dask cluster.

Articles are independent, so batches of articles are Dask tasks. The client reads the files and
skips unchanged articles (graph.build decides, as for any build); the workers run the extractor,
loaded once per worker process, and send each article's graph to the store:

- embedded store: it has one writer, on the client's machine, so workers send their results to
  the client, which writes every article graph in the build's single transaction;
- SPARQL server (`--endpoint`/`--update-endpoint`): workers send each batch's article graphs to
  the server themselves, one SPARQL Update per batch, so the data never funnels through the client.
  The client then writes the meta graph (articles, entities with their aliases merged across all
  articles, the build run) last; until then the previous meta graph still describes the store,
  and an interrupted build redoes those articles next time.

Either way the store ends up with exactly the quads of a one-process build.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from graph.article import Article
from graph.build import BuildReport, build
from graph.errors import UserError
from graph.extract.model import Extraction
from graph.rdf import article_graph, article_iri, run_iri
from graph.store import ChangeSet, GraphStore

# Articles per task: enough for spaCy's batching to pay off, few enough to balance the workers.
BATCH_SIZE = 4
CONNECT_TIMEOUT = "10s"


@dataclass(frozen=True)
class ServerSink:
    """Where workers send article graphs when the store is a SPARQL server."""

    endpoint: str
    update_endpoint: str

    def write(self, pairs: list[tuple[Article, Extraction]], extractor_version: str) -> None:
        from graph.store.remote import RemoteStore

        run = run_iri(extractor_version)
        graphs = {article_iri(article.id).value: article_graph(article, extraction, run) for article, extraction in pairs}
        with RemoteStore(self.endpoint, update_endpoint=self.update_endpoint, writable=True) as store:
            store.apply(ChangeSet(articles=graphs))


class ExtractorMismatch(UserError):
    """A worker runs another extractor than the client: its claims would be recorded under the wrong version."""


def extract_batch(articles: list[Article], version: str, sink: ServerSink | None = None) -> dict[str, Extraction]:
    """Runs on a worker: article id -> extraction, after sending the article graphs to `sink` if any.

    `version` is the client's EXTRACTOR_VERSION, which the worker's must match."""
    from graph.extract import EXTRACTOR_VERSION

    if EXTRACTOR_VERSION != version:
        raise ExtractorMismatch(
            f"a Dask worker runs extractor version {EXTRACTOR_VERSION}, this machine {version}: "
            "install the same newsgraph on every worker")
    pairs = list(_extractor().extract_many(articles, n_process=1))
    if sink is not None:
        sink.write(pairs, version)
    return {article.id: extraction for article, extraction in pairs}


@functools.cache
def _extractor():
    """One extractor per worker process: loading the spaCy model is the expensive part."""
    from graph.extract import load_extractor

    return load_extractor()


def build_on_dask(
    paths: list[str],
    store: GraphStore,
    scheduler: str,
    *,
    force: bool = False,
    shard: tuple[int, int] = (1, 1),
    progress: Callable[[Iterable, int], Iterable] = lambda items, length: items,
) -> BuildReport:
    """`graph.build.build`, with the extraction done by the workers of the Dask scheduler at `scheduler`."""
    from graph.store.remote import RemoteStore

    sink = ServerSink(store.endpoint, store.update_endpoint) if isinstance(store, RemoteStore) else None
    with connect(scheduler) as client:
        target = _ArticleGraphsSent(store) if sink else store
        return build(paths, target, force=force, shard=shard, progress=progress, extract=_on_cluster(client, sink))


def connect(scheduler: str):
    """A Dask client of the scheduler at `scheduler` (e.g. tcp://10.0.0.5:8786); UserError if unreachable."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise UserError("kg build --dask needs Dask: pip install 'newsgraph[dask]'") from None
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise UserError(f"cannot reach the Dask scheduler at {scheduler}: {reason}") from None


def _on_cluster(client, sink: ServerSink | None) -> Callable[[list[Article]], Iterator[tuple[Article, Extraction]]]:
    from graph.extract import EXTRACTOR_VERSION

    def extract(articles: list[Article]) -> Iterator[tuple[Article, Extraction]]:
        batches = _batches(articles)
        futures = client.map(extract_batch, batches, version=EXTRACTOR_VERSION, sink=sink, pure=False)
        yield from _in_order(batches, (future.result() for future in futures))

    return extract


def _batches(articles: list[Article]) -> list[list[Article]]:
    return [articles[i:i + BATCH_SIZE] for i in range(0, len(articles), BATCH_SIZE)]


def _in_order(batches: list[list[Article]], results: Iterable[dict[str, Extraction]]) -> Iterator[tuple[Article, Extraction]]:
    """(article, extraction) in the articles' order, whatever order the batches finished in: entities
    are then merged in the same order as in a one-process build."""
    for batch, extractions in zip(batches, results):
        for article in batch:
            yield article, extractions[article.id]


class _ArticleGraphsSent:
    """The SPARQL server as graph.build sees it once the workers have sent the article graphs:
    the build's change set then only needs its meta graph part."""

    def __init__(self, store: GraphStore):
        self._store = store

    def __getattr__(self, name):
        return getattr(self._store, name)

    def apply(self, changes: ChangeSet) -> None:
        self._store.apply(dataclasses.replace(changes, articles={}))
