"""Guard (issue 14): bounded fuzzing of the two doors hostile input comes through, ingest's readers and
the query path in front of the engine. Whatever comes in, the answer is an article, a one-line error
naming the input, or a QueryError; never another exception and never a crash of the engine."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.errors import QueryError
from kg.ingest import iter_articles
from kg.query.guard import MAX_DEPTH
from kg.query.run import bind

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])
SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".xml", ".rss"]


def read_all(path) -> list:
    results = list(iter_articles([path]))
    for r in results:
        assert (r.article is None) != (r.error is None)
        if r.error:
            assert "\n" not in r.error and r.error.startswith(str(path)[:20])
    return results


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_fuzz_ingest_random_bytes(tmp_path, data, suffix):
    path = tmp_path / f"x{suffix}"
    path.write_bytes(data)
    read_all(path)


def nested(depth: int, leaf: str, kinds: str) -> str:
    opening = "".join(kinds[i % len(kinds)] for i in range(depth))
    closing = "".join({"[": "]", "{": "}"}[c] for c in reversed(opening))
    return opening + leaf + closing


@FUZZ
@given(depth=st.integers(0, 120_000), kinds=st.sampled_from(["[", "{", "[{"]),
       leaf=st.sampled_from(['"text"', "1e99999", "9" * 5000, "null", '{"text": "Russia met Ukraine."}']),
       jsonl=st.booleans())
@example(depth=100_000, kinds="[", leaf='"text"', jsonl=False)
@example(depth=100_000, kinds="{", leaf="9" * 5000, jsonl=True)
def test_fuzz_ingest_random_json_nesting(tmp_path, depth, kinds, leaf, jsonl):
    text = nested(depth, leaf, kinds)
    if kinds == "{":  # objects need keys: {"a": {"a": ...}}
        text = '{"a": ' * depth + leaf + "}" * depth
    path = tmp_path / ("x.jsonl" if jsonl else "x.json")
    path.write_text(text + "\n" + json.dumps({"text": "France spoke on Monday."}) + "\n" if jsonl else text)
    results = read_all(path)
    if jsonl:
        assert any(r.article is not None for r in results)  # the good line after the bad one still counts


front_value = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)


@FUZZ
@given(meta=st.dictionaries(st.sampled_from(["title", "date", "publisher", "url", "language", "author", "x"]),
                            front_value, max_size=6),
       body=st.text(st.characters(blacklist_categories=["Cs"]), max_size=300), crlf=st.booleans())
def test_fuzz_ingest_random_front_matter(tmp_path, meta, body, crlf):
    text = "---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items()) + "---\n" + body
    path = tmp_path / "x.md"
    path.write_bytes(text.replace("\n", "\r\n" if crlf else "\n").encode("utf-8"))
    read_all(path)


SHAPES = ["(", "{", "[", "{ ?s ?p ?o } UNION {", "(?x + ", "OPTIONAL {", "FILTER("]
CLOSE = {"(": ")", "{": "}", "[": "]", "{ ?s ?p ?o } UNION {": "}", "(?x + ": ")", "OPTIONAL {": "}",
         "FILTER(": ")"}


@settings(max_examples=80, deadline=None)
@given(depth=st.integers(0, 12_000), shape=st.sampled_from(SHAPES), service=st.booleans(),
       noise=st.sampled_from(["", '"((((("', "# {{{{ \n", "<http://a/(((>", "'''}}}'''"]), balanced=st.booleans())
@example(depth=6000, shape="(", service=False, noise="", balanced=True)
@example(depth=6000, shape="{", service=False, noise="", balanced=True)
@example(depth=MAX_DEPTH - 3, shape="(", service=False, noise='"((((("', balanced=True)
def test_fuzz_query_nesting_never_reaches_the_engine_too_deep(depth, shape, service, noise, balanced):
    inner = nested_query(depth, shape, balanced)
    where = f"SERVICE <http://127.0.0.1:9/> {{ ?s ?p ?o }} {inner}" if service else inner
    query = f"SELECT * WHERE {{ {noise} {where} }}"
    try:
        bind(query, None)  # the guard, then Oxigraph's parser on an empty store (the real engine path)
    except QueryError as exc:
        if depth > MAX_DEPTH:
            assert "levels deep" in str(exc) or (service and "SERVICE" in str(exc))
    else:
        assert depth <= MAX_DEPTH + 2 and not service


def nested_query(depth: int, shape: str, balanced: bool) -> str:
    leaf = "1" if shape in ("(", "(?x + ", "FILTER(") else "?s ?p ?o"
    if shape == "[":
        return "?s ?p " + "[ ?q " * depth + "1" + " ]" * (depth if balanced else depth // 2)
    if shape == "(?x + ":
        return "FILTER(" + "(?x + " * depth + "1" + ")" * (depth if balanced else 0) + ")"
    if shape == "FILTER(":
        return "FILTER(" * depth + "true" + ")" * (depth if balanced else 1)
    return shape * depth + leaf + CLOSE[shape] * (depth if balanced else depth // 3)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(meta=st.dictionaries(st.sampled_from(["title", "date", "publisher", "url"]), front_value, max_size=4),
       body=st.text(st.characters(blacklist_categories=["Cs"]), min_size=0, max_size=200),
       junk=st.binary(max_size=200))
def test_fuzz_ingest_into_a_real_store(tmp_path_factory, meta, body, junk):
    """Random articles and junk go through extraction into a real store: failures are counted one by one,
    and the store holds whole articles only (every article graph has its ckg:sourceFile)."""
    from kg.ingest_run import ingest
    from kg.store import open_store

    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "a.md").write_text("---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items()) + "---\n"
                                 + "Russia and Ukraine met in Riyadh on Tuesday. " + body, encoding="utf-8")
    (folder / "b.txt").write_bytes(junk)
    with open_store(folder / "s") as store:
        summary = ingest([folder / "a.md", folder / "b.txt"], store)
        assert summary.added + summary.failed == 2 and len(summary.errors) == summary.failed
        graphs = [g for g in store.named_graphs() if "/article/" in g]
        assert len(graphs) == summary.added
        with_source = {str(r[0]) for r in store.query(
            "SELECT ?g WHERE { GRAPH ?g { ?g <https://w3id.org/conflict-kg/ontology#sourceFile> ?f } }")}
        assert set(graphs) == with_source
