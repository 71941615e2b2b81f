"""``mitoaki records`` and ``mitoaki imports``: the curated records and the import modules."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mitoaki.cli.shared import console, warn
from mitoaki.core.errors import MitoakiError

Ref = Annotated[
    Path | None,
    typer.Option(help="Folder of reference term tables (default: ../shared/ref)."),
]
ImportsOntology = Annotated[
    Path | None, typer.Option(help="Ontology folder whose imports/ to regenerate.")
]
FromDrafts = Annotated[
    Path | None,
    typer.Option(
        "--from-drafts",
        help="Folder of draft records (mitoaki extract --format yaml): add the external "
        "terms they use to the term lists first.",
    ),
]
Records = Annotated[
    Path | None,
    typer.Option("--records", help="Folder of record files (default: the project's)."),
]
Corpus = Annotated[
    Path | None,
    typer.Option(help="Folder of source documents (default: ../shared/corpus if present)."),
]


def imports(
    ref: Ref = None, ontology: ImportsOntology = None, from_drafts: FromDrafts = None
) -> None:
    """Regenerate ontology/imports/*_import.ttl from the term lists and the term tables."""
    from mitoaki.core.paths import data_dir, shared_dir
    from mitoaki.ontology.imports import Tables, extend_term_lists, write_imports
    from mitoaki.records.loader import draft_terms

    shared = shared_dir()
    ref_dir = ref or (shared / "ref" if shared else None)
    if ref_dir is None or not ref_dir.is_dir():
        raise MitoakiError("no term tables: pass --ref DIR", rule="imports-source")
    imports_dir = (ontology or data_dir("ontology")) / "imports"
    tables: Tables = {}  # each table read once
    if from_drafts is not None:
        added = extend_term_lists(imports_dir, ref_dir, draft_terms(from_drafts), tables)
        for path, count in added.items():
            console.print(f"added {count} terms to {path}")
    for path in write_imports(imports_dir, ref_dir, tables):
        console.print(f"wrote {path}")


def records(records_dir: Records = None, corpus: Corpus = None) -> None:
    """Check the curated records: schema, references, terms and (with a corpus) anchors."""
    from mitoaki.core.paths import data_dir, find_corpus
    from mitoaki.ontology.tbox import load_tbox
    from mitoaki.records.anchors import resolve_file, tbox_lexicon
    from mitoaki.records.grounding import check_terms
    from mitoaki.records.loader import load_records

    folder = records_dir or data_dir("ontology") / "records"
    search = find_corpus(corpus)
    corpus_dir = search.found.path if search.found else None
    if corpus_dir is None:
        warn(search.warning())
    loaded = load_records(folder)
    merged = load_tbox().merged()
    check_terms(loaded, merged)
    resolved = 0
    if corpus_dir is not None:
        lexicon = tbox_lexicon(merged)
        for item in loaded:
            resolved += len(resolve_file(item, corpus_dir, lexicon))
    count = sum(len(item.records.all_records()) for item in loaded)
    anchors = (
        f", {resolved} anchors resolved" if corpus_dir else ", anchors not checked (no corpus)"
    )
    console.print(f"{count} records in {len(loaded)} files: valid{anchors}")
