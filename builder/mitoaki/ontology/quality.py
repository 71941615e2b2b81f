"""Quality checks: SPARQL ``*-violation.rq`` queries that must return no rows, run on Oxigraph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from mitoaki.core.errors import QualityError
from mitoaki.core.paths import QUERIES_DIR

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


#: The header line of a check that reads only the ontology's own terms.
ONTOLOGY_SCOPE = "# scope: ontology"


def checks(folder: Path = QC_DIR, *, scope: str | None = None) -> list[Path]:
    """Every ``*-violation.rq`` query, sorted by name; of one ``scope`` only, when given.

    A check whose header comment has a line ``# scope: ontology`` reads only the ontology's
    terms (the knowledge base never states anything about them: its subjects are its own
    ``kb:`` individuals), so its answer is the same on the ontology alone; the others
    (``scope="data"``) read the knowledge base too.
    """
    found = sorted(folder.glob("*-violation.rq"))
    if scope is None:
        return found
    return [query for query in found if (_scope(query) == "ontology") == (scope == "ontology")]


def _scope(query: Path) -> str:
    for line in query.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if line.startswith(ONTOLOGY_SCOPE):
            return "ontology"
    return "data"


def run_checks(
    store: ox.Store, folder: Path = QC_DIR, *, scope: str | None = None
) -> list[Violation]:
    """Run every check (of ``scope``, see :func:`checks`) on ``store``; the rows they found."""
    found: list[Violation] = []
    for query in checks(folder, scope=scope):
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
    enforce_violations(run_checks(store, folder))


def enforce_violations(violations: list[Violation]) -> None:
    """Raise :class:`QualityError` listing ``violations``, if any."""
    if violations:
        listing = "; ".join(str(v) for v in violations[:20])
        more = f" (and {len(violations) - 20} more)" if len(violations) > 20 else ""
        raise QualityError(f"{len(violations)} quality violations: {listing}{more}", rule="qc")
