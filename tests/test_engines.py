"""Three engines, one answer: every shipped query on Oxigraph, rdflib's SPARQL engine and Virtuoso.

Each competency question (with its default parameters), the Table 1 query and the quality
queries are answered by mitoaki on the release's Oxigraph store (its own path: the Oxigraph
rewrite, the rows it sorts itself), by rdflib's SPARQL engine and by Virtuoso Open Source 7 (the
release loaded with ``mitoaki publish``; the standard text sent by ``mitoaki query --endpoint``'s
client). Every term is compared in N-Triples form, datatypes and language tags included; the rows
as lists (every question's ORDER BY is total), Table 1's as a multiset (its ORDER BY is not) and
as the rendered table. A difference between engines is fixed in the query, never tolerated here.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from tests.stores import Virtuoso

from mitoaki.access.binding import bind_in_text, bindings
from mitoaki.access.dialects import for_oxigraph
from mitoaki.access.publish import publish
from mitoaki.access.query import AnyResult, answer
from mitoaki.access.questions import questions
from mitoaki.access.remote import parse_answer, remote_query
from mitoaki.access.store import RELEASE_GRAPH, RELEASE_GRAPHS, load_store, open_release
from mitoaki.access.table import group_rows, remote_table_rows, table_rows, to_markdown
from mitoaki.build import BuildReport
from mitoaki.core.paths import QUERIES_DIR

QUALITY = sorted((QUERIES_DIR / "qc").glob("*.rq"))
TABLE = QUERIES_DIR / "table" / "table1.rq"

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
Row = tuple[str | None, ...]


@pytest.fixture(scope="module")
def store(release: BuildReport) -> ox.Store:
    return open_release(release.out)


@pytest.fixture(scope="module")
def graph(release: BuildReport) -> rdflib.Graph:
    loaded = rdflib.Graph()
    for name in RELEASE_GRAPHS:
        loaded.parse(release.out / name, format="nt")
    return loaded


def terms(result: AnyResult) -> tuple[list[str], list[Row]]:
    """A SELECT result as its variables and its rows of N-Triples terms (None: unbound).

    An ``xsd:decimal`` is written by its value: Oxigraph stores a decimal as a number and gives
    back its canonical form (``"18"`` for the release's ``"18.0"``), which no query can undo.
    """
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return names, [tuple(_term(t) for t in s) for s in result]


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str | None:
    if isinstance(term, ox.Literal) and term.datatype.value == XSD_DECIMAL:
        return f"{Decimal(term.value).normalize():f}^^decimal"
    return None if term is None else str(term)


def on_rdflib(graph: rdflib.Graph, text: str) -> tuple[list[str], list[Row]]:
    """The answer of rdflib's SPARQL engine, read as Oxigraph reads any endpoint's JSON."""
    body = graph.query(text).serialize(format="json")
    assert body is not None
    return terms(parse_answer(body, "application/sparql-results+json"))


def on_virtuoso(server: Virtuoso, text: str) -> tuple[list[str], list[Row]]:
    """Virtuoso's answer, the release's graph as the default graph."""
    return terms(remote_query(server.sparql, text, default_graph=RELEASE_GRAPH))


@pytest.mark.parametrize("name", sorted(questions()))
def test_every_question_answers_the_same_on_three_engines(
    store: ox.Store, graph: rdflib.Graph, virtuoso: Virtuoso, name: str
) -> None:
    question = questions()[name]
    ours = terms(answer(question, store, {}))
    text = bind_in_text(question.text, bindings(question, {}))
    assert ours[1], f"{name}: no rows on the release, nothing compared"
    assert on_rdflib(graph, text) == ours, f"{name}: rdflib"
    assert on_virtuoso(virtuoso, text) == ours, f"{name}: Virtuoso"


@pytest.mark.parametrize("path", QUALITY, ids=[p.stem for p in QUALITY])
def test_every_quality_query_answers_the_same_on_three_engines(
    store: ox.Store, graph: rdflib.Graph, virtuoso: Virtuoso, path: Path
) -> None:
    text = path.read_text(encoding="utf-8")
    ours = terms(store.query(for_oxigraph(text)))
    assert on_rdflib(graph, text) == ours, f"{path.stem}: rdflib"
    assert on_virtuoso(virtuoso, text) == ours, f"{path.stem}: Virtuoso"


def test_a_violation_is_found_alike(
    release: BuildReport, virtuoso: Virtuoso, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the release has no violation: a copy of it with a label that GO already has
    term = "https://w3id.org/mitoaki/MITOAKI_9999999"
    copy = tmp_path / "build"
    copy.mkdir()
    for name in RELEASE_GRAPHS:
        shutil.copy(release.out / name, copy / name)
    with (copy / "mitoaki-kb.nt").open("a", encoding="utf-8") as out:
        out.write(f"<{term}> <{RDF_TYPE}> <http://www.w3.org/2002/07/owl#Class> .\n")
        out.write(
            f'<{term}> <http://www.w3.org/2000/01/rdf-schema#label> "Mitochondrial Fission" .\n'
        )
    text = (QUERIES_DIR / "qc" / "duplicate-label-violation.rq").read_text(encoding="utf-8")
    expected = [
        (
            f"<{term}>",
            "\"label 'Mitochondrial Fission' also on <http://purl.obolibrary.org/obo/GO_0000266>\"",
        )
    ]
    assert terms(load_store(copy).query(for_oxigraph(text)))[1] == expected
    copied = rdflib.Graph()
    for name in RELEASE_GRAPHS:
        copied.parse(copy / name, format="nt")
    assert on_rdflib(copied, text)[1] == expected
    monkeypatch.setenv("MITOAKI_PASSWORD", virtuoso.password)
    publish(copy, virtuoso.graph_store, "urn:mitoaki:test:violation", user=virtuoso.user)
    found = terms(remote_query(virtuoso.sparql, text, default_graph="urn:mitoaki:test:violation"))
    assert found[1] == expected


def test_table_1_is_the_same_on_three_engines(
    store: ox.Store, graph: rdflib.Graph, virtuoso: Virtuoso
) -> None:
    text = TABLE.read_text(encoding="utf-8")
    names, ours = terms(store.query(for_oxigraph(text)))
    assert len(ours) > 10
    body = graph.query(text).serialize(format="json") or b""
    from_rdflib = parse_answer(body, "application/sparql-results+json")
    # its ORDER BY (row, direction, label) does not order every column: a multiset
    for other in (terms(from_rdflib), on_virtuoso(virtuoso, text)):
        assert other[0] == names and sorted(other[1], key=str) == sorted(ours, key=str)
    # and the table drawn from each engine's answer
    table = to_markdown(table_rows(store))
    again = parse_answer(body, "application/sparql-results+json")
    assert isinstance(again, ox.QuerySolutions)
    assert to_markdown(group_rows(again)) == table
    assert to_markdown(remote_table_rows(virtuoso.sparql, RELEASE_GRAPH)) == table
