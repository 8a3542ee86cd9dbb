"""Cross-article resolution on an invented story (tests/data/story: invented people, towns, facilities):
each kind of merge and non-merge, order independence, removal, re-ingest, the override file, the CLI
and the saved questions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.ingest_run import ingest
from kg.query import find_query, run_query
from kg.remove import remove_articles
from kg.resolve.overrides import load_overrides
from kg.resolve.run import blocks_of, resolve_all
from kg.store import open_store
from kg.vocab import ONTOLOGY_GRAPH

STORY = Path(__file__).resolve().parents[1] / "data" / "story"
ARTICLES = sorted(STORY.glob("a*.txt"))
CKG = "https://w3id.org/conflict-kg/ontology#"
PREFIX = f"PREFIX ckg: <{CKG}> PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX dcterms: <http://purl.org/dc/terms/> "


def build(path: Path, groups: list[list[Path]], jobs: int = 1) -> Path:
    with open_store(path) as store:
        for g in groups:
            assert ingest(g, store, jobs=jobs).failed == 0
    return path


def quads(path: Path) -> set[str]:
    """Every quad but the ontology's (its blank nodes differ from store to store)."""
    with open_store(path) as store:
        return {str(q) for q in store.quads() if q.graph_name.value != ONTOLOGY_GRAPH}


def select(store, sparql: str) -> list[list[str]]:
    return [[str(c) if c is not None else "" for c in row] for row in store.query(PREFIX + sparql)]


def resolved(store, cls: str) -> dict[str, set[str]]:
    """resolved node -> titles of the articles it is derived from."""
    out: dict[str, set[str]] = {}
    for node, title in select(store, f"SELECT ?n ?t WHERE {{ ?n a ckg:{cls} ; ckg:resolvedFrom ?m ; "
                                      "prov:wasDerivedFrom ?a . ?a dcterms:title ?t }"):
        out.setdefault(node, set()).add(title)
    return out


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("story") / "s", [ARTICLES])


def test_one_attack_reported_by_two_articles_is_one_node(story):
    with open_store(story) as store:
        attacks = resolved(store, "Attack")
        assert len(attacks) == 1
        (node, titles), = attacks.items()
        assert titles == {"Georgia and Moldova agree a pause on energy strikes",
                          "Strike on Tarnek plant tests new energy moratorium"}
        evidence = select(store, f"SELECT ?e WHERE {{ <{node}> ckg:evidence ?e }}")
        assert len(evidence) >= 2


def test_attacks_on_the_same_plant_a_week_apart_are_two_events(story):
    with open_store(story) as store:
        rows = select(store, "SELECT ?n WHERE { GRAPH ?g { ?n a ckg:Attack ; ckg:startDate ?d } "
                             "FILTER (STR(?d) = '2025-06-17') }")
        assert rows
        assert not select(store, f"SELECT ?c WHERE {{ <{rows[0][0]}> ckg:resolvedTo ?c }}")


def test_proposal_and_back_references_are_one_node(story):
    with open_store(story) as store:
        props = resolved(store, "Proposal")
        assert len(props) == 1
        assert len(next(iter(props.values()))) == 4  # described in two articles, referred to in two


def test_sea_truce_is_not_the_energy_moratorium(story):
    with open_store(story) as store:
        rows = select(store, "SELECT ?n ?c WHERE { GRAPH ?g { ?n ckg:family 'maritime' } "
                             "OPTIONAL { ?n ckg:resolvedTo ?c } }")
        assert rows and all(c == "" for _, c in rows)


def test_lifecycle_of_the_resolved_proposal(story):
    with open_store(story) as store:
        rows = select(store, "SELECT ?s ?d WHERE { ?p ckg:resolvedFrom ?m ; ckg:statusChange ?c . "
                             "?c ckg:status ?s ; ckg:date ?d }")
        got = {s: d for s, d in rows}
        assert got["agreed"] == "2025-06-10" and got["violated"] == "2025-06-11" and got["expired"] == "2025-07-01"
        status = select(store, "SELECT DISTINCT ?s WHERE { ?p ckg:resolvedFrom ?m ; ckg:status ?s }")
        assert status == [["expired"]]


def test_merge_record_is_in_the_graph(story):
    with open_store(story) as store:
        rows = select(store, "SELECT ?m ?score ?why WHERE { ?m ckg:resolvedTo ?c ; ckg:mergeScore ?score ; "
                             "ckg:mergeReason ?why }")
        assert rows and all(float(s) > 0 and why for _, s, why in rows)


def test_same_store_for_any_order_jobs_and_runs(story, tmp_path):
    backwards = build(tmp_path / "b", [[a] for a in reversed(ARTICLES)])
    assert quads(backwards) == quads(story)
    parallel = build(tmp_path / "p", [ARTICLES[2:], ARTICLES[:2]], jobs=2)
    assert quads(parallel) == quads(story)


def test_remove_keeps_the_node_with_the_others_support_and_reingest_restores(story, tmp_path):
    path = tmp_path / "r"
    shutil.copytree(story, path)
    with open_store(path) as store:
        removed, _ = remove_articles(store, [str(ARTICLES[1])])  # a2: the second report of the attack
        assert removed
        assert resolved(store, "Attack") == {}  # only one article reports it now
        props = resolved(store, "Proposal")
        assert len(props) == 1 and len(next(iter(props.values()))) == 3
        ingest([ARTICLES[1]], store)
    assert quads(path) == quads(story)
    with open_store(path) as store:
        assert ingest(ARTICLES, store).unchanged == len(ARTICLES)
    assert quads(path) == quads(story)


def test_override_file_splits_and_merges_and_survives_reingest(story, tmp_path, monkeypatch):
    path = tmp_path / "o"
    shutil.copytree(story, path)
    with open_store(path) as store:
        ref = select(store, "SELECT ?m WHERE { ?m ckg:resolvedTo ?c ; a ckg:ProposalReference ; "
                            "ckg:mergeReason ?why FILTER CONTAINS(?why, 'bare') }")[0][0]
        seed = select(store, "SELECT ?m WHERE { ?c ckg:resolvedFrom ?m . ?m a ckg:Proposal . "
                             "FILTER NOT EXISTS { ?m ckg:mergeScore ?s } }")[0][0]
        week = select(store, "SELECT ?n WHERE { GRAPH ?g { ?n a ckg:Attack ; ckg:startDate ?d } "
                             "FILTER (STR(?d) = '2025-06-17') }")[0][0]
        first = select(store, "SELECT ?m WHERE { ?c a ckg:Attack ; ckg:resolvedFrom ?m . "
                              "FILTER NOT EXISTS { ?m ckg:mergeScore ?s } }")[0][0]
    overrides = tmp_path / "kg-resolve.json"
    overrides.write_text(json.dumps({"split": [[seed, ref]], "merge": [[first, week]]}))
    monkeypatch.setenv("KG_RESOLVE_OVERRIDES", str(overrides))
    with open_store(path) as store:
        resolve_all(store, load_overrides())
        assert not select(store, f"SELECT ?c WHERE {{ <{ref}> ckg:resolvedTo ?c }}")
        assert select(store, f"SELECT ?c WHERE {{ <{week}> ckg:resolvedTo ?c ; ckg:mergeReason 'override: merge' }}")
        remove_articles(store, [str(ARTICLES[2])])
        ingest([ARTICLES[2]], store)  # re-ingest the article: the override still holds
        assert not select(store, f"SELECT ?c WHERE {{ <{ref}> ckg:resolvedTo ?c }}")
        assert select(store, f"SELECT ?c WHERE {{ <{week}> ckg:resolvedTo ?c }}")


def test_bad_override_file_is_one_clear_error(tmp_path):
    bad = tmp_path / "o.json"
    bad.write_text('{"merge": [["only-one"]]}')
    result = CliRunner().invoke(main, ["resolve", "--store", str(tmp_path / "s"), "--overrides", str(bad)])
    assert result.exit_code != 0 and f"{bad}: 'merge' must be a list of [IRI, IRI] pairs" in result.output


def test_cli_resolve_dry_run_reports_without_writing(story):
    before = quads(story)
    result = CliRunner().invoke(main, ["resolve", "--store", str(story), "--dry-run"])
    assert result.exit_code == 0
    assert "(4 articles)" in result.output and "same coverage" in result.output
    assert "would have resolved" in result.output
    assert quads(story) == before


def rows(store, name, **params):
    return [[str(c) if c is not None else "" for c in r] for r in run_query(store, find_query(name).text, params)]


def test_saved_questions_on_the_story(story):
    with open_store(story) as store:
        life = rows(store, "proposal-lifecycle")
        assert [r[2] for r in life if "moratorium" in r[0]] == ["agreed", "proposed", "violated", "expired"]
        assert {r[2] for r in life if "ceasefire" in r[0]} == {"proposed", "rejected"}  # the sea truce of a4
        assert rows(store, "violations-by-proposal") and rows(store, "violations-by-accuser")[0][:2] == ["Moldova",
                                                                                                         "Georgia"]
        assert [r[1:3] for r in rows(store, "stances")] == [["Ilona Varkas", "conditional"]]
        top = rows(store, "events-by-reports")[0]
        assert top[3] == "2" and top[4] == "2"  # two articles, two outlets
        assert rows(store, "truces-in-force", day="2025-06-20")
        assert not rows(store, "truces-in-force", day="2025-07-02")
        contested = rows(store, "contested-events")
        assert {r[2] for r in contested} == {"Georgia", "Moldova"}
        possible = rows(store, "possible-violations")
        assert possible and all(r[-1] == "derived: not a claim of any source" for r in possible)


def member(graph: str, node: str, date: str | None, adate: str, duration: str | None = None):
    from kg.resolve.members import Member

    return Member(graph=graph, node=node, cls="Attack", label="x", article_date=adate, dates=(date,) if date else (),
                  participants=frozenset({"p"}), targets=frozenset({"t"}), named=frozenset({"t"}), location=None,
                  evidence=None, duration=duration)


def test_derived_expiry_needs_a_later_article():
    from kg.resolve.cluster import Cluster
    from kg.resolve.write import derived_expiry

    later = Cluster([member("g1", "n1", None, "2025-06-12", "20-day"), member("g2", "n2", None, "2025-07-05")])
    assert derived_expiry(later, "2025-06-10") == "2025-06-30"
    early = Cluster([member("g1", "n1", None, "2025-06-12", "20-day"), member("g2", "n2", None, "2025-06-20")])
    assert derived_expiry(early, "2025-06-10") is None


def test_clusters_do_not_depend_on_member_order():
    import itertools

    from kg.resolve.cluster import cluster

    ms = [member("g1", "a", "2025-06-11", "2025-06-12"), member("g2", "b", "2025-06-11", "2025-06-13"),
          member("g3", "c", None, "2025-06-14"), member("g4", "d", "2025-06-18", "2025-06-19")]
    seen = {tuple(sorted(tuple(sorted(m.node for m in c.members)) for c in cluster("event", list(p))))
            for p in itertools.permutations(ms)}
    assert seen == {(("a", "b", "c"), ("d",))}


AGREED = {
    "a.txt": "---\ntitle: Georgia and Moldova accept Romanian moratorium\ndate: 2025-06-20\npublisher: Harbour Wire\n"
             "---\n\nGeorgia and Moldova agreed in June to a 20-day moratorium on strikes against energy "
             "infrastructure proposed by Romania.\n",
    "b.txt": "---\ntitle: Varga backs the energy pause\ndate: 2025-06-21\npublisher: Delta Post\n---\n\n"
             "Moldovan President Ion Varga accepted the 20-day energy moratorium on 10 June, his office said.\n",
    "c.txt": "---\ntitle: Romania floats an energy pause\ndate: 2025-06-03\npublisher: Delta Post\n---\n\n"
             "Romania proposed on Monday a 20-day moratorium on strikes against energy infrastructure.\n",
}


def test_reports_of_one_agreement_join_by_the_proposal_they_agreed(tmp_path):
    """One report names the parties and the month, the other a leader and the day: they share one party,
    too little alone, but both are on the one (resolved) moratorium, so they are one agreement, whatever
    the order; a new article on the proposal alone redoes the agreements on it."""
    for name, text in AGREED.items():
        (tmp_path / name).write_text(text)
    a, b, c = (tmp_path / n for n in ("a.txt", "b.txt", "c.txt"))
    one = build(tmp_path / "one", [[a, b]])
    with open_store(one) as store:
        assert list(resolved(store, "Agreement").values()) == [
            {"Georgia and Moldova accept Romanian moratorium", "Varga backs the energy pause"}]
        ingest([c], store)
        [[cg]] = select(store, "SELECT ?g WHERE { GRAPH ?g { ?g dcterms:title 'Romania floats an energy pause' } }")
        assert "event|Agreement|2025-06" in blocks_of(store, [cg])
    assert quads(build(tmp_path / "two", [[c], [b], [a]])) == quads(one)
