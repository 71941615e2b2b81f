"""How the literature writes the names of a vocabulary: general transformations, no hand list.

- **gene and protein symbols**: a hyphen between the letters and the number ("IL6" is written
  "IL-6", "KIM1" "KIM-1"), a final letter that stands for the Greek letter the gene's name ends
  with written as that letter or spelled out ("IL1B", interleukin 1 beta: "IL-1β", "IL-1 beta";
  "HIF1A": "HIF-1α"), and the rodent case of a symbol with a digit ("Casp3", "Il-6");
- **Greek letters** written as letters or spelled out, either way ("TNF-alpha" is "TNF-α",
  "interferon gamma" "interferon γ");
- **British spellings** of a word ("tumour", "ischaemia", "signalling", "leucocyte").
"""

from __future__ import annotations

import re

GREEK = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "zeta": "ζ",
    "theta": "θ",
    "kappa": "κ",
    "lambda": "λ",
    "sigma": "σ",
    "omega": "ω",
}
LETTERS = {letter: word for word, letter in GREEK.items()}
_SPELLED = re.compile(rf"(?<![a-z])({'|'.join(GREEK)})(?![a-z])", re.IGNORECASE)
_LETTER = re.compile(f"[{''.join(LETTERS)}]")
#: A symbol of letters, a number and at most one letter after it ("IL1B", "CASP3", "KIM1").
NUMBERED = re.compile(r"([A-Z][A-Za-z]*?)(\d+)([A-Z]?)")
#: American spellings and their British forms, as parts of words.
BRITISH = (
    ("tumor", "tumour"),
    ("ischemi", "ischaemi"),
    ("hemorrhag", "haemorrhag"),
    ("hemo", "haemo"),
    ("edema", "oedema"),
    ("anemi", "anaemi"),
    ("leukocyt", "leucocyt"),
    ("signaling", "signalling"),
    ("fetal", "foetal"),
    ("esophag", "oesophag"),
    ("estrogen", "oestrogen"),
    ("ization", "isation"),
    ("behavior", "behaviour"),
    ("color", "colour"),
    ("fiber", "fibre"),
    ("center", "centre"),
    ("sulfur", "sulphur"),
)


def greek_forms(name: str) -> set[str]:
    """The name with Greek letters spelled out, or spelled-out letters as Greek letters.

    >>> sorted(greek_forms("TNF-alpha")), sorted(greek_forms("IL-1β"))
    (['TNF-α', 'TNFα'], ['IL-1 beta', 'IL-1beta'])
    """
    out: set[str] = set()
    if _SPELLED.search(name):
        letters = _SPELLED.sub(lambda m: GREEK[m.group(1).lower()], name)
        out |= {letters, re.sub(r"[- ]([α-ω])\b", r"\1", letters)}
    if _LETTER.search(name):
        out.add(_LETTER.sub(lambda m: LETTERS[m.group(0)], name))
        out.add(_LETTER.sub(lambda m: " " + LETTERS[m.group(0)], name).replace("  ", " "))
    return out - {name}


def symbol_forms(symbol: str, name: str = "") -> set[str]:
    """The ways a text writes a gene symbol (see the module docstring); ``name`` is the gene's.

    >>> sorted(symbol_forms("IL1B", "interleukin 1 beta"))
    ... # doctest: +NORMALIZE_WHITESPACE
    ['IL-1 beta', 'IL-1B', 'IL-1beta', 'IL-1β', 'IL1B', 'IL1beta', 'IL1β', 'Il-1 beta', 'Il-1b',
     'Il-1beta', 'Il-1β', 'Il1b', 'Il1beta', 'Il1β']
    >>> sorted(symbol_forms("KIM1"))
    ['KIM-1', 'KIM1', 'Kim-1', 'Kim1']
    >>> sorted(symbol_forms("PPARG", "peroxisome proliferator activated receptor gamma"))
    ['PPAR-γ', 'PPARG', 'PPARγ']
    """
    forms = {symbol}
    words = name.lower().split()
    greek = words[-1] if words and words[-1] in GREEK else None
    numbered = NUMBERED.fullmatch(symbol)
    if numbered:
        prefix, number, tail = numbered.groups()
        forms.add(f"{prefix}-{number}{tail}")
        if greek and tail == greek[0].upper():
            letter = GREEK[greek]
            for joint in ("", "-"):
                forms |= {f"{prefix}{joint}{number}{letter}", f"{prefix}{joint}{number}{greek}"}
            forms.add(f"{prefix}-{number} {greek}")
        for form in list(forms):
            if re.search(r"\d", form) and form[:1].isupper() and form[1:2].isupper():
                forms.add(form[0] + form[1:].lower())
    elif greek and len(symbol) > 3 and symbol[-1] == greek[0].upper() and symbol.isupper():
        forms |= {f"{symbol[:-1]}{GREEK[greek]}", f"{symbol[:-1]}-{GREEK[greek]}"}
    return forms


def british_forms(name: str) -> set[str]:
    """The name with each American spelling it has in the British way.

    >>> sorted(british_forms("tumor necrosis factor signaling"))
    ['tumour necrosis factor signalling']
    """
    out = name
    for american, british in BRITISH:
        out = out.replace(american, british)
    return {out} - {name}
