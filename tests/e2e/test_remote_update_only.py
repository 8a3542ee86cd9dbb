"""A server with SPARQL Update but no Graph Store Protocol (gsp_url = false): the same graph, written with
update requests only, seen through a recording proxy in front of a real Oxigraph server."""

from __future__ import annotations

from kg.ingest_run import ingest
from kg.remove import remove_articles
from kg.store import open_store
from tests.conftest import CORPUS
from tests.servers import oxigraph_server, recording_proxy

ARTICLE = CORPUS / "energy-truce-ft.txt"


def article_quads(store) -> set[str]:
    return {str(q) for q in store.quads() if "/article/" in q.graph_name.value or q.graph_name.value.endswith("/nodes")}


def test_update_only_server_gets_no_graph_store_requests_and_the_same_graph(tmp_path, monkeypatch):
    with open_store(tmp_path / "embedded") as embedded:
        ingest([CORPUS], embedded, glob="*.txt")
        remove_articles(embedded, [str(ARTICLE)])
        expected = article_quads(embedded)
    monkeypatch.setenv("KG_GSP_URL", "none")
    with oxigraph_server(tmp_path / "server") as url, recording_proxy(url) as (proxy, seen), \
            open_store(proxy) as store:
        first = ingest([CORPUS], store, glob="*.txt")
        again = ingest([CORPUS], store, glob="*.txt")
        removed, _ = remove_articles(store, [str(ARTICLE)])
        got = article_quads(store)
    assert (first.added, again.unchanged, len(removed)) == (7, 7, 1)
    assert got == expected
    assert seen and not [p for _, p in seen if p.startswith("/store")]
    assert {p.split("?")[0] for _, p in seen} <= {"/query", "/update"}


def test_update_only_replaced_article_keeps_one_version(tmp_path, monkeypatch):
    src = tmp_path / "a.txt"
    src.write_text("---\ntitle: t\nurl: https://example.org/a\n---\nRussia and Ukraine met in Riyadh.\n")
    monkeypatch.setenv("KG_GSP_URL", "none")
    with oxigraph_server(tmp_path / "server") as url, open_store(url) as store:
        ingest([src], store)
        src.write_text("---\ntitle: t\nurl: https://example.org/a\n---\nFrance spoke.\n")
        assert ingest([src], store).replaced == 1
        labels = {q.object.value for q in store.quads() if q.predicate.value.endswith("#label")}
    assert "France" in labels and "Ukraine" not in labels
