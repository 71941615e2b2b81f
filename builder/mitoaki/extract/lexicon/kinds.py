"""The entity type of each vocabulary term, and the terms too general to name.

Each term has an entity type from its source and, for GO, its branch: ``process`` (GO
biological process), ``component`` (cellular component), ``function`` (molecular function),
``gene``, ``cell``, ``anatomy``, ``chemical``, ``disease``, ``species`` or ``taxon``,
``route`` (an OBI administration or injection), and ``msc_product`` for GO's extracellular
vesicles (``SUBTREE_TYPES``). Obsolete terms, ChEBI roles and groups, MONDO's disease
characteristics and UBERON's taxon-specific terms (``LEFT_OUT``) and OBI terms that are not
routes get none.
"""

from __future__ import annotations

import re
from collections import defaultdict

from mitoaki.extract.lexicon.tables import Entry

PREFIX_TYPES = {
    "HGNC": "gene",
    "CHEBI": "chemical",
    "CL": "cell",
    "UBERON": "anatomy",
    "MONDO": "disease",
    "NCBITaxon": "species",
}
GO_ROOTS = {"GO:0008150": "process", "GO:0005575": "component", "GO:0003674": "function"}
#: Subtrees typed by what they are in this field, not by their vocabulary: extracellular
#: vesicles are what a cell releases, given as a product (exosomes, microvesicles), never a
#: structure of the tissue measured.
SUBTREE_TYPES = {"GO:1903561": "msc_product"}
#: Subtrees that name no entity a text is about: ChEBI's roles, groups, atoms and particles
#: ("inhibitor", "antioxidant" say what a chemical does, not which it is), MONDO's disease
#: characteristics ("rare", "complete").
LEFT_OUT = ("CHEBI:50906", "CHEBI:24433", "CHEBI:33250", "CHEBI:36342", "MONDO:0021125")
#: UBERON's taxon-specific ranges (teleost, amphibian): "tip", "fin".
TAXON_SPECIFIC = re.compile(r"UBERON:[23]\d{6}")
ROUTE = re.compile(r"\b(?:administration|injection|infusion|instillation|implantation)$")
#: A term with this many descendants is too general to propose ("cell", "tissue", "organ").
GENERAL = 1000
#: A species' scientific name ("Sus scrofa"): a taxon above species ("Metazoa", "Rodentia") or a
#: genus names no study species ("animals", "rodents" are taxa of their own type).
BINOMIAL = re.compile(r"[A-Z][a-z]+ [a-z]+(?: [a-z]+)?")


def entity_types(entries: list[Entry]) -> dict[str, str]:
    """The entity type of every term, or none for terms left out (the module docstring)."""
    parents = {e.curie: e.parents for e in entries}
    children: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        for parent in entry.parents:
            children[parent].append(entry.curie)
    left_out: set[str] = set()
    stack = list(LEFT_OUT)
    while stack:
        curie = stack.pop()
        if curie not in left_out:
            left_out.add(curie)
            stack.extend(children.get(curie, ()))
    branch: dict[str, str] = {}

    def go_branch(curie: str) -> str:
        seen, todo = set(), [curie]
        while todo:
            c = todo.pop()
            if c in GO_ROOTS:
                return GO_ROOTS[c]
            if c in branch:
                return branch[c]
            if c not in seen:
                seen.add(c)
                todo.extend(parents.get(c, ()))
        return "other"

    out: dict[str, str] = {}
    for entry in entries:
        prefix = entry.curie.split(":", 1)[0]
        if entry.obsolete or entry.curie in left_out or TAXON_SPECIFIC.fullmatch(entry.curie):
            continue
        if prefix == "GO":
            branch[entry.curie] = kind = go_branch(entry.curie)
            if kind in {"process", "component", "function"}:
                out[entry.curie] = kind
        elif prefix == "OBI":
            if ROUTE.search(entry.label):
                out[entry.curie] = "route"
        elif prefix == "NCBITaxon":
            out[entry.curie] = taxon_type(entry.label)
        elif prefix in PREFIX_TYPES:
            out[entry.curie] = PREFIX_TYPES[prefix]
    for root, kind in SUBTREE_TYPES.items():
        todo = [root]
        while todo:
            curie = todo.pop()
            if curie in out and out[curie] != kind:
                out[curie] = kind
                todo.extend(children.get(curie, ()))
    return out


def taxon_type(label: str) -> str:
    """``species`` for a species' scientific name, else ``taxon``.

    >>> taxon_type("Rattus norvegicus"), taxon_type("Metazoa"), taxon_type("Rattus")
    ('species', 'taxon', 'taxon')
    """
    return "species" if BINOMIAL.fullmatch(label) else "taxon"


def general_terms(entries: list[Entry], limit: int) -> set[str]:
    """Terms with at least ``limit`` named descendants: too general to be what a text names.

    Counted over the is_a (and, in UBERON's table, part_of) parents of the entries; paths are
    counted first (an upper bound, cheap), and exactly only where that bound reaches the limit.
    """
    children: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        if not entry.obsolete:
            for parent in entry.parents:
                children[parent].append(entry.curie)
    paths: dict[str, int] = {}
    visiting: set[str] = set()

    def bound(curie: str) -> int:
        todo = [curie]
        while todo:
            c = todo[-1]
            visiting.add(c)
            pending = [k for k in children.get(c, ()) if k not in paths and k not in visiting]
            if pending:
                todo.extend(pending)
                continue
            todo.pop()
            visiting.discard(c)
            paths[c] = min(limit * 100, sum(1 + paths.get(k, 0) for k in children.get(c, ())))
        return paths[curie]

    out = set()
    for curie in list(children):
        if bound(curie) < limit:
            continue
        seen: set[str] = set()
        todo = [curie]
        while todo and len(seen) < limit:
            for child in children.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        if len(seen) >= limit:
            out.add(curie)
    return out
