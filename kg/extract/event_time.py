"""When an event is: the parts of a sentence whose dates are other acts' (a relative clause, an earlier
act in a 'following' phrase), and whether a clause tells an event still to come ('will meet', 'is due to
open', a reported 'would'), whose weekday is then the coming one."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.resources import word_class


def relative_clauses(trigger: Token) -> list[Span]:
    """The relative clauses of the trigger's sentence that do not hold the trigger ('..., from which Russia
    withdrew in July 2023'): their dates are of other acts."""
    doc = trigger.doc
    return [doc[t.left_edge.i:t.right_edge.i + 1] for t in doc if t.dep_ == "relcl"
            and not t.left_edge.i <= trigger.i <= t.right_edge.i]


def earlier_acts(trigger: Token) -> list[Span]:
    """'reached agreements ... following talks in Riyadh on March 23': an event noun in an 'after' or
    'following' phrase that does not hold the trigger is an earlier act, and its date is its own."""
    nouns = word_class("talks_nouns") | word_class("attack_nouns") | word_class("agreement_nouns")
    doc = trigger.doc
    return [doc[t.i:t.right_edge.i + 1] for t in doc if t.dep_ == "prep" and t.lower_ in ("after", "following")
            and any(g.dep_ == "pobj" and g.lemma_.lower() in nouns for g in t.children)
            and not t.i <= trigger.i <= t.right_edge.i]


def still_to_come(clause: Token) -> bool:
    """A clause that tells an event ahead of its time: 'will meet', 'is due to open', 'are set to resume',
    or a reported 'would' (see reported_future). Read from the clause's own words, not its conjuncts'
    ('discussed a plan on Sunday, and X is due to meet Y on Tuesday': the discussion is past)."""
    heads = word_class("future_heads")
    if any(c.dep_ == "aux" and c.lower_ in ("will", "shall") for c in clause.children):
        return True
    if any(c.dep_ in ("acomp", "xcomp") and c.lemma_.lower() in heads for c in clause.children):
        return True  # 'talks are due to open'
    if clause.dep_ == "xcomp" and clause.head.lemma_.lower() in heads:
        return True  # 'is due to meet'
    return reported_future(clause)


def reported_future(clause: Token) -> bool:
    """'Witkoff said a US team would begin talks in Jeddah on Sunday': under a past verb of saying, 'would'
    is the future of the time told (the sequence of tenses), not a condition, as 'will' is in direct
    speech; only 'would' shifts so, not 'could' or 'might'."""
    return any(c.dep_ == "aux" and c.lower_ == "would" for c in clause.children) and clause.dep_ == "ccomp" \
        and clause.head.lemma_ in word_class("speech_verbs") and clause.head.tag_ == "VBD"
