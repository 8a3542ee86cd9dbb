"""Validation: SHACL shapes (pyshacl) and OWL consistency (owlready2 with the HermiT reasoner)."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import XSD

from kg import resources
from kg.errors import KgError
from kg.export.rdf import to_rdflib_graph
from kg.store import EmbeddedStore

NOT_OWL2_DATATYPES = {XSD.gMonthDay}  # dropped from the OWL check; xsd:date, gYearMonth, gYear become dateTime


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: int
    text: str
    owl_checked: bool = False
    owl_consistent: bool = True
    owl_message: str = ""
    results: tuple = ()  # kg.shacl_sparql.Violation, one per SHACL result, sorted

    def as_dict(self) -> dict:
        """For `kg validate --json`."""
        return {"conforms": self.conforms, "shacl": {"conforms": self.violations == 0, "violations": self.violations,
                "results": [{"focus": v.focus, "path": v.path, "message": v.message, "value": v.value}
                            for v in self.results]},
                "owl": {"checked": self.owl_checked, "consistent": self.owl_consistent, "message": self.owl_message}}


def shacl_check(data: Graph) -> tuple[bool, int, str]:
    conforms, violations, text, _ = pyshacl_check(data)
    return conforms, violations, text


def pyshacl_check(data: Graph) -> tuple[bool, int, str, tuple]:
    """pyshacl's verdict, count of violations, text report, and its results as Violation records."""
    import pyshacl
    from rdflib.namespace import SH

    from kg.shacl_sparql import Violation

    ont = Graph().parse(resources.ontology_file(), format="turtle")
    shapes = Graph().parse(resources.shapes_file(), format="turtle")
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ont, inference="none")
    found = set()
    for r in results.subjects(SH.resultSeverity, SH.Violation):
        value = results.value(r, SH.value)
        found.add(Violation(str(results.value(r, SH.focusNode)), str(results.value(r, SH.resultPath) or ""),
                            str(results.value(r, SH.resultMessage) or ""), "" if value is None else str(value)))
    ordered = tuple(sorted(found, key=lambda v: (v.focus, v.path, v.message, v.value)))
    violations = len(set(results.subjects(SH.resultSeverity, SH.Violation)))
    return bool(conforms), violations, text, ordered


def owl_term(term):
    """A date, month or year literal as xsd:dateTime (OWL 2's datatype map has no xsd:date)."""
    from kg.export.owl import PADDING

    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) in PADDING:
        return Literal(str(term) + PADDING[str(term.datatype)][1], datatype=XSD.dateTime)
    return term


def owl_check(data: Graph) -> tuple[bool, str]:
    """Ontology + data consistent under HermiT. Dates (xsd:date, gYearMonth, gYear, outside OWL 2's datatype
    map, which HermiT rejects) are checked as xsd:dateTime, as `kg export --owl` writes them."""
    if shutil.which("java") is None:
        raise KgError("OWL consistency needs Java (HermiT); install a JRE or pass --no-reasoner")
    import owlready2

    g = Graph().parse(resources.ontology_file(), format="turtle")
    for s, p, o in data:
        if not (isinstance(o, Literal) and o.datatype in NOT_OWL2_DATATYPES):
            g.add((s, p, owl_term(o)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kb.nt"
        g.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load(format="ntriples")
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return False, inconsistency_message(g, data)
    return True, "ontology and data are consistent (HermiT)"


def inconsistency_message(onto_and_data: Graph, data: Graph) -> str:
    """'ontology and data are inconsistent: X is both A (...) and B (...)...', naming what clashes."""
    from kg.owl_explain import explain

    onto = Graph().parse(resources.ontology_file(), format="turtle")
    found = explain(onto, data)
    if not found:
        return ("ontology and data are inconsistent (HermiT); no individual is in two disjoint classes by its "
                "types, domains or ranges, so the clash is in a longer chain of axioms")
    return "ontology and data are inconsistent: " + "; ".join(found)


def sparql_check(store) -> tuple[bool, int, str, tuple]:
    """The shapes translated to SPARQL and run by the store itself (see kg.shacl_sparql)."""
    from kg import shacl_sparql

    found = shacl_sparql.violations(store, Graph().parse(resources.shapes_file(), format="turtle"))
    return not found, len(found), shacl_sparql.report(found), tuple(found)


def validate_store(store: EmbeddedStore, reasoner: bool = True, engine: str = "auto",
                   on_stage=None) -> ValidationReport:
    """SHACL over the store (by SPARQL in the store, or by pyshacl), then (optionally) OWL consistency.
    'auto' takes the SPARQL translation when every shape is within what it translates. `on_stage(name)`
    hears each stage (for a progress display)."""
    from kg.shacl_sparql import Unsupported

    step = on_stage or (lambda name: None)
    data = None
    if engine in ("auto", "sparql"):
        step("SHACL shapes (SPARQL in the store)")
        try:
            conforms, violations, text, results = sparql_check(store)
        except Unsupported:
            if engine == "sparql":
                raise
            engine = "pyshacl"
    if engine == "pyshacl":
        step("reading the store")
        data = to_rdflib_graph(store)
        step("SHACL shapes (pyshacl)")
        conforms, violations, text, results = pyshacl_check(data)
    if not reasoner:
        return ValidationReport(conforms, violations, text, results=results)
    step("reading the store")
    data = data if data is not None else to_rdflib_graph(store)
    step("OWL consistency (HermiT)")
    consistent, message = owl_check(data)
    return ValidationReport(conforms and consistent, violations, text, True, consistent, message, results)


def report_graph(report: ValidationReport) -> Graph:
    """The SHACL result as RDF: one sh:ValidationReport with an sh:ValidationResult per violation,
    as pySHACL and TopBraid write it (IRIs minted under the report, no blank nodes)."""
    from rdflib import URIRef
    from rdflib.namespace import RDF, SH

    g = Graph()
    g.bind("sh", SH)
    base = "urn:x-kg:validation-report"
    root = URIRef(base)
    g.add((root, RDF.type, SH.ValidationReport))
    g.add((root, SH.conforms, Literal(report.violations == 0)))
    for i, v in enumerate(report.results, start=1):
        r = URIRef(f"{base}#result-{i}")
        g.add((root, SH.result, r))
        g.add((r, RDF.type, SH.ValidationResult))
        g.add((r, SH.resultSeverity, SH.Violation))
        g.add((r, SH.focusNode, URIRef(v.focus)))
        if v.path:
            g.add((r, SH.resultPath, URIRef(v.path)))
        g.add((r, SH.resultMessage, Literal(v.message)))
    return g
