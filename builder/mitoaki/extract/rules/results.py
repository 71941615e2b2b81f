"""Results sentences: the subject of a passive change, and which group a comparison puts first.

- **passive subject**: "The levels of A, B and C in the kidney were markedly reduced by the
  treatment" measures A, B and C, however long the subject: the measured mentions of the clause
  before "was / were" (a clause starts at the sentence, or after "while", "whereas", "but", a
  semicolon, a relative pronoun: "X, which is activated" has no subject of its own), an opening
  adverbial phrase ("After two days, ...") left out, up to the first agent or comparison ("by",
  "with", "than", "compared"), never one named as a place ("in the kidney");
- **the injury as agent**: a change the injury brings about ("X induced by cisplatin",
  "cisplatin raised X") is the model's, not the treatment's: no finding (the findings are the
  treatment's effects);
- **the injury named after a treated object**: in "the grafts ameliorated tubular necrosis
  induced by gentamicin" the reduced relative says where the necrosis came from, whatever its
  agent: its change is the injury's (``induced_after_object``), unless the agent is the
  treatment itself ("induced by MSCs", "by the drug");
- **a sentence of the model**: one that names the injury and no treatment ("within two days of
  the injury the rats lost weight") tells the model's changes, not the treatment's: its
  findings are marked as the injury's too (``model_only``);
- **the control group first**: findings are stated for the treatment against the injured,
  untreated group. "X was higher in the vehicle group than in the treated one" states that the
  treatment lowered X: a change said of a control group (vehicle, placebo, saline, untreated,
  control) against another group is the opposite change of the treatment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mitoaki.extract.mentions import Mention

#: The types of what is given in a study.
GIVEN = frozenset({"chemical", "intervention", "msc", "msc_product"})
#: Words of giving a treatment (``model_only``).
TREATED = re.compile(
    r"\b(?:treat\w*|therap\w*|administ\w*|inject\w*|infus\w*|transplant\w*|given|giving|"
    r"pre-?incubat\w*|pre-?treat\w*|supplement\w*)",
    re.IGNORECASE,
)
#: A verb of being, adverbs allowed, right before a (participle) cue.
PASSIVE_BE = re.compile(
    r"\b(?:was|were|is|are|been|be)\s+(?:(?:\w+ly|also|further|then|not)\s+)*$", re.IGNORECASE
)
CLAUSE_BREAK = re.compile(r"[;:]|\b(?:while|whereas|but|which|that|who|where)\b", re.IGNORECASE)
#: An adverbial phrase opening a clause, up to its comma ("After two days of culture,").
OPENING = re.compile(
    r"\s*(?:following|after|before|during|in|at|on|upon|within|compared|by|with|when|"
    r"three|two|one|four|five|six|seven)\b[^,]{0,80},",
    re.IGNORECASE,
)
#: Words that end a passive subject: an agent, a comparison, a time after.
SUBJECT_END = re.compile(
    r"\b(?:by|with|than|compared|versus|vs|relative|following|after|upon)\b", re.IGNORECASE
)
#: A place a mention is named as ("in the kidney"), not what was measured.
PLACE = re.compile(r"\b(?:in|into|within|from|inside)(?:\s+the)?\s*$", re.IGNORECASE)
#: Words of the injury or its model, where no mention names it ("induced by ischemia").
INJURY_WORDS = (
    r"septic|endotox(?:a)?emic|isch(?:a)?emic|injured|nephrotoxic|ur(?:a)?emic|azot(?:a)?emic|"
    r"sepsis|endotox(?:a)?emia|isch(?:a)?emia|reperfusion|hypoxi\w*|injury|AKI|IRI|I/R|H/R|CLP"
)
#: The injury as the agent of a reduced relative ("apoptosis induced by (renal) ischemia").
BY_INJURY = re.compile(rf"(?:[\w\-/]+\s+)?(?:{INJURY_WORDS})\b", re.IGNORECASE)
#: A participle of causing and its "by" before a mention: the mention is a reduced relative's
#: agent ("X induced by cisplatin"), which says where X came from.
CAUSED_BY = re.compile(
    r"\b(?:induced|caused|triggered|evoked|elicited|provoked|produced|mediated)\s+by\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
#: A group that received no treatment, and the words that compare two groups.
CONTROL = re.compile(r"\b(?:vehicle|placebo|saline|untreated|control|sham)\w*", re.IGNORECASE)
IN_GROUP = re.compile(
    r"\s*(?:\w+ly\s+)?in\s+(?:the\s+)?((?:[\w\-]+\s+){0,3}?[\w\-]+)\s+"
    r"(?:groups?|kidneys?|animals?|mice|rats|pigs|swine|cells|patients|tissues?)?",
    re.IGNORECASE,
)
COMPARED = re.compile(r"\b(?:compared|than|relative|versus|vs)\b", re.IGNORECASE)


def passive_subject(
    text: str, s_start: int, cue_start: int, measured: Sequence[Mention]
) -> list[Mention]:
    """The measured mentions of a passive cue's subject (module docstring), in text order.

    >>> from mitoaki.extract.mentions import Mention
    >>> text = "The levels of IL6 and CCL2 in the kidney were markedly reduced by the cells."
    >>> def at(word: str) -> Mention:
    ...     i = text.index(word)
    ...     return Mention(word, i, i, "", "X:" + word, word, "gene", norm_start=i,
    ...                    norm_end=i + len(word))
    >>> [m.text for m in passive_subject(text, 0, text.index("reduced"), [at("IL6"), at("CCL2")])]
    ['IL6', 'CCL2']
    """
    before = text[s_start:cue_start]
    be = PASSIVE_BE.search(before)
    if be is None:
        return []
    start = s_start
    for match in CLAUSE_BREAK.finditer(before, 0, be.start()):
        start = s_start + match.end()
    opening = OPENING.match(text, start)
    if opening is not None and opening.end() < s_start + be.start():
        start = opening.end()
    end = s_start + be.start()
    stop = SUBJECT_END.search(text, start, end)
    if stop is not None:
        end = stop.start()
    return [
        m
        for m in measured
        if start <= m.norm_start
        and m.norm_end <= end
        and not PLACE.search(text[start : m.norm_start])
    ]


def control_first(text: str, cue_end: int, s_end: int) -> bool:
    """Whether the change after ``cue_end`` is said of a control group against another group.

    >>> text = "IL6 was higher in the vehicle group than in treated rats."
    >>> control_first(text, text.index("higher") + 6, len(text))
    True
    >>> text = "IL6 was lower in the treated group than in the vehicle group."
    >>> control_first(text, text.index("lower") + 5, len(text))
    False
    """
    group = IN_GROUP.match(text, cue_end, s_end)
    if group is None or not CONTROL.search(group.group(0)):
        return False
    compared = COMPARED.search(text, group.end(), s_end)
    if compared is None:
        return False
    return not CONTROL.search(text, compared.end(), min(s_end, compared.end() + 60))


#: An agent phrase right after a cue ("induced by cisplatin", "raised markedly by the insult").
BY_AGENT = re.compile(r"\s+(?:\w+ly\s+)?by\s+(?:(?:the|a|an)\s+)?", re.IGNORECASE)
#: Between an agent and its active cue: adverbs and auxiliaries ("cisplatin has further raised").
#: A preposition before a mention: it is the object of a phrase, not a clause's subject ("X
#: induced by cisplatin fell": cisplatin is no agent of the fall).
OBJECT_OF = re.compile(
    r"\b(?:by|with|after|following|of|to|in|from|against|on)\s+(?:the\s+)?$", re.IGNORECASE
)
AGENT_GAP = re.compile(r"\s+(?:(?:has|have|had|also|further|then|\w+ly)\s+)*", re.IGNORECASE)


def injury_agent(text: str, cue_start: int, cue_end: int, injuries: Sequence[Mention]) -> bool:
    """Whether an injury (an inducer or injury model mention) is the agent of a cue.

    >>> from mitoaki.extract.mentions import Mention
    >>> text = "IL6 induced by cisplatin fell after EVs; cisplatin markedly raised CCL2."
    >>> at = [i for i in range(len(text)) if text.startswith("cisplatin", i)]
    >>> hurt = [Mention("cisplatin", 0, 0, "", "X:1", "", "inducer", norm_start=i,
    ...                 norm_end=i + 9) for i in at]
    >>> def cue(word):
    ...     i = text.index(word)
    ...     return injury_agent(text, i, i + len(word), hurt)
    >>> cue("induced"), cue("fell"), cue("raised")
    (True, False, True)
    """
    by = BY_AGENT.match(text, cue_end)
    if by is not None and (
        any(m.norm_start == by.end() for m in injuries) or BY_INJURY.match(text, by.end())
    ):
        return True
    return any(
        m.norm_end < cue_start
        and AGENT_GAP.fullmatch(text, m.norm_end, cue_start)
        and not OBJECT_OF.search(text, max(0, m.norm_start - 20), m.norm_start)
        for m in injuries
    )


def model_only(
    text: str,
    span: tuple[int, int],
    here: Sequence[Mention],
    injuries: Sequence[Mention],
    measured: Sequence[Mention],
) -> bool:
    """Whether a sentence tells the model's changes only: it names the injury and no treatment.

    No cells, product, intervention or chemical given (a chemical ``measured`` in it is none),
    no word of giving one (``TREATED``). An injury named only as the agent of a reduced
    relative ("the grafts lowered X induced by cisplatin") says where X came from: the
    sentence is not the model's for it.

    >>> from mitoaki.extract.mentions import Mention
    >>> text = "After cisplatin the ATP fell; given MitoQ, the ATP rose."
    >>> hurt = [Mention("cisplatin", 0, 0, "", "X:1", "", "inducer", norm_start=6, norm_end=15)]
    >>> model_only(text, (0, 28), hurt, hurt, [])
    True
    >>> model_only(text, (0, len(text)), hurt, hurt, [])
    False
    """
    said = [m for m in injuries if not CAUSED_BY.search(text, span[0], m.norm_start)]
    if not said or TREATED.search(text, *span):
        return False
    spans = {(m.norm_start, m.norm_end) for m in measured}
    return not any(m.type in GIVEN and (m.norm_start, m.norm_end) not in spans for m in here)


#: A participle of causing and its "by", an article allowed: "induced by (the) gentamicin".
CAUSED_BY_AT = re.compile(
    r"(?:induced|caused|triggered|evoked|elicited|provoked)\s+by\s+(?:(?:a|an)\s+)?",
    re.IGNORECASE,
)
#: The treatment spoken of again: a determiner or pronoun and no name ("by the drug", "by them").
SPOKEN_AGAIN = re.compile(r"(?:the|this|these|those|such|them|it|its|their)\b", re.IGNORECASE)
#: What is given and never an injury: cells, their products, an intervention.
TREATMENTS = frozenset({"msc", "msc_product", "intervention"})


def induced_after_object(
    text: str,
    cue_start: int,
    targets: Sequence[Mention],
    last: tuple[int, Sequence[Mention], str] | None,
    mentions: Sequence[Mention],
) -> bool:
    """Whether "induced by X" after the object of the cue before (``last``) names the injury.

    ``targets`` are what the participle at ``cue_start`` speaks of; ``last`` is the end, targets
    and direction of the cue before. X is the treatment where it is cells, their product or an
    intervention, or a determiner or pronoun with no name (module docstring).

    >>> from mitoaki.extract.mentions import Mention
    >>> text = "MSCs lowered necrosis induced by gentamicin, not necrosis induced by them."
    >>> def at(word: str, kind: str, nth: int = 0) -> Mention:
    ...     i = [i for i in range(len(text)) if text.startswith(word, i)][nth]
    ...     return Mention(word, i, i, "", "X:" + word, word, kind, norm_start=i,
    ...                    norm_end=i + len(word))
    >>> necrosis, drug = at("necrosis", "process"), at("gentamicin", "chemical")
    >>> cue = text.index("induced")
    >>> induced_after_object(text, cue, [necrosis], (12, [necrosis], "decreased"), [drug])
    True
    >>> later = at("necrosis", "process", 1)
    >>> induced_after_object(text, text.index("induced", cue + 1), [later],
    ...                      (12, [later], "decreased"), [drug])
    False
    >>> induced_after_object(text, cue, [necrosis], None, [drug])
    False
    """
    by = CAUSED_BY_AT.match(text, cue_start)
    if by is None or last is None or not targets:
        return False
    if not all(t.norm_start >= last[0] and t in last[1] for t in targets):
        return False  # the phrase is no object of the cue before: a subject, a clause's own
    agent = next((m for m in mentions if m.norm_start == by.end()), None)
    if agent is not None:
        return agent.type not in TREATMENTS
    return not SPOKEN_AGAIN.match(text, by.end())
