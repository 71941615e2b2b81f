"""Find grounded entity mentions in a text with a multi-pattern (Aho-Corasick) matcher.

The lexicon is the ontology's (``graph_lexicon``) plus the abbreviations a text defines itself
("extracellular vesicles (EVs)"). Matching runs on normalised text (hyphenation, lost
ligatures, Unicode repaired) with hyphens folded to spaces and simple plurals, on word
boundaries, longest match first (``matching``); a coordinated list ("mitochondrial shape,
density and mass") lends its head to each member, a phrase turned round ("homing of MSCs") or
written with a relational adjective ("lung capillaries" for pulmonary capillary) names its term
(``wordforms``), and a fuzzy fallback (rapidfuzz) catches misspelt multi-word terms. Offsets map
back to the raw file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mitoaki.core.textnorm import NormalisedText, normalise, sentence_end
from mitoaki.extract.coordination import listed_routes, listed_symbols, shared_heads
from mitoaki.extract.ellipsis import elliptic
from mitoaki.extract.forms import key
from mitoaki.extract.graph_lexicon import GENE_PREFIX, Lexicon, lexicon_words
from mitoaki.extract.matching import (
    FuzzyIndex,
    across_inline,
    automata,
    choose,
    coordinated,
    defined_forms,
    kept_inside,
    scan,
)
from mitoaki.extract.senses import disease_senses
from mitoaki.extract.wordforms import Candidate, acting_through, inverted


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
    #: phrase turned round that names an agent: "a regulator of X"), ``part`` (an organ's part
    #: said without the organ: ``rules.parts``), ``site`` (a route named by its site, no term:
    #: ``rules.names``), ``cause`` (an unnamed word before "-induced AKI": ``rules.inducers``),
    #: ``possessive`` ("their function" of the entity before: ``rules.possessive``),
    #: ``fuzzy`` or ``implied``;
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


def _exact(
    text: str, lexicon: Lexicon, forms: dict[str, str], defined: dict[str, str]
) -> list[Candidate]:
    """The forms as written: the lexicon's, across an inline abbreviation, the text's own."""
    candidates = [
        (start, end, forms[form], "adjective" if form in lexicon.adjectival else "exact", 1.0)
        for start, end, form in scan(text, lexicon.matchers)
    ]
    candidates += [
        (start, end, forms[form], "exact", 1.0)
        for start, end, form in across_inline(text, lexicon.matchers)
    ]
    if defined:  # abbreviations this text defines: a small matcher of their own
        candidates += [
            (start, end, defined[form], "defined", 1.0)
            for start, end, form in scan(text, automata(defined))
        ]
    return candidates


def _grown(
    text: str, chosen: list[Candidate], forms: dict[str, str], lexicon: Lexicon
) -> tuple[list[Candidate], list[Candidate], list[Candidate]]:
    """The mentions with those lists, routes, symbols and phrases turned round add.

    Returns the mentions, those before phrases turned round were added, and those phrases.
    """
    chosen = choose(chosen + coordinated(text, chosen, forms))
    chosen = choose(chosen + shared_heads(text, forms, key))
    chosen = choose(chosen + listed_routes(text, lexicon.routes))
    chosen = choose(
        chosen + listed_symbols(text, chosen, lexicon.symbols, lambda c: c.startswith(GENE_PREFIX))
    )
    turned = inverted(text, chosen, forms, lexicon.surface, key, lexicon.heads)
    unturned = chosen
    chosen = choose(chosen + turned)
    chosen = choose(chosen + acting_through(text, chosen, forms, lexicon.surface, key))
    return chosen, unturned, turned


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
    defined = defined_forms(text, lexicon.forms, lexicon.folded_short, lexicon.surface)
    forms = {**lexicon.forms, **defined} if defined else lexicon.forms
    chosen, unturned, turned = _grown(
        text, choose(_exact(text, lexicon, forms, defined)), forms, lexicon
    )
    short, replaced = elliptic(
        text,
        sentences(document) if spans is None else spans,
        chosen,
        lexicon.elliptic,
        lexicon.ancestors,
        lexicon.modifiers,
        lexicon.elliptic_matcher,
    )
    chosen = choose([c for c in chosen if c not in replaced] + short)
    if fuzzy is not None:
        taken = bytearray(len(text) + 1)
        for start, end, *_ in chosen:
            taken[start:end] = b"\x01" * (end - start)
        chosen = choose(chosen + fuzzy.find(text, taken, forms))
    if lexicon.diseases:
        chosen = disease_senses(text, chosen, lexicon.diseases, lexicon.type_of)
    chosen = kept_inside(chosen, unturned, turned, lexicon.type_of)
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
