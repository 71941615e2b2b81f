"""The ontology's lexicon: the surface forms of its terms, their labels and entity types.

The ontology is the lexicon: every label and exact synonym of the ontology and its imports
(related synonyms too, when long enough to be unambiguous), their lexical variants and simple
plurals, the forms relational adjectives make ("lung capillaries" for pulmonary capillary,
``wordforms``), rodent gene symbols, the curated short forms in ``abbreviations.tsv`` and the
MSCs named by their tissue. A term's type is the first of ``TYPE_ROOTS`` among its ancestors.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import ahocorasick
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from mitoaki.core.namespaces import OIO, compress
from mitoaki.extract.axioms import (
    STARTS_AT,
    close_diseases,
    closure,
    definitions,
    insult_inputs,
    sources,
)
from mitoaki.extract.coordination import ROUTE_HEADS
from mitoaki.extract.ellipsis import Index, elliptic_index, matcher
from mitoaki.extract.forms import (
    ABBREVIATIONS,
    FUNCTION_WORD,
    key,
    pairs,
    plural,
    stop_terms,
    word_variants,
)
from mitoaki.extract.lexicon.kinds import taxon_type
from mitoaki.extract.lexicon.names import extra_forms
from mitoaki.extract.matching import Automata, automata
from mitoaki.extract.wordforms import (
    PROCESS_HEADS,
    UNDERGOING_HEADS,
    adjective_forms,
    process_adjectives,
    shortened_forms,
)

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
MIN_LENGTH = 3
#: Related synonyms are used only from this length on (short aliases are too ambiguous).
MIN_RELATED = 8
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
        forms, labels = _graph_forms(graph)
        derived, adjectives = _grow(forms, labels, extra)
        insults = insult_inputs(graph)
        diseases = close_diseases(graph)
        curies = set(forms.values()) | set(insults.values()) | set(diseases.values())
        ancestors = {c: frozenset(closure(graph, c)) for c in sorted(curies)}
        # what a chemical does names no chemical ("antioxidants", "the drug"), as in the whole
        # vocabularies (``kinds.LEFT_OUT``)
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
                and form.rsplit(" ", 1)[-1] not in PROCESS_HEADS + UNDERGOING_HEADS
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


def _graph_forms(graph: Graph) -> tuple[dict[str, str], dict[str, str]]:
    """The forms (keys) of the graph's labels and synonyms -> CURIE, and each term's label."""
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
    return forms, labels


def _grow(
    forms: dict[str, str], labels: dict[str, str], extra: Path
) -> tuple[set[str], dict[str, str]]:
    """Add the forms the graph's names make to ``forms``: the derived ones, and the adjectives.

    Variants, relational adjectives, plurals, rodent symbols, the curated short forms and MSCs
    named by their tissue; the derived forms are matched exactly but not sought by the fuzzy
    fallback. Returns the derived forms and the process adjectives ("pro-angiogenic").
    """
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
    for text, curie in pairs(extra).items():
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
    return derived, adjectives


def lexicon_words(lexicon: Lexicon) -> set[str]:
    """Trusted words for normalisation (ligature repair): every word of every surface form."""
    return {w for form in lexicon.forms for w in form.split()}
