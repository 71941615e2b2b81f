"""``mitoaki extract``: read new documents and propose records, or score the proposals."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from mitoaki.cli.shared import console
from mitoaki.core.errors import MitoakiError, ResourceError

Files = Annotated[list[Path] | None, typer.Argument(help="Plain-text documents to read.")]
Format = Annotated[
    str,
    typer.Option(
        "--format",
        help="jsonl: one JSON object a line (mentions, findings, table rows); "
        "yaml: draft record files in --out.",
    ),
]
Out = Annotated[Path, typer.Option("--out", help="Folder for the YAML drafts (--format yaml).")]
Evaluate = Annotated[
    bool,
    typer.Option(
        "--evaluate",
        help="Read the seed documents and score the proposals against the curated records.",
    ),
]
Records = Annotated[
    Path | None, typer.Option("--records", help="Curated records (for --evaluate).")
]
Corpus = Annotated[
    Path | None,
    typer.Option(help="Seed documents (for --evaluate; default ../shared/corpus)."),
]
NoFuzzy = Annotated[
    bool, typer.Option("--no-fuzzy", help="Exact matching only (no typo fallback).")
]
Gold = Annotated[
    Path | None,
    typer.Option(
        help="With --evaluate: a gold table (corpus-dev's GOLD.tsv layout) to score the "
        "documents of the folder given as argument against.",
    ),
]
Disputed = Annotated[
    Path | None,
    typer.Option(
        help="With --gold: a table of the gold rows you dispute (doc_file, kind, value, "
        "reason); the scores are printed with and without them.",
    ),
]
Vocab = Annotated[
    Path | None,
    typer.Option(
        help="Folder of term tables (../shared/ref's layout) or OBO / OWL files to ground "
        "against (default: the term tables of ../shared/ref when present).",
    ),
]
NoVocab = Annotated[
    bool, typer.Option("--no-vocab", help="Ground against the ontology's terms only.")
]


def extract(
    files: Files = None,
    fmt: Format = "jsonl",
    out: Out = Path("drafts"),
    evaluate: Evaluate = False,
    records_dir: Records = None,
    corpus: Corpus = None,
    no_fuzzy: NoFuzzy = False,
    gold: Gold = None,
    disputed: Disputed = None,
    vocab: Vocab = None,
    no_vocab: NoVocab = False,
) -> None:
    """Read new documents and propose records: mentions, findings with direction, table rows."""
    from mitoaki.extract.graph_lexicon import Lexicon
    from mitoaki.extract.reader import Reader
    from mitoaki.ontology.tbox import load_tbox
    from mitoaki.records.anchors import read_document

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
    elif evaluate:  # the ontology's names also decide which terms a text names
        _evaluate(reader, records_dir, corpus, ontology)
    else:
        readings = [
            reader.read(raw, path.name) for raw, path in zip(raws, files or [], strict=True)
        ]
        if fmt == "yaml":
            inducers = frozenset(lexicon.insults.values()) | frozenset(lexicon.diseases.values())
            _write_drafts(readings, files or [], lexicon.insults, inducers, out)
        else:
            _print_jsonl(readings)


def _print_jsonl(readings: list[Any]) -> None:
    """One JSON object a line: each mention, proposed finding and table row of each reading."""
    import json

    from mitoaki.extract.findings import ProposedFinding
    from mitoaki.extract.mentions import Mention
    from mitoaki.extract.reader import TableRow

    for reading in readings:
        items: list[Mention | ProposedFinding | TableRow] = [
            *reading.mentions,
            *reading.findings,
            *reading.rows,
        ]
        for item in items:
            line = {"file": reading.name, **item.to_json()}
            typer.echo(json.dumps(line, ensure_ascii=False))


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

    from mitoaki.extract.gold import evaluate_gold
    from mitoaki.extract.gold_table import read_disputed, read_gold

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
        console.print(_scored_all(report))
    report = runs[0][1]
    for s in report.scores:
        missed, wrong = report.categories(s.task)
        console.print(f"{s.task}, missed by gold kind: {dict(sorted(missed.items()))}")
        console.print(f"{s.task}, wrong by proposed type: {dict(sorted(wrong.items()))}")


def _scored_all(report: Any) -> str:
    """The line giving the scores with the findings on the disease studied scored too."""
    parts = [
        f"{s.task} {report.unscored[s.task]} more, P {s.precision:.2f} R {s.recall:.2f}"
        for s in report.scored_all
    ]
    return (
        "Findings on the disease studied (AKI, the model's inducer) are of no kind of the "
        "table and not scored; scored as well: " + "; ".join(parts)
    )


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
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file of that name, or no permission
        reason = exc.strerror or str(exc)
        message = f"cannot make the drafts folder: {reason}"
        raise ResourceError(message, path=out, rule="drafts") from exc
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
