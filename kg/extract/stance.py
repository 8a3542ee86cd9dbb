"""Stances: where a statement about a proposal leaves its speaker (supports, rejects, conditional, neutral).

Read from the quotation and its reporting clause: a condition ('if it is real', 'on condition that',
'only once') on an acceptance is conditional; a refusal ('rejected', 'a ploy') rejects, unless negated
('not against'); an acceptance ('welcomed', 'ready to', 'gave the order') supports, and a negated one
('did not support') rejects; otherwise a statement about a proposal is neutral. A statement is about a
proposal where the extractor said so or where its sentence, or the one before, refers to one
(storyrefs). Rules:
story-patterns.json stance_rules and negation."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from kg.extract.state import DocState
from kg.extract.storyrefs import Refs, story_patterns
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


def classify(text: str) -> tuple[str, str]:
    """(stance, rule id) of a statement's words."""
    sup, not_sup = hits(text, "supports")
    rej, not_rej = hits(text, "rejects")
    cond, _ = hits(text, "conditional")
    rid = {s: stance_rules()[s][0] for s in stance_rules()}
    if cond and (sup or not_rej) and not rej:
        return "conditional", rid["conditional"]
    if rej or not_sup:
        return "rejects", rid["rejects"] + ("/negated-support" if not rej else "")
    if sup or not_rej:
        return "supports", rid["supports"] + ("/negated-refusal" if not sup else "")
    return "neutral", rid["neutral"] if hits(text, "neutral")[0] else "stance/default-neutral"


def add_stances(state: DocState, refs: Refs, statements: list[Statement]) -> list[Statement]:
    """The statements, those about a proposal with a stance (and the proposal in `about`)."""
    out = []
    for st in statements:
        about = [k for k in st.about if k.startswith("proposal/")]
        idx = state.sent_index(st.evidence[0].start) if st.evidence else None
        if idx is not None and not about:
            ref = refs.at(idx) or (refs.at(idx - 1) if idx > 0 else None)  # the quote, or the sentence before it
            if ref:
                about.append(ref)
        about = [k for k in about if k in {p.key for p in refs.proposals}]
        if not about:
            out.append(st)
            continue
        text = " ".join(ev.sentence for ev in st.evidence) or st.quote
        stance, rid = classify(text)
        out.append(replace(st, about=tuple(dict.fromkeys(st.about + tuple(about))), stance=stance, stance_rule=rid))
    return out
