"""A read-only SPARQL 1.1 Protocol endpoint on the release's Oxigraph store (Starlette + uvicorn).

``/sparql`` answers GET and POST (``application/x-www-form-urlencoded`` and direct
``application/sparql-query``) as the SPARQL 1.1 Protocol says (:mod:`mitoaki.access.protocol`:
the Accept header or ``?format=`` decides the result format, ``default-graph-uri`` and
``named-graph-uri`` build the query's dataset, the release's graph IRI,
:data:`~mitoaki.access.store.RELEASE_GRAPH`, naming the default graph). It answers 400 with a
message for a malformed query, refuses updates and SERVICE federation (403), stops a query after
a timeout (503), refuses over-large bodies and results (413), and allows browser clients (CORS).
Without a query it returns the SPARQL Service Description. ``/`` is a query page offering the
competency questions as examples. Queries run in worker processes
(:mod:`mitoaki.access.workers`).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import os
import time
import urllib.parse
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from mitoaki.access.binding import bind_in_text, bindings
from mitoaki.access.protocol import (
    FORMAT_NAMES,
    GRAPH_TYPES,
    MAX_RESULT_BYTES,
    RESULT_TYPES,
    Dataset,
    format_accept,
    negotiate,
    service_description,
)
from mitoaki.access.questions import questions
from mitoaki.access.workers import QueryWorkers

UPDATE_TYPES = ("application/sparql-update",)
MAX_BODY = 1_000_000  # bytes of a POSTed query
#: the query text of a request (None without one) and its form's fields (POST, urlencoded)
Read = tuple[str | None, dict[str, list[str]]]


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

    async def home(_: Request) -> Response:
        return HTMLResponse(query_page())

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            pool.close()

    sparql = _endpoint(pool, timeout)
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


def _endpoint(pool: QueryWorkers, timeout: float) -> Callable[[Request], Awaitable[Response]]:
    """The ``/sparql`` handler: read the request, negotiate, and have a worker answer."""

    def run(text: str, accept: str, deadline: float, dataset: Dataset) -> Response:
        answer = pool.ask(text, accept, deadline, dataset)
        if answer is None:
            return PlainTextResponse(f"query timed out after {timeout:g} s", status_code=503)
        status, media, body = answer
        return Response(body, status_code=status, media_type=media)

    async def sparql(request: Request) -> Response:
        read = await _read(request)
        if isinstance(read, Response):
            return read
        text, fields = read

        def values(name: str) -> list[str]:
            return [*request.query_params.getlist(name), *fields.get(name, [])]

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

    return sparql


def _refuse_update() -> Response:
    return PlainTextResponse("updates are not allowed on this endpoint", status_code=403)


async def _read(request: Request) -> Read | Response:
    """The query and form fields of a request (GET or POST), or the response refusing it."""
    params = request.query_params
    if "update" in params:
        return _refuse_update()
    if request.method != "POST":
        return params.get("query"), {}
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    if int(request.headers.get("content-length") or 0) > MAX_BODY:
        return PlainTextResponse("request body too large", status_code=413)
    if content_type in UPDATE_TYPES:
        return _refuse_update()
    if content_type == "application/sparql-query":
        return (await request.body()).decode("utf-8", errors="replace"), {}
    if content_type == "application/x-www-form-urlencoded":
        body = (await request.body()).decode("utf-8", errors="replace")
        fields = urllib.parse.parse_qs(body)
        if "update" in fields:
            return _refuse_update()
        return fields.get("query", [""])[0] or None, fields
    return PlainTextResponse(f"unsupported content type '{content_type}'", status_code=415)
