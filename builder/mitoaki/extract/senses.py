"""The disease sense of an insult: a term that names both an AKI insult and a disease.

The ontology marks an insult class whose name is also a disease's with ``skos:closeMatch``
(sepsis the insult and sepsis the disease, renal ischemia/reperfusion and ischemia
reperfusion injury). A mention is the insult by default: it is how the texts name what starts
AKI or induces a model. It is the disease where the context makes it one: a member of a list
whose other members are mostly diseases, two at least ("cancer, sepsis and diabetes"), or the
object of a verb of treating ("to treat renal X"): one treats or manages a disease, not the
procedure or exposure that induces a model.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mitoaki.extract.coordination import SEPARATOR, Candidate

#: A verb or noun of treating, then at most a determiner and one modifier (no preposition:
#: "treated with X", "treated after X" name what was given or when), before the mention.
TREATED = re.compile(
    r"\b(?:manag(?:e|es|ed|ing|ement of)|treat(?:s|ed|ing|ment of)?|therapy (?:for|of)|cure)"
    r"(?: (?:the|a|an))?"
    r"(?: (?!(?:with|by|after|before|during|in|of|to|for|from|at|on|via)\b)[a-z]+)? $",
    re.IGNORECASE,
)
#: Nouns that make the mention a modifier of a model ("X rats", "X model"): never a disease.
MODEL_NOUNS = re.compile(r" (?:models?|rats?|mice|mouse|animals?|AKI|kidneys?|groups?)\b")


def _list_neighbours(text: str, chosen: list[Candidate], i: int) -> list[Candidate]:
    """The other members of the list the i-th mention belongs to (mentions parted by separators)."""
    out = []
    j = i - 1
    while j >= 0 and SEPARATOR.match(text[chosen[j][1] : chosen[j + 1][0]]):
        out.append(chosen[j])
        j -= 1
    j = i + 1
    while j < len(chosen) and SEPARATOR.match(text[chosen[j - 1][1] : chosen[j][0]]):
        out.append(chosen[j])
        j += 1
    return out


def disease_senses(
    text: str,
    chosen: list[Candidate],
    diseases: dict[str, str],
    type_of: Callable[[str], str],
) -> list[Candidate]:
    """``chosen`` (in text order) with each insult that context makes a disease regrounded.

    ``diseases`` maps an insult to the disease it closely matches.
    """
    out = list(chosen)
    for i, (start, end, curie, how, score) in enumerate(chosen):
        disease = diseases.get(curie)
        if disease is None:
            continue
        members = [type_of(c[2]) for c in _list_neighbours(text, chosen, i)]
        listed = members.count("disease") >= max(2, len(members) // 2 + 1)
        treated = TREATED.search(text, max(0, start - 40), start) is not None and not (
            MODEL_NOUNS.match(text, end)
        )
        if listed or treated:
            out[i] = (start, end, disease, how, score)
    return out
