"""Commands on a release folder: ``validate``, ``verify``, ``diff``, ``figures``, ``export``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from mitoaki.cli.shared import ERROR_STATUS, console, release_option
from mitoaki.core.errors import MitoakiError
from mitoaki.core.formats import RdfFormat

Data = Annotated[
    Path | None,
    typer.Option(help="Validate this RDF file instead of a release (needs --shapes)."),
]
Shapes = Annotated[
    Path | None, typer.Option(help="The SHACL shapes file to validate --data against.")
]
Engine = Annotated[
    str,
    typer.Option(
        help="shacl: the gate (a conformant Rust engine); shacl-rust: the fallback; "
        "pyshacl: the reference."
    ),
]


def validate(
    ctx: typer.Context,
    build_dir: Annotated[Path, release_option("Release folder to validate.")] = Path("build"),
    data: Data = None,
    shapes: Shapes = None,
    engine: Engine = "shacl",
) -> None:
    """Validate a release's knowledge base, or any RDF file, against SHACL shapes.

    On a release: prints a table (severity, focus node, label, path, message, source record),
    writes validation-report.ttl into the release, and exits 1 on any violation (warnings pass).

    With --data and --shapes (files in any RDF format): prints the W3C validation report as
    Turtle on stdout and exits 0 when the data conforms, 1 when it does not, and 2 with one line
    when the engine cannot validate those shapes or a file cannot be read.
    """
    if data is not None or shapes is not None:
        ctx.meta[ERROR_STATUS] = 2
        _validate_files(data, shapes, engine)
        return
    from mitoaki.access.store import release_file, release_graph
    from mitoaki.check.validate import REPORT_FILE, enforce, render
    from mitoaki.check.validate import validate as run_validate
    from mitoaki.core.serialize import write_turtle

    kb_path = release_file(build_dir, "mitoaki-kb.nt")
    full = release_graph(build_dir, "mitoaki-full.nt")
    results, report = run_validate(kb_path, full, engine=engine)
    write_turtle(report, build_dir / REPORT_FILE)
    render(results, console)
    enforce(results)


def _validate_files(data: Path | None, shapes: Path | None, engine: str) -> None:
    """``mitoaki validate --data --shapes``: the W3C report on stdout; exit 0 or 1 (2: an error)."""
    from rdflib import Literal
    from rdflib.namespace import SH

    from mitoaki.check.validate import validate_files

    if data is None or shapes is None:
        raise MitoakiError("--data and --shapes go together", rule="usage")
    report = validate_files(data, shapes, engine=engine)
    typer.echo(report.serialize(format="turtle"), nl=False)
    conforms = (None, SH.conforms, Literal(True)) in report
    raise typer.Exit(code=0 if conforms else 1)


def verify(
    build_dir: Annotated[Path, typer.Argument(help="Release folder to check.")] = Path("build"),
) -> None:
    """Check a release against its SHA-256 manifest and say what differs."""
    from mitoaki.release.manifest import verify as run_verify

    problems = run_verify(build_dir)
    if problems:
        for problem in problems:
            console.print(f"[red]differs:[/] {escape(problem)}")
        raise MitoakiError(
            f"{len(problems)} files differ from the manifest", path=build_dir, rule="manifest"
        )
    console.print(f"{build_dir}: every file matches manifest.sha256")


def diff(
    old: Annotated[Path, typer.Argument(help="The earlier release folder.")],
    new: Annotated[Path, typer.Argument(help="The later release folder.")],
) -> None:
    """What changed between two releases (classes, records added, removed, changed), in Markdown."""
    from mitoaki.release.diff import snapshot, to_markdown

    typer.echo(to_markdown(snapshot(old), snapshot(new), str(old), str(new)), nl=False)


def figures(
    build_dir: Annotated[Path, release_option("Release folder to draw from.")] = Path("build"),
) -> None:
    """Redraw the evidence map and the mechanism network (PNG, SVG) into <release>/figures."""
    from mitoaki.access.store import open_release
    from mitoaki.release.figures import write_figures

    for path in write_figures(open_release(build_dir), build_dir):
        console.print(f"wrote {path}")


def export(
    fmt: Annotated[RdfFormat, typer.Argument(help="Output format (file extension).")],
    product: Annotated[
        str, typer.Option(help="kb (knowledge base), full or base (ontology).")
    ] = "kb",
    build_dir: Annotated[Path, release_option("Release folder to read.")] = Path("build"),
) -> None:
    """Write one product of a release to stdout in any format of the writer registry."""
    import sys

    from mitoaki.access.store import release_graph
    from mitoaki.core.serialize import WRITERS

    if product not in {"kb", "full", "base"}:
        raise MitoakiError(f"unknown product '{product}' (kb, full or base)", rule="product")
    graph = release_graph(build_dir, f"mitoaki-{product}.nt")
    sys.stdout.buffer.write(WRITERS[fmt](graph))
    sys.stdout.flush()
