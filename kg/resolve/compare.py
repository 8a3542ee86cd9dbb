"""The scored comparison of two members of a block: a score with its reasons, or a veto.

Events (same kind and month by the block): dates must be compatible (the same day; the next day for an
overnight attack; a day inside a stated month; an undated report no earlier than its article allows),
participants must overlap where both are known (a leader counts for the country their role names, so
'Putin agreed' and 'Russia agreed' overlap; an attack may be blamed on different sides, so for attacks
the target decides), and two attacks on different named facilities are different events. Two agreements
in one month on the same (resolved) proposal are one agreement, whoever each report names as its parties.
Proposals (same year by the block): what they cover at least half in common, and all of it for two
described proposals (an air-and-sea truce is not the energy moratorium; a bare back-reference
fits any), their periods within a month of each other, durations equal
where both are stated; proposers and targets add to the score. A condition, a demand or a measure is only
the same one worded alike, never a truce."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from kg.resolve.members import Member

THRESHOLD = {"event": 3.0, "proposal": 2.0}
UNDATED_WINDOW = 31  # days an undated report may follow the event it retells


@dataclass(frozen=True)
class Verdict:
    score: float
    reasons: tuple[str, ...]
    veto: str | None = None

    @property
    def ok(self) -> bool:
        return self.veto is None


def day(s: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s) if s and len(s) == 10 else None
    except ValueError:
        return None


def date_verdict(a: Member, b: Member, attack: bool) -> tuple[float, str | None, str | None]:
    """(score, reason, veto) for two members' dates."""
    da, db = a.date, b.date
    if da and db:
        if len(da) == 10 and len(db) == 10:
            gap = abs((day(da) - day(db)).days) if day(da) and day(db) else 99
            if gap == 0:
                return 2.0, "same day", None
            if gap == 1 and attack:
                return 1.0, "adjacent days (overnight)", None
            return 0.0, None, f"different days ({da}, {db})"
        short, long_ = sorted((da, db), key=len)
        return (0.5, "day within the stated month", None) if long_.startswith(short) else (
            0.0, None, f"different months ({da}, {db})")
    dated, undated = (a, b) if da else (b, a)
    if not dated.date:
        return 0.0, None, "neither is dated"
    seen, when = day(undated.article_date), day(dated.date[:10] if len(dated.date) == 10 else None)
    if seen and when and not (0 <= (seen - when).days <= UNDATED_WINDOW):
        return 0.0, None, "undated report outside the event's window"
    return 0.0, "undated report", None


def compare_events(a: Member, b: Member) -> Verdict:
    attack = a.cls == "Attack"
    if a.graph == b.graph and not (a.named & b.named):
        return Verdict(0.0, (), "one article reports them as two events")
    score, reason, veto = date_verdict(a, b, attack)
    reasons = [reason] if reason else []
    if veto:
        return Verdict(0.0, (), veto)
    if a.named and b.named and not a.named & b.named:
        return Verdict(0.0, (), "different named targets")
    shared_named = a.named & b.named
    if shared_named:
        score += 2.0
        reasons.append("same named target")
    elif a.targets & b.targets:
        score += 0.5
        reasons.append("same target category")
    shared = a.participants & b.participants
    sided = (a.participants | a.sides) & (b.participants | b.sides)
    if a.participants and b.participants and not shared and not sided and not (attack and shared_named):
        return Verdict(0.0, (), "no participant in common")
    score += min(len(shared), 3) * 1.0
    if shared:
        reasons.append(f"{len(shared)} participant(s) in common")
    elif sided:
        score += 1.0
        reasons.append("a leader and the country they act for")
    if a.location and a.location == b.location:
        score += 1.0
        reasons.append("same place")
    elif a.cls == "Talks" and a.location and b.location and len(sided) < 2:
        return Verdict(0.0, tuple(reasons), "talks in another place, one party in common")  # 'a US team in
        # Jeddah', 'US and Ukrainian officials in Riyadh'; two sides met in 'Abu Dhabi' and in 'the UAE' are one
    if a.cls == "Agreement" and a.proposals & b.proposals:
        score += 2.0
        reasons.append("agreement on the same proposal")
    if attack and not (a.targets & b.targets or (a.location and a.location == b.location)):
        return Verdict(score, tuple(reasons), "attacks with no target or place in common")
    if shared_named and not (a.date and b.date):
        score += 1.0
        reasons.append("undated report of the same facility")
    if not (a.date and b.date) and score < THRESHOLD["event"] + (0 if shared_named else 1):
        return Verdict(score, tuple(reasons), "undated and too little else in common")
    return Verdict(score, tuple(reasons))


def days_of(duration: str | None) -> int | None:
    if not duration:
        return None
    m = re.search(r"(\d+|one|two|three|four)[\s-]*(day|week|month)", duration.lower())
    if not m:
        return None
    n = {"one": 1, "two": 2, "three": 3, "four": 4}.get(m.group(1)) or int(m.group(1))
    return n * {"day": 1, "week": 7, "month": 30}[m.group(2)]


def months_apart(a: str, b: str) -> int:
    return abs((int(a[:4]) * 12 + int(a[5:7])) - (int(b[:4]) * 12 + int(b[5:7])))


HEAD = re.compile(r"\b(moratorium|truce|ceasefire|cease-fire|pause|halt|armistice)", re.I)


KINDS = frozenset({"condition", "demand", "measure"})  # families of proposals that are no truce
SAME_TERMS = 0.6  # how alike two conditions' or measures' wording must be to be one


def terms(label: str) -> str:
    return re.sub(r"^(condition|demand):\s*", "", label.lower()).strip()


SUFFIX = re.compile(r"(?:ing|ed|es|s)$")


def content_words(label: str) -> set[str]:
    """The content words of a wording, their endings cut ('lifting sanctions', 'sanctions are lifted':
    lift, sanction), without spaCy's English stop words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = re.findall(r"[a-z][a-z-]+", terms(label))
    return {SUFFIX.sub("", w) if len(w) > 5 else w for w in words if w not in STOP_WORDS and len(w) > 2}


def shared_words(a: str, b: str) -> float:
    """How much of the shorter wording's content the longer one holds: the same condition is worded as a
    noun or as a clause ('lifting sanctions on Russian agricultural exports', 'sanctions on Russian
    agricultural exports are lifted'), which a character comparison does not see."""
    wa, wb = content_words(a), content_words(b)
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0


def names_differ(a: str, b: str) -> bool:
    """Two wordings that both name someone or something (a run of capitalised words), none of it the same
    ('sanctions on Velna Bank', 'sanctions on Orsk Bank'), are two conditions however alike the rest."""
    def names(label: str) -> set[str]:
        return {w.lower() for w in re.findall(r"(?<!^)\b[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*",
                                              label.split(":", 1)[-1].strip())}
    na, nb = names(a), names(b)
    return bool(na and nb) and not na & nb


def compare_kinds(a: Member, b: Member) -> Verdict | None:
    """A condition, a demand or a measure is only ever the same condition, demand or measure, worded alike
    ('lifting sanctions on the bank' is not 'an end to military aid'); None when neither is one."""
    if not (a.families | b.families) & KINDS:
        return None
    if a.families != b.families:
        return Verdict(0.0, (), "a condition, demand or measure is not a truce")
    if names_differ(a.label, b.label):
        return Verdict(0.0, (), f"different {next(iter(a.families))}s (other names)")
    alike = max(difflib.SequenceMatcher(None, terms(a.label), terms(b.label)).ratio(),
                shared_words(a.label, b.label))
    if alike < SAME_TERMS:
        return Verdict(0.0, (), f"different {next(iter(a.families))}s")
    return Verdict(1.0 + alike, ("same terms",))


def same_duration(a: Member, b: Member) -> bool:
    da, db = days_of(a.duration), days_of(b.duration)
    return bool(da) and da == db


def compare_proposals(a: Member, b: Member) -> Verdict:
    score, reasons = 0.0, []
    kinds = compare_kinds(a, b)
    if kinds is not None:
        if not kinds.ok:
            return kinds
        score, reasons = kinds.score, list(kinds.reasons)
    elif a.families and b.families:
        overlap = len(a.families & b.families) / len(a.families | b.families)
        described = a.cls == "Proposal" and b.cls == "Proposal"
        if overlap < 0.5 or (described and overlap < 1):  # a described truce of more kinds is another one
            fa, fb = "+".join(sorted(a.families)), "+".join(sorted(b.families))
            return Verdict(0.0, (), f"different coverage ({fa}, {fb})")
        score += 1.0 if overlap == 1 else 0.5
        reasons.append("same coverage" if overlap == 1 else "overlapping coverage")
    elif a.cls == b.cls == "Proposal" and (a.families or b.families) and not same_duration(a, b):
        return Verdict(0.0, (), "a truce told without its coverage is not one told with it")
    else:
        score += 0.5
        reasons.append("bare back-reference")
    heads_a = {h.lower() for h in HEAD.findall(a.label)}
    if heads_a & {h.lower() for h in HEAD.findall(b.label)}:
        score += 0.5
        reasons.append("same head noun")
    if a.date and b.date and len(a.date) >= 7 and len(b.date) >= 7:
        if months_apart(a.date, b.date) > 1:
            return Verdict(0.0, (), f"different periods ({a.date[:7]}, {b.date[:7]})")
        score += 1.0
        reasons.append("same period")
    da, db = days_of(a.duration), days_of(b.duration)
    if da and db:
        if da != db:
            return Verdict(0.0, (), f"different durations ({a.duration}, {b.duration})")
        score += 1.0
        reasons.append("same duration")
    shared = a.participants & b.participants
    if shared:
        score += min(len(shared), 2) * 0.5
        reasons.append("same proposer")
    if a.targets & b.targets:
        score += 0.5
        reasons.append("same targets")
    return Verdict(score, tuple(reasons))


def compare(kind: str, a: Member, b: Member) -> Verdict:
    return compare_events(a, b) if kind == "event" else compare_proposals(a, b)
