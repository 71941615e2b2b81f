"""The shipped queries are plain SPARQL 1.1; this is the one engine-specific form mitoaki uses.

Every query under ``queries/`` (``cq``, ``qc``, ``table``) is standard SPARQL 1.1 and is sent as
written to another store (``mitoaki query --endpoint``, ``test_engines``: Oxigraph, rdflib and
Virtuoso give the same rows). On its own Oxigraph store mitoaki rewrites it where an extension of
Oxigraph's is faster: the group that follows a comment line ::

    # oxigraph: lateral

(a ``{ ... }`` group, or ``OPTIONAL { ... }``) is wrapped in ``LATERAL { ... }`` (SEP-0006), so
that Oxigraph evaluates it once per solution of what comes before it instead of on its own and
joining the two: ``outcome-studies`` at 10k studies takes 25 ms that way and 0.5 s joined
(BENCHMARKS.md). The two forms give the same rows where the group uses the variables it shares
with what comes before it only in its own triple patterns (no FILTER, BIND or subquery reading
an outer variable), as in every marked group; ``test_dialects`` holds them equal on the release.
"""

from __future__ import annotations

import re

#: the comment line that marks a group to evaluate per solution on Oxigraph
LATERAL_MARK = re.compile(r"^[ \t]*#[ \t]*oxigraph:[ \t]*lateral\b[^\n]*\n", re.MULTILINE)

#: strings, IRIs and comments of a SPARQL text
LEXICAL_NOISE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*"
)
_ELEMENT_START = re.compile(r"\s*(?:OPTIONAL\s*)?\{", re.IGNORECASE)


def blank_noise(text: str) -> str:
    """The text with its strings, IRIs and comments blanked out (the same length, so offsets hold).

    >>> text = 'SELECT ?x WHERE { ?x ?p "ORDER BY ?x" } # ORDER BY ?y'
    >>> blank_noise(text).split(), len(blank_noise(text)) == len(text)
    (['SELECT', '?x', 'WHERE', '{', '?x', '?p', '}'], True)
    """
    return LEXICAL_NOISE.sub(lambda m: " " * len(m.group()), text)


def for_oxigraph(text: str) -> str:
    r"""The query as mitoaki sends it to Oxigraph: each marked group inside ``LATERAL { }``.

    Raises :class:`ValueError` when a mark stands before anything but a group or an OPTIONAL.

    >>> print(for_oxigraph("SELECT * WHERE { ?a ?p ?b\n  # oxigraph: lateral\n"
    ...                    "  OPTIONAL { ?b ?q ?c } }"))
    SELECT * WHERE { ?a ?p ?b
      LATERAL { OPTIONAL { ?b ?q ?c } } }
    """
    blank = blank_noise(text)
    out: list[str] = []
    start = 0
    for mark in LATERAL_MARK.finditer(text):
        begin, end = _element(blank, mark.end())
        out += [text[start : mark.start()], text[mark.end() : begin]]
        out += ["LATERAL { ", text[begin:end], " }"]
        start = end
    out.append(text[start:])
    return "".join(out)


def _element(blank: str, position: int) -> tuple[int, int]:
    """Where the group (or OPTIONAL and its group) after ``position`` begins and ends."""
    found = _ELEMENT_START.match(blank, position)
    if found is None:
        line = blank.count("\n", 0, position)
        raise ValueError(f"'# oxigraph: lateral' on line {line} is not before a group")
    begin = found.start() + len(found.group()) - len(found.group().lstrip())
    depth = 0
    for index in range(found.end() - 1, len(blank)):
        depth += {"{": 1, "}": -1}.get(blank[index], 0)
        if depth == 0:
            return begin, index + 1
    raise ValueError("'# oxigraph: lateral' before a group that is never closed")
