"""Entity mentions in short texts written for the tests (not from the seed documents)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mitoaki.cli import app
from mitoaki.extract.mentions import Lexicon, find_mentions
from mitoaki.ontology import load_tbox

TEXT = (
    "Adipose-derived cells were given to murine kidneys. Extracellular vesicles (EVs) from\n"
    "human bone marrow lowered mitochondrial fs-\nsion after ischemia/reperfusion (I/R), and\n"
    "PGC\u20111\u03b1 rose while malondialdehyde fell in rats; cytochrome c release did not change."
)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.from_graph(load_tbox().merged())


def test_mentions_are_grounded_with_raw_offsets(lexicon: Lexicon) -> None:
    found = {(m.text, m.curie) for m in find_mentions(TEXT, lexicon)}
    assert {
        ("murine", "NCBITaxon:10090"),
        ("rats", "NCBITaxon:10116"),
        ("human", "NCBITaxon:9606"),
        ("bone marrow", "UBERON:0002371"),
        ("mitochondrial fission", "GO:0000266"),
        ("PGC-1α", "HGNC:9237"),
        ("malondialdehyde", "CHEBI:566274"),
        ("EVs", "GO:1903561"),
        ("I/R", "MITOAKI:0000210"),
    } <= found
    fission = next(m for m in find_mentions(TEXT, lexicon) if m.curie == "GO:0000266")
    assert TEXT[fission.start : fission.end] == "mitochondrial fs-\nsion"
    assert fission.sentence.startswith("Extracellular vesicles (EVs)")


def test_an_abbreviation_defined_in_the_text_is_learned(lexicon: Lexicon) -> None:
    text = "We measured mitochondrial permeability transition (MPTx) twice; MPTx rose."
    found = [(m.text, m.curie) for m in find_mentions(text, lexicon)]
    assert ("MPTx", "MITOAKI:0000101") in found and found.count(("MPTx", "MITOAKI:0000101")) == 2


def test_words_inside_other_words_are_not_mentions(lexicon: Lexicon) -> None:
    assert not [
        m
        for m in find_mentions("Caterpillars and ROSE gardens.", lexicon)
        if m.curie in {"NCBITaxon:10116", "CHEBI:26523"}
    ]


def test_cli_prints_jsonl(tmp_path: Path) -> None:
    document = tmp_path / "note.txt"
    document.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(document)])
    assert result.exit_code == 0
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(
        o["kind"] == "mention" and {"text", "start", "end", "sentence", "curie", "label"} <= set(o)
        for o in objects
    )
    assert {"curie": "GO:0000266"}.items() <= next(
        o for o in objects if o["curie"] == "GO:0000266"
    ).items()
    missing = CliRunner().invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 1 and "corpus file not found" in missing.output
