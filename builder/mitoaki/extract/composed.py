"""Terms a text names by joining its mentions in a phrase, without writing their label.

- a **source**: a thing said to come from a source ("cells isolated from bone marrow or
  adipose tissue", "medium derived from MSCs", "MSC-derived medium") names the term whose form
  joins the two ("mesenchymal stem cell of adipose tissue", "MSC conditioned medium"), each
  written as in the text or as any form of the term mentioned there; in the active voice, an
  agent that secretes a thing ("MSCs secrete ... growth factors") names "MSC-secreted growth
  factor".

- a **possessive**: "their X" after a mention of MSCs or their products is "X of MSCs" ("MSCs
  act ... by their paracrine activity" names MSC paracrine activity), the antecedent being the
  last such mention in the sentence or the one before, plural for "their", singular for "its".

- a **chain**: a term named for the members of a signalling chain ("NAD+/SIRT3/PGC-1α axis",
  "PI3K/Akt pathway") is named where one sentence mentions every member close together
  ("restoring NAD+, activating SIRT3 and raising PGC-1α").

- a **product**: "N of X generation" (a process that produces X) is "X N" where that is a term
  ("a burst of ROS generation" names a ROS burst); the process stays a mention of its own.

Each is an implied mention (``infer.implied``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from mitoaki.extract.forms import key
from mitoaki.extract.graph_lexicon import Lexicon
from mitoaki.extract.infer import implied
from mitoaki.extract.mentions import Mention

#: "X isolated from (various sources, such as) Y": X ends at the match's start, Y starts at
#: its end.
SOURCED = re.compile(
    r"(?:\s+(?:can|could|may|might|were|was|are|is|be|been|being|first|often|usually)){0,3}"
    r"\s+(?:isolated|derived|obtained|harvested|extracted|collected|prepared|released|secreted)"
    r"\s+(?:from|by)\s+(?:(?:[a-z]+\s+){0,3}[a-z]+,?\s+(?:such as|including|like)\s+)?"
    r"(?:the\s+)?"
)
#: "Y-derived X": Y is a mention ending at the hyphen.
DERIVED = re.compile(r"-(?:derived|isolated|secreted|released) ")
#: Members of a list of sources: "bone marrow or adipose tissue", "bone marrow, fat and cord".
LIST_GAP = re.compile(r",?\s+(?:and|or)\s+(?:the\s+)?|,\s+(?:the\s+)?")
#: Words of a plain phrase that may be the thing a source gives ("conditioned medium").
PHRASE_WORDS = 3
AFTER_WORDS = re.compile(rf"[A-Za-z][\w\-]*(?: [A-Za-z][\w\-]*){{0,{PHRASE_WORDS - 1}}}")
BEFORE_WORDS = re.compile(r"((?:[A-Za-z][\w\-]*[ /]){0,5}[A-Za-z][\w\-]*)$")


#: "MSCs (are able to) secrete ... growth factors": the verb of an agent that gives things.
SECRETES = re.compile(r"\b(?:secret(?:e|es|ed|ing)|releas(?:e|es|ing)|produc(?:e|es|ing))\b")
#: How far the agent may stand before the verb, and its object run after it (words).
AGENT_GAP = re.compile(r"(?:\s+[a-z]+){0,4}\s+$")
OBJECT = re.compile(r"[^.;:()\[\]]{1,120}")


def secreted_terms(
    text: str, mentions: list[Mention], spans: Iterable[tuple[int, int]], lexicon: Lexicon
) -> list[Mention]:
    """Things an agent is said to secrete: "MSCs are able to secrete ... growth factors".

    The active voice of ``sourced_terms``' "secreted by": an MSC (product) mention at most four
    words before the verb, and a phrase of up to three words in the object run after it (to
    the next parenthesis or stop) whose "Y-secreted X" is a form ("MSC-secreted growth factor").
    """
    agents = [m for m in mentions if m.type in AGENTS and m.match != "implied"]
    out: list[Mention] = []
    for lo, hi in spans:
        for verb in SECRETES.finditer(text, lo, hi):
            agent = next(
                (
                    m
                    for m in reversed(agents)
                    if lo <= m.norm_start
                    and m.norm_end <= verb.start()
                    and AGENT_GAP.fullmatch(text, m.norm_end, verb.start())
                ),
                None,
            )
            run = OBJECT.match(text, verb.end(), hi)
            if agent is None or run is None:
                continue
            words = [(w.start(), w.end()) for w in re.finditer(r"[A-Za-z][\w\-]*", run.group(0))]
            found: dict[str, int] = {}
            for i in range(len(words)):
                for n in range(1, PHRASE_WORDS + 1):
                    if i + n > len(words):
                        break
                    thing = run.group(0)[words[i][0] : words[i + n - 1][1]]
                    for y in _forms(agent, lexicon):
                        curie = lexicon.forms.get(key(f"{y} secreted {thing}"))
                        if curie is not None and curie not in found:
                            found[curie] = run.start() + words[i + n - 1][1]
            out += [
                implied(agent, curie, lexicon, agent.norm_start, end, text=text)
                for curie, end in found.items()
            ]
    return out


def sourced_terms(
    text: str, mentions: list[Mention], spans: Iterable[tuple[int, int]], lexicon: Lexicon
) -> list[Mention]:
    """Terms named by a thing and its source (see the module docstring)."""
    ends = {m.norm_end: m for m in mentions if m.match != "implied"}
    starts = {m.norm_start: m for m in mentions if m.match != "implied"}
    out: list[Mention] = []
    for lo, hi in spans:
        for link in SOURCED.finditer(text, lo, hi):
            things = _things_before(text, link.start(), lo, ends, lexicon)
            at = link.end()
            while at in starts and starts[at].norm_end <= hi:
                source = starts[at]
                out += _joined(text, things, source, lexicon, reverse=False)
                gap = LIST_GAP.match(text, source.norm_end)
                if gap is None:
                    break
                at = gap.end()
        for link in DERIVED.finditer(text, lo, hi):
            if link.start() not in ends:
                continue
            source = ends[link.start()]
            words = AFTER_WORDS.match(text, link.end(), hi)
            if words is None:
                continue
            phrase = words.group(0).split()
            things = [
                (" ".join(phrase[:n]), link.end(), link.end() + len(" ".join(phrase[:n])))
                for n in range(1, len(phrase) + 1)
            ]
            if link.end() in starts:
                thing = starts[link.end()]
                things += [(f, thing.norm_start, thing.norm_end) for f in _forms(thing, lexicon)]
            out += _joined(text, things, source, lexicon, reverse=True)
    return out


#: "their X": the pronoun, then up to three words (a slash joins two: "paracrine/endocrine").
POSSESSIVE = re.compile(r"\b(their|its) ([A-Za-z][\w\-/]*(?: [A-Za-z][\w\-/]*){0,2})", re.I)
#: Antecedents of a possessive: MSCs and what they give.
AGENTS = frozenset({"msc", "msc_product"})


def possessive_terms(
    text: str, mentions: list[Mention], spans: list[tuple[int, int]], lexicon: Lexicon
) -> list[Mention]:
    """Terms "their X" names with the last MSC (product) mentioned (see the module docstring)."""
    agents = [m for m in mentions if m.type in AGENTS and m.match != "implied"]
    out: list[Mention] = []
    for index, (lo, hi) in enumerate(spans):
        for match in POSSESSIVE.finditer(text, lo, hi):
            since = spans[index - 1][0] if index else lo
            plural = match.group(1).lower() == "their"
            antecedent = next(
                (
                    m
                    for m in reversed(agents)
                    if since <= m.norm_start
                    and m.norm_end <= match.start()
                    and m.text.endswith("s") == plural
                ),
                None,
            )
            if antecedent is None:
                continue
            words = match.group(2).split(" ")
            things = [
                (" ".join(words[:n]), match.start(2), match.start(2) + len(" ".join(words[:n])))
                for n in range(1, len(words) + 1)
            ]
            for found in _joined(text, things, antecedent, lexicon, reverse=True):
                start, end = match.start(), found.norm_end
                out.append(replace(found, text=text[start:end], norm_start=start))
    return out


#: The last word of a term named for the members of a chain, written "A/B/C axis".
CHAIN_HEADS = frozenset({"axis", "pathway", "signaling", "signalling", "cascade"})
#: At most this many characters from the first member's mention to the last one's.
CHAIN_REACH = 120


def chains(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """Term -> the terms of its members, for forms "A/B/C axis" whose every member is a term."""
    out: dict[str, frozenset[str]] = {}
    for form, curie in sorted(lexicon.forms.items()):
        words, _, head = form.rpartition(" ")
        if head not in CHAIN_HEADS or "/" not in words:
            continue
        members = []
        for part in words.split("/"):
            member = (
                lexicon.forms.get(key(part))
                or lexicon.folded_short.get(part)
                or lexicon.symbols.get(part.upper())
            )
            if member is None:
                break
            members.append(member)
        else:
            if len(set(members)) == len(members) >= 2:
                out.setdefault(curie, frozenset(members))
    return out


def chain_terms(
    text: str,
    mentions: list[Mention],
    spans: list[tuple[int, int]],
    lexicon: Lexicon,
    named: dict[str, frozenset[str]],
) -> list[Mention]:
    """Chain terms (``chains``) whose every member a sentence mentions close together."""
    out: list[Mention] = []
    for lo, hi in spans:
        inside = [m for m in mentions if lo <= m.norm_start and m.norm_end <= hi]
        for curie, members in named.items():
            if any(m.curie == curie for m in inside):
                continue
            found = [next((m for m in inside if m.curie == c), None) for c in members]
            if any(m is None for m in found):
                continue
            first = min(m.norm_start for m in found if m is not None)
            last = max(m.norm_end for m in found if m is not None)
            if last - first <= CHAIN_REACH:
                anchor = next(m for m in found if m is not None and m.norm_start == first)
                out.append(implied(anchor, curie, lexicon, first, last, text=text))
    return out


#: Nouns of a process that produces its first words' thing ("ROS generation" produces ROS).
PRODUCING = frozenset({"generation", "production", "formation", "synthesis"})
#: "N of (the)" right before a mention.
NOUN_OF = re.compile(r"\b([A-Za-z][a-z]{2,}) of (?:the )?$")


def produced_terms(text: str, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """Terms "X N" named as "N of X generation" (see the module docstring)."""
    out: list[Mention] = []
    for mention in mentions:
        words = key(mention.text).split(" ")
        if len(words) < 2 or words[-1].lower() not in PRODUCING:
            continue
        before = NOUN_OF.search(text, max(0, mention.norm_start - 40), mention.norm_start)
        if before is None:
            continue
        thing = " ".join(words[:-1])
        curie = lexicon.forms.get(key(f"{thing} {before.group(1)}"))
        if curie is not None and curie != mention.curie:
            out.append(
                implied(mention, curie, lexicon, before.start(), mention.norm_end, text=text)
            )
    return out


def _forms(mention: Mention, lexicon: Lexicon) -> list[str]:
    """A mention as written (and singular) and as any form of its term."""
    written = mention.text.lower().replace("-", " ")
    out = [written, written[:-1] if written.endswith("s") else written]
    return out + list(lexicon.surface.get(mention.curie, ()))


def _things_before(
    text: str, end: int, lo: int, ends: dict[int, Mention], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """What comes from a source, ending at ``end``: (phrase, start, end).

    A mention ending there, or the last words of each member of a slash list ("conditioned
    medium/extracellular vesicles").
    """
    out: list[tuple[str, int, int]] = []
    if end in ends:
        thing = ends[end]
        out += [(f, thing.norm_start, thing.norm_end) for f in _forms(thing, lexicon)]
    before = text[max(lo, end - 80) : end]
    words = BEFORE_WORDS.search(before)
    if words is None:
        return out
    start = end - len(words.group(1))
    for member in re.finditer(r"[^/]+", words.group(1)):
        tokens = member.group(0).split()
        for n in range(1, min(PHRASE_WORDS, len(tokens)) + 1):
            phrase = " ".join(tokens[-n:])
            out.append((phrase, start + member.end() - len(phrase), end))
    return out


def _joined(
    text: str,
    things: list[tuple[str, int, int]],
    source: Mention,
    lexicon: Lexicon,
    *,
    reverse: bool,
) -> list[Mention]:
    """The terms "X of Y" or "Y X" forms for a thing X and its source Y (longest X first)."""
    found: dict[str, tuple[int, int]] = {}
    for thing, start, end in sorted(things, key=lambda t: -len(t[0])):
        for y in _forms(source, lexicon):
            for phrase in (f"{thing} of {y}", f"{thing} of the {y}", f"{y} {thing}"):
                curie = lexicon.forms.get(key(phrase))
                if curie is not None and curie not in found and curie != source.curie:
                    found[curie] = (start, end)
    out = []
    for curie, (start, end) in found.items():
        lo, hi = (
            (source.norm_start, end)
            if reverse
            else (min(start, source.norm_start), source.norm_end)
        )
        out.append(implied(source, curie, lexicon, lo, hi, text=text))
    return out
