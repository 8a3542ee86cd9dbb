"""Gapped meetings: 'US officials meet Ukraine's delegation on March 23, and Russia's on March 24', 'talks
with the Ukrainian delegation on March 23 and with the Russian delegation on March 24'. English leaves out
the repeated verb in the second conjunct (gapping); what remains is a partner and a date, which the parser
rarely hangs on the verb. Each remnant is one meeting more: the same subject, its own partner, its own day.

Read over the tokens after the trigger, split at 'and': the first part must name a partner and a date; a
later part that names a partner and a date and has no finite verb of its own is a remnant. A part with a
finite verb is a clause of its own ('... on Monday, and Ukrainian officials said on Tuesday ...'), where the
reading stops; a part with a date and no partner is one more day of the first meeting ('on March 23 and
25'), which the listed days already give."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract import dates

FINITE = {"VBD", "VBZ", "VBP", "MD"}
LEAD = 6  # words before the trigger that tell the tense of its meetings ('officials are due to meet')
Ents = Callable[[tuple[int, int]], list]


@dataclass(frozen=True)
class Remnant:
    """A meeting left to the reader: its partners (who replace the first part's) and its day."""

    partners: tuple
    start: str


def parts_after(trigger: Token) -> list[list[Token]]:
    """The trigger's sentence after it, cut at each 'and' (commas dropped)."""
    parts: list[list[Token]] = [[]]
    for t in trigger.doc[trigger.i + 1:trigger.sent.end]:
        if t.lower_ == "and":
            parts.append([])
        elif not t.is_punct:
            parts[-1].append(t)
    return [p for p in parts if p]


def text_of(part: list[Token]) -> str:
    return "".join(t.text_with_ws for t in part)


def span_of(part: list[Token], offset: int) -> tuple[int, int]:
    return offset + part[0].idx, offset + part[-1].idx + len(part[-1].text)


def is_date_word(t: Token) -> bool:
    """A month or weekday name (the NER does not run on every sentence, so its DATE label is not read)."""
    word = t.lower_.rstrip(".")
    return word in dates.MONTHS or word in dates.WEEKDAYS or f"{word}." in dates.ABBREVIATIONS


def has_own_verb(part: list[Token]) -> bool:
    """A finite verb before the part's date: a clause of its own ('Ukrainian officials said on Tuesday'),
    not a remnant. Words after the date may hold one ('... on Monday to see how it would be monitored')."""
    dated = [i for i, t in enumerate(part) if is_date_word(t)]
    return any(t.tag_ in FINITE for t in part[:dated[-1] if dated else len(part)])


def remnants(trigger: Token, offset: int, ents: Ents, ref: dt.date | None) -> tuple[tuple, list[Remnant]]:
    """The first part's partners and the meetings the later parts leave to the reader (none when the
    sentence has no gap). A part's day is read with the few words before the trigger (no dates among
    them), which tell whether the meetings are still to come ('are due to meet ... on Sunday')."""
    parts = parts_after(trigger)
    if len(parts) < 2 or has_own_verb(parts[0]):
        return (), []
    lead = " ".join(t.text for t in trigger.doc[max(trigger.sent.start, trigger.i - LEAD):trigger.i + 1]
                    if not is_date_word(t) and not t.like_num) + " "
    first = tuple(ents(span_of(parts[0], offset)))
    if not first or not dates.resolve(lead + text_of(parts[0]), ref)[0]:
        return (), []
    out = []
    for part in parts[1:]:
        if has_own_verb(part):
            break
        partners = tuple(e for e in ents(span_of(part, offset)) if e not in first)
        day = dates.resolve(lead + text_of(part), ref)[0]
        if partners and day:
            out.append(Remnant(partners, day))
    return first, out
