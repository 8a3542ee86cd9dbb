"""Every saved query runs on the fixture corpus and returns the rows it should."""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.query import find_query, format_result, list_queries, run_query


def rows(store, name, **params):
    return [[str(c) if c is not None else "" for c in r] for r in run_query(store, find_query(name).text, params)]


def test_queries_each_open_with_title_and_question():
    queries = list_queries()
    assert len(queries) >= 6
    for q in queries:
        assert q.title and q.question, q.name


def test_query_proposals(corpus_store):
    got = rows(corpus_store, "proposals")
    assert any("United States" in r[2] and "Ukraine" in r[2] and "Russia" in r[3] for r in got)


def test_query_commitments(corpus_store):
    got = rows(corpus_store, "commitments")
    assert ["Ukraine", "attacks"] in [r[1:3] for r in got if "tankers" in r[3]]
    assert any(r[1] == "Russia" and "energy infrastructure" in r[3] for r in got)


def test_query_quotes(corpus_store):
    got = rows(corpus_store, "quotes")
    kovalenko = [r for r in got if r[0] == "Andriy Kovalenko"]
    assert kovalenko and "air raid alerts" in kovalenko[0][1]
    assert any(r[2] == "Financial Times" for r in got)


def test_query_actors_by_articles(corpus_store):
    got = rows(corpus_store, "actors-by-articles")
    top = {r[0]: int(r[2]) for r in got}
    assert top["Russia"] == 7 and top["Ukraine"] == 7


def test_query_timeline(corpus_store):
    got = rows(corpus_store, "timeline")
    starts = [r[0] for r in got]
    assert starts == sorted(starts)
    assert any(r[0] == "2025-03-18" and r[2] == "Talks" for r in got)


def test_query_actor_profile_with_param(corpus_store):
    got = rows(corpus_store, "actor-profile", actor="the Kremlin")
    assert {r[0] for r in got} == {"Russia"}
    assert any(r[1] == "exactMatch" and r[2].endswith("Q159") for r in got)


def test_query_param_is_bound_not_pasted(corpus_store):
    got = rows(corpus_store, "actor-profile", actor='x" } } DROP ALL #')
    assert got == []
    assert len(corpus_store) > 1000


def test_query_unknown_name_suggests_close_match():
    with pytest.raises(QueryError, match="did you mean proposals"):
        find_query("proposal")


def test_query_syntax_error_names_line_and_column(corpus_store):
    with pytest.raises(QueryError, match=r"1:\d+"):
        run_query(corpus_store, "SELECT * WHERE { ?s ?p }")


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_formats(corpus_store, fmt):
    text = format_result(run_query(corpus_store, find_query("actors-by-articles").text), fmt)
    assert "Russia" in text


def test_queries_library_has_fifteen_and_params_are_declared():
    queries = {q.name: q for q in list_queries()}
    assert len(queries) >= 15
    expected = {"actor-profile": {"actor"}, "quotes-by-actor": {"actor"}, "provenance": {"label"},
                "attacks-between": {"category", "from", "to"}}
    for name, params in expected.items():
        assert {p.name for p in queries[name].params} == params
        for p in params:
            assert f"?{p}" in queries[name].text


def test_query_targets_spared(corpus_store):
    got = {(r[0], r[1]) for r in rows(corpus_store, "targets-spared")}
    assert ("Ukraine", "tankers") in got and ("Russia", "energy infrastructure") in got


def test_query_quotes_by_actor(corpus_store):
    got = rows(corpus_store, "quotes-by-actor", actor="Peskov")
    assert len(got) >= 3 and {r[0] for r in got} == {"Dmitry Peskov"}
    assert any("receiving full information" in r[1] for r in got)


def test_query_reported_by(corpus_store):
    got = {(r[0], r[1]) for r in rows(corpus_store, "reported-by")}
    assert ("Le Figaro", "Emmanuel Macron") in got
    assert ("Reuters", "two sources familiar with the negotiations") in got


def test_query_unnamed_sources(corpus_store):
    got = rows(corpus_store, "unnamed-sources")
    assert any(r[0] == "an unnamed Ukrainian senior official" and r[2] == "Financial Times" for r in got)
    assert all("Peskov" not in r[0] for r in got)


def test_query_co_quoted(corpus_store):
    got = {(r[0], r[1]): int(r[2]) for r in rows(corpus_store, "co-quoted")}
    assert got[("Andrii Sybiha", "Dmitry Peskov")] == 3


def test_query_talks_timeline(corpus_store):
    got = rows(corpus_store, "talks-timeline")
    assert any(r[0] == "2025-03-02" and r[2] == "London" for r in got)
    dated = [r[0] for r in got if r[0]]
    assert dated == sorted(dated)


def test_query_attacks_between_dates_on_a_category(corpus_store):
    got = rows(corpus_store, "attacks-between", category="OilRefinery", **{"from": "2025-03-25", "to": "2025-12-31"})
    assert {(r[0], r[1], r[2]) for r in got} >= {("2025-04-01", "Saratov oil refinery", "Ukraine"),
                                                 ("2025-11-02", "Tuapse oil refinery", "Ukraine")}
    assert all("2025-03-25" <= r[0] <= "2025-12-31" for r in got)
    assert rows(corpus_store, "attacks-between", category="Dam", **{"from": "2025-01-01", "to": "2025-12-31"}) == []


def test_query_violations(corpus_store):
    got = rows(corpus_store, "violations")
    assert any(r[0] == "2025-03-21" and r[1] == "Russia" and r[2] == "Ukraine" for r in got)
    # the accusers are the ministry and the country it speaks for (story layer, issue 11)
    assert any(r[0] == "2025-03-19" and r[1] == "Ukraine" and "Russian Defence Ministry" in r[2].split("; ")
               for r in got)


def test_query_provenance(corpus_store):
    got = rows(corpus_store, "provenance", label="Saratov oil refinery")
    assert len(got) == 1 and "Saratov oil refinery" in got[0][4] and got[0][2] == "2025-04-04"
    assert len({r[1] for r in rows(corpus_store, "provenance", label="Russia")}) == 7


def test_query_wikidata_links(corpus_store):
    got = {r[0]: r[2] for r in rows(corpus_store, "wikidata-links")}
    assert got["Volodymyr Zelensky"] == "http://www.wikidata.org/entity/Q3881"
    assert "Andriy Kovalenko" not in got


def test_query_most_connected(corpus_store):
    got = rows(corpus_store, "most-connected")
    assert got[0][0] in {"Russia", "Ukraine"} and int(got[0][1]) >= int(got[-1][1])


@pytest.mark.parametrize("name", ["check-statements-without-speaker", "check-actors-without-type"])
def test_quality_checks_return_no_rows_on_the_corpus(corpus_store, name):
    assert rows(corpus_store, name) == []


def test_quality_check_finds_a_statement_without_speaker(tmp_path):
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import PROV, RDF

    from kg.store import open_store
    from kg.vocab import CKG

    g = Graph()
    s, a = URIRef("https://w3id.org/conflict-kg/id/statement/x"), URIRef("https://w3id.org/conflict-kg/id/article/x")
    g.add((s, RDF.type, CKG.Statement))
    g.add((s, PROV.wasDerivedFrom, a))
    g.add((a, URIRef("http://purl.org/dc/terms/title"), Literal("t")))
    with open_store(tmp_path / "s") as store:
        store.replace_graph(a, g)
        assert len(rows(store, "check-statements-without-speaker")) == 1


def test_query_construct_gives_turtle(corpus_store):
    text = format_result(run_query(corpus_store, "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#> "
                                   "CONSTRUCT { ?s ckg:quote ?q } WHERE { ?s ckg:quote ?q }"), "turtle")
    assert "ckg:quote" in text or "ontology#quote" in text


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_csv_from_the_engine_equals_csv_of_the_rows(corpus_store, query):
    """kg's CSV comes from Oxigraph's writer on the embedded store; it must be the CSV of the same rows."""
    import csv
    import io

    from kg.query import answer

    params = {p.name: "Russia" for p in query.params}
    got = list(csv.reader(io.StringIO(answer(corpus_store, query.text, params, "csv"))))
    result = run_query(corpus_store, query.text, params)
    want = [[str(v) for v in result.vars]] + [[str(c) if c is not None else "" for c in r] for r in result]
    assert got == want and "\r" not in answer(corpus_store, query.text, params, "csv")
