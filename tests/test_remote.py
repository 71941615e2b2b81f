"""`mitoaki query/table --endpoint`: another store's answer written as the release's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import release_triples
from tests.stores import Virtuoso
from tests.test_serve import free_port
from typer.testing import CliRunner

from mitoaki.access.remote import parse_answer, returns_graph
from mitoaki.access.store import RELEASE_GRAPH
from mitoaki.build import BuildReport
from mitoaki.cli import app

runner = CliRunner()
CONSTRUCT = (
    "CONSTRUCT WHERE { ?d a <https://w3id.org/mitoaki/MITOAKI_0000600> ; "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"
)


def run(*args: str) -> str:
    """The stdout of a successful `mitoaki` command."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_a_question_at_virtuoso_is_written_as_on_the_release(
    release: BuildReport, virtuoso: Virtuoso, fmt: str
) -> None:
    for name, params in (("trials", []), ("studies-by-inducer", ["-p", "inducer=MITOAKI:0000212"])):
        local = run("query", name, *params, "--build", str(release.out), "-f", fmt)
        at = ("--endpoint", virtuoso.sparql, "--graph", RELEASE_GRAPH)
        remote = run("query", name, *params, *at, "-f", fmt)
        assert remote == local and len(local) > 200, (name, fmt)


def test_sparql_and_file_at_virtuoso(
    release: BuildReport, virtuoso: Virtuoso, tmp_path: Path
) -> None:
    at = ("--endpoint", virtuoso.sparql, "--graph", RELEASE_GRAPH)
    remote = run("query", "--sparql", CONSTRUCT, *at, "-f", "ntriples").splitlines()
    local = run("query", "--sparql", CONSTRUCT, "--build", str(release.out), "-f", "ntriples")
    assert sorted(remote) == sorted(local.splitlines()) and len(remote) > 1  # a graph: a set
    query = tmp_path / "count.rq"
    query.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", encoding="utf-8")
    triples = release_triples(release.out)
    assert run("query", "--file", str(query), *at, "-f", "csv").split() == ["n", str(triples)]


def test_table_at_virtuoso(release: BuildReport, virtuoso: Virtuoso) -> None:
    for fmt in ("markdown", "csv"):
        local = run("table", "--build", str(release.out), "-f", fmt)
        remote = run("table", "--endpoint", virtuoso.sparql, "--graph", RELEASE_GRAPH, "-f", fmt)
        assert remote == local and "Perico et al. [70]" in local


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "trials", "--endpoint", "http://127.0.0.1:{port}/sparql"], "cannot reach"),
        (["table", "--endpoint", "http://127.0.0.1:{port}/sparql"], "cannot reach"),
    ],
)
def test_an_unreachable_endpoint_is_one_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, [a.format(port=free_port()) for a in args])
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output


def test_a_store_s_refusal_is_one_line(virtuoso: Virtuoso) -> None:
    result = runner.invoke(app, ["query", "--sparql", "SELEC", "--endpoint", virtuoso.sparql])
    assert result.exit_code == 1 and "HTTP 400" in result.output


def test_answers_are_read_by_their_media_type() -> None:
    solutions = parse_answer(b"?n\n1\n", "text/tab-separated-values; charset=utf-8")
    assert [s["n"].value for s in solutions] == ["1"]  # type: ignore[union-attr]
    triples = parse_answer(b"<urn:a> <urn:b> <urn:c> .\n", "application/n-triples")
    assert isinstance(triples, list) and len(triples) == 1
    with pytest.raises(Exception, match="not a SPARQL results or RDF format"):
        parse_answer(b"<html/>", "text/html")
    assert returns_graph("DESCRIBE <urn:a>") and not returns_graph("ASK { ?s ?p ?o }")
