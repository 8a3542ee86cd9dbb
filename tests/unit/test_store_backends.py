"""The store suite, run on the embedded store and on a real remote Oxigraph server alike (written through the
Graph Store Protocol, and through SPARQL Update only)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.export import export_rdf
from kg.ingest_run import ingest
from kg.query import find_query, run_query
from kg.store import open_store
from tests.conftest import CORPUS
from tests.servers import oxigraph_server

ARTICLE = CORPUS / "energy-truce-ft.txt"


@pytest.fixture(params=["embedded", "remote", "remote-update-only"])
def location(request, tmp_path, monkeypatch):
    """A store location; the last kind is a server used as if it had SPARQL Update but no Graph Store Protocol."""
    if request.param == "embedded":
        yield str(tmp_path / "store")
        return
    if request.param == "remote-update-only":
        monkeypatch.setenv("KG_GSP_URL", "none")
    with oxigraph_server(tmp_path / "server") as url:
        yield url


def test_backend_reingest_is_idempotent(location):
    with open_store(location) as store:
        first = ingest([ARTICLE], store)
        n = len(store)
        second = ingest([ARTICLE], store)
        assert (first.added, second.unchanged, len(store)) == (1, 1, n)


def test_backend_changed_article_replaces_its_graph(location, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("---\ntitle: t\nurl: https://example.org/a\n---\nRussia and Ukraine met in Riyadh.\n")
    with open_store(location) as store:
        ingest([src], store)
        src.write_text("---\ntitle: t\nurl: https://example.org/a\n---\nFrance spoke.\n")
        assert ingest([src], store).replaced == 1
        labels = {str(r[0]) for r in run_query(store, "SELECT ?l WHERE { ?s "
                                                      "<http://www.w3.org/2000/01/rdf-schema#label> ?l }")}
    assert "France" in labels and "Ukraine" not in labels


def test_backend_saved_query_answers(location):
    with open_store(location) as store:
        ingest([CORPUS], store, glob="*.txt")
        rows = {str(r[0]): int(r[2]) for r in run_query(store, find_query("actors-by-articles").text)}
        profile = list(run_query(store, find_query("actor-profile").text, {"actor": "the Kremlin"}))
    assert rows["Russia"] == 7 and {str(r[0]) for r in profile} == {"Russia"}


def test_backend_remove_and_export(location, tmp_path):
    with open_store(location) as store:
        ingest([CORPUS], store, glob="*.txt")
        from kg.remove import remove_articles

        removed, missing = remove_articles(store, [str(ARTICLE)])
        assert removed and not missing
        out = tmp_path / "x.nq"
        with open(out, "wb") as fh:
            export_rdf(store, "nquads", fh)
        graphs = {q.graph_name.value for q in ox.parse(out.read_bytes(), format=ox.RdfFormat.N_QUADS)}
    assert sum("/article/" in g for g in graphs) == 6


def test_embedded_and_remote_hold_the_same_quads(tmp_path):
    def article_quads(store):
        return {str(q) for q in store.quads() if "/article/" in q.graph_name.value}

    with open_store(tmp_path / "e") as embedded:
        ingest([CORPUS], embedded, glob="*.txt")
        local = article_quads(embedded)
    with oxigraph_server(tmp_path / "server") as url, open_store(url) as remote:
        ingest([CORPUS], remote, glob="*.txt")
        assert article_quads(remote) == local


def test_backend_node_descriptions_kept_once_and_collected_with_their_last_article(location):
    label = "SELECT ?l WHERE { <https://w3id.org/conflict-kg/id/actor/russia> " \
            "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    kovalenko = "ASK { <https://w3id.org/conflict-kg/id/actor/andriy-kovalenko> ?p ?o }"
    with open_store(location) as store:
        ingest([CORPUS], store, glob="*.txt")
        assert len(list(run_query(store, label))) == 1  # seven articles, one label row
        assert run_query(store, kovalenko).askAnswer
        from kg.remove import remove_articles

        remove_articles(store, [str(ARTICLE)])
        assert not run_query(store, kovalenko).askAnswer  # only that article knew him
        assert len(list(run_query(store, label))) == 1  # Russia is still derived from six others


def test_backend_stats_validate_graph_and_analyze(location, tmp_path):
    from kg.analyze import central_actors
    from kg.export import store_network
    from kg.export.html import write_html
    from kg.export.view import view_network
    from kg.stats import store_stats
    from kg.validate import validate_store

    with open_store(location) as store:
        ingest([CORPUS], store, glob="*.txt")
        assert store_stats(store).articles == 7
        report = validate_store(store, reasoner=False)
        assert report.conforms, report.text
        net = store_network(store)
        view = view_network(store)
        assert write_html(view, tmp_path / "g.html") == view.number_of_nodes() > 100 and net.number_of_nodes() > 100
        assert central_actors(net, 2)[0].actor in {"Russia", "Ukraine"}
