"""Competency questions: the ``.rq`` files, their headers and their parameters.

A competency question is a ``queries/cq/<name>.rq`` file whose header says what it asks and which
parameters it takes::

    # question: Which studies report a given outcome, and in which direction?
    # param: entity iri = CHEBI:15422 -- the measured entity (a CURIE or an IRI)
    # param: n integer = 2 -- the minimum number of studies

A default of ``*`` leaves the variable unbound unless a value is given: the question is then
asked of every value (``conflicting-findings`` lists the disagreements about every entity, or
about the one given).

The questions are plain SPARQL 1.1 (any store answers them the same: ``test_engines``); on
Oxigraph mitoaki sends them as :func:`mitoaki.access.dialects.for_oxigraph` rewrites them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from mitoaki.access.dialects import blank_noise, for_oxigraph
from mitoaki.core.errors import QueryError
from mitoaki.core.paths import QUERIES_DIR

CQ_DIR = QUERIES_DIR / "cq"
HEADER = re.compile(r"^#\s*(question|param|order):\s*(.*)$")
PARAM = re.compile(r"^(\w+)\s+(iri|string|integer|decimal)\s*=\s*(\S+)\s*(?:--\s*(.*))?$")
#: The default of a parameter that stays unbound unless given.
ANY = "*"


@dataclass(frozen=True)
class Param:
    """A parameter of a competency question: name, kind, default and meaning."""

    name: str
    kind: str
    default: str
    description: str = ""


@dataclass(frozen=True)
class Question:
    """A competency question read from its ``.rq`` file."""

    name: str
    question: str
    params: tuple[Param, ...]
    #: the standard SPARQL 1.1 text, as in the file (what another store is sent)
    text: str
    path: Path
    #: the variables of the final ``ORDER BY`` when mitoaki orders the rows (``# order: python``)
    order: tuple[str, ...]
    #: the text sent to Oxigraph: rewritten for it (:func:`~mitoaki.access.dialects.for_oxigraph`),
    #: and
    #: without that ``ORDER BY`` when mitoaki orders the rows
    unordered: str
    #: the text sent to Oxigraph, rewritten for it, its ``ORDER BY`` kept
    oxigraph: str
    #: the variables of :attr:`order` that are ordered by their string (``STR(?x)``)
    by_string: frozenset[str] = frozenset()


#: a query's final ``ORDER BY`` of bare variables and ``STR`` of variables, in a text whose
#: strings, IRIs and comments are blanked out
FINAL_ORDER = re.compile(
    r"\bORDER\s+BY((?:\s+(?:[?$]\w+|STR\s*\(\s*[?$]\w+\s*\)))+)\s*$", re.IGNORECASE
)
_ORDER_KEY = re.compile(r"(STR\s*\(\s*)?[?$](\w+)", re.IGNORECASE)


def read_question(path: Path) -> Question:
    """Parse a competency question's header and keep its text."""
    text = path.read_text(encoding="utf-8")
    question, params, order = "", [], ""
    for line in text.splitlines():
        match = HEADER.match(line.strip())
        if not match:
            continue
        key, value = match.groups()
        if key == "question":
            question = value.strip()
            continue
        if key == "order":
            order = value.strip()
            continue
        param = PARAM.match(value.strip())
        if param is None:
            raise QueryError(f"bad parameter line '{value}'", path=path, rule="cq-header")
        name, kind, default, description = param.groups()
        params.append(Param(name, kind, default, description or ""))
    if not question:
        raise QueryError("no '# question:' header", path=path, rule="cq-header")
    try:
        local = for_oxigraph(text)
    except ValueError as exc:
        raise QueryError(str(exc), path=path, rule="cq-dialect") from exc
    made = Question(path.stem, question, tuple(params), text, path, (), local, local)
    if not order:
        return made
    if order != "python":
        raise QueryError(
            f"'# order: {order}' (the one order is 'python')", path=path, rule="cq-header"
        )
    final = FINAL_ORDER.search(blank_noise(local))
    if final is None:
        raise QueryError(
            "'# order: python' needs the query to end with ORDER BY and bare variables "
            "or STR() of them",
            path=path,
            rule="cq-header",
        )
    keys = _ORDER_KEY.findall(final.group(1))
    return replace(
        made,
        order=tuple(name for _, name in keys),
        unordered=local[: final.start()],
        by_string=frozenset(name for function, name in keys if function),
    )


@lru_cache(maxsize=8)
def questions(folder: Path = CQ_DIR) -> dict[str, Question]:
    """Every competency question, by name (read once per folder)."""
    return {q.name: q for q in (read_question(p) for p in sorted(folder.glob("*.rq")))}


def question(name: str) -> Question:
    """The competency question called ``name`` (an error naming the list if there is none)."""
    found = questions().get(name)
    if found is None:
        raise QueryError(f"unknown question '{name}' (see `mitoaki query --list`)", rule="cq-name")
    return found


def listing(found: Question) -> str:
    """A question's line for ``mitoaki query --list``: name, question, then each parameter.

    >>> print(listing(question("studies-by-species")))  # doctest: +NORMALIZE_WHITESPACE
    studies-by-species	Which studies used models of a given species (or a taxon above it), and which models?
        --param taxon=<iri>  (default: NCBITaxon:10090) an NCBITaxon term (e.g. Mus musculus, or Rodentia)
    """  # noqa: E501
    lines = [f"{found.name}\t{found.question}"]
    for param in found.params:
        default = "every value" if param.default == ANY else param.default
        lines.append(
            f"    --param {param.name}=<{param.kind}>  (default: {default}) {param.description}"
        )
    return "\n".join(line.rstrip() for line in lines)


def describe(found: Question) -> str:
    """Everything about a question: what it asks, its parameters, and its SPARQL text."""
    head = [f"{found.name}: {found.question}", ""]
    if found.params:
        head.append("parameters (--param NAME=VALUE):")
        for param in found.params:
            default = f"{ANY} (unbound: every value)" if param.default == ANY else param.default
            head.append(f"  {param.name} ({param.kind}, default {default}): {param.description}")
    else:
        head.append("parameters: none")
    if found.order:
        head.append("order: rows sorted by mitoaki (# order: python), as ORDER BY says")
    return "\n".join([*head, "", f"SPARQL ({found.path.name}):", "", found.text.rstrip()]) + "\n"
