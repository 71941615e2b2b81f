"""The project's terms by name (issue 24): each name in ``core/vocab.py`` is its term's label.

A name is the ``rdfs:label`` of its term in ``ontology/mitoaki.ttl`` in upper snake case; every
``MITOAKI`` term the package mentions (in code, SPARQL files and tables) is declared there; and
outside ``core/vocab.py`` no code spells a term by its number in an IRI.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

import mitoaki
from mitoaki.core import vocab
from mitoaki.core.namespaces import MITOAKI

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(mitoaki.__file__).parent
#: A term mentioned by number: as an IRI or CURIE, or (the opaque forms) ``{M}nnnnnnn`` and
#: ``M["nnnnnnn"]``.
MENTION = re.compile(r"MITOAKI[_:](\d{7})")
OPAQUE = re.compile(r"""(MITOAKI_|\{M\}|M\[["'])\d{7}""")


def _snake(label: str) -> str:
    """A label in upper snake case: ``has measured entity`` -> ``HAS_MEASURED_ENTITY``.

    >>> _snake("MSC paracrine/endocrine action"), _snake("post-injury intervention")
    ('MSC_PARACRINE_ENDOCRINE_ACTION', 'POST_INJURY_INTERVENTION')
    """
    return re.sub(r"[^A-Za-z0-9]+", "_", label).strip("_").upper()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "mitoaki.ttl", format="turtle")


def _names() -> dict[str, ox.NamedNode]:
    return {n: v for n, v in vars(vocab).items() if isinstance(v, ox.NamedNode)}


def test_every_name_is_its_terms_label(ontology: Graph) -> None:
    wrong = []
    for name, node in _names().items():
        labels = [str(label) for label in ontology.objects(URIRef(node.value), RDFS.label)]
        if [_snake(label) for label in labels] != [name]:
            wrong.append(f"{name} = {node.value}: labels {labels}")
    assert wrong == []


def test_one_name_per_term() -> None:
    names = _names()
    assert len({node.value for node in names.values()}) == len(names)
    assert all(node.value.startswith(str(MITOAKI)) for node in names.values())
    assert len(names) > 80  # the properties, classes and values the knowledge base writes


def test_every_term_the_package_mentions_is_declared(ontology: Graph) -> None:
    declared = {str(s) for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef)}
    mentioned: dict[str, set[str]] = {}
    for node in _names().values():
        mentioned.setdefault(node.value, set()).add("core/vocab.py")
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix not in {".py", ".rq", ".tsv"}:
            continue
        for number in MENTION.findall(path.read_text(encoding="utf-8")):
            where = path.relative_to(PACKAGE).as_posix()
            mentioned.setdefault(f"{MITOAKI}{number}", set()).add(where)
    assert len(mentioned) > 80
    assert {iri: sorted(files) for iri, files in mentioned.items() if iri not in declared} == {}


def test_no_code_spells_a_term_by_number() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "core" / "vocab.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if OPAQUE.search(line) and ">>>" not in line:
                found.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert found == []


def test_a_wrong_name_or_an_undeclared_term_would_be_caught(ontology: Graph) -> None:
    """The checks can fail: a name off its label, a number the ontology does not declare."""
    label = ontology.value(URIRef(vocab.HAS_MEASURED_ENTITY.value), RDFS.label)
    assert label is not None and _snake(str(label)) != "HAS_ENTITY"
    assert (URIRef(f"{MITOAKI}0009999"), None, None) not in ontology
    assert OPAQUE.search('self.add(node, M["0000008"], x)')
    assert OPAQUE.search('f"<{M}0000700>"') and not OPAQUE.search('"MITOAKI:0000700"')
