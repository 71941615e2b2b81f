"""The project's own terms by name: each ``MITOAKI_`` term the package writes or queries.

A name is the term's ``rdfs:label`` in ``ontology/mitoaki.ttl`` in upper snake case
(``has measured entity`` -> ``HAS_MEASURED_ENTITY``); ``tests/test_vocab.py`` holds every name to
its label and every term the package mentions to a declaration in the ontology. The values are
pyoxigraph IRIs: ``str()`` of one is its SPARQL / N-Triples form, ``.value`` the bare IRI.

>>> HAS_MEASURED_ENTITY.value
'https://w3id.org/mitoaki/MITOAKI_0000008'
>>> f"?finding a {FINDING}"
'?finding a <https://w3id.org/mitoaki/MITOAKI_0000700>'
"""

from __future__ import annotations

from typing import Final

import pyoxigraph as ox

from mitoaki.core.namespaces import MITOAKI

# -- object properties ---------------------------------------------------------------------------

HAS_INDUCER: Final = ox.NamedNode(f"{MITOAKI}0000001")
HAS_AGENT: Final = ox.NamedNode(f"{MITOAKI}0000002")
HAS_ROUTE: Final = ox.NamedNode(f"{MITOAKI}0000003")
HAS_DONOR_RELATIONSHIP: Final = ox.NamedNode(f"{MITOAKI}0000004")
USES_MODEL: Final = ox.NamedNode(f"{MITOAKI}0000005")
USES_INTERVENTION: Final = ox.NamedNode(f"{MITOAKI}0000006")
REPORTED_BY_STUDY: Final = ox.NamedNode(f"{MITOAKI}0000007")
HAS_MEASURED_ENTITY: Final = ox.NamedNode(f"{MITOAKI}0000008")
HAS_DIRECTION: Final = ox.NamedNode(f"{MITOAKI}0000009")
IN_MODEL: Final = ox.NamedNode(f"{MITOAKI}0000010")
UNDER_INTERVENTION: Final = ox.NamedNode(f"{MITOAKI}0000011")
STATEMENT_SUBJECT: Final = ox.NamedNode(f"{MITOAKI}0000012")
STATEMENT_OBJECT: Final = ox.NamedNode(f"{MITOAKI}0000013")
HAS_CONTEXT: Final = ox.NamedNode(f"{MITOAKI}0000014")
SERVES_STRATEGY: Final = ox.NamedNode(f"{MITOAKI}0000015")
HAS_TRIAL_OUTCOME: Final = ox.NamedNode(f"{MITOAKI}0000016")
HAS_DISRUPTED_GENE: Final = ox.NamedNode(f"{MITOAKI}0000017")
TRACKED_BY: Final = ox.NamedNode(f"{MITOAKI}0000018")
ABOUT_ROUTE: Final = ox.NamedNode(f"{MITOAKI}0000019")
CITES_STUDY: Final = ox.NamedNode(f"{MITOAKI}0000020")
HAS_CONCERN_TOPIC: Final = ox.NamedNode(f"{MITOAKI}0000021")
HAS_TARGET: Final = ox.NamedNode(f"{MITOAKI}0000022")
OBSERVED_IN_LOCATION: Final = ox.NamedNode(f"{MITOAKI}0000023")
COMPARED_WITH_ROUTE: Final = ox.NamedNode(f"{MITOAKI}0000024")

# -- datatype properties -------------------------------------------------------------------------

REFERENCE_NUMBER: Final = ox.NamedNode(f"{MITOAKI}0000040")
FIRST_AUTHOR: Final = ox.NamedNode(f"{MITOAKI}0000041")
PUBLICATION_YEAR: Final = ox.NamedNode(f"{MITOAKI}0000042")
MEASURED_VALUE: Final = ox.NamedNode(f"{MITOAKI}0000043")
UNIT_LABEL: Final = ox.NamedNode(f"{MITOAKI}0000044")
COMPARATOR: Final = ox.NamedNode(f"{MITOAKI}0000045")
NCT_IDENTIFIER: Final = ox.NamedNode(f"{MITOAKI}0000046")
TRIAL_POPULATION: Final = ox.NamedNode(f"{MITOAKI}0000047")
LATERALITY: Final = ox.NamedNode(f"{MITOAKI}0000048")
TIME_POINT: Final = ox.NamedNode(f"{MITOAKI}0000049")
DOSE_DESCRIPTION: Final = ox.NamedNode(f"{MITOAKI}0000050")
SOURCE_TABLE_ROW: Final = ox.NamedNode(f"{MITOAKI}0000053")
TEXT_LENGTH: Final = ox.NamedNode(f"{MITOAKI}0000057")
COMPARATOR_VALUE: Final = ox.NamedNode(f"{MITOAKI}0000058")
STATED_FREQUENCY: Final = ox.NamedNode(f"{MITOAKI}0000061")

# -- annotation properties -----------------------------------------------------------------------

SUMMARY: Final = ox.NamedNode(f"{MITOAKI}0000051")
STATEMENT_RELATION: Final = ox.NamedNode(f"{MITOAKI}0000052")
CITED_REFERENCE_NUMBER: Final = ox.NamedNode(f"{MITOAKI}0000054")
EVIDENCE_SENTENCE: Final = ox.NamedNode(f"{MITOAKI}0000055")
CONFIDENCE: Final = ox.NamedNode(f"{MITOAKI}0000056")
HAS_CURATOR_INFERENCE: Final = ox.NamedNode(f"{MITOAKI}0000059")
INFERRED_FIELD: Final = ox.NamedNode(f"{MITOAKI}0000060")

# -- classes -------------------------------------------------------------------------------------

MITOCHONDRIAL_DYSFUNCTION_PHENOTYPE: Final = ox.NamedNode(f"{MITOAKI}0000120")
IN_VIVO_AKI_MODEL: Final = ox.NamedNode(f"{MITOAKI}0000201")
IN_VITRO_AKI_MODEL: Final = ox.NamedNode(f"{MITOAKI}0000202")
MSC_DERIVED_PRODUCT: Final = ox.NamedNode(f"{MITOAKI}0000301")
AUTOLOGOUS: Final = ox.NamedNode(f"{MITOAKI}0000311")
ALLOGENEIC: Final = ox.NamedNode(f"{MITOAKI}0000312")
XENOGENEIC: Final = ox.NamedNode(f"{MITOAKI}0000313")
MSC_PARACRINE_ENDOCRINE_ACTION: Final = ox.NamedNode(f"{MITOAKI}0000331")
THERAPEUTIC_INTERVENTION: Final = ox.NamedNode(f"{MITOAKI}0000400")
MSC_THERAPY: Final = ox.NamedNode(f"{MITOAKI}0000401")
MSC_CONDITIONED_MEDIUM_THERAPY: Final = ox.NamedNode(f"{MITOAKI}0000403")
MSC_EXTRACELLULAR_VESICLE_THERAPY: Final = ox.NamedNode(f"{MITOAKI}0000404")
GENE_KNOCKOUT_INTERVENTION: Final = ox.NamedNode(f"{MITOAKI}0000410")
PROPHYLACTIC_INTERVENTION: Final = ox.NamedNode(f"{MITOAKI}0000411")
POST_INJURY_INTERVENTION: Final = ox.NamedNode(f"{MITOAKI}0000412")
GENE_OR_GENE_PRODUCT: Final = ox.NamedNode(f"{MITOAKI}0000500")
REVIEW_ARTICLE: Final = ox.NamedNode(f"{MITOAKI}0000600")
PRIMARY_STUDY: Final = ox.NamedNode(f"{MITOAKI}0000601")
IN_VIVO_STUDY: Final = ox.NamedNode(f"{MITOAKI}0000602")
IN_VITRO_STUDY: Final = ox.NamedNode(f"{MITOAKI}0000603")
SYSTEMATIC_REVIEW: Final = ox.NamedNode(f"{MITOAKI}0000604")
META_ANALYSIS: Final = ox.NamedNode(f"{MITOAKI}0000605")
MULTICENTER_CLINICAL_TRIAL: Final = ox.NamedNode(f"{MITOAKI}0000606")
DOUBLE_BLIND_CLINICAL_TRIAL: Final = ox.NamedNode(f"{MITOAKI}0000607")
FINDING: Final = ox.NamedNode(f"{MITOAKI}0000700")
MECHANISM_STATEMENT: Final = ox.NamedNode(f"{MITOAKI}0000701")
DELIVERY_ROUTE_FINDING: Final = ox.NamedNode(f"{MITOAKI}0000702")

# -- individuals (values of the properties above) ------------------------------------------------

MINIMISING_MITOCHONDRIAL_INJURY: Final = ox.NamedNode(f"{MITOAKI}0000341")
ACCELERATING_MITOCHONDRIAL_RECOVERY: Final = ox.NamedNode(f"{MITOAKI}0000342")
TRANSFERRING_HEALTHY_MITOCHONDRIA: Final = ox.NamedNode(f"{MITOAKI}0000343")
INCREASED: Final = ox.NamedNode(f"{MITOAKI}0000709")
DECREASED: Final = ox.NamedNode(f"{MITOAKI}0000710")
NORMALISED: Final = ox.NamedNode(f"{MITOAKI}0000711")
NO_CHANGE: Final = ox.NamedNode(f"{MITOAKI}0000712")
POSITIVE_TRIAL_OUTCOME: Final = ox.NamedNode(f"{MITOAKI}0000716")
NEGATIVE_TRIAL_OUTCOME: Final = ox.NamedNode(f"{MITOAKI}0000717")
TRIAL_OUTCOME_NOT_REPORTED: Final = ox.NamedNode(f"{MITOAKI}0000718")
