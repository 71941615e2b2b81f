"""Find grounded entity mentions in a text with a multi-pattern (Aho-Corasick) matcher.

The ontology is the lexicon: every label and exact synonym of the ontology and its imports, the
curated short forms in ``abbreviations.tsv``, and the abbreviations a text defines itself
("extracellular vesicles (EVs)"). Matching runs on normalised text (hyphenation, lost ligatures,
Unicode repaired) on word boundaries, longest match first; offsets map back to the raw file.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import ahocorasick
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from mitoaki.namespaces import OIO, compress
from mitoaki.textnorm import normalise

ABBREVIATIONS = Path(__file__).with_name("abbreviations.tsv")
DEFINED = re.compile(r"([A-Za-z][\w\-α-ω ]{3,80}?) \(([A-Za-z][\w\-+/α-ω]{1,12})\)")
MIN_LENGTH = 3


@dataclass(frozen=True)
class Mention:
    """One grounded mention: raw offsets, the text, its sentence, the term and its label."""

    text: str
    start: int
    end: int
    sentence: str
    curie: str
    label: str
    kind: str = "mention"

    def to_json(self) -> dict[str, object]:
        """The JSONL object of the mention."""
        return asdict(self)


@dataclass
class Lexicon:
    """Surface forms (lower-cased, except short forms) -> CURIE, and CURIE -> label."""

    forms: dict[str, str]
    labels: dict[str, str]

    @classmethod
    def from_graph(cls, graph: Graph, extra: Path = ABBREVIATIONS) -> Lexicon:
        """The lexicon of an ontology graph plus the curated abbreviations."""
        forms: dict[str, str] = {}
        labels: dict[str, str] = {}
        for predicate in (RDFS.label, OIO.hasExactSynonym):
            for subject, value in sorted(graph.subject_objects(predicate)):
                if not isinstance(subject, URIRef):
                    continue
                curie = compress(str(subject))
                if ":" not in curie or curie.startswith("http"):
                    continue
                text = str(value)
                if predicate == RDFS.label:
                    labels.setdefault(curie, text)
                if len(text) >= MIN_LENGTH:
                    forms.setdefault(key(text), curie)
        with extra.open(encoding="utf-8") as handle:
            rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
            for text, curie in rows:
                forms[key(text)] = curie
        return cls(forms, labels)


def key(text: str) -> str:
    """The matching key of a surface form: case kept for short forms (ROS vs ros), else lower.

    >>> key("Mitochondrial Fission"), key("ROS")
    ('mitochondrial fission', 'ROS')
    """
    return text if len(text) <= 5 else text.lower()


def _automaton(forms: Iterable[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for form in forms:
        automaton.add_word(form, form)
    automaton.make_automaton()
    return automaton


def _boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def find_mentions(raw: str, lexicon: Lexicon) -> list[Mention]:
    """Every grounded mention of a raw text, longest first, no overlaps, in text order."""
    document = normalise(raw, {w for form in lexicon.forms for w in form.split()})
    text = document.text
    forms = dict(lexicon.forms)
    for long_form, short in DEFINED.findall(text):  # abbreviations the text defines
        grounded = forms.get(key(long_form.strip())) or next(
            (
                forms[key(long_form[i:].strip())]
                for i in range(len(long_form))
                if long_form[i - 1 : i] == " " and key(long_form[i:].strip()) in forms
            ),
            None,
        )
        if grounded and key(short) not in forms:
            forms[key(short)] = grounded
    short_forms = {f for f in forms if len(f) <= 5}
    candidates = []
    for automaton, haystack in (
        (_automaton(f for f in forms if f not in short_forms), text.lower()),
        (_automaton(short_forms), text),
    ):
        for end_index, form in automaton.iter(haystack):
            start, end = end_index - len(form) + 1, end_index + 1
            if _boundary(text, start, end):
                candidates.append((start, end, forms[form]))
    chosen: list[tuple[int, int, str]] = []
    taken = [False] * (len(text) + 1)
    for start, end, curie in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if not any(taken[start:end]):
            chosen.append((start, end, curie))
            for i in range(start, end):
                taken[i] = True
    mentions = []
    for start, end, curie in sorted(chosen):
        raw_start, raw_end = document.raw_span(start, end)
        s_start, s_end = document.sentence_around(start, end)
        mentions.append(
            Mention(
                text[start:end],
                raw_start,
                raw_end,
                text[s_start:s_end].strip(),
                curie,
                lexicon.labels.get(curie, ""),
            )
        )
    return mentions
