"""``mitoaki build``: say where the build reads from, run the pipeline with a progress display."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from mitoaki.cli.shared import console, warn
from mitoaki.core.errors import MitoakiError, ResourceError, ValidationFailedError
from mitoaki.core.paths import CORPUS_ENV, Found

Out = Annotated[Path, typer.Option("--out", "-o", help="Release folder to (re)write.")]
Ontology = Annotated[
    Path | None,
    typer.Option(
        help="Ontology folder (default: the checkout's, found from the current folder; "
        "else the one packed with the package)."
    ),
]
Records = Annotated[
    Path | None,
    typer.Option("--records", help="Folder of record files (default: <ontology>/records)."),
]
Corpus = Annotated[
    Path | None,
    typer.Option(
        help="Folder of source documents to resolve anchors in (default: "
        f"${CORPUS_ENV}, else ../shared/corpus beside the checkout).",
    ),
]
NoCorpus = Annotated[
    bool, typer.Option("--no-corpus", help="Do not resolve anchors, even if a corpus exists.")
]
RequireCorpus = Annotated[
    bool,
    typer.Option(
        "--require-corpus",
        help="Fail when no source documents are found, instead of building without "
        "evidence offsets and sentences.",
    ),
]
IncludeDrafts = Annotated[
    Path | None,
    typer.Option(
        "--include-drafts",
        help="Folder of machine-proposed draft records (mitoaki extract --format yaml), "
        "released in the named graph https://w3id.org/mitoaki/graph/drafts; their anchors "
        "are resolved in the text each draft file names as its source.",
    ),
]


def build(
    out: Out = Path("build"),
    ontology: Ontology = None,
    records_dir: Records = None,
    corpus: Corpus = None,
    no_corpus: NoCorpus = False,
    require_corpus: RequireCorpus = False,
    include_drafts: IncludeDrafts = None,
) -> None:
    """Build the release: ontology and knowledge base, reasoned, checked, in every format.

    The first lines say which ontology, records, shapes and source documents are used.
    """
    from mitoaki.build import BuildOptions
    from mitoaki.build import build as run_build
    from mitoaki.check.validate import render

    results: list[Any] = []
    sources = _build_sources(ontology, records_dir, corpus, no_corpus, require_corpus)
    options = BuildOptions(
        out=out,
        ontology_dir=sources.ontology.path,
        records_dir=sources.records.path,
        corpus_dir=sources.corpus.path if sources.corpus else None,
        drafts_dir=include_drafts,
    )
    try:
        with _stages() as stage:
            report = run_build(options, progress=stage, report_results=results)
    except ValidationFailedError:
        render(results, console)  # the table of what failed, above the error's line
        raise
    if results:
        render(results, console)
    for name, count in report.counts.items():
        console.print(f"{name}: {count}")
    console.print(f"wrote {len(report.files)} files to {report.out}/")


@contextmanager
def _stages() -> Iterator[Callable[[str], None]]:
    """A rich progress display: one line per pipeline stage, with a mark and its duration.

    Redrawn when a stage begins or ends, not on a timer: a refreshing thread would make the build
    start its worker processes by spawning, not forking (:func:`mitoaki.core.parallel.context`),
    which at 10k studies cost seconds of every worker's start.
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(finished_text="✓"), TextColumn("{task.description}"))
    with Progress(
        *columns, TimeElapsedColumn(), console=console, transient=False, auto_refresh=False
    ) as bar:
        current: list[Any] = []

        def stage(message: str) -> None:
            if current:
                bar.update(current[0], total=1, completed=1)
                current.clear()
            current.append(bar.add_task(message, total=None))
            bar.refresh()

        yield stage
        if current:
            bar.update(current[0], total=1, completed=1)
            bar.refresh()


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
        warn(search.warning())
    return _Sources(onto, records, shapes, found)
