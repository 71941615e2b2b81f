"""Asking the graph: ``table``, ``query`` (competency questions, SPARQL), ``serve``, ``publish``."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from mitoaki.cli.shared import console, release_option
from mitoaki.core.errors import MitoakiError, QueryError

if TYPE_CHECKING:
    from mitoaki.access.query import AnyResult

#: The output formats of ``mitoaki query`` beside ``table`` (mirrors mitoaki.access.query's
#: registries, which a test holds equal; named here so that ``--help`` does not import
#: pyoxigraph).
RESULT_FORMATS = ("csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "jsonld", "ntriples")
QUERY_FORMATS = ("table", *RESULT_FORMATS, *GRAPH_FORMATS)


Endpoint = Annotated[
    str | None, typer.Option(help="Ask this SPARQL 1.1 endpoint instead of the release.")
]
Graph = Annotated[
    str | None, typer.Option(help="With --endpoint: the graph to read (default-graph-uri).")
]
TableFormat = Annotated[
    str, typer.Option("--format", "-f", help="markdown or csv.", case_sensitive=False)
]


def table(
    build_dir: Annotated[Path, release_option("Release folder to read.")] = Path("build"),
    fmt: TableFormat = "markdown",
    endpoint: Endpoint = None,
    graph: Graph = None,
) -> None:
    """Rebuild the review's Table 1 from the graph (a SPARQL query), as Markdown or CSV."""
    from mitoaki.access.table import table_rows, to_csv, to_markdown

    renderers = {"markdown": to_markdown, "csv": to_csv}
    if fmt.lower() not in renderers:
        raise MitoakiError(f"unknown format '{fmt}' (use markdown or csv)", rule="format")
    if endpoint is not None:
        from mitoaki.access.table import remote_table_rows

        rows = remote_table_rows(endpoint, graph)
    else:
        from mitoaki.access.store import open_release

        rows = table_rows(open_release(build_dir))
    typer.echo(renderers[fmt.lower()](rows), nl=False)


Name = Annotated[str | None, typer.Argument(help="A competency question (see --list).")]
ListQuestions = Annotated[
    bool,
    typer.Option("--list", help="List the competency questions with their parameters, and exit."),
]
Describe = Annotated[
    str | None,
    typer.Option(
        "--describe",
        metavar="NAME",
        help="Show a question: what it asks, its parameters (types, defaults) and its SPARQL.",
    ),
]
Param = Annotated[
    list[str] | None,
    typer.Option("--param", "-p", help="A parameter of the question, key=value (repeatable)."),
]
Sparql = Annotated[str | None, typer.Option("--sparql", help="Run this SPARQL query.")]
File = Annotated[Path | None, typer.Option("--file", help="Run the SPARQL query in this file.")]
QueryFormat = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help="SELECT and ASK: table (CURIEs where the project's prefixes fit), "
        + ", ".join(RESULT_FORMATS)
        + " (the SPARQL 1.1 results formats); CONSTRUCT and DESCRIBE: "
        + ", ".join(GRAPH_FORMATS)
        + ".",
    ),
]
QueryEndpoint = Annotated[
    str | None,
    typer.Option(help="Ask this SPARQL 1.1 endpoint (the query's standard text) instead."),
]


def query(
    name: Name = None,
    list_: ListQuestions = False,
    describe: Describe = None,
    param: Param = None,
    sparql: Sparql = None,
    file: File = None,
    fmt: QueryFormat = "table",
    build_dir: Annotated[Path, release_option("Release folder to query.")] = Path("build"),
    endpoint: QueryEndpoint = None,
    graph: Graph = None,
) -> None:
    """Ask a competency question, or run any SPARQL query, on the release or an endpoint."""
    from mitoaki.access.binding import parse_params
    from mitoaki.access.questions import describe as describe_question
    from mitoaki.access.questions import listing, question, questions

    if fmt not in QUERY_FORMATS:
        raise QueryError(f"unknown format '{fmt}' (use {', '.join(QUERY_FORMATS)})", rule="format")
    if list_:
        for listed in questions().values():
            typer.echo(listing(listed))
        return
    if describe is not None:
        typer.echo(describe_question(question(describe)), nl=False)
        return
    if len([x for x in (name, sparql, file) if x is not None]) != 1:
        raise QueryError(
            "give exactly one of NAME, --sparql or --file (or --list)", rule="query-args"
        )
    given = parse_params(param or [])
    if name is not None:
        result = _ask(name, given, build_dir, endpoint, graph)
    else:
        if given:
            raise QueryError("--param applies to competency questions only", rule="cq-param")
        result = _run(_sparql_text(sparql, file), build_dir, endpoint, graph)
    _write(result, fmt)


def _ask(
    name: str, given: dict[str, str], build_dir: Path, endpoint: str | None, graph: str | None
) -> AnyResult:
    """The answer of competency question ``name``, on the release or at ``endpoint``."""
    from mitoaki.access.binding import bind_in_text, bindings
    from mitoaki.access.query import answer
    from mitoaki.access.questions import question

    asked = question(name)
    if endpoint is None:
        from mitoaki.access.store import open_release

        return answer(asked, open_release(build_dir), given)
    from mitoaki.access.remote import remote_query

    return remote_query(
        endpoint, bind_in_text(asked.text, bindings(asked, given)), default_graph=graph
    )


def _sparql_text(sparql: str | None, file: Path | None) -> str:
    """The SPARQL text given on the command line or in a file."""
    if sparql is not None:
        return sparql
    assert file is not None
    if not file.is_file():
        raise QueryError("query file not found", path=file, rule="query-file")
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"cannot read the query: {exc}", path=file, rule="query-file") from exc


def _run(text: str, build_dir: Path, endpoint: str | None, graph: str | None) -> AnyResult:
    """Run a SPARQL query on the release or at ``endpoint``."""
    if endpoint is None:
        from mitoaki.access.query import execute
        from mitoaki.access.store import open_release

        return execute(open_release(build_dir), text)
    from mitoaki.access.remote import remote_query

    return remote_query(endpoint, text, default_graph=graph)


def _write(result: AnyResult, fmt: str) -> None:
    """Print a result: solutions as a table of CURIEs, or serialised in ``fmt`` on stdout."""
    import sys

    import pyoxigraph as ox
    from rich.table import Table

    from mitoaki.access.query import cell, serialize_result

    if fmt == "table" and isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        table = Table(*names, show_lines=False)
        count = 0
        for solution in result:
            count += 1
            table.add_row(*(escape(cell(solution[n])) for n in names))
        Console().print(table)
        console.print(f"{count} rows")
        return
    sys.stdout.buffer.write(serialize_result(result, "turtle" if fmt == "table" else fmt))
    sys.stdout.flush()


Workers = Annotated[
    int | None,
    typer.Option(
        help="Query processes (default: one per core); one past the timeout is stopped "
        "and replaced.",
        min=1,
    ),
]
InMemory = Annotated[
    bool,
    typer.Option(
        "--in-memory",
        help="Load the release into memory at start: a few seconds and ~0.7 GB per 10k "
        "studies in each worker, for questions about 4x faster than on the persisted store.",
    ),
]


def serve(
    build_dir: Annotated[Path, release_option("Release folder to serve.")] = Path("build"),
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7878,
    timeout: Annotated[float, typer.Option(help="Seconds before a query is stopped.")] = 30.0,
    max_result_bytes: Annotated[
        int, typer.Option(help="Largest serialised result returned (bytes).")
    ] = 50_000_000,
    in_memory: InMemory = False,
    workers: Workers = None,
) -> None:
    """Serve the release as a read-only SPARQL 1.1 endpoint at /sparql (query page at /)."""
    import uvicorn

    from mitoaki.access.serve import create_app
    from mitoaki.access.store import probe

    probe(build_dir, in_memory=in_memory)  # what can go wrong at start, before the banner
    listener = _listen(host, port)
    try:
        application = create_app(
            build_dir,
            timeout=timeout,
            max_result_bytes=max_result_bytes,
            in_memory=in_memory,
            workers=workers,
        )
    except BaseException:
        listener.close()
        raise
    console.print(f"SPARQL endpoint: http://{host}:{port}/sparql  (query page: /)")
    config = uvicorn.Config(application, host=host, port=port, log_level="warning")
    uvicorn.Server(config).run(sockets=[listener])


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port``, or a one-line error saying why it cannot be."""
    if not 0 <= port <= 65535:  # getaddrinfo would take 70000 as 4464
        raise MitoakiError(f"cannot listen on port {port}: not 0 to 65535", rule="serve-port")
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        listener = socket.socket(family, kind, proto)
    except OSError as exc:
        raise MitoakiError(f"cannot listen on {host}:{port}: {exc}", rule="serve-port") from exc
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
    except OSError as exc:
        listener.close()
        reason = exc.strerror or str(exc)
        raise MitoakiError(
            f"cannot listen on {host}:{port}: {reason} (choose another --port)", rule="serve-port"
        ) from exc
    return listener


User = Annotated[
    str | None,
    typer.Option(
        help="Sign in as this user (HTTP Basic or Digest); the password from "
        "$MITOAKI_PASSWORD or ~/.netrc, never from the command line."
    ),
]
Insecure = Annotated[
    bool,
    typer.Option(
        "--insecure", help="Allow a password over plain HTTP to a host other than loopback."
    ),
]


def publish(
    endpoint: Annotated[
        str, typer.Option(help="Graph Store Protocol URL, e.g. http://host:7878/store.")
    ],
    graph: Annotated[
        str, typer.Option(help="Named graph IRI to replace.")
    ] = "https://w3id.org/mitoaki/graph",
    build_dir: Annotated[Path, release_option("Release folder to publish.")] = Path("build"),
    user: User = None,
    insecure: Insecure = False,
) -> None:
    """Push the release to a SPARQL 1.1 Graph Store Protocol endpoint, replacing one graph."""
    from mitoaki.access.publish import publish as run_publish

    status = run_publish(build_dir, endpoint, graph, user=user, insecure=insecure)
    console.print(f"published {build_dir} to <{graph}> at {endpoint} (HTTP {status})")
