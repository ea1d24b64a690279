"""Any SPARQL 1.1 server as the store: queries over the SPARQL 1.1 Protocol, writes as SPARQL Update.

Results come back as the same pyoxigraph types the embedded store returns, so commands never know
which back-end they talk to. Queries see the union of the named graphs as their default graph
unless they name their own dataset (FROM): the request carries Oxigraph's `union-default-graph`
switch, which other servers ignore; Fuseki is configured for it (`tdb2:unionDefaultGraph`),
Virtuoso, QLever and GraphDB do it out of the box.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable, Iterator

import httpx
import pyoxigraph as ox

from graph import __version__
from graph.sparql_guard import has_dataset_clause
from graph.store.base import ChangeSet, GraphStore, StoreError, _graph_blocks

# Seconds to wait for an answer when the caller gives no timeout: long enough for a big build's update.
DEFAULT_TIMEOUT = 300.0
CONNECT_TIMEOUT = 10.0
# Quads per INSERT DATA request of a load: about 15 MB of SPARQL, well under the request size
# servers accept (Oxigraph's limit is 128 MiB).
LOAD_BATCH = 100_000

RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
# SELECT/ASK answers in a results format, CONSTRUCT/DESCRIBE in an RDF one: offer both, parse what comes.
QUERY_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples;q=0.8, text/turtle;q=0.7"
)
# TSV is the most compact results format, which matters when streaming a whole dataset.
STREAM_ACCEPT = "text/tab-separated-values, application/sparql-results+json;q=0.9, application/sparql-results+xml;q=0.8"
UNION_DEFAULT_GRAPH = {"union-default-graph": ""}


class RemoteStore(GraphStore):
    def __init__(self, endpoint: str, *, update_endpoint: str | None = None, writable: bool = False):
        self.endpoint = _checked_url(endpoint, "--endpoint")
        self.update_endpoint = _checked_url(update_endpoint, "--update-endpoint") if update_endpoint else None
        self.location = _redacted(self.endpoint)
        self.writable = writable
        if writable and not self.update_endpoint:
            raise StoreError(
                f"writing to {self.location} needs --update-endpoint URL "
                "(for an Oxigraph server: the same address ending in /update)"
            )
        # httpx turns user:password@ in the URL into HTTP basic authentication.
        self._client = httpx.Client(
            headers={"User-Agent": f"newsgraph/{__version__}"},
            timeout=httpx.Timeout(DEFAULT_TIMEOUT, connect=CONNECT_TIMEOUT),
            follow_redirects=True,
        )

    def query(self, sparql: str, *, timeout: float | None = None, prefixes: bool = True):
        text = self.with_prefixes(sparql) if prefixes else sparql
        response = self._send(self.endpoint, "application/sparql-query", text, QUERY_ACCEPT, timeout)
        media_type = _media_type(response)
        if media_type in RESULT_FORMATS:
            return ox.parse_query_results(response.content, RESULT_FORMATS[media_type])
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is None:
            raise StoreError(f"the SPARQL endpoint {self.location} answered in an unknown format: {media_type}")
        return _as_query_triples(ox.parse(response.content, rdf_format))

    def update(self, sparql: str) -> None:
        self._check_writable()
        self._send(self.update_endpoint, "application/sparql-update", self.with_prefixes(sparql))

    def apply(self, changes: ChangeSet) -> None:
        # One SPARQL Update request: SPARQL 1.1 servers run a request's operations in one transaction.
        self._check_writable()
        if not changes.is_empty():
            self._send(self.update_endpoint, "application/sparql-update", changes.to_sparql_update())

    def load(self, input, format: ox.RdfFormat, graph: str | None = None) -> None:
        """Sends the quads in batches of LOAD_BATCH, each one INSERT DATA request.

        A server takes each request as one transaction, not the whole load; so if a batch fails,
        the graphs this load created are dropped again and the store is as it was, except for the
        graphs that existed before (callers that need all-or-nothing load into new graphs only)."""
        self._check_writable()
        target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        # parsed in full before sending, so a malformed file sends nothing
        quads = [
            ox.Quad(q.subject, q.predicate, q.object, target if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name)
            for q in ox.parse(input, format)
        ]
        if len(quads) <= LOAD_BATCH:
            if quads:
                self._send(self.update_endpoint, "application/sparql-update", _insert_data(quads))
            return
        existing = set(self.named_graphs())
        try:
            for start in range(0, len(quads), LOAD_BATCH):
                self._send(self.update_endpoint, "application/sparql-update", _insert_data(quads[start:start + LOAD_BATCH]))
        except BaseException:
            created = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)} - existing
            if created:
                drops = " ;\n".join(f"DROP SILENT GRAPH <{iri}>" for iri in sorted(created))
                with contextlib.suppress(StoreError):
                    self._send(self.update_endpoint, "application/sparql-update", drops)
            raise

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Streams the quads of the named graphs (or of one graph) without holding them in memory."""
        if graph:
            sparql = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        else:
            sparql = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        fixed = ox.NamedNode(graph) if graph else None
        request = self._client.build_request(
            "POST", self.endpoint, params=UNION_DEFAULT_GRAPH, content=sparql.encode(),
            headers={"Content-Type": "application/sparql-query", "Accept": STREAM_ACCEPT},
        )
        with self._errors(self.endpoint, None):
            response = self._client.send(request, stream=True)
            try:
                self._raise_for_status(response)
                media_type = _media_type(response)
                if media_type not in RESULT_FORMATS:
                    raise StoreError(f"the SPARQL endpoint {self.location} answered in an unknown format: {media_type}")
                reader = io.BufferedReader(_ByteStream(response.iter_bytes()), buffer_size=1 << 16)
                # by name: servers need not keep the projection's column order
                for row in ox.parse_query_results(reader, RESULT_FORMATS[media_type]):
                    yield ox.Quad(row["s"], row["p"], row["o"], fixed or row["g"])
            finally:
                response.close()

    def dump(self, output, format: ox.RdfFormat, graph: str | None = None) -> None:
        quads: Iterable = self.quads(graph)
        if not format.supports_datasets:
            quads = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        ox.serialize(quads, output, format)

    def named_graphs(self) -> list[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", prefixes=False)
        return sorted(row["g"].value for row in rows if isinstance(row["g"], ox.NamedNode))

    def close(self) -> None:
        self._client.close()

    def _send(self, url: str, content_type: str, body: str, accept: str | None = None,
              timeout: float | None = None) -> httpx.Response:
        headers = {"Content-Type": content_type}
        if accept:
            headers["Accept"] = accept
        # a query that names its own dataset (FROM) must get it: the union switch would replace it
        union = content_type == "application/sparql-query" and not has_dataset_clause(body)
        params = UNION_DEFAULT_GRAPH if union else None
        with self._errors(url, timeout):
            response = self._client.post(
                url, params=params, content=body.encode(), headers=headers,
                timeout=httpx.USE_CLIENT_DEFAULT if timeout is None else httpx.Timeout(timeout, connect=CONNECT_TIMEOUT),
            )
        self._raise_for_status(response)
        return response

    def _errors(self, url: str, timeout: float | None):
        return _http_errors(_redacted(url), timeout or DEFAULT_TIMEOUT)

    def _raise_for_status(self, response: httpx.Response) -> None:
        if response.is_success:
            return
        url = _redacted(str(response.request.url.copy_with(query=None)))
        status = response.status_code
        if status in (401, 403):
            raise StoreError(
                f"the SPARQL endpoint {url} refused access (HTTP {status}): "
                "check the user and password in the URL (https://user:password@host/...)"
            )
        if status == 404:
            raise StoreError(f"no SPARQL endpoint at {url} (HTTP 404): check the URL")
        response.read()
        detail = next((line.strip() for line in response.text.splitlines() if line.strip()), response.reason_phrase)
        raise StoreError(f"the SPARQL endpoint {url} answered HTTP {status}: {detail[:300]}")


@contextlib.contextmanager
def _http_errors(url: str, timeout: float):
    """Turns transport failures into one-line StoreErrors."""
    try:
        yield
    except httpx.ConnectTimeout:
        raise StoreError(f"cannot reach the SPARQL endpoint {url}: no answer within {CONNECT_TIMEOUT:g} s") from None
    except httpx.TimeoutException:
        raise StoreError(f"the SPARQL endpoint {url} did not answer within {timeout:g} s (timeout)") from None
    except httpx.ConnectError as error:
        raise StoreError(f"cannot reach the SPARQL endpoint {url}: {_reason(error)}") from None
    except httpx.HTTPError as error:
        raise StoreError(f"request to the SPARQL endpoint {url} failed: {_reason(error)}") from None


class _ByteStream(io.RawIOBase):
    """A read-only file over an iterator of byte chunks, for parsers that want a file object."""

    def __init__(self, chunks: Iterator[bytes]):
        self._chunks = chunks
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            self._pending = next(self._chunks, None)
            if self._pending is None:
                self._pending = b""
                return 0
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def _as_query_triples(triples: Iterable[ox.Quad]) -> ox.QueryTriples:
    # pyoxigraph offers no public QueryTriples constructor: replay the triples through an in-memory store.
    scratch = ox.Store()
    scratch.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")


def _insert_data(quads: list[ox.Quad]) -> str:
    in_default = [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
    in_named = [q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)]
    triples = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in in_default)
    return "INSERT DATA {\n" + triples + (_graph_blocks(in_named) if in_named else "") + "\n}"


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _checked_url(url: str, option: str) -> str:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as error:
        raise StoreError(f"{option} {url!r} is not a valid URL: {error}") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise StoreError(f"{option} {url!r} is not an http(s) URL, e.g. http://localhost:7878/query")
    return url


def _redacted(url: str) -> str:
    parsed = httpx.URL(url)
    return str(parsed.copy_with(username=parsed.username, password="***")) if parsed.password else url


def _reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text.splitlines()[0]
