"""Who proposes, to whom, and where a proposal stands: read from every sentence that mentions it."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from kg.extract.event_frames import ents_at, governing_verb, subject_of, token_span, with_conjuncts
from kg.extract.frames import match_frames
from kg.extract.lifecycle import waits_on
from kg.extract.proposal_frames import (
    FoundProposal,
    TargetMention,
    is_bare_reference,
    parsed_proposals,
    role_ents,
    target_mentions,
)
from kg.extract.proposal_identity import Markers, scope_words, stated_duration
from kg.extract.proposals import Frame, Prop, group_frames, mention_ent
from kg.extract.quoted_pronouns import belligerents
from kg.extract.represents import represented_country, with_countries
from kg.extract.resources import load_patterns, word_class
from kg.extract.sources import resolve_phrase
from kg.extract.state import DocState, Ent, slugify
from kg.model import Commitment, Evidence, Proposal

BROKER = re.compile(r"\b(?:brokered|mediated|backed|proposed|offered|floated|drafted)\s+by\s+", re.I)
ATTRIB = re.compile(r"([\w\-\u2019']+)[\s-]+(?:brokered|mediated|backed|led)\b"
                    r"|\b(\w+)\s+(?:proposal|plan|initiative)\b")
STATUS_ORDER = ["expired", "rejected", "agreed", "under discussion", "proposed"]


def head_sentences(state: DocState, prop: Prop) -> list[int]:
    heads = {prop.head} if prop.head != "extension" else {"extend"}
    out = set(prop.sentences)
    for i, (s, e) in enumerate(state.sents):
        if any(re.search(rf"\b{h}", state.text[s:e], re.I) for h in heads):
            out.add(i)
    return sorted(out)


def mediators(state: DocState, sentences: list[int]) -> list[Ent]:
    """Actors that broker or mediate ('brokered by Washington', 'US-brokered'): proposers, not parties."""
    found: list[Ent] = []
    for i in sentences:
        s, e = state.sents[i]
        sentence = state.text[s:e]
        for m in re.finditer(r"\b(?:brokered|mediated)\s+by\s+", sentence):
            found += [mm.ent for mm in state.mentions_in(s + m.end(), s + m.end() + 30) if mention_ent(mm)][:1]
        for m in re.finditer(r"([\w\-]+)-(?:brokered|mediated)\b", sentence):  # the mention of the modifier,
            found += ents_at(state, (s + m.start(1), s + m.end(1)))  # which may take in 'the': 'the US-brokered'
        for m in re.finditer(r"\bmediators?\b", sentence):  # 'Saudi and US mediators said'
            found += modifier_actors(state, max(s, s + m.start() - 60), s + m.start())
    return found


def modifier_actors(state: DocState, lo: int, end: int) -> list[Ent]:
    """The actors named right before `end`, joined by commas or 'and' ('Swiss and Turkish' mediators)."""
    before = [mm for mm in state.mentions_in(lo, end) if mention_ent(mm)]
    found: list[Ent] = []
    glue = r"\s*"
    while before and re.fullmatch(glue, state.text[before[-1].end:end]):
        found.append(before[-1].ent)
        end = before.pop().start
        glue = r"\s*(?:,|and|,\s*and)\s*"
    return found


def proposers(state: DocState, prop: Prop, sentences: list[int]) -> list[Ent]:
    verbs = "|".join(re.escape(v) for v in load_patterns()["propose_verbs"])
    found: list[Ent] = []
    for i in sentences:
        s, e = state.sents[i]
        sentence = state.text[s:e]
        for m in BROKER.finditer(sentence):
            nxt = [mm for mm in state.mentions_in(s + m.end(), e) if mention_ent(mm)]
            found += [mm.ent for mm in nxt[:3] if mm.start - (s + m.end()) < 40]
        for m in ATTRIB.finditer(sentence):
            pos = s + m.start()
            found += [mm.ent for mm in state.mentions_in(pos, pos + len(m.group(1) or m.group(2) or ""))
                      if mention_ent(mm)]
        for v in re.finditer(rf"\b(?:{verbs})\b", sentence):
            if re.match(r"\s+by\b", sentence[v.end():]):
                continue
            found += clause_subjects(state, s, s + v.start())
    return list(dict.fromkeys(found))


def clause_subjects(state: DocState, sent_start: int, verb: int) -> list[Ent]:
    """The subject of the clause ending at a verb: the first actor and any joined to it by 'and';
    a role noun ('the agency') resolves to the actor it stands for."""
    before = state.text[sent_start:verb]
    clause = re.split(r"[,;:]|\bthat\b|\bwhich\b|\bsaid\b|\bsays\b", before)[-1]
    cs = verb - len(clause)
    mentions = [mm for mm in state.mentions_in(cs, verb) if mention_ent(mm) and mm.kind == "actor"
                and mm.ent.cls != "MediaOutlet"]
    if not mentions:
        resolved = resolve_phrase(state, re.sub(r"\s+(had|has|have|was|were|again|also)\b.*$", "", clause.strip()),
                                  cs)
        return [resolved] if resolved is not None and resolved.kind == "actor" else []
    out = [mentions[0]]
    for mm in mentions[1:]:
        if re.fullmatch(r"\s*(and|,)\s*", state.text[out[-1].end:mm.start]):
            out.append(mm)
    return [mm.ent for mm in out]


def status_of(state: DocState, sentences: list[int], declined_other: set[int] = frozenset()) -> str:
    """The furthest status the proposal's sentences word; a sentence whose rejection is of another proposal
    ('declines the full ceasefire but agrees that both should stop striking energy') gives it none."""
    words = load_patterns()["status_words"]
    seen = set()
    for i in sentences:
        s, e = state.sents[i]
        low = state.text[s:e].lower()
        for status, cues in words.items():
            if status == "rejected" and i in declined_other:
                continue
            if any(not waits_on().match(low, m.end()) for c in cues
                   for m in re.finditer(rf"\b{re.escape(c)}\b", low)):
                seen.add(status)  # 'takes effect only once sanctions are lifted': no status yet
    return next((s for s in STATUS_ORDER if s in seen), "proposed")


def proposed_to(state: DocState, sentences: list[int]) -> list[Ent]:
    out = []
    for i in sentences:
        s, e = state.sents[i]
        for m in re.finditer(r"\b(?:offering|offered|offer|put it to|proposed to|asked)\s+", state.text[s:e]):
            out += [mm.ent for mm in state.mentions_in(s + m.end(), s + m.end() + 25) if mention_ent(mm)]
    return list(dict.fromkeys(out))


def commitments(prop: Prop, fallback: list[Ent], outsiders: frozenset[Ent] = frozenset()) -> list[Commitment]:
    """One commitment per party and action; frames without a party take the parties of a matching frame.
    Outsiders (a proposer or broker that is not a belligerent) are never a party."""
    explicit = [f for f in prop.frames if set(f.parties) - outsiders]
    out: dict[tuple[str, str], Commitment] = {}
    for f in prop.frames:
        if not f.action:
            continue  # a measure ('a leaders' meeting', 'the return of children') binds nobody to refrain
        parties = [p for p in f.parties if p not in outsiders]
        if not parties:
            if any(set(f.targets) & set(g.targets) for g in explicit):
                continue
            parties = fallback
        for party in parties:
            key = (party.key, f.action)
            old = out.get(key)
            targets = tuple(dict.fromkeys((old.targets if old else ()) + tuple(t.key for t in f.targets)))
            ev = (old.evidence if old else ()) + ((f.evidence,) if not old or f.evidence not in old.evidence else ())
            out[key] = Commitment(party.key, f.action, targets, ev)
    return list(out.values())




def fighting_sides(state: DocState) -> list[Ent]:
    """Countries joined in a reciprocal clause or shown attacking or accused: the sides of the war (read
    once: every proposal of the article asks)."""
    key = ("fighting-sides",)
    if key not in state.frame_cache:
        state.frame_cache[key] = list(dict.fromkeys(reciprocal_sides(state) + belligerents(state)))
    return list(state.frame_cache[key])


def war_parties(fighting: list[Ent], parties: list[Ent]) -> list[Ent]:
    """'Trump and Putin agreed to halt attacks on energy': a restraint told of one warring side and an
    outsider binds the two warring sides, not the outsider (the sides the parse shows fighting)."""
    countries = [p for p in parties if p.cls == "Country"]
    if len(fighting) < 2 or not any(p in fighting for p in countries) or all(p in fighting for p in countries):
        return parties
    return fighting[:2]


def warring_sides(state: DocState, props: list[Prop]) -> list[Ent]:
    """The sides a truce binds, strongest evidence first: countries joined in a reciprocal clause, countries
    the parse shows attacking or accused, demonyms of weapons and forces; then countries that commit in an
    explicit frame, unless they broker a proposal of the article."""
    sides = fighting_sides(state) + binding_sides(state)
    for m in state.mentions:
        follow = state.text[m.end:m.end + 40]
        if m.kind == "demonym" and m.ent and m.ent.cls == "Country" and not m.in_quote and \
                re.match(r"\s+(?:[\w\-]+\s+){0,2}?(drones?|missiles?|forces|strikes|attacks)\b", follow):
            sides.append(m.ent)
    brokers = {b for prop in props for b in prop.brokers}
    sides += [p for prop in props for f in prop.frames for p in f.parties if p.cls == "Country" and p not in brokers]
    return list(dict.fromkeys(sides))


def reciprocal_sides(state: DocState) -> list[Ent]:
    """Countries joined as the subject of a reciprocal clause ('Russian and Ukrainian negotiators handed each
    other memoranda', 'A and B accused one another'): the two sides of the conflict."""
    found: list[Ent] = []
    for parsed in (p for ps in state.parses.values() for p in ps):
        for tok in parsed.doc:
            if tok.lower_ in ("each", "one") and tok.i + 1 < len(parsed.doc) and \
                    parsed.doc[tok.i + 1].lower_ in ("other", "another", "other's", "another's"):
                subjects = with_conjuncts(subject_of(governing_verb(tok)))
                ents = [e for t in subjects for e in ents_at(state, token_span(parsed, t)) if e.cls == "Country"]
                if len(set(ents)) >= 2:
                    found += ents
    return list(dict.fromkeys(found))


def binding_sides(state: DocState) -> list[Ent]:
    """Countries that accept, reject, sign or honour a proposal (the side frames of ontology/frames/sides.json):
    a truce binds whoever it is put to, whoever proposed it."""
    found: list[Ent] = []
    for match in match_frames([p for idx in sorted(state.parses) for p in state.parses[idx]], "side"):
        if state.in_quote(match.start("verb")):
            continue
        found += [e for e in role_ents(state, match, subject_of(match.roles["verb"])) if e.cls == "Country"]
    return list(dict.fromkeys(found))


def extract_proposals(state: DocState) -> list[Proposal]:
    """Proposals with proposers, addressees, status and commitments."""
    result = []
    props = add_mentioned_targets(add_parsed(state, group_frames(state)), target_mentions(state))
    props = fold_bare_references(state, props)
    props = add_scope_targets(state, props)
    sides = warring_sides(state, props)
    state.sides = sides
    keys: dict[str, Markers] = {}
    heads: dict[str, str] = {}
    fighting = fighting_sides(state)
    for prop in props:
        sentences = head_sentences(state, prop)
        told: list[Ent] = []  # the parties as the text names them, before an outsider gives way to the sides
        for f in prop.frames:  # 'Trump asked Putin to stop firing on Kyiv': Russia would stop
            f.parties = list(dict.fromkeys(represented_country(state, e) or e if e.cls == "Person" else e
                                           for e in f.parties))
            told += f.parties
            f.parties = war_parties(fighting, f.parties)
        by = with_countries(state, list(dict.fromkeys(prop.parse_by)) or proposers(state, prop, sentences))
        parties = list(dict.fromkeys(p for f in prop.frames for p in f.parties))
        to = [e for e in proposed_to(state, sentences) if e not in by] or [p for p in parties if p not in by] \
            or [s for s in sides if s not in by]
        brokers = list(dict.fromkeys(mediators(state, sentences) + prop.brokers))
        belligerents = [c for c in sides if c not in brokers]
        named = [p for p in parties if p not in brokers]
        fallback = named or (belligerents[:2] if len(belligerents) >= 2 else list(dict.fromkeys(
            c for c in by + to + sides if c.cls == "Country" and c not in brokers))) or to or by
        outsiders = frozenset(e for e in by + brokers if e not in belligerents) if len(belligerents) >= 2 \
            else frozenset(brokers)  # who brokered a truce is not bound by it
        comms = commitments(prop, [e for e in fallback if e not in outsiders], outsiders)
        for c in comms:
            for e in state.ents.values():
                if e.key == c.party:
                    e.acting = True
        if not by:
            by = brokers or [p for p in parties if p not in to][:2]  # a mediated deal is its mediators' proposal
        status = status_of(state, sentences, prop.declined_other)
        agreeing = [p for p in dict.fromkeys(told) if p not in brokers] or \
            (belligerents if prop.both_sides else [])  # 'A and B agreed to stop attacking
        if not by and status == "agreed" and len(agreeing) >= 2 and agreed_by_them(state, sentences, agreeing):
            by = agreeing[:2]  # each other's ports', 'both sides agreed to ...': the two sides' own deal
        told_before = None if by else told_again(result, heads, prop)
        if told_before is not None:  # 'Kovan agrees that both should stop striking energy for 30 days': the
            result[result.index(told_before)] = replace(told_before, evidence=tuple(dict.fromkeys(  # truce
                told_before.evidence + tuple(f.evidence for f in prop.frames))))  # told before, told again
            continue
        if not by and status == "agreed" and len(agreeing) >= 2:
            by = agreeing[:2]  # an agreed deal nobody is said to have put forward: the sides' own
        if not by:
            state.warnings.append(f"proposal {prop.name!r} left out: no proposer found")
            continue
        targets = tuple(dict.fromkeys(t.key for f in prop.frames for t in f.targets))
        evidence = tuple(dict.fromkeys(f.evidence for f in prop.frames))
        duration = stated_duration(" ".join(ev.sentence for ev in evidence)) or stated_duration(prop.name)
        key = proposal_key(prop, by, targets, duration)
        if keys.setdefault(key, prop.markers) != prop.markers and prop.markers.slug():
            key = f"{key}-{slugify(prop.markers.slug())}"  # two proposals the parts alone do not tell apart
        heads[key] = prop.head
        result.append(Proposal(
            key=key,
            name=prop.name[:1].upper() + prop.name[1:],
            status=status, proposed_by=tuple(e.key for e in by),
            proposed_to=tuple(e.key for e in to), commitments=tuple(comms), targets=targets,
            duration=duration, evidence=evidence,
            extracted_by=tuple(prop.rules)))
    return dedupe_keys(result)


AGREE = re.compile(r"\b(?:agreed|agrees|agree|accepted|accepts|accept)\b", re.I)


def agreed_by_them(state: DocState, sentences: list[int], parties: list[Ent]) -> bool:
    """Whether the parties named in a proposal are the ones who agree to it ('A and B agreed to stop', 'the
    two men had agreed to a halt'), not only bound by it: 'Kovan agrees that A and B should stop' is one
    actor's assent, and makes the deal nobody's own. An agreement verb whose subject names fewer than two
    of the parties (their leaders stand for them) is such an assent."""
    for i in sentences:
        s, e = state.sents[i]
        for v in AGREE.finditer(state.text, s, e):
            subjects = [represented_country(state, x) or x if x.cls == "Person" else x
                        for x in clause_subjects(state, s, v.start())]
            if subjects and len(set(subjects) & set(parties)) < 2:
                return False
    return True


def told_again(found: list[Proposal], heads: dict[str, str], prop: Prop) -> Proposal | None:
    """A proposal of the article told before whose targets and duration are this one's, when this one has
    no proposer of its own: the same proposal told again ('The pause that Washington brokered lasted 30
    days. ... Kovan agrees that both sides should stop striking energy sites for 30 days')."""
    targets = {t.key for f in prop.frames for t in f.targets}
    duration = stated_duration(" ".join(f.evidence.sentence for f in prop.frames))
    if not targets:
        return None
    return next((p for p in found if set(p.targets) == targets and p.duration == duration
                 and heads.get(p.key) == prop.head), None)


def proposal_key(prop: Prop, by: list[Ent], targets: tuple[str, ...], duration: str | None) -> str:
    """An IRI key from normalised parts (head, duration, targets, proposers): the same proposal told by
    several articles gets the same key."""
    parts = [prop.head, *worded_as(prop), (duration or "").lower().replace(" ", "-"),
             *sorted(t.split("/")[-1] for t in targets)[:2], *sorted(e.key.split("/")[-1] for e in by)[:2]]
    return "proposal/" + slugify("-".join(p for p in parts if p))


KEY_WORDS = 5  # words of a condition's or demand's wording in its key


def worded_as(prop: Prop) -> list[str]:
    """A condition or a demand is told apart by what it asks, not by its kind and author: 'Condition:
    lifting sanctions on the bank' and 'Condition: an end to military aid', both Russia's, are two
    proposals with two IRIs (the first words of the wording; a truce's parts are its head, duration,
    targets and proposers)."""
    if prop.head not in ("condition", "demand"):
        return []
    wording = prop.name.split(":", 1)[-1]
    return re.findall(r"[a-z0-9]+", wording.lower())[:KEY_WORDS]


def dedupe_keys(proposals: list[Proposal]) -> list[Proposal]:
    """Two proposals of one article whose parts give the same key are one proposal: keep the first."""
    seen: dict[str, Proposal] = {}
    for p in proposals:
        seen.setdefault(p.key, p)
    return list(seen.values())


def same_proposal(prop: Prop, found: FoundProposal) -> bool:
    """A parsed mention joins a proposal already found when its head (or sentence) is the proposal's and
    nothing tells them apart ('the Easter truce' is not 'the three-day truce'; 'the truce' is either)."""
    if not found.action and prop.head != found.head:
        return False  # 'calls for a ceasefire, the return of all children and ...': each measure its own
    if {"condition", "demand"} & {prop.head, found.head}:  # a condition or a demand is its own proposal,
        # the same only by name
        return prop.head == found.head and prop.name.lower() == found.name.lower()
    if found.head in word_class("idea_nouns") and not found.reference and prop.parse_by and found.proposers \
            and not set(prop.parse_by) & set(found.proposers):
        return False  # "A's idea of a joint patrol" and "B's idea of hockey games": an idea is its author's
    if found.sentence in prop.sentences and (prop.markers.agrees(found.markers) or not prop.named):
        return True
    if found.reference and found.head in word_class("generic_proposal_heads"):  # 'the OSCE, which brokered
        # the deal': a bare general noun refers back (the latest first); "Zelensky's proposal" to his latest
        return not found.owned or bool(set(prop.parse_by) & set(found.proposers))
    if found.indefinite:  # 'Putin declares a three-day ceasefire': an indefinite noun brings in a new
        introduces = not prop.parse_by and bool(prop.sentences) and min(prop.sentences) > found.sentence
        return prop.head == found.head and (bool(set(prop.parse_by) & set(found.proposers)) or introduces) \
            and prop.markers.agrees(found.markers)  # proposal, unless its proposer pushes again for their own,
        # or it introduces one only told of later ('A proposed an Easter truce. Under the truce, B would ...')
    if prop.verb_told and not found.named:  # two proposals told by their verbs alone, in two sentences, are
        # one only as the same proposer's ('asked Putin to stop firing on Kyiv for a week' ... 'made a request
        # to Putin to refrain from strikes on Kyiv for a week'): 'agreed to avoid force against shipping' on
        # 25 March is not 'Zelensky proposes that both sides give up strikes' on 20 April
        return prop.head == found.head and bool(set(prop.parse_by) & set(found.proposers)) \
            and prop.markers.agrees(found.markers)
    return prop.head == found.head and prop.named and prop.markers.agrees(found.markers)


def varied_reference(props: list[Prop], found: FoundProposal) -> Prop | None:
    """'A proposed a 30-day moratorium ... the first breach of the pause': a bare definite truce noun with no
    proposal of its own head before it refers back to the latest truce told under another truce noun."""
    truces = word_class("truce_nouns")
    if found.head not in truces:
        return None
    told = [p for p in props if p.head in truces and min(p.sentences, default=0) <= found.sentence
            and p.markers.agrees(found.markers)]
    same_word = [p for p in told if found.head in re.findall(r"[\w-]+", p.name.lower())]  # 'a 30-day pause'
    return next(reversed(same_word or told), None)


def fold_bare_references(state: DocState, props: list[Prop]) -> list[Prop]:
    """'Kyiv is ready to accept an immediate 30-day ceasefire proposed by A. The truce would also halt the
    strikes on power plants': a proposal first told by a bare definite truce noun, with nothing but the
    restraint it tells and no proposal of its own noun before it, is the latest truce told before it under
    another noun (what it adds are that truce's commitments)."""
    truces = word_class("truce_nouns")
    out: list[Prop] = []
    for prop in props:
        first = min(prop.sentences, default=-1)
        host = None
        if prop.head in truces and not prop.parse_by and first >= 0 and bare_head_in(state, first, prop.head) \
                and not any(p.head == prop.head and min(p.sentences, default=first) < first for p in props):
            host = next((p for p in sorted(props, key=lambda p: min(p.sentences, default=-1), reverse=True)
                         if p.head in truces and min(p.sentences, default=first) < first and p.parse_by), None)
        if host is None:
            out.append(prop)
            continue
        host.frames += prop.frames
        host.sentences |= prop.sentences
        host.rules += [r for r in prop.rules if r not in host.rules]
    return out


def bare_head_in(state: DocState, sentence: int, head: str) -> bool:
    """Whether a sentence tells its proposal noun as a bare definite reference ('The truce would ...')."""
    return any(tok.lower_ == head and tok.pos_ == "NOUN" and is_bare_reference(tok)
               and not state.in_quote(p.offset + tok.idx) for p in state.parses.get(sentence, []) for tok in p.doc)


def add_scope_targets(state: DocState, props: list[Prop]) -> list[Prop]:
    """'the thirty-day energy moratorium' with no target named: the article's target of its scope."""
    scoped = {s: k for s, k in load_patterns()["scope_targets"].items() if not s.startswith("_")}
    for prop in props:
        if any(f.targets for f in prop.frames):
            continue
        scopes = set(prop.markers.words)
        if not scopes & scoped.keys() and prop.head in word_class("scoped_heads") and prop.sentences:
            scopes = scope_told_before(state, min(prop.sentences))
        targets = [state.ents[k] for s, k in scoped.items() if s in scopes and k in state.ents]
        if targets:
            first = min(prop.sentences) if prop.sentences else 0
            s, e = state.sents[first]
            prop.frames.append(Frame([], "strikes", targets, first, Evidence(state.text[s:e].strip(), s, e)))
    return props


def scope_told_before(state: DocState, sentence: int, back: int = 2) -> set[str]:
    """'Would Kyiv accept a broader energy truce? We accepted one in March, when the Americans brokered the
    thirty-day moratorium': a moratorium that names no scope has the scope of the proposal told in the
    nearest of the sentences just before it (or its own), when that sentence tells only one."""
    told, scopes = told_scope()
    for k in range(sentence, max(-1, sentence - back - 1), -1):
        s, e = state.sents[k]
        found = {scopes[w.lower()] for w in told.findall(state.text[s:e])}
        if found:
            return found if len(found) == 1 else set()
    return set()


@lru_cache(maxsize=1)
def told_scope() -> tuple[re.Pattern, dict[str, str]]:
    """'energy truce', 'air and sea ceasefire': a scope word just before a proposal head; scope words ->
    scopes ('full' left out: it narrows nothing)."""
    heads = "|".join(sorted(word_class("proposal_heads"), key=len, reverse=True))
    scopes = {w: scope for w, scope in scope_words().items() if scope != "full"}
    return re.compile(rf"\b({'|'.join(scopes)})\s+(?:[\w-]+\s+)?(?:{heads})s?\b", re.I), scopes


def add_mentioned_targets(props: list[Prop], mentions: list[TargetMention]) -> list[Prop]:
    """What a later mention's clause says a proposal covers: targets without a party of their own."""
    for m in mentions:
        prop = next((p for p in reversed(props) if p.named and p.head == m.head and p.markers.agrees(m.markers)),
                    None)
        if prop is not None and m.sentence not in prop.sentences:
            prop.frames.append(Frame([], "strikes", list(m.targets), m.sentence, m.evidence))
            prop.sentences.add(m.sentence)
    return props


def add_parsed(state: DocState, props: list[Prop]) -> list[Prop]:
    """Proposals the parse frames read: proposers for a proposal already found (same head or sentence),
    else a new proposal with the frame's parties and targets."""
    for found in parsed_proposals(state):
        prop = next((p for p in reversed(props) if same_proposal(p, found)), None) if found.reference else \
            next((p for p in props if same_proposal(p, found)), None)
        varied = varied_reference(props, found) if found.reference and prop is None else None
        if varied is not None and varied.parse_by:  # 'the pause that Putin had announced': who announced a
            found = replace(found, proposers=[])  # truce told before as another's is not its proposer
        prop = prop or varied
        if found.recommended and prop is not None and found.sentence not in prop.sentences:  # an op-ed's
            found = replace(found, proposers=[])  # author urging a proposal told of elsewhere ('should put a
            # real truce first') is not its author
        if found.reciprocal:  # a reciprocal offer: one commitment per side, its own proposal
            prop = Prop(found.head, found.name)
            props.append(prop)
            prop.frames += [Frame(party, found.action, targets, found.sentence, found.evidence)
                            for party, targets in found.sides]
        elif found.sides:  # 'under the deal, A will not ... and B will not ...': each side's part of it
            if prop is None:
                prop = Prop(found.head, found.name, markers=found.markers)
                props.append(prop)
            actions = found.side_actions or [found.action] * len(found.sides)
            prop.frames += [Frame(party, action, targets, found.sentence, found.evidence)
                            for (party, targets), action in zip(found.sides, actions, strict=True)]
        elif prop is None:
            prop = Prop(found.head, found.name, markers=found.markers, verb_told=not found.named)
            props.append(prop)
            prop.frames.append(Frame(found.parties, found.action, found.targets, found.sentence, found.evidence))
        elif found.parties or found.targets:
            if found.parties:  # the parse told who is to refrain: a proposer the window read as one is not
                for f in prop.frames:
                    if f.sentence == found.sentence and f.action == found.action:
                        f.parties = [e for e in f.parties if e in found.parties or e not in found.proposers]
            prop.frames.append(Frame(found.parties, found.action, found.targets, found.sentence, found.evidence))
        if prop.markers.empty() and not found.markers.empty():
            prop.markers, prop.name = found.markers, found.name  # the mention that tells which proposal it is
        prop.sentences.add(found.sentence)
        prop.both_sides = prop.both_sides or found.both_sides
        prop.parse_by += [e for e in found.proposers if e not in prop.parse_by]
        prop.brokers += [e for e in found.brokers if e not in prop.brokers]
        prop.rules += [r for r in found.rules if r not in prop.rules]
    return props
