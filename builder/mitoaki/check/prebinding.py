"""SPARQL that SHACL's pre-binding forbids (SHACL 5.3.1), found in a shapes graph.

A SPARQL-based constraint or validator may not use ``MINUS``, ``SERVICE`` or ``VALUES``, re-bind a
pre-bound variable, or hold a subquery that does not return ``$this``: such shapes are a failure.
The ``shacl`` and ``shacl-rust`` packages accept some of them (W3C unsupported-sparql-002, -004,
-006), so :mod:`mitoaki.check.engines` asks here first. rdflib's SPARQL parser reads the queries.
"""

from __future__ import annotations

from rdflib import Graph
from rdflib.term import Node

from mitoaki.core.namespaces import SH

#: Variables SHACL pre-binds in every SPARQL-based constraint and validator.
_PRE_BOUND = ("this", "shapesGraph", "currentShape")
#: SPARQL algebra (rdflib's parse tree) that pre-binding forbids (SHACL 5.3.1).
_FORBIDDEN = {
    "MinusGraphPattern": "MINUS",
    "ServiceGraphPattern": "SERVICE",
    "InlineData": "VALUES",
    "ValuesClause": "VALUES",
}


def _prebinding_error(query: str, bound: set[str]) -> str | None:
    """What a SPARQL query does that SHACL's pre-binding forbids (SHACL 5.3.1), if anything."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        pending: list[object] = [parseQuery(query)]
    except Exception as error:  # pyparsing's errors share no useful base
        return f"the SPARQL query does not parse: {error}"
    while pending:
        node = pending.pop()
        if isinstance(node, CompValue):
            if node.name in _FORBIDDEN:
                return f"{_FORBIDDEN[node.name]} cannot be combined with SHACL pre-binding"
            if node.name == "Bind" and str(node.get("var")) in bound:
                return f"?{node.get('var')} is pre-bound and cannot be re-bound (BIND ... AS)"
            if node.name == "SubSelect":
                projection = node.get("projection") or ()  # empty for SELECT *
                projected = {str(v.get("var")) for v in projection if isinstance(v, CompValue)}
                if "this" not in projected:
                    return "a subquery must return $this (SHACL pre-binding)"
            pending.extend(node.values())
        elif isinstance(node, list | tuple | ParseResults):
            pending.extend(node)
    return None


def prebinding_error(shapes: Graph) -> str | None:
    """The first SPARQL query of ``shapes`` that pre-binding forbids, and why (or None).

    The specification makes such shapes a failure; the Rust engines catch some of it only
    (``tests/test_w3c_shacl.py``), so :mod:`mitoaki.check.engines` checks before they run.
    """
    queries: list[tuple[Node, set[str]]] = [
        (q, set(_PRE_BOUND))
        for c in shapes.objects(None, SH.sparql)
        for q in shapes.objects(c, SH.select)
    ]
    for kind in (SH.validator, SH.nodeValidator, SH.propertyValidator):
        for component, validator in shapes.subject_objects(kind):
            parameters = {
                str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
                for parameter in shapes.objects(component, SH.parameter)
                for path in shapes.objects(parameter, SH.path)
            }
            bound = set(_PRE_BOUND) | parameters
            queries += [(q, bound) for q in shapes.objects(validator, SH.select)]
            queries += [(q, bound | {"value"}) for q in shapes.objects(validator, SH.ask)]
    for query, bound in sorted(queries, key=lambda item: str(item[0])):
        error = _prebinding_error(str(query), bound)
        if error is not None:
            return error
    return None
