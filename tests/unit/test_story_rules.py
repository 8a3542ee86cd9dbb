"""Story-layer rules (status changes, stances, truce phrases, accusations, attributions) on invented
sentences: invented people, towns and facilities; the sides are lexicon countries rarely in the corpus."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import Extractor
from kg.extract.lifecycle import cues
from kg.extract.stance import classify
from kg.extract.storyrefs import families, find_head, phrase_period, phrase_window
from kg.model import Article


@pytest.fixture(scope="module")
def x() -> Extractor:
    return Extractor()


def run(x, text: str, date: dt.date = dt.date(2025, 6, 13)):
    return x(Article(id="s0", text=text, title="t", date=date))


@pytest.mark.parametrize("sentence,status,rule", [
    ("The truce took effect on Monday.", "agreed", "status/took-effect"),
    ("Kovan gave the order to halt the strikes.", "agreed", "status/gave-the-order"),
    ("The moratorium lapsed on 1 July.", "expired", "status/expired"),
    ("The month has indeed expired.", "expired", "status/expired"),
    ("Velidor rejected the ceasefire.", "rejected", "status/rejected"),
    ("Envoys discussed the pause in Dorvan.", "under discussion", "status/discussed"),
])
def test_status_cue(sentence, status, rule):
    assert (rule, status) in cues(sentence)


@pytest.mark.parametrize("sentence", [
    "The truce would take effect only after a vote.",
    "Velidor has not agreed to the pause.",
    "The moratorium is due to expire next week.",
    "If both sides agreed, the ceasefire could start.",
])
def test_hypothetical_or_negated_status_is_no_change(sentence):
    assert not [s for _, s in cues(sentence) if s in ("agreed", "expired")]


@pytest.mark.parametrize("text,stance", [
    ("\"We will support the pause if it is real,\" Varkas said.", "conditional"),
    ("\"We are ready to observe the truce as long as the other side does,\" Drozny said.", "conditional"),
    ("Drozny rejected the truce, calling it a ploy.", "rejects"),
    ("\"We did not support this moratorium,\" Ladea said.", "rejects"),
    ("\"We welcome the ceasefire,\" Ladea said.", "supports"),
    ("\"We are studying the proposal,\" Varkas said.", "neutral"),
])
def test_stance_of_words(text, stance):
    assert classify(text)[0] == stance


@pytest.mark.parametrize("sentence,fams", [
    ("They agreed a 20-day moratorium on energy strikes.", ("energy",)),
    ("Romania floated a ceasefire at sea to protect shipping.", ("maritime",)),
    ("Kyiv wants a full ceasefire along the whole front.", ("full",)),
    ("Nobody mentioned the truce again.", ()),
])
def test_truce_phrase_family(sentence, fams):
    m = find_head(sentence)
    assert m is not None and families(phrase_window(sentence, m)) == fams


@pytest.mark.parametrize("sentence", ["Washington ordered a pause in military aid to Velidor.",
                                      "Dorvan demanded a complete halt to foreign military aid."])
def test_pause_in_aid_is_not_a_truce(sentence):
    assert find_head(sentence) is None


def test_period_of_a_truce_phrase():
    assert phrase_period("the moratorium agreed last March", dt.date(2026, 1, 10)) == "2025-03"
    assert phrase_period("the truce of March 2025", dt.date(2026, 1, 10)) == "2025-03"
    assert phrase_period("the moratorium lapsed on 1 July", dt.date(2025, 7, 2)) is None


def violations(ex):
    return [e for e in ex.events if e.cls == "Violation" and e.accused]


def test_accused_of_breaching_by_striking(x):
    ex = run(x, "Moldova and Georgia agreed a 20-day moratorium on energy strikes on Monday. "
                "Moldova accused Georgia of breaching the moratorium by striking the Velka power plant on Wednesday.")
    v = violations(ex)
    assert len(v) == 1
    assert "actor/georgia" in v[0].accused and "actor/moldova" in v[0].accused_by
    assert v[0].start == "2025-06-11" and v[0].proposal


def test_mutual_accusations_are_two_violations(x):
    ex = run(x, "Moldova and Georgia agreed a 20-day moratorium on energy strikes on Monday. "
                "Moldova and Georgia accused each other on Thursday of repeatedly breaching the moratorium.")
    pairs = {(v.accused_by[0], v.accused[0]) for v in violations(ex)}
    assert pairs == {("actor/moldova", "actor/georgia"), ("actor/georgia", "actor/moldova")}


def test_called_the_attack_a_violation(x):
    ex = run(x, "Moldova and Georgia agreed a 20-day moratorium on energy strikes on Monday. "
                "Georgian drones struck the Velka power plant on Wednesday. "
                "Moldova called the attack a violation of the moratorium.")
    v = violations(ex)
    assert v and "actor/georgia" in v[0].accused and v[0].violation_act and v[0].start == "2025-06-11"


def test_no_violation_without_an_accusation(x):
    ex = run(x, "Moldova and Georgia agreed a 20-day moratorium on energy strikes on Monday. "
                "Officials in Velidor met on Wednesday to discuss grain exports.")
    assert violations(ex) == []


def test_contested_attack_gets_two_attributions_on_one_event(x):
    ex = run(x, "Moldova's Energy Ministry said Georgian drones had struck the Velka power plant on Wednesday. "
                "Georgian Defence Minister Pavel Drozny said Moldovan forces had shelled the Velka power plant "
                "themselves, calling the claim a provocation.")
    got = {(a.attributed_to[-1], a.event) for a in ex.attributions if a.contested}
    assert {d for d, _ in got} == {"actor/georgia", "actor/moldova"}
    assert len({e for _, e in got}) == 1


def test_uncontested_claim_is_a_plain_claim_not_an_attribution(x):
    ex = run(x, "Moldova's Energy Ministry said Georgian drones had struck the Velka power plant on Wednesday.")
    assert [(a.contested, a.attributed_to[-1]) for a in ex.attributions] == [(False, "actor/georgia")]


def test_subject_violated_the_truce_with_the_speaker_as_accuser(x):
    ex = run(x, "Moldova and Georgia agreed a 20-day moratorium on energy strikes on Monday. "
                "Georgia had violated the moratorium almost daily, Moldovan envoy Sorin Ladea said.")
    v = violations(ex)
    assert v and v[0].accused[0] == "actor/georgia" and "actor/georgia" not in v[0].accused_by


def test_mutual_accusations_bind_the_proposal_parties(x):
    ex = run(x, "Moldova and Georgia agreed to stop strikes on energy infrastructure for 20 days on Monday. "
                "The moratorium lapsed on Friday amid mutual accusations of violations.")
    pairs = {(v.accused_by[0], v.accused[0]) for v in violations(ex) if v.accused_by}
    assert pairs == {("actor/moldova", "actor/georgia"), ("actor/georgia", "actor/moldova")}
