"""Proposal lifecycle: the status changes an article reports, each with its date and evidence.

A sentence that refers to a proposal (storyrefs) and carries a status cue outside any quotation
('took effect', 'lapsed', 'gave the order', 'rejected') is a status change on the date the sentence
states. A cue preceded by a hypothetical or negation ('would agree', 'has not agreed', 'is due to
expire') is not a change. Each status is kept once per proposal and article: the first date reported
(a change is the first time the proposal reached that status). Each cue takes the date phrase of its
own clause where it has one ('agreed last March ..., until it expired in April').
Rules: story-patterns.json status_rules."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from kg.extract import dates
from kg.extract.state import DocState
from kg.extract.storyrefs import Refs, families, fits, phrase_period, proposal_kind, sentence_date, story_patterns
from kg.model import Proposal, StatusChange


@lru_cache(maxsize=2)
def status_rules() -> list[tuple[str, str, re.Pattern]]:
    return [(r["id"], r["status"], re.compile(r["pattern"], re.I)) for r in story_patterns()["status_rules"]]


@lru_cache(maxsize=2)
def blocker() -> re.Pattern:
    return re.compile(story_patterns()["status_blockers"]["pattern"], re.I)


@lru_cache(maxsize=2)
def waits_on() -> re.Pattern:
    """Words after a cue that make it wait on a condition ('takes effect only once ...', 'unless')."""
    return re.compile(story_patterns()["status_blockers"]["after"], re.I)


def outside_quotes(state: DocState, start: int, end: int) -> str:
    """The sentence with quoted words blanked out (same length, so offsets hold)."""
    chars = list(state.text[start:end])
    for qs, qe in state.quotes:
        for i in range(max(qs, start), min(qe, end)):
            chars[i - start] = " "
    return "".join(chars)


def cue_spans(sentence: str) -> list[tuple[str, str, int, int]]:
    """(rule id, status, start, end) of each status the sentence asserts; one rule per status, the first
    that fits."""
    found: dict[str, tuple[str, str, int, int]] = {}
    for rid, status, pattern in status_rules():
        if status in found:
            continue
        for m in pattern.finditer(sentence):
            if not blocker().search(sentence[max(0, m.start() - 40):m.start()]) and \
                    not waits_on().match(sentence, m.end()):
                found[status] = (rid, status, m.start(), m.end())
                break
    return list(found.values())


def cues(sentence: str) -> list[tuple[str, str]]:
    """(rule id, status) for each status the sentence asserts."""
    return [(rid, status) for rid, status, _, _ in cue_spans(sentence)]


@lru_cache(maxsize=2)
def object_phrase() -> re.Pattern:
    """A truce phrase right after a cue, as its object ('declines| the full ceasefire')."""
    heads = "|".join(re.escape(w) for w in story_patterns()["proposal_heads"]["words"])
    return re.compile(story_patterns()["status_object"]["pattern"].replace("{heads}", heads), re.I)


def told_coverage(refs: Refs, p: Proposal) -> tuple[str, ...]:
    """What a proposal covers by its own name, else by its targets' classes (not by the words around it in a
    sentence, which may be another proposal's: 'declines the full ceasefire but agrees to ...')."""
    classes = tuple(refs.state.ents[t].cls for t in (*p.targets, *(t for c in p.commitments for t in c.targets))
                    if t in refs.state.ents)
    return families(p.name) or families("", classes)


def object_proposal(refs: Refs, sentence: str, cue_end: int, key: str | None) -> str | None:
    """The proposal a cue's object names when its coverage is not that of the sentence's proposal `key`:
    'Kovan declines the full ceasefire but agrees that both sides should stop striking energy' rejects the
    full ceasefire told before, not the energy restraint the sentence describes. None: the sentence's own."""
    m = object_phrase().match(sentence, cue_end)
    fam = families(m.group(0)) if m else ()
    own = refs.get(key) if key else None
    if not fam or (own is not None and fits(told_coverage(refs, own), fam)):
        return None
    fitting = [p for p in refs.proposals if p.key != key and set(families(p.name)) & set(fam)]
    return fitting[0].key if fitting else None


CLAUSE_END = re.compile(r"[,;:\u2014]|\b(?:while|whereas|but|and|after|before|when)\b", re.I)


def cue_date(sentence: str, start: int, end: int, ref: dt.date | None, fallback: str | None) -> str | None:
    """The date of one status cue: a date phrase in the cue's own clause after it ('agreed last March',
    'expired in April'), else one just before it in the clause ('on Monday the truce took effect'), else
    the sentence's date. A sentence can date each of its changes differently."""
    stop = CLAUSE_END.search(sentence, end)
    after = sentence[end:stop.start() if stop else len(sentence)]
    bounds = [m.end() for m in CLAUSE_END.finditer(sentence[:start])]
    before = sentence[bounds[-1] if bounds else 0:start]
    for part in (after, before):
        found = phrase_period(part, ref) if re.search(r"\blast\s+[A-Z]", part) else None
        found = found or dates.resolve(part, ref)[0]
        if found:
            return found
    return fallback


def earlier(a: str | None, b: str | None) -> bool:
    """Is date a earlier than b (a known date beats none; a day inside a month beats the month)."""
    if a is None:
        return False
    if b is None:
        return True
    return a < b if a[:len(b)] != b else len(a) > len(b)


def stated_conditions(state: DocState, refs: Refs, found: dict[str, dict[str, StatusChange]]) -> dict:
    """'Putin says a halt to foreign military aid is a key condition': to state a condition or a demand
    is to put it forward, so one with no cue of its own is proposed on the earliest day a sentence that
    tells it is dated by (an undated summary bullet dates nothing)."""
    out = {}
    for p in refs.proposals:
        if p.reference or not p.evidence or proposal_kind(p) not in ("condition", "demand") or \
                "proposed" in found.get(p.key, {}):
            continue
        dated = [(d, ev) for ev in p.evidence for d in [sentence_date(state, state.sent_index(ev.start))] if d]
        if dated:
            day, ev = min(dated, key=lambda x: x[0])
            out[p.key] = StatusChange("proposed", day, (ev,), "status/condition-stated")
    return out


OPENING = ("proposed", "under discussion")  # an undated first telling is of the day of the article's news;
# an undated agreement is not dated so: it is as often background ('the ceasefire agreed in Riyadh')


def add_status_changes(state: DocState, refs: Refs) -> None:
    """Attach each proposal's status changes (first date per status) to the proposals in `refs`."""
    found: dict[str, dict[str, StatusChange]] = {}
    lede = dates.lede_date([state.text[s:e] for s, e in state.sents], state.ref)
    for idx, (start, end) in enumerate(state.sents):
        sentence = outside_quotes(state, start, end)
        if not sentence.strip():
            continue
        hits = cue_spans(sentence)
        if not hits:
            continue
        own = refs.at(idx)
        whole = sentence_date(state, idx)
        for rid, status, cs, ce in hits:
            key = object_proposal(refs, sentence, ce, own) or own
            if key is None:
                continue
            date = cue_date(sentence, cs, ce, state.ref, whole or (lede if status in OPENING else None))
            old = found.setdefault(key, {}).get(status)
            if old is None or earlier(date, old.date):
                found[key][status] = StatusChange(status, date, (state.evidence(start),), rid)
    for key, change in stated_conditions(state, refs, found).items():
        found.setdefault(key, {})["proposed"] = change
    for key, changes in found.items():
        ordered = tuple(sorted(changes.values(), key=lambda c: (c.date or "9999", c.status)))
        latest = max((c for c in ordered if c.date), key=lambda c: c.date, default=None)
        fields: dict = {"status_changes": ordered}
        p = refs.get(key)
        if latest is not None and p is not None and p.reference:  # extracted proposals keep their own status
            fields["status"] = latest.status
        refs.update(key, **fields)
