"""Static HTML documentation of the release, and w3id-style content negotiation rules.

``site/ontology.html`` documents every own class and property (label, definition, synonyms,
parents); ``site/studies/<key>.html`` shows a study with its models, interventions and findings;
``site/findings/<key>.html`` shows a finding in its context with its evidence (document, anchor,
offsets, sentence). Pages link to one another; ``site/.htaccess`` maps the namespace to HTML,
Turtle, JSON-LD or RDF/XML by the Accept header, as a w3id.org redirect does.
"""

from __future__ import annotations

import hashlib
import html
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from mitoaki.access.query import rows
from mitoaki.core import vocab
from mitoaki.core.namespaces import MITOAKI, compress
from mitoaki.core.serialize import staged_write

KB = "https://w3id.org/mitoaki/kb/"
STYLE = """body{font-family:sans-serif;max-width:62em;margin:2em auto;line-height:1.4}
section{border-top:1px solid #ddd;padding:.4em 0}table{border-collapse:collapse}
td,th{border:1px solid #ddd;padding:.2em .5em;vertical-align:top}code{color:#555}
.definition{font-style:italic}.evidence{background:#f6f6f2;padding:.4em}"""
CLASSES = f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?term ?kind ?label ?definition ?synonym ?parent ?parentLabel WHERE {{
  VALUES ?kind {{ owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }}
  ?term a ?kind ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?term), "{MITOAKI}"))
  OPTIONAL {{ ?term <http://purl.obolibrary.org/obo/IAO_0000115> ?definition }}
  OPTIONAL {{ ?term <http://www.geneontology.org/formats/oboInOwl#hasExactSynonym> ?synonym }}
  OPTIONAL {{ ?term rdfs:subClassOf|rdfs:subPropertyOf ?parent . FILTER(isIRI(?parent))
             OPTIONAL {{ ?parent rdfs:label ?parentLabel }} }}
}}"""
FINDINGS = f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?finding ?label ?study ?studyLabel ?entity ?entityLabel ?direction ?value ?unit ?model
       ?modelLabel ?intervention ?interventionLabel WHERE {{
  ?finding a {vocab.FINDING} ; rdfs:label ?label ; {vocab.HAS_DIRECTION}/rdfs:label ?direction .
  OPTIONAL {{ ?finding {vocab.REPORTED_BY_STUDY} ?study . ?study rdfs:label ?studyLabel }}
  OPTIONAL {{ ?finding {vocab.HAS_MEASURED_ENTITY} ?entity .
             OPTIONAL {{ ?entity rdfs:label ?entityLabel }} }}
  OPTIONAL {{ ?finding {vocab.MEASURED_VALUE} ?value ; {vocab.UNIT_LABEL} ?unit }}
  OPTIONAL {{ ?finding {vocab.IN_MODEL} ?model . ?model rdfs:label ?modelLabel }}
  OPTIONAL {{ ?finding {vocab.UNDER_INTERVENTION} ?intervention .
             ?intervention rdfs:label ?interventionLabel }}
}}"""
#: The evidence of every finding, asked apart and joined in Python: as an ``OPTIONAL`` of
#: FINDINGS, Oxigraph joined every annotation of the graph (half the time of the pages at 10k).
EVIDENCE = f"""
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?finding ?anchor ?sentence ?start ?end ?file WHERE {{
  ?annotation oa:hasBody ?finding ; oa:hasTarget ?target .
  ?finding a {vocab.FINDING} .
  ?target oa:hasSelector ?quote ; oa:hasSource ?document .
  ?quote a oa:TextQuoteSelector ; oa:exact ?anchor .
  OPTIONAL {{ ?document <http://purl.org/dc/terms/identifier> ?file }}
  OPTIONAL {{ ?target {vocab.EVIDENCE_SENTENCE} ?sentence }}
  OPTIONAL {{ ?target oa:hasSelector ?position . ?position oa:start ?start ; oa:end ?end }}
}}"""
STUDIES = f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?study ?label ?ref ?year ?relation ?other ?otherLabel WHERE {{
  ?study {vocab.REFERENCE_NUMBER} ?ref ; rdfs:label ?label .
  OPTIONAL {{ ?study {vocab.PUBLICATION_YEAR} ?year }}
  OPTIONAL {{ ?study {vocab.USES_MODEL}|{vocab.USES_INTERVENTION} ?other .
             ?other rdfs:label ?otherLabel .
             ?study ?relation ?other }}
}}"""
HTACCESS = """# w3id.org-style content negotiation for https://w3id.org/mitoaki/ (generated)
RewriteEngine on
AddType text/turtle .ttl
AddType application/ld+json .jsonld
AddType application/rdf+xml .owl
RewriteCond %{HTTP_ACCEPT} text/turtle
RewriteRule ^(mitoaki(-base|-full)?\\.owl)?$ ../mitoaki-full.ttl [R=303,L]
RewriteCond %{HTTP_ACCEPT} application/ld\\+json
RewriteRule ^(mitoaki(-base|-full)?\\.owl)?$ ../mitoaki-full.jsonld [R=303,L]
RewriteCond %{HTTP_ACCEPT} application/rdf\\+xml
RewriteRule ^(mitoaki(-base|-full)?\\.owl)?$ ../mitoaki-full.owl [R=303,L]
RewriteCond %{HTTP_ACCEPT} text/turtle
RewriteRule ^kb/ ../mitoaki-kb.ttl [R=303,L]
RewriteCond %{HTTP_ACCEPT} application/ld\\+json
RewriteRule ^kb/study/(.*)$ ../studies/$1.jsonld [R=303,L]
RewriteRule ^kb/study/(.*)$ studies/$1.html [R=303,L]
RewriteRule ^kb/finding/(.*)$ findings/$1.html [R=303,L]
RewriteRule ^MITOAKI_(\\d{7})$ ontology.html#MITOAKI_$1 [R=303,NE,L]
RewriteRule ^$ index.html [R=303,L]
"""


def _page(title: str, body: str, depth: int = 0) -> str:
    up = "../" * depth
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>'
        f"{html.escape(title)}</title><style>{STYLE}</style></head><body>"
        f'<p><a href="{up}index.html">mitoaki</a> · <a href="{up}ontology.html">ontology</a>'
        f"</p><h1>{html.escape(title)}</h1>{body}</body></html>\n"
    )


def _key(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _term_link(iri: str, label: str, depth: int) -> str:
    text = html.escape(label or compress(iri))
    if iri.startswith(MITOAKI):
        return f'<a href="{"../" * depth}ontology.html#{_key(iri)}">{text}</a>'
    return f'<a href="{html.escape(iri)}">{text}</a> <code>{html.escape(compress(iri))}</code>'


@dataclass
class _Term:
    label: str
    kind: str
    definition: str
    synonyms: set[str] = field(default_factory=set)
    parents: set[str] = field(default_factory=set)


@dataclass
class Study:
    """What a study's page and the landing page show of a study."""

    label: str
    ref: str
    year: str
    links: set[str] = field(default_factory=set)


def ontology_page(store: ox.Store) -> str:
    """The ontology's own terms, one section each, with an anchor per term."""
    terms: dict[str, _Term] = {}
    for row in rows(store.query(CLASSES)):
        term = terms.setdefault(
            row["term"], _Term(row["label"], row["kind"], row.get("definition", ""))
        )
        if "synonym" in row:
            term.synonyms.add(row["synonym"])
        if "parent" in row:
            term.parents.add(_term_link(row["parent"], row.get("parentLabel", ""), 0))
    sections = []
    for iri in sorted(terms):
        t = terms[iri]
        synonyms = ", ".join(sorted(t.synonyms))
        parents = ", ".join(sorted(t.parents)) or "(none)"
        sections.append(
            f'<section id="{_key(iri)}"><h2>{html.escape(t.label)}</h2>'
            f"<p><code>{compress(iri)}</code> · {html.escape(compress(t.kind))}</p>"
            f'<p class="definition">{html.escape(t.definition)}</p>'
            + (f"<p>Synonyms: {html.escape(synonyms)}</p>" if synonyms else "")
            + f'<p class="parents">Parents: {parents}</p></section>'
        )
    intro = (
        f"<p>{len(terms)} own classes and properties of the mitoaki ontology "
        "(<code>https://w3id.org/mitoaki/MITOAKI_…</code>).</p>"
    )
    return _page("mitoaki ontology", intro + "".join(sections))


def findings(store: ox.Store) -> list[dict[str, str]]:
    """Every finding with its context, a row per piece of evidence (one without, if none)."""
    evidence: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows(store.query(EVIDENCE)):
        evidence[row["finding"]].append(row)
    return [
        {**finding, **found}
        for finding in rows(store.query(FINDINGS))
        for found in evidence.get(finding["finding"], [{}])
    ]


def _write_page(folder: Path, name: str, text: str, digests: dict[str, str] | None = None) -> Path:
    path = folder / "site" / name
    data = text.encode("utf-8")
    staged_write(path, data)
    if digests is not None:
        digests[f"site/{name}"] = hashlib.sha256(data).hexdigest()
    return path


def write_site(store: ox.Store, folder: Path) -> list[Path]:
    """Write the whole site under ``folder/site``; return the files written."""
    pages, studies = write_pages(store, folder)
    return write_front(store, folder, studies) + pages


def write_pages(
    store: ox.Store, folder: Path, digests: dict[str, str] | None = None
) -> tuple[list[Path], dict[str, Study]]:
    """Write the page of every finding and study in ``store``; return them and the studies.

    A page shows one record with the records it names (its study, model and intervention) and
    the ontology's labels, so the pages of parts of the knowledge base closed under references
    (:mod:`mitoaki.check.shards`), each with the ontology, are the pages of the whole. ``digests``,
    if given, takes the SHA-256 of each page (name relative to ``folder``).
    """
    written: list[Path] = []

    def write(name: str, text: str) -> None:
        written.append(_write_page(folder, name, text, digests))

    by_study: dict[str, list[dict[str, str]]] = defaultdict(list)
    for finding in sorted(findings(store), key=lambda r: r["finding"]):
        by_study[finding.get("study", "")].append(finding)
        write(f"findings/{_key(finding['finding'])}.html", finding_page(finding))
    studies: dict[str, Study] = {}
    for row in rows(store.query(STUDIES)):
        study = studies.setdefault(
            row["study"], Study(row["label"], row["ref"], row.get("year", ""))
        )
        if "other" in row:
            study.links.add(row["otherLabel"])
    for iri, study in sorted(studies.items()):
        write(f"studies/{_key(iri)}.html", study_page(iri, study, by_study.get(iri, [])))
    return written, studies


def write_front(store: ox.Store, folder: Path, studies: dict[str, Study]) -> list[Path]:
    """Write the ontology page, the landing page listing ``studies`` and ``.htaccess``."""
    written: list[Path] = []

    def write(name: str, text: str) -> None:
        written.append(_write_page(folder, name, text))

    write("ontology.html", ontology_page(store))
    ordered = sorted(studies.items(), key=lambda item: (int(item[1].ref), item[0]))
    items = "".join(
        f'<li><a href="studies/{_key(i)}.html">{html.escape(s.label)}</a></li>' for i, s in ordered
    )
    write(
        "index.html",
        _page(
            "mitoaki knowledge graph",
            (
                "<p>Mitochondrial dysfunction in acute kidney injury and MSC therapy targeting it. "
                'See the <a href="ontology.html">ontology</a>.</p>'
                '<h2>Figures</h2><p><img src="../figures/evidence-map.svg" alt="evidence map" '
                'width="100%"></p><p><img src="../figures/mechanism-network.svg" '
                'alt="mechanism network" width="100%"></p>'
                f"<h2>Studies</h2><ul>{items}</ul>"
            ),
        ),
    )
    write(".htaccess", HTACCESS)
    return written


def study_page(iri: str, study: Study, findings: list[dict[str, str]]) -> str:
    """One study: reference, models and interventions, and its findings with evidence."""
    links = "".join(f"<li>{html.escape(x)}</li>" for x in sorted(study.links))
    table = "".join(
        f'<tr><td><a href="../findings/{_key(f["finding"])}.html">'
        f"{html.escape(f.get('entityLabel', compress(f.get('entity', ''))))}</a></td>"
        f"<td>{html.escape(f['direction'])}</td>"
        f"<td>{html.escape(f.get('value', ''))} {html.escape(f.get('unit', ''))}</td>"
        f'<td class="evidence">{html.escape(f.get("anchor", ""))}</td></tr>'
        for f in findings
    )
    year = f", {html.escape(study.year)}" if study.year else ""
    body = (
        f"<p>Reference [{html.escape(study.ref)}]{year} · "
        f"<code>{html.escape(compress(iri))}</code></p>"
        f"<h2>Models and interventions</h2><ul>{links or '<li>(none)</li>'}</ul>"
        "<h2>Findings</h2><table><tr><th>measured entity</th><th>direction</th>"
        f"<th>value</th><th>evidence anchor</th></tr>{table}</table>"
    )
    return _page(study.label, body, depth=1)


def finding_page(f: dict[str, str]) -> str:
    """One finding with its context and evidence."""
    study = (
        f'<a href="../studies/{_key(f["study"])}.html">{html.escape(f["studyLabel"])}</a>'
        if "study" in f
        else "(none)"
    )
    entity = _term_link(f.get("entity", ""), f.get("entityLabel", ""), 1)
    offsets = (
        f"characters {f['start']}–{f['end']} of <code>{html.escape(f.get('file', ''))}</code>"
        if "start" in f
        else ""
    )
    body = (
        f"<p><code>{html.escape(compress(f['finding']))}</code></p><table>"
        f"<tr><th>study</th><td>{study}</td></tr>"
        f"<tr><th>measured entity</th><td>{entity}</td></tr>"
        f"<tr><th>direction</th><td>{html.escape(f['direction'])}</td></tr>"
        f"<tr><th>value</th><td>{html.escape(f.get('value', ''))} "
        f"{html.escape(f.get('unit', ''))}</td></tr>"
        f"<tr><th>model</th><td>{html.escape(f.get('modelLabel', ''))}</td></tr>"
        f"<tr><th>intervention</th><td>{html.escape(f.get('interventionLabel', ''))}</td>"
        "</tr></table><h2>Evidence</h2>"
        f'<p class="evidence">Anchor: “{html.escape(f.get("anchor", ""))}” {offsets}</p>'
        f'<p class="evidence">{html.escape(f.get("sentence", ""))}</p>'
    )
    return _page(f["label"], body, depth=1)
