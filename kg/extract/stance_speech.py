"""Stances stated in reported speech, read from the parse: 'Zakharova rejected the truce', 'Y welcomed the
ceasefire', 'X said Kyiv would observe the pause for as long as Moscow did', 'agreed to the pause'.

A stance verb whose object, or prepositional object ('agree to', 'comply with'), is a proposal phrase
outside any quotation states the stance; the speaker is the subject of the reporting verb the clause
depends on ('Peskov said Russia was observing the moratorium'), else of the stance verb itself. A negated
support rejects ('did not accept'); a negated refusal supports; a condition in the verb's clause ('as long
as', 'if', 'provided') makes a support conditional. Weak heads ('the agreement', 'the deal') refer only to
a proposal the article already has (the sentence's, else the nearest earlier one). Each becomes a reported
statement (no quotation) about the proposal. Rules: story-patterns.json reported_stance."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from kg.extract.sources import best_speaker, resolve_phrase
from kg.extract.state import DocState, Ent
from kg.extract.storyrefs import Refs, proposal_kind, side_of, story_patterns
from kg.ingest.ids import sha1
from kg.model import Statement


@lru_cache(maxsize=2)
def spec() -> dict:
    return story_patterns()["reported_stance"]


@lru_cache(maxsize=2)
def verb_stance() -> dict[str, str]:
    return {v: stance for stance, verbs in spec()["verbs"].items() for v in verbs}


@lru_cache(maxsize=2)
def heads() -> tuple[frozenset[str], frozenset[str]]:
    """(strong truce heads, weak back-reference heads)."""
    return frozenset(story_patterns()["proposal_heads"]["words"]), frozenset(spec()["weak_heads"])


def phrase_head(tok: Token) -> Token:
    """The noun phrase a truce noun heads or completes: 'the idea of a truce' -> idea; 'the truce and ...'."""
    while True:
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in spec()["noun_preps"] \
                and tok.head.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head.head
        elif tok.dep_ in ("conj", "appos") and tok.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head
        else:
            return tok


def governing_verb(np: Token) -> Token | None:
    """The verb a proposal phrase is the object of: 'rejected the truce', 'agreed to the pause'."""
    if np.dep_ in ("dobj", "nsubjpass"):
        return np.head
    if np.dep_ == "pobj" and np.head.dep_ == "prep" and np.head.lower_ in spec()["verb_preps"]:
        return np.head.head
    return None


def verb_phrase(v: Token) -> str:
    """The verb's lemma with its particle: 'rule out', 'turn down'."""
    prt = [c.lower_ for c in v.children if c.dep_ == "prt"]
    return f"{v.lemma_.lower()} {prt[0]}" if prt else v.lemma_.lower()


def negated(v: Token) -> bool:
    """'did not accept', 'was not ready to accept': a negation on the verb or a verb it depends on."""
    while True:
        if any(c.dep_ == "neg" for c in v.children):
            return True
        if v.dep_ not in ("xcomp", "acomp") or v.head is v:
            return False
        v = v.head


def conditioned(v: Token) -> bool:
    """A condition in the verb's clause: 'for as long as Moscow did', 'backs a ceasefire in principle'."""
    words = " ".join(t.lower_ for t in v.subtree)
    return any(f" {m} " in f" {words} " for m in spec()["conditional_marks"])


def under_speech(v: Token) -> bool:
    """Is the verb's clause the complement of a reporting verb ('Putin says Russia will study it')?"""
    clause = v
    while clause.dep_ in ("conj", "xcomp", "acomp") and clause.head is not clause:
        clause = clause.head
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in spec()["speech_lemmas"]


def speaker_token(v: Token) -> Token | None:
    """The subject of the reporting verb the clause depends on, else, for an evaluative verb ('welcomed',
    'rejected'), of the stance verb (climbing through 'ready to accept', 'and agreed'); else None."""
    node = v
    while not any(c.dep_ == "nsubj" for c in node.children) and node.dep_ in ("xcomp", "acomp", "conj") \
            and node.head is not node:
        node = node.head
    clause = node
    while clause.dep_ in ("conj", "xcomp") and clause.head is not clause:
        clause = clause.head
    if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in spec()["speech_lemmas"]:
        node = clause.head
    elif verb_phrase(v) not in spec()["evaluative"]:
        return None
    subj = [c for c in node.children if c.dep_ == "nsubj"]
    return subj[0] if subj else None


def role_speaker(subj: Token, earlier: dict[int, Ent], idx: int) -> Ent | None:
    """The speaker a role noun stands for ('Earlier, the president had said ...'): the latest person who
    spoke before sentence `idx` in that role. Speakers are what the text is about; a person only mentioned
    since ('Putin, he added, had turned it down') is no antecedent of the speaker's role."""
    if subj.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children):
        return None
    head = subj.lemma_.lower()
    for j in sorted((j for j in earlier if j < idx), reverse=True):
        ent = earlier[j]
        if ent.cls == "Person" and ent.role and head in ent.role.lower():
            return ent
    return None


def speaker_of(state: DocState, offset: int, subj: Token, sent_start: int,
               earlier: dict[int, Ent] | None = None, idx: int = 0) -> Ent | None:
    """The actor a subject names (its words up to the head noun: no relative clause); a pronoun stands for
    an actor named before its sentence ('Russia had honoured the moratorium agreed at Trump's request, he
    said': not Trump); a role noun for the latest speaker in that role (role_speaker)."""
    if subj.pos_ == "PRON":
        return resolve_phrase(state, subj.text, sent_start)
    by_role = role_speaker(subj, earlier or {}, idx)
    if by_role is not None:
        return by_role
    return best_speaker(state, offset + subj.left_edge.idx, offset + subj.idx + len(subj.text))


def own_side(state: DocState, offset: int, v: Token, speaker: Ent) -> bool:
    """Does the stance verb's own subject stand for the speaker ('Peskov said Russia was observing it',
    'she said it was ready to')? A third party's stance ('Zelensky said Putin had rejected it') is not the
    speaker's. Where the speaker's side is unknown, a country's or body's stance is taken as the speaker's, another
    person's not."""
    node = v
    while not any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children) \
            and node.dep_ in ("xcomp", "acomp", "conj") and node.head is not node:
        node = node.head
    subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON":
        return True
    ent = best_speaker(state, offset + subj.left_edge.idx, offset + subj.idx + len(subj.text))
    if ent is None or ent is speaker:
        return True
    side = side_of(state, speaker)
    if side is None:
        return ent.cls != "Person"  # another person's stance is theirs; a country may be the speaker's own
    return side_of(state, ent) in (speaker, side)


def told_before(state: DocState, refs: Refs, idx: int, kind: str) -> str | None:
    """The proposal of a kind ('condition') told last before sentence `idx`: 'the conditions' is anaphoric,
    it stands for conditions already named, not one the rest of its sentence goes on to name."""
    start = state.sents[idx][0]
    best: tuple[int, str] | None = None
    for p in refs.proposals:
        if proposal_kind(p) != kind:
            continue
        told = [ev.start for ev in p.evidence if ev.start < start]
        if told and (best is None or max(told) > best[0]):
            best = (max(told), p.key)
    return best[1] if best else None


def proposal_key(state: DocState, refs: Refs, idx: int, weak: bool, head: str = "") -> str | None:
    """The proposal a head noun in sentence `idx` refers to; a weak head only to one the article has, and a
    weak head naming a kind of proposal ('the conditions') to one of that kind told before."""
    kind = spec()["weak_head_kinds"].get(head)
    if weak and kind:
        return told_before(state, refs, idx, kind)
    key = refs.at(idx)
    if key or not weak:
        return key
    for j in range(idx - 1, max(-1, idx - 6), -1):
        key = refs.at(j)
        if key:
            return key
    return None


def stance_of(v: Token) -> str | None:
    stance = verb_stance().get(verb_phrase(v))
    if stance and negated(v):
        stance = {"supports": "rejects", "rejects": "supports"}.get(stance)
    if stance == "supports" and conditioned(v):
        return "conditional"
    return stance


def in_negotiation(v: Token) -> bool:
    """Does the verb, told as the narrator's fact (no reporting verb), name the talks it happened in ('during
    a telephone conversation with Trump, supported the proposal')? Then it is the act of agreeing, not a
    stance stated."""
    occ = spec()["negotiation_occasions"]
    return not under_speech(v) and any(c.dep_ == "prep" and c.lower_ in occ["preps"] and
               any(g.dep_ == "pobj" and g.lemma_.lower() in occ["nouns"] for g in c.children)
               for c in v.children)


def backshifted(v: Token) -> bool:
    """'Moscow would not accept the truce': a modal of reported speech on the verb or a verb it depends on."""
    while True:
        if any(c.dep_ == "aux" and c.lower_ in spec()["backshift_aux"] for c in v.children):
            return True
        if v.dep_ not in ("xcomp", "acomp", "conj") or v.head is v:
            return False
        v = v.head


def stance_statement(state: DocState, refs: Refs, idx: int, piece, tok: Token,
                     prev: Ent | None, earlier: dict[int, Ent] | None = None) -> Statement | None:
    """The reported statement a truce noun's governing stance verb makes, or None. With no reporting verb
    and no evaluative verb, a backshifted clause ('would not accept') continues the speech of the
    sentence before ('..., he said. Moscow would not accept the partial truces')."""
    start = state.sents[idx][0]
    np = phrase_head(tok)
    v = governing_verb(np)
    stance = stance_of(v) if v is not None else None
    if stance is None or in_negotiation(v):
        return None
    subj = speaker_token(v)
    rid = spec()["id"]
    if subj is not None:
        ent = speaker_of(state, piece.offset, subj, start, earlier, idx)
    elif prev is not None and backshifted(v):
        ent, rid = prev, rid + "/continued"
    else:
        return None
    if ent is None or not own_side(state, piece.offset, v, ent):
        return None
    key = proposal_key(state, refs, idx, tok.lemma_.lower() in heads()[1], tok.lemma_.lower())
    if key is None:
        return None
    words = " ".join(t.text for t in v.subtree)
    sk = f"statement/{state.article.id}-r{sha1(words)[:10]}"
    return Statement(key=sk, quote=words, speakers=(ent.key,), about=(key,), evidence=(state.evidence(start),),
                     extracted_by=(rid,), stance=stance, stance_rule=f"{rid}/{stance}", reported=True)


def reported_statements(state: DocState, refs: Refs, statements: list[Statement]) -> list[Statement]:
    """Reported statements with a stance, one per stance verb on a proposal phrase outside quotations."""
    strong, weak = heads()
    speaker_in: dict[int, Ent] = {}
    for st in statements:
        if st.evidence and st.speakers and st.speakers[0] in state.ents:
            speaker_in.setdefault(state.sent_index(st.evidence[0].start), state.ents[st.speakers[0]])
    out: dict[str, Statement] = {}
    for idx in sorted(state.parses):
        for piece in state.parses[idx]:
            for tok in piece.doc:
                if tok.pos_ != "NOUN" or tok.lemma_.lower() not in strong | weak \
                        or state.in_quote(piece.offset + tok.idx):
                    continue
                st = stance_statement(state, refs, idx, piece, tok, speaker_in.get(idx - 1), speaker_in)
                if st is None or speaker_in.get(idx) is state.ents.get(st.speakers[0]):
                    continue  # the speaker's quotation in the same sentence carries the stance
                out.setdefault(st.key, st)
                speaker_in.setdefault(idx, state.ents[st.speakers[0]])
    return list(out.values())
