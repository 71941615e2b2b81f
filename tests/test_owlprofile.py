"""The OWL 2 DL profile check (the OWL API in HermiT's jar): the release, the sample, the build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from tests.conftest import MINI_CORPUS, MINI_RECORDS

from mitoaki.build import BuildOptions, BuildReport, build
from mitoaki.core.errors import QualityError, ReasonerError
from mitoaki.core.paths import data_dir
from mitoaki.ontology import owlprofile

XSD = "http://www.w3.org/2001/XMLSchema#"
M = "https://w3id.org/mitoaki/MITOAKI_"
OA = "http://www.w3.org/ns/oa#"


def test_released_products_are_owl2_dl(release: BuildReport) -> None:
    """The released files, whole, as Protégé would open them: no violation."""
    out = release.out
    products = {
        owlprofile.BASE: [out / "mitoaki-base.owl"],
        owlprofile.FULL: [out / "mitoaki-full.owl"],
        owlprofile.FULL_KB: [out / "mitoaki-full.nt", out / "mitoaki-kb.nt"],
    }
    assert owlprofile.check_files(products) == []


def _broken(kb: list[ox.Triple]) -> list[ox.Triple]:
    """The knowledge base broken in each way a triple of it can leave the profile."""
    subjects = sorted({t.subject.value for t in kb if isinstance(t.subject, ox.NamedNode)})
    study = next(s for s in subjects if "/kb/study/" in s)
    finding = next(s for s in subjects if "/kb/finding/" in s)
    position = next(s for s in subjects if s.endswith("/position"))

    def triple(s: str, p: str, o: ox.NamedNode | ox.Literal) -> ox.Triple:
        return ox.Triple(ox.NamedNode(s), ox.NamedNode(p), o)

    return [
        *kb,
        triple(study, f"{M}0000042", ox.Literal("2017", datatype=ox.NamedNode(f"{XSD}gYear"))),
        triple(finding, f"{M}0000042", ox.Literal("1999", datatype=ox.NamedNode(f"{XSD}date"))),
        triple(study, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", ox.NamedNode(f"{M}9")),
        triple(finding, "https://example.org/note", ox.Literal("undeclared")),
        triple(finding, "https://example.org/link", ox.NamedNode(study)),
        triple(position, f"{OA}start", ox.Literal("-1", datatype=ox.NamedNode(f"{XSD}integer"))),
        triple(position, f"{OA}end", ox.Literal("x", datatype=ox.NamedNode(f"{XSD}integer"))),
    ]


def test_sample_gives_the_violations_of_the_whole(release: BuildReport, tmp_path: Path) -> None:
    """What the build reads (a sample of the KB) finds what the whole KB breaks, each of it."""
    kb = list(ox.parse(path=str(release.out / "mitoaki-kb.nt"), format=ox.RdfFormat.N_TRIPLES))
    broken = _broken(kb)
    sample = owlprofile.sample(broken)
    assert len(sample) < len(broken) / 5
    ox.serialize(broken, str(tmp_path / "whole.nt"), format=ox.RdfFormat.N_TRIPLES)
    ox.serialize(sample, str(tmp_path / "sample.nt"), format=ox.RdfFormat.N_TRIPLES)
    full = release.out / "mitoaki-full.nt"
    found = owlprofile.check_files(
        {"whole": [full, tmp_path / "whole.nt"], "sample": [full, tmp_path / "sample.nt"]}
    )
    whole = {(v.kind, v.text) for v in found if v.product == "whole"}
    assert whole == {(v.kind, v.text) for v in found if v.product == "sample"}
    assert {kind for kind, _ in whole} >= {
        "UseOfUnknownDatatype",  # gYear and date: outside the OWL 2 datatype map
        "UseOfUndeclaredClass",
        "UseOfUndeclaredAnnotationProperty",
        "LexicalNotInLexicalSpace",
    }
    texts = " ".join(text for _, text in whole)
    for named in ("XMLSchema#gYear", "XMLSchema#date", f"{M}9", "example.org/note", '"x"'):
        assert named in texts


def test_build_fails_naming_the_violation(tmp_path: Path) -> None:
    """A class that is used and never declared: HermiT takes it, the profile check does not."""
    ontology = tmp_path / "ontology"
    shutil.copytree(data_dir("ontology"), ontology)
    with (ontology / "mitoaki.ttl").open("a", encoding="utf-8") as handle:
        handle.write("\nMITOAKI:0000110 rdfs:subClassOf <https://example.org/Undeclared> .\n")
    options = BuildOptions(
        out=tmp_path / "build",
        ontology_dir=ontology,
        records_dir=MINI_RECORDS,
        corpus_dir=MINI_CORPUS,
    )
    with pytest.raises(QualityError) as caught:
        build(options)
    assert caught.value.rule == "owl2-dl-profile"
    message = str(caught.value)
    assert "mitoaki-base: UseOfUndeclaredClass: Use of undeclared class" in message
    assert "<https://example.org/Undeclared>" in message
    assert not (tmp_path / "build").exists()


def test_a_check_left_unasked_is_stopped_and_cleaned(release: BuildReport) -> None:
    """A build that fails before it asks for the profile's answer leaves no JVM and no files."""
    nt = release.out / "mitoaki-base.nt"
    with owlprofile.Pending({owlprofile.BASE: [nt]}) as pending:
        child, scratch = pending._child, Path(pending._scratch.name)
        assert child.poll() is None and scratch.is_dir()  # started, running on its own
    assert child.returncode is not None  # killed on leaving the block
    assert not scratch.exists()


def test_a_check_that_fails_to_run_says_why(tmp_path: Path) -> None:
    """A file the OWL API cannot read: a ReasonerError with the child's last lines."""
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not RDF <", encoding="utf-8")
    with pytest.raises(ReasonerError) as caught:
        owlprofile.check_files({owlprofile.BASE: [broken]})
    assert caught.value.rule == owlprofile.RULE
    assert "the OWL API's profile check failed to run" in str(caught.value)
