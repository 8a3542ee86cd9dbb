"""Claims across sides: alleged violations of a proposal and contested attributions of attacks.

Violations: 'X accused Y of violating the moratorium (by striking Z)', 'X and Y accused each other of
breaching it', 'X called the attack a violation', 'X said Y had broken the truce', 'a Russian drone hit
the plant, a breach of the pause'. Each becomes a Violation event with the proposal it breaks
(`Event.proposal`), the accused, the accuser, the date of the act and the attack that is the breach.

Attributions: a source saying who carried out an attack ('the ministry said Ukrainian units had blown
up the station'). They are attributions where the article disputes who did it: a contested cue in the
sentence or the next one ('groundless', 'staged', 'so that Ukraine would be blamed'), or two claims
naming different attackers of the same target; other claims stay plain claims, which resolution turns
into attributions when another article's claim about the same event names another attacker.
Rules: story-patterns.json accusation_rules, attribution_rules."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from kg.extract.proposal_identity import duration_days
from kg.extract.represents import with_side
from kg.extract.sources import resolve_phrase
from kg.extract.state import DocState, Ent, Mention, slugify
from kg.extract.storyrefs import Refs, families, fits, proposal_kind, sentence_date, side_of, story_patterns
from kg.ingest.ids import sha1
from kg.model import Attribution, Event

ACTOR_KINDS = ("actor", "demonym")


@lru_cache(maxsize=2)
def speech_verb() -> re.Pattern:
    return re.compile(story_patterns()["claim_context"]["pattern"].replace("according to", "according to|told|"
                                                                          "added|described|called|accused"), re.I)


@lru_cache(maxsize=2)
def pronoun() -> re.Pattern:
    return re.compile(story_patterns()["speech_pronouns"]["pattern"], re.I)


@lru_cache(maxsize=2)
def rules(section: str) -> list[tuple[str, re.Pattern]]:
    return [(r["id"], re.compile(r["pattern"], re.I)) for r in story_patterns()[section]]


@lru_cache(maxsize=2)
def rule_flags() -> dict[str, dict]:
    return {r["id"]: r for r in story_patterns()["accusation_rules"]}


def actors_in(state: DocState, start: int, end: int) -> list[Mention]:
    return [m for m in state.mentions_in(start, end, ACTOR_KINDS)
            if m.ent is not None and not m.in_quote and m.ent.cls != "MediaOutlet"]


def sent_of(state: DocState, ev: Event) -> int:
    return state.sent_index(ev.evidence[0].start) if ev.evidence else -1


def nearest_attack(state: DocState, events: list[Event], idx: int, back: int = 2) -> Event | None:
    """The attack reported in sentence idx, else in the sentences just before it."""
    for i in range(idx, idx - back - 1, -1):
        hits = [e for e in events if e.cls == "Attack" and sent_of(state, e) == i]
        if hits:
            return hits[0]
    return None


UNSAID = re.compile(r"\b(?:not|never|neither|nobody|no one|none)\b(?:\s+\w+){0,2}\s*$|n't\s+$", re.I)


class Claims:
    """Violations and attributions of one article, built sentence by sentence."""

    def __init__(self, state: DocState, refs: Refs, events: list[Event]):
        self.state, self.refs, self.events = state, refs, list(events)
        self.violations: list[Event] = []
        self.attributions: list[Attribution] = []

    def subject(self, start: int, pos: int, exclude: tuple[Ent, ...] = ()) -> list[Ent]:
        """Who makes the claim: the subject of the sentence's reporting verb ('the ministry said, calling
        it a breach'; 'it said' stands for the actor named before), else the first actor before `pos`,
        else the accuser of the last accusation, else the previous sentence's first actor."""
        state = self.state
        end = state.sents[state.sent_index(start)][1]
        for v in speech_verb().finditer(state.text, start, end):
            if state.in_quote(v.start()):
                continue
            near = [m for m in actors_in(state, max(start, v.start() - 60), v.start()) if m.ent not in exclude]
            if near:
                return [near[-1].ent]
            pron = pronoun().search(state.text, max(start, v.start() - 25), v.end())
            if pron:
                ent = resolve_phrase(state, pron.group(1), start)
                if ent is not None and ent not in exclude:
                    return [ent]
        found = [m for m in actors_in(state, start, pos) if m.ent not in exclude]
        if found:
            return [found[0].ent]
        last = self.violations[-1] if self.violations else None
        if last is not None and sent_of(state, last) >= state.sent_index(start) - 2 and last.accused_by:
            return [state.ents[k] for k in last.accused_by[:1] if k in state.ents]
        idx = state.sent_index(start)
        if idx > 0:
            prev = [m for m in actors_in(state, *state.sents[idx - 1]) if m.ent not in exclude]
            return [prev[0].ent] if prev else []
        return []

    def proposal_at(self, idx: int) -> str | None:
        """The proposal sentence idx refers to, else the one the sentences just before refer to."""
        for i in range(idx, max(-1, idx - 4), -1):
            key = self.refs.at(i)
            if key:
                return key
        return None

    def unclaimed_violation(self, idx: int, act: Event | None) -> Event | None:
        """The violation the event extractor found that an accusation of `act` told in sentence idx is
        about: the one of that very act (same date and target, wherever it was told), else one in the
        sentence whose act could be this one. A sentence that tells three attacks has three breaches:
        the accusation of the second is never given to the first's."""
        own = [e for e in self.events if e.cls == "Violation" and not e.rules]
        if act is not None and act.targets:
            same = [e for e in own if e.start == act.start and set(e.targets) == set(act.targets)
                    and set(e.participants) <= set(act.participants)]
            if same:
                return same[0]
        here = [e for e in own if sent_of(self.state, e) == idx]
        if act is not None:
            here = [e for e in here if not (e.targets and act.targets and set(e.targets).isdisjoint(act.targets))]
        return here[0] if here else None

    def add_violation(self, idx: int, rid: str, accused: list[Ent], accusers: list[Ent],
                      act: Event | None, proposal: str | None = None, existing: Event | None = None) -> None:
        state = self.state
        start, _ = state.sents[idx]
        existing = existing or self.unclaimed_violation(idx, act)
        date = (act.start if act is not None else None) or (existing.start if existing is not None else None) \
            or sentence_date(state, idx)
        proposal = truce_in_force(state, self.refs, proposal or self.proposal_at(idx), date, start,
                                  struck_families(state, act.targets if act is not None else ()))
        accused = [e for e in accused if e not in accusers]
        if proposal is None or not accused:
            return
        accused_keys = tuple(e.key for e in with_side(state, accused))
        accuser_keys = tuple(e.key for e in with_side(state, accusers) if e.key not in accused_keys)
        fields = dict(accused=accused_keys, accused_by=accuser_keys, proposal=proposal, start=date,
                      violation_act=act.key if act is not None else None, rules=(rid,),
                      participants=accused_keys, targets=act.targets if act is not None else ())
        if existing is not None:
            new = replace(existing, **fields)
            self.events[self.events.index(existing)] = new
            self.violations.append(new)
            return
        who = "-".join(k.split("/")[-1] for k in accused_keys[:1])
        number = state.sentence_number(idx)
        key = f"event/{state.article.id}-violation-{number}-{who}-{sha1(rid + ''.join(accuser_keys))[:6]}"
        if any(e.key == key for e in self.events):
            return
        name = violation_label(state, accused_keys, accuser_keys, date)
        new = Event(key=key, name=name, cls="Violation", evidence=(state.evidence(start),), **fields)
        self.events.append(new)
        self.violations.append(new)

    def mutual(self, idx: int, rid: str, act: Event | None) -> bool:
        """'amid mutual accusations of violations': the sides the proposal binds accuse each other."""
        key = self.proposal_at(idx)
        p = self.refs.get(key) if key else None
        props = [p] if p is not None and p.commitments else [q for q in self.refs.proposals if q.commitments]
        sides = list(dict.fromkeys(self.state.ents[c.party] for q in props for c in q.commitments
                                   if c.party in self.state.ents and self.state.ents[c.party].cls == "Country"))
        if len(sides) != 2:  # no commitments: the two countries the article names most, not the proposal's broker
            brokers = set(p.proposed_by) if p is not None else set()
            count: dict[Ent, int] = {}
            for m in self.state.mentions:
                if m.ent is not None and m.ent.cls == "Country" and not m.in_quote and m.ent.key not in brokers:
                    count[m.ent] = count.get(m.ent, 0) + 1
            sides = sorted(count, key=lambda e: (-count[e], e.key))[:2]
        if len(sides) != 2:
            return False
        a, b = sides
        self.add_violation(idx, rid, [b], [a], act)
        self.add_violation(idx, rid, [a], [b], act)
        return True

    def violations_in(self, idx: int) -> None:
        start, end = self.state.sents[idx]
        sentence = self.state.text[start:end]
        done = False
        for rid, pattern in rules("accusation_rules"):
            for m in pattern.finditer(sentence):
                if self.state.in_quote(start + m.start()) or done:
                    continue
                done = self.accusation(idx, rid, m)

    def accusation(self, idx: int, rid: str, m: re.Match) -> bool:
        start, end = self.state.sents[idx]
        state = self.state
        act = nearest_attack(state, self.events, idx, back=0 if rid != "claim/called-a-violation" else 2)
        if rid == "claim/accused-each-other":
            before = actors_in(state, start, start + m.start())
            sides = list(dict.fromkeys(side_of(state, x.ent) or x.ent for x in before))
            if len(sides) < 2:
                return False
            a, b = sides[:2]
            self.add_violation(idx, rid, [b], [a], act)
            self.add_violation(idx, rid, [a], [b], act)
            return True
        flags = rule_flags().get(rid, {})
        if flags.get("mutual"):
            return self.mutual(idx, rid, act)
        if flags.get("subject_is_accused"):
            before = [x for x in actors_in(state, max(start, start + m.start() - 30), start + m.start())]
            if not before:
                return False
            accused = [before[-1].ent]
            self.add_violation(idx, rid, accused, self.subject(start, start + m.start(), tuple(accused)), act)
            return True
        if "accused" in m.groupdict():
            s, e = start + m.start("accused"), start + m.end("accused")
            accused = [x.ent for x in actors_in(state, s, e)]
        elif act is not None:
            accused = [state.ents[k] for k in act.participants if k in state.ents]
        else:
            return False
        self.add_violation(idx, rid, accused, self.subject(start, start + m.start(), tuple(accused)), act)
        return bool(accused)

    def complete_breaches(self) -> None:
        """Breaches the event extractor found with no accusation around them ('- on 27 March, power grid
        equipment in Kherson, damaged in a Russian attack;' in a list of violations): the side that did it
        is accused, by the source of the accusation just before (the list's author) or else the sentence's
        own source, of breaking the proposal referred to there (else the one that accusation is about)."""
        state = self.state
        done: set[tuple[int, tuple[str, ...]]] = set()
        for e in list(self.events):
            if e.cls != "Violation" or e.accused or e.rules or not e.participants:
                continue
            idx = sent_of(state, e)
            if idx < 0 or (idx, e.participants) in done:
                continue
            done.add((idx, e.participants))
            acts = {v.violation_act for v in self.violations if set(v.accused) & set(e.participants)}
            told = {sent_of(state, a) for a in self.events if a.key in acts}
            told |= {sent_of(state, v) for v in self.violations if set(v.accused) & set(e.participants)}
            if idx in told:
                continue  # the attack of this sentence is one an accusation already tells
            accused = [state.ents[k] for k in e.participants if k in state.ents]
            prior = [v for v in self.violations if 0 <= idx - sent_of(state, v) <= BREACH_LIST_WINDOW
                     and v.accused_by and not set(v.accused_by) & set(e.participants)]
            proposal = self.proposal_at(idx) or (prior[-1].proposal if prior else None)
            start, end = state.sents[idx]
            accusers = [state.ents[k] for k in prior[-1].accused_by[:1] if k in state.ents] if prior else \
                self.subject(start, end, tuple(accused))
            if accused and accusers:
                self.add_violation(idx, "claim/breach-in-accusation-context", accused, accusers, None, proposal, e)

    def context_claims(self) -> None:
        """Attacks one side's source pins on the other, in an article of accusations of breaking a
        proposal, on a target of the proposal's family: one more accusation each."""
        state = self.state
        explicit = [v for v in self.violations if v.proposal]
        if not explicit:
            return
        acts = {v.violation_act for v in self.violations}
        proposal = self.refs.get(explicit[0].proposal)
        fam = set(self.refs.family_of(proposal)) if proposal else set()
        classes = {f: set(spec.get("classes", [])) for f, spec in story_patterns()["families"].items()
                   if not f.startswith("_")}
        covered = set().union(*(classes.get(f, set()) for f in fam)) if fam else set()
        verb = speech_verb()
        for e in list(self.events):
            if e.cls != "Attack" or e.key in acts or not e.participants or not e.start:
                continue
            if covered and not any(state.ents[t].cls in covered for t in e.targets if t in state.ents):
                continue
            idx = sent_of(state, e)
            start, end = state.sents[idx]
            v = next((m for m in verb.finditer(state.text, start, end) if not state.in_quote(m.start())), None)
            if v is None:
                continue
            doers = [state.ents[k] for k in e.participants if k in state.ents]
            sources = self.subject(start, v.start(), tuple(doers))
            sides = {side_of(state, x) for x in sources} - {None}
            if not sources or sides & {side_of(state, x) for x in doers}:
                continue
            self.refs.by_sentence.setdefault(idx, explicit[0].proposal)
            self.add_violation(idx, story_patterns()["claim_context"]["id"], doers, sources, e)

    def attributions_in(self, idx: int) -> list[Attribution]:
        """Claims of who carried out the attack of sentence idx: each reporting verb with its source and the
        attacker named after it ('the ministry said Ukrainian units had blown up the station, while the
        General Staff says Russian artillery shelled it': two claims about one attack)."""
        state = self.state
        start, end = state.sents[idx]
        verbs = [v for v in rules("attribution_rules")[0][1].finditer(state.text, start, end)
                 if not state.in_quote(v.start())]
        out: list[Attribution] = []
        attack = nearest_attack(state, self.events, idx, back=0)
        for n, v in enumerate(verbs):
            limit = verbs[n + 1].start() if n + 1 < len(verbs) else end
            if UNSAID.search(state.text, max(start, v.start() - 30), v.start()):
                continue  # 'Kyiv did not say its drones had hit the depot', 'nobody says ...': no claim
            sources = self.subject(start, v.start())
            doers = self.doers_after(v.end(), limit)
            if attack is None and doers and sources:
                attack = self.claimed_attack(idx, v.end() - start)
            if attack is None:
                continue
            if not doers and n == 0:
                doers = [state.ents[k] for k in attack.participants if k in state.ents]
            src_sides = with_side(state, sources)
            if not sources or not doers or set(doers) & set(src_sides):
                continue
            key = f"attribution/{state.article.id}-{state.sentence_number(idx)}-{n}-{slugify(doers[0].name)}"
            out.append(Attribution(key, attack.key, tuple(e.key for e in with_side(state, doers)),
                                   tuple(e.key for e in src_sides), (state.evidence(start),), "attr/said-did-it"))
        return out

    def doers_after(self, pos: int, limit: int) -> list[Ent]:
        """The actor an attack verb after `pos` (before `limit`) is pinned on: 'Ukrainian units had blown up'."""
        m = re.compile(story_patterns()["claimed_attack"]["pattern"], re.I).search(self.state.text, pos, limit)
        if m is None:
            return []
        found = actors_in(self.state, pos, m.start())
        return [found[-1].ent] if found else []

    def claimed_attack(self, idx: int, after: int) -> Event | None:
        """An attack stated inside a claim that the event extractor did not take ('had blown up the station')."""
        state = self.state
        start, end = state.sents[idx]
        sentence = state.text[start:end]
        m = re.compile(story_patterns()["claimed_attack"]["pattern"], re.I).search(sentence, after)
        if m is None:
            return None
        doers = [x.ent for x in actors_in(state, start + after, start + m.start())]
        targets = tuple(x.ent.key for x in state.mentions_in(start + m.end(), end, ("target",)) if x.ent)
        if not doers:
            return None
        date = sentence_date(state, idx)
        on = [state.ents[k].name for k in targets if k in state.ents][:2]
        name = f"Attack (claimed) by {doers[-1].name}" + (f" on {' and '.join(on)}" if on else "") + \
            (f", {date}" if date else "")
        ev = Event(key=f"event/{state.article.id}-claimed-attack-{state.sentence_number(idx)}", name=name,
                   cls="Attack", start=date, participants=(doers[-1].key,), targets=targets,
                   evidence=(state.evidence(start),), rules=("attr/claimed-attack",))
        self.events.append(ev)
        return ev


def contested(state: DocState, idx: int) -> bool:
    cue = rules("attribution_rules")[1][1]
    return any(0 <= i < len(state.sents) and cue.search(state.text[slice(*state.sents[i])]) for i in (idx, idx + 1))


BREACH_LIST_WINDOW = 8  # sentences after an accusation in which a breach found alone is taken as one more of its items
RIVAL_WINDOW = 8  # sentences within which two disputed claims are taken to be about one attack


def keep_contested(state: DocState, claims: list[tuple[int, Attribution]], events: list[Event]) -> list[Attribution]:
    """Attributions of attacks the article disputes (a contested cue, or a rival claim naming another
    attacker of the same target or, both disputed, nearby); rival claims point to one event, the dated
    one named first."""
    by_key = {e.key: e for e in events}
    out = []
    for idx, a in claims:
        ev = by_key[a.event]
        out.append(replace(a, contested=False))
        disputed = contested(state, idx)
        rivals = [(j, b) for j, b in claims if b is not a and not set(b.attributed_to) & set(a.attributed_to)
                  and (set(by_key[b.event].targets) & set(ev.targets) or b.event == a.event
                       or (disputed and contested(state, j) and abs(j - idx) <= RIVAL_WINDOW))]
        if not (disputed or rivals):
            continue
        group = [(idx, a)] + rivals
        dated = [(j, b) for j, b in group if by_key[b.event].start]
        first = min(dated or group, key=lambda x: x[0])[1]
        out[-1] = replace(a, event=first.event)
    return out


def extract_claims(state: DocState, refs: Refs, events: list[Event]) -> tuple[list[Event], list[Attribution]]:
    """(the events with violations filled in and added, the contested attributions)."""
    c = Claims(state, refs, events)
    claims: list[tuple[int, Attribution]] = []
    for idx in range(len(state.sents)):
        c.violations_in(idx)
        claims += [(idx, a) for a in c.attributions_in(idx)]
    c.context_claims()
    c.complete_breaches()
    return c.events, keep_contested(state, claims, c.events)


def violation_label(state: DocState, accused: tuple[str, ...], accusers: tuple[str, ...], date: str | None) -> str:
    """'Violation (alleged by Ukraine) by Russia, 2025-03-21': built from its parts, not from the sentence."""
    def names(keys: tuple[str, ...]) -> str:
        return " and ".join(state.ents[k].name for k in keys if k in state.ents)
    by = f" (alleged by {names(accusers)})" if names(accusers) else " (alleged)"
    return f"Violation{by} by {names(accused) or 'an unnamed side'}" + (f", {date}" if date else "")


def truce_in_force(state: DocState, refs: Refs, key: str | None, date: str | None, pos: int,
                   struck: tuple[str, ...] = ()) -> str | None:
    """The proposal a violation dated `date`, told at `pos`, is of. Only a truce can be broken, and not
    before it was put forward: a violation its sentence would give to a condition, or to a proposal first
    told at a later date ('March 28 - ... lists both as violations' in a chronology that reaches Zelensky's
    April proposal), is of a truce told before it that was there by then; the latest one whose coverage
    takes in what the act struck (a gas station: the energy truce, not the Black Sea one agreed since)."""
    def usable(k: str) -> bool:
        return breakable(refs, k) and not started_after(state, refs, k, date) and not ended_before(refs, k, date)

    def family(k: str) -> tuple[str, ...]:
        p = refs.get(k)
        return refs.family_of(p) if p is not None else ()

    def covers(k: str) -> bool:  # its coverage is known and takes in what was struck
        return bool(struck) and bool(family(k)) and fits(family(k), struck)

    told = [p.key for p in sorted(refs.proposals, key=lambda p: -p.evidence[0].start if p.evidence else 0)
            if p.evidence and p.evidence[0].start < pos and usable(p.key)]
    if key is not None and usable(key) and (not struck or not family(key) or covers(key)
                                            or not any(covers(k) for k in told)):
        return key
    return next((k for k in told if covers(k)), told[0] if told else None)


def struck_families(state: DocState, targets: tuple[str, ...]) -> tuple[str, ...]:
    """The families (energy, maritime, ...) of what an act struck, from its targets' classes."""
    return families("", tuple(state.ents[t].cls for t in targets if t in state.ents))


def breakable(refs: Refs, key: str) -> bool:
    """Only a truce can be broken: a condition, a demand or a measure cannot."""
    p = refs.get(key)
    return p is None or proposal_kind(p) is None


def started_after(state: DocState, refs: Refs, key: str, date: str | None) -> bool:
    """Whether the proposal was first put forward (or first told of, or is of a month) after `date`."""
    p = refs.get(key)
    if p is None:
        return False
    begun = sorted(c.date for c in p.status_changes if c.date and c.status in ("proposed", "agreed"))
    told = sentence_date(state, state.sent_index(p.evidence[0].start)) if p.evidence else None
    start = begun[0] if begun else told or p.period
    if not (date and start):
        return False
    return start > date if len(start) == len(date) == 10 else start[:7] > date[:7]


def ended_before(refs: Refs, key: str, date: str | None) -> bool:
    """Whether the proposal was over before `date` (a day): it is told expired in an earlier month or on an
    earlier day, or it lasted a stated time from when it was agreed ('a 30-day moratorium agreed on 3
    March' is over by April). Without dates or a duration, never."""
    p = refs.get(key)
    if p is None or not date or len(date) != 10:
        return False
    ends = [c.date for c in p.status_changes if c.status == "expired" and c.date]
    if any(e < date[:len(e)] for e in ends):
        return True
    begun = sorted(c.date for c in p.status_changes if c.status == "agreed" and c.date and len(c.date) == 10)
    days = duration_days(p.duration or "")
    if not (begun and days):
        return False
    end = dt.date.fromisoformat(begun[0]) + dt.timedelta(days=days)
    return end.isoformat() < date


def violations_in_force(state: DocState, refs: Refs, events: list[Event]) -> list[Event]:
    """Every alleged violation, whichever rule found it, is of the truce in force (truce_in_force). An
    attack the article's breach context alone makes a violation (event/attack-in-breach) is one only when
    a truce was in force on its day: 'DTEK said January's barrage was the ninth attack' in an article that
    recalls a truce long expired tells an attack, not a breach."""
    out = []
    for e in events:
        inferred = e.cls == "Violation" and "event/attack-in-breach" in e.extracted_by and not e.rules
        if e.cls == "Violation" and (e.proposal or inferred) and e.evidence:
            e = replace(e, proposal=truce_in_force(state, refs, e.proposal, e.start, e.evidence[0].start + 1,
                                                   struck_families(state, e.targets)))
            if inferred and e.proposal is None:
                continue
        out.append(e)
    return out
