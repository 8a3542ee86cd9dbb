"""`kg validate`: inconsistencies named, --json, and the SHACL report as RDF."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SH

from kg.cli import main
from kg.ingest_run import ingest
from kg.store import open_store
from kg.vocab import CKG
from tests.conftest import CORPUS
from tests.unit.test_validate import broken

ID = "https://w3id.org/conflict-kg/id/"


def store_with(tmp_path, extra: Graph):
    path = tmp_path / "s"
    with open_store(path) as store:
        ingest([CORPUS / "energy-truce-ft.txt"], store)
        store.replace_graph(ID + "article/extra", extra)
    return path


def clash() -> Graph:
    """An attack used as a statement's speaker: Event and Actor are disjoint."""
    g = Graph()
    art, ev, st = URIRef(ID + "article/extra"), URIRef(ID + "event/strange"), URIRef(ID + "statement/odd")
    g.add((art, RDF.type, CKG.Article))
    g.add((ev, RDF.type, CKG.Attack))
    g.add((ev, RDFS.label, Literal("strange attack")))
    g.add((ev, PROV.wasDerivedFrom, art))
    g.add((st, RDF.type, CKG.Statement))
    g.add((st, CKG.speaker, ev))
    return g


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs java")
def test_inconsistent_store_names_the_individual_and_classes(tmp_path):
    path = store_with(tmp_path, clash())
    result = CliRunner().invoke(main, ["validate", "--store", str(path)])
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if x.startswith("ontology and data are inconsistent"))
    assert line == ("ontology and data are inconsistent: event/strange is both Actor (object of speaker) "
                    "and Event (typed Attack), which are disjoint")


def test_explain_finds_nothing_on_consistent_data(corpus_store):
    from kg import resources
    from kg.export.rdf import to_rdflib_graph
    from kg.owl_explain import explain

    onto = Graph().parse(resources.ontology_file(), format="turtle")
    assert explain(onto, to_rdflib_graph(corpus_store)) == []
    assert explain(onto, clash())[0].startswith("event/strange is both Actor")


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_validate_json_and_rdf_report(tmp_path, engine):
    path = store_with(tmp_path, broken())
    report = tmp_path / "report.ttl"
    result = CliRunner().invoke(main, ["validate", "--store", str(path), "--no-reasoner", "--engine", engine,
                                       "--json", "--report", str(report)])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["conforms"] is False and data["shacl"]["violations"] == 4 == len(data["shacl"]["results"])
    assert {r["focus"].split("/id/")[1] for r in data["shacl"]["results"]} >= {"statement/no-speaker",
                                                                               "event/bad-date"}
    g = Graph().parse(report, format="turtle")
    root = next(g.subjects(RDF.type, SH.ValidationReport))
    assert g.value(root, SH.conforms).toPython() is False
    results = list(g.objects(root, SH.result))
    assert len(results) == 4 and all((r, SH.resultSeverity, SH.Violation) in g for r in results)
    assert {str(g.value(r, SH.focusNode)) for r in results} == {r["focus"] for r in data["shacl"]["results"]}


def test_validate_json_on_a_conforming_store(corpus_store_path):
    result = CliRunner().invoke(main, ["validate", "--store", str(corpus_store_path), "--no-reasoner", "--json"])
    data = json.loads(result.output)
    assert result.exit_code == 0 and data["conforms"] and data["shacl"]["results"] == []
    assert data["owl"]["checked"] is False
