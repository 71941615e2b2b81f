"""The whole-vocabulary lexicon, compiled once into Aho-Corasick automata and cached.

``compile_vocabulary`` turns vocabulary entries (``tables``) into surface forms: every label,
exact synonym, related synonym of 8 characters or more or rare in general English ("exosome":
``names.rare_word``, wordfreq), HGNC symbol, previous and alias symbol and gene name, and the
ways a text writes them (``names``: "IL-1β" for IL1B, "caspase-3" for "caspase 3", "tumour",
"micro-vesicle"), each with its terms ranked (label before synonym before alias). Gene
symbols and short forms with a capital are matched in their case (``ROS`` is not "ros"), other
forms case folded, hyphens as spaces. An all-letter symbol in the rodent case ("Bim", "Bad")
and an alias of three letters ("BIM") go to a third matcher: they name a gene only where the
context asks for one (``ground.gene_context``), since they are also English words and other
abbreviations. A form several genes share as an alias names none of them,
nor does a related synonym several terms of one type share (``_ranked``).

Each term has an entity type (``kinds``: its source and, for GO, its branch); a GO molecular
function is named only by its names that end in "activity", read as a process (``ACTIVITY``).
Left out: terms ``kinds`` gives no type, terms with a thousand descendants or more ("cell",
"tissue": ``kinds.general_terms``), one-word synonyms in lower case (for GO and CL, those that
are adjectives: "extracellular"), and a shortened form ("homeostasis" of "cellular
homeostasis") where it is a name of another term, even of a stop term.

``cache.load`` reads the compiled form from the user's cache folder, compiling it first if absent.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

import ahocorasick

from mitoaki.extract.lexicon.kinds import GENERAL, entity_types, general_terms
from mitoaki.extract.lexicon.names import (
    british_forms,
    cavity_forms,
    derived_forms,
    extra_forms,
    greek_forms,
    numbered_tail,
    plural_of,
    prefix_forms,
    rare_word,
    spelled_out,
    symbol_forms,
)
from mitoaki.extract.lexicon.tables import Entry

#: Rank of a name by its kind: the lower, the stronger its claim to a form.
RANKS = {"label": 0, "symbol": 0, "exact": 1, "name": 1, "previous": 2, "related": 3, "alias": 3}
MIN_LENGTH = 3
#: Related synonyms and aliases without a digit are used only from this length on.
MIN_RELATED = 8
MIN_ALIAS = 4
#: One-word synonyms are kept only for GO, CL and NCBITaxon terms ("exosome", "pigs"), from
#: this length on.
MIN_WORD_SYNONYM = 4
WORD_SYNONYMS = ("GO:", "CL:", "NCBITaxon:")
#: A one-word synonym that is a relational adjective ("extracellular", "peroxisomal", "basal")
#: qualifies a noun in a text ("extracellular volume"): it names no structure or cell type
#: (a taxon's common name is a noun: "poplar").
ADJECTIVE = re.compile(r"[a-z]+(?:ar|al|ic|ous)")
#: Short forms with a capital are matched in their case.
SHORT = 5
#: How a form names its term (``_forms``): as a name, as a shorter form made from one, or
#: only in a context that asks for a gene (``ground.gene_context``): an all-letter symbol in
#: the rodent case ("Bim", "Bad", also English words) and an alias of three letters ("BIM").
NAMED, SHORTER, CONTEXT = "named", "shorter", "context"
#: Types whose names several terms share by design (a common name of a species and its genus).
TAXA = frozenset({"species", "taxon"})
#: A molecular function is named by the activity a text measures ("succinate dehydrogenase
#: activity"): only its names that end so are forms, and the activity is read as a process
#: (what changes, as a process does; its enzyme alone is a gene or a chemical).
ACTIVITY = " activity"
READ_AS = {"function": "process"}
#: A region's cavity ("abdominal cavity"), whose region's structures are also named with it.
CAVITY_LABEL = re.compile(r"[a-z]+ cavity")
#: Chemical names longer than this, or with brackets or commas, are systematic names.
MAX_CHEMICAL = 30
SYSTEMATIC = re.compile(r"[\[\],{}]")
_DIGIT = re.compile(r"\d")
#: A name that goes on past a hyphen with a number or Greek letter ("TNF-α", "IL-1"): a match
#: may not end before it (the process "response to TNF" ending inside "TNF-α").
_NAME_GOES_ON = re.compile(r"-[0-9α-ω]")


@dataclass
class Vocabulary:
    """Terms (parallel lists), forms -> ranked term indices, and the two matchers.

    Kept in flat arrays (a form's terms are ``members[offsets[f]:offsets[f + 1]]``) and matchers
    that store integers, so that the cached file loads fast.
    """

    curies: list[str]
    labels: list[str]
    types: list[str]
    lengths: array[int]
    offsets: array[int]
    members: array[int]
    cased: ahocorasick.Automaton
    folded: ahocorasick.Automaton
    #: Terms too general to name (``general_terms``), for the lexicon's mentions to be held to.
    general: frozenset[str] = frozenset()
    #: Gene forms that name a gene only in a context that asks for one (``CONTEXT``).
    contextual: ahocorasick.Automaton | None = None

    def find(self, text: str) -> Iterator[tuple[int, int, tuple[int, ...]]]:
        """Whole-word matches in a text: (start, end, ranked term indices)."""
        spaced = text.replace("-", " ")
        for automaton, haystack in ((self.cased, spaced), (self.folded, spaced.lower())):
            yield from self._matches(automaton, text, haystack)

    def find_contextual(self, text: str) -> Iterator[tuple[int, int, tuple[int, ...]]]:
        """Matches of the forms that name a gene only where the context asks for one."""
        if self.contextual is not None:
            yield from self._matches(self.contextual, text, text.replace("-", " "))

    def _matches(
        self, automaton: ahocorasick.Automaton, text: str, haystack: str
    ) -> Iterator[tuple[int, int, tuple[int, ...]]]:
        if not len(automaton):
            return
        for last, form in automaton.iter(haystack):
            start, end = last - self.lengths[form] + 1, last + 1
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            if not (before.isalnum() or after.isalnum() or _NAME_GOES_ON.match(text, end)):
                yield (
                    start,
                    end,
                    tuple(self.members[self.offsets[form] : self.offsets[form + 1]]),
                )

    def __len__(self) -> int:
        return len(self.lengths)


def key(form: str, cased: bool) -> str:
    """The matching key of a form: hyphens as spaces, case folded unless ``cased``."""
    spaced = " ".join(form.replace("-", " ").split())
    return spaced if cased else spaced.lower()


def _symbol_forms(
    name_kind: str, name: str, rank: int, symbol: str, gene_name: str
) -> Iterator[tuple[str, int, bool, str]]:
    """(form, rank, cased, how) of a gene's symbol, previous or alias symbol (``_forms``)."""
    if name.isalpha() and name.isupper():  # "Bim", "Bad": the rodent case
        yield name[0] + name[1:].lower(), rank, True, CONTEXT
    if len(name) < MIN_ALIAS and not _DIGIT.search(name) and name_kind != "symbol":
        yield name, rank, True, CONTEXT  # "BIM"
        return
    if name.islower() and len(name) > SHORT:  # a protein name: "parkin", "Parkin"
        yield name, rank, False, NAMED
        return
    # an alias with the symbol's number and letter abbreviates the same name
    # ("PGC1A" of PPARGC1A, "PPARG coactivator 1 alpha": also "PGC1α")
    tail = numbered_tail(name)
    same = name_kind == "symbol" or (tail is not None and tail == numbered_tail(symbol))
    for form in symbol_forms(name, gene_name if same else ""):
        yield form, rank, True, NAMED
        for variant in greek_forms(form):
            yield variant, rank, True, NAMED


def _forms(
    entry: Entry, kind: str, gene_names: Mapping[str, str], regions: Collection[str] = ()
) -> Iterator[tuple[str, int, bool, str]]:
    """(form, rank, cased, how) of every name of an entry and its written variants.

    ``how``: ``NAMED`` for a name or its variant, ``SHORTER`` for a shorter form made from a
    name (``names.derived_forms``), ``CONTEXT`` for a gene form that names the gene only where
    the context asks for one (``CONTEXT``).
    ``gene_names``: symbol -> name of every gene, to spell out the symbols in a gene's name;
    ``regions``: the first words of the cavities the vocabulary names (``names.cavity_forms``).
    """
    names = [("label", entry.label), *entry.names]
    gene_name = next((n for k, n in entry.names if k == "name"), "")
    if kind == "gene" and (spelled := spelled_out(gene_name, gene_names)):
        names.append(("name", spelled))  # the same name, spelled out
    for name_kind, name in names:
        rank = RANKS.get(name_kind, 3)
        if kind == "function" and not name.endswith(ACTIVITY):
            continue  # "SOD", "ATP binding": a gene's symbol, or no activity measured
        if name_kind in {"symbol", "previous", "alias"}:
            yield from _symbol_forms(name_kind, name, rank, entry.label, gene_name)
            continue
        if name_kind == "related" and len(name) < MIN_RELATED and not rare_word(name):
            continue  # a short related synonym only when it is a term of art ("exosome")
        if (
            name_kind != "label"
            and " " not in name
            and name.islower()
            and not (
                entry.curie.startswith(WORD_SYNONYMS)
                and len(name) >= MIN_WORD_SYNONYM
                and (kind in TAXA or not ADJECTIVE.fullmatch(name))
            )
        ):
            continue  # a one-word synonym is too often a plain word ("hand", "common")
        if kind == "gene" and name_kind == "label":
            continue  # the symbol, handled above
        if kind == "chemical" and (len(name) > MAX_CHEMICAL or SYSTEMATIC.search(name)):
            continue  # a systematic name no abstract writes
        cavities = cavity_forms(name, regions) if kind == "anatomy" else []
        for form, extra in [*derived_forms(name, kind), *((c, 1) for c in cavities)]:
            yield form, rank + extra, False, SHORTER
            if kind in {"cell", "anatomy"} and not form.endswith("s"):
                yield plural_of(form), rank + extra, False, SHORTER
        variants = {name} | greek_forms(name) | british_forms(name) | prefix_forms(name)
        variants |= {v.replace("/", " ").replace(",", "") for v in variants if "/" in v or "," in v}
        for form in variants:
            cased = len(form) <= SHORT and form != form.lower()
            yield form, rank, cased, NAMED
            plural = kind in {"cell", "anatomy", "component", "msc_product"} and form[-1:].isalpha()
            if plural and not cased and not form.endswith("s"):
                yield plural_of(form), rank, False, NAMED


def _ranked(claim: dict[int, int], kinds: list[str], derived: bool = False) -> list[int]:
    """The terms a form names, strongest claim first; none when its best claim is shared.

    A species (binomial label) comes before the genus or family a common name also fits. An
    alias several genes share names none of them, and so does a related synonym several terms
    of one type share ("pathogenesis" of five GO processes of symbionts) or a chemical's
    ``derived`` shorter form ("hydroxybutyrate" of 2- and 3-hydroxybutyrate): a loose name of
    many is the plain word, not one of them. (A route's adverb several routes share,
    "intraperitoneally" of the injection and the administration, names a kind of the other.)
    """
    ranked = sorted(claim, key=lambda i: (kinds[i] == "taxon", claim[i], i))
    best = claim[ranked[0]]
    shared = Counter(kinds[i] for i in ranked if claim[i] == best)
    loose = best == RANKS["related"]
    drop = {k for k, n in shared.items() if n > 1 and (k == "gene" or (loose and k not in TAXA))}
    drop |= {k for k, n in shared.items() if n > 1 and derived and k == "chemical"}
    return [i for i in ranked if claim[i] != best or kinds[i] not in drop]


def compile_vocabulary(entries: Iterable[Entry], stop: Iterable[str] = ()) -> Vocabulary:
    """Compile entries into a vocabulary (module docstring); ``stop`` CURIEs claim no form."""
    listed = list(entries)
    types = entity_types(listed)
    general = general_terms(listed, GENERAL)
    stopped = set(stop)
    genes = {e.label: dict(e.names).get("name", "") for e in listed if types.get(e.curie) == "gene"}
    regions = {
        e.label.split(" ")[0]
        for e in listed
        if types.get(e.curie) == "anatomy" and CAVITY_LABEL.fullmatch(e.label)
    }
    claims: dict[tuple[str, bool], dict[int, int]] = defaultdict(dict)
    # a derived form claims only what no term is named, even a stop term ("homeostasis")
    derived: dict[tuple[str, bool], dict[int, int]] = defaultdict(dict)
    contextual: dict[tuple[str, bool], dict[int, int]] = defaultdict(dict)
    pools = {NAMED: claims, SHORTER: derived, CONTEXT: contextual}
    curies: list[str] = []
    labels: list[str] = []
    kinds: list[str] = []
    for entry in listed:
        kind = types.get(entry.curie)
        if kind is None or (entry.curie in general and entry.curie not in stopped):
            continue
        index = -1 if entry.curie in stopped else len(curies)
        if index >= 0:
            curies.append(entry.curie)
            labels.append(entry.label)
            kinds.append(READ_AS.get(kind, kind))
        for form, rank, cased, how in _forms(entry, kind, genes, regions):
            if len(form) < MIN_LENGTH or not any(c.isalpha() for c in form):
                continue
            claim = pools[how][(key(form, cased), cased)]
            claim[index] = min(rank, claim.get(index, rank))
    shortened = {form_key for form_key in derived if form_key not in claims}
    claims.update((form_key, derived[form_key]) for form_key in shortened)
    for claim in [*claims.values(), *contextual.values()]:
        claim.pop(-1, None)  # a stopped term's name: it blocks derived forms, names nothing
    indices = {curie: i for i, curie in enumerate(curies)}
    for form, curie in extra_forms():
        if curie in indices:
            cased = form != form.lower()
            claims[(key(form, cased), cased)].setdefault(indices[curie], RANKS["exact"])
    return _build(curies, labels, kinds, claims, contextual, shortened, frozenset(general))


def _build(
    curies: list[str],
    labels: list[str],
    kinds: list[str],
    claims: Mapping[tuple[str, bool], dict[int, int]],
    contextual: Mapping[tuple[str, bool], dict[int, int]],
    shortened: set[tuple[str, bool]],
    general: frozenset[str],
) -> Vocabulary:
    """The vocabulary of the claims: the cased, folded and contextual matchers and arrays."""
    lengths, offsets, members = array("H"), array("i", [0]), array("i")
    automata = tuple(ahocorasick.Automaton(ahocorasick.STORE_INTS) for _ in range(3))
    pooled = [(form_key, claim, 0 if form_key[1] else 1) for form_key, claim in claims.items()]
    pooled += [(k, claim, 2) for k, claim in contextual.items() if k not in claims]
    for (form, cased), claim, pool in sorted(pooled):
        ranked = _ranked(claim, kinds, (form, cased) in shortened) if claim else []
        if not ranked:
            continue
        automata[pool].add_word(form, len(lengths))
        lengths.append(len(form))
        members.extend(ranked)
        offsets.append(len(members))
    for automaton in automata:
        if len(automaton):
            automaton.make_automaton()
    cased_automaton, folded_automaton, context_automaton = automata
    return Vocabulary(
        curies,
        labels,
        kinds,
        lengths,
        offsets,
        members,
        cased_automaton,
        folded_automaton,
        general,
        context_automaton,
    )
