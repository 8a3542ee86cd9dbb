"""Events: talks, agreements, attacks, violations and other dated happenings, one per kind and sentence.

Participants come from the sentence (for an attack: the attacker, e.g. 'Russian drones'); an attack that
names no attacker continues the previous one ('the same attack', 'a tanker ... was damaged'); a date
phrase like 'the same month' or 'earlier in the day' takes the date of the event before it."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract import dates
from kg.extract.agreements import implied_agreements
from kg.extract.event_frames import frame_events
from kg.extract.frames import load_frames
from kg.extract.proposers import warring_sides
from kg.extract.represents import with_side
from kg.extract.resources import load_patterns, word_class
from kg.extract.state import DocState, Ent, Mention, slugify
from kg.model import Event, Proposal

TRIGGERS = {
    "Talks": re.compile(r"\b(talks|meeting|meetings|summit|phone call|spoke (?:to|with)|met|meet|hosted|"
                        r"consultations|travelled|traveled|visited|three-way meeting)\b", re.I),
    "Agreement": re.compile(r"\b(agreed|accepted in principle|signed an? \w+|reached an agreement|struck a deal)\b",
                            re.I),
    "Attack": re.compile(r"\b(struck|hit|attacked|attacking|shelled|seized|bombed|damaged|destroyed|targeted|"
                         r"was cut by shelling|set fire)\b", re.I),
    "Violation": re.compile(r"\b(violation|violations|violated|breach(?:ed|ing|es)?|breaking the)\b", re.I),
    "Event": re.compile(r"\b(ordered|imposed|expired|suspended)\b", re.I),
}
HYPOTHETICAL = re.compile(r"\b(would|could|if|unless|whether|may|might|should|not expect|invitation|invited|"
                          r"asked for|possible|possibly|only once|due to|planned|plans? to|ready to|wants?|"
                          r"denied|denies|deny)\b",
                          re.I)
FUTURE_OK = re.compile(r"\b(due to|are to|is to|will)\s+(?:hold|meet)\b", re.I)
ANAPHORA = re.compile(r"\b(the same (?:attack|strike)|the attack|the strikes?)\b", re.I)
DEFINITE_TALKS = re.compile(r"\b(?:the|this|that)\s+(?:talks|meeting|session|summit|consultations)\s*$", re.I)
WEAPON = re.compile(r"\s+(?:[\w\-]+\s+){0,2}?(drones?|missiles?|forces|artillery|strikes?|attacks?|shelling|army|"
                    r"troops|jets|aircraft)\b", re.I)
LOCATION = re.compile(r"\b(?:in|at)\s+(?:the\s+)?((?:[A-Z][\w\-]+\s+)*[A-Z][\w\-]+(?:\s+region)?"
                      r"(?:,\s+(?:[A-Z][\w\-]+\s*)+)?)")
MONTH_OR_DAY = re.compile(r"(January|February|March|April|May|June|July|August|September|October|November|"
                          r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The)\b")


@dataclass
class Draft:
    """An event under construction."""

    kind: str
    sentence: int
    start: str | None
    end: str | None
    participants: list[Ent]
    targets: list[str]
    location: str | None
    accused_by: list[Ent] = field(default_factory=list)
    evidence: list[int] = field(default_factory=list)
    proposal: str | None = None
    rules: list[str] = field(default_factory=list)
    month_ok: bool = False  # a month is date enough ('in April the Kremlin declared the truce over')
    apart_from: int | None = None  # a gapped or distributed conjunct: never one event with its sentence's first


GAP_RULES = {"Talks": "event/gapped-meeting", "Agreement": "event/distributed-agreement"}


def sentence_mentions(state: DocState, start: int, end: int) -> list[Mention]:
    return [m for m in state.mentions_in(start, end, ("actor", "demonym")) if not m.in_quote and m.ent]


def attacker(state: DocState, mentions: list[Mention], start: int, end: int, trig: int) -> list[Ent]:
    """'Russian drones', 'accused Ukraine of', 'by Russia', or a country or force just before the verb."""
    text = state.text
    for m in mentions:
        if m.kind == "demonym" and WEAPON.match(text[m.end:m.end + 40]):
            return [m.ent]
    sentence = text[start:end]
    acc = re.search(r"\baccused\s+(?:each other|one another)", sentence)
    if acc:
        return list(dict.fromkeys(m.ent for m in mentions if m.kind == "actor" and m.ent.cls == "Country"
                                  and m.start < start + acc.start()))[:2]
    for pattern in (r"\baccused\s+", r"\b(?:attacked|struck|hit|violated|breached|launched|fired|carried out)\s+by\s+"):
        for hit in re.finditer(pattern, sentence):
            after = [m for m in mentions if m.start == start + hit.end() and m.kind == "actor"]
            if after and after[0].ent.cls in ("Country", "ArmedForces"):
                return [after[0].ent]
    if ANAPHORA.search(sentence) or text[trig:trig + 12].lower().startswith("violation"):
        return []
    near = [m for m in mentions if m.kind == "actor" and m.ent.cls in ("Country", "ArmedForces")
            and 0 <= trig - m.end <= 50]
    return [near[-1].ent] if near else []


def accusers(state: DocState, mentions: list[Mention], start: int, trig: int) -> list[Ent]:
    text = state.text[start:trig]
    if not re.search(r"\b(called|accused|said|says|describing|described|alleged)\b", text):
        return []
    return [m.ent for m in mentions if m.kind == "actor" and m.start < trig][:1]


def participants_for(state: DocState, kind: str, mentions: list[Mention], span: tuple[int, int],
                     trig: int) -> list[Ent]:
    start, end = span
    if kind in ("Attack", "Violation"):
        return attacker(state, mentions, start, end, trig)
    actors = [m.ent for m in mentions if m.kind == "actor" and m.ent.cls != "MediaOutlet"]
    if not actors:
        actors = [m.ent for m in mentions if m.kind == "demonym"]
    return list(dict.fromkeys(actors))


def location_of(sentence: str, trig: int = 0) -> str | None:
    """The first place named after the trigger ('in Odesa region'), else the first before it."""
    found = [m for m in LOCATION.finditer(sentence) if not MONTH_OR_DAY.match(m.group(1))]
    after = [m for m in found if m.start() >= trig]
    best = (after or found or [None])[0]
    if best is None:
        return None
    place = best.group(1).strip()
    if "," in place and speaker_follows(sentence, best.end()):
        place = place.split(",")[0]  # 'talks in Velna, Kordel said': the name after the comma is a speaker
    return place


def speaker_follows(sentence: str, end: int) -> bool:
    """Whether a speech verb comes next ('... in Velna, Kordel said'), or one word on ('Maria Kowalczyk said')."""
    words = sentence[end:].split()[:2]
    verbs = set(load_patterns()["speech_verbs"])
    return bool(words) and (words[0].strip(",.") in verbs or (len(words) > 1 and words[1].strip(",.") in verbs))


def is_heading(state: DocState, start: int, end: int) -> bool:
    """A line without closing punctuation: a heading or the title, not a sentence. A list item ends with a
    semicolon or a comma ('– on 27 March, a substation in Kherson, damaged in an attack;')."""
    line = state.text[start:end].strip()
    return not line.endswith((".", "!", "?", '"', "\u201d", "'", "\u2019", ")", ";", ","))


def triggered(state: DocState, kind: str, start: int, sentence: str) -> re.Match | None:
    for m in TRIGGERS[kind].finditer(sentence):
        pos = start + m.start()
        quote = state.quote_at(pos)
        if quote and len(state.text[quote[0]:quote[1]].split()) > 4:
            continue
        window = sentence[max(0, m.start() - 40):m.end()] + sentence[m.end():m.end() + 45].split(",")[0]
        before = sentence[:m.end()]
        if kind == "Talks" and (DEFINITE_TALKS.search(before) or re.search(r"(?<!due )\bto\s+\w+$", before)):
            continue
        if kind == "Attack" and re.search(r"\b(the|a|an|its|their)\s+$", sentence[:m.start()]):
            continue
        if kind not in ("Violation",) and HYPOTHETICAL.search(window) and not FUTURE_OK.search(window):
            continue
        if kind == "Attack" and re.search(r"\b(had|have|has) been\s+$", sentence[:m.start()]):
            continue
        return m
    return None


def resolve_dates(state: DocState, sentence: str, trig: re.Match, drafts: list[Draft]) -> tuple[str | None, ...]:
    """The first date phrase after the trigger, else before it; 'the same month' takes the last event's."""
    if dates.SAME_PERIOD.search(sentence):
        dated = [d for d in drafts if d.start]
        if dated:
            return dated[-1].start, None
    return dates.resolve(sentence[trig.start():] + " " + sentence[:trig.start()], state.ref)


def continues_attack(state: DocState, draft: Draft, drafts: list[Draft], sentence: str) -> Draft | None:
    """The previous attack this one continues: 'the same attack', or no attacker and no new date."""
    previous = next((d for d in reversed(drafts) if d.kind == "Attack"), None)
    if previous is None or draft.sentence - previous.sentence > 3:
        return None
    if ANAPHORA.search(sentence) and (draft.start is None or draft.start == previous.start):
        return previous
    if previous.sentence == draft.sentence and previous.targets and draft.targets and \
            not set(previous.targets) & set(draft.targets):
        return None  # 'Ukraine hit the station and drones heading for the refinery were shot down': a second act
    if not draft.participants and (draft.start is None or draft.start == previous.start):
        return previous
    return None


def add_draft(state: DocState, drafts: list[Draft], draft: Draft, sentence: str) -> None:
    if draft.kind == "Attack":
        previous = continues_attack(state, draft, drafts, sentence)
        if previous is not None:
            previous.targets += [t for t in draft.targets if t not in previous.targets]
            previous.evidence.append(draft.sentence)
            return
        if not draft.participants:
            earlier = next((d for d in reversed(drafts) if d.kind == "Attack" and d.participants), None)
            if earlier is not None and draft.sentence - earlier.sentence <= 3:
                draft.participants = list(earlier.participants)
    if draft.kind == "Violation" and not draft.participants:
        attack = next((d for d in reversed(drafts) if d.kind == "Attack"), None)
        if attack is None or draft.sentence - attack.sentence > 1 or not ANAPHORA.search(sentence):
            return
        draft.participants, draft.start = list(attack.participants), draft.start or attack.start
    if draft.kind in ("Attack",) and not (draft.participants or draft.targets):
        return
    if draft.kind in ("Talks", "Agreement", "Event") and not draft.participants:
        return
    if draft.kind == "Event" and not (draft.start and (len(draft.start) == 10 or draft.month_ok)):
        return
    drafts.append(draft)


MUTUAL = re.compile(r"\b(mutual|each other|one another|both sides)\b", re.I)
PROPOSAL_HEADS = re.compile(r"\b(moratorium|ceasefire|cease-fire|truce|armistice|pause|deal)\b", re.I)


def proposal_for(state: DocState, idx: int, proposals: list[Proposal]) -> Proposal | None:
    """The proposal a sentence is about: one drawn from this sentence, else the one its head noun names."""
    start, end = state.sents[idx]
    for p in proposals:
        if any(ev.start == start for ev in p.evidence):
            return p
    head = PROPOSAL_HEADS.search(state.text[start:end])
    if head:
        named = [p for p in proposals if head.group(1).lower() in p.name.lower()]
        return named[-1] if named else None
    return None


def link_proposal(state: DocState, draft: Draft, sentence: str, proposals: list[Proposal]) -> None:
    """Agreements and violations point to their proposal; 'mutual accusations' name its parties."""
    if draft.kind not in ("Agreement", "Violation"):
        return
    p = proposal_for(state, draft.sentence, proposals)
    if p is None:
        return
    draft.proposal = p.key
    if MUTUAL.search(sentence) and len(draft.participants) < 2:
        parties = [state.ents[c.party] for c in p.commitments if c.party in state.ents]
        draft.participants = list(dict.fromkeys(parties)) or draft.participants


def regex_drafts(state: DocState, idx: int, drafts: list[Draft]) -> Iterator[Draft]:
    """Fast mode (no parse): events from surface triggers."""
    start, end = state.sents[idx]
    sentence = state.text[start:end]
    mentions = sentence_mentions(state, start, end)
    for kind in TRIGGERS:
        m = triggered(state, kind, start, sentence)
        if not m:
            continue
        begin, finish = resolve_dates(state, sentence, m, drafts)
        who = participants_for(state, kind, mentions, (start, end), start + m.start())
        targets = [mm.ent.key for mm in state.mentions_in(start, end, ("target",))]
        draft = Draft(kind, idx, begin, finish, who, list(dict.fromkeys(targets)),
                      location_of(sentence, m.start()), evidence=[idx], rules=[f"event/regex-{kind.lower()}"])
        if kind in ("Violation", "Attack"):
            draft.accused_by = [e for e in accusers(state, mentions, start, start + m.start()) if e not in who]
        yield draft


def parsed_drafts(state: DocState, idx: int, drafts: list[Draft]) -> Iterator[Draft]:
    """Events from the frames over the parse; talks without read participants take the sentence's actors."""
    start, end = state.sents[idx]
    sentence = state.text[start:end]
    mentions = sentence_mentions(state, start, end)
    founds = list(frame_events(state, idx))
    for found in founds:
        who = found["who"]
        if not who and found["cls"] == "Talks":  # 'hosting the second round of direct talks between A and B':
            who = next((list(f["who"]) for f in founds if f["cls"] == "Talks" and f["who"]  # one event, whose
                        and f["start"] == found["start"]), [])  # participants one of its triggers reads
        if not who and found["series"]:  # 'the next round of trilateral talks': those of the last talks
            who = next((list(d.participants) for d in reversed(drafts) if d.kind == "Talks"), [])
        if not who and found["both_sides"]:  # 'both capitals accepted it': the two sides of the conflict
            sides = warring_sides(state, [])
            who = sides[:2] if len(sides) >= 2 else []
        if not who and found["cls"] in ("Talks", "Agreement"):
            who = participants_for(state, found["cls"], mentions, (start, end), found["pos"])
        if found["one_more"]:  # 'another drone hit ...': the side of the attack told just before
            who = next((list(d.participants) for d in reversed(drafts) if d.kind == "Attack" and d.participants
                        and sentences_between(state, d.sentence, idx) <= AGENTLESS_WINDOW), [])
        if found["refers_back"]:
            claim_attack(state, drafts, idx, who)
            continue
        first, gaps = found["gapped"]
        gapped = {e for g in gaps for e in g.partners}
        who = [w for w in who if w not in gapped]
        begin, finish = found["start"], found["end"]
        if found["inherit"]:
            begin = date_told_before(state, drafts, idx, 2, anaphoric=True)  # 'the same day', 'that night'
        for day in [begin, *found["also"]]:  # 'the strikes of 9 and 20 January': one attack a day
            # the sentence's place is of the act it tells, not of the earlier one 'first ... since' presupposes
            place = None if found["earlier"] else location_of(sentence, found["pos"] - start)
            yield Draft(found["cls"], idx, day, finish if day == begin else None, list(who), list(found["targets"]),
                        place, accused_by=list(found["accused_by"]),
                        evidence=[idx], rules=[found["rule"]], month_ok=found["month_ok"])
        for gap in gaps:  # 'meet A on Sunday and B there on Monday': one meeting more, with B, on Monday
            met = [w for w in who if w not in first] + list(gap.partners)
            yield Draft(found["cls"], idx, gap.start, None, met, [], location_of(sentence, found["pos"] - start),
                        evidence=[idx], rules=[found["rule"], GAP_RULES[found["cls"]]], apart_from=idx)


def claim_attack(state: DocState, drafts: list[Draft], idx: int, who: list[Ent]) -> None:
    """'Explosions hit two tankers ... A source said the agency's drones had carried out the strikes': the
    attack told just before with nobody doing it was done by whom the claim names."""
    told = next((d for d in reversed(drafts) if d.kind == "Attack" and d.sentence <= idx
                 and sentences_between(state, d.sentence, idx) <= AGENTLESS_WINDOW), None)
    if told is not None and not told.participants:
        told.participants = list(who)
        told.evidence += [idx] if idx not in told.evidence else []
        told.rules += ["event/claimed-attack"]


def same_event(a: Draft, b: Draft, state: DocState) -> bool:
    """Two mentions of one event in an article: same kind and date, and shared participants or targets.
    For an agreement a leader counts for the country they act for ('Putin accepted the moratorium on
    Tuesday' and 'Russia agreed on Tuesday' tell one agreement); for an attack they do not (who struck
    is contested)."""
    if a.kind != b.kind or a.start != b.start or a.start is None:
        return False
    if a.sentence == b.sentence and (a.apart_from is None) != (b.apart_from is None):
        return False  # 'separate agreements with A and B': the conjuncts are two events, not one
    if a.kind in ("Attack", "Violation"):  # strikes on different things the same day are different strikes
        if a.participants and b.participants and not set(a.participants) & set(b.participants):
            return False  # and strikes by different sides are different strikes
        return bool(set(a.targets) & set(b.targets)) or (not a.targets and not b.targets and
                                                        a.sentence == b.sentence and
                                                        set(a.participants) == set(b.participants))
    if a.kind == "Agreement" and a.proposal and b.proposal and a.proposal != b.proposal:
        return False  # 'a Black Sea ceasefire was accepted in March ... a separate moratorium agreed the same
    pa, pb = set(a.participants), set(b.participants)  # month': two agreements, on two proposals
    if a.kind == "Agreement" and pa and pb and not pa & pb:
        pa, pb = set(with_side(state, a.participants)), set(with_side(state, b.participants))
    if a.kind == "Talks" and pa and pb:  # the same day, Ukraine met Russia and, separately, Britain
        return pa <= pb or pb <= pa or len(pa & pb) >= 2
    return bool(pa & pb) or bool(set(a.targets) & set(b.targets)) or \
        not (a.participants and b.participants)  # 'Monday's meeting' with nobody named: the talks of that day


def absorb(into: Draft, d: Draft) -> None:
    """One event told twice: what the second telling adds joins the first."""
    into.participants += [p for p in d.participants if p not in into.participants]
    into.targets += [t for t in d.targets if t not in into.targets]
    into.accused_by += [a for a in d.accused_by if a not in into.accused_by]
    into.evidence += [i for i in d.evidence if i not in into.evidence]
    into.rules += [r for r in d.rules if r not in into.rules]
    into.proposal = into.proposal or d.proposal


def merge_draft(drafts: list[Draft], draft: Draft, state: DocState) -> bool:
    for d in drafts:
        if same_event(d, draft, state):
            absorb(d, draft)
            return True
    return False


def extract_events(state: DocState, proposals: list[Proposal] | tuple[Proposal, ...] = ()) -> list[Event]:
    """Every event the article reports, in text order; one event per real event."""
    drafts: list[Draft] = []
    proposals = list(proposals)
    for idx, (start, end) in enumerate(state.sents):
        sentence = state.text[start:end]
        if len(sentence.split()) < 5 or is_heading(state, start, end):
            continue
        reader = parsed_drafts if idx in state.parses else regex_drafts
        for draft in list(reader(state, idx, drafts)):
            link_proposal(state, draft, sentence, proposals)
            if not merge_draft(drafts, draft, state):
                add_draft(state, drafts, draft, sentence)
    drafts = date_from_context(state, drafts)
    drafts = join_agentless(state, drafts)
    drafts += agreement_drafts(state, drafts, proposals)
    drafts = fold_month_agreements(state, drafts)
    for d in drafts:  # 'Putin agreed': a leader's agreement binds the country they act for
        if d.kind == "Agreement":
            d.participants = list(dict.fromkeys(with_side(state, d.participants)))
    return distinct_keys([to_event(state, d) for d in drafts + attacks_in_breach(state, drafts)], proposals)


def distinct_keys(events: list[Event], proposals: list[Proposal]) -> list[Event]:
    """Two agreements of one month and the same parties on two proposals would share a key and a label
    (kind, date, parties): each such one takes its proposal's key as a last part of its key and the
    proposal's name into its label ('Agreement of A and B on Black Sea ceasefire, 2025-03')."""
    count = Counter(e.key for e in events)
    names = {p.key: p.name for p in proposals}
    out = []
    for e in events:
        if count[e.key] > 1 and e.proposal:
            head, _, date = e.name.rpartition(", ")
            name = f"{head} on {names[e.proposal]}, {date}" if e.proposal in names and head else e.name
            e = dataclasses.replace(e, key=f"{e.key}-{slugify(e.proposal.split('/')[-1])}", name=name)
        out.append(e)
    return out


AGENTLESS_WINDOW = 3  # sentences back (not counting paragraph breaks) an agentless attack looks for its attack


def sentences_between(state: DocState, first: int, last: int) -> int:
    """How many sentences with words come after sentence `first` up to `last`."""
    return sum(1 for s, e in state.sents[first + 1:last + 1] if state.text[s:e].strip())


def join_agentless(state: DocState, drafts: list[Draft]) -> list[Draft]:
    """'Russian missiles struck gas facilities on Monday. The same attack damaged two substations';
    'Drones hit the region overnight. Two substations had been hit': an attack told with nobody doing it,
    on the day of an attack by a named side just told, goes on telling that attack (its targets join it)."""
    out: list[Draft] = []
    for d in drafts:
        told = next((o for o in reversed(out) if o.kind == "Attack" and o.participants and o.start == d.start
                     and o.sentence <= d.sentence
                     and sentences_between(state, o.sentence, d.sentence) <= AGENTLESS_WINDOW), None) \
            if d.kind == "Attack" and not d.participants and d.start else None
        if told is None:
            out.append(d)
        else:
            absorb(told, d)
    return out


def fold_month_agreements(state: DocState, drafts: list[Draft]) -> list[Draft]:
    """'the moratorium that both sides accepted in March' and 'agreed after Putin spoke to Trump on 18
    March': an agreement told only by its month is the agreement of a day in that month that the article
    tells with the same parties (two of them at least, a leader counting for their country)."""
    days = [d for d in drafts if d.kind == "Agreement" and d.start and len(d.start) == 10]
    out = []
    for d in drafts:
        month = d.kind == "Agreement" and d.start is not None and len(d.start) == 7
        mine = set(with_side(state, d.participants)) if month else set()
        same = next((o for o in days if o.start[:7] == d.start
                     and len(mine & set(with_side(state, o.participants))) >= 2), None) if month else None
        if same is None:
            out.append(d)
        else:
            absorb(same, d)
    return out


def agreement_drafts(state: DocState, drafts: list[Draft], proposals: list[Proposal]) -> list[Draft]:
    """Agreements the agreed proposals imply and the article does not already tell (same month, a shared
    participant); a told agreement gets the proposal it was about."""
    out = []
    for a in implied_agreements(state, proposals):
        told = [d for d in drafts if d.kind == "Agreement" and d.start and d.start[:7] == a.start[:7]
                and d.proposal in (None, a.proposal)
                and set(with_side(state, d.participants)) & set(with_side(state, a.participants))]
        for d in told:  # 'Putin agreed' told, the proposal of the US and Russia agreed: one agreement of all
            d.proposal = d.proposal or a.proposal
            d.participants += [p for p in a.participants if p not in d.participants]
        if not told and a.participants:
            out.append(Draft("Agreement", a.sentence, a.start, a.end, list(a.participants), [], None,
                             evidence=[a.sentence], proposal=a.proposal, rules=["event/agreed-proposal"]))
    return out


BREACH_CONTEXT = re.compile(r"\b(?:despite|in spite of|in violation of|in breach of|breach(?:es|ed)? of|"
                            r"violat\w+|breach\w*)\b[^.;]{0,60}?\b(moratorium|truce|ceasefire|cease-fire|pause|"
                            r"commitments?|agreements?|pledge)\b|\b(?:breach|violation)\b", re.I)


def attacks_in_breach(state: DocState, drafts: list[Draft]) -> list[Draft]:
    """In an article that reports attacks as breaches of a truce ('attacked four times in spite of the
    moratorium', 'described as a breach'), each dated attack by an accused side is also an alleged violation
    (same date, side and target). The accused are those the article's violations name, else the attackers."""
    if not any(BREACH_CONTEXT.search(state.text[s:e]) for s, e in state.sents if not state.in_quote(s)):
        return []
    violations = [d for d in drafts if d.kind == "Violation"]
    accused = {e for d in violations for e in d.participants}
    out = []
    for d in drafts:
        if d.kind != "Attack" or not d.participants or not (d.start or list_item_first(state, d.sentence) >= 0):
            continue
        if accused and not set(d.participants) <= accused:
            continue
        if any(v.start == d.start and set(v.participants) == set(d.participants) and
               (set(v.targets) & set(d.targets) or not v.targets or not d.targets) for v in violations):
            continue
        out.append(Draft("Violation", d.sentence, d.start, d.end, list(d.participants), list(d.targets),
                         d.location, accused_by=list(d.accused_by), evidence=list(d.evidence),
                         proposal=d.proposal, rules=["event/attack-in-breach"]))
    return out


def date_from_context(state: DocState, drafts: list[Draft]) -> list[Draft]:
    """An undated event takes the date of the dated event told just before it (narrative order: 'Before that
    he held talks...'), moved by an anchored offset ('the next day', 'two days earlier'); failing that, an
    attack in a live blog's time-stamped entry takes the blog's day (the talks and deals an entry recaps do
    not: they are dated where first told); an agreement of parties who met before, the date of their talks;
    one with no dated event near it cannot be told apart or joined and is left out.
    Without an article date nothing relative can be dated, so undated events stay as they are."""
    if state.article.date is None:
        return drafts
    out = []
    for d in drafts:
        talks = (followed_talks(state, drafts, d) or reached_at(state, out, d)) if d.start is None else None
        if talks is not None:
            d.start, d.end = talks.start, talks.end
        if d.start is None:
            s, e = state.sents[d.sentence]
            offset = dates.anchored_offset(state.text[s:e])
            anaphoric = offset is not None or bool(dates.SAME_PERIOD.search(state.text[s:e]))
            first = list_item_first(state, d.sentence)
            window = min(5 if offset else 2, d.sentence - first)
            told = date_told_before(state, out, d.sentence, window, anaphoric)
            if told is None and d.kind in ("Attack", "Violation"):  # a strike a live blog's entry reports is
                told = dates.clock_entry_day(state.text, s, state.ref)  # of the blog's day; talks and deals it
            if told is None and first >= 0 and not offset and in_list_of_dated(state, out, d):
                out.append(d)  # an item of a list of dated acts whose date is not told: undated, never
                continue  # its neighbour's date
            if told is None:
                continue
            d.start = dates.shift(told, offset) if offset else told
            if d.start is None:
                continue
        out.append(d)
    return out


LIST_MARK = re.compile(r"[ \t]*[-•*–][ \t]+")


def list_item_first(state: DocState, sentence: int) -> int:
    """The first sentence of the list item a sentence is in ('- The ministry accused ...'), or -1 outside a
    list: the items of a list are not a narrative, so one item's date does not carry to the next."""
    s, _ = state.sents[sentence]
    line = state.text.rfind("\n", 0, s) + 1
    if not LIST_MARK.match(state.text, line):
        return -1
    return next(i for i, (a, b) in enumerate(state.sents) if b > line)


def list_block(state: DocState, sentence: int) -> int:
    """Where the list a sentence's item belongs to begins (its first item's line), or -1 outside a list."""
    s, _ = state.sents[sentence]
    line = state.text.rfind("\n", 0, s) + 1
    if not LIST_MARK.match(state.text, line):
        return -1
    while line > 0:
        above = state.text.rfind("\n", 0, line - 1) + 1
        if not LIST_MARK.match(state.text, above):
            break
        line = above
    return line


def in_list_of_dated(state: DocState, dated: list[Draft], d: Draft) -> bool:
    """'- on 27 March, equipment damaged in an attack; - a plant hit in an attack;': an item of a list
    whose other items tell dated events of its kind is one act more, its date untold."""
    block = list_block(state, d.sentence)
    return block >= 0 and any(o.kind == d.kind and o.start and list_block(state, o.sentence) == block
                              for o in dated)


def followed_talks(state: DocState, drafts: list[Draft], d: Draft) -> Draft | None:
    """'the ceasefire agreed following the consultations in Riyadh': an undated agreement told as coming
    after talks is of the day those talks ended; the talks are the article's dated ones at the place the
    phrase names (else its only dated talks), told anywhere in the article."""
    if d.kind != "Agreement":
        return None
    for parsed in state.parses.get(d.sentence, ()):
        for prep in (t for t in parsed.doc if t.dep_ == "prep" and t.lower_ in ("after", "following")):
            nouns = [g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() in word_class("talks_nouns")]
            if not nouns:
                continue
            places = {g.text for n in nouns for p in n.children if p.dep_ == "prep" and p.lower_ in ("in", "at")
                      for g in p.subtree if g.pos_ == "PROPN"}
            talks = [t for t in drafts if t.kind == "Talks" and t.start and
                     (t.location in places if places else True)]
            if len(talks) == 1 or (places and talks):
                found = talks[-1]
                return dataclasses.replace(found, start=found.end or found.start, end=None)
    return None


def reached_at(state: DocState, dated: list[Draft], d: Draft) -> Draft | None:
    """'The call ended on Tuesday evening. ... Trump wrote that the two men had agreed to a halt': an undated
    agreement between two or more parties who all took part in talks told before it was reached at the
    latest such talks."""
    if d.kind != "Agreement" or len(d.participants) < 2:
        return None
    parties = set(with_side(state, d.participants))
    return next((t for t in reversed(dated) if t.kind == "Talks" and t.start and t.sentence < d.sentence
                 and parties <= set(with_side(state, t.participants))), None)


def date_told_before(state: DocState, dated: list[Draft], sentence: int, window: int,
                     anaphoric: bool = False) -> str | None:
    """The date the narrative last told before a sentence: a dated event's; for a sentence that dates
    itself from the narrative ('that night', 'the next day'), also a date the text states ('March 13 —
    Putin says ... That night he receives Witkoff': March 13)."""
    same = [p.start for p in dated if p.start and p.sentence == sentence]
    if same:
        return same[-1]
    for k in range(sentence - 1, max(-1, sentence - window - 1), -1):
        events = [p.start for p in dated if p.start and p.sentence == k]
        if events:
            return events[-1]
        s, e = state.sents[k]
        if anaphoric and not state.in_quote(s):
            told = dates.last_date(state.text[s:e], state.ref)
            if told:
                return told
    return None


def party_names(state: DocState, keys: list[Ent]) -> str:
    names = [e.name for e in keys][:3]
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else (names[0] if names else "")


def event_label(state: DocState, d: Draft) -> str:
    """A readable name from the event's parts: 'Attack by Russia on the Zmiivska thermal power plant, 2025-04-03'."""
    target = next((state.ents[t].name for t in d.targets if t in state.ents), None)
    who = party_names(state, d.participants)
    if d.kind == "Attack":
        core = "Attack" + (f" by {who}" if who else "") + (f" on {target}" if target else "")
    elif d.kind == "Talks":
        core = "Talks" + (f" between {who}" if len(d.participants) > 1 else f" with {who}" if who else "")
        core += f" in {d.location}" if d.location else ""
    elif d.kind == "Violation":
        core = "Violation (alleged)" + (f" by {who}" if who else "") + (f", attack on {target}" if target else "")
    elif d.kind == "Agreement":
        core = "Agreement" + (f" of {who}" if who else "")
    else:
        label = frame_label(d.rules)  # 'Event: withdrawal from a deal by Russia': the kind first, as every label
        core = (f"Event: {label[:1].lower()}{label[1:]}" + (f" by {who}" if who else "")) if label else \
            "Event" + (f" involving {who}" if who else "")
    return core + (f", {d.start}" if d.start else "")


def frame_label(rules: list[str]) -> str | None:
    """What the frame that read an event calls that kind of event (attrs.label: 'Withdrawal from a deal')."""
    labels = frame_labels()
    return next((labels[r] for r in rules if r in labels), None)


@lru_cache(maxsize=1)
def frame_labels() -> dict[str, str]:
    """Frame id -> its event label, for the frames that give one (read once)."""
    return {f.id: f.attrs["label"] for f in load_frames() if f.attrs.get("label")}


def event_key(state: DocState, d: Draft) -> str:
    """An IRI key from normalised parts (kind, date, target or place, parties), the same in every article
    that reports the event; an undated event stays local to its article (no safe way to join it)."""
    anchor = sorted(t.split("/")[-1] for t in d.targets)[:1] if d.kind in ("Attack", "Violation") else []
    parties = sorted(e.key.split("/")[-1] for e in d.participants)[:3]
    parts = [d.kind.lower(), d.start or f"undated-{state.article.id}", *anchor, *parties]
    return "event/" + slugify("-".join(parts))


def to_event(state: DocState, d: Draft) -> Event:
    return Event(key=event_key(state, d), name=event_label(state, d),
                 cls=d.kind, start=d.start, end=d.end, location=d.location,
                 participants=tuple(e.key for e in d.participants), targets=tuple(d.targets),
                 accused_by=tuple(e.key for e in d.accused_by), proposal=d.proposal,
                 evidence=tuple(state.evidence(state.sents[i][0]) for i in d.evidence),
                 extracted_by=tuple(dict.fromkeys(d.rules)))
