"""Other ways a text writes a term: relational adjectives and phrases turned round.

- **relational adjectives** (``adjectives.tsv``): in a multi-word form a noun modifier may be
  written as its adjective and back ("lung capillary" = "pulmonary capillary"), and an adjective
  before a generic head names the noun's term ("myocardial tissues" = myocardium, "mesodermal
  layer" = mesoderm);
- **derived forms**: an adjective of a process noun names the process, bare or after "pro-" and
  "anti-" ("pro-angiogenic" = angiogenesis, "immunomodulatory" = immunomodulation); a chemical
  process or homeostasis is written without "ion" ("calcium homeostasis" = calcium ion
  homeostasis); an imaging or detection assay is named by its technique ("electron microscopy"
  = electron microscopy imaging assay);
- **inverted phrases**: "N of Y" and "N in Y" name the term "Y N" ("homing of MSCs" = MSC
  homing, "trans-differentiation of MSCs" = MSC trans-differentiation, "generation of ATP" =
  ATP generation, "function of the kidney" = renal function), Y written as in the text or as
  any form of the term the text names there; a change noun turns into its participle ("a
  decrease in mitochondrial abundance" = decreased mitochondrial abundance); a noun before N
  may belong to it ("fat accumulation in the proximal tubule" = proximal tubule fat
  accumulation); a verb's object names the term of its noun ("rats accumulated deformed
  mitochondria" = accumulation of deformed mitochondria), and "X targeting Y" names "Y-targeted
  X" ("drugs targeting mitochondrial function" = mitochondria-targeted drug).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Container, Mapping, Sequence
from pathlib import Path

ADJECTIVES = Path(__file__).with_name("adjectives.tsv")
#: Generic heads after which an adjective stands for its noun ("renal tissue" is the kidney).
GENERIC_HEADS = ("tissue", "layer", "germ layer", "embryonic layer")
#: Nouns of change and the participle a term label uses ("decrease in X" -> "decreased X").
PARTICIPLES = {
    "decrease": "decreased",
    "increase": "increased",
    "reduction": "reduced",
    "elevation": "elevated",
    "decline": "declined",
    "loss": "lost",
}
#: "N of Y", "N in Y" (an article may follow); N is group 2, a noun before it group 1 ("fat
#: accumulation in the proximal tubules"); Y starts at the match's end.
OF_PHRASE = re.compile(
    r"\b(?:([a-z]{3,}) )?((?:[A-Za-z][a-z]+-)?[A-Za-z][a-z]{2,}) (?:of|in) (?:(?:the|a|an) )?"
)
#: Verbs whose object Y names the term "N of Y" of their noun ("rats accumulated deformed
#: mitochondria" = accumulation of deformed mitochondria), and "X targeting Y" = "Y-targeted X".
VERB_NOUNS = {"accumulat": "accumulation", "regulat": "regulation"}
VERB_PHRASE = re.compile(r"\b(accumulat|regulat)(?:e|es|ed|ing) (?:(?:the|a|an) )?")
#: A verb's object written "N of Y" (the permeability of membranes): it names "Y N".
OBJECT_OF = re.compile(r"([A-Za-z][a-z]{2,}) of (?:(?:the|a|an) )?")
#: "differentiate into (other) Y" names "Y differentiation" (cell types: cell differentiation).
INTO_PHRASE = re.compile(
    r"\b(differentiat)(?:e|es|ed|ing) into (?:(?:a|an|the|other|many|several|various) )?",
    re.IGNORECASE,
)
INTO_NOUNS = {"differentiat": "differentiation"}
TARGETING = re.compile(r"\b([A-Za-z][a-z]{2,}) targeting (?:(?:the|a|an) )?")
Y_WORDS = re.compile(r"[A-Za-z0-9][\w\-α-ω+]*")
MAX_Y_WORDS = 3

Candidate = tuple[int, int, str, str, float]


def read_adjectives(path: Path = ADJECTIVES) -> list[tuple[str, str]]:
    """(adjective, noun) pairs of a two-column tab-separated file with ``#`` comments."""
    with path.open(encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle if not line.startswith("#")]
    return [(row[0], row[1]) for row in rows if len(row) >= 2]


_PAIRS = read_adjectives()


def adjective_forms(
    forms: Mapping[str, str], pairs: Sequence[tuple[str, str]] = _PAIRS
) -> dict[str, str]:
    """New forms from relational adjectives: modifier swaps and "ADJ tissue" for a noun's term.

    >>> sorted(adjective_forms({"kidney tubule cell": "T:1"}))
    ... # doctest: +NORMALIZE_WHITESPACE
    ['kidney tubular cell', 'nephric tubular cell', 'nephric tubule cell',
     'renal tubular cell', 'renal tubule cell']
    >>> adjective_forms({"renal medulla thick limb": "M:1"}, [("medullary", "renal medulla")])
    {'medullary thick limb': 'M:1'}
    >>> sorted(adjective_forms({"kidney interstitium": "K:1", "liver": "L:1"}).items())
    ... # doctest: +NORMALIZE_WHITESPACE
    [('hepatic embryonic layer', 'L:1'), ('hepatic germ layer', 'L:1'),
     ('hepatic layer', 'L:1'), ('hepatic tissue', 'L:1'),
     ('nephric interstitium', 'K:1'), ('renal interstitium', 'K:1')]
    """
    swaps: dict[str, list[str]] = defaultdict(list)
    phrases = [(adjective, noun) for adjective, noun in pairs if " " in noun]
    for adjective, noun in pairs:
        if " " not in noun:
            swaps[adjective].append(noun)
            swaps[noun].append(adjective)
    out: dict[str, str] = {}
    for form, curie in forms.items():
        for adjective, noun in phrases:  # "renal medulla thick ascending limb" -> "medullary ..."
            if form.startswith(f"{noun} ") and form != noun:
                out.setdefault(f"{adjective}{form[len(noun) :]}", curie)
        words = form.split(" ")
        # modifiers, never the head (last word); one swapped or two ("renal proximal tubular
        # epithelial cell" for kidney proximal tubule epithelial cell)
        for i, word in enumerate(words[:-1]):
            for other in swaps.get(word, ()):
                once = [*words[:i], other, *words[i + 1 :]]
                out.setdefault(" ".join(once), curie)
                for j in range(i + 1, len(words) - 1):
                    for second in swaps.get(words[j], ()):
                        out.setdefault(" ".join([*once[:j], second, *once[j + 1 :]]), curie)
    for adjective, noun in pairs:
        if noun in forms:
            for head in GENERIC_HEADS:
                out.setdefault(f"{adjective} {head}", forms[noun])
    return {form: curie for form, curie in out.items() if form not in forms}


#: Process noun endings and the endings of their adjectives ("angiogenesis" -> "angiogenic").
ADJECTIVE_ENDINGS = (
    ("genesis", "genic"),
    ("osis", "otic"),
    ("ation", "atory"),
    ("phagy", "phagic"),
)
#: Heads after which an adjective of a process names the process itself ("the mitophagic
#: pathway" is mitophagy, measured as such), not a modifier of another thing.
PROCESS_HEADS = ("pathway", "process")
#: Heads after which the adjective of a process a cell undergoes ("-osis": apoptosis, necrosis,
#: mitosis) counts the cells undergoing it, a measure of the process ("fewer apoptotic cells").
UNDERGOING_HEADS = ("cells", "cell")
#: Prefixes an adjective of a process takes for or against it ("pro-angiogenic").
STANCE_PREFIXES = ("pro", "anti")
#: An assay a text names by its technique: the words dropped ("electron microscopy").
ASSAY_TAILS = ("imaging assay", "detection assay", "assay")
#: Only nouns this long make adjectives (no short word turns into a common adjective).
MIN_ADJECTIVE_NOUN = 8


def process_adjectives(forms: Mapping[str, str]) -> dict[str, str]:
    """Adjectives of one-word process nouns, bare, after "pro"/"anti" and before a process head.

    Keys as the lexicon's (hyphens spaced).

    >>> sorted(process_adjectives({"angiogenesis": "G:1", "mitophagy": "G:2", "cell": "C"}))
    ... # doctest: +NORMALIZE_WHITESPACE
    ['angiogenic', 'angiogenic pathway', 'angiogenic process', 'anti angiogenic',
     'anti mitophagic', 'mitophagic', 'mitophagic pathway', 'mitophagic process',
     'pro angiogenic', 'pro mitophagic']
    >>> sorted(f for f in process_adjectives({"necrosis": "G:3"}) if "cell" in f)
    ['necrotic cell', 'necrotic cells']
    """
    out: dict[str, str] = {}
    for form, curie in forms.items():
        if " " in form or len(form) < MIN_ADJECTIVE_NOUN or form != form.lower():
            continue
        for noun_end, adjective_end in ADJECTIVE_ENDINGS:
            if form.endswith(noun_end):
                adjective = form[: -len(noun_end)] + adjective_end
                for prefix in ("", *STANCE_PREFIXES):
                    out.setdefault(f"{prefix} {adjective}".strip(), curie)
                for head in PROCESS_HEADS + (UNDERGOING_HEADS if noun_end == "osis" else ()):
                    out.setdefault(f"{adjective} {head}", curie)
    return {form: curie for form, curie in out.items() if form not in forms}


def shortened_forms(forms: Mapping[str, str]) -> dict[str, str]:
    """Forms without a word a text leaves out: "ion" inside a form, an assay's last words.

    >>> sorted(shortened_forms({"calcium ion homeostasis": "G:1",
    ...                         "electron microscopy imaging assay": "O:1",
    ...                         "microscopy assay": "O:2"}).items())
    [('calcium homeostasis', 'G:1'), ('electron microscopy', 'O:1')]
    """
    out: dict[str, str] = {}
    for form, curie in forms.items():
        words = form.split(" ")
        if "ion" in words[1:-1]:
            out.setdefault(" ".join(w for w in words if w != "ion"), curie)
        for tail in ASSAY_TAILS:
            technique = form[: -len(tail) - 1]
            if form.endswith(f" {tail}") and len(technique.split(" ")) >= 2:
                out.setdefault(technique, curie)
                break
    return {form: curie for form, curie in out.items() if form not in forms}


def _adjectives_of(pairs: Sequence[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    for adjective, noun in pairs:
        out[noun].append(adjective)
    return {noun: tuple(adjectives) for noun, adjectives in out.items()}


_ADJECTIVES_OF = _adjectives_of(_PAIRS)


def adjectives_of(noun: str) -> tuple[str, ...]:
    """The relational adjectives of a noun (``adjectives.tsv``: "kidney" -> "renal", "nephric")."""
    return _ADJECTIVES_OF.get(noun, ())


def inverted(
    text: str,
    chosen: Sequence[Candidate],
    forms: Mapping[str, str],
    surface: Mapping[str, Sequence[str]],
    key: Callable[[str], str],
    heads: Container[str],
) -> list[Candidate]:
    """Terms written as "N of Y" or "N in Y" (see the module docstring).

    ``chosen`` are the mentions found so far (Y may be one of them, written in any of its
    ``surface`` forms), ``key`` the lexicon's key function, ``heads`` the last words of its
    forms (an N that ends no form is skipped at once). The candidate spans N to Y.
    """
    starts: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in chosen:
        starts[candidate[0]].append(candidate)

    def objects(at: int) -> list[tuple[str, int]]:
        return _objects(text, at, starts, surface)

    out = _of_phrases(text, objects, forms, key, heads)
    for match in VERB_PHRASE.finditer(text):  # "accumulated deformed mitochondria"
        noun = VERB_NOUNS[match.group(1).lower()]
        ys = objects(match.end())
        inner = OBJECT_OF.match(text, match.end())  # "regulate the permeability of membranes"
        if inner is not None:
            ys += [(f"{y} {inner.group(1)}", end) for y, end in objects(inner.end())]
        found = first_term(noun, ys, forms, key, pattern="{noun} of {y}")
        if found is not None:
            out.append((match.start(), found[1], found[0], "inverted", 1.0))
    for match in INTO_PHRASE.finditer(text):  # "can differentiate into other cell types"
        noun = INTO_NOUNS[match.group(1).lower()]
        ys = objects(match.end())
        ys += [(y[:-1], end) for y, end in ys if y.endswith("s")]  # "into adipocytes"
        found = first_term(noun, ys, forms, key)
        if found is not None:
            out.append((match.start(), found[1], found[0], "inverted", 1.0))
    for match in TARGETING.finditer(text):  # "agents targeting mitochondrial function"
        noun = match.group(1).lower()
        found = first_term(noun, objects(match.end()), forms, key, pattern="{y} targeted {noun}")
        if found is not None:
            out.append((match.start(), found[1], found[0], "inverted", 1.0))
    return out


def _objects(
    text: str,
    at: int,
    starts: Mapping[int, Sequence[Candidate]],
    surface: Mapping[str, Sequence[str]],
) -> list[tuple[str, int]]:
    """The Ys a phrase may name at ``at``: its first words, and any form of a mention there."""
    ys: list[tuple[str, int]] = []
    end = at
    for word in Y_WORDS.finditer(text, at, min(len(text), at + 60)):
        if word.start() != end and text[end : word.start()] not in {" ", "-"}:
            break
        end = word.end()
        ys.append((text[at:end], end))
        if len(ys) == MAX_Y_WORDS:
            break
    for _, y_end, curie, *_ in starts.get(at, ()):
        ys.extend((form, y_end) for form in surface.get(curie, ()))
    return ys


def _of_phrases(
    text: str,
    objects: Callable[[int], list[tuple[str, int]]],
    forms: Mapping[str, str],
    key: Callable[[str], str],
    heads: Container[str],
) -> list[Candidate]:
    """Terms written "N of Y" or "N in Y", a modifier before N included where a term has it."""
    out: list[Candidate] = []
    for match in OF_PHRASE.finditer(text):
        noun = match.group(2).lower()  # "trans-differentiation": its head is the last part
        head = noun.rsplit("-", 1)[-1]
        if head not in heads and noun not in PARTICIPLES:
            continue
        ys = objects(match.end())
        found = None
        if match.group(1):  # "fat accumulation in the proximal tubules"
            found = first_term(f"{match.group(1)} {noun}", ys, forms, key)
        if found is not None:
            out.append((match.start(1), found[1], found[0], "inverted", 1.0))
            continue
        found = first_term(noun, ys, forms, key)
        if found is not None:
            out.append((match.start(2), found[1], found[0], "inverted", 1.0))
    return out


def first_term(
    noun: str,
    ys: list[tuple[str, int]],
    forms: Mapping[str, str],
    key: Callable[[str], str],
    pattern: str = "{y} {noun}",
) -> tuple[str, int] | None:
    """The longest Y whose "Y N" (or "ADJ(Y) N", "participle Y") is a form: (CURIE, end).

    ``pattern`` is the form a noun and its Y make ("{noun} of {y}" for a verb's object).
    """
    participle = PARTICIPLES.get(noun)
    best: tuple[str, int] | None = None
    for y, end in ys:
        if best is not None and end <= best[1]:
            continue
        phrases = [pattern.format(y=y, noun=noun)]
        phrases += [f"{adjective} {noun}" for adjective in _ADJECTIVES_OF.get(y.lower(), ())]
        if participle:
            phrases.append(f"{participle} {y}")
        grounded = next((forms[key(p)] for p in phrases if key(p) in forms), None)
        if grounded is not None:
            best = (grounded, end)
    return best


#: "S act(s) through a M N": S's mode of action named by the means M ("cells act through a
#: paracrine secretion" is their paracrine action); at most one auxiliary or adverb between.
ACTS_THROUGH = re.compile(
    r"\s+(?:[a-z]+\s+)?act(?:s|ed|ing)?\s+(?:[a-z]+ly\s+)?(?:through|via|by)\s+"
    r"(?:(?:a|an|the|their|its)\s+)?([A-Za-z][\w\-/]*)(\s+[a-z]+)?\b"
)
ACTION_NOUNS = ("action", "activity")
#: Words that end the means before its noun ("through a paracrine of ..." has none).
MEANS_STOP = frozenset({"of", "to", "and", "or", "in", "on", "for", "with", "that", "which"})


def acting_through(
    text: str,
    chosen: Sequence[Candidate],
    forms: Mapping[str, str],
    surface: Mapping[str, Sequence[str]],
    key: Callable[[str], str],
) -> list[Candidate]:
    """The means a subject acts through, as the term of its action ("S M action").

    The span is the means (its modifier M and the noun after it, unless a function word).
    """
    out: list[Candidate] = []
    for _, end, curie, *_ in chosen:
        match = ACTS_THROUGH.match(text, end)
        if match is None:
            continue
        means = match.group(1)
        for y in surface.get(curie, ()):
            found = next(
                (forms[k] for noun in ACTION_NOUNS if (k := key(f"{y} {means} {noun}")) in forms),
                None,
            )
            if found is not None:
                noun = match.group(2)
                stop = match.end(1) if noun is None or noun.strip() in MEANS_STOP else match.end(2)
                out.append((match.start(1), stop, found, "inverted", 1.0))
                break
    return out
