"""Proposals read from the dependency parse with the frames of ontology/frames/proposals.json.

Each frame finds a proposal head noun (truce, ceasefire, plan, offer...) or a request to refrain, and
names where its proposer is: the subject of the proposing verb, the passive agent, the possessor or
modifier ('Marlen's plan', 'the Marlen-brokered truce'), and for requests the addressee who would
refrain. The reader turns a match into proposal parts that extract_proposals merges with the rest."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.extract.event_frames import ents_at, name_span, subject_of, with_conjuncts
from kg.extract.frames import FrameMatch, match_frames
from kg.extract.resources import load_patterns
from kg.extract.state import DocState, Ent
from kg.model import Evidence

NORMAL_HEADS = {"cease-fire": "ceasefire", "zone": "repair zones"}


@dataclass
class FoundProposal:
    """What one frame match says about a proposal."""

    head: str
    name: str
    proposers: list[Ent]
    parties: list[Ent]
    targets: list[Ent]
    action: str
    sentence: int
    evidence: Evidence
    rules: list[str] = field(default_factory=list)


def role_ents(state: DocState, match: FrameMatch, tokens: list[Token]) -> list[Ent]:
    found = [e for t in with_conjuncts(tokens) for e in ents_at(state, name_span(match, t))]
    return [e for e in dict.fromkeys(found) if e.cls != "MediaOutlet"]


def proposer_tokens(match: FrameMatch, where: str) -> list[Token]:
    if where == "subject":
        return subject_of(match.roles["verb"])
    if where == "agent":
        verb = match.roles["verb"]
        return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if where == "modifier":
        owner = match.roles["owner"]
        return [owner, *[c for c in owner.children if c.dep_ in ("compound", "npadvmod")]]
    return []


def head_phrase(match: FrameMatch, head: Token) -> str:
    """The proposal's noun phrase without determiners: '30-day truce on strikes against power plants'."""
    doc = head.doc
    left = head.left_edge
    while left.i < head.i and left.dep_ in ("det", "poss", "case", "predet") or left.is_punct:
        left = doc[left.i + 1]
    right = head
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ in ("on", "against", "in", "for", "to"):
            right = c.right_edge
    return doc[left.i:right.i + 1].text if left.i <= right.i else head.text


def refrain_action(token: Token) -> str:
    actions = load_patterns()["actions"]
    for t in token.subtree:
        if t.lower_ in actions:
            return actions[t.lower_]
    return "strikes"


def found_from(state: DocState, match: FrameMatch, sentence: int) -> FoundProposal | None:
    attrs = match.frame.attrs
    head = match.roles.get("head") or match.roles["refrain"]
    if state.in_quote(match.parsed.offset + head.idx):
        return None
    proposers = role_ents(state, match, proposer_tokens(match, attrs.get("proposer", "")))
    if not proposers:
        return None
    parties: list[Ent] = []
    if attrs.get("party") == "object":
        verb = match.roles["verb"]
        parties = role_ents(state, match, [c for c in verb.children if c.dep_ in ("dobj", "pobj", "nsubj")
                                            and c.i > verb.i] + [g for c in verb.children if c.dep_ == "prep"
                                                                 for g in c.children if g.dep_ == "pobj"])
    lo = match.parsed.offset + head.left_edge.idx
    hi = match.parsed.offset + head.right_edge.idx + len(head.right_edge.text)
    targets = [m.ent for m in state.mentions_in(lo, hi, ("target",))]
    s, e = state.sents[sentence]
    lemma = head.lemma_.lower()
    name = head_phrase(match, head) if "head" in match.roles else f"halt to {refrain_action(head)}"
    return FoundProposal(NORMAL_HEADS.get(lemma, lemma if "head" in match.roles else "pause"), name,
                         proposers, [p for p in parties if p not in proposers], list(dict.fromkeys(targets)),
                         refrain_action(head), sentence, Evidence(state.text[s:e].strip(), s, e), [match.frame.id])


def parsed_proposals(state: DocState) -> list[FoundProposal]:
    """Every proposal the frames read, one per sentence and head."""
    out: dict[tuple[int, str], FoundProposal] = {}
    for sentence, parsed in sorted(state.parses.items()):
        for match in match_frames(parsed, "proposal"):
            found = found_from(state, match, sentence)
            if found is None:
                continue
            key = (sentence, found.head)
            if key in out:
                old = out[key]
                old.proposers += [p for p in found.proposers if p not in old.proposers]
                old.parties += [p for p in found.parties if p not in old.parties]
                old.rules += [r for r in found.rules if r not in old.rules]
            else:
                out[key] = found
    return list(out.values())
