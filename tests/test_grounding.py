"""Terms a record names must be declared, live and of the right kind; anchors must resolve once."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL
from tests.conftest import MINI_CORPUS, MINI_RECORDS

from mitoaki.core.errors import AnchorError, TermError
from mitoaki.ontology.tbox import load_tbox
from mitoaki.records.anchors import resolve_file, tbox_lexicon
from mitoaki.records.grounding import check_terms
from mitoaki.records.loader import load_records

BASE = (MINI_RECORDS / "mini.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tbox() -> Graph:
    return load_tbox().merged()


def records(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "mini.yaml").write_text(text, encoding="utf-8")
    return folder


def test_fixture_terms_are_all_declared(tbox: Graph) -> None:
    check_terms(load_records(MINI_RECORDS), tbox)


def test_undeclared_term_names_record_field_and_rule(tmp_path: Path, tbox: Graph) -> None:
    text = BASE.replace("entity: CHEBI:15422", "entity: CHEBI:999999999")
    with pytest.raises(TermError, match="CHEBI:999999999 is not declared") as caught:
        check_terms(load_records(records(tmp_path, text)), tbox)
    assert caught.value.item == "mini-atp" and caught.value.rule == "unknown-term"
    assert "mini.yaml:" in str(caught.value.path)


def test_term_of_the_wrong_kind(tmp_path: Path, tbox: Graph) -> None:
    text = BASE.replace("species: NCBITaxon:10090", "species: CHEBI:15422")
    with pytest.raises(TermError, match="not a NCBITaxon term") as caught:
        check_terms(load_records(records(tmp_path, text)), tbox)
    assert caught.value.rule == "term-kind" and caught.value.item == "mini-model"


def test_obsolete_term(tmp_path: Path, tbox: Graph) -> None:
    graph = Graph() + tbox
    graph.add((URIRef("http://purl.obolibrary.org/obo/CHEBI_15422"), OWL.deprecated, Literal(True)))
    with pytest.raises(TermError, match="obsolete") as caught:
        check_terms(load_records(MINI_RECORDS), graph)
    assert caught.value.rule == "obsolete-term"


@pytest.mark.parametrize(
    ("anchor", "message"),
    [
        ("words that are nowhere in the note", "anchor not found"),
        ("mitochondrial", "occurs 2 times"),
    ],
)
def test_anchor_that_does_not_resolve_once(
    tmp_path: Path, tbox: Graph, anchor: str, message: str
) -> None:
    text = BASE.replace("anchor: Drp1 activation drives mitochondrial fission", f"anchor: {anchor}")
    [loaded] = load_records(records(tmp_path, text))
    with pytest.raises(AnchorError, match=message) as caught:
        resolve_file(loaded, MINI_CORPUS, tbox_lexicon(tbox))
    assert caught.value.item == "mini-drp1" and caught.value.rule == "anchor"
