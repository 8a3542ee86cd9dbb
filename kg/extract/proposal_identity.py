"""Which mentions of a proposal in one article are the same proposal: by the words that tell proposals apart.

A truce or ceasefire is told apart from another of the same head noun by its duration ('a three-day
ceasefire' is not 'the full 30-day ceasefire'), its scope words ('maritime', 'energy', 'full': the
`proposal_scopes` list of patterns.json) and the proper names it carries that are not actors ('the Easter
truce', 'the Black Sea ceasefire'). A bare 'the truce' carries none and refers back to any of them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.dates import NUMBER_WORDS, explicit_dates
from kg.extract.nlp import not_name_words
from kg.extract.resources import load_patterns
from kg.extract.state import DocState

UNIT_DAYS = {"hour": 0, "day": 1, "week": 7, "month": 30}
DURATION = re.compile(r"\b(\d+|[a-z]+)[\s-](hour|day|week|month)s?(?:[\s-]long)?\b|\b(hour|day|week|month)[\s-]long\b",
                      re.I)


@dataclass(frozen=True)
class Markers:
    """What tells one proposal from another of the same head: a duration in days, and other words."""

    days: int | None = None
    words: frozenset[str] = frozenset()

    def agrees(self, other: Markers) -> bool:
        """Two mentions can be one proposal: durations do not differ, and their words, if both have any, meet."""
        if self.days is not None and other.days is not None and self.days != other.days:
            return False
        if not self.words or not other.words:
            return True
        if ("full" in self.words) != ("full" in other.words):
            return False  # a full ceasefire is not the partial one (air, sea, energy) of the same article
        return bool(self.words & other.words)

    def empty(self) -> bool:
        return self.days is None and not self.words

    def slug(self) -> str:
        return "-".join(sorted(self.words)) + (f"-{self.days}d" if self.days is not None else "")


COUNTED = r"(?:\d+|one|two|three)[\s-](?:day|week|month)s?"  # '30 days', '30-day', 'three-day'
ONE = r"(?:a|an|one)\s+(?:day|week|month)"  # 'a week'
LONG = r"(?:day|week|month)-long"  # 'week-long'
STATED = re.compile(rf"\b{COUNTED}\b(?!\s+(?:after|before|later|earlier|ago|since|into|on from|without|in a row)\b)",
                    re.I)  # 'has gone 16 days without power', 'for five days in a row': a spell, no truce's length
ONE_UNIT = re.compile(rf"\bfor\s+{ONE}\b(?!\s+(?:after|before|later|earlier|ago)\b)|\b{LONG}\b", re.I)


def stated_duration(text: str) -> str | None:
    """How long a proposal would last, as the text words it ('30 days', '30-day'; 'for a week' and
    'week-long' as '1 week'): never the time between two events ('three days after Putin agreed to ... for
    30 days' lasts 30 days; 'a week later') nor a spell of something else ('16 days without power')."""
    m = STATED.search(text)
    if m:
        return m.group(0)
    one = ONE_UNIT.search(text)
    return f"1 {re.search('day|week|month', one.group(0), re.I).group(0).lower()}" if one else None


def duration_days(phrase: str) -> int | None:
    """'30-day' -> 30, 'thirty-day' -> 30, 'week-long' / 'one-week' -> 7, 'three-day' -> 3."""
    m = DURATION.search(phrase)
    if not m:
        return None
    if m.group(3):
        return UNIT_DAYS[m.group(3).lower()] or None
    count = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS.get(m.group(1).lower())
    unit = UNIT_DAYS[m.group(2).lower()]
    return count * unit if count is not None and unit else None


@lru_cache(maxsize=1)
def scope_words() -> dict[str, str]:
    return {w: s for w, s in load_patterns()["proposal_scopes"].items() if not w.startswith("_")}


def names_of_actors(state: DocState) -> frozenset[str]:
    """Words of actor names and mentions in the article (not what tells proposals apart); read once."""
    key = ("actor-words", len(state.mentions), len(state.ents))
    if key not in state.frame_cache:
        words = {w for e in state.ents.values() if e.kind == "actor"
                 for name in (e.name, *e.aliases) for w in re.findall(r"[\w']+", name)}
        words |= {w for m in state.mentions if m.kind in ("actor", "demonym")
                  for w in re.findall(r"[\w']+", state.text[m.start:m.end])}
        state.frame_cache[key] = frozenset(words)
    return state.frame_cache[key]


def markers(state: DocState, phrase: str) -> Markers:
    """The markers of a proposal's noun phrase ('the Easter truce', 'full 30-day ceasefire on land')."""
    actor_words = names_of_actors(state)
    skip = not_name_words()
    words = set()
    for w in re.findall(r"[\w']+", phrase):
        low = w.lower()
        if low in scope_words():
            words.add(scope_words()[low])
        elif w[:1].isupper() and w not in actor_words and w not in skip and not w.isupper() and \
                low not in NUMBER_WORDS and low not in UNIT_DAYS and w.lower() != w:
            words.add(low)
    return Markers(duration_days(phrase), frozenset(words))


END = re.compile(rf"\b(?:{COUNTED}|{ONE}|{LONG}|truce|ceasefire|pause|moratorium|halt)\b,?\s+"
                 r"(?:that\s+would\s+last\s+)?(until|till|through)\s+", re.I)


def stated_end(text: str, ref: dt.date | None) -> str | None:
    """The day a proposal's own words say it ends: 'for a week, until February 1', 'a truce until 9 May'
    (never 'talks will go on until Friday': the 'until' must follow the duration or the truce noun)."""
    m = END.search(text)
    if not m:
        return None
    found = explicit_dates(text[m.start(1):m.start(1) + 40], ref)
    return found[1] if found and found[1] and len(found[1]) == 10 else None
