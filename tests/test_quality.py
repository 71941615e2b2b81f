"""Each *-violation check returns no rows on the real ontology and fires on a crafted bad one."""

from __future__ import annotations

import pytest
from rdflib import Graph

from mitoaki.core.errors import QualityError
from mitoaki.ontology.quality import checks, enforce, run_checks, to_store

PREFIXES = """
@prefix MITOAKI: <https://w3id.org/mitoaki/MITOAKI_> .
@prefix GO: <http://purl.obolibrary.org/obo/GO_> .
@prefix IAO: <http://purl.obolibrary.org/obo/IAO_> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
GO:0008150 a owl:Class ; rdfs:label "biological_process" .
IAO:0000115 a owl:AnnotationProperty ; rdfs:label "definition" .
"""
GOOD = (
    'MITOAKI:9000001 a owl:Class ; rdfs:label "a" ; IAO:0000115 "d." ; rdfs:subClassOf GO:0008150 .'
)

# check name -> Turtle that must make exactly that check fire on MITOAKI:9000002
BAD = {
    "missing-label-violation": 'MITOAKI:9000002 a owl:Class ; IAO:0000115 "d." ; '
    "rdfs:subClassOf GO:0008150 .",
    "missing-definition-violation": 'MITOAKI:9000002 a owl:Class ; rdfs:label "b" ; '
    "rdfs:subClassOf GO:0008150 .",
    "duplicate-label-violation": 'MITOAKI:9000002 a owl:Class ; rdfs:label "A" ; '
    'IAO:0000115 "d." ; rdfs:subClassOf GO:0008150 .',
    "orphan-class-violation": 'MITOAKI:9000002 a owl:Class ; rdfs:label "b" ; IAO:0000115 "d." .',
    "external-term-violation": 'MITOAKI:9000002 a owl:Class ; rdfs:label "b" ; '
    'IAO:0000115 "d." ; rdfs:subClassOf GO:0000266 .',
    "property-domain-range-violation": 'MITOAKI:9000002 a owl:ObjectProperty ; rdfs:label "p" ; '
    'IAO:0000115 "d." ; rdfs:domain GO:0008150 .',
}


def graph_of(body: str) -> Graph:
    return Graph().parse(data=PREFIXES + GOOD + "\n" + body, format="turtle")


def test_every_check_has_a_failing_fixture() -> None:
    assert {q.name.removesuffix(".rq") for q in checks()} == set(BAD)


@pytest.mark.parametrize("check", sorted(BAD))
def test_check_fires_on_its_fixture_only(check: str) -> None:
    found = run_checks(to_store(graph_of(BAD[check])))
    fired = {(v.check, v.entity.rsplit("_", 1)[-1]) for v in found}
    if check == "external-term-violation":
        assert fired == {(check, "0000266")}
    else:
        assert (check, "9000002") in fired
        assert {c for c, _ in fired} == {check}


def test_good_fixture_passes() -> None:
    assert run_checks(to_store(graph_of(""))) == []


def test_enforce_names_the_check_and_entity() -> None:
    with pytest.raises(QualityError, match=r"missing-definition-violation.*MITOAKI_9000002"):
        enforce(to_store(graph_of(BAD["missing-definition-violation"])))


def test_real_full_release_has_no_violations(release) -> None:  # type: ignore[no-untyped-def]
    full = Graph().parse(release.out / "mitoaki-full.ttl")
    assert run_checks(to_store(full)) == []
