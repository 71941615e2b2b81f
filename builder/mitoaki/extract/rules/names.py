"""Words that are part of a longer name, not mentions of their own.

- **a cell type's name**: "umbilical vein endothelial cells" names one cell type; the vein and
  the endothelial cell its words also name are how the name says which cell it is, not an
  anatomy or a cell the text speaks of. A mention inside a longer cell-type mention is part of
  its name, unless the longer one names stem cells by their source ("adipose MSCs"), whose
  source tissue a curator records (``of_msc``);
- **the sample of a lab value**: in "blood urea nitrogen", "serum creatinine", "urine
  output" the body fluid says where a quantity was measured; a fluid mention right before an
  analyte (a chemical or gene mention) or a quantity noun (``SAMPLED``) is not an anatomy
  mention ("blood bacterial loads" or "the blood of the rats" keep theirs);
- **patients of the background**: human is a study's species where human cells are used or
  where a clinical study enrols patients; in a text that is no clinical study (no trial,
  enrolment, cohort: ``CLINICAL``), patients in a sentence that gives them nothing (no word of
  treating: ``results.TREATED``) are the people the disease strikes ("in patients with sepsis
  the kidney is ..."), no study population (``background_patients``);
- **a process an agent is named for**: "the mitochondrial biogenesis regulator" names the
  regulator and mentions the process it regulates, as "a regulator of X" does (``inside``: a
  mention that is not measured): ``agent_processes``;
- **a molecule's own process**: in "IL-17 secretion" or "NLRP3 gene expression" the generic
  process (``OWN_PROCESS``) is the named molecule's; the molecule is what the text speaks of,
  not secretion or gene expression in general (``molecule_processes``);
- **a class that describes**: "X is a cyclic tetrapeptide", "Y, an anionic phospholipid": a
  chemical class said with "a" or "an" says what a named thing is, no substance the study
  used or measured (``described``);
- **a route named by its site**: "renal parenchymal injection", "hepatic subcapsular
  infusion": an organ's word, the site's adjective and a word of giving name a route no
  vocabulary has a term for (a name-only route mention: ``site_routes``);
- **an organ's adjective before a harm or a function**: "renal tubular damage" names the
  tubular damage of the kidney; the term is the same, and the organ's word is part of the
  name the text gives it (``organ_said``: the mention takes it in).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from mitoaki.core.textnorm import NormalisedText
from mitoaki.extract.cues import CUES
from mitoaki.extract.forms import key
from mitoaki.extract.graph_lexicon import Lexicon
from mitoaki.extract.mentions import Mention
from mitoaki.extract.rules.results import TREATED

MSC_OF = "mesenchymal stem cell of "
#: Body fluids a lab value is measured in.
FLUID = re.compile(r"(?:whole\s+)?(?:blood|serum|sera|plasma|urine|urinary)", re.IGNORECASE)
#: What a fluid word before it is the sample of: a quantity noun.
SAMPLED = re.compile(
    r"\s+(?:output|flow|volume|pressure|levels?|concentrations?|counts?)\b", re.IGNORECASE
)
#: An organ's adjective or noun right before a mention.
ORGAN_BEFORE = re.compile(
    r"\b(?:renal|kidney|hepatic|liver|cardiac|myocardial|pulmonary|lung|cerebral|brain)\s+$",
    re.IGNORECASE,
)
#: The types of a harm or a function an organ's word may qualify.
QUALIFIED = frozenset({"phenotype"})
HUMAN = "NCBITaxon:9606"
#: The last word of an agent's name after the process it acts on ("X regulator").
AGENT_NOUN = re.compile(
    r"\s+(?:regulators?|inducers?|inhibitors?|activators?|mediators?|modulators?)$", re.I
)
#: Words of a clinical study: a text with one may study its patients.
CLINICAL = re.compile(
    r"\b(?:trials?|enrol\w*|recruit\w*|randomi[sz]ed|cohorts?|participants|"
    r"phase\s+(?:[iv]+|\d)[ab]?)\b",
    re.IGNORECASE,
)
#: Words for the people a disease strikes.
PATIENTS = re.compile(r"(?:patients?|subjects?|individuals|people|persons)", re.IGNORECASE)
#: Generic processes a molecule named right before them undergoes.
OWN_PROCESS = re.compile(
    r"(?:gene\s+)?(?:expression|secretion|production|release|synthesis|transcription|"
    r"translation|degradation|uptake)",
    re.IGNORECASE,
)
#: An indefinite article and up to three modifiers right before a mention.
DESCRIBING = re.compile(r"\b(?:a|an)\s+(?:[\w\-/]+\s+){0,3}$", re.IGNORECASE)
#: A route named by the organ, the site's adjective (after "sub", "intra", "peri") and a word
#: of giving: "renal parenchymal injection", "kidney sub capsular injection".
SITE_ROUTE = re.compile(
    r"\b(?:renal|kidney|hepatic|liver|cardiac|myocardial|pulmonary|lung|cerebral|splenic)\s+"
    r"(?:(?:sub|intra|peri)[\s\-]?)?[a-z]+(?:al|ar|ic|ous)\s+"
    r"(?:injections?|infusions?|administrations?|implantations?)\b",
    re.IGNORECASE,
)
#: The types of an analyte a fluid word before it is the sample of.
ANALYTES = frozenset({"chemical", "gene"})


def of_msc(mention: Mention) -> bool:
    """Whether a mention names MSCs of one source: an MSC term, or a CL label "MSC of <place>".

    The term tables list no parent for CL's "mesenchymal stem cell of the bone marrow" (its
    axiom is an equivalence), so its label tells what it is.
    """
    return mention.type == "msc" or mention.label.startswith(MSC_OF)


def in_cell_name(mentions: Sequence[Mention]) -> set[int]:
    """The ``id`` of each mention inside a longer cell-type mention, but the source tissue of MSCs.

    Inside MSCs named by their source only a more general cell type ("stem cells" of
    "adipose-derived stem cells") is part of the name; the source tissue stays a mention.

    >>> def m(text, start, kind, label=""):
    ...     return Mention(text, start, start + len(text), "", "X:" + text, label, kind)
    >>> cell = m("umbilical vein endothelial cells", 0, "cell", "endothelial cell of vein")
    >>> vein, endo = m("vein", 10, "anatomy"), m("endothelial cells", 15, "cell")
    >>> sorted(x.text for x in (cell, vein, endo) if id(x) in in_cell_name([cell, vein, endo]))
    ['endothelial cells', 'vein']
    >>> msc = m("adipose mesenchymal stem cells", 0, "cell", MSC_OF + "adipose")
    >>> found = [msc, m("adipose", 0, "anatomy"), m("stem cells", 20, "cell")]
    >>> [x.text for x in found if id(x) in in_cell_name(found)]
    ['stem cells']
    """
    cells = [c for c in mentions if c.type == "cell"]
    return {
        id(m)
        for m in mentions
        for c in cells
        if c.start <= m.start
        and m.end <= c.end
        and m.end - m.start < c.end - c.start
        and not of_msc(m)
        and (m.type == "cell" or not of_msc(c))
    }


def sample_fluids(text: str, mentions: Sequence[Mention]) -> set[int]:
    """The ``id`` of each anatomy mention of a body fluid that names a lab value's sample.

    ``text`` is the normalised text the mentions' ``norm_start`` and ``norm_end`` index.

    >>> text = "Blood urea fell, urine output rose and blood cells died."
    >>> def m(word, kind, at=0):
    ...     i = text.index(word, at)
    ...     return Mention(word, i, i + len(word), "", "X:" + word, word, kind,
    ...                    norm_start=i, norm_end=i + len(word))
    >>> found = [m("Blood", "anatomy"), m("urea", "chemical"), m("urine", "anatomy"),
    ...          m("blood", "anatomy", 20)]
    >>> [x.text for x in found if id(x) in sample_fluids(text, found)]
    ['Blood', 'urine']
    """
    starts = {m.norm_start for m in mentions if m.type in ANALYTES}
    out = set()
    for m in mentions:
        if m.type != "anatomy" or not FLUID.fullmatch(text, m.norm_start, m.norm_end):
            continue
        gap = len(text) - len(text[m.norm_end :].lstrip(" "))
        if gap in starts or SAMPLED.match(text, m.norm_end):
            out.add(id(m))
    return out


def organ_said(document: NormalisedText, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions, a harm or function with the organ's word before it taken into its span.

    An organ word another mention holds stays that mention's.

    >>> from mitoaki.core.textnorm import normalise
    >>> doc = normalise("It eased hepatic tubular damage.")
    >>> at = doc.text.index("tubular")
    >>> harm = Mention.of_span(doc, at, at + 14, curie="X:1", label="tubular damage",
    ...                        type="phenotype")
    >>> [m.text for m in organ_said(doc, [harm])]
    ['hepatic tubular damage']
    """
    text = document.text
    out = []
    for m in mentions:
        before = ORGAN_BEFORE.search(text, max(0, m.norm_start - 12), m.norm_start)
        if before is None or m.type not in QUALIFIED:
            out.append(m)
            continue
        if all(o.norm_end <= before.start() or o.norm_start >= m.norm_start for o in mentions):
            grown = Mention.of_span(
                document, before.start(), m.norm_end, curie=m.curie, label=m.label, type=m.type
            )
            m = replace(m, text=grown.text, start=grown.start, norm_start=grown.norm_start)
        out.append(m)
    return out


def background_patients(text: str, mentions: Sequence[Mention]) -> set[int]:
    """The ``id`` of each mention of patients of the background (module docstring).

    >>> def m(sentence):
    ...     return Mention("patients", 0, 0, sentence, HUMAN, "", "species")
    >>> said = [m("In patients with gout the joints ache."), m("Patients were given the drug.")]
    >>> [x.sentence for x in said if id(x) in background_patients("", said)]
    ['In patients with gout the joints ache.']
    >>> [background_patients(t, said) for t in ("A randomized trial.", "A phase IIb study.")]
    [set(), set()]
    """
    if CLINICAL.search(text):
        return set()
    return {
        id(m)
        for m in mentions
        if m.curie == HUMAN and PATIENTS.fullmatch(m.text) and not TREATED.search(m.sentence)
    }


def agent_processes(
    document: NormalisedText, mentions: Sequence[Mention], lexicon: Lexicon
) -> list[Mention]:
    """The processes that mentions of agents are named for ("X regulator" mentions X).

    >>> from mitoaki.core.textnorm import normalise
    >>> from mitoaki.extract.graph_lexicon import Lexicon
    >>> lexicon = Lexicon({"mitophagy": "G:1"}, {"G:1": "mitophagy"}, {"G:1": "process"})
    >>> doc = normalise("A mitophagy inducer was given.")
    >>> agent = Mention.of_span(doc, 2, 19, curie="X:1", label="", type="chemical")
    >>> [(m.text, m.curie, m.match) for m in agent_processes(doc, [agent], lexicon)]
    [('mitophagy', 'G:1', 'inside')]
    """
    out = []
    for m in mentions:
        tail = AGENT_NOUN.search(m.text)
        if tail is None or m.type == "process":
            continue
        curie = lexicon.forms.get(key(m.text[: tail.start()]))
        if curie is not None and lexicon.type_of(curie) == "process":
            out.append(
                Mention.of_span(
                    document,
                    m.norm_start,
                    m.norm_start + tail.start(),
                    curie=curie,
                    label=lexicon.labels.get(curie, ""),
                    type="process",
                    match="inside",
                )
            )
    return out


def molecule_processes(text: str, mentions: Sequence[Mention]) -> set[int]:
    """The ``id`` of each generic process mention that a molecule named right before it owns.

    >>> text = "IL-17 secretion fell; secretion rose."
    >>> def m(word, kind, at=0):
    ...     i = text.index(word, at)
    ...     return Mention(word, i, i + len(word), "", "X:" + word, word, kind,
    ...                    norm_start=i, norm_end=i + len(word))
    >>> found = [m("IL-17", "gene"), m("secretion", "process"), m("secretion", "process", 20)]
    >>> [x.norm_start for x in found if id(x) in molecule_processes(text, found)]
    [6]
    """
    ends = {m.norm_end for m in mentions if m.type in ANALYTES}
    out = set()
    for m in mentions:
        if m.type != "process" or not OWN_PROCESS.fullmatch(m.text):
            continue
        before = text[: m.norm_start]
        if len(before) - len(before.rstrip(" ")) == 1 and len(before) - 1 in ends:
            out.add(id(m))
    return out


def _modifies(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` modifies the next: a hyphen or a change word follows."""
    return text[end : end + 1] == "-" or CUES.match(text, end + 1) is not None


def described(text: str, mentions: Sequence[Mention]) -> set[int]:
    """The ``id`` of each chemical mention said with an indefinite article: a describing class.

    An analyte named between the article and the class ("an IL-6 inhibitor") keeps it, and so
    does a class that modifies what follows it ("an NAD+-dependent enzyme", "a greater creatine
    reduction").

    >>> text = "Cardiolipin, an anionic phospholipid, binds the drug."
    >>> def m(word, kind="chemical"):
    ...     i = text.index(word)
    ...     return Mention(word, 0, 0, "", "X:" + word, "", kind, norm_start=i,
    ...                    norm_end=i + len(word))
    >>> found = [m("Cardiolipin"), m("anionic phospholipid")]
    >>> [x.text for x in found if id(x) in described(text, found)]
    ['anionic phospholipid']
    """
    out = set()
    for m in mentions:
        article = DESCRIBING.search(text, max(0, m.norm_start - 40), m.norm_start)
        if m.type != "chemical" or article is None or _modifies(text, m.norm_end):
            continue
        if not any(
            article.start() <= o.norm_start < m.norm_start for o in mentions if o.type in ANALYTES
        ):
            out.add(id(m))
    return out


def site_routes(document: NormalisedText, mentions: Sequence[Mention]) -> list[Mention]:
    """Name-only route mentions of routes named by their site, where no route mention is.

    >>> from mitoaki.core.textnorm import normalise
    >>> doc = normalise("Cells were given by hepatic subcapsular injection to dogs.")
    >>> [(m.text, m.type, m.curie) for m in site_routes(doc, [])]
    [('hepatic subcapsular injection', 'route', '')]
    """
    routes = [m for m in mentions if m.type == "route"]
    return [
        Mention.of_span(
            document, match.start(), match.end(), curie="", label="", type="route", match="site"
        )
        for match in SITE_ROUTE.finditer(document.text)
        if not any(m.norm_start < match.end() and match.start() < m.norm_end for m in routes)
    ]


def no_mentions(text: str, mentions: Sequence[Mention]) -> set[int]:
    """The ``id`` of each mention that is a word of a longer name or no study's (module doc)."""
    return (
        in_cell_name(mentions)
        | sample_fluids(text, mentions)
        | background_patients(text, mentions)
        | molecule_processes(text, mentions)
        | described(text, mentions)
    )
