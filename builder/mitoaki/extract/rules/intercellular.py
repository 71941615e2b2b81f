"""Transport between cells: the intercellular sense of an organelle's transport.

GO's "mitochondrial transport" is the movement of substances into, out of or within a
mitochondrion. A text saying that "mitochondrial transport" went on *between* cells ("between
MSCs and tubular cells"), or calling it "mitochondrial intercellular transport", means whole
mitochondria moving from one cell into another: the term the lexicon names "intercellular
mitochondrial transport". Where the lexicon has such a term, the mention takes it (and, for
"X intercellular transport", spans the modifier too); elsewhere nothing changes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from mitoaki.core.textnorm import NormalisedText
from mitoaki.extract.mentions import Mention

INTERCELLULAR = "intercellular "
MOVING = re.compile(r"(?:transport|transfer)s?$")
#: "between" before a cell, in the clause after the mention ("was observed in two directions
#: between MSCs and tubular cells").
BETWEEN = re.compile(r"[^.;:]{0,80}?\bbetween\b", re.IGNORECASE)
#: The modifier before "intercellular transport" ("mitochondrial intercellular transport").
MODIFIER = re.compile(r"([A-Za-z]+)\s+$")
CELLS = frozenset({"cell", "msc"})


def _between_cells(document: NormalisedText, end: int, mentions: Sequence[Mention]) -> bool:
    """Whether "between" and then a cell follow ``end`` in its clause."""
    said = BETWEEN.match(document.text, end)
    if said is None:
        return False
    return any(m.type in CELLS and said.end() <= m.norm_start <= said.end() + 60 for m in mentions)


def intercellular(
    document: NormalisedText,
    mentions: Sequence[Mention],
    forms: Mapping[str, str],
    labels: Mapping[str, str],
    types: Mapping[str, str],
) -> list[Mention]:
    """The mentions, an organelle's transport said between cells taking the intercellular term.

    A mention "X transport" followed by "between" and a cell, and a mention "intercellular
    transport" after a modifier X, take the term of "intercellular X transport" where the
    lexicon names one.
    """
    out: list[Mention] = []
    for m in mentions:
        said = m.text.lower()
        start, form = m.norm_start, ""
        if MOVING.search(said) and not said.startswith(INTERCELLULAR):
            if _between_cells(document, m.norm_end, mentions):
                form = INTERCELLULAR + said
        elif said.startswith(INTERCELLULAR) and MOVING.search(said):
            before = MODIFIER.search(document.text, max(0, start - 40), start)
            if before is not None:
                form = f"{INTERCELLULAR}{before.group(1).lower()} {said[len(INTERCELLULAR) :]}"
                start = before.start(1)
        curie = forms.get(form) if form else None
        if curie is None or curie == m.curie:
            out.append(m)
            continue
        out.append(
            Mention.of_span(
                document,
                start,
                m.norm_end,
                curie=curie,
                label=labels.get(curie, form),
                type=types.get(curie, m.type),
                match=m.match,
                score=m.score,
            )
        )
    return out
