"""Quality checks: SPARQL ``*-violation.rq`` queries that must return no rows, run on Oxigraph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from mitoaki.errors import QualityError
from mitoaki.paths import QUERIES_DIR

QC_DIR = QUERIES_DIR / "qc"


@dataclass(frozen=True)
class Violation:
    """One row returned by a quality-check query."""

    check: str
    entity: str
    problem: str

    def __str__(self) -> str:
        return f"{self.check}: <{self.entity}> {self.problem}"


def to_store(graph: Graph) -> ox.Store:
    """Load an rdflib graph into an in-memory Oxigraph store (through N-Triples)."""
    store = ox.Store()
    data = graph.serialize(format="nt", encoding="utf-8")
    store.load(data, format=ox.RdfFormat.N_TRIPLES)
    return store


def checks(folder: Path = QC_DIR) -> list[Path]:
    """Every ``*-violation.rq`` query, sorted by name."""
    return sorted(folder.glob("*-violation.rq"))


def run_checks(store: ox.Store, folder: Path = QC_DIR) -> list[Violation]:
    """Run every check on ``store`` and return the rows they found."""
    found: list[Violation] = []
    for query in checks(folder):
        name = query.name.removesuffix(".rq")
        solutions = store.query(query.read_text(encoding="utf-8"))
        assert isinstance(solutions, ox.QuerySolutions)
        for row in solutions:
            entity, problem = row["entity"], row["problem"]
            found.append(
                Violation(
                    name,
                    entity.value if entity is not None else "",
                    problem.value if problem is not None else "",
                )
            )
    return found


def enforce(store: ox.Store, folder: Path = QC_DIR) -> None:
    """Raise :class:`QualityError` listing every violation, if any."""
    violations = run_checks(store, folder)
    if violations:
        listing = "; ".join(str(v) for v in violations[:20])
        more = f" (and {len(violations) - 20} more)" if len(violations) > 20 else ""
        raise QualityError(f"{len(violations)} quality violations: {listing}{more}", rule="qc")
