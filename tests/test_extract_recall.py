"""Surface forms the reader finds beyond labels and synonyms: short sentences written for the tests.

Each rule has a test that fails without it (the CURIE and the span proposed) and, where a rule
could overreach, one for what it must leave alone. The texts carry the traps of PDF text
(hyphenation across lines, Greek letters, "mice"/"rats") but are not from the seed documents.
"""

from __future__ import annotations

import pytest

from mitoaki.extract.mentions import Lexicon, Mention, find_mentions
from mitoaki.extract.reader import Reader
from mitoaki.ontology import load_tbox


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.from_graph(load_tbox().merged())


@pytest.fixture(scope="module")
def reader(lexicon: Lexicon) -> Reader:
    return Reader(lexicon)


def spans(mentions: list[Mention]) -> set[tuple[str, str]]:
    return {(m.text, m.curie) for m in mentions}


def findings_of(reader: Reader, text: str) -> set[tuple[str, str]]:
    return {(f.entity.curie, f.direction) for f in reader.read(text).findings}


def test_a_process_adjective_names_the_process(lexicon: Lexicon) -> None:
    text = "Stromal cells had pro-angiogenic and immunomodulatory actions in rats."
    found = {(m.text, m.curie, m.match) for m in find_mentions(text, lexicon)}
    assert ("pro-angiogenic", "GO:0001525", "adjective") in found
    assert ("immunomodulatory", "GO:0050776", "adjective") in found


def test_a_process_adjective_is_not_what_a_finding_measures(reader: Reader) -> None:
    findings = findings_of(reader, "The graft raised anti-apoptotic proteins in murine kidneys.")
    assert not {f for f in findings if f[0] == "GO:0006915"}


def test_a_short_word_makes_no_adjective(lexicon: Lexicon) -> None:
    # "cation" ends like "modulation" but is too short to be a process noun
    assert "catory" not in lexicon.forms and "pro catory" not in lexicon.forms
    assert lexicon.forms.get("pro angiogenic") == "GO:0001525"


def test_forms_without_ion_and_assays_named_by_technique(lexicon: Lexicon) -> None:
    text = (
        "Ca2+ overload upset calcium homeo-\nstasis in the graft; under electron micro-\n"
        "scopy the cristae were lost."
    )
    found = spans(find_mentions(text, lexicon))
    assert ("Ca2+", "CHEBI:29108") in found
    assert ("calcium homeostasis", "GO:0055074") in found
    assert ("electron microscopy", "OBI:0001631") in found


def test_a_one_word_technique_names_no_assay(lexicon: Lexicon) -> None:
    found = {m.curie for m in find_mentions("Microscopy of the graft was done.", lexicon)}
    assert "OBI:0002119" not in found


def test_curated_forms_of_processes(lexicon: Lexicon) -> None:
    text = "Nutrient deprivation and cell fusion both lowered tubular reabsorption in mice."
    found = spans(find_mentions(text, lexicon))
    assert {
        ("Nutrient deprivation", "GO:0042594"),
        ("cell fusion", "GO:0140253"),
        ("tubular reabsorption", "GO:0070293"),
    } <= found
