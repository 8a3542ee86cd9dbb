"""Story-layer rules (status changes, stances, truce phrases, accusations, attributions) on invented
sentences: invented people, towns and facilities; the sides are lexicon countries rarely in the corpus."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import Extractor
from kg.extract.lifecycle import cue_date, cue_spans, cues
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
    ("March 4 \u2014 Kovan declines the ceasefire.", "rejected", "status/rejected"),
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
    ("\"If they keep striking our grid, we will answer,\" Drozny said.", "conditional"),
    ("\"We are ready not to strike their plants,\" Ladea said.", "supports"),
    ("Varkas says he backs a truce in principle but has questions.", "conditional"),
    ("\"If Velidor does not shell our dams, we will not shell theirs,\" Ladea said.", "supports"),
    ("\"If they do not shell our dams, we will not shell theirs,\" Ladea said, adding that he needed the "
     "terms in writing before any order went out.", "conditional"),
    ("\"If the truce holds, our crews can reach the villages,\" Ladea said.", "supports"),
    ("\"We have put this offer on the table twice,\" Ladea said.", "supports"),
    ("Drozny said Marast would judge the truce \u201cby the night, not by the words\u201d.", "neutral"),
    ("If Ostravia says no, \"then the world will know who stands in the way of peace,\" Orvik added.", "supports"),
    ("If they turn the truce down, \"we will know what they want,\" Marlen Orvik said.", "supports"),
])
def test_stance_of_words(text, stance):
    assert classify(text)[0] == stance


def test_no_cue_is_no_stance_not_neutral():
    assert classify("\"The night was loud over the river,\" Varkas said.") == (None, None)


def stances(ex):
    return sorted((s.speakers[0], s.stance, s.reported) for s in ex.statements if s.stance)


def test_reported_speech_under_a_speech_verb_carries_a_stance(x):
    ex = run(x, "Velidor and Marast agreed a 20-day moratorium on energy strikes on Monday. "
                "Marast Foreign Minister Ilya Drozny said on Tuesday that Marast was still observing the moratorium.")
    assert stances(ex) == [("actor/ilya-drozny", "supports", True)]
    st = next(s for s in ex.statements if s.stance)
    assert st.about and st.about[0] in {p.key for p in ex.proposals}


def test_reported_support_with_a_condition_is_conditional(x):
    ex = run(x, "Velidor and Marast agreed a 20-day moratorium on energy strikes on Monday. "
                "Ilya Drozny said Marast would observe the pause for as long as Velidor did.")
    assert stances(ex) == [("actor/ilya-drozny", "conditional", True)]


def test_evaluative_verb_states_the_subject_stance(x):
    ex = run(x, "Velidor proposed a truce in the air on Monday. "
                "Marast spokeswoman Ana Kovrin rejected the truce as a ploy.")
    assert stances(ex) == [("actor/ana-kovrin", "rejects", True)]


@pytest.mark.parametrize("sentence", [
    "Marast agreed to the truce on Tuesday.",  # an act (lifecycle), not a statement
    "Ana Kovrin rejected the accusation on Tuesday.",  # not the proposal
])
def test_acts_and_other_objects_are_no_reported_stance(x, sentence):
    ex = run(x, "Velidor proposed a truce in the air on Monday. " + sentence)
    assert [s for s in ex.statements if s.reported] == []


def test_negated_support_in_reported_speech_rejects(x):
    ex = run(x, "Velidor proposed a truce in the air on Monday. "
                "Ilya Drozny said Marast would not accept the truce.")
    assert stances(ex) == [("actor/ilya-drozny", "rejects", True)]


def test_one_stance_per_speaker_and_proposal(x):
    ex = run(x, "Velidor and Marast agreed a 20-day moratorium on energy strikes on Monday. "
                "\"We welcome the moratorium,\" Ilya Drozny said. "
                "\"We will keep the moratorium as long as Velidor does,\" Drozny said.")
    assert [s.stance for s in ex.statements if s.stance] == ["conditional"]
    assert all(s.about for s in ex.statements)


def test_a_quote_refers_back_to_the_truce_of_its_paragraph(x):
    ex = run(x, "Velidor and Marast agreed a 20-day moratorium on energy strikes on Monday.\n\n"
                "Marast officials met in Varna on Tuesday. They took questions for an hour. "
                "\"We are observing it to the letter,\" Marast Foreign Minister Ilya Drozny said.")
    assert [s.stance for s in ex.statements if s.about] == ["supports"]


@pytest.mark.parametrize("speaker,stance", [("Moldovan", "supports"), ("Georgian", "conditional")])
def test_a_conditional_offer_by_the_proposer_supports_it(x, speaker, stance):
    ex = run(x, "Moldova proposed that Moldova and Georgia stop striking energy infrastructure for 20 days. "
                f"\"We will keep to the moratorium as long as they do,\" {speaker} President Sorin Ladea "
                "said of the moratorium.")
    assert [s.stance for s in ex.statements if s.stance] == [stance]


@pytest.mark.parametrize("sentence,fams", [
    ("They agreed a 20-day moratorium on energy strikes.", ("energy",)),
    ("Romania floated a ceasefire at sea to protect shipping.", ("maritime",)),
    ("Kyiv wants a full ceasefire along the whole front.", ("full",)),
    ("Both sides could agree a truce on strikes against civilian targets.", ("civilian",)),
    ("Nobody mentioned the truce again.", ()),
])
def test_truce_phrase_family(sentence, fams):
    m = find_head(sentence)
    assert m is not None and families(phrase_window(sentence, m)) == fams


def test_a_truce_sparing_civilian_sites_is_told_apart_from_a_full_ceasefire_of_that_length(x):
    text = ("March 11 \u2014 Velna proposes a full 30-day ceasefire to Armenia and Georgia. "
            "April 2 \u2014 Armenia proposes that both sides give up missile strikes on civilian infrastructure "
            "for 30 days.")
    ex = run(x, text)
    assert sorted(p.family for p in ex.proposals) == [("civilian",), ("full",)]


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


def test_a_third_party_stance_in_reported_speech_is_not_the_speaker_s(x):
    ex = run(x, "Georgia proposed a truce in the air on Monday. "
                "Moldovan Foreign Minister Ilya Drozny said Georgia had in effect rejected the truce.")
    assert [s for s in ex.statements if s.reported] == []
    ex = run(x, "Georgia proposed a truce in the air on Monday. "
                "Moldovan Foreign Minister Ilya Drozny said Moldova had in effect rejected the truce.")
    assert stances(ex) == [("actor/ilya-drozny", "rejects", True)]


def test_another_person_s_stance_in_reported_speech_is_theirs(x):
    ex = run(x, "Velidor proposed a truce in the air on Monday. "
                "Ilya Drozny said President Sorin Ladea had in effect rejected the truce.")
    assert [s for s in ex.statements if s.reported] == []


def test_a_backshifted_clause_continues_the_speech_of_the_sentence_before(x):
    ex = run(x, "Velidor proposed a truce in the air on Monday. "
                "\"We keep our word,\" Ilya Drozny said. Marast would not accept the truce.")
    assert stances(ex) == [("actor/ilya-drozny", "rejects", True)]
    ex = run(x, "Velidor proposed a truce in the air on Monday. "
                "Marast held talks on Tuesday. Marast would not accept the truce.")
    assert [s for s in ex.statements if s.reported] == []


def test_each_status_cue_takes_the_date_of_its_own_clause():
    sentence = "Marast had honoured the truce agreed last March, while Velidor broke it until it expired in May."
    got = {status: cue_date(sentence, s, e, dt.date(2026, 1, 20), "2026-01")
           for _, status, s, e in cue_spans(sentence)}
    assert got["agreed"] == "2025-03" and got["expired"] == "2025-05"
    assert cue_date("The pause took effect.", 10, 21, dt.date(2026, 1, 20), "2026-01-19") == "2026-01-19"


def test_story_layer_violations_and_claimed_attacks_are_labelled_from_their_parts():
    """Labels name the kind, the sides and the date, never the first words of the evidence sentence."""
    import datetime as dt

    from kg.extract.pipeline import extract
    from kg.model import Article
    text = ("Georgia and Moldova agreed on 1 March to a 30-day truce on strikes against power plants. "
            "On 3 March Moldova accused Georgia of violating the truce, the ministry said.")
    ex = extract(Article(id="t", text=text, title="t", date=dt.date(2026, 3, 5)))
    violations = [e for e in ex.events if e.cls == "Violation"]
    assert violations and all(e.name.startswith("Violation") and "accused" not in e.name for e in violations)


@pytest.mark.parametrize("text,stance", [
    ("\"The strikes against the Tarnek grid went on all night,\" Varkas said.", None),
    ("\"We are against this truce,\" Drozny said.", "rejects"),
    ("\"Velidor has not stopped shelling our dams for a single day,\" Ladea said.", None),
    ("\"They want to wreck the agreements,\" Varkas said.", None),
    ("\"The crews will work as soon as it is safe,\" Ladea said.", None),
    ("\"We have not consented to this pause,\" Drozny said.", "rejects"),
    ("\"Talks on the implementation of the truce start on Monday,\" Varkas said.", None),
    ("\"I asked him to hold off for a week, and he said yes,\" Ladea said.", "supports"),
    ("Foreign Minister Marlen Orvik said the call had been \"very good and productive\".", None),
    ("The aim, Foreign Minister Marlen Orvik said, was to create \u201cfavourable conditions\u201d for talks.", None),
    ("\"The talks were frank, and the truce is a positive one,\" Ivo Kastel said.", "supports"),
])
def test_words_of_conduct_and_nouns_are_no_stance_cues(text, stance):
    assert classify(text)[0] == stance


def test_one_sentence_of_a_speaker_states_one_stance():
    from kg.extract.stance import one_per_speaker
    from kg.model import Evidence, Statement

    ev = (Evidence("\"We will hold if they hold,\" Ladea said.", 0, 40),)
    a = Statement("statement/a", "We will hold", ("actor/ladea",), about=("proposal/p1",), evidence=ev,
                  stance="conditional")
    b = Statement("statement/b", "We will hold", ("actor/ladea",), about=("proposal/p2",), evidence=ev,
                  stance="conditional")
    assert [s.stance for s in one_per_speaker([a, b])] == ["conditional", None]


def test_an_unnamed_source_states_no_stance(x):
    ex = run(x, "Velidor and Marast agreed a 20-day moratorium on energy strikes on Monday. "
                "\"We welcome the moratorium,\" a senior official in Dorvan said. "
                "\"We welcome the moratorium,\" Foreign Minister Ilya Drozny said.")
    assert sorted((s.speakers[0], s.stance) for s in ex.statements) == [
        ("actor/ilya-drozny", "supports"), ("source/s0/a-senior-official-in-dorvan", None)]


def test_breaches_listed_after_an_accusation_are_the_accuser_s_items_and_the_article_s_own(x):
    ex = run(x, "Moldova and Georgia agreed a 20-day moratorium on energy strikes on 2 June.\n\n"
                "Moldova's Foreign Ministry accused Georgia of violating the moratorium on Wednesday. "
                "The violations include:\n"
                "\u2013 on 9 June, a substation in Velka, damaged in a Georgian attack;\n"
                "\u2013 a power plant in Tarnek, hit in a Georgian drone attack.\n")
    v = violations(ex)
    assert len(v) >= 2
    assert all(e.accused[0] == "actor/georgia" and "actor/moldova" in e.accused_by and e.proposal for e in v)
    assert all(e.key.startswith("event/s0-") for e in v)  # an accusation is one article's claim
    assert "2025-06-09" in {e.start for e in v}


def test_a_party_supporting_the_proposal_its_sentence_describes_is_an_agreement(x):
    ex = run(x, "On 2 June, Georgian President Ilya Drozny, during a telephone conversation with Moldovan President "
                "Ilona Varkas, supported the Moldovan leader's proposal that Georgia and Moldova mutually refrain "
                "from striking energy infrastructure facilities for 20 days.")
    agreements = [e for e in ex.events if e.cls == "Agreement"]
    assert [(e.start, set(e.participants)) for e in agreements] == [("2025-06-02", {"actor/georgia", "actor/moldova"})]


def test_support_for_something_else_is_no_agreement(x):
    ex = run(x, "On 2 June, Georgian artillery supported the advance near Tarnek.")
    assert not [e for e in ex.events if e.cls == "Agreement"]


def test_a_truce_phrase_refers_to_the_proposal_of_its_coverage_before_one_of_unknown_coverage():
    from kg.extract.state import DocState
    from kg.extract.storyrefs import Refs
    from kg.model import Evidence, Proposal

    text = ("Moldova set a condition: lifting sanctions on the Velka bank. "
            "Moldova and Georgia agreed a 20-day moratorium on energy strikes. "
            "Georgia said the energy moratorium had been violated.")
    cuts = [0, text.index("Moldova and"), text.index("Georgia said"), len(text)]
    sents = [(cuts[i], cuts[i + 1]) for i in range(3)]
    state = DocState(Article(id="s0", text=text, title="t", date=dt.date(2025, 6, 13)), sents)
    ev = [Evidence(text[s:e], s, e) for s, e in sents]
    refs = Refs(state, [Proposal("proposal/condition", "Condition: lifting sanctions", "proposed", evidence=(ev[0],)),
                        Proposal("proposal/moratorium", "20-day moratorium on energy strikes", "agreed",
                                 evidence=(ev[1],))])
    assert refs.at(2) == "proposal/moratorium"


def test_a_truce_word_the_parse_reads_as_a_verb_refers_to_no_truce():
    from kg.extract.pipeline import Extractor
    from kg.model import Article

    text = ("If Veldoria were to halt strikes on substations, Marlen would be expected to stop its drone "
            "campaign, a trade that neither capital has accepted.")
    ex = Extractor()(Article(id="t", title="t", text=text))
    assert not [p for p in ex.proposals if p.reference]


def test_a_full_ceasefire_phrase_never_refers_to_a_measure_or_a_sea_idea(x):
    ex = run(x, "Armenia called for an end to forced conscription in Azerbaijan. Georgia backed Armenia's idea of "
                "making shipping in the Caspian Sea safe. The full ceasefire that Azerbaijan accepted on 11 June was "
                "rejected by Armenia on Thursday.")
    by_name = {p.name: p for p in ex.proposals}
    rejected = [p for p in ex.proposals if any(c.status == "rejected" for c in p.status_changes)]
    assert [p.name.lower() for p in rejected] == ["full ceasefire"] and rejected[0].reference
    assert not any(c.status == "rejected" for p in by_name.values() if "conscription" in p.name.lower()
                   for c in p.status_changes)


def test_a_condition_is_a_family_of_its_own():
    from kg.extract.storyrefs import proposal_kind
    from kg.model import Proposal

    condition = Proposal(key="p/c", name="Condition: lifting sanctions on the bank", status="proposed",
                         extracted_by=("proposal/condition-on",))
    truce = Proposal(key="p/t", name="Truce", status="proposed", extracted_by=("proposal/condition-on",
                                                                                 "proposal/regex-refrain"))
    assert proposal_kind(condition) == "condition" and proposal_kind(truce) is None


@pytest.mark.parametrize("text,duration", [
    ("The strikes came three days after Kovan agreed to stop hitting the grid for 30 days.", "30 days"),
    ("Velidor proposed a 20-day truce.", "20-day"),
    ("Two weeks after the talks, the shelling resumed.", None),
    ("Ana Brasov asked Kovan to stop firing on Mirsk for a week because of the cold.", "1 week"),
    ("Kovan agreed to a week-long halt to strikes on Mirsk.", "1 week"),
    ("The envoys met again a week later.", None),
    ("Mirsk has gone 12 days without power, and Kovan wants a local truce so the line can be fixed.", None),
])
def test_a_proposal_lasts_what_it_says_never_the_time_between_two_events(text, duration):
    from kg.extract.proposal_identity import stated_duration

    assert stated_duration(text) == duration


def test_a_violation_is_of_the_truce_in_force_not_a_later_proposal_or_a_condition(x):
    """A chronology: the moratorium of 2 June, a condition, then on 20 June a new proposal. An accusation
    of 9 June whose sentence names no truce is of the moratorium, never of the condition or the later plan."""
    ex = run(x, "June 2 \u2014 Moldova and Georgia agree to halt strikes on energy infrastructure for 20 days. "
                "Georgia makes an end to foreign military aid for Moldova its condition for anything broader.\n\n"
                "June 9 \u2014 Moldova accuses Georgia of breaking the pause with a drone strike on the Velka "
                "power plant.\n\n"
                "June 20 \u2014 Moldovan President Ion Varga proposes that both sides give up missile strikes "
                "on civilian infrastructure for at least 30 days.", date=dt.date(2025, 6, 30))
    v = [e for e in violations(ex) if e.start == "2025-06-09"]
    assert v, [(e.start, e.proposal) for e in violations(ex)]
    by_key = {p.key: p for p in ex.proposals}
    broken = by_key[v[0].proposal]
    assert "energy-infrastructure" in " ".join(c.targets[0] for c in broken.commitments if c.targets)


def test_a_violation_is_of_the_truce_whose_coverage_takes_in_what_was_struck(x):
    """An energy moratorium, then a shipping arrangement; a later strike on a power plant 'in breach of the
    truce' is a breach of the energy moratorium, not of the arrangement agreed since."""
    ex = run(x, "June 2 \u2014 Moldova and Georgia agree to halt strikes on energy infrastructure for 20 days.\n\n"
                "June 5 \u2014 The White House says both sides have agreed to avoid the use of force against "
                "commercial shipping on the Danube.\n\n"
                "June 9 \u2014 Moldova says a Georgian drone struck the Velka power plant in breach of the truce.",
             date=dt.date(2025, 6, 30))
    v = [e for e in violations(ex) if e.start == "2025-06-09"]
    assert v and v[0].proposal, [(e.start, e.proposal) for e in violations(ex)]
    broken = {p.key: p for p in ex.proposals}[v[0].proposal]
    assert any("energy" in t for c in broken.commitments for t in c.targets), broken


def test_what_a_leader_declines_is_not_the_restraint_they_agree_to(x):
    """'A declines the full ceasefire but agrees that both sides should stop striking energy infrastructure':
    the declined full ceasefire does not take the restraint's parties and targets."""
    ex = run(x, "On 2 June the United States proposed a full ceasefire between Moldova and Georgia. "
                "On 5 June Ion Varga declines the full ceasefire but agrees that Moldova and Georgia should stop "
                "striking each other's energy infrastructure for 30 days.")
    full = [p for p in ex.proposals if "full" in p.name.lower()]
    assert full and not any(t for p in full for c in p.commitments for t in c.targets), \
        [(p.name, p.commitments) for p in full]


@pytest.mark.parametrize("text,end", [
    ("Ana Brasov asked Kovan to refrain from striking Mirsk for a week, until 1 July, and he agreed.", "2025-07-01"),
    ("Kovan declared a truce until 20 June.", "2025-06-20"),
    ("Talks on the truce will go on until 20 June.", None),  # the 'until' is the talks', not the truce's
])
def test_the_day_a_proposal_s_own_words_say_it_ends(text, end):
    from kg.extract.proposal_identity import stated_end

    assert stated_end(text, dt.date(2025, 6, 13)) == end


def test_a_stated_end_is_the_expiry_and_one_proposer_s_two_verb_told_requests_are_one(x):
    ex = run(x, "Moldovan President Ana Brasov said she had asked Georgia to stop firing on Mirsk for a week, and "
                "that Georgia had agreed. Her aide said Brasov had made a personal request to Georgia to refrain "
                "from strikes on Mirsk's power plants for a week, until 20 June.")
    (p,) = ex.proposals
    assert {c.status: c.date for c in p.status_changes}.get("expired") == "2025-06-20"
    assert "proposal/request-noun-to-refrain" in p.extracted_by


def test_the_restraint_agreed_beside_a_declined_proposal_is_agreed_by_the_two_sides(x):
    """'A declines the full ceasefire but agrees that B and C should stop striking energy infrastructure':
    the declining is of the full ceasefire; the restraint is agreed, the two sides' own deal."""
    ex = run(x, "On 5 June Ion Varga declines the full ceasefire but agrees that Moldova and Georgia should stop "
                "striking each other's energy infrastructure for 30 days.")
    energy = [p for p in ex.proposals if any("energy" in t for c in p.commitments for t in c.targets)]
    assert [p.status for p in energy] == ["agreed"], [(p.name, p.status) for p in ex.proposals]
    assert set(energy[0].proposed_by) == {"actor/moldova", "actor/georgia"}


def test_a_state_speaking_alone_holds_no_stance(x):
    ex = run(x, "Moldova and Georgia agreed a 20-day moratorium on energy strikes on Monday. "
                "Georgia said on Tuesday that it was ready to accept the moratorium. "
                "\"We welcome the moratorium,\" Georgian Foreign Minister Ilya Drozny said.")
    assert stances(ex) == [("actor/ilya-drozny", "supports", False)]
    assert all(s.about for s in ex.statements if s.speakers == ("actor/georgia",))


def test_a_weak_head_qualified_by_what_it_covers_refers_to_that_proposal(x):
    ex = run(x, "Georgia proposed a truce at sea to protect shipping on Monday. "
                "On Tuesday Moldova called for a 20-day moratorium on strikes against power plants. "
                "Armenian Foreign Minister Ilya Drozny said Armenia would need \"firm guarantees\" "
                "for any Black Sea deal.")
    st = next(s for s in ex.statements if s.stance)
    assert (st.stance, st.about[-1]) == ("conditional", "proposal/truce-merchant-ships-georgia")


def test_the_conditions_refers_back_to_a_condition_told_before(x):
    ex = run(x, "Moldova is conditioning the truce at sea on lifting sanctions on its state banks. "
                "On Tuesday Georgian President Ilya Drozny said his government was studying the conditions, and an "
                "Armenian spokesperson stated that an unconditional Moldovan withdrawal from Lori is a precondition "
                "for easing sanctions.")
    st = next(s for s in ex.statements if s.stance)
    banks = [p.key for p in ex.proposals if "lifting sanctions" in p.name.lower()]
    assert (st.stance, st.about) == ("neutral", tuple(banks)) and banks


def test_a_role_noun_stands_for_the_last_speaker_in_that_role(x):
    ex = run(x, "Moldova proposed a 20-day moratorium on energy strikes on Monday. \"The night was loud,\" Georgian "
                "President Ilya Drozny wrote. Armenian President Sorin Ladea, he added, had turned the moratorium "
                "down.\n\nEarlier, the president had said Georgia would back the energy pause once it saw the terms.")
    assert stances(ex) == [("actor/ilya-drozny", "conditional", True)]


def test_support_given_in_talks_is_an_act_not_a_stance(x):
    ex = run(x, "On 2 June, Georgian President Ilya Drozny, during a telephone conversation with Moldovan President "
                "Ilona Varkas, supported the Moldovan leader's proposal that Georgia and Moldova mutually refrain "
                "from striking energy infrastructure facilities for 20 days.")
    assert [s for s in ex.statements if s.reported] == []
    assert [e for e in ex.events if e.cls == "Agreement"]


def test_a_stance_reported_by_a_speech_verb_stands_though_it_names_talks(x):
    ex = run(x, "Moldova proposed a 20-day moratorium on energy strikes on Monday. Georgian President Ilya Drozny "
                "said on Tuesday that Georgia would study the moratorium in bilateral talks with Moldova.")
    assert stances(ex) == [("actor/ilya-drozny", "neutral", True)]


def test_a_cue_whose_object_is_another_proposal_is_a_change_of_that_proposal(x):
    """'A declines the full ceasefire but agrees that B and C should stop striking energy': the rejection is
    of the full ceasefire its object names, dated by its sentence; the energy restraint is not rejected."""
    ex = run(x, "On 2 June the United States proposed a full ceasefire between Moldova and Georgia. "
                "On 5 June Ion Varga declines the full ceasefire but agrees that Moldova and Georgia should stop "
                "striking each other's energy infrastructure for 30 days.")
    full = [p for p in ex.proposals if "full" in p.name.lower()]
    energy = [p for p in ex.proposals if any("energy" in t for c in p.commitments for t in c.targets)]
    assert full and energy, [p.name for p in ex.proposals]
    assert {c.status: c.date for c in full[0].status_changes}.get("rejected") == "2025-06-05", full[0].status_changes
    assert not any(c.status == "rejected" for p in energy for c in p.status_changes), energy[0].status_changes


def test_two_conditions_of_one_side_are_two_proposals_with_two_iris(x):
    """A condition is told apart by what it asks, not by its kind and author."""
    text = ("On 12 May Foreign Minister Marlen Orvik said the lifting of sanctions on Azerbaijan's state bank "
            "was a key condition for the truce. On 14 May Orvik said an end to foreign military aid for Armenia "
            "was a key condition for any ceasefire.")
    ex = run(x, text)
    conditions = [p for p in ex.proposals if p.name.lower().startswith("condition")]
    assert len({p.key for p in conditions}) == len(conditions) >= 2, [(p.key, p.name) for p in conditions]


def test_a_stated_condition_is_proposed_on_the_day_it_is_stated(x):
    text = ("On 14 May Foreign Minister Marlen Orvik said an end to foreign military aid for Armenia was a key "
            "condition for any ceasefire.")
    [condition] = [p for p in run(x, text).proposals if p.name.lower().startswith("condition")]
    assert [(c.status, c.date, c.rule) for c in condition.status_changes] == \
        [("proposed", "2025-05-14", "status/condition-stated")]


def test_asking_whether_is_a_question_not_a_request():
    assert "proposed" not in {s for _, s in cues("Asked whether the pause will be extended, Varkas says it will "
                                                 "depend on the president.")}
    assert "proposed" in {s for _, s in cues("Varkas asked Kovan to halt the strikes for a week.")}


@pytest.mark.parametrize("sentence", [
    "Velidor says the arrangement takes effect only once sanctions on its banks are lifted.",
    "The truce comes into force only if both armies pull back.",
    "The pause takes effect unless the talks fail.",
])
def test_a_cue_that_waits_on_a_condition_is_no_change(sentence):
    assert "agreed" not in {s for _, s in cues(sentence)}


def test_an_assent_to_what_both_sides_should_do_is_the_truce_told_before(x):
    """'Kovan agrees that A and B should stop striking energy for 20 days' after the truce a broker brokered:
    one proposal, the broker's, agreed that day; neither side is made its proposer, and a 'full ceasefire'
    declined in the same sentence keeps its own coverage and its rejection."""
    ex = run(x, "The pause on strikes against energy facilities that Washington brokered in June lasted 20 "
                "days.\n\nJune 2 \u2014 Moldova accepts an American proposal for a full ceasefire.\n\n"
                "June 4 \u2014 In a call with Donald Trump, Georgian President Levan Kovan declines the full "
                "ceasefire but agrees that Georgia and Moldova should stop striking each other's energy "
                "infrastructure for 20 days.", date=dt.date(2025, 6, 30))
    energy = [p for p in ex.proposals if any("energy" in t for c in p.commitments for t in c.targets)]
    assert len(energy) == 1, [p.key for p in ex.proposals]
    assert energy[0].proposed_by == ("actor/united-states",) and energy[0].family == ("energy",)
    assert {c.status: c.date for c in energy[0].status_changes}.get("agreed") == "2025-06-04"
    full = [p for p in ex.proposals if p.family == ("full",)]
    assert full and {c.status: c.date for c in full[0].status_changes}.get("rejected") == "2025-06-04"


def test_two_sides_who_agree_make_the_deal_theirs(x):
    ex = run(x, "Georgia and Moldova agreed on Monday to stop attacking each other's ports for ten days.")
    assert [set(p.proposed_by) for p in ex.proposals] == [{"actor/georgia", "actor/moldova"}]


def test_a_sentence_in_a_dated_timeline_entry_is_of_the_entry_day(x):
    """'June 4 - ... Kovan agrees ... The Kremlin-like office makes X its condition': the condition stated in
    the entry's second sentence is proposed on the entry's day, not on a day told later."""
    ex = run(x, "June 4 \u2014 Georgian President Levan Kovan agrees to halt strikes on energy sites. Tbilisi "
                "makes an end to foreign military aid for Moldova its condition for anything broader.\n\n"
                "June 20 \u2014 Moldova rejects the condition.", date=dt.date(2025, 6, 30))
    cond = [p for p in ex.proposals if p.name.lower().startswith("condition")]
    assert cond and {c.status: c.date for c in cond[0].status_changes}.get("proposed") == "2025-06-04", \
        [(p.name, p.status_changes) for p in ex.proposals]


def test_a_conditional_stance_is_on_the_truce_not_on_its_condition(x):
    """A condition on a shipping arrangement, then its setter's spokesman: 'the arrangement would "start
    working only once a number of conditions are met"': conditional, about the arrangement."""
    ex = run(x, "On Monday Washington proposed a truce at sea to protect shipping on the Danube.\n\n"
                "The Georgian Foreign Ministry's readout stated that the arrangement would enter into force "
                "only after sanctions are lifted on Velna Bank. Georgian "
                "spokesman Levan Kovan said on Tuesday that the arrangement would \"start working only once a "
                "number of conditions are met\".")
    by_key = {p.key: p for p in ex.proposals}
    said = [(by_key[s.about[-1]].name, s.stance) for s in ex.statements if s.stance]
    assert len(said) == 1 and said[0][1] == "conditional" and not said[0][0].startswith("Condition"), \
        (said, [p.name for p in ex.proposals])


def test_the_pause_someone_announced_is_the_truce_told_before_under_another_noun(x):
    """'Washington proposed a 20-day moratorium on strikes on ports ... the first breach of the pause that
    Kovan had announced': the pause is that moratorium (reporters vary the noun), so the breach is of it;
    Kovan, who announced it, is not made its proposer, and no second 'pause' proposal appears."""
    ex = run(x, "Washington proposed a 20-day moratorium on strikes on ports on Tuesday. Later that day "
                "Georgia and Moldova discussed Washington's idea of a truce at sea to protect merchant ships."
                "\n\nOvernight Moldovan drones hit the port of Velna. Tbilisi counted it as the first "
                "breach of the pause that Levan Kovan had announced only hours before.",
             date=dt.date(2025, 6, 11))
    ports = [p for p in ex.proposals if any("port" in t for t in p.targets)]
    assert len(ports) == 1 and ports[0].proposed_by == ("actor/united-states",), \
        [(p.name, p.proposed_by) for p in ex.proposals]
    assert "violated" in {c.status for c in ports[0].status_changes}
    assert not [p for p in ex.proposals if p.name.lower() == "pause"], [p.name for p in ex.proposals]
    sea = [p for p in ex.proposals if p is not ports[0]]
    assert all("violated" not in {c.status for c in p.status_changes} for p in sea)


def test_an_undated_proposal_is_of_the_day_of_the_news_the_article_opens_with(x):
    """A report opening with Tuesday's call: 'Kovan proposed a truce at sea', undated, was proposed on that
    Tuesday; an undated agreement in the same report stays undated (it is as often background)."""
    ex = run(x, "Within hours of Tuesday's telephone call between Levan Kovan and Donald Trump, both "
                "offices published an account of it.\n\nKovan proposed a ten-day truce at sea to protect "
                "merchant ships. Moldova agreed to the moratorium on strikes on ports that Washington had "
                "brokered.", date=dt.date(2025, 6, 12))
    changes = {(c.status, c.date) for p in ex.proposals for c in p.status_changes}
    assert ("proposed", "2025-06-10") in changes, [(p.name, p.status_changes) for p in ex.proposals]
    assert all(d is None for s, d in changes if s == "agreed"), changes


@pytest.mark.parametrize("text,who", [
    ("Armenia condemned the strike, another violation of the ceasefire on power plants agreed with the "
     "participation of Norway following the talks in Oslo.", ["actor/norway"]),
    ("Armenia condemned the strike, another violation of the ceasefire on power plants agreed after the talks "
     "in Oslo.", []),
])
def test_a_referred_truce_agreed_with_the_participation_of_a_country_is_that_countrys(x, text, who):
    refs = [p for p in run(x, text).proposals if p.reference]
    assert [list(p.proposed_by) for p in refs] == [who], [(p.name, p.proposed_by) for p in refs]


def test_a_referred_truce_whose_author_is_named_is_a_proposal_of_the_article(x):
    """In the graph, a reference the article names the author of describes a proposal (ckg:Proposal); one
    with no author named stays a ckg:ProposalReference for resolution to join."""
    from rdflib import RDF

    from kg.build.graph import article_graph
    from kg.vocab import CKG

    for text, cls in [("Armenia condemned the strike, another violation of the ceasefire on power plants agreed "
                       "with the participation of Norway following the talks in Oslo.", CKG.Proposal),
                      ("Armenia condemned the strike, another violation of the ceasefire on power plants agreed "
                       "after the talks in Oslo.", CKG.ProposalReference)]:
        g = article_graph(run(x, text))
        refs = [s for s, o in g.subject_objects(RDF.type) if o in (CKG.Proposal, CKG.ProposalReference)]
        assert [g.value(s, RDF.type) for s in refs] == [cls], text


def test_a_deal_a_party_would_not_renew_expired_then(x):
    text = ("The Kessa Grain Initiative, brokered by Norway and Denmark and signed in Oslo on 22 July 2022, worked "
            "for a year. It died when Armenia refused to renew it on 17 July 2023.")
    [deal] = [p for p in run(x, text).proposals if "Initiative" in p.name]
    assert [(c.status, c.date) for c in deal.status_changes if c.status == "expired"] == [("expired", "2023-07-17")]


def test_a_truce_noun_dated_by_its_change_refers_to_the_proposal_of_that_noun_told_before(x):
    text = ("In January, Armenia and Georgia discussed a simple trade: Armenia stops hitting power plants, Georgia "
            "stops hitting refineries. The Kordel-brokered moratorium on strikes against energy facilities in "
            "March 2025 had no referee at all. Both sides accused each other of violations almost daily, and the "
            "moratorium expired in April.")
    ex = run(x, text, dt.date(2026, 2, 8))
    expired = [p.name for p in ex.proposals for s in p.status_changes if s.status == "expired"]
    assert expired == ["Kordel-brokered moratorium on strikes against energy facilities"]
    assert [s.date for p in ex.proposals for s in p.status_changes if s.status == "expired"] == ["2025-04"]


def test_a_phrase_dated_after_a_proposal_may_date_its_change_never_before_it():
    from kg.extract.storyrefs import period_fits

    assert period_fits("2025-03", "2025-04") and period_fits("2025-03", "2025-03")
    assert not period_fits("2026-01", "2025-04") and not period_fits("2023-01", "2025-04")
