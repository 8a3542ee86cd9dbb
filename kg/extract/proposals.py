"""Proposals and commitments: who proposes what to whom, and what each party would refrain from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.proposal_frames import head_phrase
from kg.extract.proposal_identity import Markers, markers
from kg.extract.resources import load_patterns, word_class
from kg.extract.state import DocState, Ent, Mention
from kg.model import Evidence

HEADS = ("moratorium", "ceasefire", "cease-fire", "truce", "armistice", "repair zones", "pause", "halt", "deal",
         "plan", "proposal", "outline", "idea")
SPECIFIC = ("moratorium", "ceasefire", "cease-fire", "truce", "armistice", "repair zones")
TRIGGER = re.compile(r"\b(halt(?:ing|ed)?|stop(?:ping|ped|s)?|ceas(?:e|ing)|refrain(?:ing)? from|moratorium|"
                     r"truce|ceasefire|pause|end to|suspend(?:ing)?)\b", re.I)
ACTION = re.compile(r"\b(air strikes|drone strikes|missile strikes|drone raids|strikes|raids|attacks|attacking|"
                    r"hitting|shelling|striking|firing|bombing|targeting)\b", re.I)
BOUNDARY = re.compile(r"\b(in exchange for|while|whereas|and would|but)\b|;|, and\b", re.I)
EXTEND = re.compile(r"\bextend\w*\s+(?:the\s+)?(moratorium|truce|ceasefire|pause)\s+to\s+", re.I)
CONTEXT = re.compile(r"\b(would|could|proposal|proposed|plan|outline|truce|ceasefire|moratorium|pause|deal|"
                     r"offer(?:ing|ed)?|agreed|accepted|under which|in which)\b", re.I)


@dataclass
class Frame:
    """One 'X would stop <action> on <targets>' found in a sentence."""

    parties: list[Ent]
    action: str
    targets: list[Ent]
    sentence: int
    evidence: Evidence


@dataclass
class Prop:
    """A proposal under construction."""

    head: str
    name: str
    frames: list[Frame] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    parse_by: list[Ent] = field(default_factory=list)  # proposers read from the parse
    brokers: list[Ent] = field(default_factory=list)  # proposers the parse shows brokering or mediating
    rules: list[str] = field(default_factory=list)
    markers: Markers = field(default_factory=Markers)  # what tells it from others of its head (proposal_identity)
    named: bool = True  # its head noun is in the text (False: a refrain frame with no proposal noun)
    declined_other: set[int] = field(default_factory=set)  # sentences whose rejection is of another proposal
    verb_told: bool = False  # first read by a frame from its verb alone ('agreed to stop ...'): no noun names it
    both_sides: bool = False  # 'both sides agreed to ...': its parties are the two sides of the conflict


def parties_before(state: DocState, start: int, end: int) -> list[Ent]:
    """Acting countries and bodies (or demonyms: 'Russian and Ukrainian forces') before a trigger."""
    out: list[Ent] = []
    for m in state.mentions_in(start, end, ("actor", "demonym")):
        if m.ent and m.ent.cls not in ("Person", "MediaOutlet") and not m.in_quote and m.ent not in out:
            out.append(m.ent)
    return out


def clause_start(text: str, sent_start: int, pos: int) -> int:
    chunk = text[sent_start:pos]
    cuts = [m.end() for m in re.finditer(r"\b(that|which|whereby|under which|in which|while)\b|,|;", chunk)]
    return sent_start + (cuts[-1] if cuts else 0)


def frames_in_sentence(state: DocState, idx: int) -> list[Frame]:
    start, end = state.sents[idx]
    text = state.text
    sentence = text[start:end]
    if not CONTEXT.search(sentence):
        return []
    frames: list[Frame] = []
    actions = list(ACTION.finditer(sentence))
    for k, a in enumerate(actions):
        if state.in_quote(start + a.start()):
            continue
        trig = None
        for t in TRIGGER.finditer(sentence[max(0, a.start() - 60):a.start()]):
            trig = t
        energy = re.search(r"\benergy[\s-]$", sentence[:a.start()])
        if trig is None and not energy:
            continue
        stop = actions[k + 1].start() if k + 1 < len(actions) else len(sentence)
        b = BOUNDARY.search(sentence, a.end(), stop)
        stop = b.start() if b else stop
        targets = [m.ent for m in state.mentions_in(start + a.end(), start + stop, ("target",))] or \
            [m.ent for m in state.mentions_in(start + a.end(), end, ("target",))][:2]
        if energy:
            targets += [e for e in state.ents.values() if e.key == "target/energy-infrastructure"]
        if not targets:
            continue
        trig_pos = start + (max(0, a.start() - 60) + trig.start() if trig else a.start())
        parties = parties_before(state, clause_start(text, start, trig_pos), trig_pos)
        if re.search(r"each other'?s?|mutual", sentence[a.start():stop]) and len(parties) < 2:
            parties = parties_before(state, start, trig_pos)[-2:]
        action = load_patterns()["actions"].get(a.group(1).lower(), "strikes")
        frames.append(Frame(parties, action, list(dict.fromkeys(targets)), idx,
                            Evidence(sentence.strip(), start, end)))
    return frames or extension_frames(state, idx)


def extension_frames(state: DocState, idx: int) -> list[Frame]:
    """'ready to extend the moratorium to ports and other civilian infrastructure': the same action, new targets."""
    start, end = state.sents[idx]
    sentence = state.text[start:end]
    m = EXTEND.search(sentence)
    if not m or state.in_quote(start + m.start()):
        return []
    stop = re.search(r"\b(if|unless|provided|as long as)\b|[;.]", sentence[m.end():])
    limit = start + m.end() + (stop.start() if stop else len(sentence) - m.end())
    targets = [mm.ent for mm in state.mentions_in(start + m.end(), limit, ("target",))]
    if not targets:
        return []
    return [Frame([], "strikes", list(dict.fromkeys(targets)), idx, Evidence(sentence.strip(), start, end))]


def proposal_head(sentence: str) -> str | None:
    low = sentence.lower()
    if re.search(r"\bextend(?:ing|ed)? the (moratorium|truce|ceasefire)\b|\bextension\b", low):
        return "extension"
    for head in SPECIFIC:
        if re.search(rf"\b{head}\b", low):
            return head
    return None


def group_frames(state: DocState) -> list[Prop]:
    """Frames of the same proposal together: by their head noun, else with the latest proposal."""
    props: list[Prop] = []
    for idx in range(len(state.sents)):
        frames = frames_in_sentence(state, idx)
        if not frames:
            continue
        start, end = state.sents[idx]
        head = proposal_head(state.text[start:end])
        declined = head is not None and is_declined(state, idx, head)
        if declined:  # 'Putin declines the full ceasefire but agrees that both should stop striking
            head = None  # energy infrastructure': what he agrees to is another proposal than the one he declines
        name = parsed_name(state, idx, head) or name_for(state.text[start:end], head)
        named = head is not None and name != UNNAMED  # the head noun names this proposal, not another
        marks = markers(state, name) if named else Markers()
        prop = None if head_is_indefinite(state, idx, head) else \
            next((p for p in props if named and p.head == head and p.markers.agrees(marks)), None)
        if prop is None and not named and props and not declined and not introduced_just_before(state, idx, props):
            prop = next((p for p in reversed(props) if p.head == head), props[-1])
        told = noun_just_before(state, idx) if prop is None and head is None and not declined else None
        if prop is None and told is not None:  # 'described a one-page framework ... . Russia would stop
            head, name = told  # hitting power plants; Ukraine would stop ...': the terms of the plan just told
            named, marks = True, markers(state, name)
            prop = Prop(head, name, markers=marks, named=True)
            prop.sentences.add(idx - 1)
            props.append(prop)
        if prop is None:
            prop = Prop(head or "truce", name, markers=marks, named=named)
            props.append(prop)
        prop.frames.extend(frames)
        prop.sentences.add(idx)
        if declined:
            prop.declined_other.add(idx)
        if "proposal/regex-refrain" not in prop.rules:
            prop.rules.append("proposal/regex-refrain")
    return props


def introduced_just_before(state: DocState, idx: int, props: list[Prop]) -> bool:
    """'... should offer Moscow a 60-day truce. Russia would stop striking power plants; ...': terms that
    name no proposal, right after a sentence that brings one in with an indefinite noun, are that one's,
    not those of the proposal the text told of earlier."""
    told = noun_just_before(state, idx)
    return told is not None and max(props[-1].sentences) < idx - 1 and \
        head_is_indefinite(state, idx - 1, told[0])


def noun_just_before(state: DocState, idx: int) -> tuple[str, str] | None:
    """The proposal noun (outside quotes) of the sentence before, in the same paragraph, whose terms a
    sentence that names no proposal spells out: its head and its noun phrase."""
    if idx == 0 or "\n" in state.text[state.sents[idx - 1][1]:state.sents[idx][0]]:
        return None
    heads = word_class("proposal_heads")
    nouns = heads | word_class("terms_nouns") | word_class("generic_proposal_heads")
    if any(t.lemma_.lower() in nouns for p in state.parses.get(idx, []) for t in p.doc):
        return None  # 'Under the outline, ...', 'the proposal would involve ...': it names its own proposal
    for parsed in state.parses.get(idx - 1, []):
        for tok in parsed.doc:
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in heads and not state.in_quote(parsed.offset + tok.idx):
                return tok.lemma_.lower(), head_phrase(tok)
    return None


def is_declined(state: DocState, idx: int, head: str) -> bool:
    """Whether sentence idx's proposal noun is the object of a verb of declining ('declines the full
    ceasefire'): then the restraint the sentence also tells is not that proposal."""
    for parsed in state.parses.get(idx, []):
        for tok in parsed.doc:
            if tok.lower_ == head and tok.dep_ in ("dobj", "nsubjpass") and \
                    tok.head.lemma_.lower() in word_class("reject_lemmas"):
                return True
    return False


def head_is_indefinite(state: DocState, idx: int, head: str | None) -> bool:
    """'The truce would halt strikes on power plants. ... Kyiv had arrived with an offer of its own: a truce
    in the air and at sea, under which ...': a proposal noun with an indefinite article brings in a new
    proposal, not the one told before under the same noun."""
    if head is None:
        return False
    for parsed in state.parses.get(idx, []):
        for tok in parsed.doc:
            if tok.lower_ == head and tok.pos_ == "NOUN" and not state.in_quote(parsed.offset + tok.idx):
                return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)
    return False


def parsed_name(state: DocState, idx: int, head: str | None) -> str | None:
    """The proposal's noun phrase read from the parse ('30-day moratorium on strikes against energy
    facilities', not 'Honoured 30-day moratorium ...')."""
    if head is None or head == "extension":
        return None
    for parsed in state.parses.get(idx, []):
        for tok in parsed.doc:
            if tok.lower_ == head and tok.pos_ in ("NOUN", "PROPN") and not state.in_quote(parsed.offset + tok.idx):
                return head_phrase(tok)
    return None


def name_for(sentence: str, head: str | None) -> str:
    if head == "extension":
        m = re.search(r"extend\w* the (\w+)( to [^,.;]+)?", sentence)
        return f"extension of the {m.group(1)}{m.group(2) or ''}" if m else "extension"
    if head:
        m = re.search(rf"((?:[\w\-]+\s+){{0,3}}){re.escape(head)}(\s+on\s+[\w\s]+?)?(?=[,.;]|\s+(?:in|that|with)\b|$)",
                      sentence, re.I)
        if m:
            words = [w for w in m.group(1).split() if w.lower() not in {"a", "an", "the", "of", "to", "on"}]
            return " ".join(words[-3:] + [head]).strip() + (m.group(2) or "")
    return UNNAMED


UNNAMED = "proposed truce"


def mention_ent(m: Mention) -> Ent | None:
    return m.ent if m.ent is not None and m.kind in ("actor", "demonym") and not m.in_quote else None
