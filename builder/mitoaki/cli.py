"""The ``mitoaki`` command line: a thin layer over the pipeline's modules."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from mitoaki.core.errors import MitoakiError
from mitoaki.core.formats import RdfFormat
from mitoaki.core.paths import CORPUS_ENV, Found

app = typer.Typer(
    name="mitoaki",
    help="Build, validate and query the mitoaki knowledge graph of mitochondrial dysfunction "
    "in acute kidney injury and MSC therapy.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)


def fail(error: MitoakiError) -> typer.Exit:
    """Print one clear line for ``error`` (a line per error it gathers) and return the exit."""
    for line in str(error).splitlines():
        console.print(f"[bold red]error:[/] {escape(line)}", highlight=False, soft_wrap=True)
    return typer.Exit(code=1)


def _version(value: bool) -> None:
    if value:
        import mitoaki

        typer.echo(f"mitoaki {mitoaki.__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Build, validate and query the mitoaki knowledge graph."""


@contextmanager
def _stages() -> Iterator[Callable[[str], None]]:
    """A rich progress display: one line per pipeline stage, with a spinner and its duration."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(finished_text="✓"), TextColumn("{task.description}"))
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=False) as bar:
        current: list[Any] = []

        def stage(message: str) -> None:
            if current:
                bar.update(current[0], total=1, completed=1)
                current.clear()
            current.append(bar.add_task(message, total=None))

        yield stage
        if current:
            bar.update(current[0], total=1, completed=1)


@app.command()
def build(
    out: Annotated[Path, typer.Option("--out", "-o", help="Release folder to (re)write.")] = Path(
        "build"
    ),
    ontology: Annotated[
        Path | None,
        typer.Option(
            help="Ontology folder (default: the checkout's, found from the current folder; "
            "else the one packed with the package)."
        ),
    ] = None,
    records_dir: Annotated[
        Path | None,
        typer.Option("--records", help="Folder of record files (default: <ontology>/records)."),
    ] = None,
    corpus: Annotated[
        Path | None,
        typer.Option(
            help="Folder of source documents to resolve anchors in (default: "
            f"${CORPUS_ENV}, else ../shared/corpus beside the checkout).",
        ),
    ] = None,
    no_corpus: Annotated[
        bool, typer.Option("--no-corpus", help="Do not resolve anchors, even if a corpus exists.")
    ] = False,
    require_corpus: Annotated[
        bool,
        typer.Option(
            "--require-corpus",
            help="Fail when no source documents are found, instead of building without "
            "evidence offsets and sentences.",
        ),
    ] = False,
    include_drafts: Annotated[
        Path | None,
        typer.Option(
            "--include-drafts",
            help="Folder of machine-proposed draft records (mitoaki extract --format yaml), "
            "released in the named graph https://w3id.org/mitoaki/graph/drafts; their anchors "
            "are resolved in the text each draft file names as its source.",
        ),
    ] = None,
) -> None:
    """Build the release: ontology and knowledge base, reasoned, checked, in every format.

    The first lines say which ontology, records, shapes and source documents are used.
    """
    from mitoaki.build import BuildOptions
    from mitoaki.build import build as run_build
    from mitoaki.check.validate import ValidationFailedError, render

    results: list[Any] = []
    try:
        sources = _build_sources(ontology, records_dir, corpus, no_corpus, require_corpus)
        with _stages() as stage:
            report = run_build(
                BuildOptions(
                    out=out,
                    ontology_dir=sources.ontology.path,
                    records_dir=sources.records.path,
                    corpus_dir=sources.corpus.path if sources.corpus else None,
                    drafts_dir=include_drafts,
                ),
                progress=stage,
                report_results=results,
            )
    except ValidationFailedError as error:
        render(results, console)
        raise fail(error) from None
    except MitoakiError as error:
        raise fail(error) from None
    if results:
        render(results, console)
    for name, count in report.counts.items():
        console.print(f"{name}: {count}")
    console.print(f"wrote {len(report.files)} files to {report.out}/")


@dataclass(frozen=True)
class _Sources:
    ontology: Found
    records: Found
    shapes: Found
    corpus: Found | None


def _build_sources(
    ontology: Path | None,
    records_dir: Path | None,
    corpus: Path | None,
    no_corpus: bool,
    require_corpus: bool,
) -> _Sources:
    """Decide where the build reads from, say it, and warn (or fail) without source documents."""
    from mitoaki.core.errors import ResourceError
    from mitoaki.core.paths import find_corpus, locate

    if no_corpus and (corpus is not None or require_corpus):
        raise MitoakiError("--no-corpus contradicts --corpus / --require-corpus", rule="arguments")
    onto = Found(ontology, "--ontology") if ontology is not None else locate("ontology")
    records = (
        Found(records_dir, "--records")
        if records_dir is not None
        else Found(onto.path / "records", f"in the ontology folder, {onto.origin}")
    )
    shapes = locate("shapes")
    search = None if no_corpus else find_corpus(corpus)
    found = search.found if search else None
    for name, where in (("ontology", onto), ("records", records), ("shapes", shapes)):
        console.print(f"{name + ':':10}{where.describe()}", highlight=False, soft_wrap=True)
    if found is not None:
        console.print(f"{'corpus:':10}{found.describe()}", highlight=False, soft_wrap=True)
    elif search is None:
        console.print(f"{'corpus:':10}none (--no-corpus): anchors not resolved", highlight=False)
    else:
        if require_corpus:
            raise ResourceError(search.warning(), rule="corpus-required")
        console.print(
            f"[bold yellow]warning:[/] {escape(search.warning())}", highlight=False, soft_wrap=True
        )
    return _Sources(onto, records, shapes, found)


@app.command()
def imports(
    ref: Annotated[
        Path | None,
        typer.Option(help="Folder of reference term tables (default: ../shared/ref)."),
    ] = None,
    ontology: Annotated[
        Path | None, typer.Option(help="Ontology folder whose imports/ to regenerate.")
    ] = None,
    from_drafts: Annotated[
        Path | None,
        typer.Option(
            "--from-drafts",
            help="Folder of draft records (mitoaki extract --format yaml): add the external "
            "terms they use to the term lists first.",
        ),
    ] = None,
) -> None:
    """Regenerate ontology/imports/*_import.ttl from the term lists and the term tables."""
    from mitoaki.core.paths import data_dir, shared_dir
    from mitoaki.ontology.imports import Tables, extend_term_lists, write_imports
    from mitoaki.records.loader import draft_terms

    shared = shared_dir()
    ref_dir = ref or (shared / "ref" if shared else None)
    if ref_dir is None or not ref_dir.is_dir():
        raise fail(MitoakiError("no term tables: pass --ref DIR", rule="imports-source"))
    imports_dir = (ontology or data_dir("ontology")) / "imports"
    tables: Tables = {}  # each table read once
    try:
        if from_drafts is not None:
            added = extend_term_lists(imports_dir, ref_dir, draft_terms(from_drafts), tables)
            for path, count in added.items():
                console.print(f"added {count} terms to {path}")
        written = write_imports(imports_dir, ref_dir, tables)
    except MitoakiError as error:
        raise fail(error) from None
    for path in written:
        console.print(f"wrote {path}")


@app.command()
def records(
    records_dir: Annotated[
        Path | None,
        typer.Option("--records", help="Folder of record files (default: the project's)."),
    ] = None,
    corpus: Annotated[
        Path | None,
        typer.Option(help="Folder of source documents (default: ../shared/corpus if present)."),
    ] = None,
) -> None:
    """Check the curated records: schema, references, terms and (with a corpus) anchors."""
    from mitoaki.core.paths import data_dir, find_corpus
    from mitoaki.ontology.tbox import load_tbox
    from mitoaki.records.anchors import resolve_file, tbox_lexicon
    from mitoaki.records.grounding import check_terms
    from mitoaki.records.loader import load_records

    folder = records_dir or data_dir("ontology") / "records"
    try:
        search = find_corpus(corpus)
        corpus_dir = search.found.path if search.found else None
        if corpus_dir is None:
            console.print(f"[bold yellow]warning:[/] {escape(search.warning())}", soft_wrap=True)
        loaded = load_records(folder)
        merged = load_tbox().merged()
        check_terms(loaded, merged)
        resolved = 0
        if corpus_dir is not None:
            lexicon = tbox_lexicon(merged)
            for item in loaded:
                resolved += len(resolve_file(item, corpus_dir, lexicon))
    except MitoakiError as error:
        raise fail(error) from None
    count = sum(len(item.records.all_records()) for item in loaded)
    anchors = (
        f", {resolved} anchors resolved" if corpus_dir else ", anchors not checked (no corpus)"
    )
    console.print(f"{count} records in {len(loaded)} files: valid{anchors}")


@app.command()
def table(
    build_dir: Annotated[Path, typer.Option("--build", help="Release folder to read.")] = Path(
        "build"
    ),
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="markdown or csv.", case_sensitive=False)
    ] = "markdown",
    endpoint: Annotated[
        str | None, typer.Option(help="Ask this SPARQL 1.1 endpoint instead of the release.")
    ] = None,
    graph: Annotated[
        str | None, typer.Option(help="With --endpoint: the graph to read (default-graph-uri).")
    ] = None,
) -> None:
    """Rebuild the review's Table 1 from the graph (a SPARQL query), as Markdown or CSV."""
    from mitoaki.access.table import table_rows, to_csv, to_markdown

    renderers = {"markdown": to_markdown, "csv": to_csv}
    if fmt.lower() not in renderers:
        raise fail(MitoakiError(f"unknown format '{fmt}' (use markdown or csv)", rule="format"))
    try:
        if endpoint is not None:
            from mitoaki.access.table import remote_table_rows

            rows = remote_table_rows(endpoint, graph)
        else:
            from mitoaki.access.store import open_release

            rows = table_rows(open_release(build_dir))
    except MitoakiError as error:
        raise fail(error) from None
    typer.echo(renderers[fmt.lower()](rows), nl=False)


def _validate_files(data: Path | None, shapes: Path | None, engine: str) -> None:
    """``mitoaki validate --data --shapes``: the W3C report on stdout; exit 0, 1 or 2."""
    from rdflib import Literal
    from rdflib.namespace import SH

    from mitoaki.check.validate import validate_files

    try:
        if data is None or shapes is None:
            raise MitoakiError("--data and --shapes go together", rule="usage")
        report = validate_files(data, shapes, engine=engine)
    except MitoakiError as error:
        fail(error)
        raise typer.Exit(code=2) from None
    typer.echo(report.serialize(format="turtle"), nl=False)
    conforms = (None, SH.conforms, Literal(True)) in report
    raise typer.Exit(code=0 if conforms else 1)


@app.command()
def validate(
    build_dir: Annotated[Path, typer.Option("--build", help="Release folder to validate.")] = Path(
        "build"
    ),
    data: Annotated[
        Path | None,
        typer.Option(help="Validate this RDF file instead of a release (needs --shapes)."),
    ] = None,
    shapes: Annotated[
        Path | None, typer.Option(help="The SHACL shapes file to validate --data against.")
    ] = None,
    engine: Annotated[
        str,
        typer.Option(
            help="shacl: the gate (a conformant Rust engine); shacl-rust: the fallback; "
            "pyshacl: the reference."
        ),
    ] = "shacl",
) -> None:
    """Validate a release's knowledge base, or any RDF file, against SHACL shapes.

    On a release: prints a table (severity, focus node, label, path, message, source record),
    writes validation-report.ttl into the release, and exits 1 on any violation (warnings pass).

    With --data and --shapes (files in any RDF format): prints the W3C validation report as
    Turtle on stdout and exits 0 when the data conforms, 1 when it does not, and 2 with one line
    when the engine cannot validate those shapes or a file cannot be read.
    """
    if data is not None or shapes is not None:
        _validate_files(data, shapes, engine)
        return
    from rdflib import Graph

    from mitoaki.access.store import release_file
    from mitoaki.check.validate import REPORT_FILE, enforce, render
    from mitoaki.check.validate import validate as run_validate
    from mitoaki.core.serialize import write_turtle

    try:
        kb_path, full_path = (
            release_file(build_dir, n) for n in ("mitoaki-kb.nt", "mitoaki-full.nt")
        )
        full = Graph().parse(full_path, format="nt")
        results, report = run_validate(kb_path, full, engine=engine)
        write_turtle(report, build_dir / REPORT_FILE)
        render(results, console)
        enforce(results)
    except MitoakiError as error:
        raise fail(error) from None


#: The output formats of ``mitoaki query`` beside ``table`` (mirrors mitoaki.access.query's
#: registries,
#: which a test holds equal; named here so that ``--help`` does not import pyoxigraph).
_RESULT_FORMATS = ("csv", "tsv", "json", "xml")
_GRAPH_FORMATS = ("turtle", "jsonld", "ntriples")


@app.command()
def query(
    name: Annotated[str | None, typer.Argument(help="A competency question (see --list).")] = None,
    list_: Annotated[
        bool,
        typer.Option(
            "--list", help="List the competency questions with their parameters, and exit."
        ),
    ] = False,
    describe: Annotated[
        str | None,
        typer.Option(
            "--describe",
            metavar="NAME",
            help="Show a question: what it asks, its parameters (types, defaults) and its SPARQL.",
        ),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="A parameter of the question, key=value (repeatable)."),
    ] = None,
    sparql: Annotated[str | None, typer.Option("--sparql", help="Run this SPARQL query.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="Run the SPARQL query in this file.")
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="SELECT and ASK: table (CURIEs where the project's prefixes fit), "
            + ", ".join(_RESULT_FORMATS)
            + " (the SPARQL 1.1 results formats); CONSTRUCT and DESCRIBE: "
            + ", ".join(_GRAPH_FORMATS)
            + ".",
        ),
    ] = "table",
    build_dir: Annotated[Path, typer.Option("--build", help="Release folder to query.")] = Path(
        "build"
    ),
    endpoint: Annotated[
        str | None,
        typer.Option(help="Ask this SPARQL 1.1 endpoint (the query's standard text) instead."),
    ] = None,
    graph: Annotated[
        str | None, typer.Option(help="With --endpoint: the graph to read (default-graph-uri).")
    ] = None,
) -> None:
    """Ask a competency question, or run any SPARQL query, on the release or an endpoint."""
    import sys

    import pyoxigraph as ox
    from rich.table import Table

    from mitoaki.access.query import (
        AnyResult,
        QueryError,
        answer,
        bind_in_text,
        bindings,
        cell,
        execute,
        listing,
        parse_params,
        question,
        questions,
        serialize_result,
    )
    from mitoaki.access.query import describe as describe_question
    from mitoaki.access.remote import remote_query
    from mitoaki.access.store import open_release

    try:
        if fmt not in {"table", *_RESULT_FORMATS, *_GRAPH_FORMATS}:
            known = ", ".join(["table", *_RESULT_FORMATS, *_GRAPH_FORMATS])
            raise QueryError(f"unknown format '{fmt}' (use {known})", rule="format")
        if list_:
            for listed in questions().values():
                typer.echo(listing(listed))
            return
        if describe is not None:
            typer.echo(describe_question(question(describe)), nl=False)
            return
        sources = [x for x in (name, sparql, file) if x is not None]
        if len(sources) != 1:
            raise QueryError(
                "give exactly one of NAME, --sparql or --file (or --list)", rule="query-args"
            )
        given = parse_params(param or [])
        result: AnyResult
        if name is not None:
            asked = question(name)
            if endpoint is not None:
                text = bind_in_text(asked.text, bindings(asked, given))
                result = remote_query(endpoint, text, default_graph=graph)
            else:
                result = answer(asked, open_release(build_dir), given)
        else:
            if given:
                raise QueryError("--param applies to competency questions only", rule="cq-param")
            if file is not None and not file.is_file():
                raise QueryError("query file not found", path=file, rule="query-file")
            text = sparql if sparql is not None else file.read_text(encoding="utf-8")  # type: ignore[union-attr]
            if endpoint is not None:
                result = remote_query(endpoint, text, default_graph=graph)
            else:
                result = execute(open_release(build_dir), text)
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
        chosen = "turtle" if fmt == "table" else fmt
        sys.stdout.buffer.write(serialize_result(result, chosen))
        sys.stdout.flush()
    except MitoakiError as error:
        raise fail(error) from None


@app.command()
def serve(
    build_dir: Annotated[Path, typer.Option("--build", help="Release folder to serve.")] = Path(
        "build"
    ),
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7878,
    timeout: Annotated[float, typer.Option(help="Seconds before a query is stopped.")] = 30.0,
    max_result_bytes: Annotated[
        int, typer.Option(help="Largest serialised result returned (bytes).")
    ] = 50_000_000,
    in_memory: Annotated[
        bool,
        typer.Option(
            "--in-memory",
            help="Load the release into memory at start: a few seconds and ~0.7 GB per 10k "
            "studies in each worker, for questions about 4x faster than on the persisted store.",
        ),
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Query processes (default: one per core); one past the timeout is stopped "
            "and replaced.",
            min=1,
        ),
    ] = None,
) -> None:
    """Serve the release as a read-only SPARQL 1.1 endpoint at /sparql (query page at /)."""
    import uvicorn

    from mitoaki.access.serve import create_app
    from mitoaki.access.store import probe

    try:  # what can go wrong at start goes wrong before the banner, as one line
        probe(build_dir, in_memory=in_memory)
        listener = _listen(host, port)
    except MitoakiError as error:
        raise fail(error) from None
    try:
        application = create_app(
            build_dir,
            timeout=timeout,
            max_result_bytes=max_result_bytes,
            in_memory=in_memory,
            workers=workers,
        )
    except MitoakiError as error:
        listener.close()
        raise fail(error) from None
    console.print(f"SPARQL endpoint: http://{host}:{port}/sparql  (query page: /)")
    config = uvicorn.Config(application, host=host, port=port, log_level="warning")
    uvicorn.Server(config).run(sockets=[listener])


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port``, or a one-line error saying why it cannot be."""
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


@app.command()
def publish(
    endpoint: Annotated[
        str, typer.Option(help="Graph Store Protocol URL, e.g. http://host:7878/store.")
    ],
    graph: Annotated[
        str, typer.Option(help="Named graph IRI to replace.")
    ] = "https://w3id.org/mitoaki/graph",
    build_dir: Annotated[Path, typer.Option("--build", help="Release folder to publish.")] = Path(
        "build"
    ),
    user: Annotated[
        str | None,
        typer.Option(
            help="Sign in as this user (HTTP Basic or Digest); the password from "
            "$MITOAKI_PASSWORD or ~/.netrc, never from the command line."
        ),
    ] = None,
    insecure: Annotated[
        bool,
        typer.Option(
            "--insecure", help="Allow a password over plain HTTP to a host other than loopback."
        ),
    ] = False,
) -> None:
    """Push the release to a SPARQL 1.1 Graph Store Protocol endpoint, replacing one graph."""
    from mitoaki.access.publish import publish as run_publish

    try:
        status = run_publish(build_dir, endpoint, graph, user=user, insecure=insecure)
    except MitoakiError as error:
        raise fail(error) from None
    console.print(f"published {build_dir} to <{graph}> at {endpoint} (HTTP {status})")


@app.command()
def verify(
    build_dir: Annotated[Path, typer.Argument(help="Release folder to check.")] = Path("build"),
) -> None:
    """Check a release against its SHA-256 manifest and say what differs."""
    from mitoaki.release.exports import verify as run_verify

    problems = run_verify(build_dir)
    if problems:
        for problem in problems:
            console.print(f"[red]differs:[/] {escape(problem)}")
        raise fail(
            MitoakiError(
                f"{len(problems)} files differ from the manifest", path=build_dir, rule="manifest"
            )
        )
    console.print(f"{build_dir}: every file matches manifest.sha256")


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier release folder.")],
    new: Annotated[Path, typer.Argument(help="The later release folder.")],
) -> None:
    """What changed between two releases (classes, records added, removed, changed), in Markdown."""
    from mitoaki.release.diff import snapshot, to_markdown

    try:
        text = to_markdown(snapshot(old), snapshot(new), str(old), str(new))
    except MitoakiError as error:
        raise fail(error) from None
    typer.echo(text, nl=False)


@app.command()
def figures(
    build_dir: Annotated[Path, typer.Option("--build", help="Release folder to draw from.")] = Path(
        "build"
    ),
) -> None:
    """Redraw the evidence map and the mechanism network (PNG, SVG) into <release>/figures."""
    from mitoaki.access.store import open_release
    from mitoaki.release.figures import write_figures

    try:
        paths = write_figures(open_release(build_dir), build_dir)
    except MitoakiError as error:
        raise fail(error) from None
    for path in paths:
        console.print(f"wrote {path}")


@app.command()
def export(
    fmt: Annotated[RdfFormat, typer.Argument(help="Output format (file extension).")],
    product: Annotated[
        str, typer.Option(help="kb (knowledge base), full or base (ontology).")
    ] = "kb",
    build_dir: Annotated[Path, typer.Option("--build", help="Release folder to read.")] = Path(
        "build"
    ),
) -> None:
    """Write one product of a release to stdout in any format of the writer registry."""
    import sys

    from rdflib import Graph

    from mitoaki.access.store import release_file
    from mitoaki.core.serialize import WRITERS

    try:
        if product not in {"kb", "full", "base"}:
            raise MitoakiError(f"unknown product '{product}' (kb, full or base)", rule="product")
        graph = Graph().parse(release_file(build_dir, f"mitoaki-{product}.nt"), format="nt")
    except MitoakiError as error:
        raise fail(error) from None
    sys.stdout.buffer.write(WRITERS[fmt](graph))
    sys.stdout.flush()


@app.command()
def extract(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Plain-text documents to read.")
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="jsonl: one JSON object a line (mentions, findings, table rows); "
            "yaml: draft record files in --out.",
        ),
    ] = "jsonl",
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the YAML drafts (--format yaml).")
    ] = Path("drafts"),
    evaluate: Annotated[
        bool,
        typer.Option(
            "--evaluate",
            help="Read the seed documents and score the proposals against the curated records.",
        ),
    ] = False,
    records_dir: Annotated[
        Path | None, typer.Option("--records", help="Curated records (for --evaluate).")
    ] = None,
    corpus: Annotated[
        Path | None,
        typer.Option(help="Seed documents (for --evaluate; default ../shared/corpus)."),
    ] = None,
    no_fuzzy: Annotated[
        bool, typer.Option("--no-fuzzy", help="Exact matching only (no typo fallback).")
    ] = False,
    gold: Annotated[
        Path | None,
        typer.Option(
            help="With --evaluate: a gold table (corpus-dev's GOLD.tsv layout) to score the "
            "documents of the folder given as argument against.",
        ),
    ] = None,
    disputed: Annotated[
        Path | None,
        typer.Option(
            help="With --gold: a table of the gold rows you dispute (doc_file, kind, value, "
            "reason); the scores are printed with and without them.",
        ),
    ] = None,
    vocab: Annotated[
        Path | None,
        typer.Option(
            help="Folder of term tables (../shared/ref's layout) or OBO / OWL files to ground "
            "against (default: the term tables of ../shared/ref when present).",
        ),
    ] = None,
    no_vocab: Annotated[
        bool, typer.Option("--no-vocab", help="Ground against the ontology's terms only.")
    ] = False,
) -> None:
    """Read new documents and propose records: mentions, findings with direction, table rows."""
    import json

    from mitoaki.extract.findings import ProposedFinding
    from mitoaki.extract.graph_lexicon import Lexicon
    from mitoaki.extract.mentions import Mention
    from mitoaki.extract.reader import Reader, TableRow
    from mitoaki.ontology.tbox import load_tbox
    from mitoaki.records.anchors import read_document

    try:
        if fmt not in {"jsonl", "yaml"}:
            raise MitoakiError(f"unknown format '{fmt}' (jsonl, yaml)", rule="format")
        if not files and not evaluate:
            raise MitoakiError("give documents to read, or --evaluate", rule="arguments")
        # read first: a missing, binary or non-UTF-8 file is one clear error, before any work
        raws = [] if evaluate else [read_document(path).raw for path in files or []]
        ontology = load_tbox().merged()
        lexicon = Lexicon.from_graph(ontology)
        grounder = None if no_vocab else _grounder(vocab)
        reader = Reader(lexicon, fuzzy=not no_fuzzy, grounder=grounder)
        if evaluate and gold is not None:
            _evaluate_gold(reader, gold, files or [], disputed)
            return
        if evaluate:  # the ontology's names also decide which terms a text names
            _evaluate(reader, records_dir, corpus, ontology)
            return
        readings = [
            reader.read(raw, path.name) for raw, path in zip(raws, files or [], strict=True)
        ]
        if fmt == "yaml":
            inducers = frozenset(lexicon.insults.values()) | frozenset(lexicon.diseases.values())
            _write_drafts(readings, files or [], lexicon.insults, inducers, out)
            return
        for reading in readings:
            items: list[Mention | ProposedFinding | TableRow] = [
                *reading.mentions,
                *reading.findings,
                *reading.rows,
            ]
            for item in items:
                line = {"file": reading.name, **item.to_json()}
                typer.echo(json.dumps(line, ensure_ascii=False))
    except MitoakiError as error:
        raise fail(error) from None


def _grounder(vocab: Path | None) -> Any:
    """The whole-vocabulary grounder of ``vocab`` or ../shared/ref, or None without either."""
    from mitoaki.extract.lexicon.ground import load_grounder
    from mitoaki.extract.lexicon.tables import vocabulary_sources

    sources = vocabulary_sources(vocab)
    return load_grounder(sources) if sources else None


def _evaluate_gold(
    reader: Any, gold: Path, folders: list[Path], disputed: Path | None = None
) -> None:
    from rich.table import Table

    from mitoaki.extract.gold import evaluate_gold, read_disputed, read_gold

    if len(folders) != 1 or not folders[0].is_dir():
        raise MitoakiError("--gold needs one folder of documents", rule="arguments")
    rows = read_gold(gold)
    left_out = read_disputed(disputed, rows) if disputed is not None else []
    console.print(f"extraction against {gold}")
    runs = [("all rows", evaluate_gold(rows, folders[0], reader))]
    if disputed is not None:
        report = evaluate_gold(rows, folders[0], reader, exclude=left_out)
        runs.append((f"without the {len(left_out)} disputed rows", report))
    for title, report in runs:
        table = Table(title=title)
        for column in ("task", "proposed", "correct", "missed", "precision", "recall", "F1"):
            table.add_column(column, justify="left" if column == "task" else "right")
        for s in report.scores:
            table.add_row(
                s.task,
                str(s.true_positives + s.false_positives),
                str(s.true_positives),
                str(s.false_negatives),
                f"{s.precision:.2f}",
                f"{s.recall:.2f}",
                f"{s.f1:.2f}",
            )
        console.print(table)
    report = runs[0][1]
    for s in report.scores:
        missed, wrong = report.categories(s.task)
        console.print(f"{s.task}, missed by gold kind: {dict(sorted(missed.items()))}")
        console.print(f"{s.task}, wrong by proposed type: {dict(sorted(wrong.items()))}")


def _write_drafts(
    readings: list[Any],
    files: list[Path],
    insults: dict[str, str],
    inducers: frozenset[str],
    out: Path,
) -> None:
    """One draft record file per document, naming the text it was read from (and its digest)."""
    import hashlib
    import os

    import yaml

    from mitoaki.core.serialize import atomic_write
    from mitoaki.extract.drafts import draft_files

    drafted = draft_files(readings, insults, inducers)
    if len(drafted) != len(files):
        raise MitoakiError(
            "two documents give the same draft file name; extract them into separate folders",
            path=out,
            rule="draft-name",
        )
    out.mkdir(parents=True, exist_ok=True)
    for (name, drafts), path in zip(drafted.items(), files, strict=True):
        document = drafts["document"]
        position = list(document).index("file") + 1
        items = list(document.items())
        source = os.path.relpath(path.resolve(), out.resolve())
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        items[position:position] = [("source", source), ("source_sha256", digest)]
        drafts["document"] = dict(items)
        text = yaml.safe_dump(drafts, sort_keys=False, allow_unicode=True, width=100)
        atomic_write(out / name, text.encode("utf-8"))
        counts = ", ".join(f"{len(v)} {k}" for k, v in drafts.items() if isinstance(v, list))
        console.print(f"wrote {out / name}: {counts}")


def _evaluate(reader: Any, records_dir: Path | None, corpus: Path | None, ontology: Any) -> None:
    from rich.table import Table

    from mitoaki.core.errors import ResourceError
    from mitoaki.core.paths import data_dir, default_corpus
    from mitoaki.extract.evaluate import evaluate
    from mitoaki.records.loader import load_records

    corpus = corpus or default_corpus()
    if corpus is None:
        raise ResourceError("no seed documents (give --corpus)", rule="corpus")
    loaded = load_records(records_dir or data_dir("ontology") / "records")
    table = Table(title="extraction against the curated records")
    for column in ("task", "proposed", "correct", "missed", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "task" else "right")
    for s in evaluate(loaded, corpus, reader, ontology):
        table.add_row(
            s.task,
            "-" if s.recall_only else str(s.true_positives + s.false_positives),
            str(s.true_positives),
            str(s.false_negatives),
            "-" if s.recall_only else f"{s.precision:.2f}",
            f"{s.recall:.2f}",
            "-" if s.recall_only else f"{s.f1:.2f}",
            style="dim" if s.recall_only else None,
        )
    console.print(table)
    console.print(
        "Lines marked 'terms named in the text' score recall only, over the curated items whose"
        " terms the text names; the aim is measured on the strict lines."
    )
