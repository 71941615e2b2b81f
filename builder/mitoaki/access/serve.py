"""A read-only SPARQL 1.1 Protocol endpoint on the release's Oxigraph store (Starlette + uvicorn).

``/sparql`` answers GET and POST (``application/x-www-form-urlencoded`` and direct
``application/sparql-query``) as the SPARQL 1.1 Protocol says: the Accept header decides the
result format (``?format=`` only when given: a name of :data:`FORMAT_NAMES` or a media type, as
SPARQLWrapper and HTML forms send it), an Accept that no format meets gets 406,
``default-graph-uri`` and ``named-graph-uri`` build the query's dataset (the release's graph
IRI, :data:`~mitoaki.access.store.RELEASE_GRAPH`, names the default graph; an IRI of no graph here
is a
400). It answers 400 with a message for a malformed query, refuses updates and SERVICE
federation (403), stops a query after a timeout (503), refuses over-large bodies and results
(413), and allows browser clients (CORS). Without a query it returns the SPARQL Service
Description. ``/`` is a query page offering the competency questions as examples.

Queries run in worker processes (:class:`QueryWorkers`), each with its own read-only handle on
the store, because a query cannot be interrupted inside Oxigraph: a thread past its timeout ran
on to the end (a 30 s sort kept a core busy after its client had its 503, and the requests
behind it timed out in turn). A worker past the timeout is killed and another started in its
place.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import multiprocessing
import os
import queue
import threading
import time
import urllib.parse
from collections.abc import AsyncIterator, Iterable, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from mitoaki.access.query import bind_in_text, bindings, execute, questions, uses_service
from mitoaki.access.store import RELEASE_GRAPH, open_release
from mitoaki.core.errors import MitoakiError, QueryError, ResourceError

RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
#: ``?format=`` names: the media type each stands for, for solutions and for a graph
FORMAT_NAMES: dict[str, tuple[str | None, str | None]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"),
    "ttl": (None, "text/turtle"),
    "n3": (None, "text/turtle"),
    "json-ld": (None, "application/ld+json"),
    "jsonld": (None, "application/ld+json"),
    "ntriples": (None, "application/n-triples"),
    "nt": (None, "application/n-triples"),
    "rdf": (None, "application/rdf+xml"),
    "rdf+xml": (None, "application/rdf+xml"),
}
UPDATE_TYPES = ("application/sparql-update",)
MAX_BODY = 1_000_000  # bytes of a POSTed query
MAX_RESULT_BYTES = 50_000_000  # bytes of a serialised result


def negotiate(accept: str, offered: Sequence[str]) -> str | None:
    """The offered media type the Accept header ranks highest, or None when it accepts none.

    A type takes the q-value of the most specific range that matches it (``type/sub``, then
    ``type/*``, then ``*/*``); q=0 refuses it; ties go to the offered order. No header is ``*/*``.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+json", list(RESULT_TYPES))
    'application/sparql-results+json'
    >>> negotiate("text/*", list(RESULT_TYPES)), negotiate("", list(RESULT_TYPES))
    ('text/csv', 'application/sparql-results+json')
    >>> negotiate("image/png", list(RESULT_TYPES)) is None
    True
    """
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        media, _, params = part.partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media.strip():
            ranges.append((media.strip().lower(), quality))
    ranges = ranges or [("*/*", 1.0)]
    best, best_quality = None, 0.0
    for media in offered:
        wildcard = media.split("/")[0] + "/*"
        matches = [
            (3 if pattern == media else 2 if pattern == wildcard else 1, quality)
            for pattern, quality in ranges
            if pattern in (media, wildcard, "*/*")
        ]
        quality = max(matches)[1] if matches else 0.0
        if quality > best_quality:
            best, best_quality = media, quality
    return best


def format_accept(names: Iterable[str]) -> str | None:
    """An Accept header standing for ``?format=`` values (names or media types); None if none.

    >>> format_accept(["csv"]), format_accept(["tsv", "text/tab-separated-values"])
    ('text/csv', 'text/tab-separated-values, text/tab-separated-values')
    >>> format_accept(["xml"]), format_accept(["png"])
    ('application/sparql-results+xml, application/rdf+xml', None)
    """
    media: list[str] = []
    for name in names:
        value = name.strip().lower()
        if "/" in value:
            media.append(value)
        else:
            media += [m for m in FORMAT_NAMES.get(value, (None, None)) if m is not None]
    return ", ".join(media) or None


def service_description(endpoint: str) -> str:
    """The SPARQL 1.1 Service Description of the endpoint, in Turtle."""
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix format: <http://www.w3.org/ns/formats/> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat format:SPARQL_Results_JSON, format:SPARQL_Results_XML,
        format:SPARQL_Results_CSV, format:SPARQL_Results_TSV, format:Turtle,
        format:JSON-LD, format:N-Triples, format:RDF_XML ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
"""


def query_page() -> str:
    """The HTML query page: a form and the competency questions as examples."""
    items = []
    for question in questions().values():  # with their parameters' defaults written in
        text = html.escape(bind_in_text(question.text, bindings(question, {})))
        items.append(
            f'<li><button type="button" data-query="{text}">{html.escape(question.name)}'
            f"</button> {html.escape(question.question)}</li>"
        )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mitoaki SPARQL endpoint</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}textarea{{width:100%}}
li{{margin:.3em 0}}</style></head>
<body><h1>mitoaki SPARQL endpoint</h1>
<p>A read-only SPARQL 1.1 endpoint at <code>/sparql</code> over the mitoaki knowledge graph.</p>
<form method="get" action="sparql">
<textarea name="query" id="query" rows="14">SELECT * WHERE {{ ?s ?p ?o }} LIMIT 10</textarea>
<p><label>Result format <select name="format">
<option value="application/sparql-results+json">JSON</option>
<option value="text/csv">CSV</option>
<option value="text/turtle">Turtle (CONSTRUCT)</option>
</select></label> <button type="submit">Run</button></p></form>
<h2>Competency questions</h2><ul>{"".join(items)}</ul>
<script>document.querySelectorAll("button[data-query]").forEach(b =>
  b.addEventListener("click", () => {{
    document.getElementById("query").value = b.dataset.query; }}));
</script></body></html>"""


#: an answer from a worker: HTTP status, media type, body
Answer = tuple[int, str, bytes]
#: the IRIs of a request's ``default-graph-uri`` and ``named-graph-uri``
Dataset = tuple[tuple[str, ...], tuple[str, ...]]


def respond(
    store: ox.Store, text: str, accept: str, max_result_bytes: int, dataset: Dataset = ((), ())
) -> Answer:
    """Run one query on ``store`` and serialise its result in the negotiated format."""
    if uses_service(text):
        return 403, "text/plain", b"SERVICE (federated query) is not allowed on this endpoint"
    graphs = query_dataset(store, dataset)
    if isinstance(graphs, str):
        return 400, "text/plain", graphs.encode()
    try:
        result = execute(store, text, **graphs)
    except QueryError as error:
        return 400, "text/plain", error.message.encode()
    offered = GRAPH_TYPES if isinstance(result, ox.QueryTriples) else RESULT_TYPES
    media = negotiate(accept, list(offered))
    if media is None:
        kind = "a graph" if offered is GRAPH_TYPES else "query solutions"
        message = f"cannot answer {kind} in '{accept}' (served: {', '.join(offered)})"
        return 406, "text/plain", message.encode()
    if isinstance(result, ox.QueryTriples):
        body = ox.serialize(list(result), format=GRAPH_TYPES[media]) or b""
    else:
        body = result.serialize(format=RESULT_TYPES[media]) or b""
    if len(body) > max_result_bytes:
        message = f"result larger than {max_result_bytes} bytes: narrow the query or add a LIMIT"
        return 413, "text/plain", message.encode()
    return 200, media, body


def query_dataset(store: ox.Store, dataset: Dataset) -> dict[str, Any] | str:
    """The ``default_graph`` and ``named_graphs`` of a request, or why they cannot be built.

    The release's graph IRI names the store's default graph; any other IRI must name a graph
    the store holds (the drafts' graph, with ``--include-drafts``).
    """
    defaults, named = dataset
    if not defaults and not named:
        return {}
    held = {graph.value for graph in store.named_graphs() if isinstance(graph, ox.NamedNode)}
    unknown = [iri for iri in (*defaults, *named) if iri not in held and iri != RELEASE_GRAPH]
    if unknown or RELEASE_GRAPH in named:
        known = ", ".join(f"<{iri}>" for iri in sorted(held)) or "none"
        why = f"no graph <{unknown[0]}> here" if unknown else f"<{RELEASE_GRAPH}> is the default"
        return f"cannot build the dataset: {why} (default graph <{RELEASE_GRAPH}>; named: {known})"
    default_graph: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [
        ox.DefaultGraph() if iri == RELEASE_GRAPH else ox.NamedNode(iri) for iri in defaults
    ]
    return {
        "default_graph": default_graph or None,
        "named_graphs": [ox.NamedNode(iri) for iri in named] or None,
    }


def _work(build_dir: str, in_memory: bool, max_result_bytes: int, conn: Connection) -> None:
    """A worker process: open the store, say so, then answer queries until the pipe closes."""
    try:
        store = open_release(Path(build_dir), in_memory=in_memory)
    except MitoakiError as error:
        conn.send(str(error))
        return
    conn.send("")
    while True:
        try:
            text, accept, dataset = conn.recv()
        except (EOFError, OSError):  # the server has gone
            return
        conn.send(respond(store, text, accept, max_result_bytes, dataset))


class QueryWorkers:
    """Worker processes answering queries; one past its deadline is killed and replaced.

    Each worker opens the release itself (read-only, or loaded into memory with ``in_memory``:
    that memory once per worker). A request waits for an idle worker until its deadline, so a
    busy endpoint answers 503 instead of queueing without end.
    """

    def __init__(
        self, build_dir: Path, count: int, *, in_memory: bool, max_result_bytes: int
    ) -> None:
        self._args = (str(build_dir), in_memory, max_result_bytes)
        self._context = multiprocessing.get_context("spawn")  # no copy of a server's threads
        self._idle: queue.Queue[tuple[BaseProcess, Connection]] = queue.Queue()
        self._started: list[BaseProcess] = []
        self._lock = threading.Lock()  # over _started and _closed: requests replace workers
        self._closed = False
        starting = [self._spawn() for _ in range(max(1, count))]
        for process, conn in starting:
            self._ready(process, conn)

    def _spawn(self) -> tuple[BaseProcess, Connection]:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_work, args=(*self._args, theirs), daemon=True)
        with self._lock:
            if self._closed:
                raise ResourceError("the query workers are closed", rule="serve-worker")
            process.start()
            self._started.append(process)
        theirs.close()
        return process, ours

    def _ready(self, process: BaseProcess, conn: Connection) -> None:
        """Wait for a new worker to open the store; an error if it could not."""
        try:
            problem = conn.recv()
        except EOFError:
            problem = f"the query worker exited with code {process.exitcode}"
        if problem:
            self.close()
            raise ResourceError(problem, rule="serve-worker")
        self._idle.put((process, conn))

    def _replace(self) -> None:
        # closed meanwhile, or the store gone under a running server: nothing to serve it with
        with contextlib.suppress(ResourceError):
            self._ready(*self._spawn())

    def pids(self) -> list[int]:
        """The process ids of the workers running now."""
        with self._lock:
            return [p.pid for p in self._started if p.is_alive() and p.pid is not None]

    def ask(
        self, text: str, accept: str, deadline: float, dataset: Dataset = ((), ())
    ) -> Answer | None:
        """The answer of an idle worker, or None when the deadline (``time.monotonic``) passed."""
        try:
            process, conn = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return None
        try:
            conn.send((text, accept, dataset))
            answer: Answer | None = None
            if conn.poll(max(0.0, deadline - time.monotonic())):
                answer = conn.recv()
        except (EOFError, OSError):  # the worker died (out of memory, killed): replace it
            self._stop(process)
            return 500, "text/plain", b"the query worker stopped"
        if answer is None:  # past the deadline: the query is stopped with its process
            self._stop(process)
            return None
        self._idle.put((process, conn))
        return answer

    def _stop(self, process: BaseProcess) -> None:
        process.kill()
        process.join()
        with self._lock:
            self._started.remove(process)
        threading.Thread(target=self._replace, daemon=True).start()

    def close(self) -> None:
        """Stop every worker (and start no more)."""
        with self._lock:
            self._closed = True
            stopping, self._started = self._started, []
        for process in stopping:
            process.kill()
            process.join()


def create_app(
    build_dir: Path,
    *,
    timeout: float = 30.0,
    max_result_bytes: int = MAX_RESULT_BYTES,
    in_memory: bool = False,
    workers: int | None = None,
) -> Starlette:
    """The endpoint application over the release in ``build_dir`` (see :func:`open_release`).

    ``workers`` query processes (default: one per core) answer the queries; the application's
    ``state.workers`` is the :class:`QueryWorkers`.
    """
    pool = QueryWorkers(
        build_dir,
        workers or os.cpu_count() or 1,
        in_memory=in_memory,
        max_result_bytes=max_result_bytes,
    )

    def run(text: str, accept: str, deadline: float, dataset: Dataset) -> Response:
        answer = pool.ask(text, accept, deadline, dataset)
        if answer is None:
            return PlainTextResponse(f"query timed out after {timeout:g} s", status_code=503)
        status, media, body = answer
        return Response(body, status_code=status, media_type=media)

    async def sparql(request: Request) -> Response:
        params = request.query_params
        if "update" in params:
            return PlainTextResponse("updates are not allowed on this endpoint", status_code=403)
        text = params.get("query")
        fields: dict[str, list[str]] = {}  # the form's fields (POST, urlencoded)
        if request.method == "POST":
            content_type = request.headers.get("content-type", "").split(";")[0].strip()
            if int(request.headers.get("content-length") or 0) > MAX_BODY:
                return PlainTextResponse("request body too large", status_code=413)
            if content_type in UPDATE_TYPES:
                return PlainTextResponse(
                    "updates are not allowed on this endpoint", status_code=403
                )
            if content_type == "application/sparql-query":
                text = (await request.body()).decode("utf-8", errors="replace")
            elif content_type == "application/x-www-form-urlencoded":
                body = (await request.body()).decode("utf-8", errors="replace")
                fields = urllib.parse.parse_qs(body)
                if "update" in fields:
                    return PlainTextResponse(
                        "updates are not allowed on this endpoint", status_code=403
                    )
                text = fields.get("query", [""])[0] or None
            else:
                return PlainTextResponse(
                    f"unsupported content type '{content_type}'", status_code=415
                )

        def values(name: str) -> list[str]:
            return [*params.getlist(name), *fields.get(name, [])]

        if not text:
            return Response(
                service_description(str(request.url.replace(query=""))), media_type="text/turtle"
            )
        accept = request.headers.get("accept", "*/*")
        if values("format"):
            accept = format_accept(values("format")) or ", ".join(values("format"))
        if negotiate(accept, [*RESULT_TYPES, *GRAPH_TYPES]) is None:
            names = ", ".join(FORMAT_NAMES)
            message = f"no result format meets '{accept}' (formats: {names}, or media types)"
            return PlainTextResponse(message, status_code=406)
        dataset = (tuple(values("default-graph-uri")), tuple(values("named-graph-uri")))
        deadline = time.monotonic() + timeout
        return await asyncio.to_thread(run, text, accept, deadline, dataset)

    async def home(_: Request) -> Response:
        return HTMLResponse(query_page())

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            pool.close()

    application = Starlette(
        routes=[Route("/", home), Route("/sparql", sparql, methods=["GET", "POST"])],
        middleware=[
            Middleware(
                CORSMiddleware,
                allow_origins=["*"],
                allow_methods=["GET", "POST"],
                allow_headers=["*"],
            )
        ],
        lifespan=lifespan,
    )
    application.state.workers = pool
    return application
