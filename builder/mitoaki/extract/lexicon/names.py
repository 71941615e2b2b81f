"""How the literature writes the names of a vocabulary: general transformations, no hand list.

- **gene and protein symbols**: a hyphen between the letters and the number ("IL6" is written
  "IL-6", "KIM1" "KIM-1"), a final letter that stands for the Greek letter the gene's name ends
  with written as that letter or spelled out ("IL1B", interleukin 1 beta: "IL-1β", "IL-1 beta";
  "HIF1A": "HIF-1α"), and the rodent case of a symbol with a digit ("Casp3", "Il-6");
- **Greek letters** written as letters or spelled out, either way ("TNF-alpha" is "TNF-α",
  "interferon gamma" "interferon γ");
- **British spellings** of a word ("tumour", "ischaemia", "signalling", "leucocyte");
- **shorter and turned forms** of a name (``derived_forms``): a process without "cell", a
  chemical without its locant, an injury without "injury", a route's adjective and adverb, a
  cell type or structure "A of B" written "B A", a region's structure with the region's cavity
  ("abdominal cavity lymph node").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path

from mitoaki.extract.wordforms import adjectives_of

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
    >>> sorted(greek_forms("receptor gamma coactivator 1 alpha"))
    ['receptor γ coactivator 1 α', 'receptor γ coactivator 1α', 'receptorγ coactivator 1α']
    """
    out: set[str] = set()
    if _SPELLED.search(name):
        letters = _SPELLED.sub(lambda m: GREEK[m.group(1).lower()], name)
        out |= {letters, re.sub(r"[- ]([α-ω])\b", r"\1", letters)}
        out.add(re.sub(r"(\d)[- ]([α-ω])\b", r"\1\2", letters))  # "receptor γ coactivator 1α"
    if _LETTER.search(name):
        out.add(_LETTER.sub(lambda m: LETTERS[m.group(0)], name))
        out.add(_LETTER.sub(lambda m: " " + LETTERS[m.group(0)], name).replace("  ", " "))
    return out - {name}


def numbered_tail(symbol: str) -> tuple[str, str] | None:
    """The number and letter that end a numbered symbol ("PGC1A" -> ("1", "A")), if any.

    >>> numbered_tail("PGC1A"), numbered_tail("PPARGC1A"), numbered_tail("TNF")
    (('1', 'A'), ('1', 'A'), None)
    """
    numbered = NUMBERED.fullmatch(symbol)
    return (numbered.group(2), numbered.group(3)) if numbered else None


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


def spelled_out(name: str, gene_names: Mapping[str, str]) -> str | None:
    """A gene name with the symbols of other genes in it spelled out as their names, if any.

    HGNC names a gene by another's symbol ("PPARG coactivator 1 alpha"); a text spells the
    other gene out ("peroxisome proliferator-activated receptor-γ coactivator-1α").

    >>> spelled_out("PPARG coactivator 1 alpha", {"PPARG": "peroxisome proliferator ..."})
    'peroxisome proliferator ... coactivator 1 alpha'
    >>> spelled_out("parkin RBR E3 ubiquitin protein ligase", {"PPARG": "..."}) is None
    True
    """
    words = name.split(" ")
    spelled = [gene_names.get(word) or word for word in words]
    return " ".join(spelled) if spelled != words else None


def british_forms(name: str) -> set[str]:
    """The name with each American spelling it has in the British way.

    >>> sorted(british_forms("tumor necrosis factor signaling"))
    ['tumour necrosis factor signalling']
    """
    out = name
    for american, british in BRITISH:
        out = out.replace(american, british)
    return {out} - {name}


#: Prefixes a text may join to the rest of a word with a hyphen ("micro-vesicles").
PREFIXED = re.compile(
    r"(micro|macro|nano|intra|extra|inter|trans|hyper|hypo|peri|multi)([a-z]{4,})"
)


def prefix_forms(name: str) -> set[str]:
    """The name with a prefix of its first word set off by a hyphen.

    >>> prefix_forms("microvesicle"), prefix_forms("intracellular space")
    ({'micro-vesicle'}, {'intra-cellular space'})
    >>> prefix_forms("mitochondrion")
    set()
    """
    first, _, rest = name.partition(" ")
    joined = PREFIXED.fullmatch(first)
    if joined is None:
        return set()
    return {" ".join(filter(None, (f"{joined.group(1)}-{joined.group(2)}", rest)))}


#: "cell proliferation", "cellular respiration": the process is often written without "cell".
CELL_PROCESS = re.compile(r"(?:cell|cellular|cell population) ([a-z]{8,})")
#: Nouns of change, which alone name no process ("activation" of anything).
CHANGE_NOUN = re.compile(r"(?:activ|inhibit|stimul|suppress|regul|modul|induc)ation|induction")
#: A locant before a chemical's name: "3-nitrotyrosine" is written "nitrotyrosine".
LOCANT = re.compile(r"\d+(?:,\d+)*-([a-z][a-z\-]{5,})")
#: A position locant inside a chemical's name: "adenosine 5'-monophosphate" is written
#: "adenosine monophosphate".
INNER_LOCANT = re.compile(r"(?<=[a-z] )\d+'*-(?=[a-z])")
#: What is left of a chemical's name without its locants: words only.
WORDS_ONLY = re.compile(r"[a-z][a-z \-]{5,}")
#: A carbon a chemical's name numbers, named by its Greek letter (counted from the first carbon
#: after the carboxyl, the second by number): "3-hydroxybutyrate" is "β-hydroxybutyrate".
GREEK_LOCANTS = {"2": ("alpha", "α"), "3": ("beta", "β"), "4": ("gamma", "γ")}
#: "ischemia reperfusion injury" is also written without "injury" (of two words or more).
INJURY = re.compile(r"([a-z]+[ /-][a-z][a-z /-]+) injury")
#: A route named by its adjective ("intravenous injection"): the adjective and its adverb.
#: A complex named for the structure it forms ("... pore complex", "... inflammasome
#: complex"): texts name it by the structure, without "complex" (two words or more).
STRUCTURE_COMPLEX = re.compile(r"(\S+(?: \S+)* (?:pore|channel|\w+some)) complex")
ROUTE_ADJECTIVE = re.compile(
    r"([a-z\-]+(?:al|ous|ic|ar|eal)) (?:administration|injection|infusion)"
)


#: A cavity of a region ("abdominal cavity"): a structure of the region ("abdominal lymph
#: node") is also named with it ("abdominal cavity lymph node").
CAVITY = " cavity "


#: A cell type or structure named "A of B" ("endothelial cell of umbilical vein") is also
#: written "B A", "B-derived A" (cells), and with B's last noun as its relational adjective
#: ("epithelial cell of proximal tubule": "proximal tubular epithelial cell").
OF_NAME = re.compile(r"([a-z][a-z\- ]*?) of (?:the )?([a-z][a-z\- ]*)")


#: An MSC of a tissue is what the field calls a stem or stromal cell derived from that tissue
#: ("adipose-derived stem cells", "bone marrow-derived stromal cells"): only so, joined by
#: "-derived" ("adipose stem cells" are said of other stem cells too).
MSC_SAID = {
    "mesenchymal stem cell": ("stem cell", "stromal cell", "mesenchymal stromal cell"),
}


def turned_forms(name: str, kind: str) -> list[str]:
    """The "B A" forms of a cell type's or structure's "A of B" name (``OF_NAME``).

    >>> turned_forms("epithelial cell of proximal tubule", "cell")
    ... # doctest: +NORMALIZE_WHITESPACE
    ['proximal tubule epithelial cell', 'proximal tubule-derived epithelial cell',
     'proximal tubular epithelial cell', 'proximal tubular-derived epithelial cell']
    >>> turned_forms("mesenchymal stem cell of adipose", "cell")[2:]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['adipose-derived stem cell', 'adipose-derived stromal cell',
     'adipose-derived mesenchymal stromal cell']
    >>> turned_forms("cortex of kidney", "anatomy")
    ['kidney cortex', 'renal cortex', 'nephric cortex']
    """
    turned = OF_NAME.fullmatch(name) if kind in {"cell", "anatomy"} else None
    if turned is None or " of " in turned.group(2):
        return []
    head, owner = turned.groups()
    *first, last = owner.split(" ")
    owners = [owner] + [" ".join([*first, a]) for a in adjectives_of(last)]
    joints = (" ", "-derived ") if kind == "cell" else (" ",)
    derived = [f"{o}-derived {h}" for o in owners for h in MSC_SAID.get(head, ())]
    return [f"{o}{joint}{head}" for o in owners for joint in joints] + derived


def cavity_forms(name: str, regions: Collection[str]) -> list[str]:
    """A region's structure named with the region's cavity ("abdominal cavity lymph node").

    ``regions`` are the first words of the cavities a vocabulary names ("abdominal" of
    "abdominal cavity").

    >>> cavity_forms("abdominal lymph node", {"abdominal"}), cavity_forms("lymph node", {"x"})
    (['abdominal cavity lymph node'], [])
    """
    region, _, part = name.partition(" ")
    if region not in regions or not part or part.startswith(CAVITY.strip()):
        return []
    return [f"{region}{CAVITY}{part}"]


def derived_forms(name: str, kind: str) -> Iterator[tuple[str, int]]:
    """Shorter forms a text writes for a name, each with how much weaker its claim is.

    >>> list(derived_forms("cell population proliferation", "process"))
    [('proliferation', 2)]
    >>> list(derived_forms("3-hydroxybutyrate", "chemical"))
    [('hydroxybutyrate', 2), ('beta-hydroxybutyrate', 1), ('β-hydroxybutyrate', 1)]
    >>> list(derived_forms("adenosine 5'-monophosphate", "chemical"))
    [('adenosine monophosphate', 2)]
    >>> list(derived_forms("intravenous injection", "route"))
    [('intravenously', 1), ('intravenous', 2)]
    >>> list(derived_forms("NLRP9 inflammasome complex", "component"))
    [('NLRP9 inflammasome', 2)]
    >>> list(derived_forms("growth factor complex", "component"))
    []
    """
    for form in turned_forms(name, kind):
        yield form, 1
    if kind == "process" and (cell := CELL_PROCESS.fullmatch(name)):
        if not CHANGE_NOUN.fullmatch(cell.group(1)) and not common_word(cell.group(1)):
            yield cell.group(1), 2
    elif kind == "chemical" and (locant := LOCANT.fullmatch(name)):
        yield locant.group(1), 2
        position = name.split("-", 1)[0]
        if position in GREEK_LOCANTS:  # "3-hydroxybutyrate" is "beta-hydroxybutyrate"
            for letter in GREEK_LOCANTS[position]:
                yield f"{letter}-{locant.group(1)}", 1
    elif kind == "chemical" and WORDS_ONLY.fullmatch(bare := INNER_LOCANT.sub("", name)):
        if bare != name:
            yield bare, 2
    elif kind == "disease" and (injury := INJURY.fullmatch(name)):
        yield injury.group(1), 2
    elif kind == "route" and (route := ROUTE_ADJECTIVE.fullmatch(name)):
        yield route.group(1) + "ly", 1
        yield route.group(1), 2
    elif kind == "component" and (whole := STRUCTURE_COMPLEX.fullmatch(name)):
        yield whole.group(1), 2  # "the X inflammasome", "the X pore": the word left out


#: Zipf frequencies (wordfreq, general English): a word at least this frequent is a plain word
#: ("development", "death"), one below ``RARE`` a term of art ("exosome", "mitophagy").
COMMON = 4.5
RARE = 2.0


def zipf(word: str) -> float:
    """The Zipf frequency of a word in general English (wordfreq; 0 for unknown words).

    >>> zipf("development") > COMMON > RARE > zipf("exosome")
    True
    """
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def common_word(form: str) -> bool:
    """Whether a one-word form is a plain English word, too common to name a term alone."""
    return " " not in form and zipf(form) >= COMMON


def rare_word(form: str) -> bool:
    """Whether a one-word form is a term of art: rare in general English."""
    return " " not in form and zipf(form) < RARE


def plural_of(form: str) -> str:
    """The simple plural of a form's last word ("capillary" -> "capillaries")."""
    if form.endswith("y") and form[-2:-1] not in set("aeiou"):
        return form[:-1] + "ies"
    if form.endswith(("sis",)):
        return form[:-3] + "ses"
    return form + "s"


FORMS = Path(__file__).with_name("forms.tsv")
MSC_TAILS = ("MSC", "MSCs")


def msc_forms(prefix: str) -> list[str]:
    """An MSC named by the tissue it comes from: "BM-MSCs", "hUC-MSC", "WJMSCs".

    >>> msc_forms("WJ")[:4]
    ['WJMSC', 'WJMSCs', 'WJ-MSC', 'WJ-MSCs']
    """
    return [
        f"{human}{prefix}{joint}{tail}"
        for human in ("", "h")
        for joint in ("", "-")
        for tail in MSC_TAILS
    ]


def extra_forms(path: Path = FORMS) -> list[tuple[str, str]]:
    """(form, CURIE) of the general forms of ``forms.tsv``, MSC prefixes made into MSC forms."""
    out: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            form, curie, kind = line.rstrip("\n").split("\t")[:3]
            if kind == "msc-prefix":
                out += [(f, curie) for f in msc_forms(form)]
            else:
                out.append((form, curie))
    return out
