"""The spaCy side of extraction: a blank English pipeline, paragraph-aware sentences, lexicon matchers."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.resources import LexEntry, load_lexicon


@Language.component("ckg_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break always starts a new sentence: headings and bylines stay out of the next sentence."""
    tokens = list(doc)
    for i in range(1, len(tokens)):
        token, prev = tokens[i], tokens[i - 1]
        if "\n" in prev.whitespace_ or "\n" in prev.text:
            token.is_sent_start = True
        elif prev.text in {"\u201c", '"', "\u2018"} and i >= 2 and token.is_sent_start and tokens[i - 2].whitespace_:
            prev.is_sent_start = True  # an opening quote starts the sentence it opens
            token.is_sent_start = False
    return doc


@lru_cache(maxsize=2)
def build_nlp(model: str | None = None) -> Language:
    """spaCy pipeline: a trained model if named and installed, else blank English with a sentencizer."""
    nlp = spacy.load(model, exclude=["lemmatizer"]) if model else spacy.blank("en")
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    nlp.add_pipe("ckg_paragraphs", last=True)
    return nlp


def lexicon_phrases(entry: LexEntry) -> list[tuple[str, str]]:
    """(surface form, kind) pairs an entry is matched by."""
    out = [(entry.pref, "name"), *((a, "name") for a in entry.alts)]
    out += [(s, "seat") for s in entry.seats]
    out += [(d, "demonym") for d in entry.demonyms if d not in {a for a, _ in out}]
    return out


@lru_cache(maxsize=2)
def lexicon_matchers(nlp: Language) -> tuple[PhraseMatcher, PhraseMatcher, dict[str, tuple[LexEntry, str]]]:
    """Case-sensitive matcher for actors, case-insensitive for targets; match ids carry the concept IRI."""
    actors = PhraseMatcher(nlp.vocab, attr="ORTH")
    targets = PhraseMatcher(nlp.vocab, attr="LOWER")
    index: dict[str, tuple[LexEntry, str]] = {}
    for entry in load_lexicon():
        for phrase, kind in lexicon_phrases(entry):
            key = f"{entry.iri}|{kind}|{phrase}"
            index[key] = (entry, kind)
            matcher = targets if entry.scheme == "targets" else actors
            matcher.add(key, [nlp.make_doc(phrase)])
    return actors, targets, index
