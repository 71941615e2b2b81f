"""Gold tables in ``corpus-dev/GOLD.tsv``'s layout, and the rows one disputes (``gold``'s input).

A table has the columns ``doc_file, kind, value, normalised, curie, direction``, one row per
(document, kind, surface value); a dispute table names rows by document, kind and value.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mitoaki.core.errors import MitoakiError

COLUMNS = ("doc_file", "kind", "value", "normalised", "curie", "direction")
DIRECTIONS = frozenset({"", "increased", "decreased", "normalised", "no_change"})
_NON_WORD = re.compile(r"[^0-9a-zα-ω+]+")


@dataclass(frozen=True)
class GoldRow:
    """One row of a gold table."""

    doc: str
    kind: str
    value: str
    normalised: str
    curie: str
    direction: str
    line: int = 0

    @property
    def item(self) -> str:
        """The item the row names: its CURIE, else ``name:`` and its folded normalised name."""
        return self.curie or f"name:{fold(self.normalised or self.value)}"

    @property
    def names(self) -> frozenset[str]:
        """The folded names a proposal may match the row by."""
        return frozenset(n for n in (fold(self.value), fold(self.normalised)) if n)


def fold(text: str) -> str:
    """A name for comparison: case folded, punctuation and hyphens as spaces, a final plural "s".

    >>> fold("Blood Urea-Nitrogen"), fold("MSCs"), fold("PGC-1α")
    ('blood urea nitrogen', 'msc', 'pgc 1α')
    """
    words = _NON_WORD.sub(" ", text.casefold()).split()
    last = text.rstrip()[-2:]
    plural = len(last) == 2 and last[1] == "s" and (last[0].isupper() or last[0].islower())
    if words and plural and not words[-1].endswith(("ss", "us", "is")) and len(words[-1]) > 2:
        words[-1] = words[-1][:-1]
    return " ".join(words)


def read_gold(path: Path) -> list[GoldRow]:
    """The rows of a gold table; a missing column or an unknown direction names the line."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise MitoakiError(f"cannot read the gold table: {error}", path=path, rule="gold") from None
    with handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader, [])
        if tuple(header[: len(COLUMNS)]) != COLUMNS:
            raise MitoakiError(
                f"the header must be {', '.join(COLUMNS)}", path=f"{path}:1", rule="gold-header"
            )
        rows = []
        for number, cells in enumerate(reader, start=2):
            if not any(cells):
                continue
            cells = [*cells, *[""] * (len(COLUMNS) - len(cells))]
            doc, kind, value, normalised, curie, direction = (c.strip() for c in cells[:6])
            row = GoldRow(doc, kind, value, normalised, curie, direction, line=number)
            if not row.doc or not row.kind or not row.value:
                raise MitoakiError(
                    "doc_file, kind and value are required", path=f"{path}:{number}", rule="gold"
                )
            if row.direction not in DIRECTIONS:
                raise MitoakiError(
                    f"unknown direction '{row.direction}'", path=f"{path}:{number}", rule="gold"
                )
            rows.append(row)
    return rows


def read_disputed(path: Path, rows: Sequence[GoldRow]) -> list[int]:
    """Line numbers of the gold rows a disputes table names (``doc_file, kind, value, reason``).

    ``#`` lines are comments; the first other line is the header.

    A dispute names its row by document, kind and value (one row per those three); one that
    names no row of the gold table is an error naming its line.
    """
    lines = {(r.doc, r.kind, r.value): r.line for r in rows}
    out = []
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise MitoakiError(f"cannot read the disputes: {error}", path=path, rule="gold") from None
    header = True
    for number, cells in enumerate(csv.reader(text.splitlines(), delimiter="\t"), start=1):
        if not any(cells) or cells[0].startswith("#"):
            continue
        if header:  # the first line that is no comment names the columns
            header = False
            continue
        doc, kind, value = [*cells, "", ""][:3]
        line = lines.get((doc.strip(), kind.strip(), value.strip()))
        if line is None:
            raise MitoakiError(
                f"no gold row {doc} / {kind} / {value}", path=f"{path}:{number}", rule="gold"
            )
        out.append(line)
    return out
