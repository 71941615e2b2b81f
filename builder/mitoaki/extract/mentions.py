"""Find grounded entity mentions in a text with a multi-pattern (Aho-Corasick) matcher.

The ontology is the lexicon: every label and exact synonym of the ontology and its imports
(related synonyms too, when long enough to be unambiguous), the curated short forms in
``abbreviations.tsv``, and the abbreviations a text defines itself ("extracellular vesicles
(EVs)"). Matching runs on normalised text (hyphenation, lost ligatures, Unicode repaired) with
hyphens folded to spaces and simple plurals, on word boundaries, longest match first; a
coordinated list ("mitochondrial shape, density and mass") lends its head to each member, a
phrase turned round ("homing of MSCs") or written with a relational adjective ("lung
capillaries" for pulmonary capillary) names its term (``wordforms``), and a fuzzy fallback
(rapidfuzz) catches misspelt multi-word terms. Offsets map back to the raw file.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import ahocorasick
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from mitoaki.core.namespaces import OIO, compress
from mitoaki.core.textnorm import NormalisedText, normalise, sentence_end
from mitoaki.extract.axioms import (
    STARTS_AT,
    close_diseases,
    closure,
    definitions,
    insult_inputs,
    sources,
)
from mitoaki.extract.coordination import ROUTE_HEADS, listed_routes, listed_symbols, shared_heads
from mitoaki.extract.ellipsis import Index, elliptic, elliptic_index, matcher
from mitoaki.extract.lexicon.compiled import extra_forms, taxon_type
from mitoaki.extract.senses import disease_senses
from mitoaki.extract.wordforms import (
    PROCESS_HEADS,
    Candidate,
    acting_through,
    adjective_forms,
    inverted,
    process_adjectives,
    shortened_forms,
)

ABBREVIATIONS = Path(__file__).with_name("abbreviations.tsv")
STOP_TERMS = Path(__file__).with_name("stopterms.tsv")
VARIANTS = Path(__file__).with_name("variants.tsv")
STOP_PREFIXES = ("BFO:", "IAO:", "ECO:")
#: ChEBI's role branch: its terms say what a chemical does.
ROLE = "CHEBI:50906"
#: Participles of change a term's form may start with, and the direction they state.
CHANGE_PARTICIPLES = {
    "increased": "increased",
    "elevated": "increased",
    "decreased": "decreased",
    "reduced": "decreased",
    "declined": "decreased",
    "lost": "decreased",
}
#: Human gene symbols (HGNC) are upper case; mouse and rat symbols capitalise the first letter
#: only ("Atg5" for ATG5). A short symbol is added in that case when it has a digit, so that no
#: English word ("Bad", "Cat") becomes a gene.
GENE_PREFIX = "HGNC:"
RODENT_SYMBOL = re.compile(r"[A-Z][A-Z0-9]*[0-9][A-Z0-9]*")
DEFINED = re.compile(r"([A-Za-z][\w\-α-ω ]{3,80}?) \(([A-Za-z][\w\-+/α-ω]{1,12})\)")
#: An abbreviation defined inside a term: "mitochondrial DNA (mtDNA) replication".
INLINE = re.compile(r" \([A-Za-z][\w\-+/α-ω]{0,11}\)(?= [A-Za-z])")
#: How far around an inline abbreviation a term may reach (characters).
INLINE_REACH = 80
COORDINATED = re.compile(r"((?:, ?[a-z]{3,}){0,4},? (?:and|or) ([a-z]{3,}))")
MIN_LENGTH = 3
#: Related synonyms are used only from this length on (short aliases are too ambiguous).
MIN_RELATED = 8
#: The fuzzy fallback: candidate phrases of this many words, minimum similarity (0-100).
FUZZY_WORDS = (2, 3, 4)
FUZZY_EDITS = 2
FUZZY_MIN_SCORE = 0.9
FUZZY_MIN_LENGTH = 10
PLAIN = re.compile(r"[\w' α-ω]+")
#: Words a misspelt term never starts or ends with: a phrase "of signaling pathways" is two
#: edits from "wnt signaling pathways", but a function word is not a misspelt name.
FUNCTION_WORD = re.compile(
    r"a|an|and|as|at|by|for|from|in|into|its|of|on|or|the|their|to|via|with", re.IGNORECASE
)
#: Terms that are relations or annotations, not entities a text mentions.
NOT_ENTITIES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

#: Entity types, from the class hierarchy: the first root among a term's ancestors wins.
TYPE_ROOTS = (
    ("MITOAKI:0000219", "inducer"),
    ("MITOAKI:0000200", "model"),
    ("MITOAKI:0000301", "msc_product"),
    ("GO:1903561", "msc_product"),  # extracellular vesicles: a cell's product, given as one
    ("CL:0000134", "msc"),
    ("MITOAKI:0000415", "route"),
    ("OBI:0600007", "route"),
    ("MITOAKI:0000400", "intervention"),
    ("MITOAKI:0000420", "chemical"),
    ("MITOAKI:0000500", "gene"),
    ("MITOAKI:0000120", "phenotype"),
    ("MITOAKI:0000130", "phenotype"),
    ("MITOAKI:0000134", "phenotype"),
    ("MITOAKI:0000135", "phenotype"),
    ("MITOAKI:0000136", "phenotype"),
    ("MITOAKI:0000137", "phenotype"),
    ("MITOAKI:0000610", "technique"),
    ("MITOAKI:0000600", "study_type"),
    ("MITOAKI:0000601", "study_type"),
    ("MITOAKI:0000703", "concern"),
    ("GO:0005575", "component"),
    ("GO:0008150", "process"),
)
PREFIX_TYPES = {
    "NCBITaxon": "species",
    "HGNC": "gene",
    "CHEBI": "chemical",
    "GO": "process",
    "UBERON": "anatomy",
    "CL": "cell",
    "MONDO": "disease",
    "OBI": "method",
}


@dataclass(frozen=True)
class Mention:
    """One grounded mention: raw offsets, the text, its sentence, the term, its label and type."""

    text: str
    start: int
    end: int
    sentence: str
    curie: str
    label: str
    type: str
    #: How it matched: ``exact`` (lexicon), ``defined`` (an abbreviation the text defines),
    #: ``coordination`` (head lent by a list), ``inverted`` ("homing of MSCs"), ``adjective``
    #: ("pro-angiogenic": a process named by its adjective), ``inside`` (a process inside a
    #: phrase turned round that names an agent: "a regulator of X"), ``fuzzy`` or ``implied``;
    #: ``score`` is 1.0 unless fuzzy or implied.
    match: str = "exact"
    score: float = 1.0
    #: Offsets in the normalised text (for the later stages; not printed).
    norm_start: int = field(default=0, compare=False)
    norm_end: int = field(default=0, compare=False)
    kind: str = "mention"

    @classmethod
    def of_span(
        cls,
        document: NormalisedText,
        start: int,
        end: int,
        *,
        curie: str,
        label: str,
        type: str,
        match: str = "exact",
        score: float = 1.0,
        sentence: tuple[int, int] | None = None,
    ) -> Mention:
        """The mention of the normalised span ``[start, end)``: its raw offsets and sentence.

        ``sentence`` is the sentence's normalised span when the caller knows it.
        """
        raw_start, raw_end = document.raw_span(start, end)
        s_start, s_end = sentence or document.sentence_around(start, end)
        return cls(
            text=document.text[start:end],
            start=raw_start,
            end=raw_end,
            sentence=document.text[s_start:s_end].strip(),
            curie=curie,
            label=label,
            type=type,
            match=match,
            score=score,
            norm_start=start,
            norm_end=end,
        )

    def to_json(self) -> dict[str, object]:
        """The JSONL object of the mention."""
        return {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "curie": self.curie,
            "label": self.label,
            "type": self.type,
            "match": self.match,
            "score": self.score,
        }


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
    for word, other in _tsv(path).items():
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


def _tsv(path: Path) -> dict[str, str]:
    """The first two columns of a tab-separated file with ``#`` comment lines."""
    with path.open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row[0]: row[1] for row in rows if len(row) >= 2}


_VARIANTS = _variant_table(VARIANTS)


def stop_terms() -> frozenset[str]:
    """The CURIEs too general to propose (``stopterms.tsv``)."""
    return frozenset(_tsv(STOP_TERMS))


@dataclass
class Lexicon:
    """Surface forms (keys) -> CURIE, CURIE -> label and entity type, plus the fuzzy index."""

    forms: dict[str, str]
    labels: dict[str, str]
    types: dict[str, str] = field(default_factory=dict)
    insults: dict[str, str] = field(default_factory=dict)
    #: Every named superclass of a term (itself included), and the terms the ontology defines
    #: as a genus plus fillers (``definitions``), for the inferences of ``infer``.
    ancestors: dict[str, frozenset[str]] = field(default_factory=dict)
    defined: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Forms made from relational adjectives ("lung capillary"): matched exactly, but left out
    #: of the fuzzy index (a typo is sought near the ontology's own forms only).
    derived: frozenset[str] = frozenset()
    #: Defined term -> the fillers it derives from (``axioms.sources``).
    sources: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Forms that are adjectives of a process ("pro-angiogenic"): a mention of the process, but
    #: a modifier of what a finding measures ("anti-apoptotic proteins"), never measured itself.
    adjectival: frozenset[str] = frozenset()
    #: An insult -> the disease it closely matches, its sense in a context of diseases
    #: (``senses``).
    diseases: dict[str, str] = field(default_factory=dict)
    #: Defined term -> the fillers where a transport it is starts (``axioms.STARTS_AT``).
    starts: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_graph(cls, graph: Graph, extra: Path = ABBREVIATIONS) -> Lexicon:
        """The lexicon of an ontology graph plus the curated abbreviations."""
        forms: dict[str, str] = {}
        labels: dict[str, str] = {}
        relations = {s for kind in NOT_ENTITIES for s in graph.subjects(RDF.type, kind)}
        stop = stop_terms()
        for predicate in (RDFS.label, OIO.hasExactSynonym, OIO.hasRelatedSynonym):
            for subject, value in sorted(graph.subject_objects(predicate)):
                if not isinstance(subject, URIRef) or subject in relations:
                    continue
                curie = compress(str(subject))
                if ":" not in curie or curie.startswith("http"):
                    continue
                text = str(value)
                if predicate == RDFS.label:
                    labels.setdefault(curie, text)
                # a stop term never claims a form ("trauma" stays physical trauma, not injury)
                if curie in stop or curie.startswith(STOP_PREFIXES):
                    continue
                minimum = MIN_RELATED if predicate == OIO.hasRelatedSynonym else MIN_LENGTH
                if len(text) >= minimum:
                    forms.setdefault(key(text), curie)
        for form, curie in list(forms.items()):  # "cardiac disorder", "intra-arterial delivery"
            for variant in word_variants(form):
                forms.setdefault(variant, curie)
        adjectival = adjective_forms(forms)  # "lung capillary", "renal tissue"
        forms.update(adjectival)  # only forms not there yet
        derived = set(adjectival)
        derived |= {plural(form) for form in derived}
        for form, curie in list(forms.items()):  # simple plurals: proteins, capillaries
            if len(form) > 5 and form[-1].isalpha() and not form.endswith("s"):
                forms.setdefault(plural(form), curie)
        for curie, label in labels.items():  # "Atg5": the rodent way of writing ATG5
            if curie.startswith(GENE_PREFIX) and RODENT_SYMBOL.fullmatch(label):
                forms.setdefault(key(label[0] + label[1:].lower()), curie)
        for text, curie in _tsv(extra).items():
            forms[key(text)] = curie
        for text, curie in extra_forms():  # "BM-MSCs", "hUC-MSC": MSCs named by their tissue
            if curie in labels:
                forms.setdefault(key(text), curie)
        # "pro-angiogenic", "calcium homeostasis", "electron microscopy": matched exactly, not
        # sought by the fuzzy fallback
        adjectives = process_adjectives(forms)
        shortened = {**adjectives, **shortened_forms(forms)}
        for form, curie in shortened.items():
            forms.setdefault(form, curie)
        derived |= set(shortened)
        insults = insult_inputs(graph)
        diseases = close_diseases(graph)
        curies = set(forms.values()) | set(insults.values()) | set(diseases.values())
        ancestors = {c: frozenset(closure(graph, c)) for c in sorted(curies)}
        # what a chemical does names no chemical ("antioxidants", "the drug"), as in the whole
        # vocabularies (``compiled.LEFT_OUT``)
        roles = {c for c, seen in ancestors.items() if c.startswith("CHEBI:") and ROLE in seen}
        forms = {form: curie for form, curie in forms.items() if curie not in roles}
        derived -= {form for form in derived if form not in forms}
        types = _types(ancestors, set(insults.values()) | set(insults), labels)
        return cls(
            forms,
            labels,
            types,
            insults,
            ancestors,
            definitions(graph, curies),
            frozenset(derived),
            sources(graph),
            frozenset(
                form
                for form in adjectives
                if forms.get(form) == adjectives[form]
                and form.rsplit(" ", 1)[-1] not in PROCESS_HEADS
            ),
            diseases,
            sources(graph, STARTS_AT),
        )

    @cached_property
    def fuzzy_forms(self) -> dict[str, str]:
        """The forms the fuzzy fallback compares with (derived forms left out)."""
        return {form: curie for form, curie in self.forms.items() if form not in self.derived}

    @cached_property
    def surface(self) -> dict[str, tuple[str, ...]]:
        """CURIE -> its surface forms (keys), for phrases written round a mention."""
        out: dict[str, list[str]] = defaultdict(list)
        for form, curie in self.forms.items():
            out[curie].append(form)
        return {curie: tuple(forms) for curie, forms in out.items()}

    @cached_property
    def activations(self) -> dict[str, tuple[str, str, str]]:
        """A term -> (CURIE, label, type) of the term of its activation.

        That is where a form of the term followed by "activation" is a form of another: "DRP1"
        names the term of "DRP1 activation", and a text that writes "the inactivation of Drp1"
        speaks of that process, not of the gene's amount.
        """
        out: dict[str, tuple[str, str, str]] = {}
        for curie, surface_forms in sorted(self.surface.items()):
            for form in sorted(surface_forms):
                process = self.forms.get(key(f"{form} activation"))
                if process is not None and process != curie:
                    label = self.labels.get(process, "")
                    out.setdefault(curie, (process, label, self.type_of(process)))
        return out

    @cached_property
    def changes(self) -> dict[str, tuple[str, str, str, str]]:
        """A term named as a change of another -> (CURIE, label, type, direction) of that one.

        "decreased mitochondrial density" (a phenotype) states that mitochondrial density
        decreased: a form of the term is a participle of change before a form of another term.
        """
        out: dict[str, tuple[str, str, str, str]] = {}
        for curie, surface_forms in sorted(self.surface.items()):
            for form in sorted(surface_forms):
                first, _, rest = form.partition(" ")
                direction = CHANGE_PARTICIPLES.get(first)
                other = self.forms.get(rest) if direction and rest else None
                if direction and other is not None and other != curie:
                    label = self.labels.get(other, "")
                    out.setdefault(curie, (other, label, self.type_of(other), direction))
        return out

    @cached_property
    def folded_short(self) -> dict[str, str]:
        """Short cased forms (ROS, VEGF) in lower case -> CURIE, where that is unambiguous."""
        out: dict[str, str | None] = {}
        for form, curie in self.forms.items():
            if len(form) <= 5 and form != form.lower():
                folded = form.lower()
                out[folded] = curie if out.get(folded, curie) == curie else None
        return {form: curie for form, curie in out.items() if curie is not None}

    @cached_property
    def symbols(self) -> dict[str, str]:
        """Gene symbols in upper case -> gene (HGNC labels), for symbols written in another case."""
        return {
            label.upper(): curie
            for curie, label in self.labels.items()
            if curie.startswith(GENE_PREFIX) and " " not in label
        }

    @cached_property
    def routes(self) -> dict[str, str]:
        """The words before a route head ("intraperitoneal" of intraperitoneal administration)."""
        out: dict[str, str] = {}
        for form, curie in sorted(self.forms.items()):
            words, _, head = form.rpartition(" ")
            if words and head in ROUTE_HEADS and self.type_of(curie) == "route":
                out.setdefault(words, curie)
        return out

    @cached_property
    def elliptic(self) -> Index:
        """Forms with words left out -> (CURIE, the words), for terms a sentence writes short."""
        return elliptic_index(self.forms)

    @cached_property
    def elliptic_matcher(self) -> ahocorasick.Automaton:
        """The Aho-Corasick matcher of the short forms of ``elliptic``."""
        return matcher(self.elliptic)

    @cached_property
    def modifiers(self) -> frozenset[str]:
        """Words that modify in a form (all but the last), function words left out."""
        words = {w for form in self.forms for w in form.lower().split(" ")[:-1]}
        return frozenset(w for w in words if not FUNCTION_WORD.fullmatch(w))

    @cached_property
    def heads(self) -> frozenset[str]:
        """The last word of every form ("homing" of "MSC homing")."""
        return frozenset(form.rsplit(" ", 1)[-1].lower() for form in self.forms)

    @cached_property
    def matchers(self) -> Automata:
        """The Aho-Corasick matchers of the lexicon's forms, built once."""
        return automata(self.forms)

    def type_of(self, curie: str) -> str:
        """The entity type of a term (``other`` when none of the roots is an ancestor)."""
        return self.types.get(curie, "other")


def _types(
    ancestors: dict[str, frozenset[str]], inducers: set[str], labels: dict[str, str]
) -> dict[str, str]:
    roots = dict(TYPE_ROOTS)
    order = {root: i for i, (root, _) in enumerate(TYPE_ROOTS)}
    out = {}
    for curie, seen in ancestors.items():
        if curie in inducers:
            out[curie] = "inducer"
            continue
        found = min((order[c] for c in seen if c in roots), default=None)
        if found is not None:
            out[curie] = TYPE_ROOTS[found][1]
        elif curie.startswith("NCBITaxon:"):
            out[curie] = taxon_type(labels.get(curie, ""))
        else:
            out[curie] = PREFIX_TYPES.get(curie.split(":", 1)[0], "other")
    return out


def _boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def _defined_forms(
    text: str,
    forms: dict[str, str],
    folded: dict[str, str] | None = None,
    surface: dict[str, tuple[str, ...]] | None = None,
) -> dict[str, str]:
    """Abbreviations the text defines, grounded through their long form (or its tail).

    A short form the lexicon has in another case ("vEGF" for VEGF, ``folded``) is that term
    when one of the term's ``surface`` forms holds the long form's last word ("... growth
    factor (vEGF)"): the text marks it as an abbreviation, so it is no ordinary word.
    """
    from mitoaki.extract.rules.abbreviations import abbreviates

    out: dict[str, str] = {}
    for long_form, short in DEFINED.findall(text):
        long_form = long_form.strip()
        if key(short) in forms or not abbreviates(short, long_form):
            continue  # known, or a word in brackets that abbreviates nothing before it
        tails = [long_form] + [
            long_form[i:] for i in range(1, len(long_form)) if long_form[i - 1] == " "
        ]
        grounded = next((forms[key(tail)] for tail in tails if key(tail) in forms), None)
        if grounded is None and folded and surface:
            candidate = folded.get(key(short).lower())
            last = long_form.rsplit(" ", 1)[-1].lower()
            if candidate and any(last in f.lower().split() for f in surface.get(candidate, ())):
                grounded = candidate
        if grounded:
            out[key(short)] = grounded
    return out


Automata = tuple[ahocorasick.Automaton, ahocorasick.Automaton]


def automata(forms: Iterable[str]) -> Automata:
    """Matchers of surface forms: case-insensitive long forms, case-sensitive short ones."""
    forms = set(forms)
    short_forms = {f for f in forms if len(f) <= 5 and f != f.lower()}  # ROS, not mice
    return matcher(forms - short_forms), matcher(short_forms)


def _scan(text: str, matchers: Automata) -> list[tuple[int, int, str]]:
    """Every whole-word occurrence of a form: (start, end, form)."""
    folded = text.replace("-", " ")
    out = []
    for automaton, haystack in zip(matchers, (folded.lower(), folded), strict=True):
        if not len(automaton):
            continue
        for end_index, form in automaton.iter(haystack):
            start, end = end_index - len(form) + 1, end_index + 1
            if _boundary(text, start, end):
                out.append((start, end, form))
    return out


def _across_inline(text: str, matchers: Automata) -> list[tuple[int, int, str]]:
    """Terms an abbreviation defined inside them interrupts: (start, end, form).

    "mitochondrial DNA (mtDNA) replication" is read as if the parenthesis were not there; only
    matches that span the parenthesis are new, and their offsets are those of the text.
    """
    out = []
    for match in INLINE.finditer(text):
        lo = max(0, match.start() - INLINE_REACH)
        hi = min(len(text), match.end() + INLINE_REACH)
        cut, width = match.start() - lo, match.end() - match.start()
        window = text[lo : match.start()] + text[match.end() : hi]
        for start, end, form in _scan(window, matchers):
            if start < cut < end:
                out.append((lo + start, lo + end + width, form))
    return out


def _choose(
    candidates: list[tuple[int, int, str, str, float]],
) -> list[tuple[int, int, str, str, float]]:
    """Longest first, then leftmost; a span overlapping a chosen one is dropped."""
    chosen = []
    taken = bytearray(max((c[1] for c in candidates), default=0) + 1)
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], -c[4], c[0])):
        start, end = candidate[0], candidate[1]
        if not any(taken[start:end]):
            chosen.append(candidate)
            taken[start:end] = b"\x01" * (end - start)
    return sorted(chosen)


def _coordinated(
    text: str, chosen: list[tuple[int, int, str, str, float]], forms: dict[str, str]
) -> list[tuple[int, int, str, str, float]]:
    """Members of a list that share the head of a mention: "mitochondrial shape, density"."""
    out = []
    for start, end, curie, _, _ in chosen:
        words = text[start:end].split()
        if len(words) < 2:
            continue
        match = COORDINATED.match(text, end)
        if not match:
            continue
        head = " ".join(words[:-1])
        for member in re.finditer(r"[a-z]{3,}", match.group(1)):
            if member.group(0) in {"and", "or"}:
                continue
            grounded = forms.get(key(f"{head} {member.group(0)}"))
            if grounded and grounded != curie:
                at = match.start(1) + member.start()
                out.append((at, at + len(member.group(0)), grounded, "coordination", 1.0))
    return out


def _kept_inside(
    chosen: list[Candidate],
    before: list[Candidate],
    turned: list[Candidate],
    type_of: Callable[[str], str],
) -> list[Candidate]:
    """The chosen mentions, and the processes inside an agent phrase turned round.

    "a regulator of mitochondrial biogenesis" names the regulator's term and still mentions
    mitochondrial biogenesis: a process after the phrase's first word, displaced by it and by
    nothing else, is kept beside it when the phrase names no process itself ("generation of
    ATP" is the process of the ATP: the ATP stays out).
    """
    won = [t for t in turned if t in chosen and type_of(t[2]) != "process"]
    kept = [
        c
        for c in before
        if c not in chosen
        and type_of(c[2]) == "process"
        and any(t[0] < c[0] and c[1] <= t[1] and c[2] != t[2] for t in won)
        and not any(o[0] < c[1] and c[0] < o[1] for o in chosen if o not in won)
    ]
    return sorted(chosen + [(*c[:3], "inside", c[4]) for c in kept]) if kept else chosen


class FuzzyIndex:
    """Misspelt terms ("Wharton Jelly"): at most two edits from a long form (rapidfuzz).

    A misspelt term keeps one of its words as written: forms are indexed by their number of
    words and each content word, and a phrase is compared only with the forms of its word count
    that share a content word with it and whose length is within ``FUZZY_EDITS`` of its own (in
    the forms' original order, so ties go as over the whole list).
    """

    def __init__(self, forms: dict[str, str]) -> None:
        self.forms = [f for f in forms if len(f) >= FUZZY_MIN_LENGTH and f == f.lower()]
        self.by_word: dict[tuple[int, str], list[int]] = defaultdict(list)
        for index, form in enumerate(self.forms):
            words = form.split(" ")
            for word in dict.fromkeys(words):
                if not FUNCTION_WORD.fullmatch(word):
                    self.by_word[(len(words), word)].append(index)

    def _choices(self, phrase: str, words: list[str]) -> list[str]:
        """The forms a phrase may be a misspelling of (module docstring of ``FuzzyIndex``)."""
        found: set[int] = set()
        for word in words:
            found.update(self.by_word.get((len(words), word), ()))
        length = len(phrase)
        near = (self.forms[i] for i in sorted(found))
        return [f for f in near if abs(len(f) - length) <= FUZZY_EDITS]

    def find(
        self, text: str, taken: bytearray, forms: dict[str, str]
    ) -> list[tuple[int, int, str, str, float]]:
        """Fuzzy matches of word n-grams that no exact match covers."""
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import Levenshtein

        words = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z][\w\-α-ω]*", text)]
        out = []
        for n in FUZZY_WORDS:
            for i in range(len(words) - n + 1):
                start, end = words[i][0], words[i + n - 1][1]
                if end - start < FUZZY_MIN_LENGTH or any(taken[start:end]):
                    continue
                phrase = key(text[start:end])
                ends = phrase.split(" ")
                if FUNCTION_WORD.fullmatch(ends[0]) or FUNCTION_WORD.fullmatch(ends[-1]):
                    continue
                if phrase in forms or not PLAIN.fullmatch(phrase):
                    continue
                choices = self._choices(phrase, ends)
                if not choices:
                    continue
                best = process.extractOne(
                    phrase, choices, scorer=Levenshtein.distance, score_cutoff=FUZZY_EDITS
                )
                if best is not None:
                    score = round(fuzz.ratio(phrase, best[0]) / 100, 3)
                    if score >= FUZZY_MIN_SCORE:
                        out.append((start, end, forms[best[0]], "fuzzy", score))
        return out


def sentences(document: NormalisedText) -> list[tuple[int, int]]:
    """The sentence spans of a normalised text (block breaks such as table rows included)."""
    text = document.text
    spans = []
    start = 0
    breaks = sorted(b for b in document.breaks if b > 0)
    while start < len(text):
        end = sentence_end(text, start + 1)
        following = next((b for b in breaks if start < b < end), None)
        if following is not None:
            end = following
        if text[start:end].strip():
            spans.append((start, end))
        start = end
        while start < len(text) and text[start] == " ":
            start += 1
    return spans


def find_mentions(
    raw: str | NormalisedText,
    lexicon: Lexicon,
    *,
    fuzzy: FuzzyIndex | None = None,
    spans: list[tuple[int, int]] | None = None,
) -> list[Mention]:
    """Every grounded mention of a text, longest first, no overlaps, in text order.

    ``spans`` are the text's ``sentences``, when the caller has them already.
    """
    document = raw if isinstance(raw, NormalisedText) else normalise(raw, lexicon_words(lexicon))
    text = document.text
    defined = _defined_forms(text, lexicon.forms, lexicon.folded_short, lexicon.surface)
    forms = {**lexicon.forms, **defined} if defined else lexicon.forms
    candidates = [
        (start, end, forms[form], "adjective" if form in lexicon.adjectival else "exact", 1.0)
        for start, end, form in _scan(text, lexicon.matchers)
    ]
    candidates += [
        (start, end, forms[form], "exact", 1.0)
        for start, end, form in _across_inline(text, lexicon.matchers)
    ]
    if defined:  # abbreviations this text defines: a small matcher of their own
        candidates += [
            (start, end, defined[form], "defined", 1.0)
            for start, end, form in _scan(text, automata(defined))
        ]
    chosen = _choose(candidates)
    chosen = _choose(chosen + _coordinated(text, chosen, forms))
    chosen = _choose(chosen + shared_heads(text, forms, key))
    chosen = _choose(chosen + listed_routes(text, lexicon.routes))
    chosen = _choose(
        chosen + listed_symbols(text, chosen, lexicon.symbols, lambda c: c.startswith(GENE_PREFIX))
    )
    turned = inverted(text, chosen, forms, lexicon.surface, key, lexicon.heads)
    unturned = chosen
    chosen = _choose(chosen + turned)
    chosen = _choose(chosen + acting_through(text, chosen, forms, lexicon.surface, key))
    short, replaced = elliptic(
        text,
        sentences(document) if spans is None else spans,
        chosen,
        lexicon.elliptic,
        lexicon.ancestors,
        lexicon.modifiers,
        lexicon.elliptic_matcher,
    )
    chosen = _choose([c for c in chosen if c not in replaced] + short)
    if fuzzy is not None:
        taken = bytearray(len(text) + 1)
        for start, end, *_ in chosen:
            taken[start:end] = b"\x01" * (end - start)
        chosen = _choose(chosen + fuzzy.find(text, taken, forms))
    if lexicon.diseases:
        chosen = disease_senses(text, chosen, lexicon.diseases, lexicon.type_of)
    chosen = _kept_inside(chosen, unturned, turned, lexicon.type_of)
    return [
        Mention.of_span(
            document,
            start,
            end,
            curie=curie,
            label=lexicon.labels.get(curie, ""),
            type=lexicon.type_of(curie),
            match=how,
            score=score,
        )
        for start, end, curie, how, score in chosen
    ]


def lexicon_words(lexicon: Lexicon) -> set[str]:
    """Trusted words for normalisation (ligature repair): every word of every surface form."""
    return {w for form in lexicon.forms for w in form.split()}
