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

from mitoaki.errors import MitoakiError

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
        for row in csv.DictReader(handle, delimiter="\t"):
            if "hgnc_id" in row:
                names = [("symbol", row["symbol"]), ("name", row.get("name") or "")]
                names += [("previous", s) for s in _split(row.get("prev_symbols"))]
                names += [("alias", s) for s in _split(row.get("alias_symbols"))]
                yield Entry(
                    row["hgnc_id"],
                    row["symbol"],
                    tuple((k, n) for k, n in names if n),
                    obsolete=row.get("status") != "Approved",
                )
                continue
            label = row.get("label") or ""
            names = [("exact", s) for s in _split(row.get("exact_synonyms"))]
            names += [("related", s) for s in _split(row.get("related_synonyms"))]
            yield Entry(
                row["curie"],
                label,
                tuple(names),
                tuple(_split(row.get("parents"))),
                (row.get("obsolete") or "").lower() == "true" or label.startswith("obsolete "),
            )


def table_files(ref: Path) -> list[Path]:
    """The reference tables of a folder that the lexicon reads, in a fixed order."""
    found = [ref / f"{name}.tsv.gz" for name in TABLES if (ref / f"{name}.tsv.gz").is_file()]
    if not found:
        raise MitoakiError("no term tables (go.tsv.gz, hgnc.tsv.gz ...)", path=ref, rule="vocab")
    return found


def vocab_files(folder: Path) -> list[Path]:
    """The OBO and OWL files of a folder, sorted."""
    found = sorted(p for p in folder.iterdir() if p.name.endswith(VOCAB_SUFFIXES))
    if not found:
        raise MitoakiError("no .obo or .owl files", path=folder, rule="vocab")
    return found


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
