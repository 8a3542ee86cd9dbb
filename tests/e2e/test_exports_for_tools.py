"""Exports other tools take as they are: format from the file name, readable Turtle, OWL-safe for HermiT,
JSON-LD with a context (PyLD round trip), GraphML/CSV columns for Gephi and pandas."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.cli import main
from kg.export import export_rdf
from kg.export.rdf import selected_quads

RUSSIA = "https://w3id.org/conflict-kg/id/actor/russia"


def kg(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("name, fmt", [("x.nq", ox.RdfFormat.N_QUADS), ("x.trig", ox.RdfFormat.TRIG),
                                       ("x.nt", ox.RdfFormat.N_TRIPLES), ("x.ttl", ox.RdfFormat.TURTLE),
                                       ("x.jsonld", ox.RdfFormat.JSON_LD)])
def test_export_format_follows_the_extension(corpus_store_path, tmp_path, name, fmt):
    out = tmp_path / name
    assert kg("export", "--store", corpus_store_path, "-o", out).exit_code == 0
    quads = list(ox.parse(path=str(out), format=fmt))
    assert len(quads) > 2000
    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        assert sum("/article/" in str(q.graph_name) for q in {q.graph_name: q for q in quads}.values()) == 7


def test_export_nq_then_import_round_trips(corpus_store_path, tmp_path):
    out = tmp_path / "x.nq"
    kg("export", "--store", corpus_store_path, "-o", out)
    result = kg("import", out, "--store", tmp_path / "copy")
    assert result.exit_code == 0, result.output
    stats = json.loads(kg("stats", "--store", tmp_path / "copy", "--json").output)
    assert stats["articles"] == 7


def test_export_graphml_by_extension_and_aliases(corpus_store_path, tmp_path):
    assert kg("export", "--store", corpus_store_path, "-o", tmp_path / "g.graphml").exit_code == 0
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 100
    for alias, fmt in (("ttl", ox.RdfFormat.TURTLE), ("nq", ox.RdfFormat.N_QUADS), ("json-ld", ox.RdfFormat.JSON_LD),
                       ("nt", ox.RdfFormat.N_TRIPLES)):
        out = tmp_path / f"alias-{alias}"
        assert kg("export", "--store", corpus_store_path, "--format", alias, "-o", out).exit_code == 0
        assert len(list(ox.parse(path=str(out), format=fmt))) > 2000


def test_export_extension_contradicting_format_is_refused(corpus_store_path, tmp_path):
    result = kg("export", "--store", corpus_store_path, "--format", "turtle", "-o", tmp_path / "x.nq")
    assert result.exit_code == 2 and "the extension .nq means nquads, but --format is turtle" in result.output
    assert not (tmp_path / "x.nq").exists()
    unknown = kg("export", "--store", corpus_store_path, "-o", tmp_path / "x.rdfxml")
    assert unknown.exit_code == 2 and "cannot tell the format" in unknown.output
    bad = kg("export", "--store", corpus_store_path, "--format", "turtel")
    assert bad.exit_code == 2 and "unknown export format 'turtel'" in bad.output


def export_text(store, **kw) -> str:
    buf = io.BytesIO()
    export_rdf(store, "turtle", buf, **kw)
    return buf.getvalue().decode("utf-8")


def test_readable_turtle_header_first_sorted_a_first_no_escaped_slash(corpus_store):
    text = export_text(corpus_store)
    lines = text.splitlines()
    prefixes = [line for line in lines if line.startswith("@prefix")]
    assert prefixes == sorted(prefixes) and lines[:len(prefixes)] == prefixes
    body = [line for line in lines[len(prefixes):] if line]
    assert body[0] == "<https://w3id.org/conflict-kg/ontology> a owl:Ontology ;"
    assert "\\/" not in text
    subjects = [line for line in body if not line.startswith(" ")]
    typed = [line for line in subjects if " a " in line]
    assert len(typed) > 100 and all(re.match(r"^\S+ a ", line) for line in typed)
    assert text == export_text(corpus_store)


def test_readable_and_engine_turtle_are_isomorphic(corpus_store):
    readable = Graph().parse(data=export_text(corpus_store, readable=True), format="turtle")
    engine_text = export_text(corpus_store, readable=False)
    assert "\\/" in engine_text  # the engine path escapes; it stays for large exports
    assert isomorphic(readable, Graph().parse(data=engine_text, format="turtle"))


def hermit(path: Path) -> subprocess.CompletedProcess:
    import owlready2

    here = Path(owlready2.__file__).parent / "hermit"
    return subprocess.run(["java", "-Xmx1000M", "-cp", f"{here}:{here / 'HermiT.jar'}",
                           "org.semanticweb.HermiT.cli.CommandLine", "-k", path.as_uri()],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs java")
def test_owl_export_is_accepted_by_hermit_and_the_raw_one_is_not(corpus_store_path, tmp_path):
    owl, raw = tmp_path / "owl.ttl", tmp_path / "raw.ttl"
    assert kg("export", "--store", corpus_store_path, "--owl", "-o", owl).exit_code == 0
    assert kg("export", "--store", corpus_store_path, "-o", raw).exit_code == 0
    accepted = hermit(owl)
    assert accepted.returncode == 0 and "owl#Thing is satisfiable" in accepted.stdout, accepted.stderr[-2000:]
    assert "xsd:dateTime" in owl.read_text() and "^^xsd:date " not in owl.read_text()
    refused = hermit(raw)
    assert "not part of the OWL 2 datatype map" in refused.stderr


def test_jsonld_has_a_context_and_round_trips_with_pyld(corpus_store):
    from pyld import jsonld

    buf = io.BytesIO()
    export_rdf(corpus_store, "jsonld", buf, ontology=False)
    doc = json.loads(buf.getvalue())
    context = doc["@context"]
    assert context["speaker"] == {"@id": "https://w3id.org/conflict-kg/ontology#speaker", "@type": "@id"}
    text = buf.getvalue().decode("utf-8")
    assert '"speaker"' in text and '"ckg:speaker"' not in text and '"wasDerivedFrom"' in text
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    back = {(q.subject, q.predicate, q.object, q.graph_name) for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)}
    want = {(q.subject, q.predicate, q.object, q.graph_name) for q in selected_quads(corpus_store, ontology=False)}
    assert back == want


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_csv_tables_for_pandas(corpus_store_path, tmp_path):
    assert kg("export", "--store", corpus_store_path, "--format", "csv", "-o", tmp_path / "t").exit_code == 0
    nodes = {n["id"]: n for n in read_csv(tmp_path / "t" / "nodes.csv")}
    edges = read_csv(tmp_path / "t" / "edges.csv")
    russia = nodes[RUSSIA]
    assert list(russia) == ["id", "label", "type", "articles", "sources", "aliases", "wikidata", "start", "end"]
    assert russia["type"] == "Country" and russia["wikidata"] == "Q159" and russia["articles"] == "7"
    assert len(russia["sources"].split("; ")) == 7 and "the Kremlin" in russia["aliases"].split("; ")
    dated = [n for n in nodes.values() if n["start"]]
    assert dated and all(re.fullmatch(r"\d{4}(-\d{2}){0,2}", n["start"]) and n["end"] for n in dated)
    assert edges and {"source", "target", "label", "weight"} == set(edges[0])
    assert all(int(e["weight"]) >= 1 for e in edges)


def test_graphml_flat_attributes_and_optional_article_nodes(corpus_store_path, tmp_path):
    plain, with_articles = tmp_path / "g.graphml", tmp_path / "a.graphml"
    kg("export", "--store", corpus_store_path, "-o", plain)
    kg("export", "--store", corpus_store_path, "-o", with_articles, "--articles")
    g, a = nx.read_graphml(plain), nx.read_graphml(with_articles)
    assert all(isinstance(v, (str, int, float)) for _, d in g.nodes(data=True) for v in d.values())
    assert g.nodes[RUSSIA]["type"] == "Country" and g.nodes[RUSSIA]["wikidata"] == "Q159"
    assert all("weight" in d for *_, d in g.edges(data=True))
    articles = [n for n, d in a.nodes(data=True) if d["type"] == "Article"]
    assert len(articles) == 7 and not [n for n, d in g.nodes(data=True) if d["type"] == "Article"]
    assert a.number_of_edges() > g.number_of_edges()


def test_export_all_rdf_formats_from_the_same_store_the_same_twice(corpus_store):
    for fmt in ("turtle", "trig", "nquads", "jsonld"):
        first, second = io.BytesIO(), io.BytesIO()
        export_rdf(corpus_store, fmt, first)
        export_rdf(corpus_store, fmt, second)
        assert first.getvalue() == second.getvalue(), fmt



def test_readable_turtle_is_the_same_from_two_stores_built_alike(tmp_path):
    """Blank nodes (the ontology's disjointness lists) are written inline, so the text does not depend
    on the labels a store gives them."""
    from kg.ingest_run import ingest
    from kg.store import open_store
    from tests.conftest import CORPUS

    texts = []
    for name in ("a", "b"):
        with open_store(tmp_path / name) as store:
            ingest([CORPUS / "energy-truce-ft.txt"], store)
            texts.append(export_text(store))
    assert texts[0] == texts[1] and "_:" not in texts[0]
    assert "[] a owl:AllDisjointClasses ;\n    owl:members ( ckg:Person ckg:Country" in texts[0]
