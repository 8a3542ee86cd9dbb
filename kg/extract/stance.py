"""Stances: where a statement about a proposal leaves its speaker (supports, rejects, conditional, neutral).

Read from the quotation and its reporting clause: a condition ('if it is real', 'on condition that',
'only once', 'if they keep striking, we will answer') with no refusal is conditional; a refusal
('rejected', 'a ploy') rejects, unless negated ('not against'); an acceptance ('welcomed', 'ready to',
'gave the order') supports, and a negated one ('did not support') rejects; a non-committal cue
('studying', 'too early') is neutral; a statement with no cue at all has no stance. A proposer does not
put conditions on its own offer: a conditional statement by the proposer's side supports it.
A statement is about a proposal where the extractor said so, where its sentence or the one before refers
to one (storyrefs), or, when it carries a stance cue, where the nearest earlier sentence of its
paragraph or the paragraph before does. Only a named speaker's statement carries a stance (an unnamed
source's does not). Stances stated in reported speech ('X rejected the truce') are
read from the parse (stance_speech). One stance per speaker, proposal and article (the highest ranked).
Rules: story-patterns.json stance_rules, negation, stance_aggregation, own_proposal."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from kg.extract.quotespans import paragraphs
from kg.extract.stance_speech import reported_statements
from kg.extract.state import DocState
from kg.extract.storyrefs import Refs, families, proposal_kind, side_of, story_patterns
from kg.model import Statement


@lru_cache(maxsize=2)
def stance_rules() -> dict[str, tuple[str, re.Pattern]]:
    return {r["stance"]: (r["id"], re.compile(r["pattern"], re.I)) for r in story_patterns()["stance_rules"]}


@lru_cache(maxsize=2)
def negation() -> re.Pattern:
    return re.compile(story_patterns()["negation"]["pattern"], re.I)


def hits(text: str, stance: str) -> tuple[list[re.Match], list[re.Match]]:
    """(plain, negated) matches of one stance's cues."""
    plain, negated = [], []
    for m in stance_rules()[stance][1].finditer(text):
        (negated if negation().search(text[max(0, m.start() - 30):m.start()]) else plain).append(m)
    return plain, negated


@lru_cache(maxsize=2)
def offer_rules() -> list[tuple[str, re.Pattern]]:
    return [(r["id"], re.compile(r["pattern"], re.I)) for r in story_patterns()["stance_offers"]["rules"]]


def offers(text: str) -> tuple[str, str | None]:
    """The text with its offers and hopes taken out ('if they do not hit ours, we will not hit theirs'),
    and the id of the first such rule that fitted."""
    found = None
    for rid, pattern in offer_rules():
        if pattern.search(text):
            found = found or rid
            text = pattern.sub(" ", text)
    return text, found


@lru_cache(maxsize=2)
def not_cue_rules() -> list[re.Pattern]:
    return [re.compile(r["pattern"], re.I) for r in story_patterns()["stance_not_cues"]["rules"]]


def without_false_cues(text: str) -> str:
    """The text with the words that only look like stance cues taken out: a judgement of a meeting ('the
    call was very good'), conditions to be created ('favourable conditions for talks')."""
    for pattern in not_cue_rules():
        text = pattern.sub(" ", text)
    return text


def classify(text: str) -> tuple[str | None, str | None]:
    """(stance, rule id) of a statement's words; (None, None) where no cue says anything."""
    text, offer = offers(without_false_cues(text))
    stance, rid = cued(text)
    if offer and stance in (None, "neutral", "supports"):
        return "supports", offer
    return stance, rid


def cued(text: str) -> tuple[str | None, str | None]:
    """(stance, rule id) from the stance cues of the words."""
    sup, not_sup = hits(text, "supports")
    rej, not_rej = hits(text, "rejects")
    cond, _ = hits(text, "conditional")
    rid = {s: stance_rules()[s][0] for s in stance_rules()}
    if cond and not rej:
        return "conditional", rid["conditional"]
    if rej or not_sup:
        return "rejects", rid["rejects"] + ("/negated-support" if not rej else "")
    if sup or not_rej:
        return "supports", rid["supports"] + ("/negated-refusal" if not sup else "")
    if hits(text, "neutral")[0]:
        return "neutral", rid["neutral"]
    return None, None


def own_offer(state: DocState, refs: Refs, st: Statement, key: str) -> bool:
    """Is the speaker (or the country it speaks for) among the proposal's proposers?"""
    p = refs.get(key)
    if p is None:
        return False
    sides = {side_of(state, state.ents[k]) for k in p.proposed_by if k in state.ents} | set(p.proposed_by)
    for k in st.speakers:
        ent = state.ents.get(k)
        if k in sides or (ent is not None and side_of(state, ent) in sides - {None}):
            return True
    return False


@lru_cache(maxsize=2)
def weak_head() -> re.Pattern:
    words = "|".join(re.escape(w) for w in story_patterns()["reported_stance"]["weak_heads"])
    return re.compile(rf"\b(?:the|this|that|any|such an?)\s+(?:\w+\s+)?(?:{words})s?\b", re.I)


def refers(state: DocState, refs: Refs, j: int) -> str | None:
    """The proposal sentence j refers to: by a truce phrase (storyrefs), or by a definite weak head ('the
    agreement', 'any deal') that stands for the last proposal referred to before it."""
    key = refs.at(j)
    if key or not weak_head().search(state.text[slice(*state.sents[j])]):
        return key
    return next((k for i in range(j - 1, -1, -1) if (k := refs.at(i))), None)


@lru_cache(maxsize=2)
def qualified_head() -> re.Pattern:
    """A weak head with up to three words before it: 'any Black Sea deal', 'the energy agreement'."""
    words = "|".join(re.escape(w) for w in story_patterns()["reported_stance"]["weak_heads"])
    return re.compile(rf"((?:[\w'-]+\s+){{1,3}})(?:{words})s?\b", re.I)


def qualified_ref(state: DocState, refs: Refs, idx: int) -> str | None:
    """The proposal a weak head qualified by what it covers refers to ('guarantees for any Black Sea deal':
    the article's maritime proposal), not whatever the sentence before names."""
    sentence = state.text[slice(*state.sents[idx])]
    for m in qualified_head().finditer(sentence):
        fam = set(families(m.group(1)))
        found = [p for p in refs.proposals if fam & set(refs.family_of(p))] if fam else []
        if found:
            return found[0].key
    return None


def sentences_back(state: DocState, idx: int) -> Iterator[int]:
    """Sentence idx, then each earlier one of its paragraph and of the paragraph before, nearest first."""
    start = state.sents[idx][0]
    paras = [p for p in paragraphs(state.text) if p[0] <= start]
    floor = paras[-2][0] if len(paras) >= 2 else 0
    for j in range(idx, -1, -1):
        if state.sents[j][0] < floor:
            return
        yield j


def context_ref(state: DocState, refs: Refs, idx: int) -> str | None:
    """The proposal the nearest earlier sentence of the same paragraph, or of the paragraph before, refers to."""
    return next((key for j in sentences_back(state, idx) if (key := refers(state, refs, j))), None)


def proposal_about(state: DocState, refs: Refs, st: Statement, cued: bool) -> list[str]:
    """The proposals a statement is about: its own, its sentence's or the one before's, else (only for a
    statement with a stance cue) the nearest one referred to earlier in its paragraph or the one before."""
    about = [k for k in st.about if k.startswith("proposal/")]
    idx = state.sent_index(st.evidence[0].start) if st.evidence else None
    if idx is not None and not about:
        ref = refs.at(idx) or qualified_ref(state, refs, idx) or (refs.at(idx - 1) if idx > 0 else None)
        ref = ref or (context_ref(state, refs, idx) if cued else None)
        if ref:
            about.append(ref)
    known = {p.key for p in refs.proposals}
    return [k for k in about if k in known]


def named(state: DocState, st: Statement) -> bool:
    """Is a speaker of the statement a named actor? An unnamed source ('a French diplomat') states no
    party's stance."""
    return any(k in state.ents and state.ents[k].kind == "actor" for k in st.speakers)


def held_by_person(state: DocState, st: Statement) -> bool:
    """Does a person speak the statement? A state or body alone (a readout, a joint statement, 'Washington
    says') performs the government's act on a proposal, which its lifecycle records; it holds no stance."""
    classes = set(story_patterns()["stance_holders"]["classes"])
    return any(k in state.ents and state.ents[k].cls in classes for k in st.speakers)


def with_stance(state: DocState, refs: Refs, st: Statement) -> Statement:
    """The statement with its proposal in `about` and its stance, where it is about one."""
    if st.stance:  # read from the parse already (reported speech)
        return st
    if not named(state, st):
        return st
    if not held_by_person(state, st):
        about = proposal_about(state, refs, st, False)
        return replace(st, about=tuple(dict.fromkeys(st.about + tuple(about)))) if about else st
    text = " ".join(ev.sentence for ev in st.evidence) or st.quote
    stance, rid = classify(text)
    about = proposal_about(state, refs, st, stance is not None)
    if not about:
        return st
    if stance == "conditional" and is_condition(refs, about[0]):
        about = [k for k in [truce_conditioned(state, refs, st)] if k] or about
    if stance == "conditional" and own_offer(state, refs, st, about[0]):
        stance, rid = "supports", story_patterns()["own_proposal"]["id"]
    return replace(st, about=tuple(dict.fromkeys(st.about + tuple(about))), stance=stance, stance_rule=rid)


def is_condition(refs: Refs, key: str) -> bool:
    p = refs.get(key)
    return p is not None and proposal_kind(p) in ("condition", "demand")


def truce_conditioned(state: DocState, refs: Refs, st: Statement) -> str | None:
    """'The arrangement would start working only once a number of conditions are met': a conditional
    stance is on the truce the conditions are set for, not on a condition: the nearest truce referred to
    in the statement's sentence or the ones before it in its paragraph or the one before."""
    if not st.evidence:
        return None
    for j in sentences_back(state, state.sent_index(st.evidence[0].start)):
        told = [p.key for p in refs.proposals if any(ev.start == state.sents[j][0] for ev in p.evidence)]
        for k in [refs.at(j), *told]:
            if k and not is_condition(refs, k):
                return k
    return None


def one_per_speaker(statements: list[Statement]) -> list[Statement]:
    """One stance per speaker and proposal in the article: the first statement of the highest-ranked
    stance keeps it; the speaker's other statements about that proposal keep `about` without a stance.
    One sentence of a speaker states one stance: a second statement of the same words (a quotation and its
    reported form) about another proposal keeps none."""
    rank = story_patterns()["stance_aggregation"]["rank"]
    best: dict[tuple, tuple[int, int]] = {}
    said: set[tuple] = set()
    for i, st in enumerate(statements):
        if st.stance:
            where = (st.speakers, st.evidence[0].start if st.evidence else st.quote)
            if where in said:
                statements[i] = st = replace(st, stance=None, stance_rule=None)
                continue
            said.add(where)
            key = (st.speakers, next(k for k in st.about if k.startswith("proposal/")))
            best[key] = min(best.get(key, (len(rank), i)), (rank.index(st.stance), i))
    keep = {i for _, i in best.values()}
    return [st if i in keep or not st.stance else replace(st, stance=None, stance_rule=None)
            for i, st in enumerate(statements)]


def add_stances(state: DocState, refs: Refs, statements: list[Statement]) -> list[Statement]:
    """The statements (and those reported speech adds), those about a proposal with a stance."""
    reported = [st for st in reported_statements(state, refs, statements) if held_by_person(state, st)]
    return one_per_speaker([with_stance(state, refs, st) for st in statements + reported])
