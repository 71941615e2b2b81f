"""The shipped queries are plain SPARQL 1.1; Oxigraph's LATERAL rewrite gives the same rows."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.plugins.sparql import prepareQuery

from mitoaki.access.binding import bind_in_text, bindings
from mitoaki.access.dialects import blank_noise, for_oxigraph
from mitoaki.access.query import execute
from mitoaki.access.questions import questions
from mitoaki.access.store import open_release
from mitoaki.build import BuildReport
from mitoaki.core.paths import QUERIES_DIR

SHIPPED = sorted(QUERIES_DIR.glob("*/*.rq"))
REWRITTEN = sorted(name for name, q in questions().items() if q.oxigraph != q.text)


@pytest.fixture(scope="module")
def store(release: BuildReport) -> ox.Store:
    return open_release(release.out)


@pytest.mark.parametrize("path", SHIPPED, ids=[f"{p.parent.name}/{p.stem}" for p in SHIPPED])
def test_every_shipped_query_is_plain_sparql_1_1(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\bLATERAL\b", blank_noise(text), re.IGNORECASE), path.name
    prepareQuery(text)  # rdflib's parser: SPARQL 1.1 and nothing else


def test_the_three_questions_that_used_lateral_are_rewritten_for_oxigraph() -> None:
    assert {"conflicting-findings", "mitochondrial-transfer", "outcome-studies"} <= set(REWRITTEN)
    for name in REWRITTEN:
        assert "LATERAL {" in questions()[name].oxigraph


@pytest.mark.parametrize("name", REWRITTEN)
def test_the_oxigraph_form_gives_the_standard_rows(store: ox.Store, name: str) -> None:
    question = questions()[name]
    for given in ({}, *EXAMPLES.get(name, [])):
        subs = bindings(question, given)
        standard = execute(store, bind_in_text(question.text, subs))
        rewritten = execute(store, bind_in_text(question.oxigraph, subs))
        assert isinstance(standard, ox.QuerySolutions)
        assert isinstance(rewritten, ox.QuerySolutions)
        rows = [tuple(map(str, s)) for s in standard]
        assert rows and rows == [tuple(map(str, s)) for s in rewritten], (name, given)


#: other parameter values the rewritten questions are checked with
EXAMPLES = {
    "conflicting-findings": [{"entity": "http://identifiers.org/hgnc/9237"}],
    "outcome-studies": [{"entity": "GO:0008150"}],
    "mitochondrial-transfer": [{"process": "GO:0008150"}],
}


def test_a_group_and_an_optional_are_wrapped() -> None:
    text = "SELECT * WHERE {\n  ?a ?p ?b\n  # oxigraph: lateral\n  { ?b ?q ?c }\n}"
    assert for_oxigraph(text) == "SELECT * WHERE {\n  ?a ?p ?b\n  LATERAL { { ?b ?q ?c } }\n}"
    text = '?a ?p ?b\n  # oxigraph: lateral\n  OPTIONAL { ?b ?q "}" . { ?c ?r ?d } }\n  ?x ?y ?z'
    assert for_oxigraph(text) == (
        '?a ?p ?b\n  LATERAL { OPTIONAL { ?b ?q "}" . { ?c ?r ?d } } }\n  ?x ?y ?z'
    )
    assert for_oxigraph("SELECT * WHERE { ?a ?p ?b } # oxigraph: lateral") == (
        "SELECT * WHERE { ?a ?p ?b } # oxigraph: lateral"
    )


def test_a_mark_before_no_group_is_an_error() -> None:
    with pytest.raises(ValueError, match="line 2 is not before a group"):
        for_oxigraph("SELECT * WHERE {\n# oxigraph: lateral\n?a ?p ?b }")
    with pytest.raises(ValueError, match="never closed"):
        for_oxigraph("SELECT * WHERE {\n# oxigraph: lateral\n{ ?a ?p ?b")
