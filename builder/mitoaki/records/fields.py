"""The terms the records' enumerated fields stand for.

A record names some terms by a word of a closed list rather than by a CURIE: a study's design
(``in_vivo``), a model's system, an intervention's kind, timing and donor, the strategy a
finding or statement serves, a trial's phase and design, a finding's direction and a trial's
outcome. The knowledge base types and links by these terms (``kb.triples``), and the extraction
evaluation counts them among the terms a document's records use (``field_terms``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import pyoxigraph as ox

from mitoaki.core import namespaces, vocab
from mitoaki.core.namespaces import compress


def _obo(local: str) -> ox.NamedNode:
    return ox.NamedNode(f"{namespaces.OBO}{local}")


#: A trial of no stated phase is a clinical trial.
CLINICAL_TRIAL: Final = _obo("OBI_0003699")
STUDY_DESIGN: Final = {
    "in_vivo": vocab.IN_VIVO_STUDY,
    "in_vitro": vocab.IN_VITRO_STUDY,
    "systematic_review": vocab.SYSTEMATIC_REVIEW,
    "meta_analysis": vocab.META_ANALYSIS,
    "clinical_trial": CLINICAL_TRIAL,
    "not_stated": _obo("OBI_0000066"),  # an investigation, of no stated design
}
SYSTEM: Final = {"in_vivo": vocab.IN_VIVO_AKI_MODEL, "in_vitro": vocab.IN_VITRO_AKI_MODEL}
INTERVENTION_KIND: Final = {
    "msc_cells": vocab.MSC_THERAPY,
    "conditioned_medium": vocab.MSC_CONDITIONED_MEDIUM_THERAPY,
    "extracellular_vesicles": vocab.MSC_EXTRACELLULAR_VESICLE_THERAPY,
    "microvesicles": vocab.MSC_EXTRACELLULAR_VESICLE_THERAPY,
    "exosomes": vocab.MSC_EXTRACELLULAR_VESICLE_THERAPY,
    "drug": vocab.THERAPEUTIC_INTERVENTION,
    "genetic": vocab.GENE_KNOCKOUT_INTERVENTION,
    "not_stated": vocab.THERAPEUTIC_INTERVENTION,  # a therapeutic intervention, of no stated kind
}
TIMING: Final = {
    "prophylactic": vocab.PROPHYLACTIC_INTERVENTION,
    "post_injury": vocab.POST_INJURY_INTERVENTION,
}
DONOR: Final = {
    "autologous": vocab.AUTOLOGOUS,
    "allogeneic": vocab.ALLOGENEIC,
    "xenogeneic": vocab.XENOGENEIC,
}
DIRECTION: Final = {
    "increased": vocab.INCREASED,
    "decreased": vocab.DECREASED,
    "normalised": vocab.NORMALISED,
    "no_change": vocab.NO_CHANGE,
}
STRATEGY: Final = {
    "minimising": vocab.MINIMISING_MITOCHONDRIAL_INJURY,
    "accelerating": vocab.ACCELERATING_MITOCHONDRIAL_RECOVERY,
    "transferring": vocab.TRANSFERRING_HEALTHY_MITOCHONDRIA,
}
PHASE: Final = {"1": _obo("OBI_0003700"), "2": _obo("OBI_0003701"), "3": _obo("OBI_0003702")}
TRIAL_DESIGN: Final = {
    "randomized": _obo("OBI_0004001"),
    "double_blind": vocab.DOUBLE_BLIND_CLINICAL_TRIAL,
    "multicenter": vocab.MULTICENTER_CLINICAL_TRIAL,
}
OUTCOME: Final = {
    "positive": vocab.POSITIVE_TRIAL_OUTCOME,
    "negative": vocab.NEGATIVE_TRIAL_OUTCOME,
    "not_reported": vocab.TRIAL_OUTCOME_NOT_REPORTED,
}
PHASES: Final = frozenset(compress(p.value) for p in PHASE.values())
#: The fields whose words stand for things a text names, and their lists. A finding's direction
#: and a trial's outcome are values, not things named; "not_stated" names nothing.
NAMED: Final[dict[str, dict[str, ox.NamedNode]]] = {
    "designs": STUDY_DESIGN,
    "system": SYSTEM,
    "kind": INTERVENTION_KIND,
    "timing": TIMING,
    "donor": DONOR,
    "strategy": STRATEGY,
    "phase": PHASE,
    "design": TRIAL_DESIGN,
}


def field_terms(record: Iterable[tuple[str, object]], *, trial: bool = False) -> set[str]:
    """The CURIEs a record's enumerated fields name (``NAMED``); a trial is a clinical trial.

    >>> sorted(field_terms([("strategy", "minimising"), ("direction", "increased")]))
    ['MITOAKI:0000341']
    >>> sorted(field_terms([("phase", None), ("design", ("randomized",))], trial=True))
    ['OBI:0003699', 'OBI:0004001']
    """
    out: set[str] = set()
    for name, value in record:
        words = NAMED.get(name)
        if words is None:
            continue
        for word in value if isinstance(value, (tuple, list)) else (value,):
            if isinstance(word, str) and word != "not_stated" and word in words:
                out.add(compress(words[word].value))
    if trial and not out & PHASES:
        out.add(compress(CLINICAL_TRIAL.value))
    return out
