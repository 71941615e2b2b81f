"""Read whole vocabularies: the reference term tables (``../shared/ref``) or OBO / OWL files.

Each source gives ``Entry`` rows: a CURIE, its label, its names by kind (``exact``, ``related``;
for HGNC the approved ``symbol``, ``previous`` and ``alias`` symbols and the gene ``name``), its
named parents and whether it is obsolete. The reference tables are read with ``csv``; OBO and
OWL files a user points at (``--vocab DIR``) are read with pronto, which parses both.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mitoaki.core.errors import MitoakiError

#: The reference tables the lexicon reads, in ``../shared/ref`` (ECO and RO name no entities).
TABLES = ("go", "cl", "uberon", "mondo", "chebi", "hgnc", "ncbitaxon", "obi")
VOCAB_SUFFIXES = (".obo", ".owl", ".obo.gz", ".owl.gz")


@dataclass(frozen=True)
class Entry:
    """One term of a vocabulary and its names."""

    curie: str
    label: str
    names: tuple[tuple[str, str], ...]  # (kind, name)
    parents: tuple[str, ...] = ()
    obsolete: bool = False


def _split(value: str | None) -> list[str]:
    return [x.strip() for x in (value or "").split("|") if x.strip()]


def read_table(path: Path) -> Iterator[Entry]:
    """The entries of one reference table (OBO layout, or HGNC's), gzipped or not."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        header = next(rows, [])
        at = {name: i for i, name in enumerate(header)}

        def cell(row: list[str], name: str) -> str:
            i = at.get(name)
            return row[i] if i is not None and i < len(row) else ""

        hgnc = "hgnc_id" in at
        for row in rows:
            if hgnc:
                names = [("symbol", cell(row, "symbol")), ("name", cell(row, "name"))]
                names += [("previous", s) for s in _split(cell(row, "prev_symbols"))]
                names += [("alias", s) for s in _split(cell(row, "alias_symbols"))]
                yield Entry(
                    cell(row, "hgnc_id"),
                    cell(row, "symbol"),
                    tuple((k, n) for k, n in names if n),
                    obsolete=cell(row, "status") != "Approved",
                )
                continue
            label = cell(row, "label")
            names = [("exact", s) for s in _split(cell(row, "exact_synonyms"))]
            names += [("related", s) for s in _split(cell(row, "related_synonyms"))]
            yield Entry(
                cell(row, "curie"),
                label,
                tuple(names),
                tuple(_split(cell(row, "parents"))),
                cell(row, "obsolete").lower() == "true" or label.startswith("obsolete "),
            )


def table_files(ref: Path) -> list[Path]:
    """The reference tables of a folder that the lexicon reads, in a fixed order."""
    found = _tables(ref)
    if not found:
        raise MitoakiError("no term tables (go.tsv.gz, hgnc.tsv.gz ...)", path=ref, rule="vocab")
    return found


def _tables(folder: Path) -> list[Path]:
    return [folder / f"{name}.tsv.gz" for name in TABLES if (folder / f"{name}.tsv.gz").is_file()]


def vocab_files(folder: Path) -> list[Path]:
    """The vocabulary files of a folder: its term tables (``TABLES``), then OBO and OWL files."""
    if not folder.is_dir():
        raise MitoakiError("not a folder", path=folder, rule="vocab")
    ontologies = sorted(p for p in folder.iterdir() if p.name.endswith(VOCAB_SUFFIXES))
    found = _tables(folder) + ontologies
    if not found:
        raise MitoakiError(
            "no term tables (go.tsv.gz ...) or .obo / .owl files", path=folder, rule="vocab"
        )
    return found


def vocabulary_sources(vocab: Path | None) -> list[Path]:
    """The files to ground against: ``vocab``'s, else ../shared/ref's tables, else none."""
    from mitoaki.core.paths import shared_dir

    if vocab is not None:
        return vocab_files(vocab)
    shared = shared_dir()
    ref = shared / "ref" if shared is not None else None
    return table_files(ref) if ref is not None and ref.is_dir() else []


def _curie(identifier: str) -> str:
    """An OBO identifier or a PURL as a CURIE ("GO:0006915")."""
    tail = identifier.rsplit("/", 1)[-1]
    return tail.replace("_", ":", 1) if ":" not in tail else tail


def read_ontology(path: Path) -> Iterator[Entry]:
    """The classes of an OBO or OWL file (pronto): label, synonyms by scope, is_a parents."""
    from pronto.ontology import Ontology

    try:
        ontology = Ontology(str(path))
    except Exception as error:  # pronto raises parser-specific errors
        raise MitoakiError(f"cannot read the ontology: {error}", path=path, rule="vocab") from None
    for term in ontology.terms():
        names = tuple(
            ("exact" if s.scope == "EXACT" else "related", s.description)
            for s in sorted(term.synonyms, key=lambda s: (s.scope or "", s.description))
        )
        parents = tuple(
            sorted(_curie(p.id) for p in term.superclasses(distance=1, with_self=False))
        )
        yield Entry(_curie(term.id), term.name or "", names, parents, bool(term.obsolete))


def read_sources(paths: Iterable[Path]) -> Iterator[Entry]:
    """Every entry of the given reference tables and ontology files."""
    for path in paths:
        if path.name.endswith(".tsv.gz") or path.suffix == ".tsv":
            yield from read_table(path)
        else:
            yield from read_ontology(path)
