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
