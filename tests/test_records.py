"""The curated records: integrity, anchors, coverage of the documents, and the README counts."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from mitoaki.access.store import open_release
from mitoaki.access.table import table_rows
from mitoaki.build import BuildReport
from mitoaki.core.namespaces import compress, expand
from mitoaki.core.paths import data_dir
from mitoaki.records.anchors import read_document
from mitoaki.records.loader import load_records
from mitoaki.records.schema import KINDS

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


# --- Corrections of an audit against the documents (issue 23): each fact as the KB states it ---

KB = "https://w3id.org/mitoaki/kb/"


@pytest.fixture(scope="module")
def kb(release: BuildReport) -> ox.Store:
    return open_release(release.out)


def values(store: ox.Store, kind: str, key: str, predicate: str) -> set[str]:
    """The values of one predicate of a record: IRIs as CURIEs, literals as their text."""
    found = store.quads_for_pattern(
        ox.NamedNode(f"{KB}{kind}/{key}"), ox.NamedNode(expand(predicate)), None, None
    )
    return {
        compress(q.object.value) if isinstance(q.object, ox.NamedNode) else q.object.value
        for q in found
    }


def statement(store: ox.Store, key: str) -> tuple[str, str, str]:
    """(subject, relation, object) of a mechanism statement."""
    subject, relation, obj = (
        values(store, "statement", key, f"MITOAKI:{p}") for p in ("0000012", "0000052", "0000013")
    )
    assert len(subject) == len(relation) == len(obj) == 1, key
    return subject.pop(), relation.pop(), obj.pop()


def inferred(store: ox.Store, kind: str, key: str) -> set[str]:
    """The fields of a record marked as curator inference (ECO:0000305)."""
    found = store.query(
        f"SELECT ?field WHERE {{ <{KB}{kind}/{key}> <{expand('MITOAKI:0000059')}> ?inference . "
        f"?inference a <{expand('ECO:0000305')}> ; <{expand('MITOAKI:0000060')}> ?field }}"
    )
    assert isinstance(found, ox.QuerySolutions)
    return {row["field"].value for row in found}


@pytest.mark.parametrize(
    ("key", "triple"),
    [
        # the networks were found to exist in cisplatin-injured mice: no direction, no MSC effect
        ("perico-2017-microtubule-networks", ("GO:0005874", "RO:0001025", "MITOAKI:0000221")),
        # as worded: chloroquine blocking revealed that autophagy exacerbated the injury
        ("ref53-tubular-damage", ("GO:0006914", "RO:0002304", "MITOAKI:0000137")),
        ("ref53-renal-function", ("GO:0006914", "RO:0002305", "MITOAKI:0000135")),
        # dysregulated autophagy is common in these diseases: a correlation, not a cause
        ("autophagy-dysregulation-cardiomyopathy", ("GO:0006914", "RO:0003308", "MONDO:0004994")),
        ("autophagy-dysregulation-crohn", ("GO:0006914", "RO:0003308", "MONDO:0005011")),
        (
            "autophagy-dysregulation-neurodegeneration",
            ("GO:0006914", "RO:0003308", "MONDO:0005559"),
        ),
        # controlled renal ischaemia in patients, not AKI
        ("swollen-mito-partial-nephrectomy", ("MITOAKI:0000121", "RO:0000052", "UBERON:0002113")),
        ("autophagy-partial-nephrectomy", ("GO:0005776", "RO:0001025", "UBERON:0002113")),
        # "necrosis" is cell death (GO), not acute tubular necrosis
        ("ros-burst-necrosis", ("MITOAKI:0000129", "RO:0002304", "GO:0008219")),
        # a baseline of 18 % shows the cells exchange mitochondria; it is not a finding
        ("perico-2017-rptec-baseline-transfer", ("CL:0002306", "RO:0002215", "MITOAKI:0000102")),
        ("ref36-superoxide-normal-oxphos", ("GO:0006119", "RO:0002234", "CHEBI:18421")),
    ],
)
def test_corrected_statements(kb: ox.Store, key: str, triple: tuple[str, str, str]) -> None:
    assert statement(kb, key) == triple
    assert not values(kb, "finding", key, "rdf:type"), f"{key} is no longer a finding"


def test_partial_nephrectomy_is_not_recorded_as_aki(kb: ox.Store) -> None:
    for key in ("swollen-mito-partial-nephrectomy", "autophagy-partial-nephrectomy"):
        assert "MONDO:0002492" not in set(statement(kb, key))
        assert values(kb, "statement", key, "MITOAKI:0000014") == {
            "MITOAKI:0000226",  # partial nephrectomy
            "NCBITaxon:9606",  # patients
        }


@pytest.mark.parametrize(
    ("key", "frequency"),
    [
        ("msc-trans-differentiation-rare-in-kidney", "very rare"),  # the point is its rarity
        ("autophagy-dysregulation-crohn", "very common"),
    ],
)
def test_stated_frequency(kb: ox.Store, key: str, frequency: str) -> None:
    assert values(kb, "statement", key, "MITOAKI:0000061") == {frequency}


@pytest.mark.parametrize(
    "key", ["geng-2017-renal-injury", "gu-2016-renal-injury", "perico-2017-renal-injury"]
)
def test_renal_injury_is_the_aki_of_the_model_not_tubular_damage(kb: ox.Store, key: str) -> None:
    assert values(kb, "finding", key, "MITOAKI:0000008") == {"MONDO:0002492"}
    assert values(kb, "finding", key, "MITOAKI:0000009") == {"MITOAKI:0000710"}  # decreased


def test_a_baseline_is_the_comparator_of_the_value_it_is_compared_with(kb: ox.Store) -> None:
    key = "perico-2017-rptec-cisplatin-transfer"
    assert values(kb, "finding", key, "MITOAKI:0000043") == {"4.1"}
    assert values(kb, "finding", key, "MITOAKI:0000058") == {"18"}
    assert values(kb, "finding", "perico-2017-rptec-msc-transfer", "MITOAKI:0000058") == {"4.1"}


@pytest.mark.parametrize(
    "key",
    ["ref47-mfn2", "ref36-superoxide", "ref34-ricksten", "ref55-rapamycin", "ref81-cell-tracking"],
)
def test_a_design_the_review_does_not_state_is_not_recorded(kb: ox.Store, key: str) -> None:
    assert values(kb, "study", key, "rdf:type") == {"OBI:0000066"}  # an investigation, no design


@pytest.mark.parametrize("key", ["ref48-opa1-proteolysis-suppression", "ref47-mfn2-deficiency"])
def test_a_means_the_review_does_not_state_is_not_recorded(kb: ox.Store, key: str) -> None:
    types = values(kb, "intervention", key, "rdf:type")
    assert "MITOAKI:0000410" not in types  # not a gene knockout intervention
    assert types == {"MITOAKI:0000400"}


@pytest.mark.parametrize(
    ("kind", "key", "fields"),
    [
        ("model", "perico-2017-rptec", {"species"}),  # RPTECs of an unnamed species
        ("model", "perico-2017-rptec-cisplatin", {"species"}),
        ("model", "ref53-cisplatin", {"species", "system"}),
        ("intervention", "perico-2017-msc-in-vitro", {"agent", "source_tissue"}),  # 'MSCs'
        ("intervention", "gu-2016-hwjmsc-ev", {"donor"}),  # xenogeneic: human cells in rats
        ("study", "ref53-chloroquine", {"designs"}),
        ("finding", "perico-2017-rptec-cisplatin-transfer", set()),
    ],
)
def test_curator_inference_is_marked(kb: ox.Store, kind: str, key: str, fields: set[str]) -> None:
    assert inferred(kb, kind, key) == fields


def test_rptec_species_is_not_stated_as_human(kb: ox.Store) -> None:
    for key in ("perico-2017-rptec", "perico-2017-rptec-cisplatin"):
        assert values(kb, "model", key, "RO:0002162") == {"NCBITaxon:40674"}  # Mammalia


@pytest.mark.parametrize(
    ("key", "triple"),
    [
        ("mito-cell-proliferation", ("GO:0005739", "RO:0002215", "GO:0008283")),
        ("mito-distribution-energy-demand", ("GO:0046034", "RO:0002211", "GO:0048311")),
        ("mito-density-energy-demand", ("GO:0046034", "RO:0002411", "MITOAKI:0000132")),
        ("kidney-atp-expenditure-share", ("GO:0046034", "BFO:0000066", "UBERON:0002113")),
        ("mito-changes-precede-aki", ("MITOAKI:0000120", "BFO:0000063", "MONDO:0002492")),
        ("biogenesis-replaces-eliminated-mito", ("MITOAKI:0000100", "RO:0002234", "GO:0005739")),
        ("fission-inhibition-therapeutic-target", ("GO:0090258", "RO:0003307", "MONDO:0002492")),
        (
            "homing-explains-conflicting-route-results",
            ("MITOAKI:0000334", "RO:0002411", "MITOAKI:0000135"),
        ),
        ("msc-easy-isolation", ("OBI:0000512", "RO:0000057", "CL:0000134")),  # document 001
    ],
)
def test_claims_the_audit_found_missing(
    kb: ox.Store, key: str, triple: tuple[str, str, str]
) -> None:
    assert statement(kb, key) == triple


@pytest.mark.parametrize(
    ("key", "concern_type"),
    [
        ("concern-aki-health-care-burden", "MITOAKI:0000871"),
        ("concern-translational-gap", "MITOAKI:0000872"),
    ],
)
def test_concerns_the_audit_found_missing(kb: ox.Store, key: str, concern_type: str) -> None:
    assert concern_type in values(kb, "concern", key, "rdf:type")
