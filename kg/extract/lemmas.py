"""A faster stand-in for the trained pipeline's rule lemmatizer, with the same lemmas.

spaCy's rule lemmatizer already keeps its answers by (word, POS, morphology), but it still visits every
token from Python (a Token object, its morphology object, a method call each), and for a new word it tests
each candidate form against the word list of its POS as a Python list (57,000 nouns, scanned one by one).
The stand-in reads the three values and the lemma the attribute ruler may have set as one array, works out
a combination it has not seen with spaCy's own rules and exceptions but the word lists as sets, and writes
the lemmas back as one array. Only a rule-mode lemmatizer that does not overwrite is replaced."""

from __future__ import annotations

from typing import Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc


class FastLemmatizer:
    """spaCy's rule lemmatizer, visited once per new (word, POS, morphology) combination."""

    def __init__(self, lemmatizer: Any):
        self.lemmatizer = lemmatizer
        self.known: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma hash
        tables = lemmatizer.lookups
        self.index_table = tables.get_table("lemma_index", {})
        self.index: dict[str, frozenset[str]] = {}  # POS -> its word list as a set, made on first use
        self.exceptions = tables.get_table("lemma_exc", {})
        self.rules = tables.get_table("lemma_rules", {})

    def lemma(self, token: Any) -> str:
        """spaCy's Lemmatizer.rule_lemmatize(token)[0], with the POS word lists as sets."""
        pos = token.pos_.lower()
        if pos in ("", "eol", "space") or self.lemmatizer.is_base_form(token):
            return self.lemmatizer.rule_lemmatize(token)[0]
        string = token.text
        if pos not in self.index:
            self.index[pos] = frozenset(self.index_table.get(pos) or ())
        index, exceptions, rules = (self.index[pos], self.exceptions.get(pos), self.rules.get(pos))
        if not any((index, exceptions, rules)):
            return string if pos == "propn" else string.lower()
        index, exceptions, rules = index or frozenset(), exceptions or {}, rules or []
        low = string.lower()
        forms: list[str] = []
        oov: list[str] = []
        for old, new in rules:
            if low.endswith(old):
                form = low[:len(low) - len(old)] + new
                if not form:
                    pass
                elif form in index:
                    forms.insert(0, form)
                elif not form.isalpha():
                    forms.append(form)
                else:
                    oov.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(low, []):
            if form not in forms:
                forms.insert(0, form)
        return (forms or oov or [string])[0]

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma == 0:  # not set by the attribute ruler
                key = (orth, pos, morph)
                found = self.known.get(key)
                if found is None:
                    found = self.known[key] = doc.vocab.strings.add(self.lemma(doc[i]))
                lemmas[i] = found
        doc.from_array([LEMMA], lemmas)
        return doc


@Language.factory("ckg_lemmatizer")
def make_fast_lemmatizer(nlp: Language, name: str) -> FastLemmatizer:
    """Registered so the stand-in can sit in a pipeline; it wraps the lemmatizer it replaces."""
    return FastLemmatizer(nlp.get_pipe("lemmatizer"))


def replace_lemmatizer(nlp: Language) -> bool:
    """Swap the pipeline's lemmatizer for the stand-in, under the same name; False (the original kept)
    when there is none, or it is not a rule lemmatizer that leaves the ruler's lemmas alone."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lem = nlp.get_pipe("lemmatizer")
    if getattr(lem, "mode", None) != "rule" or getattr(lem, "overwrite", True) or not hasattr(lem, "lemmatize"):
        return False
    nlp.add_pipe("ckg_lemmatizer", name="ckg_lemmatizer_new", before="lemmatizer")
    nlp.remove_pipe("lemmatizer")
    nlp.rename_pipe("ckg_lemmatizer_new", "lemmatizer")
    return True
