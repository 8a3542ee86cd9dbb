"""Extraction on short hand-written cases, with invented names no lexicon holds, and negatives."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import Extractor
from kg.model import Article


@pytest.fixture(scope="module")
def x() -> Extractor:
    return Extractor()


def run(x, text: str, date: dt.date | None = dt.date(2025, 3, 21)):
    return x(Article(id="t0", text=text, title="t", date=date))


def actor_names(ex) -> set[str]:
    return {a.name for a in ex.actors if a.cls != "UnnamedSource"}


@pytest.mark.parametrize("text,name,cls", [
    ("Foreign Minister Ilona Varkas said the talks were useful.", "Ilona Varkas", "Person"),
    ("Tomas Gerrard, head of the Northern Grid Authority, said repairs began.", "Tomas Gerrard", "Person"),
    ("Navy spokesman Oleksiy Brenko told reporters the port was hit.", "Oleksiy Brenko", "Person"),
    ("The Ministry of Water Resources said the dam held.", "Ministry of Water Resources", "GovernmentBody"),
    ("The Caspian Border Fleet said it had intercepted two drones.", "Caspian Border Fleet", "ArmedForces"),
    ("Vladimir Putin spoke to Donald Trump on Tuesday.", "Vladimir Putin", "Person"),
])
def test_extract_finds_actor(x, text, name, cls):
    found = {a.name: a.cls for a in run(x, text).actors}
    assert found.get(name) == cls


@pytest.mark.parametrize("text,not_actor", [
    ("Zelensky told reporters in Kyiv that the pause held.", "Ukraine"),
    ("The talks will be held in Riyadh, Saudi Arabia, next week, officials said.", "Saudi Arabia"),
    ("Ships sailed across the Black Sea on Monday.", "Black Sea"),
    ("Share:\nWorld news\n244", "World"),
    ("Several Soviet-era units were damaged, the company said.", "Soviet-era"),
])
def test_extract_does_not_make_places_or_furniture_actors(x, text, not_actor):
    assert not_actor not in actor_names(run(x, text))


def test_extract_resolves_metonyms_and_surnames_to_one_node(x):
    ex = run(x, "The Kremlin rejected the plan. Moscow said Russia would not agree. "
                "Kremlin spokesman Dmitry Peskov spoke. Later Peskov said more.")
    russia = [a for a in ex.actors if a.name == "Russia"]
    assert len(russia) == 1 and {"Kremlin", "Moscow"} <= set(russia[0].aliases)
    assert russia[0].wikidata == "http://www.wikidata.org/entity/Q159"
    assert len([a for a in ex.actors if "Peskov" in a.name]) == 1


def test_extract_ministry_is_not_the_country(x):
    ex = run(x, "The Russian Defence Ministry said Ukrainian drones attacked a refinery.")
    assert "Russian Defence Ministry" in actor_names(ex)
    assert "Russia" not in actor_names(ex)


@pytest.mark.parametrize("text,quote,speaker", [
    ('"We will rebuild the grid," Marta Kolvan, the deputy mayor, said.', "We will rebuild the grid", "Marta Kolvan"),
    ('Deputy Minister Pavlo Renko said: "The station is offline."', "The station is offline.", "Pavlo Renko"),
    ('Envoy Anders Kiel wrote on Telegram: \u201cThe corridor is open again.\u201d', "The corridor is open again.",
     "Anders Kiel"),
    ("General Ivo Sander called the strike \u2018a clear breach of the deal\u2019.", "a clear breach of the deal",
     "Ivo Sander"),
])
def test_extract_attributes_quote(x, text, quote, speaker):
    ex = run(x, text)
    names = {a.key: a.name for a in ex.actors}
    got = {s.quote.strip(' ,."'): names[s.speakers[0]] for s in ex.statements}
    assert got.get(quote.strip(' ,."')) == speaker


def test_extract_split_quote_is_one_statement_and_pronoun_resolves(x):
    ex = run(x, 'Iryna Dovzhenko, a spokeswoman for the Air Command, spoke. '
                '"If these strikes continue, we will respond," she said, "and we will respond in kind."')
    assert len(ex.statements) == 1
    st = ex.statements[0]
    assert "respond in kind" in st.quote and "If these strikes" in st.quote
    assert st.speakers == ("actor/iryna-dovzhenko",)


def test_extract_unnamed_source_and_outlet(x):
    ex = run(x, "Reuters, citing two sources familiar with the talks, reported the plan. "
                "One of the sources told the news agency: \u201cBoth sides say yes in principle.\u201d")
    st = ex.statements[0]
    speaker = next(a for a in ex.actors if a.key == st.speakers[0])
    assert speaker.cls == "UnnamedSource"
    assert st.reported_by == ("actor/reuters",)


def test_extract_apostrophes_are_not_quotes_and_unbalanced_quotes_recover(x):
    ex = run(x, "Ukraine's grid operator didn't comment. The minister said \"the lights will stay on")
    assert all("didn" not in s.quote for s in ex.statements)


def test_extract_named_and_category_targets(x):
    ex = run(x, "Drones hit the Saratov oil refinery in Saratov region and two electrical substations.")
    targets = {t.name: t for t in ex.targets}
    assert targets["Saratov oil refinery"].cls == "OilRefinery"
    assert targets["Saratov oil refinery"].location == "Saratov region"
    assert targets["substations"].cls == "Substation"


@pytest.mark.parametrize("text", [
    "Ankara urged both sides to keep commercial shipping out of the war.",
    "The navy said it would keep merchant shipping safe in the strait.",
])
def test_a_category_before_a_particle_or_adjective_is_a_target_not_a_modifier(x, text):
    assert [t.name for t in run(x, text).targets] == ["merchant ships"]


def test_a_category_before_a_noun_stays_a_modifier(x):
    assert not run(x, "Shipping insurers raised their premiums on Monday.").targets


def test_extract_proposal_with_two_commitments(x):
    ex = run(x, "Washington and Kyiv considered offering Russia a halt to strikes on energy infrastructure. "
                "The proposal would involve Moscow halting strikes on energy infrastructure, while Kyiv would "
                "stop attacks on oil refineries and tankers.")
    assert len(ex.proposals) == 1
    p = ex.proposals[0]
    assert set(p.proposed_by) == {"actor/united-states", "actor/ukraine"}
    parties = {(c.party, c.refrains_from): set(c.targets) for c in p.commitments}
    assert parties[("actor/russia", "strikes")] == {"target/energy-infrastructure"}
    assert parties[("actor/ukraine", "attacks")] == {"target/oil-refinery", "target/tanker"}


@pytest.mark.parametrize("sentence,start", [
    ("Russian drones struck a substation in Dnipro on Tuesday.", "2025-03-18"),
    ("Russian drones struck a substation in Dnipro on 14 March.", "2025-03-14"),
    ("Russian drones struck a substation in Dnipro at the end of March 2024.", "2024-03"),
])
def test_extract_event_dates_resolve_against_article_date(x, sentence, start):
    ex = run(x, sentence)
    attacks = [e for e in ex.events if e.cls == "Attack"]
    assert attacks and attacks[0].start == start and attacks[0].participants == ("actor/russia",)


def test_extract_no_year_invented_without_article_date(x):
    ex = run(x, "Russian drones struck a substation in Dnipro on Tuesday.", date=None)
    assert all(e.start is None for e in ex.events)


def test_extract_opening_straight_quote_starts_its_sentence(x):
    ex = run(x, 'The team was led by Defence Minister Rasmus Vell, with an aide at his side. "We agreed on an '
                'exchange," Vell said, adding that Kyiv had proposed a 30-day ceasefire including a halt to '
                'strikes on energy infrastructure.')
    assert [s.speakers for s in ex.statements] == [("actor/rasmus-vell",)]
    assert ex.proposals and ex.proposals[0].proposed_by == ("actor/ukraine",)
    assert ex.proposals[0].commitments[0].targets == ("target/energy-infrastructure",)


def test_an_opening_bracket_after_a_full_stop_starts_the_next_sentence(x):
    """'... could still change venue. (First posted 13:20.)': the bracket is not the end of the sentence
    before, which would then read as a heading (no closing punctuation) and lose its events."""
    text = ("Foreign Minister Marlen Orvik said the next round of talks with Armenia, planned for Sunday in "
            "Muscat, could still change venue. (First posted 13:20.)")
    ex = run(x, text, date=dt.date(2026, 1, 30))
    assert [e.start for e in ex.events if e.cls == "Talks"] == ["2026-02-01"]


def test_extract_uses_a_configured_pipelines_ner(tmp_path):
    """A saved spaCy pipeline whose NER (here an entity ruler standing in for a trained model) tags names
    the rules cannot see: without it the name is missed, with it the person and the company are found."""
    import spacy

    text = "Talks were chaired by Ilse Marquardt while Norvik Energia kept the pipeline running."
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Ilse Marquardt"},
                        {"label": "ORG", "pattern": "Norvik Energia"}])
    nlp.to_disk(tmp_path / "model")
    article = Article(id="m", text=text, title="t")
    assert "Ilse Marquardt" not in actor_names(Extractor()(article))
    found = {a.name: a.cls for a in Extractor(model=str(tmp_path / "model"))(article).actors}
    assert found.get("Ilse Marquardt") == "Person" and found.get("Norvik Energia") == "Organization"


def test_extract_statement_about_targets_and_proposal(x):
    ex = run(x, "Kyiv offered Moscow a halt to strikes on oil refineries. "
                '"This truce would spare the oil refineries," Foreign Minister Ilona Varkas said.')
    (st,) = ex.statements
    assert "target/oil-refinery" in st.about and ex.proposals[0].key in st.about
