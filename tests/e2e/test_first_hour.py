"""A researcher's first hour (issue 15): no silent wrong answers, the same output every run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.analyze import central_actors
from kg.cli import main
from kg.export import store_network
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[2]
CORPUS_ONE = ROOT / "tests" / "data" / "corpus" / "energy-truce-ft.txt"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def kg(runner, *args, input=None):
    return runner.invoke(main, [str(a) for a in args], input=input)


def test_saved_query_without_its_required_param_is_refused(runner, corpus_store_path):
    result = kg(runner, "query", "quotes-by-actor", "--store", corpus_store_path)
    assert result.exit_code == 2 and "needs --param actor=VALUE" in result.output
    assert result.output.count("\n") == 1


@pytest.mark.parametrize("value, problem", [("2025-02-30", "not a valid date"), ("March", "expected a date")])
def test_saved_query_date_param_must_be_a_real_date(runner, corpus_store_path, value, problem):
    result = kg(runner, "query", "attacks-between", "--param", "category=OilRefinery", "--param", f"from={value}",
                "--param", "to=2025-12-31", "--store", corpus_store_path)
    assert result.exit_code == 2 and f"--param from={value}: {problem}" in result.output


def test_saved_query_class_param_and_unknown_param_are_checked(runner, corpus_store_path):
    result = kg(runner, "query", "attacks-between", "--param", "category=OilRefinary", "--param", "from=2025-03-01",
                "--param", "to=2025-12-31", "--store", corpus_store_path)
    assert result.exit_code == 2 and "not a class of the ontology; did you mean OilRefinery?" in result.output
    result = kg(runner, "query", "quotes-by-actor", "--param", "actr=Peskov", "--store", corpus_store_path)
    assert result.exit_code == 2 and "has no parameter 'actr' (its parameters: actor)" in result.output
    ok = kg(runner, "query", "attacks-between", "--param", "category=OilRefinery", "--param", "from=2025-03-01",
            "--param", "to=2025-12-31", "--format", "csv", "--store", corpus_store_path)
    assert ok.exit_code == 0 and "Saratov oil refinery" in ok.output


def test_param_lines_declare_type_and_optional():
    from kg.query.catalogue import find_query, parse_param

    p = parse_param("when (date, optional) a day", Path("x.rq"))
    assert (p.name, p.type, p.required, p.description) == ("when", "date", False, "a day")
    assert [(p.name, p.type) for p in find_query("attacks-between").params] == \
        [("category", "class"), ("from", "date"), ("to", "date")]


def test_graph_takes_param_for_its_query(runner, corpus_store_path, tmp_path):
    out = tmp_path / "q.html"
    missing = kg(runner, "graph", "--query", "quotes-by-actor", "-o", out, "--store", corpus_store_path)
    assert missing.exit_code == 2 and "needs --param actor" in missing.output and not out.exists()
    result = kg(runner, "graph", "--query", "quotes-by-actor", "--param", "actor=Peskov", "-o", out,
                "--store", corpus_store_path)
    assert result.exit_code == 0 and "Dmitry Peskov" in out.read_text()
    n = int(result.output.split("(")[1].split(" ")[0])
    assert n >= 2


def test_query_turtle_on_select_is_refused(runner, corpus_store_path):
    result = kg(runner, "query", "quotes", "--format", "turtle", "--store", corpus_store_path)
    assert result.exit_code == 2 and "needs a CONSTRUCT or DESCRIBE query; this is a SELECT" in result.output
    construct = kg(runner, "query", "-e", "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 2", "--format", "turtle",
                   "--store", corpus_store_path)
    assert construct.exit_code == 0 and "@prefix" in construct.output


def test_query_dash_reads_the_query_from_stdin(runner, corpus_store_path):
    result = kg(runner, "query", "-", "--format", "csv", "--store", corpus_store_path,
                input="SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/conflict-kg/ontology#Article> }"
                )
    assert result.exit_code == 0 and result.output.splitlines() == ["n", "7"]
    empty = kg(runner, "query", "-", "--store", corpus_store_path, input="")
    assert empty.exit_code == 2 and "no query on standard input" in empty.output


def test_graph_around_unknown_name_fails_with_close_matches(runner, corpus_store_path, tmp_path):
    out = tmp_path / "g.html"
    result = kg(runner, "graph", "--around", "Nobody Here", "-o", out, "--store", corpus_store_path)
    assert result.exit_code == 2 and "no node named 'Nobody Here'" in result.output and not out.exists()
    result = kg(runner, "graph", "--around", "Vladimir Putn", "-o", out, "--store", corpus_store_path)
    assert result.exit_code == 2 and "did you mean 'Vladimir Putin'" in result.output
    alias = kg(runner, "graph", "--around", "Putin", "--hops", "1", "-o", out, "--store", corpus_store_path)
    assert alias.exit_code == 0 and "Vladimir Putin" in out.read_text()


def test_graph_says_when_max_nodes_cuts(runner, corpus_store_path, tmp_path):
    result = kg(runner, "graph", "--max-nodes", "10", "-o", tmp_path / "g.html", "--store", corpus_store_path)
    assert result.exit_code == 0 and "(10 nodes; --max-nodes 10 left out" in result.output
    whole = kg(runner, "graph", "-o", tmp_path / "h.html", "--store", corpus_store_path)
    assert "left out" not in whole.output


def test_analyze_path_accepts_aliases(runner, corpus_store_path):
    by_alias = kg(runner, "analyze", "--store", corpus_store_path, "path", "Donald Trump", "Putin")
    by_name = kg(runner, "analyze", "--store", corpus_store_path, "path", "Donald Trump", "Vladimir Putin")
    assert by_alias.exit_code == 0 and by_alias.output == by_name.output and "Vladimir Putin" in by_alias.output
    unknown = kg(runner, "analyze", "--store", corpus_store_path, "path", "Donald Trump", "Nobody")
    assert unknown.exit_code == 2 and "no node named 'Nobody'" in unknown.output


def test_analyze_json(runner, corpus_store_path):
    data = json.loads(kg(runner, "analyze", "--store", corpus_store_path, "--top", "3", "--json").output)
    with open_store(corpus_store_path) as store:
        expected = [c.actor for c in central_actors(store_network(store), 3)]
    assert [c["actor"] for c in data["central"]] == expected and len(expected) == 3
    assert data["communities"] and all(isinstance(g, list) for g in data["communities"])
    hops = json.loads(kg(runner, "analyze", "--store", corpus_store_path, "path", "Donald Trump", "Vladimir Putin",
                         "--json").output)
    assert hops[0]["source"] == "Donald Trump" and hops[-1]["target"] == "Vladimir Putin" and hops[0]["evidence"]


@pytest.mark.slow
def test_analyze_output_is_the_same_under_two_hash_seeds(corpus_store_path):
    outputs = {}
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        runs = []
        for args in (["analyze"], ["analyze", "path", "Donald Trump", "Vladimir Putin"]):
            argv = [sys.executable, "-c", "from kg.cli import main; main()", *args[:1],
                    "--store", str(corpus_store_path), *args[1:]]
            done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=300, cwd=ROOT)
            assert done.returncode == 0, done.stderr
            runs.append(done.stdout)
        outputs[seed] = tuple(runs)
    assert len(set(outputs.values())) == 1, outputs
    assert "communities:" in outputs["1"][0] and "Vladimir Putin" in outputs["1"][1]


def test_stats_ingest_and_import_report_triples_and_quads_consistently(runner, tmp_path):
    from tests.conftest import CORPUS

    store, copy = tmp_path / "s", tmp_path / "copy"
    ingested = kg(runner, "ingest", CORPUS, "--glob", "*.txt", "--store", store, "--json")
    summary = json.loads(ingested.output.strip().splitlines()[-1])
    stats = json.loads(kg(runner, "stats", "--store", store, "--json").output)
    assert summary["quads"] == stats["quads"] and stats["triples"] < stats["quads"]
    line = kg(runner, "stats", "--store", store).output.splitlines()[0]
    assert f"{stats['triples']} distinct triples in {stats['quads']} quads" in line
    kg(runner, "export", "--store", store, "-o", tmp_path / "x.nq")
    imported = kg(runner, "import", tmp_path / "x.nq", "--store", copy)
    again = json.loads(kg(runner, "stats", "--store", copy, "--json").output)
    assert again["quads"] == stats["quads"] and again["triples"] == stats["triples"]
    assert f"(store: {again['quads']} quads, {again['triples']} distinct triples)" in imported.output


@pytest.mark.parametrize("name, words", [("x.ttl", "Turtle holds no named graphs"),
                                         ("x.nt", "N-Triples holds no named graphs")])
def test_import_of_a_triples_only_dump_is_refused_and_loads_nothing(runner, corpus_store_path, tmp_path, name, words):
    out, copy = tmp_path / name, tmp_path / "copy"
    kg(runner, "export", "--store", corpus_store_path, "-o", out)
    kg(runner, "ingest", CORPUS_ONE, "--store", copy, "-q")
    before = json.loads(kg(runner, "stats", "--store", copy, "--json").output)
    result = kg(runner, "import", out, "--store", copy)
    assert result.exit_code == 2 and words in result.output and "-o FILE.nq" in result.output
    assert json.loads(kg(runner, "stats", "--store", copy, "--json").output) == before


def test_import_jsonld_with_graphs_is_accepted(runner, corpus_store_path, tmp_path):
    kg(runner, "export", "--store", corpus_store_path, "-o", tmp_path / "x.jsonld")
    result = kg(runner, "import", tmp_path / "x.jsonld", "--store", tmp_path / "copy")
    assert result.exit_code == 0, result.output
    assert json.loads(kg(runner, "stats", "--store", tmp_path / "copy", "--json").output)["articles"] == 7
