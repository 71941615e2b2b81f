"""A possessive's noun is that of the entity named before it ("their function", "its number").

"The mitochondria swelled and their function fell": what fell is the function of mitochondria,
not mitochondria. A possessive pronoun before a noun of function, activity, number or content
speaks of the nearest entity named before it that agrees with it in number ("their" a plural,
"its" a singular), in its sentence, else in the sentence before. The phrase names the lexicon's
term "<the entity or its adjective> <noun>" where there is one ("mitochondrial function", "renal
function"); else the entity itself where it is measured and the noun is no function ("its
activity" of SIRT3 is SIRT3's); else it is a name-only phrase of its own ("podocyte number"), as
a quantity is (``rules.quantities``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from mitoaki.core.textnorm import NormalisedText
from mitoaki.extract.forms import key
from mitoaki.extract.mentions import Mention
from mitoaki.extract.targets import MEASURED
from mitoaki.extract.wordforms import adjectives_of

POSSESSIVE = re.compile(r"\b(?:its|their)\s+(function|activity|number|content)s?\b", re.I)
#: What owns no function, number or content a finding measures: a species.
NOT_OWNERS = frozenset({"species"})
#: Plural endings in place of a singular's: mitochondrion -> mitochondria, nucleus -> nuclei.
TURNED = (("on", "a"), ("um", "a"), ("us", "i"), ("is", "es"), ("y", "ies"))


def plural(mention: Mention) -> bool:
    """Whether a mention is said in the plural of its label's last word.

    >>> def said(text: str, label: str) -> bool:
    ...     return plural(Mention(text, 0, 0, "", "X:1", label, "cell"))
    >>> said("podocytes", "podocyte"), said("mitochondria", "mitochondrion"), said("SIRT3", "SIRT3")
    (True, True, False)
    """
    word = mention.text.lower().rsplit(" ", 1)[-1]
    one = mention.label.lower().rsplit(" ", 1)[-1]
    return word in {one + "s", one + "es"} or any(
        one.endswith(a) and word == one[: -len(a)] + b for a, b in TURNED
    )


def _owner(
    mentions: Sequence[Mention],
    span: tuple[int, int],
    previous: tuple[int, int] | None,
    possessive: re.Match[str],
) -> Mention | None:
    """The entity that agrees with the possessive named nearest before it (module docstring)."""
    many = possessive.group(0).lower().startswith("their")
    for lo, hi in (span[0], possessive.start()), (previous or (0, 0)):
        named = [
            m
            for m in mentions
            if lo <= m.norm_start
            and m.norm_end <= hi
            and m.type not in NOT_OWNERS
            and plural(m) == many
        ]
        if named:
            return named[-1]
    return None


def _term(
    owner: Mention, noun: str, forms: Mapping[str, str], surface: Mapping[str, tuple[str, ...]]
) -> str | None:
    """The term the lexicon names "<a form of the owner or its adjective> <noun>", else None."""
    for form in (owner.text.lower(), *surface.get(owner.curie, ())):
        for said in (form, *adjectives_of(form)):
            curie = forms.get(key(f"{said} {noun}"))
            if curie is not None:
                return curie
    return None


def possessed(
    document: NormalisedText,
    mentions: Sequence[Mention],
    spans: Sequence[tuple[int, int]],
    forms: Mapping[str, str],
    surface: Mapping[str, tuple[str, ...]],
    labels: Mapping[str, str],
    types: Mapping[str, str],
) -> list[Mention]:
    """The mentions the possessive phrases of a text name (module docstring).

    ``forms``, ``surface``, ``labels`` and ``types`` are the lexicon's.

    >>> from mitoaki.core.textnorm import normalise
    >>> doc = normalise("The podocytes were injured and their number fell.")
    >>> cell = Mention.of_span(doc, 4, 13, curie="CL:1", label="podocyte", type="cell")
    >>> [(m.text, m.label, m.curie) for m in possessed(doc, [cell], [(0, 49)], {}, {}, {}, {})]
    [('their number', 'podocyte number', '')]
    """
    out: list[Mention] = []
    for index, span in enumerate(spans):
        for match in POSSESSIVE.finditer(document.text, *span):
            owner = _owner(mentions, span, spans[index - 1] if index else None, match)
            if owner is None:
                continue
            noun = match.group(1).lower()
            start, end = match.span()
            curie = _term(owner, noun, forms, surface)
            if curie is not None:
                label, kind = labels.get(curie, curie), types.get(curie, "other")
            elif owner.type in MEASURED and noun != "function":
                curie, label, kind = owner.curie, owner.label, owner.type
            else:
                curie, label, kind = (
                    "",
                    f"{(owner.label or owner.text).lower()} {noun}",
                    "phenotype",
                )
            out.append(
                Mention.of_span(
                    document,
                    start,
                    end,
                    curie=curie,
                    label=label,
                    type=kind,
                    match="possessive",
                    score=owner.score,
                )
            )
    return out
