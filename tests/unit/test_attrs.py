"""The attribute ruler's stand-in (kg/extract/attrs.py) gives what spaCy's own AttributeRuler gives."""

from __future__ import annotations

import spacy

from kg.extract.attrs import FastAttributeRuler, replace_ruler
from kg.extract.nlp import DEFAULT_MODEL, build_nlp

# invented sentences with the ruler's exceptions in them: contractions, 'there is', negation, spaces
SENTENCES = [
    "The envoys of Marevia and Tollund didn't sign the accord, and they aren't going to.",
    "There were  three drafts; nothin' in them was final, y'all said.",
    "I'm told the mediator has gone to Sorvik, where she'd meet the deputy minister.",
    "It is what it is: the pause wasn't kept, and we won't pretend otherwise.\n\nGovernor Alvaro Pensk spoke.",
    "Whether or not the talks resume, the Velmoran navy says it has done nothing wrong.",
]


def annotations(nlp, texts):
    return [[(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc] for doc in nlp.pipe(texts)]


def test_stand_in_matches_spacy_ruler():
    ours = build_nlp().trained
    assert isinstance(ours.get_pipe("attribute_ruler"), FastAttributeRuler)
    theirs = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    assert not isinstance(theirs.get_pipe("attribute_ruler"), FastAttributeRuler)
    with ours.select_pipes(disable=["ner"]):
        assert annotations(ours, SENTENCES) == annotations(theirs, SENTENCES)


def test_replace_keeps_name_and_place():
    nlp = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    names = nlp.pipe_names
    assert replace_ruler(nlp)
    assert nlp.pipe_names == names
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)


def test_no_ruler_is_left_alone():
    nlp = spacy.blank("en")
    assert not replace_ruler(nlp)
    assert nlp.pipe_names == []


def blank_with_ruler(patterns):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    for pattern, attrs in patterns:
        ruler.add([pattern], attrs)
    return nlp


def test_later_rule_wins_and_multi_token_rules_match():
    patterns = [([{"LOWER": {"IN": ["kelp", "moss"]}}], {"POS": "NOUN", "LEMMA": "plant"}),
                ([{"LOWER": {"REGEX": "^mo"}}], {"POS": "PROPN"}),
                ([{"LOWER": "red"}, {"LOWER": "kelp"}], {"LEMMA": "algae"}),
                ([{"IS_SPACE": True}], {"POS": "SPACE"})]
    text = "Red kelp and moss  grow"
    expected = [(t.pos_, t.lemma_) for t in blank_with_ruler(patterns)(text)]
    nlp = blank_with_ruler(patterns)
    assert replace_ruler(nlp)
    assert [(t.pos_, t.lemma_) for t in nlp(text)] == expected
    assert expected[1] == ("NOUN", "plant") and expected[3] == ("PROPN", "plant")


def test_unsupported_rule_keeps_spacy_ruler():
    nlp = blank_with_ruler([([{"LOWER": "very", "OP": "+"}], {"POS": "ADV"})])
    assert not replace_ruler(nlp)
    assert not isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
