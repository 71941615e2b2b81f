"""Rebuild the review's Table 1 from the graph (SPARQL on Oxigraph), as Markdown or CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from mitoaki.access.dialects import for_oxigraph
from mitoaki.access.remote import remote_query
from mitoaki.core.errors import EndpointError
from mitoaki.core.paths import QUERIES_DIR

TABLE_QUERY = QUERIES_DIR / "table" / "table1.rq"
ARROWS = {"increased": "↑", "decreased": "↓", "normalised": "normalised ", "no change": "= "}
ORDER = {"increased": 0, "decreased": 1, "normalised": 2, "no change": 3}
COLUMNS = ("Year", "Animal", "AKI model", "MSC product", "MSC source", "Outcomes", "Reference")


@dataclass
class TableRow:
    """One row of Table 1 with its outcomes as (entity CURIE or IRI, label, direction)."""

    row: int
    year: str = ""
    animal: str = ""
    species: str = ""
    model: str = ""
    product: str = ""
    source: str = ""
    reference: str = ""
    ref: int = 0
    outcomes: list[tuple[str, str, str]] = field(default_factory=list)

    def cells(self) -> tuple[str, ...]:
        """The row as display cells, in :data:`COLUMNS` order."""
        ordered = sorted(self.outcomes, key=lambda o: (ORDER.get(o[2], 9), o[1]))
        outcomes = ", ".join(f"{ARROWS.get(d, d + ' ')}{label}" for _, label, d in ordered)
        return (
            self.year,
            self.animal,
            self.model,
            self.product,
            self.source,
            outcomes,
            self.reference,
        )


def _value(solution: ox.QuerySolution, name: str) -> str:
    term = solution[name]
    return term.value if term is not None else ""


def table_rows(store: ox.Store) -> list[TableRow]:
    """Run the Table 1 query on the release's store and group its solutions into rows."""
    solutions = store.query(for_oxigraph(TABLE_QUERY.read_text(encoding="utf-8")))
    assert isinstance(solutions, ox.QuerySolutions)
    return group_rows(solutions)


def remote_table_rows(endpoint: str, graph: str | None = None) -> list[TableRow]:
    """Run the Table 1 query at a SPARQL 1.1 endpoint (reading ``graph``) and group its rows."""
    solutions = remote_query(endpoint, TABLE_QUERY.read_text(encoding="utf-8"), default_graph=graph)
    if not isinstance(solutions, ox.QuerySolutions):
        raise EndpointError("the Table 1 query did not answer solutions", path=endpoint)
    return group_rows(solutions)


def group_rows(solutions: Iterable[ox.QuerySolution]) -> list[TableRow]:
    """The Table 1 query's solutions (one per row and outcome) grouped into rows."""
    rows: dict[int, TableRow] = {}
    for solution in solutions:
        number = int(_value(solution, "row"))
        row = rows.setdefault(number, TableRow(row=number))
        author = _value(solution, "author")
        row.ref = int(_value(solution, "ref"))
        row.reference = f"{author} et al. [{row.ref}]" if author else f"[{row.ref}]"
        row.year = row.year or _value(solution, "year")
        row.species = row.species or _value(solution, "species")
        row.animal = row.animal or _value(solution, "speciesLabel")
        row.model = row.model or _value(solution, "inducerLabel")
        row.product = row.product or _value(solution, "productLabel")
        row.source = row.source or _value(solution, "sourceLabel")
        outcome = (
            _value(solution, "entity"),
            _value(solution, "entityLabel"),
            _value(solution, "direction"),
        )
        if outcome not in row.outcomes:
            row.outcomes.append(outcome)
    return [rows[n] for n in sorted(rows)]


def to_markdown(rows: list[TableRow]) -> str:
    """Render rows as a Markdown table."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r.cells()) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def to_csv(rows: list[TableRow]) -> str:
    """Render rows as CSV with a header line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(r.cells() for r in rows)
    return buffer.getvalue()
