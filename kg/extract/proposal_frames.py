"""Proposals read from the dependency parse with the frames of ontology/frames/proposals.json.

Each frame finds a proposal head noun (truce, ceasefire, plan, offer...) or a request to refrain, and
names where its proposer is: the subject of the proposing verb, the passive agent, the possessor or
modifier ('Marlen's plan', 'the Marlen-brokered truce'), and for requests the addressee who would
refrain. The reader turns a match into proposal parts that extract_proposals merges with the rest."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.extract.authorship import AUTHOR_RULE, author_recommending
from kg.extract.event_frames import (
    ents_at,
    governing_verb,
    governor,
    is_date_prep,
    name_span,
    names_both_sides,
    own_tokens,
    pair_of_people,
    prep_objects,
    reported_speaker,
    stands_for,
    subject_of,
    with_conjuncts,
)
from kg.extract.frames import FrameMatch, match_frames
from kg.extract.partial_quotes import is_partial_quote
from kg.extract.proposal_identity import Markers, markers
from kg.extract.quoted_pronouns import quote_speaker, quoted_pronoun
from kg.extract.represents import delegate_told_before
from kg.extract.resources import load_lexicon, load_patterns, word_class
from kg.extract.sources import resolve_phrase
from kg.extract.speechacts import issuer_of, issuer_told_before, paragraph_before
from kg.extract.state import DocState, Ent, Mention
from kg.extract.targets import category_entity
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
    sides: list[tuple[list[Ent], list[Ent]]] = field(default_factory=list)  # reciprocal: (party, targets) each
    markers: Markers = field(default_factory=Markers)
    brokers: list[Ent] = field(default_factory=list)  # proposers who brokered or mediated: never parties
    indefinite: bool = False  # 'a ceasefire': a new proposal unless something ties it to one told before
    reference: bool = False  # 'the deal': a bare definite noun, a reference to one told before
    reciprocal: bool = False  # 'we will not strike theirs if they spare ours': an offer of its own
    side_actions: list[str] = field(default_factory=list)  # what each side refrains from, where told apart
    owned: bool = False  # "Zelensky's proposal": a general noun with only its author, theirs told before
    both_sides: bool = False  # 'both sides agreed to ...': the two sides of the conflict, whoever they are
    named: bool = True  # told by a proposal noun; False for one told by its verb alone ('agreed to stop ...')
    recommended: bool = False  # its proposer is an op-ed's author recommending it (authorship)


def role_ents(state: DocState, match: FrameMatch, tokens: list[Token]) -> list[Ent]:
    """The actors role tokens name; a pronoun or a role noun ('he', 'the agency') stands for one told before."""
    found: list[Ent] = []
    for t in (s for tok in with_conjuncts(tokens) for s in stands_for(tok)):
        named = ents_at(state, name_span(match, t)) or told_by_name(state, match, t) or \
            pair_of_people(state, match, t)  # 'the two men had agreed to a halt'
        found += named or [e for e in [stand_in(state, match, t)] if e is not None]
    return [e for e in dict.fromkeys(found) if e.cls != "MediaOutlet"]


def told_by_name(state: DocState, match: FrameMatch, tok: Token) -> list[Ent]:
    """A proper noun the NER left without a mention of its own ('the port of Kessa and Marlen' read as one
    name) is the actor of that name the article has told of, or the one person told of by that surname."""
    lo, hi = name_span(match, tok)
    if tok.pos_ != "PROPN" or state.in_quote(lo):
        return []
    text = state.text[lo:hi]
    named = [e for e in state.ents.values() if e.kind == "actor" and (e.name == text or text in e.aliases)]
    surnamed = [e for e in state.ents.values() if e.kind == "actor" and e.cls == "Person"
                and e.name.split()[-1] == text and " " not in text]  # 'Kamal' after 'Idris Kamal'
    return named[:1] or (surnamed if len(surnamed) == 1 else [])


def stand_in(state: DocState, match: FrameMatch, tok: Token) -> Ent | None:
    """'Trump said he had asked Putin ...': a pronoun subject of a reported clause is the speaker; other
    pronouns and role nouns ('the agency', 'the delegate') resolve to the latest fitting actor."""
    pos = match.parsed.offset + tok.idx
    if tok.pos_ == "PRON" and state.in_quote(pos):
        quoted = quoted_pronoun(state, tok, pos)  # "we will not hit theirs," Dorn said: 'we' is Dorn
        if quoted:
            return quoted[0]
    if tok.pos_ == "PRON":
        speaker = reported_speaker(state, match, tok) or conjunct_subject(state, match, tok)
        return speaker[0] if speaker else resolve_phrase(state, tok.text, pos)
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in word_class("delegate_references"):
        spoken_for = delegate_of(state, match, tok)  # 'the representative of France', 'that delegate'
        if spoken_for is not None:
            return spoken_for
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        if tok.lemma_.lower() in word_class("statement_nouns"):  # 'the readout set a condition': its issuer
            return issuer_of(state, match.parsed.offset, tok) or \
                issuer_told_before(state, pos, paragraph_before(state, pos))
        return resolve_phrase(state, match.parsed.doc[tok.left_edge.i:tok.i + 1].text, pos)
    return None


def delegate_of(state: DocState, match: FrameMatch, tok: Token) -> Ent | None:
    """The country a speaker named by role acts for: the country its of-phrase names ('the representative of
    France'), else, for a reference back ('the speaker', 'that delegate'), the latest such phrase's."""
    for g in prep_objects(tok, "of") + prep_objects(tok, "from"):
        named = [e for e in ents_at(state, name_span(match, g)) if e.cls == "Country"]
        if named:
            return named[0]
    if any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in tok.children):
        return delegate_told_before(state, match.parsed.offset + tok.idx)
    return None


def is_hyphened(modifier: Token, word: Token) -> bool:
    """'US-brokered': the modifier is joined to the word by a hyphen."""
    doc = word.doc
    return modifier.i == word.i - 2 and doc[word.i - 1].text == "-" and not doc[word.i - 1].whitespace_


def conjunct_subject(state: DocState, match: FrameMatch, tok: Token) -> list[Ent]:
    """'The readout names one condition, and it also calls for an end to mobilisation': the pronoun subject
    of a joined clause is the actor the first clause's subject names."""
    verb = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.lower_ not in ("it", "they") or verb.dep_ != "conj":
        return []
    return [e for s in subject_of(verb.head) if s.pos_ in ("PROPN", "NOUN")
            for e in ents_at(state, name_span(match, s))][:1]


def proposer_tokens(match: FrameMatch, where: str) -> list[Token]:
    if where == "subject":
        return subject_of(match.roles["verb"])
    if where == "agent":
        verb = match.roles["verb"]
        return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if where == "modifier":
        owner = match.roles["owner"]
        modifiers = [c for c in owner.children if c.dep_ in ("compound", "npadvmod")]
        if owner.pos_ == "VERB" and not any(is_hyphened(c, owner) for c in modifiers):
            return []  # 'the US-brokered truce' names its broker; 'Trump backed Putin's idea' is a misparse
        return [owner, *modifiers]
    if where == "caller":
        verb = match.roles["verb"]
        if verb.pos_ in ("VERB", "AUX"):
            return subject_of(verb)
        return [c for c in verb.children if c.dep_ == "poss"] + prep_objects(verb, "of")
    if where == "request-of":
        return [c for c in match.roles["of"].children if c.dep_ == "pobj"]
    if where == "main-subject":
        return subject_of(match.roles["main"])
    if where == "speaker":
        return subject_of(match.roles["speech"])
    if where == "talks-holder":
        gov = governor(match.roles["talks"])
        return subject_of(gov) if gov.pos_ in ("VERB", "AUX") else []
    return []


def object_targets(state: DocState, match: FrameMatch, verb: Token) -> list[Ent]:
    """Targets named in a verb's objects ('stopped striking our power plants'); a sector noun someone owns
    ('hit our energy') is that sector's infrastructure."""
    found: list[Ent] = []
    for tok in verb.subtree:
        if tok.dep_ in ("dobj", "pobj") and tok.i > verb.i:
            lo = match.parsed.offset + tok.left_edge.idx
            hi = match.parsed.offset + tok.right_edge.idx + len(tok.right_edge.text)
            found += [m.ent for m in state.mentions_in(lo, hi, ("target",))] or owned_sector(state, tok)
    return list(dict.fromkeys(found))


def owned_sector(state: DocState, noun: Token) -> list[Ent]:
    """'our energy', "Veldoria's energy", 'attacks on energy': a sector noun with an owner, or what an attack
    noun is on, stands for the sector's infrastructure (patterns.json `sector_targets`: noun -> the
    lexicon's target category)."""
    label = load_patterns()["sector_targets"].get(noun.lemma_.lower())
    attacked = noun.dep_ in ("pobj", "conj") and any(
        h.dep_ == "prep" and h.lower_ in ("on", "against") and h.head.lemma_.lower() in word_class("attack_nouns")
        for h in (noun.head, noun.head.head))
    if label is None or not (attacked or any(c.dep_ == "poss" for c in noun.children)):
        return []
    entry = next((e for e in load_lexicon() if e.pref == label), None)
    return [category_entity(state, entry)] if entry is not None else []


def own_targets(state: DocState, match: FrameMatch, verb: Token) -> list[Ent]:
    """Targets in a verb's own phrase, not in the clauses joined to it ('neither side would target the
    other's pipelines, and Turkey would send observers to the terminal': the pipelines)."""
    found: list[Ent] = []
    for tok in own_tokens(verb):
        if tok.dep_ in ("dobj", "pobj") and tok.i > verb.i:
            lo, hi = match.parsed.offset + tok.idx, match.parsed.offset + tok.idx + len(tok.text)
            found += [m.ent for m in state.mentions_in(lo - MAX_TARGET, hi, ("target",)) if m.end >= hi] or \
                owned_sector(state, tok)
    return list(dict.fromkeys(found))


MAX_TARGET = 120  # characters: a target name ends at its head noun and starts no further back than this


def reciprocal_sides(state: DocState, match: FrameMatch) -> list[tuple[list[Ent], list[Ent]]] | None:
    """Each clause of a reciprocal condition: its subject refrains from striking its object's targets."""
    main, cond = match.roles["main"], match.roles["cond"]
    if not (any(c.dep_ == "neg" for c in main.children) or main.lemma_ in word_class("refrain_lemmas")):
        return None
    sides = []
    for verb in (cond, main):
        inner = next((c for c in verb.children if c.dep_ == "xcomp"), verb)
        sides.append((role_ents(state, match, subject_of(verb)), object_targets(state, match, inner)))
    for k, verb in enumerate((cond, main)):
        if not sides[k][1] and any(c.dep_ == "dobj" and c.lower_ in OWN_PRONOUNS for c in verb.subtree):
            sides[k] = (sides[k][0], sides[1 - k][1])  # 'we will not hit theirs': the other clause's targets
    return sides if all(p for p, _ in sides) else None


OWN_PRONOUNS = {"theirs", "ours", "mine", "yours", "hers", "his"}


def terms_noun(match: FrameMatch) -> Token:
    """'under the deal': the deal; 'under the terms of the truce': the truce."""
    terms = match.roles["terms"]
    content = [g for c in terms.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
               if g.dep_ == "pobj"]
    return content[0] if content and terms.lemma_.lower() == "term" else terms


def terms_sides(state: DocState, match: FrameMatch) -> tuple[list[tuple[list[Ent], list[Ent]]] | None, list[str]]:
    """'Under the deal, A will not strike B's ports and C will refrain from attacking D': each joined
    clause that is a restraint with a modal (its own or the first clause's) is its subject's commitment
    to spare its objects' targets; (the sides, what each refrains from), no sides when none is told."""
    sides, actions = [], []
    for verb in terms_verbs(match):
        inner = next((c for c in verb.children if c.dep_ == "xcomp"), verb)
        parties = role_ents(state, match, joined_subject(verb))
        if parties:
            sides.append((parties, own_targets(state, match, verb) or object_targets(state, match, inner)))
            actions.append(refrain_action(verb))
    return (sides, actions) if sides else (None, [])


def terms_verbs(match: FrameMatch) -> list[Token]:
    """The clause under the deal and the clauses joined to it that are restraints with a modal."""
    main = match.roles["main"]
    verbs = (main, *(c for c in main.conjuncts if c.pos_ in ("VERB", "AUX")))
    return [v for v in verbs if (has_modal(v) or has_modal(main)) and is_restraint(v)]


def joined_subject(verb: Token) -> list[Token]:
    """'A will not strike the port of B and C will refrain from ...': the parser often takes C for a
    conjunct of B and leaves the joined clause without a subject; a joined clause with a modal of its own
    but no subject has for subject the joined noun just before that modal."""
    own = [c for c in verb.children if c.dep_ in ("aux", "neg") and c.i < verb.i]
    if verb.dep_ != "conj" or not own or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return subject_of(verb)
    before = verb.doc[own[0].i - 1] if own[0].i > 0 else None
    if before is not None and before.dep_ == "conj" and before.pos_ in ("PROPN", "NOUN"):
        return [before]
    return subject_of(verb)


def has_modal(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children)


def is_restraint(verb: Token) -> bool:
    """'will not strike', 'would refrain from', 'will stop attacking', 'will no longer target'."""
    if verb.lemma_.lower() in word_class("refrain_lemmas"):
        return True
    negated = any(c.dep_ == "neg" or c.lower_ in ("never", "longer") for c in verb.children)
    return negated and verb.lemma_.lower() in word_class("attack_verbs")


def head_phrase(head: Token) -> str:
    """The proposal's noun phrase without determiners: '30-day truce on strikes against power plants'."""
    doc = head.doc
    left = head.left_edge
    while left.i < head.i and left.dep_ in ("det", "poss", "case", "predet") or left.is_punct:
        left = doc[left.i + 1]
    right = head
    lemma = head.lemma_.lower()
    scope = ("on", "against", "in", "for", "to")
    if lemma in word_class("measure_nouns") | word_class("meeting_nouns"):  # 'the return of all deported
        scope += ("of", "between", "with")  # children', 'a meeting between the presidents': its content
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ in scope and not is_date_prep(c):  # 'on Friday' tells when
            right = c.right_edge
    after = doc[right.i + 1] if right.i + 1 < len(doc) else None
    if right.i == head.i and after is not None and after.dep_ == "prep" and after.lower_ in ("on", "against"):
        right = after.right_edge  # 'brokered a moratorium on strikes ...': the parser hung the PP on the verb
    clause = next((t for t in doc[head.i + 1:right.i + 1] if t.dep_ in ("relcl", "acl")
                   or t.text == "," and not in_list(t)), None)
    if clause is not None:  # '... energy facilities that both sides accepted': the phrase, not the clause
        right = doc[max(head.i, (clause.left_edge if clause.text != "," else clause).i - 1)]
    return doc[left.i:right.i + 1].text if left.i <= right.i else head.text


def demand_clause(match: FrameMatch) -> str:
    """The act demanded, from its doer to the clause's end: 'Veldoria withdraw its troops from Kessa'
    (the subject left out when it is the demanding verb's object: 'expected B to take measures')."""
    act = match.roles["act"]
    doc = act.doc
    subj = [c for c in act.children if c.dep_ in ("nsubj", "nsubjpass")]
    left = subj[0].left_edge if subj else act
    right = act.right_edge
    while right.i > left.i and (right.is_punct or right.dep_ in ("cc", "mark")):
        right = doc[right.i - 1]
    words = [t for t in doc[left.i:right.i + 1] if t.dep_ != "mark" or t.i != left.i]
    return "".join(t.text_with_ws for t in words).strip() if len(words) > 1 else ""


def prevents(act: Token) -> bool:
    """'take effective measures to prevent attacks on the pipeline': the act is to stop something."""
    return any(t.lemma_.lower() in word_class("prevent_lemmas") for t in act.subtree)


def such_targets(state: DocState, act: Token, sentence: int, back: int = 3) -> list[Ent]:
    """'measures to prevent such incidents': 'such' refers back; the targets of the nearest sentence
    before that names any (quoted or not: 'any attack on the consortium's facilities ...', the ministry said)."""
    if not any(c.lower_ in ("such", "these", "those") and c.dep_ in ("amod", "det")
               for t in act.subtree for c in t.children):
        return []
    for k in range(sentence - 1, max(-1, sentence - back - 1), -1):
        s, e = state.sents[k]
        found = [m.ent for m in state.mentions_in(s, e, ("target",)) if m.ent is not None]
        if found:
            return list(dict.fromkeys(found))
    return []


def refrain_action(token: Token) -> str:
    actions = load_patterns()["actions"]
    for t in token.subtree:
        if t.lower_ in actions:
            return actions[t.lower_]
    return "strikes"


def act_agents(token: Token) -> list[Token]:
    """'a halt to strikes on power plants by A and B', 'an end to shelling by both armies': the agent of the
    act a proposal halts, told by 'by' on its noun, is who is to refrain."""
    actions = load_patterns()["actions"]
    acts = [t for t in token.subtree if t.lower_ in actions and t.pos_ == "NOUN"]
    return prep_objects(acts[0], "by") if acts else []


def is_bare_reference(head: Token) -> bool:
    """'the moratorium', 'this truce', 'the pause that Putin had announced': a definite proposal noun with
    nothing of its own to tell it apart (a relative clause that only names its author tells who, not which)."""
    kids = [c for c in head.children if not is_authorship_clause(c)]
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in kids) and \
        not any(c.dep_ in ("amod", "compound", "nummod", "poss", "prep", "acl", "relcl") for c in kids)


def is_authorship_clause(clause: Token) -> bool:
    """'(the pause) that Putin had announced', '(the truce) Washington proposed': a relative clause of a
    verb of proposing with its subject and nothing else of substance (no object, date or place of its own)."""
    if clause.dep_ != "relcl" or clause.lemma_.lower() not in word_class("propose_lemmas"):
        return False
    return any(c.dep_ == "nsubj" for c in clause.children) and \
        all(c.dep_ in ("nsubj", "aux", "dobj", "advmod", "npadvmod", "mark", "punct", "prt") and
            (c.dep_ != "dobj" or c.lower_ in ("that", "which")) for c in clause.children)


def in_list(comma: Token) -> bool:
    """'Presidents Putin, Zelensky and Trump': a comma between the members of a list, not before a clause."""
    return any(c.dep_ == "conj" and c.i > comma.i for c in comma.head.children)


def is_offered(verb: Token) -> bool:
    """'would host', 'ready to host', 'offered to host', 'would take steps to organise': an act offered,
    not reported done (a modal on it or on a verb or adjective above it, or a word of offering there)."""
    offers = word_class("offer_words")
    tok = verb
    for _ in range(4):
        if has_modal(tok) or tok.lemma_.lower() in offers:
            return True
        if tok.dep_ not in ("xcomp", "acomp", "acl", "advcl", "pobj", "prep", "dobj") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def is_owned_reference(head: Token) -> bool:
    """"Zelensky's proposal", 'his plan': a general proposal noun with nothing but its author."""
    kids = list(head.children)
    return head.lemma_.lower() in word_class("generic_proposal_heads") and any(c.dep_ == "poss" for c in kids) \
        and not any(c.dep_ in ("amod", "compound", "nummod", "prep", "acl", "relcl") for c in kids)


MODALS = {"would", "will", "should", "must", "shall", "could", "can", "'d", "'ll"}


def sentence_proposal_noun(state: DocState, match: FrameMatch) -> Token | None:
    """The proposal noun a sentence names outside quotes ('the deal', 'the plan'), the first one, unless it
    is in another act joined to the refrain ('agreed to avoid force against shipping, and to develop
    measures to implement the energy ban': the ban is another proposal, not what was agreed)."""
    heads = word_class("proposal_heads")
    refrain = match.roles.get("refrain") or match.roles.get("main")
    return next((t for t in match.parsed.doc if t.lemma_.lower() in heads and t.pos_ == "NOUN"
                 and not state.in_quote(match.parsed.offset + t.idx)
                 and not in_joined_act(t, refrain)), None)


def in_joined_act(t: Token, refrain: Token | None) -> bool:
    """Whether t hangs on a verb joined to the refrain ('avoid force ... and develop measures'), not on it."""
    if refrain is None:
        return False
    above = {a.i for a in refrain.ancestors} | {refrain.i}
    return any(a.dep_ == "conj" and a.pos_ in ("VERB", "AUX") and a.i not in above
               and refrain.i in {x.i for x in a.ancestors} for a in t.ancestors)


def idea_content(head: Token | None) -> Token | None:
    """"Washington's idea of a maritime ceasefire": the proposal is the ceasefire the idea is of."""
    if head is None or head.lemma_.lower() not in word_class("idea_nouns"):
        return head
    content = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
               if g.dep_ == "pobj" and g.lemma_.lower() in word_class("proposal_heads")]
    return content[0] if content else head


def suspends_aid(head: Token) -> bool:
    """'a pause in military aid', 'the freeze on intelligence sharing': a suspension of aid, supplies or the
    like (aid_nouns), which no side fires, so no truce."""
    if head.lemma_.lower() not in word_class("suspension_nouns"):
        return False
    return any(g.lemma_.lower() in word_class("aid_nouns") for c in head.children
               if c.dep_ == "prep" and c.lower_ in ("in", "on", "of", "to") for g in c.children if g.dep_ == "pobj")


def found_from(state: DocState, match: FrameMatch, sentence: int) -> FoundProposal | None:
    attrs = match.frame.attrs
    head = idea_content(match.roles.get("head")) or match.roles.get("refrain") or match.roles.get("act") \
        or match.roles["main"]
    if state.in_quote(match.parsed.offset + head.idx) and not (
            attrs.get("quoted") and quote_speaker(state, match.parsed.offset + head.idx)) and \
            not is_partial_quote(state, match.parsed, head):
        return None  # a quotation is read only by frames made for one, and only when attributed; a partial
        # one ('asked Putin "to refrain from striking Kyiv"') is the reporter's own clause
    if head.lemma_ == "keep" and not any(c.lower_ in ("out", "away", "off", "clear", "safe") for c in head.subtree):
        return None  # 'urged residents to keep water at hand': keeping something out of harm's way only
    if suspends_aid(head) and attrs.get("kind") not in ("condition", "demand"):
        return None  # 'ordered a pause in military aid': a decision about support (an event), no truce; as
        # a condition ('attached a price: a complete halt to military aid') it is a proposal of its own kind
    if attrs.get("not_a_reference") and is_bare_reference(head):
        return None  # 'consultations on the moratorium': about a proposal told before, not a new one
    verb = match.roles.get("verb")
    if verb is not None and any(c.dep_ == "oprd" for c in verb.children):
        return None  # 'A calls a ceasefire unrealistic', 'B declared the truce over': a judgement, no proposal
    if attrs.get("restraint") and head.lemma_.lower() in word_class("renounce_lemmas") \
            and not any(t.lemma_.lower() in word_class("force_words") for t in head.subtree):
        return None  # 'agreed to eliminate tariffs': only giving up force is a restraint
    if attrs.get("offer") and not is_offered(match.roles["verb"]):
        return None  # 'Turkey hosted the talks': talks held, not an offer to hold them
    if attrs.get("needs_modal") and not has_modal(head):
        return None  # 'neither side struck the depot': a fact told, not a proposal
    if attrs.get("after_colon") and not spelled_out_after(match.roles["cond"], head):
        return None  # 'set conditions and a deadline': no condition spelled out after a colon
    if attrs.get("clause_condition") and not is_condition_clause(head, match.roles["mark"]):
        return None  # 'says the truce took effect once the order was given': a time, not a condition
    proposers = role_ents(state, match, proposer_tokens(match, attrs.get("proposer", "")))
    recommended = False
    if not proposers and match.roles.get("verb") is not None:  # 'the West should offer a truce', in an
        proposers = author_recommending(state, match.parsed.offset, match.roles["verb"])  # op-ed: its author's
        recommended = bool(proposers)
    if not proposers and not attrs.get("proposerless"):
        return None
    refrain = head
    named = terms_noun(match) if attrs.get("terms") else \
        sentence_proposal_noun(state, match) if attrs.get("proposerless") else None
    head = named if named is not None else head  # 'the deal looked modest: neither side would ...'
    parties: list[Ent] = []
    if attrs.get("party") == "clause-subject":
        parties = role_ents(state, match, subject_of(match.roles["refrain"]))
    both_sides = False
    if attrs.get("party") == "clause-subject-of-verb":
        parties = role_ents(state, match, subject_of(match.roles["verb"]))
        both_sides = names_both_sides({"subject": subject_of(match.roles["verb"])})
    if attrs.get("party") == "act-subject":
        parties = role_ents(state, match, subject_of(match.roles["act"]))
        if not set(parties) - set(proposers) or not demand_clause(match):
            return None  # 'A demanded to know', 'A expects talks to resume': nobody is asked to act
        if match.roles["verb"].lemma_.lower() in word_class("weak_demand_verbs") and not prevents(match.roles["act"]):
            return None  # 'A expects B to brief it': an expectation; 'expects B to prevent attacks': a demand
    if attrs.get("party") == "talks-with":
        parties = role_ents(state, match, prep_objects(match.roles["talks"], "with"))
    if attrs.get("party") == "object":
        verb = match.roles["verb"]
        noun = match.roles.get("noun")  # 'made a request to B to ...': the request's addressee
        parties = role_ents(state, match, [c for c in verb.children if c.dep_ in ("dobj", "pobj", "nsubj")
                                            and c.i > verb.i] + [g for c in [*verb.children, *(noun.children if noun
                                                                                             else ())]
                                                                 if c.dep_ in ("prep", "dative")
                                                                 for g in c.children if g.dep_ == "pobj"])
    if not parties:
        parties = role_ents(state, match, act_agents(refrain))
    lo = match.parsed.offset + head.left_edge.idx
    hi = match.parsed.offset + head.right_edge.idx + len(head.right_edge.text)
    targets = (own_targets(state, match, refrain) or sector_after(state, match.parsed.offset, refrain)) \
        if attrs.get("proposerless") else \
        [m.ent for m in state.mentions_in(lo, hi, ("target",))] or clause_targets(state, match.parsed.offset, head)
    targets += [t for t in purpose_targets(state, match.parsed.offset, head) if t not in targets]
    if attrs.get("kind") == "demand" and not targets and prevents(head):
        targets = such_targets(state, head, sentence)
    sides, actions = terms_sides(state, match) if attrs.get("terms") else \
        (reciprocal_sides(state, match) if attrs.get("reciprocal") else [], [])
    if sides is None:
        return None
    reciprocal = bool(sides) and not attrs.get("terms")
    s, e = state.sents[sentence]
    lemma = head.lemma_.lower()
    verb = match.roles.get("verb")
    brokers = proposers if verb is not None and verb.lemma_.lower() in word_class("broker_lemmas") else []
    if sides:
        targets = list(dict.fromkeys(t for _, ts in sides for t in ts))
    if reciprocal:
        name = "reciprocal halt to strikes" + (f" on {' and '.join(t.name for t in targets[:2])}" if targets else "")
    elif attrs.get("clause_condition"):  # 'only once sanctions are lifted': the clause, without its marker
        name = "condition: " + " ".join(t.text for t in head.subtree if t.i not in condition_marker(head))
    elif attrs.get("kind") == "condition":  # the whole condition: 'lifting sanctions on the bank'
        name = "condition: " + match.parsed.doc[head.left_edge.i:head.right_edge.i + 1].text.lstrip(":;,\u2014 ")
    elif attrs.get("kind") == "demand":  # 'demand that B withdraw its troops from C'
        name = "demand: " + demand_clause(match)
    else:
        name = head_phrase(head) if "head" in match.roles or named is not None else \
            f"halt to {refrain_action(head)}"
    verb_phrase = "" if "head" in match.roles or named is not None else own_phrase(head)
    kind = attrs.get("kind") or ("offer" if reciprocal else NORMAL_HEADS.get(lemma, lemma if "head" in match.roles
                                                                         or named is not None else "pause"))
    measure = attrs.get("measure") or attrs.get("kind") == "condition" or \
        (attrs.get("kind") == "demand" and not prevents(head))  # a condition binds nobody to hold fire
    owned = is_owned_reference(head)
    return FoundProposal(kind, name, proposers, [p for p in parties if p not in proposers],
                         list(dict.fromkeys(targets)), "" if measure else refrain_action(refrain),
                         sentence,
                         Evidence(state.text[s:e].strip(), s, e),
                         [match.frame.id] + ([AUTHOR_RULE] if recommended else []), sides,
                         Markers() if reciprocal else markers(state, marker_text(match, name, verb_phrase)), brokers,
                         any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children),
                         ("head" in match.roles or named is not None)
                         and (is_bare_reference(head) or owned), reciprocal, actions, owned, both_sides,
                         not verb_phrase, recommended)


def spelled_out_after(noun: Token, content: Token) -> bool:
    """'attached a price to anything broader: a complete halt to aid': the content comes after a colon
    that follows the condition noun."""
    return noun.i < content.i and any(t.text == ":" for t in noun.doc[noun.i:content.i])


def condition_marker(clause: Token) -> set[int]:
    """The words that mark a clause as a condition ('only once', 'unless', 'provided that')."""
    marks = [c for c in clause.children if c.dep_ == "mark"]
    return {t.i for m in marks for t in m.subtree} | {c.i for c in clause.children
                                                     if c.dep_ == "advmod" and c.lower_ == "only"}


def is_condition_clause(clause: Token, mark: Token) -> bool:
    """'unless the blockade ends', 'provided that B withdraws', 'only once sanctions are lifted', 'only if
    B pulls back': a condition. Without 'only', 'once', 'if', 'after' and 'when' tell a time or an open
    supposition, not something a party asks for."""
    if mark.lower_ in ("unless", "provided"):
        return True
    return any(t.lower_ == "only" for t in (*mark.children, *clause.children) if t.dep_ == "advmod")


def clause_targets(state: DocState, offset: int, head: Token) -> list[Ent]:
    """Targets a proposal's own phrase does not name but its clause does, after it: 'local ceasefires the
    agency brokered so that crews could restore the power lines' (not quoted, not before the head); else
    the sector an attack noun after it is on."""
    clause = governing_verb(head)
    lo = offset + head.idx
    hi = offset + clause.right_edge.idx + len(clause.right_edge.text)
    found = [m.ent for m in state.mentions_in(lo, hi, ("target",)) if not m.in_quote]
    return found or sector_after(state, offset, head)


def sector_after(state: DocState, offset: int, head: Token) -> list[Ent]:
    """'agreed to an immediate halt to attacks on energy': the sector an attack noun after the proposal's
    head, in its clause, is on."""
    return [e for t in governing_verb(head).subtree if t.i > head.i and not state.in_quote(offset + t.idx)
            for e in owned_sector(state, t)][:1]


def purpose_targets(state: DocState, offset: int, head: Token) -> list[Ent]:
    """What a truce is for, told in a purpose clause: 'a ceasefire zone ..., so that technicians could repair
    the line': the targets it names, or the target a definite noun refers back to ('the line': the
    Ferosplavna-1 line told before)."""
    gov = governing_verb(head)
    found: list[Ent] = []
    for clause in (c for c in gov.children if c.dep_ in ("advcl", "xcomp") and c.i > head.i):
        marks = {m.lower_ for m in clause.children if m.dep_ in ("mark", "aux")}
        if not marks & {"so", "that", "to"}:
            continue
        for tok in clause.subtree:
            if tok.pos_ != "NOUN" or tok.dep_ not in ("dobj", "pobj", "nsubjpass"):
                continue
            lo, hi = offset + tok.left_edge.idx, offset + tok.idx + len(tok.text)
            named = [m.ent for m in state.mentions_in(lo, hi, ("target",)) if m.ent is not None]
            found += named or [e for e in [referred_target(state, tok, lo)] if e is not None]
    return list(dict.fromkeys(found))


def referred_target(state: DocState, noun: Token, pos: int) -> Ent | None:
    """'the line', 'the plant': the latest target told before whose name ends in that noun; failing one, the
    first told in the next sentences (a lead's 'so that the damaged line can be repaired' is named in the
    body: 'the 750-kilovolt Dniprovska line')."""
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children):
        return None
    word = noun.lower_

    def named(m: Mention) -> bool:
        return m.kind == "target" and m.ent is not None and not m.in_quote and m.ent.name.lower().split()[-1] == word

    m = state.last_before(pos, named)
    if m is None:
        last = state.sents[min(len(state.sents) - 1, state.sent_index(pos) + LEAD_REACH)][1]
        m = next((x for x in sorted(state.mentions, key=lambda x: x.start) if pos < x.start < last and named(x)),
                 None)
    return m.ent if m else None


LEAD_REACH = 3  # sentences after a definite noun in which a target named by it may first be named


@dataclass(frozen=True)
class TargetMention:
    """A later mention of a proposal head whose clause names what it covers ('Under the Black Sea
    arrangement, both parties agreed to ensure safe navigation for commercial shipping')."""

    head: str
    markers: Markers
    targets: tuple[Ent, ...]
    sentence: int
    evidence: Evidence


def target_mentions(state: DocState) -> list[TargetMention]:
    """Proposal heads whose clause names targets, where the clause tells no attack or violation."""
    heads = word_class("proposal_heads")
    acts = word_class("attack_verbs") | word_class("violation_verbs") | word_class("attack_nouns")
    out = []
    for sentence, parsed in sorted(state.parses.items()):
        for p in parsed:
            for tok in p.doc:
                if tok.lemma_.lower() not in heads or state.in_quote(p.offset + tok.idx):
                    continue
                verb = governing_verb(tok)
                if any(t.lemma_.lower() in acts for t in own_clause(verb)):
                    continue
                targets = clause_targets(state, p.offset, tok)
                if targets:
                    s, e = state.sents[sentence]
                    lemma = tok.lemma_.lower()
                    out.append(TargetMention(NORMAL_HEADS.get(lemma, lemma), markers(state, head_phrase(tok)),
                                             tuple(dict.fromkeys(targets)), sentence,
                                             Evidence(state.text[s:e].strip(), s, e)))
    return out


def own_clause(verb: Token) -> list[Token]:
    """A clause's words without the relative clauses of its nouns ('expect the halt to protect the plants,
    which missiles have hit': the hitting is told of the plants, not by this clause)."""
    inner = {t.i for r in verb.subtree if r.dep_ == "relcl" and r is not verb for t in r.subtree}
    return [t for t in verb.subtree if t.i not in inner]


def own_phrase(verb: Token) -> str:
    """A verb's phrase without the acts joined to it: 'halt strikes on energy facilities for 20 days', not
    '..., and develop measures to implement the ban'."""
    joined = {t.i for c in verb.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    return " ".join(t.text for t in verb.subtree if t.i not in joined)


def marker_text(match: FrameMatch, name: str, verb_phrase: str = "") -> str:
    """Where a proposal's telling words are: its noun phrase; for a clause frame the whole clause ('a real
    ceasefire should last at least 30 days'); for a proposal told by its verb alone, the verb's phrase
    ('agree to halt strikes on energy facilities for 20 days' is not 'give up strikes for 30 days')."""
    clause = match.roles.get("clause")
    if clause:
        return f"{name} {match.parsed.doc[clause.left_edge.i:clause.right_edge.i + 1].text}"
    return f"{name} {verb_phrase}" if verb_phrase else name


def parsed_proposals(state: DocState) -> list[FoundProposal]:
    """Every proposal the frames read, one per sentence and head."""
    out: dict[tuple[int, str], FoundProposal] = {}
    for sentence, parsed in sorted(state.parses.items()):
        for match in match_frames(parsed, "proposal"):
            found = found_from(state, match, sentence)
            if found is None:
                continue
            key = (sentence, found.head, found.markers)
            if key in out:
                old = out[key]
                old.proposers += [p for p in found.proposers if p not in old.proposers]
                old.parties += [p for p in found.parties if p not in old.parties]
                old.rules += [r for r in found.rules if r not in old.rules]
            else:
                out[key] = found
    return list(out.values())
