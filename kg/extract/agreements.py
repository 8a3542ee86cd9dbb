"""Agreements implied by agreed proposals: 'the moratorium Washington brokered in March', 'Putin declared an
Easter truce on 19 April', 'the agency got both sides to agree to local ceasefire zones on 18 October'.

A proposal the text says was agreed, accepted, supported, brokered or declared is an agreement event on the date of
that sentence, between its proposers and its parties, unless the article already tells that agreement
(same month, a shared participant)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from kg.extract import dates
from kg.extract.event_frames import act_sentence, is_hypothetical
from kg.extract.partial_quotes import is_partial_quote
from kg.extract.resources import word_class
from kg.extract.state import DocState, Ent
from kg.extract.storyrefs import story_patterns
from kg.model import Proposal


@dataclass(frozen=True)
class ImpliedAgreement:
    """An agreement on a proposal: the sentence that tells it, its dates and who agreed."""

    sentence: int
    start: str
    end: str | None
    participants: tuple[Ent, ...]
    proposal: str


@lru_cache(maxsize=2)
def agreeing_lemmas() -> frozenset[str]:
    """Verbs of accepting a proposal: patterns.json's word classes and story-patterns.json's own."""
    own = frozenset(story_patterns()["implied_agreement"]["verbs"])
    return word_class("agree_verbs") | word_class("agreed_proposal_verbs") | own


def agreeing_sentence(state: DocState, idx: int) -> bool:
    """A sentence whose parse has a reported (not hypothetical, not quoted) agreeing verb."""
    for parsed in state.parses.get(idx, []):
        for tok in parsed.doc:
            quoted = state.in_quote(parsed.offset + tok.idx) and not is_partial_quote(state, parsed, tok)
            if tok.pos_ == "VERB" and tok.lemma_.lower() in agreeing_lemmas() and not quoted and \
                    not is_hypothetical(tok, "Agreement"):
                return True
    return False


def implied_agreements(state: DocState, proposals: list[Proposal]) -> Iterator[ImpliedAgreement]:
    """One agreement per agreed proposal, dated by the first agreeing sentence that has a date."""
    ents = {e.key: e for e in state.ents.values()}
    for p in proposals:
        who = tuple(dict.fromkeys(ents[k] for k in (*p.proposed_by, *(c.party for c in p.commitments))
                                  if k in ents))
        for ev in p.evidence:
            idx = state.sent_index(ev.start)
            if not agreeing_sentence(state, idx):
                continue
            start, end = agreed_when(state, idx)
            if start:
                yield ImpliedAgreement(idx, start, end, who, p.key)
                break


def agreed_when(state: DocState, idx: int) -> tuple[str | None, str | None]:
    """The date of an agreeing sentence: 'also mediated by Washington and agreed the same month, lapsed in
    April' is of the month told before (the sentence's own earlier date, else the last date of the sentence
    before), not of the later date the sentence goes on to give."""
    sentence = act_sentence(state, idx)
    same, told = dates.same_period(sentence, sentence, state.ref)
    if same and told is None and idx > 0:
        s, e = state.sents[idx - 1]
        told = dates.last_date(state.text[s:e], state.ref)
    return (told, None) if same and told else dates.resolve(sentence, state.ref)
