"""The curated records: integrity, anchors, coverage of the documents, and the README counts."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from mitoaki.anchors import read_document
from mitoaki.build import BuildReport
from mitoaki.loader import load_records
from mitoaki.paths import data_dir
from mitoaki.records import KINDS
from mitoaki.store import open_release
from mitoaki.table import table_rows

RECORDS = data_dir("ontology") / "records"
README = RECORDS / "README.md"


def counts() -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {}
    for item in load_records(RECORDS):
        out[item.path.name] = Counter({kind: len(getattr(item.records, kind)) for kind in KINDS})
    return out


def counts_table() -> str:
    per_file = counts()
    names = sorted(per_file)
    lines = [
        "| kind | " + " | ".join(names) + " | total |",
        "| --- |" + " --- |" * (len(names) + 1),
    ]
    for kind in KINDS:
        row = [per_file[n][kind] for n in names]
        lines.append(f"| {kind} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    return "\n".join(lines)


def test_records_readme_counts_are_current() -> None:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- counts:start -->\n(.*?)\n?<!-- counts:end -->", text, re.S)
    assert block is not None
    assert block.group(1).strip() == counts_table(), (
        "ontology/records/README.md counts are stale; paste:\n" + counts_table()
    )


def test_release_resolves_every_anchor(release: BuildReport, shared: Path) -> None:
    assert release.counts["anchors resolved"] == release.counts["records"]


def test_every_document_is_curated(shared: Path) -> None:
    files = {item.records.document.file for item in load_records(RECORDS)}
    corpus = {p.name for p in (shared / "corpus").glob("*.txt")}
    assert files == corpus


# --- Table 1 of the review, parsed from the corpus and compared with the regenerated table ---

SPECIES = {"Mice": "NCBITaxon_10090", "Rats": "NCBITaxon_10116"}
# each outcome phrase of the document's Table 1 -> the term the graph must carry
OUTCOMES = {
    "atp": "CHEBI_15422",
    "activation of pi3k/akt pathway": "GO_0043491",
    "ros": "CHEBI_26523",
    "mitochondrial-apoptosis related proteins": "MITOAKI_0000509",
    "cell apoptosis": "GO_0006915",
    "activation of mitochondrial apoptosis signaling": "GO_0097193",
    "mda": "CHEBI_566274",
    "pgc-1α": "HGNC/9237",
    "activation of wnt/β-catenin pathway": "GO_0060070",
    "mir-30": "MITOAKI_0000508",
    "mitochondrial fission": "GO_0000266",
    "nad+": "CHEBI_15846",
    "sirt3": "HGNC/14931",
    "mitochondrial exchange": "MITOAKI_0000102",
    "mitochondrial shape": "MITOAKI_0000131",
    "density": "MITOAKI_0000132",
    "mass": "MITOAKI_0000133",
}
ROW = re.compile(
    r"((?:19|20)\d\d) (Mice|Rats) (Glycerol|Cisplatin|I/R) (Bone marrow|Umbilical cord|"
    r"Wharton Jelly) (.*?) (\w+) et al\. \[(\d+)\]"
)


def short(iri: str) -> str:
    """``CHEBI_15422`` for an OBO PURL, ``MITOAKI_0000102`` for ours, ``HGNC/9237`` for HGNC."""
    local = iri.rsplit("/", 1)[1]
    return f"HGNC/{local}" if "identifiers.org/hgnc/" in iri else local


def document_table(corpus: Path) -> list[tuple[str, str, int, set[tuple[str, str]]]]:
    text = read_document(corpus / "000_9e16bc4b4ce19214.txt").text
    rows = []
    for year, animal, _model, _source, cell, _author, ref in ROW.findall(text):
        outcomes: set[tuple[str, str]] = set()
        for arrow, phrase in re.findall(r"([↑↓])([^↑↓,;]+)", cell):
            direction = "increased" if arrow == "↑" else "decreased"
            outcomes.add((OUTCOMES[phrase.strip().lower()], direction))
        normalised = re.search(r"Normalized (.*)$", cell)
        if normalised:
            for phrase in re.split(r", | and ", normalised.group(1)):
                outcomes.add((OUTCOMES[phrase.strip().lower()], "normalised"))
        rows.append((year, SPECIES[animal], int(ref), outcomes))
    return rows


def test_document_table_parses_five_rows(shared: Path) -> None:
    rows = document_table(shared / "corpus")
    assert [r[2] for r in rows] == [64, 65, 66, 68, 70]
    assert sum(len(r[3]) for r in rows) == 22


def test_regenerated_table_equals_the_document(release: BuildReport, shared: Path) -> None:
    expected = document_table(shared / "corpus")
    generated = table_rows(open_release(release.out))
    assert len(generated) == len(expected)
    for row, (year, species, ref, outcomes) in zip(generated, expected, strict=True):
        assert (row.year, row.ref) == (year, ref)
        assert row.species.endswith(species)
        assert {(short(entity), direction) for entity, _, direction in row.outcomes} == outcomes


@pytest.mark.parametrize(
    ("row", "model", "source"),
    [
        (1, "glycerol-induced rhabdomyolysis", "bone marrow"),
        (2, "cisplatin exposure", "umbilical cord"),
        (3, "cisplatin exposure", "bone marrow"),
        (4, "renal ischemia/reperfusion", "mesenchyme of umbilical cord"),
        (5, "cisplatin exposure", "umbilical cord"),
    ],
)
def test_regenerated_table_models_and_sources(
    release: BuildReport, row: int, model: str, source: str
) -> None:
    generated = {r.row: r for r in table_rows(open_release(release.out))}
    assert (generated[row].model, generated[row].source) == (model, source)
