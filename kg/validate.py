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

NOT_OWL2_DATATYPES = {XSD.gYear, XSD.gYearMonth, XSD.gMonthDay, XSD.date}


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: int
    text: str
    owl_checked: bool = False
    owl_consistent: bool = True
    owl_message: str = ""


def shacl_check(data: Graph) -> tuple[bool, int, str]:
    import pyshacl
    from rdflib.namespace import SH

    ont = Graph().parse(resources.ontology_file(), format="turtle")
    shapes = Graph().parse(resources.shapes_file(), format="turtle")
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ont, inference="none")
    violations = len(set(results.subjects(SH.resultSeverity, SH.Violation)))
    return bool(conforms), violations, text


def owl_check(data: Graph) -> tuple[bool, str]:
    """Ontology + data consistent under HermiT. Literals of datatypes outside OWL 2's map (xsd:date,
    gYear, gYearMonth) are left out of this check only: HermiT rejects them."""
    if shutil.which("java") is None:
        raise KgError("OWL consistency needs Java (HermiT); install a JRE or pass --no-reasoner")
    import owlready2

    g = Graph().parse(resources.ontology_file(), format="turtle")
    for s, p, o in data:
        if not (isinstance(o, Literal) and o.datatype in NOT_OWL2_DATATYPES):
            g.add((s, p, o))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kb.nt"
        g.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load(format="ntriples")
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return False, f"ontology and data are inconsistent: {exc}"
    return True, "ontology and data are consistent (HermiT)"


def sparql_check(store) -> tuple[bool, int, str]:
    """The shapes translated to SPARQL and run by the store itself (see kg.shacl_sparql)."""
    from kg import shacl_sparql

    found = shacl_sparql.violations(store, Graph().parse(resources.shapes_file(), format="turtle"))
    return not found, len(found), shacl_sparql.report(found)


def validate_store(store: EmbeddedStore, reasoner: bool = True, engine: str = "auto") -> ValidationReport:
    """SHACL over the store (by SPARQL in the store, or by pyshacl), then (optionally) OWL consistency.
    'auto' takes the SPARQL translation when every shape is within what it translates."""
    from kg.shacl_sparql import Unsupported

    data = None
    if engine in ("auto", "sparql"):
        try:
            conforms, violations, text = sparql_check(store)
        except Unsupported:
            if engine == "sparql":
                raise
            engine = "pyshacl"
    if engine == "pyshacl":
        data = to_rdflib_graph(store)
        conforms, violations, text = shacl_check(data)
    if not reasoner:
        return ValidationReport(conforms, violations, text)
    consistent, message = owl_check(data if data is not None else to_rdflib_graph(store))
    return ValidationReport(conforms and consistent, violations, text, True, consistent, message)
