"""The lemmatizer's stand-in (kg/extract/lemmas.py) gives the lemmas spaCy's rule lemmatizer gives."""

from __future__ import annotations

import spacy

from kg.extract.lemmas import FastLemmatizer, replace_lemmatizer
from kg.extract.nlp import DEFAULT_MODEL, build_nlp

# invented sentences with inflected verbs, plurals, comparatives, proper nouns and a repeated word
SENTENCES = [
    "The envoys were meeting again; the meetings had been postponed twice by the Velmoran side.",
    "Negotiators agreed, then disagreed, and finally agreed on the broader, better-drafted terms.",
    "Drones struck the ports of Sorvik; officials say the strikes hit two grain terminals.",
    "The envoy called the relaunched talks a fading hope and added that nobody was surprised.",
    "",
]


def lemmas(nlp, texts):
    return [[t.lemma_ for t in doc] for doc in nlp.pipe(texts)]


def test_stand_in_gives_spacy_lemmas():
    ours = build_nlp().trained
    assert isinstance(ours.get_pipe("lemmatizer"), FastLemmatizer)
    theirs = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    with ours.select_pipes(disable=["ner"]):
        assert lemmas(ours, SENTENCES) == lemmas(theirs, SENTENCES)
        assert lemmas(ours, SENTENCES) == lemmas(ours, SENTENCES)  # the remembered answers are the same
    assert lemmas(theirs, SENTENCES[2:3])[0][:2] == ["drone", "strike"]


def test_replace_keeps_name_and_place():
    nlp = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    names = nlp.pipe_names
    assert replace_lemmatizer(nlp)
    assert nlp.pipe_names == names
    assert isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)


def test_lookup_lemmatizer_is_left_alone():
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not replace_lemmatizer(nlp)
    assert not isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)
    assert not replace_lemmatizer(spacy.blank("en"))
