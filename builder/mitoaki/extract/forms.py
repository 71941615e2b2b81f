"""Surface forms: the matching key, simple plurals, lexical variants and the curated tables."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

ABBREVIATIONS = Path(__file__).with_name("abbreviations.tsv")
STOP_TERMS = Path(__file__).with_name("stopterms.tsv")
VARIANTS = Path(__file__).with_name("variants.tsv")
#: Words a misspelt term never starts or ends with: a phrase "of signaling pathways" is two
#: edits from "wnt signaling pathways", but a function word is not a misspelt name.
FUNCTION_WORD = re.compile(
    r"a|an|and|as|at|by|for|from|in|into|its|of|on|or|the|their|to|via|with", re.IGNORECASE
)


def key(text: str) -> str:
    """The matching key of a surface form: case kept for short forms (ROS vs ros), else lower.

    Hyphens count as spaces, so "mitochondrial-apoptosis" matches "mitochondrial apoptosis".

    >>> key("Mitochondrial Fission"), key("ROS"), key("PGC-1α")
    ('mitochondrial fission', 'ROS', 'pgc 1α')
    """
    folded = text.replace("-", " ")
    return folded if len(text) <= 5 else folded.lower()


def _variant_table(path: Path) -> dict[str, tuple[str, ...]]:
    """Word -> the words that may stand for it in a term (both ways, from ``variants.tsv``)."""
    out: dict[str, list[str]] = defaultdict(list)
    for word, other in pairs(path).items():
        out[word].append(other)
        out[other].append(word)
    return {word: tuple(others) for word, others in out.items()}


def word_variants(form: str, table: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """Forms with one word swapped for a lexical variant ("heart disorder" -> "heart disease").

    Only multi-word forms vary, so a short form never turns into a common word.

    >>> word_variants("heart disorder")
    ['heart disease']
    >>> word_variants("disorder")
    []
    """
    words = form.split(" ")
    if len(words) < 2:
        return []
    table = _VARIANTS if table is None else table
    out = []
    for i, word in enumerate(words):
        for other in table.get(word, ()):
            out.append(" ".join([*words[:i], other, *words[i + 1 :]]))
    return out


def plural(form: str) -> str:
    """The simple plural of a form's last word.

    >>> plural("lung capillary"), plural("vesicle"), plural("pathway")
    ('lung capillaries', 'vesicles', 'pathways')
    """
    if form.endswith("y") and len(form) > 1 and form[-2] not in "aeiou":
        return form[:-1] + "ies"
    return form + "s"


def pairs(path: Path) -> dict[str, str]:
    """The first two columns of a tab-separated file with ``#`` comment lines."""
    with path.open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row[0]: row[1] for row in rows if len(row) >= 2}


_VARIANTS = _variant_table(VARIANTS)


def stop_terms() -> frozenset[str]:
    """The CURIEs too general to propose (``stopterms.tsv``)."""
    return frozenset(pairs(STOP_TERMS))
