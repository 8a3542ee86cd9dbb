"""Proposal comparison in cross-article resolution, on invented members."""

from __future__ import annotations

from kg.resolve.compare import compare_proposals
from kg.resolve.members import Member


def member(node: str, cls: str, families: set[str]) -> Member:
    return Member(graph=f"g-{node}", node=node, cls=cls, label="truce", article_date="2025-06-10",
                  dates=("2025-06",), participants=frozenset({"actor/velidor"}), targets=frozenset(),
                  named=frozenset(), location=None, evidence=None, duration=None, families=frozenset(families))


def test_a_described_truce_of_more_kinds_is_another_proposal():
    v = compare_proposals(member("a", "Proposal", {"energy", "maritime"}), member("b", "Proposal", {"energy"}))
    assert not v.ok and v.veto.startswith("different coverage")


def test_a_reference_may_cover_part_of_a_described_truce():
    v = compare_proposals(member("a", "ProposalReference", {"energy"}),
                          member("b", "Proposal", {"energy", "maritime"}))
    assert v.ok and "overlapping coverage" in v.reasons


def test_same_coverage_joins():
    v = compare_proposals(member("a", "Proposal", {"energy"}), member("b", "Proposal", {"energy"}))
    assert v.ok and "same coverage" in v.reasons


def event(node: str, parts: set[str], sides: set[str] = frozenset()) -> Member:
    return Member(graph=f"g-{node}", node=node, cls="Agreement", label="agreement", article_date="2025-06-12",
                  dates=("2025-06-10",), participants=frozenset(parts), targets=frozenset(), named=frozenset(),
                  location=None, evidence=None, duration=None, sides=frozenset(sides))


def test_a_leader_and_the_country_of_their_role_are_one_party():
    from kg.resolve.compare import compare_events

    v = compare_events(event("a", {"actor/ilya-drozny"}, {"actor/marast"}),
                       event("b", {"actor/marast", "actor/velidor"}))
    assert v.ok and "a leader and the country they act for" in v.reasons and v.score >= 3.0


def test_agreements_of_unrelated_parties_on_one_day_stay_apart():
    from kg.resolve.compare import compare_events

    v = compare_events(event("a", {"actor/ilya-drozny"}, {"actor/marast"}), event("b", {"actor/velidor"}))
    assert not v.ok and v.veto == "no participant in common"


def talks(node: str, parts: set[str], place: str) -> Member:
    return Member(graph=f"g-{node}", node=node, cls="Talks", label="talks", article_date="2025-06-12",
                  dates=("2025-06-10",), participants=frozenset(parts), targets=frozenset(), named=frozenset(),
                  location=place, evidence=None, duration=None)


def test_talks_in_another_place_with_one_party_in_common_are_other_talks():
    """'a Velidor team will begin talks in Osk on Sunday' is not the Velidor-Marast meeting in Tarn that day;
    the two sides' meeting named by its city in one report and by its country in another is one."""
    from kg.resolve.compare import compare_events

    team = talks("a", {"actor/velidor"}, "Osk")
    pair = talks("b", {"actor/velidor", "actor/marast"}, "Tarn")
    assert compare_events(team, pair).veto == "talks in another place, one party in common"
    assert compare_events(talks("c", {"actor/velidor"}, "Tarn"), pair).ok
    both = talks("d", {"actor/velidor", "actor/marast", "actor/ilya-drozny"}, "Marastan")
    assert compare_events(both, pair).ok


def proposal(node: str, graph: str, families: set[str], label: str = "truce", duration: str | None = None) -> Member:
    return Member(graph=graph, node=node, cls="Proposal", label=label, article_date="2025-06-10",
                  dates=("2025-06",), participants=frozenset({"actor/velidor"}), targets=frozenset(),
                  named=frozenset(), location=None, evidence=None, duration=duration, families=frozenset(families))


def test_a_bare_reference_is_the_same_proposer_s_proposal_of_its_own_article():
    from kg.resolve.cluster import cluster

    members = [proposal("a-full", "gA", {"full"}, "full ceasefire"),
               proposal("a-ref", "gA", set(), "Velidor proposal"),
               proposal("b-energy", "gB", {"energy"}, "energy moratorium", "20-day"),
               proposal("c-energy", "gC", {"energy"}, "energy moratorium", "20-day"),
               proposal("c-full", "gC", {"full"}, "full ceasefire")]
    groups = [sorted(m.node for m in c.members) for c in cluster("proposal", members)]
    assert ["a-full", "a-ref", "c-full"] in groups
    assert ["b-energy", "c-energy"] in groups


def statuses(changes: dict, members: list[Member]) -> dict[str, str | None]:
    from rdflib import URIRef

    from kg.resolve.cluster import Cluster
    from kg.resolve.write import lifecycle_triples
    from kg.vocab import CKG

    canon = URIRef("https://example.org/p")
    triples = lifecycle_triples(canon, Cluster(members), changes)
    out = {}
    for sc in {o for s, p, o in triples if p == CKG.statusChange}:
        status = next(str(o) for s, p, o in triples if s == sc and p == CKG.status)
        out[status] = next((str(o) for s, p, o in triples if s == sc and p == CKG.date), None)
    return out


def test_talks_on_a_proposal_are_no_earlier_than_its_proposal_and_a_rejected_one_gets_no_derived_end():
    a = proposal("a", "gA", {"full"}, duration="20-day")
    b = proposal("b", "gB", {"full"})
    b = Member(**{**b.__dict__, "article_date": "2025-08-01"})
    changes = {"a": [("proposed", "2025-06-05", "gA", None), ("agreed", "2025-06-06", "gA", None),
                     ("under discussion", "2025-06-01", "gA", None)],
               "b": [("proposed", "2025-06-05", "gB", None), ("rejected", "2025-06-09", "gB", None),
                     ("under discussion", "2025-06-07", "gB", None)]}
    got = statuses(changes, [a, b])
    assert got["under discussion"] == "2025-06-07"
    assert "expired" not in got
    assert "expired" in statuses({k: [c for c in v if c[0] != "rejected"] for k, v in changes.items()}, [a, b])


def test_a_proposal_one_side_accepted_and_the_other_then_rejected_was_never_agreed_nor_broken():
    """'Moldova accepted the full ceasefire on 2 June'; 'Georgia declined it on 9 June': proposed and rejected,
    not agreed, and no breach; an acceptance told after the rejection keeps it agreed."""
    a = proposal("a", "gA", {"full"})
    b = proposal("b", "gB", {"full"})
    changes = {"a": [("proposed", "2025-06-02", "gA", None), ("agreed", "2025-06-02", "gA", None)],
               "b": [("rejected", "2025-06-09", "gB", None), ("violated", "2025-06-10", "gB", None)]}
    assert statuses(changes, [a, b]) == {"proposed": "2025-06-02", "rejected": "2025-06-09"}
    changes["b"].append(("agreed", "2025-06-12", "gB", None))
    assert {"agreed", "violated"} <= set(statuses(changes, [a, b]))


def agreement(node: str, date: str, parts: set[str], proposals: set[str] = frozenset()) -> Member:
    return Member(graph=f"g-{node}", node=node, cls="Agreement", label="agreement", article_date="2025-06-21",
                  dates=(date,), participants=frozenset(parts), targets=frozenset(), named=frozenset(),
                  location=None, evidence=None, duration=None, proposals=frozenset(proposals))


def test_agreements_on_the_same_proposal_in_one_month_are_one_agreement():
    from kg.resolve.compare import THRESHOLD, compare_events

    a = agreement("a", "2025-06", {"actor/georgia", "actor/moldova"}, {"proposal/resolved-moratorium"})
    b = agreement("b", "2025-06-10", {"actor/moldova", "actor/ion-varga"}, {"proposal/resolved-moratorium"})
    v = compare_events(a, b)
    assert v.ok and "agreement on the same proposal" in v.reasons and v.score >= THRESHOLD["event"]
    apart = compare_events(a, agreement("b", "2025-06-10", {"actor/moldova", "actor/ion-varga"},
                                        {"proposal/sea-truce"}))
    assert "agreement on the same proposal" not in apart.reasons and apart.score < THRESHOLD["event"]


def test_an_agreements_proposal_is_what_this_pass_resolved_it_to_before_the_store():
    from kg.resolve.members import proposal_ids

    assert proposal_ids("p/a=p/old p/b=p/b", {"p/a": "p/new"}) == {"p/new", "p/b"}
    assert proposal_ids("p/c=p/stored", {}) == {"p/stored"}


def test_conditions_are_one_only_when_worded_alike_and_never_a_truce():
    def condition(node: str, label: str) -> Member:
        return Member(graph=f"g-{node}", node=node, cls="Proposal", label=label, article_date="2025-03-26",
                      dates=("2025-03",), participants=frozenset({"actor/marast"}), targets=frozenset(),
                      named=frozenset(), location=None, evidence=None, duration=None,
                      families=frozenset({"condition"}))

    sanctions = condition("a", "Condition: lifting sanctions on the Kessa agricultural bank")
    assert compare_proposals(sanctions, condition("b", "Condition: lifting the sanctions on Kessa's agricultural "
                                                       "bank")).ok
    assert compare_proposals(sanctions, condition("c", "Condition: an end to foreign military aid")).veto == \
        "different conditions"
    bare = member("d", "Proposal", set())
    assert compare_proposals(sanctions, bare).veto == "a condition, demand or measure is not a truce"


def test_a_resolved_proposal_is_labelled_with_the_wording_its_reports_share():
    from dataclasses import replace

    from kg.resolve.cluster import Cluster
    from kg.resolve.write import cluster_label

    labels = ["Truce", "Proposed truce", "Full 30-day ceasefire", "Full 30-day ceasefire on land",
              "American proposal for an immediate 30-day ceasefire along the whole front"]
    members = [replace(member(f"p{i}", "Proposal", {"full"}), label=label) for i, label in enumerate(labels)]
    assert cluster_label("proposal", Cluster(members)) == "Full 30-day ceasefire"
    assert cluster_label("proposal", Cluster(members[:2] + [replace(members[2], label="One-month truce")])) == \
        "One-month truce"
    assert cluster_label("event", Cluster(members)) == "Truce"  # an event's label is made from its parts
    sea = [replace(member(f"s{i}", "Proposal", {"maritime"}), label=label) for i, label in
           enumerate(["Idea", "Kordel's Velna Sea arrangement", "Maritime ceasefire in the Velna Sea"])]
    assert cluster_label("proposal", Cluster(sea)) == "Maritime ceasefire in the Velna Sea"


def test_a_truce_told_without_its_coverage_is_not_one_told_with_it():
    """'Putin declares a three-day truce for Easter' is not 'the idea of making shipping safe': two described
    proposals, one with a coverage and one without, are two unless both state the same duration."""
    maritime = proposal("a", "g-a", {"maritime"}, label="idea")
    v = compare_proposals(maritime, proposal("b", "g-b", set(), label="Easter truce"))
    assert not v.ok and v.veto == "a truce told without its coverage is not one told with it"
    v = compare_proposals(proposal("c", "g-c", {"energy"}, duration="30 days"),
                          proposal("d", "g-d", set(), duration="30 days"))
    assert v.ok and "same duration" in v.reasons


def test_a_reference_without_coverage_still_fits_a_described_truce():
    v = compare_proposals(member("a", "ProposalReference", set()), member("b", "Proposal", {"maritime"}))
    assert v.ok and "bare back-reference" in v.reasons


def test_one_condition_worded_as_a_noun_and_as_a_clause_is_one():
    """'lifting sanctions on Velna Bank's exports' and 'sanctions on Velna Bank's exports are lifted': one
    condition; the same words about another bank are another condition."""
    noun = proposal("c1", "gA", {"condition"}, "Condition: lifting sanctions on Velna Bank and reconnecting "
                    "Velidor's farm exporters to the clearing system")
    clause = proposal("c2", "gB", {"condition"}, "Condition: sanctions on Velna Bank and farm exports are lifted")
    other = proposal("c3", "gC", {"condition"}, "Condition: sanctions on Orsk Bank and farm exports are lifted")
    aid = proposal("c4", "gD", {"condition"}, "Condition: an end to foreign military aid for Marast")
    assert compare_proposals(noun, clause).ok
    assert not compare_proposals(clause, other).ok
    assert not compare_proposals(noun, aid).ok

