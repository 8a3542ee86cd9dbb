"""Events read from the dependency parse with the frames of ontology/frames/events.json.

A frame names the trigger (a lemma class and part of speech) and the *readers* that fill its
participants: 'subject' (nsubj, inherited through conj/xcomp), 'agent' (passive by-phrase), 'object',
'with'/'to'/'between'/'by' (objects of that preposition), 'poss', 'amod' (a demonym: 'Russian strikes'),
'compound' ('the Trump-Putin call'), 'governor-subject' ('A held talks'), 'governor-object' ('A joined B
for talks'), 'accused'/'accuser'
('A accused B of violating'). Hypothetical, negated and quoted triggers are left out."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract import dates
from kg.extract.event_time import earlier_acts, relative_clauses, reported_future, still_to_come
from kg.extract.frames import FrameMatch, match_frames
from kg.extract.gapping import Remnant, remnants
from kg.extract.namerole import role_words
from kg.extract.nlp import Parsed
from kg.extract.partial_quotes import is_partial_quote
from kg.extract.represents import side_of
from kg.extract.resources import load_patterns, word_class
from kg.extract.sources import resolve_phrase
from kg.extract.state import DocState, Ent

PREPS = {"with": "with", "to": "to", "between": "between", "by": "by"}
CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "xcomp", "conj", "pcomp", "acl", "parataxis"}


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    """Tokens with their conjuncts and the members they include ('advisers, including Britain's Powell')."""
    out = []
    for t in tokens:
        out += [t, *t.conjuncts]
        out += [g for c in t.children if c.dep_ == "prep" and c.lower_ == "including" for g in c.children
                if g.dep_ == "pobj" for g in (g, *g.conjuncts)]
    return list(dict.fromkeys(out))


def subject_of(verb: Token) -> list[Token]:
    """The subject of a verb, inherited from the verb it is joined to or controlled by. A joined verb
    that cannot agree with the inherited subject ('A says the forces broke it and proposes ...': 'proposes'
    is singular, 'forces' plural) or cannot share its auxiliary ('A said B had kept up assaults and called
    for ...') takes the subject of the clause above instead."""
    first = verb
    for _ in range(4):
        controlled = controller(verb)
        if controlled is not None:
            if controlled.dep_ != "prep":
                return [controlled]
            verb = controlled.head  # 'A broke it by attacking B': the subject of the verb the gerund modifies
            continue
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if passive and not subj:  # 'the truce was announced': the doer is the agent, not a clause above;
            return [] if verb is first else passive  # 'A was asked to halt strikes': A halts
        if subj and subj[0].lower_ in RELATIVE and verb.dep_ == "relcl":
            return [verb.head]  # 'the US, which had proposed the truce': the noun the clause describes
        if subj and first is not verb and (disagrees(first, subj[0]) or unparallel(first, verb)) \
                and verb.dep_ == "ccomp":
            verb = verb.head
            continue
        if subj or verb.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "acomp") or verb.head.i == verb.i:
            return subj
        verb = verb.head
    return []


def controller(verb: Token) -> Token | None:
    """Who does what a subjectless gerund after a preposition says. 'A accused B of breaking the truce':
    B, the object of the accusation verb; 'A broke the truce by attacking C': the preposition, whose verb's
    subject is the doer. None when the gerund is not such a complement."""
    prep = verb.head
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ == "nsubj" for c in verb.children):
        return None
    gov = prep.head
    if prep.lower_ in ("of", "for") and gov.lemma_ in word_class("accuse_verbs"):
        objects = [c for c in gov.children if c.dep_ in ("dobj", "nsubjpass")]  # 'B was accused of ...'
        return objects[0] if objects else None
    return prep


def unparallel(joined: Token, head: Token) -> bool:
    """'A said B had kept up assaults and called for a truce': a past verb joined to a perfect one ('had
    kept') cannot share its auxiliary, so it is joined to the clause above: A called for the truce."""
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children) and head.tag_ == "VBN"
    return perfect and joined.dep_ == "conj" and joined.head.i == head.i and joined.tag_ == "VBD" and \
        not any(c.dep_ in ("aux", "nsubj", "nsubjpass") for c in joined.children)


def disagrees(verb: Token, subject: Token) -> bool:
    """A third-person singular present verb with a plural noun subject."""
    return verb.tag_ == "VBZ" and subject.tag_ in ("NNS", "NNPS") and not any(
        c.dep_ == "cc" for c in subject.children)


RELATIVE = {"who", "which", "that"}
NOMINAL = {"nsubj", "nsubjpass", "dobj", "pobj"}  # a gerund in these places is a noun ('the shelling')


def prep_objects(tok: Token, word: str) -> list[Token]:
    return [g for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ == word
            for g in c.children if g.dep_ == "pobj"]


ACT_PREPS = ("in", "during", "by")  # 'damaged in a Russian attack', 'hit during the raid', 'by strikes'


def act_nouns(verb: Token) -> list[Token]:
    """The attack nouns an attack verb's circumstance preposition names ('the line, damaged in a Russian
    attack'): the verb's own act, told once more as a noun."""
    if verb.pos_ != "VERB" or verb.lemma_ not in word_class("attack_verbs"):
        return []
    return [g for w in ACT_PREPS for g in prep_objects(verb, w) if g.lemma_ in word_class("attack_nouns")]


def names_verb_act(noun: Token) -> bool:
    """'damaged in a Russian attack': an attack noun that only names the act of the attack verb it hangs
    on is that verb's event, not a second one; 'Tuesday's Russian barrage was the ninth attack on its
    plants': the subject of a copula whose complement is an attack noun is the complement's event."""
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        return any(c.dep_ == "attr" and c.lemma_.lower() in word_class("attack_nouns") for c in noun.head.children)
    return noun.dep_ == "pobj" and noun.head.i != noun.i and noun in act_nouns(noun.head.head)


def read_role(match: FrameMatch, reader: str) -> list[Token]:
    """The tokens a reader points at for one frame match."""
    t = match.roles["trigger"]
    if reader == "subject":
        if t.tag_ == "VBG" and (t.dep_ in NOMINAL or any(c.dep_ in ("amod", "det", "poss") for c in t.children)):
            return [t]  # 'Russian shelling cut the line': a gerund used as a noun, its modifiers name the doer
        if t.tag_ == "VBG" and t.dep_ == "acl":
            return [t.head]  # 'Ukrainian drones targeting the depot': an active participle's noun does it
        return subject_of(t)
    if reader == "subject-owner":  # "A's Oval Office clash with B", parsed as a venue that clashed: its owner
        return [g for c in subject_of(t) if c.pos_ == "PROPN" and any(g.dep_ == "compound" for g in c.children)
                for g in c.children if g.dep_ == "poss"]
    if reader == "debris-source" and "weapon" in match.roles:  # 'debris from Ukrainian drones set it alight'
        return [match.roles["weapon"]]
    if reader == "object-owner":  # 'summoned the Russian ambassador', "summoned Armenia's envoy": whose envoy
        return [g for c in t.children if c.dep_ == "dobj" for g in c.children if g.dep_ in ("amod", "poss", "compound")]
    if reader == "agent":
        return [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if reader == "object":
        return [c for c in t.children if c.dep_ == "dobj"]
    if reader in PREPS:
        return prep_objects(t, PREPS[reader])
    if reader == "partner" and "prep" in match.roles:  # the frame's own 'with', wherever the parse hung it
        return [g for g in match.roles["prep"].children if g.dep_ == "pobj"]
    if reader in ("poss", "amod", "compound"):
        return [c for c in t.children if c.dep_ == reader or (reader == "amod" and c.dep_ == "compound")]
    if reader == "governor-object" and t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ == "for":
        return [c for c in t.head.head.children if c.dep_ == "dobj"]  # 'A joined B for talks'
    if reader == "governor-subject" and t.dep_ in ("dobj", "nsubjpass", "pobj"):
        gov = governor(t)
        if gov.pos_ == "NOUN" and gov.lemma_.lower() in word_class("talks_partitives") and \
                gov.dep_ in ("dobj", "nsubjpass", "pobj"):
            gov = governor(gov)  # 'A and B began a second day of talks': the verb above 'day'
        if gov.lemma_ in word_class("speech_verbs"):
            return []  # 'A called the meeting wonderful': A comments on the talks, A need not have held them
        return subject_of(gov) if gov.pos_ in ("VERB", "AUX") else []
    if reader == "governor-with" and t.dep_ in NOMINAL:
        return prep_objects(governor(t), "with")  # 'struck a deal with Baku', the PP hung on the verb
    if reader == "copula-subject" and t.dep_ == "attr" and t.head.lemma_ == "be":
        return [c for c in t.head.children if c.dep_ == "nsubj" and c.lemma_.lower() in word_class("attack_nouns")]
    if reader == "act-noun":  # 'the line, damaged in a Russian attack': the noun's doer is the verb's
        return [c for n in act_nouns(t) for c in n.children if c.dep_ in ("amod", "compound", "poss")]
    if reader == "perpetrator" and t.dep_ == "dobj" and t.head.lemma_ in word_class("perpetrate_verbs"):
        return subject_of(t.head)  # 'Ukraine launched its largest drone attack on Russia'
    accuse = match.roles.get("accuse")
    if accuse is not None and reader == "accused":
        return [c for c in accuse.children if c.dep_ == "dobj"]
    if accuse is not None and reader == "accuser":
        return subject_of(accuse)
    return []


def reported_speaker(state: DocState, match: FrameMatch, tok: Token) -> list[Ent]:
    """'the ministry said it had struck ...', 'the General Staff said its drones had hit ...': a pronoun
    subject, or a noun with a possessive pronoun or one a pronoun sent ('the service said drones it had
    smuggled in had hit ...'), in a clause reported by a speech verb is the speaker: the
    actor the subject's head word names, before those its modifiers name."""
    pronoun = tok.pos_ == "PRON" and tok.dep_ in ("nsubj", "nsubjpass")
    owned = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children) or any(
        g.dep_ == "nsubj" and g.pos_ == "PRON" and g.lower_ in ("it", "they", "we")
        for c in tok.children if c.dep_ == "relcl" for g in c.children)  # 'drones it had smuggled in'
    if not (pronoun or owned):
        return []
    clause = tok.head
    while clause.dep_ in ("xcomp", "conj", "prep", "pobj", "agent") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_ not in word_class("speech_verbs"):
        return []
    off = match.parsed.offset
    return [e for s in subject_of(clause.head)  # 'US President Donald Trump said he ...': Trump, not the US
            for e in ents_at(state, (off + s.idx, off + s.idx + len(s.text))) or
            ents_at(state, name_span(match, s))][:1]


def stands_for(tok: Token) -> list[Token]:
    """'the breakaway region of Transnistria', 'the government of Moldova': the polity noun is the name."""
    if tok.lemma_ not in role_words()["polity_nouns"]:
        return [tok]
    named = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
             if g.dep_ == "pobj" and g.pos_ == "PROPN"]
    return named or [tok]


def person_pronoun(state: DocState, match: FrameMatch, tok: Token) -> list[Ent]:
    """'That night he receives the envoy': 'he' or 'she' outside reported speech is the person told last."""
    if tok.pos_ != "PRON" or tok.lower_ not in ("he", "she"):
        return []
    found = resolve_phrase(state, tok.text, match.parsed.offset + tok.idx)
    return [found] if found is not None else []


def partitive_one(state: DocState, match: FrameMatch, tok: Token) -> list[Ent]:
    """'Forty Armenian drones were over the city, and one scored a direct hit on a hospital': a bare 'one' as
    the subject is one of the weapons told just before it in the sentence, so whose they are did it."""
    if tok.lower_ != "one" or tok.dep_ not in ("nsubj", "nsubjpass") or any(c.dep_ == "prep" for c in tok.children):
        return []
    weapons = [w for w in tok.doc[:tok.i] if w.tag_ == "NNS" and w.lemma_.lower() in word_class("weapon_nouns")]
    if not weapons:
        return []
    owners = [c for c in weapons[-1].children if c.dep_ in ("amod", "compound", "poss")]
    return [e for c in owners for e in ents_at(state, name_span(match, c))]


def speakers_enemy(state: DocState, match: FrameMatch, tok: Token) -> list[Ent]:
    """'On 3 October the enemy carried out the biggest attack yet', in a speaker's words (a quotation or an
    interview answer): the side the speaker's side fights; for a speaker whose side the article does not
    tell, the side it most often shows attacking."""
    from kg.extract.quoted_pronouns import adversary, belligerents, quote_speaker  # they read event frames

    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in word_class("enemy_nouns"):
        return []
    speaker = quote_speaker(state, match.parsed.offset + tok.idx)
    busy = ("enemy-busy",)
    if speaker is None or state.frame_cache.get(busy):
        return []  # while the belligerents are being read, 'the enemy' names nobody yet
    state.frame_cache[busy] = True
    try:
        side = side_of(state, speaker)
        other = adversary(state, side) if side is not None else next(iter(belligerents(state)), None)
    finally:
        state.frame_cache[busy] = False
    return [other] if other is not None else []


def relative_pronoun_subject(state: DocState, match: FrameMatch, tok: Token) -> list[Ent]:
    """'Washington lifted the freeze it had imposed on Kyiv': 'it', subject of a relative clause (no 'which'
    or 'that' of its own), is the subject of the clause the relative clause's noun is in."""
    verb = tok.head
    if tok.dep_ != "nsubj" or tok.lower_ not in ("it", "they") or verb.dep_ != "relcl":
        return []
    outer = governing_verb(verb.head)
    return [e for s in subject_of(outer) if s.i != tok.i for e in ents_at(state, name_span(match, s))][:1]


def definite_owner(state: DocState, match: FrameMatch, tok: Token) -> list[Ent]:
    """'the agency's drones', 'the ministry's forces': a definite role noun as the possessor is the body of
    that kind told last (resolve_role_noun), whose weapons or forces they are."""
    owners = [c for c in tok.children if c.dep_ == "poss" and c.pos_ == "NOUN"
              and any(d.dep_ == "det" and d.lower_ == "the" for d in c.children)]
    found = [resolve_phrase(state, f"the {o.lower_}", match.parsed.offset + o.idx) for o in owners]
    return [e for e in found if e is not None and e.kind != "unnamed"]  # a source owns no drones


def pair_of_people(state: DocState, match: FrameMatch, tok: Token) -> list[Ent]:
    """'the two men had agreed', 'both leaders agreed': a pair of people told by kind and number is the
    two people named last before it (outside quotes, in its sentence or the five before)."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in word_class("pair_person_nouns") or tok.tag_ != "NNS" or \
            not any(c.dep_ in ("nummod", "det", "predet") and c.lower_ in ("two", "both") for c in tok.children):
        return []
    pos = match.parsed.offset + tok.idx
    lo = state.sents[max(0, state.sent_index(pos) - 5)][0]
    people: list[Ent] = []
    for m in reversed(state.mentions_in(lo, pos, ("actor",))):
        if m.ent is not None and m.ent.cls == "Person" and not m.in_quote and m.end <= pos and m.ent not in people:
            people.append(m.ent)
        if len(people) == 2:
            return people[::-1]
    return []


def name_span(match: FrameMatch, tok: Token) -> tuple[int, int]:
    """Article span of a participant token with its name modifiers ('Donald Trump', 'Russian drones')."""
    left = tok
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "poss", "nmod", "det"):
            left = min(left, c.left_edge, key=lambda x: x.i)
    off = match.parsed.offset
    return off + left.idx, off + tok.idx + len(tok.text)


MAX_MENTION = 300  # characters: no name is longer, so mentions overlapping a span start this near it


def ents_at(state: DocState, span: tuple[int, int]) -> list[Ent]:
    near = state.mentions_in(span[0] - MAX_MENTION, span[1] + MAX_MENTION)  # bisected, not the whole article
    found = [m.ent for m in near if m.ent is not None and m.kind in ("actor", "demonym")
             and not m.in_quote and m.ent.cls != "MediaOutlet" and m.start < span[1] and span[0] < m.end]
    return list(dict.fromkeys(found))


def is_hypothetical(t: Token, cls: str, scheduled: bool = False) -> bool:
    """A trigger under a modal, a condition, a negation or a wish: not a reported event. 'Will' is the
    future of an event that is scheduled (talks; `scheduled`: a frame's events announced ahead, 'A and B
    will exchange 175 prisoners on Wednesday'), else no event yet."""
    p = load_patterns()["word_classes"]
    clause = t.head if t.pos_ == "NOUN" and t.dep_ in ("nsubj", "nsubjpass", "dobj") else t
    for _ in range(3):
        kids = list(clause.children)
        if any(c.dep_ == "neg" for c in kids):
            return True
        if any(c.dep_ == "aux" and c.lower_ in p["hypothetical_aux"] for c in kids) and \
                not (cls == "Talks" and reported_future(clause)):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in kids):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("once", "after", "when") for c in kids) and \
                any(c.dep_ == "advmod" and c.lower_ == "only" for c in kids):
            return True  # 'possible only once the delegations had reached agreements': a condition
        if t.pos_ == "NOUN" and t.dep_ == "nsubj" and clause.i == t.head.i and any(
                c.dep_ == "acomp" and c.lemma_.lower() in p["modal_adjectives"] for c in kids):
            return True  # 'a meeting between A and B was possible': a possibility, not a meeting
        if clause.dep_ != "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "whoever")
                                          for c in kids):
            return True  # 'nobody could prove who had broken it': an indirect question asserts no act
        if clause.dep_ == "xcomp" and clause.head.lemma_ in p["hypothetical_heads"]:
            return True
        if clause.dep_ == "xcomp" and clause.head.lemma_.lower() in p["modal_adjectives"]:
            return True  # 'Moscow is unlikely to accept such a compromise': a forecast, not an act
        if clause.i == t.i and t.pos_ == "VERB" and t.tag_ != "VBG" and t.dep_ in ("csubj", "nsubj") and \
                cls == "Attack":
            return True  # 'for Putin, strikes on energy are a means of pressure': a kind of act as a subject
        if clause.dep_ == "ccomp" and clause.head.lemma_ in p["denial_verbs"] and clause.i > clause.head.i:
            return True  # 'denied that its forces had struck the plant': a denial reports no event
        if clause.dep_ == "ccomp" and clause.head.lemma_ in p["speech_verbs"] and unsaid(clause.head):
            return True  # 'neither text says Putin accepted it', 'Kyiv did not say it had struck the depot'
        if clause.dep_ not in ("xcomp", "conj", "pcomp", "prep", "pobj", "dobj", "compound", "amod", "acl") \
                or clause.head.i == clause.i:
            break
        clause = clause.head
    return cls != "Talks" and not scheduled and any(c.dep_ == "aux" and c.lower_ == "will" for c in t.children)


def joined_clauses(match: FrameMatch, trigger: Token) -> list[tuple[int, int]]:
    """Article spans of the clauses joined to a verb trigger ('Ukraine hit the station again and [said]
    that drones heading for the refinery were shot down'): their targets are not the trigger's."""
    if trigger.pos_ not in ("VERB", "AUX"):
        return []
    off = match.parsed.offset
    return [(off + c.left_edge.idx, off + c.right_edge.idx + len(c.right_edge.text)) for c in trigger.children
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]


def pronoun_object(trigger: Token) -> bool:
    """'had set it alight', 'struck them again': the act's object is a pronoun for a thing told before."""
    return trigger.pos_ == "VERB" and any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in ("it", "them")
                                          for c in trigger.children)


def is_habitual(trigger: Token) -> bool:
    """'have hit repeatedly', 'are regularly shelled', 'hit every week': an adverb of habit makes the clause a
    pattern of acts."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else governing_verb(trigger)
    return any(c.dep_ == "advmod" and c.lower_ in word_class("habitual_adverbs") for c in verb.children) or \
        any(c.dep_ == "npadvmod" and any(d.lower_ == "every" for d in c.children) for c in verb.children)
    # 'have hit the plants almost every week': a period with 'every' makes a habit too


def one_more(roles: dict[str, list[Token]]) -> bool:
    """'Early on Thursday, another drone hit a facility': the doer is one more of the kind just told
    ('a Ukrainian drone attacked ...'), so its side is that attack's."""
    return any(c.dep_ == "det" and c.lower_ == "another" for tokens in roles.values() for t in tokens
               for c in t.children)


def claims_responsibility(noun: Token) -> bool:
    """'the agency's drones had carried out the strikes': an attack noun told before, as the object of a
    verb of doing whose subject names who did it."""
    return noun.dep_ == "dobj" and noun.head.lemma_ in word_class("perpetrate_verbs") and \
        bool(subject_of(noun.head))


def unsaid(speech: Token) -> bool:
    """A speech verb that says nothing: negated, or with a negative subject ('neither', 'nobody', 'no one')."""
    if any(c.dep_ == "neg" for c in speech.children):
        return True
    return any(c.dep_ == "nsubj" and (c.lower_ in word_class("negative_subjects") or
                                      any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in c.children))
               for c in speech.children)


def is_interception(verb: Token) -> bool:
    """'Air defences destroyed 126 drones': the object is a weapon, so this is an interception, not an attack;
    unless the weapons were on the ground ('hit 41 aircraft at four air bases', 'on the ground'): an attack."""
    grounded = any(c.dep_ == "prep" and c.lower_ in ("at", "on") and any(
        g.dep_ == "pobj" and {g.lemma_.lower(), g.lower_} & word_class("ground_sites") for g in c.children)
        for c in verb.children)  # (the word too: the lemmatizer reads 'bases' as 'basis')
    return not grounded and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in word_class("weapon_nouns")
                                for c in verb.children)


def aimed_weapons(verb: Token) -> list[Token]:
    """The intercepted weapons a clause says were aimed at something ('drones targeting the depot', 'drones
    heading for the refinery', 'missiles approaching the plant'): an attempted attack on it."""
    return [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
            and c.lemma_.lower() in word_class("weapon_nouns")
            and any(a.dep_ in ("acl", "relcl") and a.lemma_ in word_class("aiming_verbs") for a in c.children)]


def match_span(match: FrameMatch, tok: Token) -> tuple[int, int]:
    """Article span of a token's subtree."""
    return match.parsed.offset + tok.left_edge.idx, match.parsed.offset + tok.right_edge.idx + len(tok.right_edge.text)


def is_anaphoric(noun: Token) -> bool:
    """'the call', 'this attack', 'their meeting': a noun that points back, unless a superlative or an
    ordinal makes it one of its own ('its largest drone attack of the war', 'their first meeting')."""
    if any(c.tag_ in ("JJS", "RBS") or c.lower_ in ("first", "second", "third") for c in noun.children):
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their", "these", "those")
               for c in noun.children)


def is_same_as_told(noun: Token) -> bool:
    """'the same attack', 'that very strike': always a reference to an event told before."""
    return any(c.dep_ == "amod" and c.lower_ in ("same", "very", "aforementioned") for c in noun.children)


def governor(noun: Token) -> Token:
    """The word a noun is the object of: its head, or for the object of a preposition the preposition's head."""
    return noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head


def governing_verb(tok: Token) -> Token:
    """The nearest verb above a token (the token itself if it is one; the root if none is)."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def commented(noun: Token) -> bool:
    """A talks noun that is the object of a speech or evaluation verb ('called the meeting wonderful')."""
    return noun.dep_ in ("dobj", "pobj", "oprd") and governor(noun).lemma_ in word_class("speech_verbs")


def is_speech_setting(noun: Token) -> bool:
    """'told a Cabinet meeting', 'speaking at a news conference': where someone spoke, not talks held."""
    settings = word_class("speech_settings")
    if noun.dep_ in ("dobj", "dative") and noun.head.lemma_ in settings:
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ == "at" and \
        (noun.head.head.lemma_ in settings or noun.head.head.lemma_ in word_class("speech_verbs"))


def day_dated(start: str | None) -> bool:
    """Dated to a day: a month ('in April') does not single out one act among many."""
    return start is not None and len(start) == 10


def result_targets(state: DocState, match: FrameMatch, noun: Token) -> list[str]:
    """'a drone attack set fire to an oil depot', 'the strike damaged two substations': an attack noun that
    is the subject of a verb of damage hit what that verb's objects name."""
    verb = noun.head
    if noun.pos_ != "NOUN" or noun.dep_ != "nsubj" or verb.lemma_ not in word_class("result_verbs"):
        return []
    objects = [c for c in verb.children if c.dep_ == "dobj"] + \
        [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return [m.ent.key for obj in objects if obj.i > verb.i
            for m in state.mentions_in(*match_span(match, obj), ("target",))]


def is_before_main(trigger: Token) -> bool:
    """'Oil rose on Monday after a drone attack disabled a mooring': an event in an 'after' clause happened
    before the main clause, so the main clause's date is not its date."""
    clause = trigger if trigger.pos_ == "VERB" else trigger.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:  # '... disabled a mooring, and two tankers were hit'
        clause = clause.head
    return clause.dep_ in ("advcl", "pcomp") and any(
        c.dep_ in ("mark", "prep") and c.lower_ in ("after", "following") for c in [*clause.children, clause.head])


def is_result_participle(verb: Token) -> bool:
    """'a drone struck the port, damaging a crane': a participle telling what the attack it hangs on did."""
    return verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp") and verb.head.lemma_ in word_class("attack_verbs")


def is_generic_plural(noun: Token, targets: list[str], clause_dated: bool) -> bool:
    """'Ukrainian attacks', 'Russian strikes' with no target and no date of their own: a kind of act, not
    one event ('information about Ukrainian attacks')."""
    if noun.dep_ == "pobj" and noun.head.lower_ in ("by", "in"):
        return False  # 'a plant damaged by Russian strikes': the act done to what the clause names
    if noun.dep_ == "pobj" and noun.head.lower_ == "as":
        return False  # 'it lists both as Ukrainian violations': the acts just told, named as such
    return noun.pos_ == "NOUN" and noun.tag_ == "NNS" and not targets and not clause_dated


CONTENT_PATH = {"prep", "pobj", "pcomp", "dobj", "xcomp", "compound", "conj", "amod", "acl"}
MEANS = {"by", "with", "through"}  # a preposition of means: what follows is how something was done


def is_proposal_content(t: Token) -> bool:
    """An attack word inside what a proposal or a refrain bans ('a moratorium on strikes against ports',
    'agreed to stop striking refineries', 'a halt to attacks'): the content of a proposal, not an event."""
    banned = word_class("proposal_heads") | word_class("refrain_lemmas")
    tok = t
    for _ in range(4):
        if tok.dep_ not in CONTENT_PATH or tok.head.i == tok.i:
            return False
        tok = tok.head
        before = tok.doc[tok.i - 1] if tok.i else tok  # 'moratorium on strikes', the PP hung on the verb
        if tok.dep_ == "prep" and tok.lower_ in MEANS:
            return False  # 'broke the truce by shelling the station': how it was broken, an event
        if tok.lemma_.lower() in banned or (tok.dep_ == "prep" and before.lemma_.lower() in banned) \
                or is_phrasal_refrain(tok):
            return True
    return False


def is_agreed_content(t: Token, agreed_only: bool = False) -> bool:
    """'A and B agree to halt strikes', 'proposed to suspend flights': what a verb of agreeing, proposing or
    asking governs is what was agreed or asked for (an Agreement or a proposal), not a decision taken.
    `agreed_only`: only a verb of agreeing ('announces that A and B will exchange prisoners' is news of it)."""
    governors = word_class("accept_lemmas") if agreed_only else \
        word_class("accept_lemmas") | word_class("propose_lemmas") | word_class("request_verbs")
    return t.dep_ in ("xcomp", "ccomp") and t.head.i != t.i and t.head.lemma_.lower() in governors


def is_phrasal_refrain(tok: Token) -> bool:
    """'give up long-range strikes', 'hold off attacks': a verb and its particle that mean to refrain."""
    particles = [c.lower_ for c in tok.children if c.dep_ == "prt"]
    return any(f"{tok.lemma_.lower()} {p}" in word_class("refrain_phrasals") for p in particles)


def has_proposal_object(t: Token) -> bool:
    """'broke the Easter truce', 'Russia broke it': the thing violated is a proposal noun or a pronoun."""
    heads = word_class("proposal_heads") | set(load_patterns()["proposal_nouns"])
    objects = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(o.lemma_.lower() in heads or o.pos_ == "PRON" for o in with_conjuncts(objects))


def clause_head(t: Token) -> Token:
    """The head of the trigger's clause: the first verb above it that heads a clause."""
    clause = t
    while clause.dep_ not in CLAUSE_DEPS and clause.head.i != clause.i:
        clause = clause.head
    return clause


def clause_text(match: FrameMatch) -> str:
    """The text of the trigger's clause (its head verb's subtree), where its date phrase is."""
    clause = clause_head(match.roles["trigger"])
    if clause.dep_ == "xcomp" and clause.head.i != clause.i:
        clause = clause.head  # 'is due to meet B on Tuesday': the governing verb says it is ahead
    return match.parsed.doc[clause.left_edge.i:clause.right_edge.i + 1].text


def in_series(noun: Token) -> bool:
    """'the next round of trilateral talks', 'a second meeting': talks that continue earlier ones."""
    series = word_class("talks_series")
    words = [noun, *noun.children, *(c for c in noun.children if c.dep_ == "prep" for c in c.children)]
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.lower_ == "round":
        words += [noun.head.head, *noun.head.head.children]
    return any(w.lower_ in series for w in words)


PERIOD_PREPS = {"for", "from", "until", "till", "through", "starting", "between"}


def proposal_periods(doc: Doc) -> list[Span]:
    """'declares a three-day ceasefire for May 8-10', 'agreed to a truce from Friday': the period a proposal
    noun's own phrase gives is the proposal's time, not the time of the act that tells it."""
    heads = word_class("proposal_heads")
    nouns = [t for t in doc if t.lemma_.lower() in heads and t.pos_ == "NOUN"]
    spans = [p for t in nouns for p in t.children if p.dep_ == "prep" and p.lower_ in PERIOD_PREPS]
    for t in nouns:  # 'agreed to a truce from 1 April': the parser hung the period on the verb
        verb = t.head.head if t.dep_ == "pobj" else t.head if t.dep_ == "dobj" else None
        if verb is not None and verb.pos_ == "VERB":
            spans += [p for p in verb.children if p.dep_ == "prep" and p.lower_ in PERIOD_PREPS - {"for"}
                      and p.i > t.i]
    return [doc[p.left_edge.i:p.right_edge.i + 1] for p in spans]


def agrees_in_opinion(verb: Token) -> bool:
    """'A and B agreed that a ceasefire must be the priority', '... that the talks were useful': agreeing
    that something is so (a that-clause whose verb is 'be') is a shared view; 'agreed that the truce would
    begin on Friday', 'agrees that both should stop striking ports' is a deal."""
    if verb.pos_ != "VERB" or any(c.dep_ in ("xcomp", "dobj") or c.dep_ == "prep" and c.lower_ in ("to", "on")
                                  and not is_date_prep(c) for c in verb.children):
        return False
    return any(c.dep_ == "ccomp" and c.lemma_ == "be" for c in verb.children)


def is_date_prep(prep: Token) -> bool:
    """'on Monday': a preposition whose objects are all dates."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in ("DATE", "TIME") for o in objs)


def without(text: str, spans: list[Span]) -> str:
    """`text` with the words of `spans` left out (each span's text, once)."""
    for span in spans:
        text = text.replace(span.text, " ", 1)
    return text


def act_sentence(state: DocState, idx: int) -> str:
    """Sentence `idx` with the periods of the proposals it names blanked (offsets kept): where the date of
    the act that tells them is."""
    key = ("act-sentence", idx)
    if key not in state.frame_cache:  # asked once per frame match: read once per sentence
        s, e = state.sents[idx]
        chars = list(state.text[s:e])
        for parsed in state.parses.get(idx, []):
            for span in proposal_periods(parsed.doc):
                lo = max(0, parsed.offset + span.start_char - s)
                hi = min(len(chars), parsed.offset + span.start_char - s + len(span.text))
                chars[lo:hi] = [" "] * max(0, hi - lo)
        state.frame_cache[key] = "".join(chars)
    return state.frame_cache[key]


def own_tokens(t: Token) -> list[Token]:
    """A trigger and its phrase without the clauses hung on it."""
    out = [t]
    for c in t.children:
        if c.dep_ not in CLAUSE_DEPS or (c.dep_ == "conj" and c.pos_ not in ("VERB", "AUX")):
            out += own_tokens(c)  # a joined noun or number ('9 and 20 January') is the phrase's own
    return out


def own_text(t: Token) -> str:
    """'a drone strike on the plant on March 25 left ..., and a drone struck ... on March 26': the words of
    the trigger's own phrase, where a date that belongs to this event and no other is told."""
    return "".join(w.text_with_ws for w in sorted(own_tokens(t), key=lambda w: w.i))


SIDE_NOUNS = {"side", "party", "capital", "country", "government", "army", "belligerent"}


def names_both_sides(roles: dict[str, list[Token]]) -> bool:
    """'both sides accepted it', 'the two capitals agreed': the parties are the two sides of the conflict."""
    return any(t.lemma_ in SIDE_NOUNS and any(c.lower_ in ("both", "two") for c in t.children)
               for tokens in roles.values() for t in tokens)


def blamed(state: DocState, parsed: Parsed) -> tuple[list[Ent], list[Ent]]:
    """Whom a sentence blames or accuses, and who does (not under a negation): the alleged doer of an
    attack the sentence tells without one ('a drone struck a pumping station, and Kazakh officials blamed
    Azerbaijan')."""
    for tok in parsed.doc:
        if tok.lemma_ not in word_class("accuse_verbs") or tok.pos_ != "VERB" or \
                any(c.dep_ == "neg" for c in tok.children):
            continue
        accused = [e for o in tok.children if o.dep_ == "dobj" and not state.in_quote(parsed.offset + o.idx)
                   for e in ents_at(state, token_span(parsed, o))]
        if accused:
            return accused[:1], [e for s in subject_of(tok) for e in ents_at(state, token_span(parsed, s))][:1]
    return [], []


def token_span(parsed: Parsed, tok: Token) -> tuple[int, int]:
    """Article span of a token with its left modifiers ('Kazakh officials')."""
    return parsed.offset + tok.left_edge.idx, parsed.offset + tok.idx + len(tok.text)


def makes_a_deal(verb: Token) -> bool:
    """'struck a deal', 'hit on a plan': an attack verb whose object is an agreement or a proposal."""
    heads = word_class("agreement_nouns") | word_class("generic_proposal_heads")
    return any(c.dep_ == "dobj" and c.lemma_.lower() in heads for c in verb.children)


def distributed(state: DocState, match: FrameMatch, roles: dict[str, list[Token]],
                start: str | None) -> tuple[tuple[Ent, ...], list[Remnant]]:
    """'reached separate agreements with Ukraine and Russia': a distributive modifier makes one agreement
    with each partner; told as the first partner's and the others' remnants, like a gapped meeting."""
    words = match.frame.attrs.get("distributive", [])
    trigger = match.roles["trigger"]
    if not start or not any(c.dep_ == "amod" and c.lower_ in words for c in trigger.children):
        return (), []
    partners = list(dict.fromkeys(e for r in ("with", "governor-with") for tok in roles.get(r, [])
                                  for e in ents_at(state, name_span(match, tok))))
    if len(partners) < 2:
        return (), []
    return (partners[0],), [Remnant((p,), start) for p in partners[1:]]


def since_date(match: FrameMatch, ref) -> tuple[str | None, None]:
    """The date a 'since' phrase states ('since March 2022'), or None ('since the war began')."""
    since = match.roles["since"]
    return dates.resolve(since.doc[since.i + 1:since.right_edge.i + 1].text, ref)[0], None


def frame_event(state: DocState, match: FrameMatch) -> dict | None:
    """One candidate event from a frame match, or None when the frame's conditions fail."""
    attrs = match.frame.attrs
    cls = attrs["class"]
    trigger = match.roles["trigger"]
    pos = match.start("trigger")
    if (state.in_quote(pos) and not is_partial_quote(state, match.parsed, trigger)) or \
            is_hypothetical(trigger, cls, bool(attrs.get("scheduled"))):
        return None
    if attrs.get("not_in_proposal") and is_proposal_content(trigger):
        return None
    if attrs.get("not_agreed_content") and is_agreed_content(trigger, attrs["not_agreed_content"] == "agreed"):
        return None
    if attrs.get("needs_proposal_object") and not has_proposal_object(trigger):
        return None
    if attrs.get("not_verb_act") and names_verb_act(trigger):
        return None
    if attrs.get("made_deal") and match.roles["verb"].dep_ == "xcomp":
        return None  # 'agreed to conclude a trade agreement', 'hope to reach a deal': a deal still to make
    if trigger.pos_ == "NOUN" and cls == "Agreement" and any(c.dep_ == "det" and c.lower_ == "no"
                                                             for c in trigger.children):
        return None  # 'the delegations reached no agreement'
    if cls == "Attack" and is_habitual(trigger):
        return None  # 'the facilities, which Russian drones have hit repeatedly this month': no one attack
    if cls == "Attack" and trigger.pos_ == "VERB" and makes_a_deal(trigger):
        return None  # 'Armenia struck a deal with Azerbaijan': a light verb, no blow
    if cls == "Agreement" and agrees_in_opinion(trigger):
        return None  # 'both agreed that a ceasefire must be the priority': a shared view, not a deal
    roles = {r: with_conjuncts(read_role(match, r)) for r in attrs.get("readers", [])}
    who: list[Ent] = []
    for r in attrs.get("readers", []):
        if r == "accuser":
            continue
        for tok in (t for role_tok in roles[r] for t in stands_for(role_tok)):
            who += ents_at(state, name_span(match, tok)) or reported_speaker(state, match, tok) or \
                person_pronoun(state, match, tok) or pair_of_people(state, match, tok) or \
                definite_owner(state, match, tok) or relative_pronoun_subject(state, match, tok) or \
                speakers_enemy(state, match, tok) or partitive_one(state, match, tok)
    accusers = [e for tok in roles.get("accuser", []) for e in ents_at(state, name_span(match, tok))]
    if cls == "Talks" and not who and trigger.pos_ == "NOUN" and commented(trigger):
        return None  # 'A described the meeting as useful': a comment on talks told elsewhere
    if attrs.get("needs_people") and len({w for w in who if w.cls == "Person"}) < attrs["needs_people"]:
        return None  # 'a clash with Armenian forces': fighting, no meeting of people
    if attrs.get("needs_two_subjects") and len(set(who)) < 2:
        return None  # 'the cabinet discussed the budget': one side discussing is not talks
    partner = attrs.get("needs_partner")
    if partner and not [e for r in partner for tok in roles.get(r, []) for e in ents_at(state, name_span(match, tok))]:
        return None  # 'speaking to reporters': nobody to hold talks with
    s, e = state.sent_span(pos)
    period = proposal_periods(match.parsed.doc) + earlier_acts(trigger) + relative_clauses(trigger)
    clause = dates.without_dateline(without(clause_text(match), period))
    own = dates.without_dateline(without(own_text(trigger), period))
    others = earlier_acts(trigger) + relative_clauses(trigger)  # the dates of other acts
    sentence = dates.without_dateline(without(act_sentence(state, state.sent_index(pos)), others))
    start, end = dates.explicit_dates(own, state.ref) or (None, None)
    if not (start or end) and is_before_main(trigger):
        start, end = dates.resolve(clause, state.ref)  # never the main clause's later date
    elif not (start or end):
        ahead = still_to_come(clause_head(trigger))
        start, end = dates.resolve_in(clause, sentence, state.ref, ahead=ahead)
    same, day = dates.same_period(own, state.text[s:e], state.ref)
    if same:
        start, end = day, None  # 'the same day': the date told before it, here or in an earlier sentence
    if attrs.get("earlier_since"):  # 'their first talks since March 2022': the last such act, of that date
        start, end, pos = *since_date(match, state.ref), match.start("since")
    clause_dated = bool(any(dates.resolve(without(clause, relative_clauses(trigger)), state.ref)))
    refers_back = False
    if trigger.pos_ == "NOUN" and (not clause_dated and is_anaphoric(trigger) or is_same_as_told(trigger)):
        if not (cls == "Attack" and who and claims_responsibility(trigger)):
            return None  # 'the call', 'this attack', 'the same attack': a reference to an event told elsewhere
        refers_back = True  # 'the agency's drones had carried out the strikes': who did the attack told
    if cls == "Talks" and trigger.pos_ == "NOUN" and is_speech_setting(trigger):
        return None
    lo, hi = match.subtree_span("trigger")
    joined = joined_clauses(match, trigger)
    targets = [m.ent.key for m in state.mentions_in(lo, hi, ("target",))
               if not any(a <= m.start < b for a, b in joined)] or result_targets(state, match, trigger)
    if not targets and "site" in match.roles:  # 'the plant, which Russian forces have held since 2022'
        targets = [m.ent.key for m in state.mentions_in(*match.subtree_span("site"), ("target",))]
    own_object = any(c.dep_ == "dobj" for c in trigger.children) and not is_result_participle(trigger)
    if cls == "Attack" and trigger.pos_ == "VERB" and not own_object:
        # 'drones struck overnight, damaging the substation': the sentence's target; a verb with an object of
        # its own ('and B's army shelled a depot') hit that object, never another clause's target
        targets = targets or [m.ent.key for m in state.mentions_in(s, e, ("target",)) if not m.in_quote]
    back = not (start or end) and pronoun_object(trigger)  # 'debris had set it alight': the thing told before,
    if back and not targets:  # then, and there
        told = state.last_before(state.sent_span(pos)[0], lambda m: m.kind == "target" and m.ent is not None
                                 and not m.in_quote)
        targets = [told.ent.key] if told is not None and state.sent_index(told.start) >= state.sent_index(pos) - 1 \
            else []
    if attrs.get("needs_anchor") and not (who or start):
        return None
    if attrs.get("needs_day") and not day_dated(start):
        return None  # 'in January Washington and Kyiv discussed offering a truce': no meeting singled out
    if attrs.get("needs_date") and not start:
        return None
    if cls == "Attack" and not who:  # 'a drone struck the station, and A blamed B': B, alleged by A
        who, blamers = blamed(state, match.parsed)
        accusers = accusers or blamers
    if cls == "Attack" and not (who or targets or one_more(roles)):
        return None
    if is_generic_plural(trigger, targets, clause_dated and (cls == "Attack" or day_dated(start))) and \
            cls in ("Attack", "Violation") and not refers_back:
        return None  # 'amid mutual accusations of violations', 'Ukrainian attacks': a kind of act, not one
    if cls == "Attack" and not attrs.get("weapon_object") and is_interception(trigger):
        aimed = aimed_weapons(trigger)  # 'air defences downed two Ukrainian drones targeting the depot'
        targets = [m.ent.key for w in aimed for m in state.mentions_in(*match_span(match, w), ("target",))]
        if not targets:
            return None  # 'air defences destroyed 126 drones': an interception, not an attack
        who = [e for w in aimed for e in ents_at(state, name_span(match, w))]  # whose drones, not who downed them
    first, gaps = remnants(trigger, match.parsed.offset, lambda span: ents_at(state, span), state.ref) \
        if cls == "Talks" else distributed(state, match, roles, start)
    gapped = {e for g in gaps for e in g.partners}
    who = [w for w in who if w not in gapped]  # 'meet A on Sunday and B on Monday': B met on Monday only
    several = (cls == "Attack" and trigger.tag_ == "NNS") or (cls == "Talks" and trigger.pos_ == "VERB")
    listed = dates.listed_days(own, state.ref)[1:] if several else []  # 'met B on 23 and 25 March'
    return {"cls": cls, "pos": pos, "start": start, "end": end, "who": list(dict.fromkeys(who)),
            "accused_by": [a for a in dict.fromkeys(accusers) if a not in who],
            "targets": list(dict.fromkeys(targets)), "rule": match.frame.id, "inherit": (same and not day) or back,
            "both_sides": names_both_sides(roles), "series": cls == "Talks" and in_series(trigger), "also": listed,
            "gapped": (first, gaps), "refers_back": refers_back,
            "one_more": cls == "Attack" and not who and one_more(roles),
            "month_ok": bool(attrs.get("month_ok")), "earlier": bool(attrs.get("earlier_since"))}


def frame_events(state: DocState, sentence: int) -> Iterator[dict]:
    """Candidate events of one parsed sentence, one per trigger token (the first frame that reads it wins,
    except that an accusation frame beats a plain violation frame on the same trigger). Read once per
    sentence (proposals ask for the belligerents before events are built); each caller gets its own copy."""
    key = ("event", sentence)
    if key not in state.frame_cache:
        seen: dict[int, dict] = {}
        for match in match_frames(state.parses.get(sentence, []), "event"):
            found = frame_event(state, match)
            if found is None:
                continue
            prev = seen.get(found["pos"])
            if prev is None or (found["rule"] == "event/violation-accusation"):
                seen[found["pos"]] = found
        state.frame_cache[key] = sorted(seen.values(), key=lambda d: d["pos"])
    for found in state.frame_cache[key]:
        yield {k: list(v) if isinstance(v, list) else v for k, v in found.items()}
