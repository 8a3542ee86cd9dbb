"""Which proposal a sentence refers to ('the moratorium', 'the energy pause'), for the story layer.

A sentence that describes a proposal the extractor built refers to that proposal; otherwise a truce
noun phrase refers to the article's proposal of the same family (energy, maritime, air, full); a phrase
no proposal of the article fits becomes a reference proposal (`Proposal.reference`), which the
cross-article resolution joins to the proposal it names. Patterns: ontology/story-patterns.json."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kg import resources
from kg.extract import dates
from kg.extract.proposal_identity import stated_duration
from kg.extract.proposals import parsed_name
from kg.extract.represents import side_of  # noqa: F401  (the story modules import it from here)
from kg.extract.state import DocState, Ent
from kg.model import Commitment, Evidence, Proposal


@lru_cache(maxsize=2)
def story_patterns() -> dict:
    """ontology/story-patterns.json (the story layer's cue words and rules)."""
    path = resources.ontology_dir() / "story-patterns.json"
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=2)
def head_re() -> re.Pattern:
    words = "|".join(re.escape(w) for w in story_patterns()["proposal_heads"]["words"])
    return re.compile(rf"\b({words})s?\b", re.I)


def find_head(sentence: str) -> re.Match | None:
    """The first truce noun of a sentence that names a truce ('a pause in military aid' does not)."""
    spec = story_patterns()["proposal_heads"]["disqualified"]
    for m in head_re().finditer(sentence):
        rule = spec.get(m.group(1).lower())
        if rule and re.match(rule, sentence[m.end():], re.I):
            continue
        return m
    return None


def period_fits(proposal: str, phrase: str) -> bool:
    """Whether a proposal of month `proposal` can be the one a phrase dated `phrase` names: the same month,
    or a month of the year before, since the phrase may date a change ('the moratorium of March expired
    in April'), never a month after it."""
    p, q = proposal[:7], phrase[:7]
    if len(p) < 7 or len(q) < 7:
        return p[:4] == q[:4]
    months = (int(q[:4]) * 12 + int(q[5:7])) - (int(p[:4]) * 12 + int(p[5:7]))
    return 0 <= months <= 12


def phrase_period(text: str, ref: dt.date | None) -> str | None:
    """The month a proposal phrase dates it to: 'of March 2025', 'agreed last March', 'in March' (a day
    in the phrase is more often the date of a change, 'lapsed on 1 July', than of the proposal)."""
    m = re.search(rf"\blast\s+{dates.MONTH}\b", text)
    if m and isinstance(ref, dates.Floor):  # 'last March' counts back from a date nobody stated
        return None
    if m and ref:
        month = dates.MONTHS[m.group(1).lower()]
        year = ref.year if month < ref.month else ref.year - 1
        return f"{year:04d}-{month:02d}"
    found = dates.month_or_year(text, ref)
    return found[:7] if found and len(found) >= 7 else None


@lru_cache(maxsize=256)
def words_at_start(words: tuple[str, ...]) -> re.Pattern:
    """One pattern for 'a word boundary, then one of the words' (families: any word of a family)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")") if words else re.compile(r"(?!)")


def families(text: str, classes: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The families a proposal phrase covers, from its words, else from its targets' classes."""
    low = text.lower()
    fams = story_patterns()["families"]
    found = [f for f, spec in fams.items()
             if not f.startswith("_") and words_at_start(tuple(spec["words"])).search(low)]
    if not found:
        found = [f for f, spec in fams.items() if not f.startswith("_") and set(spec.get("classes", [])) & set(classes)]
    return tuple(sorted(found))


@lru_cache(maxsize=1)
def frame_kinds() -> dict[str, str]:
    """Frame id -> the kind of proposal it reads when that is no truce: 'condition', 'demand', 'measure'."""
    from kg.extract.frames import load_frames

    out = {}
    for f in load_frames():
        kind = f.attrs.get("kind") if f.attrs.get("kind") in ("condition", "demand") else \
            "measure" if f.attrs.get("measure") else None
        if f.kind == "proposal" and kind:
            out[f.id] = kind
    return out


def proposal_kind(p: Proposal) -> str | None:
    """A condition, a demand or a measure ('the return of all deported children') when only frames of that
    kind read it; None for a truce, which any truce frame or rule may read."""
    kinds = {frame_kinds().get(r) for r in p.extracted_by}
    return next(iter(kinds)) if len(kinds) == 1 and None not in kinds else None


@lru_cache(maxsize=2)
def cue_objects() -> tuple[re.Pattern, re.Pattern]:
    """Any status cue, and a truce phrase right after one (its object)."""
    cue = "|".join(f"(?:{r['pattern']})" for r in story_patterns()["status_rules"])
    heads = "|".join(re.escape(w) for w in story_patterns()["proposal_heads"]["words"])
    return re.compile(cue, re.I), re.compile(story_patterns()["status_object"]["pattern"].replace("{heads}", heads),
                                             re.I)


def object_of_cue(sentence: str, pos: int) -> bool:
    """Whether the truce noun at `pos` is the object of a status cue ('declines| the full ceasefire')."""
    cue, obj = cue_objects()
    for c in cue.finditer(sentence, 0, pos):
        o = obj.match(sentence, c.end())
        if o is not None and o.start() <= pos < o.end():
            return True
    return False


def fits(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two coverages fit when they have at least half their families in common (as in resolution)."""
    if not a or not b:
        return True
    return len(set(a) & set(b)) / len(set(a) | set(b)) >= 0.5


def phrase_window(sentence: str, m: re.Match) -> str:
    """The words around a truce noun inside its clause: 'the 30-day moratorium on energy strikes'."""
    left = re.split(r"[,;:\u2014]|\b(?:and|but|that|which|after|while)\b", sentence[:m.start()])[-1]
    right = re.split(r"[,;:.\u2014]|\b(?:and|but|that|which|after|while|by|when)\b", sentence[m.end():])[0]
    return (" ".join(left.split()[-5:]) + " " + m.group(0) + " " + " ".join(right.split()[:7])).strip()


@dataclass
class Refs:
    """The article's proposals (extracted and referred to) and which sentence refers to which."""

    state: DocState
    proposals: list[Proposal]
    by_sentence: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.proposals = [p if p.period else replace(p, period=self.stated_period(p)) for p in self.proposals]

    def stated_period(self, p: Proposal) -> str | None:
        """The month the proposal's own phrase dates it to, in its name or around its head noun."""
        ref = self.state.ref
        found = phrase_period(p.name, ref)
        for ev in p.evidence[:2]:
            m = find_head(ev.sentence)
            if found is None and m is not None:
                found = phrase_period(phrase_window(ev.sentence, m), ref)
        return found

    def family_of(self, p: Proposal) -> tuple[str, ...]:
        """What a proposal covers: the words of its name, else of the phrase around its truce noun in its
        first sentence ('floated a one-month truce in the air'), else its targets' classes, else their names
        ("Trump's idea of making shipping in the Black Sea safe"). Words elsewhere
        in the sentence ('in this Saudi port city') say nothing about the truce. A condition, a demand or a
        measure is a family of its own kind."""
        kind = proposal_kind(p)
        if kind:  # a condition covers what it names, no truce's coverage: it is compared with conditions
            return (kind,)
        found = families(p.name)
        if found:
            return found
        ents = [self.state.ents[t] for t in (*p.targets, *(t for c in p.commitments for t in c.targets))
                if t in self.state.ents]
        for ev in p.evidence[:1]:
            m = find_head(ev.sentence)
            if m is not None and not object_of_cue(ev.sentence, m.start()):  # a cue's object is another
                found = families(phrase_window(ev.sentence, m))  # proposal's noun: 'declines the full
                # ceasefire but agrees that both should stop striking energy sites'
        if found:
            return found
        return families("", tuple(e.cls for e in ents)) or families(" ".join(e.name for e in ents))

    def at(self, idx: int) -> str | None:
        """The key of the proposal sentence `idx` refers to, or None."""
        if idx in self.by_sentence:
            return self.by_sentence[idx]
        key = self._resolve(idx)
        if key:
            self.by_sentence[idx] = key
        return key

    def _resolve(self, idx: int) -> str | None:
        start, end = self.state.sents[idx]
        sentence = self.state.text[start:end]
        m = find_head(sentence)
        if m is not None and self.read_as_verb(idx, m):
            m = None  # 'if Moscow were to halt strikes': 'halt' is a verb here, no truce is referred to
        described = [p for p in self.proposals if any(ev.start == start for ev in p.evidence)]
        if m is None or (described and object_of_cue(sentence, m.start())):
            return described[0].key if described else None  # 'declines the full ceasefire but agrees that
            # both should stop striking energy': the truce noun is a cue's object, another proposal's
        window = phrase_window(sentence, m)
        fam = families(window)
        fitting = [p for p in described + self.proposals if not fam or fits(self.family_of(p), fam)]
        if fam:  # 'the energy moratorium' is the article's energy proposal before one of unknown coverage,
            # and of unknown coverage only a truce: 'the full ceasefire' is no 'end to forced mobilisation'
            fitting = [p for p in fitting if set(self.family_of(p)) & set(fam)] or \
                [p for p in fitting if find_head(p.name) is not None]
        period = phrase_period(window, self.state.ref)
        dated = [p for p in fitting if period and p.period and not period_fits(p.period, period)]
        fitting = [p for p in fitting if p not in dated]
        if fitting:
            return self.same_noun_before(fitting, m.group(1), start).key
        return self._reference(idx, m, window, fam, period).key

    @staticmethod
    def same_noun_before(fitting: list[Proposal], noun: str, start: int) -> Proposal:
        """Of the proposals a truce noun may refer to, the latest told before it under that noun ('...
        the moratorium of March 2025 had no referee. ... and the moratorium expired in April': that
        moratorium, not the article's first truce); else the first that fits."""
        noun = noun.lower()
        told = [p for p in fitting if re.search(rf"\b{re.escape(noun)}", p.name, re.I)
                and any(ev.start < start for ev in p.evidence)]
        return max(told, key=lambda p: max(ev.start for ev in p.evidence if ev.start < start)) if told \
            else fitting[0]

    def read_as_verb(self, idx: int, head: re.Match) -> bool:
        """Whether the parse of sentence `idx` reads the truce word at `head` as a verb."""
        start = self.state.sents[idx][0] + head.start(1)
        for parsed in self.state.parses.get(idx, []):
            tok = next((t for t in parsed.doc if parsed.offset + t.idx == start), None)
            if tok is not None:
                return tok.pos_ in ("VERB", "AUX")
        return False

    def _reference(self, idx: int, head: re.Match, window: str, fam: tuple[str, ...],
                   period: str | None) -> Proposal:
        """A proposal the article only refers to; one per family and period in an article."""
        key = f"proposal/{self.state.article.id}-ref-{'-'.join(fam) or 'general'}" + (f"-{period}" if period else "")
        for p in self.proposals:
            if p.key == key:
                return p
        start, end = self.state.sents[idx]
        targets = tuple(m.ent.key for m in self.state.mentions_in(start, end, ("target",)) if m.ent)
        duration = stated_duration(window)
        name = parsed_name(self.state, idx, head.group(1).lower()) or " ".join(window.split())
        by = self.proposers(idx, head)
        p = Proposal(key=key, name=name, status="proposed", targets=targets[:3],
                     proposed_by=tuple(e.key for e in by),
                     commitments=self.sides_bound(by, targets[:3], self.state.evidence(start)),
                     duration=duration, evidence=(self.state.evidence(start),),
                     reference=True, period=period)
        self.proposals.append(p)
        return p

    def sides_bound(self, by: list[Ent], targets: tuple[str, ...], evidence: Evidence) -> tuple[Commitment, ...]:
        """'the ceasefire on energy infrastructure': a truce told by what it spares binds the two sides of
        the war (whoever proposed it aside) to hold their strikes on it."""
        sides = [e for e in self.state.sides if e not in by][:2]
        if not targets or len(sides) < 2:
            return ()
        return tuple(Commitment(e.key, "strikes", targets, (evidence,)) for e in sides)

    def proposers(self, idx: int, head: re.Match) -> list[Ent]:
        """'the US proposal for a ceasefire', 'Washington's plan', 'US-brokered', 'proposed by France'."""
        spec = story_patterns()["proposal_heads"]["proposer_pattern"]
        start, end = self.state.sents[idx]
        left_start = max(start, start + head.start() - 60)
        out = []
        for m in self.state.mentions_in(left_start, min(end, start + head.end() + 90), ("actor", "demonym")):
            if m.ent is None or m.ent.cls not in ("Country", "Person", "Organization", "GovernmentBody"):
                continue
            if re.match(spec["before"], self.state.text[m.end:m.end + 40], re.I) or \
                    re.search(spec["after"], self.state.text[max(start, m.start - 45):m.start], re.I):
                out.append(m.ent)
        return list(dict.fromkeys(out))

    def update(self, key: str, **fields) -> None:
        self.proposals = [replace(p, **fields) if p.key == key else p for p in self.proposals]

    def get(self, key: str) -> Proposal | None:
        return next((p for p in self.proposals if p.key == key), None)


def sentence_date(state: DocState, idx: int) -> str | None:
    """The date a sentence states, else the date heading its timeline entry ('March 18 \u2014 ...')."""
    start, end = state.sents[idx]
    return dates.resolve(state.text[start:end], state.ref)[0] or dates.entry_date(state.text, start, state.ref)
