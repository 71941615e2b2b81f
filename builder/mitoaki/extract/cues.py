"""Cue -> direction: the words of change a finding is read from, and the direction each states.

A cue is a verb, noun, comparative or arrow of change (increased, reduced, higher, more, fewer,
↑, ↓, attenuated, restored...). Directions are stated against the injured, untreated
comparator: what is restored, recovered or rescued was lost, so it is increased; "normalized"
alone says normalised. A cue governing a change noun composes with it ("reversed the decrease
in ATP" is increased, "attenuated the increase in ROS" decreased). A worsening raises an injury
and lowers a function ("aggravated tubular injury", "worsened renal function"); an improvement
lowers a harm; easing a harm said of a function makes more of it.
"""

from __future__ import annotations

import re

from mitoaki.extract.mentions import Mention

_INCREASE = (
    r"increas(?:e|ed|es|ing)|elevat(?:e|ed|es|ing|ion)|up-?regulat(?:e|ed|es|ing|ion)|"
    r"raised?|rose|rise|enhanc(?:e|ed|es|ing|ement)|promot(?:e|ed|es|ing)|augment(?:ed|s|ing)?|"
    r"activat(?:e|ed|es|ing|ion)|stimulat(?:e|ed|es|ing|ion)|boost(?:ed|s|ing)?|"
    r"induc(?:e|ed|es|ing|tion)|higher|greater|accumulat(?:ed|ion)|replenish(?:ed|ment|ing)?|"
    r"improv(?:e|ed|es|ing|ement)|more|"
    r"prolong(?:ed|s|ing)?(?=\s+(?:the\s+)?(?:survival|life\s?span|life-span))"
)
_DECREASE = (
    r"decreas(?:e|ed|es|ing)|reduc(?:e|ed|es|ing|tion)|lower(?:ed|s|ing)?|fell|fall|"
    r"declin(?:e|ed|es|ing)|attenuat(?:e|ed|es|ing|ion)|inhibit(?:ed|s|ing|ion)?|"
    r"suppress(?:ed|es|ing|ion)?|down-?regulat(?:e|ed|es|ing|ion)|diminish(?:ed|es|ing)?|"
    r"alleviat(?:e|ed|es|ing|ion)|deactivat(?:e|ed|es|ing|ion)|inactivat(?:e|ed|es|ing|ion)|amelior(?:ate|ated|ates|ating|ation)|mitigat(?:e|ed|es|ing)|"
    r"prevent(?:ed|s|ing)?|block(?:ed|s|ing)?|impair(?:ed|s|ing|ment)|less|limit(?:ed|s|ing)|"
    r"reliev(?:e|ed|es|ing)|loss|lost|drop(?:ped|s)?|abolish(?:ed|es)?|fewer|deficits?|"
    r"deplet(?:e|ed|es|ing|ion)|abrogat(?:e|ed|es|ing|ion)|blunt(?:ed|s|ing)?|"
    r"dampen(?:ed|s|ing)?|lessen(?:ed|s|ing)?|curtail(?:ed|s|ing)?"
)
_NORMALISED = r"normali[sz](?:e|ed|es|ing|ation)"
#: Undoing a change: what is restored was lost, so it is higher than in the injured comparator;
#: so is what is preserved (kept from being lost).
_RESTORED = (
    r"restor(?:e|ed|es|ing|ation)|recover(?:ed|s|y|ing)?|rescu(?:e|ed|es|ing)|"
    r"preserv(?:e|ed|es|ing|ation)"
)
#: Undoing a change whose direction only the governed change noun or an earlier cue tells.
_REVERSED = r"revers(?:e|ed|es|ing|al)"
#: Making something worse: more of an injury, less of a function (``worsened``).
_WORSENED = (
    r"exacerbat(?:e|ed|es|ing|ion)|aggravat(?:e|ed|es|ing|ion)|worsen(?:ed|s|ing)?|"
    r"deteriorat(?:e|ed|es|ing|ion)"
)
_NO_CHANGE = r"unchanged|unaltered|unaffected"
_CHANGE = r"chang(?:e|ed|es)|alter(?:ed|s)?|affect(?:ed|s)?|differ(?:ed|ence)?"
CUES = re.compile(
    rf"(?P<up>↑)|(?P<down>↓)|\b(?:(?P<increased>{_INCREASE})|(?P<decreased>{_DECREASE})|"
    rf"(?P<normalised>{_NORMALISED})|(?P<restored>{_RESTORED})|(?P<reversed>{_REVERSED})|"
    rf"(?P<worsened>{_WORSENED})|"
    rf"(?P<no_change>{_NO_CHANGE})|(?P<change>{_CHANGE}))\b",
    re.IGNORECASE,
)
NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|without|failed to|fail to|unable to)\b[\w\s,-]{0,20}$",
    re.IGNORECASE,
)
#: Cues that say what causes something: with a disease, its aetiology, not a change measured.
CAUSING = re.compile(r"induc(?:e|ed|es|ing|tion)", re.IGNORECASE)
#: A change noun that turns off what its "of" phrase names: "the inactivation of X".
DEACTIVATION = re.compile(r"(?:de|in)activation", re.IGNORECASE)


def direction_of(match: re.Match[str]) -> str | None:
    """The direction a cue states ("reduced": decreased, "↑": increased)."""
    group = match.lastgroup
    return {"up": "increased", "down": "decreased"}.get(group or "", group)


#: What a worsening lowers rather than raises: a function or a healthy state.
BENEFIT = re.compile(r"\b(?:function|viability|survival|integrity|recovery|repair)\b", re.I)


def worsened(target: Mention) -> str:
    """The direction of a worsened entity: less of a function, more of anything else.

    "Worsened renal function" is decreased, "aggravated tubular injury" increased.

    >>> from mitoaki.extract.mentions import Mention
    >>> def m(label: str) -> Mention:
    ...     return Mention(label, 0, 0, "", "X:1", label, "phenotype")
    >>> worsened(m("renal function")), worsened(m("mitochondrial dysfunction phenotype"))
    ('decreased', 'increased')
    """
    return "decreased" if BENEFIT.search(target.label or target.text) else "increased"


#: What an improvement lowers rather than raises: a harm ("improved fat accumulation").
HARM = re.compile(
    r"\b(?:injur(?:y|ies)|damage|dysfunction|death|necrosis|apoptosis|fibrosis|inflammation|"
    r"mortality|loss|lesions?|accumulation|swelling|o?edema|congestion|infiltration|stress|"
    r"deficits?|impairment|toxicity|failure)\b",
    re.IGNORECASE,
)
IMPROVED = re.compile(r"improv\w*", re.IGNORECASE)
#: Cues of making a harm less bad: said of a function, they make more of it.
EASED = re.compile(r"(?:amelior|alleviat|mitigat|reliev)\w*", re.IGNORECASE)


def improved(target: Mention) -> str:
    """The direction of an improved entity: less of a harm, more of anything else.

    >>> from mitoaki.extract.mentions import Mention
    >>> def m(label: str) -> Mention:
    ...     return Mention(label, 0, 0, "", "", label, "phenotype")
    >>> improved(m("fat accumulation")), improved(m("renal function"))
    ('decreased', 'increased')
    """
    return "decreased" if HARM.search(target.label or target.text) else "increased"


#: Cues of coming back from a harm: said of the harm, less of it ("recovery from AKI").
RESTORING = re.compile(r"(?:restor|recover|rescu)\w*", re.IGNORECASE)
#: The direction that undoes a change; a worsening undone is a betterment ("ameliorated the
#: deterioration of X"): more of a function, less of a harm (``said_of``).
OPPOSITE = {
    "increased": "decreased",
    "decreased": "increased",
    "worsened": "bettered",
    "bettered": "worsened",
}
#: Cues that undo a change, and what they give when nothing says which change they undo.
UNDOING = {"restored": "increased", "reversed": "normalised"}


def compose(outer: str, inner: str) -> str:
    """The direction of a governed change: "attenuated the increase" is a decrease.

    Undoing a change ("restored the loss of X", "reversed the increase in Y") gives the
    opposite direction: findings are stated against the injured, untreated comparator.

    >>> compose("decreased", "increased"), compose("normalised", "decreased")
    ('decreased', 'normalised')
    >>> compose("decreased", "decreased"), compose("increased", "decreased")
    ('increased', 'decreased')
    >>> compose("reversed", "decreased"), compose("restored", "increased")
    ('increased', 'decreased')
    >>> compose("decreased", "worsened"), compose("increased", "worsened")
    ('bettered', 'worsened')
    """
    if outer in {"no_change", "normalised"}:
        return outer
    if outer == "decreased" or outer in UNDOING:
        return OPPOSITE.get(inner, UNDOING.get(outer, inner))
    return inner


def said_of(direction: str, cue: str, target: Mention) -> str:
    """The direction a cue states of one target, read through a worsening, improving or easing.

    >>> def m(label: str) -> Mention:
    ...     return Mention(label, 0, 0, "", "", label, "phenotype")
    >>> said_of("increased", "improved", m("fat accumulation"))
    'decreased'
    >>> said_of("decreased", "ameliorated", m("renal function"))
    'increased'
    >>> said_of("bettered", "deterioration", m("renal function"))
    'increased'
    >>> said_of("increased", "recovery", m("tubular injury"))
    'decreased'
    """
    said = worsened(target) if direction in {"worsened", "bettered"} else direction
    if direction == "bettered":
        return OPPOSITE[said]
    harm = target.type == "disease" or HARM.search(target.label or target.text)
    if RESTORING.fullmatch(cue) and harm:
        return OPPOSITE.get(said, said)  # "recovery from AKI": less of it
    if said == "increased" and IMPROVED.fullmatch(cue):
        return improved(target)
    if said == "decreased" and EASED.fullmatch(cue) and BENEFIT.search(target.label or target.text):
        return "increased"  # "ameliorated renal function": made better, so more of it
    return said


def causes(cue: str, target: Mention, adjacent: bool) -> bool:
    """Whether a cue of causing names a harm's cause rather than a change measured.

    "Sepsis induces AKI" gives a disease its aetiology; "reperfusion induced liver injury",
    the participle right before the harm (``adjacent``: nothing between, the harm after),
    says which injury it is, as "reperfusion-induced" would.

    >>> def m(label: str, kind: str = "phenotype") -> Mention:
    ...     return Mention(label, 0, 0, "", "", label, kind)
    >>> causes("induced", m("liver injury"), True), causes("induced", m("liver injury"), False)
    (True, False)
    >>> causes("induces", m("sepsis", "disease"), False), causes("induced", m("ATP"), True)
    (True, False)
    >>> causes("inducing", m("liver injury"), True)  # a verb: "drugs inducing liver injury"
    False
    """
    if not CAUSING.fullmatch(cue):
        return False
    harm = HARM.search(target.label or target.text) is not None
    return target.type == "disease" or (adjacent and harm and cue.lower() == "induced")
