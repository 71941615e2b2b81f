"""Surface forms the reader finds beyond labels and synonyms: short sentences written for the tests.

Each rule has a test that fails without it (the CURIE and the span proposed) and, where a rule
could overreach, one for what it must leave alone. The texts carry the traps of PDF text
(hyphenation across lines, Greek letters, "mice"/"rats") but are not from the seed documents.
"""

from __future__ import annotations

import pytest

from mitoaki.extract.graph_lexicon import Lexicon
from mitoaki.extract.mentions import Mention, find_mentions
from mitoaki.extract.reader import Reader


def spans(mentions: list[Mention]) -> set[tuple[str, str]]:
    return {(m.text, m.curie) for m in mentions}


def findings_of(reader: Reader, text: str) -> set[tuple[str, str]]:
    return {(f.entity.curie, f.direction) for f in reader.read(text).findings}


def test_a_process_adjective_names_the_process(lexicon: Lexicon) -> None:
    text = "Stromal cells had pro-angiogenic and immunomodulatory actions in rats."
    found = {(m.text, m.curie, m.match) for m in find_mentions(text, lexicon)}
    assert ("pro-angiogenic", "GO:0001525", "adjective") in found
    assert ("immunomodulatory", "GO:0050776", "adjective") in found


def test_a_process_adjective_is_not_what_a_finding_measures(reader: Reader) -> None:
    findings = findings_of(reader, "The graft raised anti-apoptotic proteins in murine kidneys.")
    assert not {f for f in findings if f[0] == "GO:0006915"}


def test_a_short_word_makes_no_adjective(lexicon: Lexicon) -> None:
    # "cation" ends like "modulation" but is too short to be a process noun
    assert "catory" not in lexicon.forms and "pro catory" not in lexicon.forms
    assert lexicon.forms.get("pro angiogenic") == "GO:0001525"


def test_forms_without_ion_and_assays_named_by_technique(lexicon: Lexicon) -> None:
    text = (
        "Ca2+ overload upset calcium homeo-\nstasis in the graft; under electron micro-\n"
        "scopy the cristae were lost."
    )
    found = spans(find_mentions(text, lexicon))
    assert ("Ca2+", "CHEBI:29108") in found
    assert ("calcium homeostasis", "GO:0055074") in found
    assert ("electron microscopy", "OBI:0001631") in found


def test_a_one_word_technique_names_no_assay(lexicon: Lexicon) -> None:
    found = {m.curie for m in find_mentions("Microscopy of the graft was done.", lexicon)}
    assert "OBI:0002119" not in found


def test_curated_forms_of_processes(lexicon: Lexicon) -> None:
    text = "Nutrient deprivation and cell fusion both lowered tubular reabsorption in mice."
    found = spans(find_mentions(text, lexicon))
    assert {
        ("Nutrient deprivation", "GO:0042594"),
        ("cell fusion", "GO:0140253"),
        ("tubular reabsorption", "GO:0070293"),
    } <= found


def test_a_gene_symbol_in_another_case_in_a_list_of_genes(lexicon: Lexicon) -> None:
    text = "Rats lacking Bak, Bax or Bad, and mice with wnt4/β-catenin pathway loss, were used."
    found = spans(find_mentions(text, lexicon))
    assert {("Bad", "HGNC:936"), ("wnt4", "HGNC:12783")} <= found


def test_an_english_word_next_to_a_gene_is_no_symbol(lexicon: Lexicon) -> None:
    text = "High Bcl-2 and bad prognosis went together; Bax was bad."
    assert "HGNC:936" not in {m.curie for m in find_mentions(text, lexicon)}


def test_the_members_of_a_pathway_name_are_not_measured(reader: Reader) -> None:
    text = "The graft raised the Wnt4/β-catenin pathway in rats, and Wnt4 rose too."
    findings = reader.read(text).findings
    genes = [f for f in findings if f.entity.type == "gene"]
    assert [(f.entity.curie, f.entity.text, f.direction) for f in genes] == [
        ("HGNC:12783", "Wnt4", "increased")
    ]
    assert genes[0].entity.norm_start == text.rindex("Wnt4")


def test_route_adjectives_in_a_list_are_routes(lexicon: Lexicon) -> None:
    text = "Cells were given by intravenous, intra-\narterial or intraperitoneal routes to mice."
    found = spans(find_mentions(text, lexicon))
    assert {
        ("intravenous", "OBI:0000994"),
        ("intra-arterial", "OBI:0003561"),
        ("intraperitoneal", "OBI:0000429"),
    } <= found


def test_a_lone_route_adjective_is_no_route(lexicon: Lexicon) -> None:
    found = {m.curie for m in find_mentions("An intraperitoneal cyst was seen.", lexicon)}
    assert "OBI:0000429" not in found


def test_a_modifier_said_once_in_a_sentence_is_left_out_after(lexicon: Lexicon) -> None:
    text = (
        "In injured kidneys the mitochondria shifted towards fis-\nsion rather than fusion, "
        "and their outer membrane broke."
    )
    found = {(m.text, m.curie, m.match) for m in find_mentions(text, lexicon)}
    assert {
        ("fission", "GO:0000266", "elliptic"),
        ("fusion", "GO:0008053", "elliptic"),
        ("outer membrane", "GO:0005741", "elliptic"),  # replaces the general outer membrane
    } <= found
    assert "GO:0019867" not in {curie for _, curie, _ in found}


def test_words_left_out_inside_or_at_the_end_of_a_form(lexicon: Lexicon) -> None:
    text = (
        "The Bcl-2 family also holds pro-apoptotic proteins. Cell tracking relied on "
        "ultrasound photoacoustic, bioluminescent imaging and dyes in mice."
    )
    found = spans(find_mentions(text, lexicon))
    assert {
        ("pro-apoptotic proteins", "MITOAKI:0000503"),
        ("ultrasound photoacoustic", "MITOAKI:0000613"),
    } <= found


def test_a_short_form_needs_its_words_said_and_a_bare_place(lexicon: Lexicon) -> None:
    unsaid = "Starved cells favour fission rather than fusion."
    assert not {"GO:0000266", "GO:0008053"} & {m.curie for m in find_mentions(unsaid, lexicon)}
    modified = "The mitochondria showed rapid fusion."  # a modifier of its own
    assert "GO:0008053" not in {m.curie for m in find_mentions(modified, lexicon)}
    complement = "Cisplatin hurt the cells; by treatment with MSCs they recovered."
    found = {(m.text, m.curie) for m in find_mentions(complement, lexicon)}
    assert ("treatment", "MITOAKI:0000212") not in found
    unfinished = "Mitochondrial respiratory chain enzymes and proteins fell."  # not a list member
    assert "MITOAKI:0000510" not in {m.curie for m in find_mentions(unfinished, lexicon)}


def test_a_relational_adjective_for_a_noun_of_two_words(lexicon: Lexicon) -> None:
    text = "Medullary thick ascending limbs of rats swelled."
    found = spans(find_mentions(text, lexicon))
    assert ("Medullary thick ascending limbs", "UBERON:0006376") in found


def test_immunological_is_a_variant_of_immune(lexicon: Lexicon) -> None:
    text = "MSCs were tried in immunological and renal diseases of mice."
    found = spans(find_mentions(text, lexicon))
    assert ("immunological", "MONDO:0005046") in found


def test_a_list_of_named_things_counts_as_one_word(reader: Reader) -> None:
    text = (
        "Mitochondrial transfer between the two cell types was held to depend on "
        "tunneling nanotubes, microvesicles, gap junctions and cell fusion."
    )
    found = {(m.curie, m.match) for m in reader.read(text).mentions}
    assert {("MITOAKI:0000105", "implied"), ("MITOAKI:0000106", "implied")} <= found


def test_a_thing_comes_from_its_source_only_where_the_text_says_so(reader: Reader) -> None:
    stated = "The grafted MSCs released microvesicles into the injured kidney of rats."
    assert "MITOAKI:0000304" in {m.curie for m in reader.read(stated).mentions}
    unstated = "Transfer from MSCs to tubular cells relied on tunneling nanotubes or microvesicles."
    assert "MITOAKI:0000304" not in {m.curie for m in reader.read(unstated).mentions}


def test_a_noun_before_the_inverted_noun_belongs_to_it(lexicon: Lexicon) -> None:
    text = "Cisplatin caused fat accumulation in the proxi-\nmal tubules of rats."
    found = spans(find_mentions(text, lexicon))
    assert ("fat accumulation in the proximal tubules", "MITOAKI:0000125") in found


def test_a_verb_and_its_object_name_the_term_of_its_noun(lexicon: Lexicon) -> None:
    text = "Knockout rats accumulated deformed mitochondria; drugs targeting mitochondria helped."
    found = spans(find_mentions(text, lexicon))
    assert {
        ("accumulated deformed mitochondria", "MITOAKI:0000127"),
        ("drugs targeting mitochondria", "MITOAKI:0000420"),
    } <= found


def test_a_verb_names_nothing_without_an_object_form(lexicon: Lexicon) -> None:
    text = "Lipids accumulated in the cortex; therapy targeting the kidney was tried."
    found = {m.match for m in find_mentions(text, lexicon)}
    assert "inverted" not in found


def test_a_verb_of_change_naming_a_term_states_the_change(reader: Reader) -> None:
    findings = findings_of(reader, "Knockout rats accumulated deformed mitochondria in the cortex.")
    assert ("MITOAKI:0000127", "increased") in findings


def test_a_process_adjective_before_pathway_is_the_process(lexicon: Lexicon) -> None:
    text = "Rapamycin raised the mitophagic pathway in mice."
    found = {(m.text, m.curie, m.match) for m in find_mentions(text, lexicon)}
    assert ("mitophagic pathway", "GO:0000423", "exact") in found


def test_an_agent_that_secretes_a_thing_names_the_secreted_term(reader: Reader) -> None:
    text = "In rats, grafted MSCs can secrete several trophic growth factors and cytokines."
    found = {(m.curie, m.match) for m in reader.read(text).mentions}
    assert ("MITOAKI:0000507", "implied") in found
    far = "MSCs were grafted into rats whose tubules later secrete growth factors."
    assert "MITOAKI:0000507" not in {m.curie for m in reader.read(far).mentions}


def test_an_insult_among_diseases_or_treated_is_the_disease(lexicon: Lexicon) -> None:
    text = "Such defects mark diabetes, sepsis, cancer and cardiac disease in people."
    assert ("sepsis", "MONDO:1040015") in spans(find_mentions(text, lexicon))
    treated = "Stromal cells may help to treat renal I/R in future patients."
    assert ("I/R", "MONDO:0005203") in spans(find_mentions(treated, lexicon))


def test_an_insult_among_insults_or_in_a_model_stays_the_insult(lexicon: Lexicon) -> None:
    text = "Kidney harm follows shock, trauma and sepsis in people; cancer was rare."
    assert ("sepsis", "MITOAKI:0000214") in spans(find_mentions(text, lexicon))
    glossary = "Key: CKD chronic kidney disease, I/R ischemia/reperfusion, MSC stromal cell."
    assert "MONDO:0005203" not in {m.curie for m in find_mentions(glossary, lexicon)}
    model = "Stromal cells were used to treat I/R rats for a week."
    assert ("I/R", "MITOAKI:0000210") in spans(find_mentions(model, lexicon))
    given = "Rats were treated with I/R before the cells were given."
    assert ("I/R", "MITOAKI:0000210") in spans(find_mentions(given, lexicon))


def test_a_transfer_from_a_cell_is_the_transfer_defined_by_its_start(reader: Reader) -> None:
    text = "In rats, mitochondrial transfer from grafted MSCs reached the tubules."
    found = {(m.text, m.curie) for m in reader.read(text).mentions}
    assert ("mitochondrial transfer from grafted MSCs", "MITOAKI:0000333") in found


def test_a_transfer_to_a_cell_or_beside_it_is_no_transfer_from_it(reader: Reader) -> None:
    for text in (
        "In rats, mitochondrial transfer from tubular cells to MSCs was rare.",
        "MSCs were given; later, mitochondrial transfer between tubular cells was rare.",
    ):
        assert "MITOAKI:0000333" not in {m.curie for m in reader.read(text).mentions}


def test_the_means_a_subject_acts_through_names_its_action(lexicon: Lexicon) -> None:
    text = "In rats, MSCs may act through a paracrine secretion of growth factors."
    found = {(m.text, m.curie, m.match) for m in find_mentions(text, lexicon)}
    assert ("paracrine secretion", "MITOAKI:0000331", "inverted") in found


def test_acting_through_a_means_no_term_names_is_nothing(lexicon: Lexicon) -> None:
    for text in (
        "Drugs act through a paracrine route.",
        "MSCs were given through a paracrine route.",
    ):
        assert "MITOAKI:0000331" not in {m.curie for m in find_mentions(text, lexicon)}


def test_a_verb_object_written_n_of_y_names_the_verb_noun_of_y_n(lexicon: Lexicon) -> None:
    text = "These proteins regulate the permeability of mitochondrial membranes in cells."
    found = {(m.text, m.curie) for m in find_mentions(text, lexicon)}
    assert ("regulate the permeability of mitochondrial membranes", "GO:0046902") in found


def test_a_verb_object_n_of_y_that_names_no_term_stays_y(lexicon: Lexicon) -> None:
    text = "These proteins regulate the number of mitochondrial membranes in cells."
    found = {(m.text, m.curie) for m in find_mentions(text, lexicon)}
    assert found == {("mitochondrial membranes", "GO:0031966")}


def test_differentiating_into_cells_names_cell_differentiation(lexicon: Lexicon) -> None:
    text = "Stromal cells can differentiate into other cell types in culture."
    found = {(m.text, m.curie) for m in find_mentions(text, lexicon)}
    assert ("differentiate into other cell", "GO:0030154") in found


def test_differentiating_into_what_no_term_names_is_nothing(lexicon: Lexicon) -> None:
    for text in (
        "Stromal cells can differentiate into a wide range of tissues.",
        "We split into groups.",
    ):
        assert "GO:0030154" not in {m.curie for m in find_mentions(text, lexicon)}


def test_a_burst_of_a_thing_generation_is_the_thing_burst(reader: Reader) -> None:
    text = "In rats, a burst of ROS generation harmed tubular cells."
    found = {(m.text, m.curie) for m in reader.read(text).mentions}
    assert ("burst of ROS generation", "MITOAKI:0000129") in found
    assert ("ROS generation", "GO:1903409") in found  # the process stays


def test_a_noun_of_a_generation_that_names_no_term_is_nothing(reader: Reader) -> None:
    text = "In rats, the site of ROS generation was the matrix."
    assert "MITOAKI:0000129" not in {m.curie for m in reader.read(text).mentions}


def test_a_sentence_naming_every_member_of_a_chain_names_the_chain(reader: Reader) -> None:
    text = "In rats, MSCs restored NAD+, activated SIRT3 and raised PGC-1α in tubules."
    found = {(m.text, m.curie) for m in reader.read(text).mentions}
    assert ("NAD+, activated SIRT3 and raised PGC-1α", "MITOAKI:0000521") in found


def test_members_of_a_chain_apart_or_missing_name_no_chain(reader: Reader) -> None:
    for text in (
        "In rats, NAD+ rose. Later, SIRT3 and PGC-1α rose.",
        "In rats, MSCs restored NAD+ and activated SIRT3 in tubules.",
    ):
        assert "MITOAKI:0000521" not in {m.curie for m in reader.read(text).mentions}


def test_a_change_an_intervention_brings_about_is_stated_as_agent_too(reader: Reader) -> None:
    text = "In rats, inhibition of mitochondrial fission with mdivi-1 was found to reduce injury."
    assert ("GO:0000266", "decreased") in findings_of(reader, text)


def test_a_change_as_agent_without_an_intervention_is_no_finding(reader: Reader) -> None:
    for text in (
        "In rats, inhibition of mitochondrial fission was found to reduce injury.",
        "In rats, inhibition of mitochondrial fission with age was found to reduce injury.",
    ):
        assert ("GO:0000266", "decreased") not in findings_of(reader, text)


def test_mitochondrial_ros_is_the_excess_mitochondrial_ros_phenotype(reader: Reader) -> None:
    text = "In rats, MSCs lowered mitochondrial ROS; mtROS fell and ROS in the serum rose."
    found = {(m.text, m.curie) for m in reader.read(text).mentions}
    assert {("mitochondrial ROS", "MITOAKI:0000129"), ("mtROS", "MITOAKI:0000129")} <= found
    assert ("ROS", "CHEBI:26523") in found  # ROS alone stay the chemical
    assert ("MITOAKI:0000129", "decreased") in findings_of(reader, text)


AKI = "MONDO:0002492"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # more of the object: susceptible, a risk factor, sensitive; an insult is its injury
        ("Pink1-null mice proved highly susceptible to renal I/R injury.", {(AKI, "increased")}),
        (
            "Deficiency of Opa1 is a known risk factor for AKI owing to a greater sensitivity to "
            "Bax-dependent apoptosis in tubules.",
            {(AKI, "increased"), ("GO:0006915", "increased")},
        ),
        # less of it: protected against or from, a protective role in; an organ and a bare noun
        # name the acute disease the text names ("kidney injury" in a text on AKI), or nothing
        (
            "In rats with acute kidney injury the vesicles protected the kidney from injury.",
            {(AKI, "decreased")},
        ),
        ("The vesicles protected the kidney from injury in rats.", set()),
        ("Exosomes had a protective role in cisplatin nephrotoxicity [4].", {(AKI, "decreased")}),
        (
            "MSCs protected tubular cells from apoptosis and necrosis.",
            {("GO:0006915", "decreased"), ("GO:0008219", "decreased")},
        ),
        # reporting that a thing exists or forms states no change (issue 23: reading it as
        # "increased" encoded a curation error; the rule is gone)
        ("Imaging revealed the formation of autophagosomes in treated rats.", set()),
        (
            "Later work confirmed the existence of dense microtubule networks in grafted mice.",
            set(),
        ),
    ],
)
def test_a_predicate_of_risk_or_protection_implies_a_direction(
    reader: Reader, text: str, expected: set[tuple[str, str]]
) -> None:
    assert findings_of(reader, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EVs did not protect against AKI in mice.", {(AKI, "no_change")}),
        ("EVs were given to protect against AKI.", set()),  # a purpose
        ("We asked whether EVs protect against AKI.", set()),  # a question
        ("A protective role of SIRT3 in renal function was proposed.", set()),  # a function
        ("The protective effect of EVs on mitophagy was studied.", set()),  # "on": no object
        ("Patients at high risk of post-operative AKI were enrolled.", set()),  # a population
        ("The assay is sensitive to small changes in ATP.", set()),  # ATP is not the object
        ("In the presence of cisplatin, tubular cells were studied.", set()),  # a condition
        ("NGAL showed a high sensitivity to detect AKI in patients.", set()),  # a test's
        ("No study has shown the presence of autophagosomes in rats.", set()),  # not found
        # the head of the object is a noun no mention names: no finding of its modifier
        ("Biopsies confirmed the presence of ATP synthesis failure in patients.", set()),
    ],
)
def test_a_predicate_of_risk_or_protection_negated_framed_or_near_miss(
    reader: Reader, text: str, expected: set[tuple[str, str]]
) -> None:
    assert findings_of(reader, text) == expected
