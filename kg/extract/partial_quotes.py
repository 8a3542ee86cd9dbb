"""Partial quotations: a quotation that continues the reporter's own clause.

'Peskov confirmed that Trump had asked Putin "to refrain from striking Kyiv for a week"' tells, in the
source's words, what the reporter reports: the quoted words hang on a word outside the quotation ('asked'),
so they are read as reported speech, like 'Trump had asked Putin to refrain ...'. A quotation that is a
clause of its own ('"We will stop," he said', 'he said: "We will stop"') stays a quotation."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.nlp import Parsed
from kg.extract.state import DocState

OWN_CLAUSE = ("ccomp", "parataxis", "ROOT")  # how a quoted clause of its own hangs on the speech verb


def is_partial_quote(state: DocState, parsed: Parsed, tok: Token) -> bool:
    """Whether the quotation holding `tok` continues a clause begun outside it: its top words (those whose
    heads are outside the quotation) are infinitives, objects or modifiers of words before the quote."""
    span = state.quote_at(parsed.offset + tok.idx)
    if span is None:
        return False

    def inside(t: Token) -> bool:
        return span[0] <= parsed.offset + t.idx < span[1]

    words = [t for t in parsed.doc if inside(t) and not t.is_punct]
    tops = [t for t in words if not inside(t.head) or t.head.i == t.i]
    return bool(tops) and all((t.dep_ not in OWN_CLAUSE and t.head.i < words[0].i) or subject_before(t, words[0])
                              for t in tops)


def subject_before(verb: Token, first: Token) -> bool:
    """'Putin, it said, "supported the proposal"': a quoted verb whose subject the reporter names before the
    quotation continues the reporter's clause."""
    return verb.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") and c.i < first.i
                                               for c in verb.children)
