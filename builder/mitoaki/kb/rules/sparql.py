"""SPARQL building blocks of the rules: ``VALUES`` blocks, the class table, guarded INSERTs.

Superclasses are never materialised. A premise "?x is a C" is matched through the table of
(class, class-or-superclass) pairs from the classification, kept as triples
``?t <SUB_OF> ?c`` in the graph ``TABLES``; a conclusion "?x is a C" is only added when none
of ?x's types is already below C. Only what the rules really add is written (and removed).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from mitoaki.kb.rules.expressions import CHANGES, EDGES, INFERRED, SUB_OF, TABLES, TYPES, nt


def values_block(names: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A SPARQL ``VALUES`` block."""
    body = " ".join(f"({' '.join(row)})" for row in rows)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ {body} }}"


def _below(cls: str, var: str) -> str:
    """Pattern binding ``?var`` to ``cls`` and each class below it (``cls``: a term or ?var)."""
    return f"GRAPH <{TABLES.value}> {{ ?{var} <{SUB_OF.value}> {cls} }}"


def is_in(x: str, cls: str, var: str) -> str:
    """``?x`` (already bound) is in ``cls``: one of its types is ``cls`` or below it.

    The nested ``EXISTS`` make Oxigraph read x's few types first, then look each up in the
    table (left to itself it would enumerate every class below ``cls`` first).
    """
    return f"FILTER EXISTS {{ ?{x} a ?{var} . FILTER EXISTS {{ {_below(cls, var)} }} }}"


def expand_rows(
    rows: Iterable[tuple[str, ...]], column: int, below: Mapping[str, Iterable[str]]
) -> list[tuple[str, ...]]:
    """``rows`` (of terms) with the class IRI in ``column`` replaced by each class below it.

    A rule's join starts from the instances of these classes: as ``VALUES`` rows they are
    scanned first, whatever Oxigraph's optimiser thinks of a join through the table.
    """
    out: list[tuple[str, ...]] = []
    for row in rows:
        for cls in sorted({row[column], *below.get(row[column], ())}):
            out.append((*row[:column], nt(cls), *row[column + 1 :]))
    return out


def distinct_select(variables: str, body: str) -> str:
    """``body`` as a sub-select of distinct ``variables``.

    A domain or range rule finds the same (individual, class) once per edge; deduplicating
    first saves the rule's ``FILTER NOT EXISTS`` per duplicate. The ``LIMIT`` (never reached)
    keeps Oxigraph from moving that filter inside the sub-select.
    """
    return f"{{ SELECT DISTINCT {variables} WHERE {{ {body} }} LIMIT 1000000000000 }}"


def _insert(head: str, body: str, known: str, kind: str) -> str:
    """An INSERT of ``head`` where ``known`` (a pattern) does not hold yet.

    The head is also recorded in the inferred graph (to be removed after) and the rule leaves
    one marker triple of its ``kind`` in ``CHANGES`` when it added anything (cheaper to look at
    than counting).
    """
    marker = f'<{CHANGES.value}> <{CHANGES.value}> "{kind}"'
    return (
        f"DROP SILENT GRAPH <{CHANGES.value}> ; "
        f"INSERT {{ {head} . GRAPH <{INFERRED.value}> {{ {head} }} "
        f"GRAPH <{CHANGES.value}> {{ {marker} }} }} "
        f"WHERE {{ {body} FILTER NOT EXISTS {{ {known} }} }}"
    )


@dataclass(frozen=True)
class Rule:
    """One SPARQL update and what it reads: ``rdf:type`` triples (``TYPES``), other ``EDGES``."""

    update: str
    reads: frozenset[str]


def typing_rule(x: str, cls: str, body: str, *reads: str) -> Rule:
    """A rule concluding that ``?x`` is in ``cls`` (a term or variable), unless already known."""
    known = f"?{x} a ?known . FILTER EXISTS {{ {_below(cls, 'known')} }}"
    return Rule(_insert(f"?{x} a {cls}", body, known, TYPES), frozenset(reads))


def linking_rule(head: str, body: str, *reads: str) -> Rule:
    """A rule concluding a property assertion ``head``."""
    return Rule(_insert(head, body, head, EDGES), frozenset(reads))
