"""The story layer of one article (issue 11): proposal references, status changes, violations,
contested attributions and stances, run after the per-article extractors on their records."""

from __future__ import annotations

from dataclasses import replace

from kg.extract.claims import extract_claims, violations_in_force
from kg.extract.lifecycle import add_status_changes, earlier
from kg.extract.proposal_identity import stated_end
from kg.extract.stance import add_stances
from kg.extract.state import DocState
from kg.extract.storyrefs import Refs, find_head, phrase_period
from kg.model import Attribution, Event, Proposal, Statement, StatusChange


def period_of(state: DocState, p: Proposal) -> str | None:
    """When a proposal was put forward or agreed: its first dated status change, else a date its own
    phrase states ('the moratorium of March 2025'), else the article's month."""
    if p.period:
        return p.period
    stated = phrase_period(p.name, state.ref)
    if stated:
        return stated
    dated = sorted(c.date for c in p.status_changes if c.date and c.status in ("proposed", "agreed"))
    if dated:
        return dated[0][:7]
    return state.article.date.isoformat()[:7] if state.article.date else None


def add_violated(state: DocState, refs: Refs, events: list[Event]) -> None:
    """An alleged violation is a 'violated' status change of its proposal on the date of the act."""
    for e in events:
        p = refs.get(e.proposal) if e.cls == "Violation" and e.proposal and e.accused else None
        if p is None:
            continue
        old = next((c for c in p.status_changes if c.status == "violated"), None)
        if old is None or earlier(e.start, old.date):
            rest = tuple(c for c in p.status_changes if c is not old)
            sc = StatusChange("violated", e.start, e.evidence[:1], (e.rules or ("claim/violation",))[0])
            refs.update(p.key, status_changes=rest + (sc,))


def add_stated_ends(state: DocState, refs: Refs) -> None:
    """'asked Putin to refrain from striking Kyiv for a week, until February 1': a proposal whose own words
    give the day it ends has expired on that day (as told; resolution derives no other end for it)."""
    for p in list(refs.proposals):
        if p.reference or any(c.status == "expired" for c in p.status_changes):
            continue
        for ev in p.evidence:
            end = stated_end(ev.sentence, state.ref)
            if end:
                sc = StatusChange("expired", end, (ev,), "status/stated-end")
                refs.update(p.key, status_changes=p.status_changes + (sc,))
                break


LEAVING = ("event/withdraw-from-deal", "event/withdraw-from-deal-relative", "event/refuse-to-renew")


def add_left_deals(state: DocState, refs: Refs, events: tuple[Event, ...]) -> None:
    """'The Black Sea Grain Initiative, signed in 2022, worked for a year. It died when Moscow refused to
    renew it on 17 July 2023': a deal a party left or would not renew ended then (an 'expired' change),
    the deal being the one its sentence names, else the one the sentence before tells."""
    for e in events:
        if not set(e.extracted_by) & set(LEAVING) or not e.start or not e.evidence:
            continue
        idx = state.sent_index(e.evidence[0].start)
        key = named_deal(state, refs, idx) or (named_deal(state, refs, idx - 1) if idx > 0 else None)
        p = refs.get(key) if key else None
        if p is None or any(c.status == "expired" for c in p.status_changes):
            continue
        sc = StatusChange("expired", e.start, (e.evidence[0],), "status/left-deal")
        refs.update(p.key, status_changes=p.status_changes + (sc,))


def named_deal(state: DocState, refs: Refs, idx: int) -> str | None:
    """The proposal a sentence tells (one drawn from it) or names (its name in the sentence's words)."""
    s, t = state.sents[idx]
    text = state.text[s:t].lower()
    return next((p.key for p in refs.proposals if not p.reference and
                 (any(ev.start == s for ev in p.evidence) or p.name.lower() in text)), None)


def link_agreements(state: DocState, refs: Refs, events: list[Event]) -> list[Event]:
    """'Varga accepted the 20-day energy moratorium on 10 June': an agreement that names the truce it is
    on, in its own sentence, is on the proposal that phrase refers to (one told before, or a reference),
    so that reports of it in other articles can be joined by what was agreed."""
    out = []
    for e in events:
        if e.cls == "Agreement" and e.proposal is None and e.evidence:
            idx = state.sent_index(e.evidence[0].start)
            s, t = state.sents[idx]
            if find_head(state.text[s:t]) is not None:
                e = replace(e, proposal=refs.at(idx))
        out.append(e)
    return out


def own_violations(state: DocState, events: list[Event]) -> list[Event]:
    """An accusation is one source's claim in one article: a violation keyed by date and accused alone
    ('event/violation-2025-03-19-x') would be one node for two articles' accusations, so it is keyed to
    its article."""
    tag = f"{state.article.id}-"
    out = []
    for e in events:
        if e.cls == "Violation" and "/" in e.key and not e.key.split("/", 1)[1].startswith(tag):
            e = replace(e, key=f"{e.key.split('/', 1)[0]}/{tag}{e.key.split('/', 1)[1]}")
        out.append(e)
    return out


def story_layer(state: DocState, proposals: tuple[Proposal, ...], statements: tuple[Statement, ...],
                events: tuple[Event, ...]) -> tuple[tuple[Proposal, ...], tuple[Statement, ...], tuple[Event, ...],
                                                    tuple[Attribution, ...]]:
    """(proposals with status changes and the references added, statements with stances, events with
    violations filled in, attributions). Actors the new facts name are marked as acting."""
    refs = Refs(state, list(proposals))
    add_status_changes(state, refs)
    add_stated_ends(state, refs)
    add_left_deals(state, refs, events)
    new_events, attributions = extract_claims(state, refs, link_agreements(state, refs, list(events)))
    new_events = violations_in_force(state, refs, own_violations(state, new_events))
    add_violated(state, refs, new_events)
    new_statements = add_stances(state, refs, list(statements))
    for p in list(refs.proposals):
        refs.update(p.key, family=refs.family_of(p), period=period_of(state, p))
    used = {k for e in new_events for k in e.accused + e.accused_by + e.participants}
    used |= {k for a in attributions if a.contested for k in a.attributed_to + a.according_to}
    for k in used:
        if k in state.ents:
            state.ents[k].acting = True
    return tuple(refs.proposals), tuple(new_statements), tuple(new_events), tuple(attributions)
