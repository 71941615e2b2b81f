"""Turn a reading into draft records in the curated YAML format, marked machine-proposed.

Every draft record carries ``proposed_by: mitoaki-extract``, a ``confidence`` and (by the
schema's default for proposed records) the ECO term for evidence used in automatic assertion
(ECO:0000501). Anchors are the reader's own span (cue to entity, or the table row's opening),
lengthened word by word until the phrase occurs exactly once in the document, at most 12 words;
a proposal with no unique anchor is left out. Findings attach to the study their sentence cites
("[n]") or their table row; in a document that cites nothing (an abstract of one study) they
attach to the document's own study, numbered ``OWN_STUDY``; elsewhere a finding citing nothing
stays in the JSON-lines output only, since a study record names the reference it stands for. A
finding whose entity is named but not grounded (no CURIE) is never drafted, nor one of a
primary study's background (what is known, not what it found: ``rules.background``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from mitoaki.core.errors import MitoakiError
from mitoaki.core.textnorm import NormalisedText
from mitoaki.extract.findings import ProposedFinding
from mitoaki.extract.reader import Reading, TableRow
from mitoaki.records.schema import MAX_ANCHOR_WORDS, RecordFile

AGENT = "mitoaki-extract"
#: The reference number of the study a document that cites nothing reports itself (an abstract
#: of one study): the record schema numbers every study.
OWN_STUDY = 1
MSC = "CL:0000134"
NOT_IN_VITRO = re.compile(r"\bin vitro\b|\bcultured\b|\bcocultur", re.IGNORECASE)


def slug(text: str, limit: int = 40) -> str:
    """A key-safe slug: lower case, ``a-z0-9-``.

    >>> slug("000_9e16bc4b4ce19214.txt"), slug("PGC-1α")
    ('000-9e16bc4b4ce19214-txt', 'pgc-1')
    """
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return out[:limit].strip("-") or "x"


def unique_anchor(document: NormalisedText, start: int, end: int) -> str | None:
    """The shortest phrase of whole words around ``[start, end)`` that occurs once (≤ 12 words)."""
    text = document.text
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    first = next((i for i, (s, e) in enumerate(words) if e > start), None)
    last = next((i for i in range(len(words) - 1, -1, -1) if words[i][0] < end), None)
    if first is None or last is None or last < first:
        return None
    grow_right = True
    while last - first + 1 <= MAX_ANCHOR_WORDS:
        phrase = text[words[first][0] : words[last][1]]
        if len(document.find_all(phrase)) == 1:
            return phrase
        if (grow_right and last + 1 < len(words)) or first == 0:
            last += 1
        else:
            first -= 1
        grow_right = not grow_right
        if last >= len(words):
            return None
    return None


def _row_of(reading: Reading, finding: ProposedFinding) -> TableRow | None:
    """The table row a finding was read from, if any."""
    return next((r for r in reading.rows if r.norm_start <= finding.norm_start < r.norm_end), None)


def _opening(document: NormalisedText, first: tuple[int, int]) -> str:
    """The document's anchor: the shortest unique opening of its first sentence."""
    words = list(re.finditer(r"\S+", document.text[first[0] : first[1]]))
    for count in range(1, min(len(words), MAX_ANCHOR_WORDS) + 1):
        phrase = document.text[first[0] : first[0] + words[count - 1].end()]
        if len(document.find_all(phrase)) == 1:
            return phrase
    raise MitoakiError(
        f"{len(words)} words open the document and none of its openings is unique",
        rule="anchor",
    )


def to_drafts(
    reading: Reading, insults: dict[str, str], inducers: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """The draft record file (a mapping ready for YAML) of one reading.

    ``insults`` maps a chemical to the AKI insult class it defines (``Lexicon.insults``), so a
    table's "Cisplatin" becomes the model's inducer "cisplatin exposure". ``inducers`` are
    terms that induce the injury (an insult and the disease it closely matches): what a model
    is given, never a measured entity of a finding.
    """
    document = reading.document
    prefix = f"draft-{slug(reading.name.rsplit('.', 1)[0], 24)}"
    out: dict[str, Any] = {
        "document": _document_record(reading, prefix),
        "studies": [],
        "models": [],
        "interventions": [],
        "findings": [],
    }
    studies: dict[int, dict[str, Any]] = {}
    for row in reading.rows:
        if row.ref is None:
            continue
        anchor = unique_anchor(document, row.norm_start, row.norm_start + 20)
        if anchor is None:
            continue
        study, model, intervention = _row_records(row, f"{prefix}-ref{row.ref}", anchor, insults)
        if model is not None:
            out["models"].append(model)
        if intervention is not None:
            out["interventions"].append(intervention)
        studies[row.ref] = study
    out["findings"] = _finding_records(reading, studies, prefix, inducers)
    out["studies"] = [studies[ref] for ref in sorted(studies)]
    for study in out["studies"]:
        for name in ("models", "interventions", "first_author", "year"):
            if not study.get(name):
                study.pop(name, None)
    out = {name: value for name, value in out.items() if value}
    RecordFile.model_validate(out)  # a draft must be a valid record file
    return out


def _document_record(reading: Reading, prefix: str) -> dict[str, Any]:
    """The draft's document record: anchored at the opening of its first sentence."""
    document = reading.document
    first = reading.sentences[0] if reading.sentences else (0, len(document.text))
    title = next((line.strip() for line in document.raw.splitlines() if line.strip()), "")
    return {
        "key": prefix,
        "anchor": _opening(document, first),
        "file": reading.name,
        "title": title[:200] or reading.name,
        "proposed_by": AGENT,
        "confidence": 1.0,
    }


def _row_records(
    row: TableRow, key: str, anchor: str, insults: dict[str, str]
) -> tuple[dict[str, Any], dict[str, Any] | None, dict[str, Any] | None]:
    """The study of a table row, and its model and MSC intervention where the row names them."""
    proposed = {"proposed_by": AGENT}
    study: dict[str, Any] = {
        "key": key,
        "anchor": anchor,
        "ref": row.ref,
        "first_author": row.first_author,
        "year": row.year,
        "designs": ["in_vivo"],
        "models": [],
        "interventions": [],
        **proposed,
        "confidence": 0.8,
    }
    model: dict[str, Any] | None = None
    if row.species is not None:
        model = {
            "key": f"{key}-model",
            "anchor": anchor,
            "system": "in_vivo",
            "species": row.species.curie,
            **proposed,
            "confidence": 0.8,
        }
        if row.inducer is not None:
            curie = row.inducer.curie
            inducer = insults.get(curie, curie if row.inducer.type == "inducer" else None)
            if inducer and inducer not in insults:
                model["inducer"] = inducer
        study["models"].append(model["key"])
    intervention: dict[str, Any] | None = None
    if row.source is not None:
        given = {
            "key": f"{key}-msc",
            "anchor": anchor,
            "kind": "msc_cells",
            "agent": MSC,
            "source_tissue": row.source.curie if row.source.type == "anatomy" else None,
            **proposed,
            "confidence": 0.7,
        }
        intervention = {k: v for k, v in given.items() if v is not None}
        study["interventions"].append(intervention["key"])
    return study, model, intervention


def _finding_records(
    reading: Reading, studies: dict[int, dict[str, Any]], prefix: str, inducers: frozenset[str]
) -> list[dict[str, Any]]:
    """The findings' records, each attached to its study (a cited one added to ``studies``)."""
    out = []
    numbers: dict[str, int] = {}
    # a document that cites nothing (an abstract) reports one study: its own
    own = not reading.rows and not any(f.refs for f in reading.findings)
    for finding in reading.findings:
        if not finding.entity.curie or finding.entity.curie in inducers or finding.background:
            continue  # a quantity named but not grounded, the insult itself, or what is known
        source_row = _row_of(reading, finding)
        refs = (
            (source_row.ref,)
            if source_row is not None and source_row.ref is not None
            else finding.refs or ((OWN_STUDY,) if own else ())
        )
        if not refs:
            continue
        ref = refs[0]
        if ref not in studies:
            studies[ref] = _cited_study(reading, finding, ref, prefix)
        anchor = unique_anchor(reading.document, finding.norm_start, finding.norm_end)
        if anchor is None:
            continue
        entity = slug(finding.entity.label or finding.entity.curie, 30)
        base = f"{studies[ref]['key']}-{entity}-{finding.direction.replace('_', '-')}"
        numbers[base] = numbers.get(base, 0) + 1
        record: dict[str, Any] = {
            "key": base if numbers[base] == 1 else f"{base}-{numbers[base]}",
            "anchor": anchor,
            "study": studies[ref]["key"],
            "entity": finding.entity.curie,
            "direction": finding.direction,
            "proposed_by": AGENT,
            "confidence": finding.confidence,
        }
        if source_row is not None:
            record["table_row"] = source_row.number
            study = studies[ref]
            if study.get("models"):
                record["model"] = study["models"][0]
            if study.get("interventions"):
                record["intervention"] = study["interventions"][0]
        out.append(record)
    return out


def _cited_study(
    reading: Reading, finding: ProposedFinding, ref: int, prefix: str
) -> dict[str, Any]:
    document = reading.document
    designs = ["in_vitro"] if NOT_IN_VITRO.search(finding.sentence) else ["in_vivo"]
    anchor = unique_anchor(document, finding.norm_start, finding.norm_end) or finding.cue
    return {
        "key": f"{prefix}-ref{ref}",
        "anchor": anchor,
        "ref": ref,
        "designs": designs,
        "proposed_by": AGENT,
        "confidence": 0.5,
    }


def draft_files(
    readings: Iterable[Reading], insults: dict[str, str], inducers: frozenset[str] = frozenset()
) -> dict[str, dict[str, Any]]:
    """File name -> draft record mapping, one per reading."""
    return {
        f"{slug(r.name.rsplit('.', 1)[0], 60)}.yaml": to_drafts(r, insults, inducers)
        for r in readings
    }
