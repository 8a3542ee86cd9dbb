"""Speech acts read from the dependency parse with the speech frames (ontology/frames/speech.json):
which verb reports speech, who its speaker is (resolved to an actor of the article, pronouns and
documents included), and which quotation an act governs.

Pronouns and role nouns resolve by salience, not by proximity alone: 'he said' is the person who spoke
or acted as a subject last, 'it added' is the body that spoke last, 'the statement said' is the body that
issued the statement."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Token

from kg.extract.frames import Frame, match_frames
from kg.extract.nlp import Parsed
from kg.extract.quotespans import paragraphs
from kg.extract.resources import load_patterns, word_class
from kg.extract.sources import best_speaker, resolve_phrase, source_entity
from kg.extract.state import DocState, Ent, Mention

PERSON_PRONOUNS = {"he", "she"}
GENDER = {"he": "m", "she": "f", "mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+(?=[A-Z])")
BODY_PRONOUNS = {"it"}
PLURAL_PRONOUNS = {"they"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "parataxis"}  # clauses inside a subject phrase: not its head


@dataclass(frozen=True)
class SpeechAct:
    """A speech verb (or 'according') and the token heading its speaker phrase, found by one frame."""

    verb: Token
    speaker: Token
    frame: Frame
    parsed: Parsed

    @property
    def pos(self) -> int:
        """Article offset of the verb."""
        return self.parsed.offset + self.verb.idx

    def at(self, tok: Token) -> int:
        return self.parsed.offset + tok.idx


@dataclass
class Salience:
    """Who spoke, in text order: (article offset, entity, person-like); and the grammatical gender a
    person is known by ('he'/'she' resolved to them before, 'Ms. X'), so 'he' never lands on a 'she'."""

    spoken: list[tuple[int, Ent, bool]] = field(default_factory=list)
    gender: dict[str, str] = field(default_factory=dict)

    def last(self, pos: int, since: int, person: bool | None, ok=lambda e: True) -> tuple[int, Ent] | None:
        for p, ent, is_person in reversed(self.spoken):
            if p < pos and p >= since and (person is None or is_person == person) and ok(ent):
                return p, ent
        return None

    def agrees(self, pronoun: str):
        """A filter: entities not known by the other gender than this pronoun's."""
        want = GENDER.get(pronoun)
        return lambda e: want is None or self.gender.get(e.key, want) == want


def speech_acts(state: DocState) -> list[SpeechAct]:
    """One act per speech verb, from the frame of highest priority that matched it, in text order."""
    best: dict[tuple[int, int], tuple[int, SpeechAct]] = {}
    parsed = [p for p in state.parsed() if all(p.doc.has_annotation(a) for a in ("DEP", "TAG", "POS"))]
    for m in match_frames(parsed, "speech"):  # a pipeline without tagger and parser has no speech acts
        verb = m.roles["verb"]
        key = (m.parsed.offset, verb.i)
        prio = int(m.frame.attrs.get("priority", 1))
        if key not in best or prio > best[key][0]:
            best[key] = (prio, SpeechAct(verb, m.roles["speaker"], m.frame, m.parsed))
    return sorted((a for _, a in best.values()), key=lambda a: a.pos)


def phrase_span(act: SpeechAct, tok: Token) -> tuple[int, int]:
    """Article span of a noun phrase without the clauses that hang inside it ('the envoy who met X'):
    from its first word up to the first word of such a clause after the head."""
    kept = {t.i for t in tok.subtree if not any(a.dep_ in CLAUSE_DEPS or a.pos_ in ("VERB", "AUX")
                                                 for a in _path(t, tok))}
    left = act.verb.doc[min(kept)]
    right = tok
    for t in act.verb.doc[tok.i + 1:tok.right_edge.i + 1]:
        if t.i not in kept:
            break
        right = t
    while right.i > tok.i and (right.is_punct or right.dep_ == "cc"):
        right = right.nbor(-1)
    return act.at(left), act.at(right) + len(right.text)


def _path(t: Token, top: Token) -> list[Token]:
    """Tokens from t up to (not including) top."""
    out = []
    while t.i != top.i and t.head.i != t.i:
        out.append(t)
        t = t.head
    return out


def mention_at(state: DocState, pos: int) -> Mention | None:
    """The first actor, source or demonym mention (outside quotes) covering pos."""
    for m in state.mentions_overlapping(pos, pos + 1):
        if m.start <= pos < m.end and m.ent is not None and m.kind in ("actor", "unnamed", "demonym") \
                and not m.in_quote:
            return m
    return None


def person_like(ent: Ent, tok: Token | None = None) -> bool:
    if ent.cls == "UnnamedSource":
        return not ent.plural  # 'a senior official said ... he added'
    if ent.cls == "Person":
        return True
    if tok is None or ent.cls == "Country":
        return False
    return tok.ent_type_ == "PERSON" or any(c.dep_ == "appos" and c.lemma_.lower() in _titles() for c in tok.children)


def np_mention(state: DocState, offset: int, tok: Token) -> Mention | None:
    """The mention a noun phrase's head stands for: its own, else its apposition's ('His chief of
    staff, Andriy Yermak')."""
    m = mention_at(state, offset + tok.idx)
    if m is None:
        for child in tok.children:
            if child.dep_ == "appos":
                m = mention_at(state, offset + child.idx)
                if m:
                    break
    return m


def subject_entity(state: DocState, offset: int, tok: Token) -> Ent | None:
    """What a subject phrase stands for: its mention, or for a document ('the Kremlin's account') the
    body that issued it."""
    m = np_mention(state, offset, tok)
    if m is not None:
        return m.ent
    if tok.lemma_.lower() in word_class("statement_nouns"):
        return issuer_of(state, offset, tok)
    return None


def main_clause(tok: Token) -> bool:
    """A subject of the main clause (or of a verb coordinated with it), not of a reported clause."""
    head = tok.head
    return head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT")


def subject_candidates(state: DocState, act: SpeechAct, person: bool, ok=lambda e: True) -> tuple[int, Ent] | None:
    """The latest subject before the pronoun in its own sentence, but not the subject of what is
    reported ('Putin, he added, had ...': not Putin; 'X said Y had ..., he said': not Y). A person
    pronoun takes only a subject of a clause the speech verb belongs to."""
    above = {a.i for a in act.verb.ancestors}
    reported = act.verb.head.i if act.verb.dep_ == "parataxis" else -1
    for tok in reversed([t for t in act.parsed.doc if t.i < act.speaker.i]):
        if tok.dep_ not in SUBJECT_DEPS or tok.head.i == reported or inside_reported(tok):
            continue
        if person and tok.head.i not in above:
            continue
        ent = subject_entity(state, act.parsed.offset, tok)
        if ent is not None and person_like(ent, tok) == person and ok(ent):
            return act.at(tok), ent
    return None


def inside_reported(tok: Token) -> bool:
    """A token inside the complement clause of a speech verb ('X said [Y had ...]')."""
    lemmas = word_class("speech_verbs")
    return any(a.dep_ == "ccomp" and a.head.lemma_ in lemmas for a in [tok.head, *tok.head.ancestors])


def previous_subject(state: DocState, pos: int, since: int, person: bool, ok=lambda e: True) -> tuple[int, Ent] | None:
    """The latest main-clause subject (outside quotes) of the sentences before `pos`, back to `since`;
    in a sentence the parser did not see, a mention that opens it."""
    pos = state.sent_span(pos)[0]  # earlier sentences only: the pronoun's own is subject_candidates' job
    best = None
    for p in state.parsed():
        if p.offset >= pos or p.offset + len(p.doc.text) < since:
            continue
        for tok in p.doc:
            at = p.offset + tok.idx
            if at >= pos or at < since or tok.dep_ not in SUBJECT_DEPS or not main_clause(tok):
                continue
            ent = subject_entity(state, p.offset, tok)
            if ent is not None and person_like(ent, tok) == person and not ent.plural and ok(ent):
                best = (at, ent)
    for i, (s, _) in enumerate(state.sents):
        if i in state.parses or not since <= s < pos:
            continue
        m = mention_at(state, s + len(state.text[s:]) - len(state.text[s:].lstrip()))
        if m is not None and person_like(m.ent) == person and ok(m.ent) and (best is None or s > best[0]):
            best = (s, m.ent)
    return best


def paragraph_before(state: DocState, pos: int) -> int:
    """Start of the paragraph before the one holding pos (the window a pronoun looks back over)."""
    starts = [s for s, _ in paragraphs(state.text) if s <= pos]
    return starts[-2] if len(starts) >= 2 else 0


def resolve_pronoun(state: DocState, act: SpeechAct, sal: Salience) -> Ent | None:
    low = act.speaker.lower_
    pos = act.at(act.speaker)
    since = paragraph_before(state, pos)
    if low in PLURAL_PRONOUNS:
        hit = next(((p, e) for p, e, _ in reversed(sal.spoken) if since <= p < pos and e.plural), None)
        return hit[1] if hit else resolve_phrase(state, low, pos)
    return salient(state, act, sal, low in PERSON_PRONOUNS) or resolve_phrase(state, low, pos)


def salient(state: DocState, act: SpeechAct, sal: Salience, person: bool) -> Ent | None:
    """The person (or body) an anaphoric speaker most likely stands for: a subject earlier in its own
    sentence, else the later of the last speaker and the last main-clause subject before it."""
    pos = act.at(act.speaker)
    since = paragraph_before(state, pos)
    ok = sal.agrees(act.speaker.lower_)
    same = subject_candidates(state, act, person, ok)
    if same:
        return same[1]
    found = [c for c in (sal.last(pos, since, person, ok), previous_subject(state, pos, since, person, ok)) if c]
    return max(found, key=lambda c: c[0])[1] if found else None


def issuer_of(state: DocState, offset: int, doc_tok: Token) -> Ent | None:
    """The body a document token names as its issuer: 'the Kremlin readout', 'Russia's statement',
    'a statement from the ministry', 'the statement issued by X', 'X released a statement'."""
    for child in doc_tok.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            m = mention_at(state, (offset + child.idx)) or next(iter(state.mentions_in(
                offset + child.left_edge.idx, offset + child.idx + len(child.text), ("actor",))), None)
            if m and m.ent is not None:  # 'the Georgian government's readout': the government named
                return m.ent
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            for obj in child.children:
                m = mention_at(state, (offset + obj.idx)) if obj.dep_ == "pobj" else None
                if m:
                    return m.ent
        if child.dep_ == "acl":
            for agent in (c for c in child.children if c.dep_ == "agent"):
                for obj in agent.children:
                    m = mention_at(state, (offset + obj.idx))
                    if m:
                        return m.ent
    head = doc_tok.head
    if doc_tok.dep_ == "dobj":
        for subj in (c for c in head.children if c.dep_ == "nsubj"):
            m = mention_at(state, (offset + subj.idx))
            if m:
                return m.ent
    return None


def document_speaker(state: DocState, act: SpeechAct, sal: Salience) -> Ent | None:
    """'The statement said': the issuer named with it, else with an earlier mention of a document,
    else the body that spoke last."""
    own = issuer_of(state, act.parsed.offset, act.speaker)
    if own:
        return own
    pos = act.at(act.speaker)
    since = paragraph_before(state, pos)
    told = issuer_told_before(state, pos, since)
    if told:
        return told
    spoke = sal.last(pos, since, False)
    return spoke[1] if spoke else None


def issuer_told_before(state: DocState, pos: int, since: int) -> Ent | None:
    """The issuer of the latest document named with one before `pos` (back to `since`): 'The Kremlin's
    account was narrower. ... The same readout attached a price': the Kremlin's."""
    nouns = word_class("statement_nouns")
    for p in reversed(state.parsed()):
        if p.offset > pos or p.offset + len(p.doc.text) < since:
            continue
        for tok in reversed(p.doc):
            if p.offset + tok.idx < pos and tok.lemma_.lower() in nouns:
                ent = issuer_of(state, p.offset, tok)
                if ent:
                    return ent
    return None


def role_speaker(state: DocState, act: SpeechAct, sal: Salience) -> Ent | None:
    """'the president said', 'the Ukrainian president said': the latest speaker, else the latest
    person, whose role names that title (and that country, when the phrase names one)."""
    noun = act.speaker.lower_
    start, end = phrase_span(act, act.speaker)
    country = next((m.ent for m in state.mentions_in(start, end, ("demonym", "actor"))
                    if m.ent is not None and m.ent.cls == "Country"), None)
    names = {country.name.lower(), *(a.lower() for a in country.aliases)} if country else set()

    def fits(ent: Ent) -> bool:
        role = (ent.role or "").lower()
        return ent.cls == "Person" and noun in role and (not names or any(n in role for n in names))

    for _, ent, _ in reversed(sal.spoken):
        if fits(ent):
            return ent
    m = state.last_before(start, lambda m: m.ent is not None and not m.in_quote and fits(m.ent))
    return m.ent if m else None


def act_speaker(state: DocState, act: SpeechAct, sal: Salience) -> Ent | None:
    """The entity an act's speaker stands for."""
    tok = act.speaker
    if act.frame.attrs.get("speaker") == "document" or tok.lemma_.lower() in word_class("statement_nouns"):
        return document_speaker(state, act, sal)
    if tok.lower_ in PERSON_PRONOUNS | BODY_PRONOUNS | PLURAL_PRONOUNS:
        return resolve_pronoun(state, act, sal)
    if tok.pos_ == "PRON":
        return None
    group = group_speakers(state, act)
    if group:
        return group[0]
    head = mention_at(state, act.at(tok))
    if ACRONYM.match(tok.text) and (head is None or head.ent.name == tok.text):
        ent = acronym_entity(state, tok.text, act.at(tok))  # 'the MoD' after 'the Ministry of Defence'
        if ent is not None:
            return ent
    if head is not None:
        return head.ent
    start, end = phrase_span(act, tok)
    if indefinite(tok) and not any(m.ent is not None and m.ent.cls == "Person"
                                   for m in state.mentions_in(start, end, ("actor",))):
        return unnamed_speaker(state, start, end, tok)
    found = [m for m in state.mentions_in(start, end, ("actor", "unnamed")) if not m.in_quote
             and m.ent is not None and m.ent.cls != "Country"]
    if not found and tok.pos_ == "NOUN" and definite(tok):
        ent = definite_speaker(state, act, sal, start, end)
        if ent:
            return ent
    return best_speaker(state, start, end)


def group_speakers(state: DocState, act: SpeechAct) -> tuple[Ent, ...]:
    """'the two governments said', 'both sides said': the two countries named most (then latest) in
    this paragraph and the one before, together."""
    tok = act.speaker
    if tok.tag_ != "NNS" or tok.lemma_.lower() not in word_class("country_collectives") or \
            not any(c.lower_ in ("two", "both") for c in tok.children if c.i < tok.i):
        return ()
    pos = act.at(tok)
    since = paragraph_before(state, pos)
    counts: dict[str, list] = {}
    for m in state.mentions:
        if since <= m.start < pos and m.ent is not None and m.ent.cls == "Country" and not m.in_quote:
            counts.setdefault(m.ent.key, [0, 0, m.ent])
            counts[m.ent.key][0] += 1
            counts[m.ent.key][1] = m.start
    ranked = sorted(counts.values(), key=lambda c: (c[0], c[1]), reverse=True)[:2]
    return tuple(c[2] for c in sorted(ranked, key=lambda c: c[1])) if len(ranked) == 2 else ()


ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z]{1,6}$")


def initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[\w\-]+", name)).lower()


def acronym_entity(state: DocState, acronym: str, pos: int) -> Ent | None:
    """'the MoD said': the latest actor before it whose name or an alias has those initials
    ('Russian Ministry of Defense')."""
    want = acronym.lower()
    m = state.last_before(pos, lambda m: m.ent is not None and m.kind == "actor" and any(
        initials(n).endswith(want) for n in (m.ent.name, *m.ent.aliases) if " " in n))
    return m.ent if m else None


def definite(tok: Token) -> bool:
    """'the envoy', 'the U.S. major', 'the Ukrainian side': a definite description without a possessor."""
    before = [c for c in tok.children if c.i < tok.i]
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in before) and \
        not any(c.dep_ == "poss" for c in before)


def definite_speaker(state: DocState, act: SpeechAct, sal: Salience, start: int, end: int) -> Ent | None:
    """A definite description refers back: a title to the person who holds it (else the salient
    person), 'the Ukrainian side' to its country, 'the ministry' to a body so named (else the salient
    body)."""
    noun = act.speaker.lemma_.lower()
    if noun in _titles():
        return role_speaker(state, act, sal) or resolve_phrase(state, state.text[start:end], start) or \
            salient(state, act, sal, True)
    named = resolve_phrase(state, state.text[start:end], start)
    if named is not None:
        return named
    if noun in word_class("country_collectives"):
        country = next((m.ent for m in state.mentions_in(start, end, ("demonym", "actor"))
                        if m.ent is not None and m.ent.cls == "Country"), None)
        if country is not None:
            return country
    return salient(state, act, sal, False)


INDEFINITE = {"a", "an", "one", "two", "three", "four", "several", "some", "another"}


def indefinite(tok: Token) -> bool:
    """A common noun with an indefinite determiner or a number: 'a Geneva-based trader', 'two people'."""
    before = [c for c in tok.children if c.i < tok.i]
    if tok.pos_ != "NOUN" or tok.lemma_.lower() in word_class("statement_nouns") or \
            any(c.dep_ in ("det", "poss") and c.lower_ not in INDEFINITE for c in before):
        return False
    return any(c.lower_ in INDEFINITE or c.dep_ == "nummod" for c in before)


def unnamed_speaker(state: DocState, start: int, end: int, tok: Token) -> Ent:
    """An unnamed source described by the speaker phrase ('a DTEK lineman in Nikopol')."""
    found = next((m for m in state.mentions_in(start, end, ("unnamed",))), None)
    if found is not None and found.ent is not None:
        return found.ent
    text = state.text[start:end].strip().rstrip(",")
    ent = source_entity(state, text, tok.tag_ == "NNS")
    state.add_mention(Mention(start, end, text, "unnamed", ent, rule="speech/indefinite-speaker"))
    return ent


def honorific_genders(state: DocState) -> dict[str, str]:
    """'Ms. DiCarlo', 'Mr Ostrin': the gender an honorific gives the person it precedes."""
    out: dict[str, str] = {}
    for h in HONORIFIC.finditer(state.text):
        m = mention_at(state, h.end())
        if m is not None and m.ent.cls == "Person":
            out.setdefault(m.ent.key, GENDER[h.group(1).lower()])
    return out


def resolve_acts(state: DocState, acts: list[SpeechAct],
                 groups: dict[tuple[int, int], tuple[Ent, ...]] | None = None) -> dict[tuple[int, int], Ent]:
    """Each act's speaker, resolved in text order so that earlier speakers inform later pronouns.
    `groups` receives the acts of joint speakers ('the two governments said', then 'the statement
    added' or 'they added' for the same pair)."""
    sal = Salience(gender=honorific_genders(state))
    out: dict[tuple[int, int], Ent] = {}
    last_group: dict[str, tuple[Ent, ...]] = {}
    for act in acts:
        ent = act_speaker(state, act, sal)
        if ent is None:
            continue
        group = group_speakers(state, act) or (
            last_group.get(ent.key, ()) if act.speaker.pos_ == "PRON" or act.frame.attrs.get("speaker") else ())
        if group and groups is not None:
            groups[(act.parsed.offset, act.verb.i)] = group
            last_group.update({e.key: group for e in group})
        if act.speaker.lower_ in GENDER:
            sal.gender.setdefault(ent.key, GENDER[act.speaker.lower_])
        out[(act.parsed.offset, act.verb.i)] = ent
        sal.spoken.append((act.pos, ent, person_like(ent, act.speaker)))
    return out


def governing_act(acts: list[SpeechAct], start: int, end: int) -> tuple[SpeechAct, int] | None:
    """The act that reports the quotation at [start, end): the nearest speech verb outside it that
    governs a quoted token, or that hangs from one ('Putin, it said, "..."'), in the same parse."""
    best: tuple[int, int, SpeechAct] | None = None
    for act in acts:
        if start <= act.pos < end or act.parsed.offset >= end or act.parsed.offset + act.parsed.length <= start:
            continue  # the verb is inside the quotation, or its parse holds no part of it
        inside = {t.i for t in act.parsed.doc if start <= act.at(t) < end}
        if not inside:
            continue
        depth = link_depth(act, inside)
        if depth is not None:
            cand = (depth, abs(act.pos - start), act)
            if best is None or cand[:2] < best[:2]:
                best = cand
    if best is None:
        return None
    return reporting_act(acts, best[2], start, end), best[0]


def reporting_act(acts: list[SpeechAct], act: SpeechAct, start: int, end: int) -> SpeechAct:
    """Speech reported inside speech ('Peskov confirmed that Trump had asked Putin "to ..."'): the
    quoted words are the outer speaker's, whose report the text quotes."""
    outer = {(a.parsed.offset, a.verb.i): a for a in acts if a.parsed is act.parsed and not start <= a.pos < end}
    tok = act.verb
    while (tok.dep_ in ("ccomp", "xcomp", "conj") or that_clause(tok)) and tok.head.i != tok.i:
        if tok.dep_ == "conj":
            tok = tok.head
            continue
        found = outer.get((act.parsed.offset, tok.head.i))
        if found is not None:
            act = found
        tok = tok.head
    return act


def that_clause(tok: Token) -> bool:
    """A 'that' clause the parser attached as an adverbial clause ('confirmed only that X had ...')."""
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)


def link_depth(act: SpeechAct, inside: set[int]) -> int | None:
    """How many arcs separate the act's verb from the quoted tokens, or None if they are not linked."""
    verb = act.verb
    anchor = verb.head if act.frame.attrs.get("link") == "head" or verb.dep_ == "parataxis" else verb
    depths = []
    for i in inside:
        tok = verb.doc[i]
        if tok.head.i in inside and tok.head.i != tok.i:
            continue  # only the quote's top tokens
        for k, anc in enumerate(tok.ancestors, 1):
            if anc.i == anchor.i:
                depths.append(k if anchor is verb else k + 1)
                break
            if anc.i not in inside and anc.lemma_ in word_class("speech_verbs") and anc.i != anchor.i:
                break  # a nearer speech verb governs this quote
    for k, anc in enumerate(verb.ancestors, 1):
        if anc.i in inside:
            depths.append(k)
            break
    return min(depths) if depths else None


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """Single-word person titles (patterns.json titles), the head of 'the Kremlin aide', 'the envoy'."""
    return frozenset(t.split()[-1] for t in load_patterns()["titles"]) - {"head", "chief", "leader"}
