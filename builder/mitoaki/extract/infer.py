"""Terms a text names without writing their label: what the ontology says its mentions imply.

Two inferences, each a sound reading of an axiom of the ontology:

- an **insult**: a chemical that defines an AKI insult ("cisplatin exposure" = an AKI insult
  with input cisplatin) implies the insult where the text treats it as one (an ``inducer``).
  The reader then proposes the insult in the chemical's place: in a text about AKI models the
  chemical is the injury given, and the records name that as the insult class (a model's
  ``inducer``); the chemical stays in the table rows and findings stages, which read it;
- a **defined term**: a term defined as a genus plus fillers ("MSC-derived extracellular
  vesicle" = extracellular vesicle derived from a mesenchymal stem cell; "cisplatin-induced rat
  AKI model" = in vivo AKI model with inducer cisplatin exposure in taxon rat) is implied where
  a genus and every filler (or a subclass of each) are mentioned close together in a sentence
  ("extracellular vesicles derived from Wharton's jelly MSCs"), or in one row of a
  flattened study table. A model's genus is satisfied by a mention of acute kidney injury
  ("cisplatin-induced AKI rats"), and by the table row itself, whose every row is a model.

- a **filler**: a term written whole whose definition names fillers mentions each of them
  ("rapamycin treatment" = a therapeutic intervention with input sirolimus names sirolimus),
  where the text does not already name the filler there.

Terms a phrase joins from its mentions (a source, a possessive, a chain, a product) are in
``composed``.

Implied mentions carry ``match="implied"`` and a lower score; only the most specific defined
term of a window is proposed, and never one the window already names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from mitoaki.extract.graph_lexicon import Lexicon
from mitoaki.extract.mentions import Mention

#: The experimental AKI model class and the disease it models.
MODEL = "MITOAKI:0000200"
AKI = "MONDO:0002492"
#: At most this many words from the first to the last mention a defined term is built from.
WINDOW_WORDS = 14
IMPLIED_SCORE = 0.8
WORD = re.compile(r"\w+")
PARENTHESIS = re.compile(r"\([^()]{0,40}\)")
#: A list of named things (masked to "_" by ``_distance``): it counts as one word.
MASKED_LIST = re.compile(r"_(?:\s*(?:,\s*(?:(?:and|or)\s+)?|\s(?:and|or)\s+)_)+")
#: Words that join a thing and its source ("vesicles secreted by MSCs", "MSC-derived"): a term
#: defined by what it derives from is implied only when its parts are joined so, or adjacent.
DERIVATION = re.compile(
    r"\b(?:deriv\w*|secret\w*|releas\w*|produc\w*|shed\w*|isolat\w*|obtain\w*|generat\w*|"
    r"from)\b",
    re.IGNORECASE,
)
#: At most this many words between a thing and its source with no word of derivation.
ADJACENT_WORDS = 1
#: What joins a transport to where it starts: "from", at most one word, the start ("transfer
#: from grafted MSCs"); a start before the transport must be adjacent ("MSC mitochondrial
#: transfer").
STARTS_FROM = re.compile(r"\s+from\s+(?:\w+\s+)?", re.IGNORECASE)


def implied_insults(mentions: Iterable[Mention], lexicon: Lexicon) -> list[Mention]:
    """The AKI insult each inducer chemical stands for ("Cisplatin" -> cisplatin exposure)."""
    out = []
    for mention in mentions:
        insult = lexicon.insults.get(mention.curie)
        if insult and mention.type == "inducer":
            out.append(implied(mention, insult, lexicon, mention.norm_start, mention.norm_end))
    return out


def fillers(mentions: Iterable[Mention], lexicon: Lexicon) -> list[Mention]:
    """The fillers of each term mentioned whole ("rapamycin treatment" -> sirolimus).

    Only terms the text writes (not ones implied from their parts, which are built from the
    fillers), and only fillers no mention inside the same span already names.
    """
    written = [m for m in mentions if m.match != "implied"]
    out = []
    for mention in written:
        parts = lexicon.defined.get(mention.curie)
        if not parts:
            continue
        inside = {
            m.curie
            for m in written
            if mention.norm_start <= m.norm_start and m.norm_end <= mention.norm_end
        }
        for filler in parts[1:]:
            if filler in lexicon.insults:
                continue  # an inducer chemical is proposed as its insult, here the term itself
            if filler not in inside and filler in lexicon.labels:
                out.append(implied(mention, filler, lexicon, mention.norm_start, mention.norm_end))
    return out


def defined_terms(
    text: str,
    mentions: list[Mention],
    spans: Iterable[tuple[int, int]],
    lexicon: Lexicon,
    *,
    rows: Iterable[tuple[int, int]] = (),
) -> list[Mention]:
    """Defined terms whose genus and fillers a window mentions (see the module docstring)."""
    row_spans = set(rows)
    out: list[Mention] = []
    for span in spans:
        inside = [m for m in mentions if span[0] <= m.norm_start and m.norm_end <= span[1]]
        if len(inside) < 2:
            continue
        found: dict[str, tuple[int, int]] = {}
        for term, parts in lexicon.defined.items():
            where = _satisfied(
                text,
                inside,
                parts,
                lexicon,
                table=span in row_spans,
                derived_from=lexicon.sources.get(term, frozenset()),
                starts=lexicon.starts.get(term, frozenset()),
            )
            if where is not None and not _named(inside, term, lexicon):
                found[term] = where
        for term, (start, end) in sorted(found.items()):
            if any(o != term and _subsumes(lexicon, term, o) for o in found):
                continue  # a more specific defined term holds here
            anchor = next(m for m in inside if m.norm_start == start)
            out.append(implied(anchor, term, lexicon, start, end, text=text))
    return out


def _subsumes(lexicon: Lexicon, general: str, specific: str) -> bool:
    """Whether ``general`` holds of whatever ``specific`` holds of (asserted or by definition)."""
    if general in lexicon.ancestors.get(specific, ()):
        return True
    parts, more = lexicon.defined.get(general), lexicon.defined.get(specific)
    if not parts or not more:
        return False
    return all(any(p in lexicon.ancestors.get(q, ()) for q in more) for p in parts)


def _named(inside: list[Mention], term: str, lexicon: Lexicon) -> bool:
    """Whether the window already names the term or something more specific."""
    return any(term in lexicon.ancestors.get(m.curie, ()) for m in inside)


def _satisfied(
    text: str,
    inside: list[Mention],
    parts: tuple[str, ...],
    lexicon: Lexicon,
    *,
    table: bool,
    derived_from: frozenset[str] = frozenset(),
    starts: frozenset[str] = frozenset(),
) -> tuple[int, int] | None:
    """The span of the mentions that fill every part of a definition, if they are close."""
    genus, *fillers = parts
    chosen: list[Mention] = []
    for filler in fillers:
        candidates = [m for m in inside if filler in lexicon.ancestors.get(m.curie, ())]
        if not candidates:
            return None
        chosen.append(candidates[0])
    genus_mentions = [m for m in inside if genus in lexicon.ancestors.get(m.curie, ())]
    if not genus_mentions and MODEL in lexicon.ancestors.get(genus, ()):
        if table:
            return min(m.norm_start for m in chosen), max(m.norm_end for m in chosen)
        if any(m.type == "species" for m in chosen):  # an animal with AKI is a model of it
            genus_mentions = [m for m in inside if AKI in lexicon.ancestors.get(m.curie, ())]
    if not genus_mentions:
        return None
    anchor = chosen[0]
    genus_mention = min(genus_mentions, key=lambda m: abs(m.norm_start - anchor.norm_start))
    for source in (m for m, f in zip(chosen, fillers, strict=True) if f in derived_from):
        lo, hi = sorted((source, genus_mention), key=lambda m: m.norm_start)
        between = text[lo.norm_end : hi.norm_start]
        if not DERIVATION.search(between) and len(WORD.findall(between)) > ADJACENT_WORDS:
            return None  # no word says the thing comes from that source
    for origin in (m for m, f in zip(chosen, fillers, strict=True) if f in starts):
        if origin.norm_start > genus_mention.norm_end:
            if not STARTS_FROM.fullmatch(text, genus_mention.norm_end, origin.norm_start):
                return None  # the transport does not start there
        elif WORD.search(text, origin.norm_end, genus_mention.norm_start):
            return None
    chosen.append(genus_mention)
    start, end = min(m.norm_start for m in chosen), max(m.norm_end for m in chosen)
    if not table and _distance(text, start, end, inside) > WINDOW_WORDS:
        return None
    return start, end


def _distance(text: str, start: int, end: int, inside: list[Mention]) -> int:
    """Words from ``start`` to ``end`` outside other mentions and parenthesised asides.

    A list of named things counts as one word ("TNTs, microvesicles, gap junctions": the last
    member is as near as the first).
    """
    mask = list(PARENTHESIS.sub(lambda m: " " * len(m.group(0)), text[start:end]))
    for mention in inside:
        lo, hi = max(mention.norm_start, start), min(mention.norm_end, end)
        if lo < hi:
            mask[lo - start : hi - start] = "_" + " " * (hi - lo - 1)
    return len(WORD.findall(MASKED_LIST.sub("_", "".join(mask))))


def implied(
    mention: Mention,
    curie: str,
    lexicon: Lexicon,
    start: int,
    end: int,
    *,
    text: str | None = None,
) -> Mention:
    """The mention of ``curie`` implied at ``[start, end)``, copied from ``mention``."""
    return replace(
        mention,
        text=mention.text if text is None else text[start:end],
        curie=curie,
        label=lexicon.labels.get(curie, ""),
        type=lexicon.type_of(curie),
        match="implied",
        score=IMPLIED_SCORE,
        norm_start=start,
        norm_end=end,
    )
