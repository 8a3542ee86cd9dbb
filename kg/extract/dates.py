"""Resolve the dates a sentence states against the article's own date.

Returns ISO strings: 'YYYY-MM-DD' for a day, 'YYYY-MM' for a month, 'YYYY' for a year. Without an
article date, days relative to it ('on Monday', 'yesterday') stay unresolved; a day or month told without
its year takes the year of its first occurrence after the latest date the text states with one (a Floor):
reporters give the year of a date that is not in the article's own year, so "agreed at the end of March
2025 ... talks in the UAE on January 23-24" is January 2026."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from kg.ingest.dateline import DATE_LINE, DATELINE, MASTHEAD, YEARLESS_DATELINE
from kg.ingest.dateline import MONTHS as MONTH_NAMES

MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, start=1)}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                        "sunday"])}
MONTH = (r"(January|February|March|April|May|June|July|August|September|October|November|December|"
         r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)(?![a-z])")
ABBREVIATIONS = {"jan.": 1, "feb.": 2, "mar.": 3, "apr.": 4, "jun.": 6, "jul.": 7, "aug.": 8, "sep.": 9, "sept.": 9,
                 "oct.": 10, "nov.": 11, "dec.": 12}
UNTIL = re.compile(r"\b(?:until|till|through|to|ending|ends|expires?|expiring|lasting until)\s+(?:on\s+)?$", re.I)
RELATIVE_DAYS = {r"\b(?:today|tonight|this (?:morning|afternoon|evening)|overnight|at (?:dawn|daybreak))\b": 0,
                 r"\b(?:yesterday|last night)\b": -1}
DASH = r"\s*[\u2013\u2014-]\s*"
FUTURE = re.compile(r"\b(will|due to|next|scheduled|plans? to|is to|are to|ahead of|starting|upcoming)\b", re.I)


class Floor(dt.date):
    """Not an article's date: the latest day its text states with a year, on or before which the article
    was not written. Yearless dates resolve forward from it; days relative to the article date do not."""


STATED = re.compile(rf"\b(?:(\d{{1,2}})\s+)?{MONTH}\s+(?:(\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?((?:19|20)\d\d)\b")


def stated_floor(text: str) -> Floor | None:
    """The latest 'March 2025', '18 March 2025' or 'March 18, 2025' of a text, as a Floor."""
    days = []
    for m in STATED.finditer(text):
        try:
            days.append(Floor(int(m.group(4)), month_number(m.group(2)), int(m.group(1) or m.group(3) or 1)))
        except ValueError:
            continue
    return max(days, default=None)


def month_day(year: int | None, month: int, day: int, ref: dt.date | None) -> str | None:
    if year is None:
        if ref is None:
            return None
        if isinstance(ref, Floor):
            year = ref.year if (month, day) >= (ref.month, ref.day) else ref.year + 1
        else:
            year = ref.year if (month, day) <= (ref.month, ref.day) or month - ref.month <= 1 else ref.year - 1
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def day_pair(text: str) -> tuple[int, int, int, int | None, bool] | None:
    """'January 23–24', '9 and 20 January': (month, first day, second day, year, joined by 'and')."""
    m = re.search(rf"\b{MONTH}\s+(\d{{1,2}})({DASH}|\s+and\s+)(\d{{1,2}})(?:,?\s+(\d{{4}}))?", text)
    if m:
        return month_number(m.group(1)), int(m.group(2)), int(m.group(4)), \
            int(m.group(5)) if m.group(5) else None, "and" in m.group(3) and not between(text, m.start())
    m = re.search(rf"\b(\d{{1,2}})({DASH}|\s+and\s+)(\d{{1,2}})\s+{MONTH}(?:\s+(\d{{4}}))?", text)
    if m:
        return month_number(m.group(4)), int(m.group(1)), int(m.group(3)), \
            int(m.group(5)) if m.group(5) else None, "and" in m.group(2) and not between(text, m.start())
    m = re.search(rf"\b{MONTH}\s+(\d{{1,2}})\s+and\s+(?:on\s+)?{MONTH}\s+(\d{{1,2}})\b", text)  # 'March 23 and
    if m and month_number(m.group(1)) == month_number(m.group(3)):                # March 25': one month told twice
        return month_number(m.group(1)), int(m.group(2)), int(m.group(4)), None, True
    return None


def without_dateline(text: str) -> str:
    """'WASHINGTON, June 3, 2025 - Russia and Ukraine met in Istanbul on June 2': the dateline tells when
    the article was filed, not when what it reports happened; its characters are blanked (offsets kept)."""
    m = DATELINE.match(text) or YEARLESS_DATELINE.match(text)  # the pattern ingest reads the article's date from
    return " " * m.end() + text[m.end():] if m else text


def between(text: str, start: int) -> bool:
    """'between March 18 and 25': two days joined by 'and' after 'between' are a span."""
    return re.search(r"\bbetween\s+$", text[max(0, start - 12):start], re.I) is not None


def listed_days(text: str, ref: dt.date | None) -> list[str]:
    """'the strikes of 9 and 20 January': two days that are not a span (not consecutive), each its own (a
    span told in the same text, such as a dateline 'March 23-25 —', is passed over)."""
    pair = day_pair(re.sub(rf"\b{MONTH}\s+\d{{1,2}}{DASH}\d{{1,2}}\b|\b\d{{1,2}}{DASH}\d{{1,2}}\s+{MONTH}", " ", text))
    if pair is None or not pair[4] or pair[2] - pair[1] <= 1:
        return []
    month, first, second, year, _ = pair
    return [d for d in (month_day(year, month, first, ref), month_day(year, month, second, ref)) if d]


def explicit_dates(text: str, ref: dt.date | None) -> tuple[str | None, str | None] | None:
    """Day ranges and days with a month name: 'January 23–24', 'Feb. 17 and 18', 'on 18 March',
    '1 January 2025'. Two days joined by 'and' that are not consecutive ('9 and 20 January') are two days,
    not a span: the first is given (listed_days gives both)."""
    pair = day_pair(text)
    if pair:
        month, first, second, year, joined = pair
        if joined and second - first > 1:
            return month_day(year, month, first, ref), None
        return month_day(year, month, first, ref), month_day(year, month, second, ref)
    m = re.search(rf"\b(\d{{1,2}})\s+{MONTH}(?:\s+(\d{{4}}))?", text) or \
        re.search(rf"\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,\s+(\d{{4}}))?", text)
    if m:
        a, b = m.group(1), m.group(2)
        day, month = (int(a), month_number(b)) if a.isdigit() else (int(b), month_number(a))
        year = int(m.group(3)) if m.group(3) else None
        day_iso = month_day(year, month, day, ref)
        return (None, day_iso) if UNTIL.search(text[:m.start()]) else (day_iso, None)
    return None


def month_number(name: str) -> int:
    low = name.lower()
    return MONTHS.get(low) or ABBREVIATIONS[low.rstrip(".") + "."]


def month_or_year(text: str, ref: dt.date | None) -> str | None:
    """'at the end of March 2025' -> 2025-03; 'in March' -> the last March up to the article date; 'in 2022'."""
    m = re.search(rf"\b{MONTH}\s+(\d{{4}})\b", text)
    if m:
        return f"{int(m.group(2)):04d}-{month_number(m.group(1)):02d}"
    m = re.search(rf"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|of|[Ee]arly|[Ll]ate|[Mm]id-?|[Ll]ast|[Tt]his)\s+"
                  rf"(?:early\s+|late\s+|mid-?)?{MONTH}\b", text)
    if m and ref:
        month = month_number(m.group(1))
        if isinstance(ref, Floor):
            return f"{ref.year if month >= ref.month else ref.year + 1:04d}-{month:02d}"
        year = ref.year if month <= ref.month or FUTURE.search(text) else ref.year - 1
        return f"{year:04d}-{month:02d}"
    m = re.search(r"\b(?:in|since|of)\s+((?:19|20)\d\d)\b", text)
    return m.group(1) if m else None


def weekday_date(text: str, ref: dt.date | None, ahead: bool = False) -> str | None:
    """'on Tuesday', 'last Saturday', 'next Tuesday', 'overnight into Sunday', "Thursday's summit"; `ahead`:
    the event is still to come, whatever the words next to the day say."""
    if ref is None or isinstance(ref, Floor):
        return None
    m = re.search(r"\b(last|next|this|on|by|into|of|late on|early on)?\s*"
                  r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)('s|\u2019s)?\b", text, re.I)
    if not m:
        return None
    target = WEEKDAYS[m.group(2).lower()]
    back = (ref.weekday() - target) % 7
    qualifier = (m.group(1) or "").lower()
    if qualifier == "last":
        back = back or 7
    elif qualifier == "next" or ahead or FUTURE.search(text[max(0, m.start() - 60):m.end()]):
        ahead = (target - ref.weekday()) % 7
        if qualifier == "next":
            ahead = ahead or 7
        return (ref + dt.timedelta(days=ahead)).isoformat()
    return (ref - dt.timedelta(days=back)).isoformat()


def resolve(text: str, ref: dt.date | None) -> tuple[str | None, str | None]:
    """(start, end) of the first date a sentence states, resolved against the article date `ref`."""
    return _resolve(text, type(ref), ref)  # the type too: a Floor and the article date of one day resolve apart


@lru_cache(maxsize=4096)
def _resolve(text: str, kind: type, ref: dt.date | None) -> tuple[str | None, str | None]:
    found = explicit_dates(text, ref)
    if found and (found[0] or found[1]):
        return found
    day = weekday_date(text, ref) or relative_day(text, ref)
    if day:
        return day, None
    return month_or_year(text, ref) or relative_month(text, ref), None


def resolve_in(clause: str, sentence: str, ref: dt.date | None,
               ahead: bool = False) -> tuple[str | None, str | None]:
    """The date of an event told in `clause` of `sentence`: the clause's own date, except that a bare
    'overnight' or 'today' gives way to a day the sentence names ('On Saturday, X said its drones had hit
    the depot overnight' is Saturday). `ahead`: the clause tells an event still to come ('the day talks are
    due to open', 'said a team would begin talks on Sunday'), so its weekday, or one only the sentence
    names, is the coming one."""
    start, end = resolve(clause, ref)
    coming = weekday_date(clause, ref, True) if ahead and not explicit_dates(clause, ref) else None
    if coming and start == weekday_date(clause, ref):
        start, end = coming, None
    if (start or end) and not (start == relative_day(clause, ref) and not explicit_dates(clause, ref)
                               and not weekday_date(clause, ref)):
        return start, end
    day = weekday_date(sentence, ref, ahead)
    named = explicit_dates(sentence, ref) or ((day, None) if day else None)
    if named and (named[0] or named[1]):
        return named
    return (start, end) if start or end else resolve(sentence, ref)


def relative_day(text: str, ref: dt.date | None) -> str | None:
    """'today', 'overnight', 'yesterday', 'last night' against the article date."""
    if ref is None or isinstance(ref, Floor):
        return None
    for pattern, delta in RELATIVE_DAYS.items():
        if re.search(pattern, text, re.I):
            return (ref + dt.timedelta(days=delta)).isoformat()
    return None


RELATIVE_PERIOD = re.compile(r"\b(last|this|past|previous)\s+(week|month)\b", re.I)


def relative_month(text: str, ref: dt.date | None) -> str | None:
    """'last week', 'this month', 'the previous week' against the article date: the month the week or month
    falls in (a week across two months: the month of its Thursday), as a month is all such words tell."""
    m = RELATIVE_PERIOD.search(text)
    if ref is None or isinstance(ref, Floor) or not m:
        return None
    earlier = m.group(1).lower() != "this"
    if m.group(2).lower() == "month":
        day = (ref.replace(day=1) - dt.timedelta(days=1)) if earlier else ref
    else:
        monday = ref - dt.timedelta(days=ref.weekday() + (7 if earlier else 0))
        day = monday + dt.timedelta(days=3)
    return f"{day.year:04d}-{day.month:02d}"


NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "ten": 10, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90}
ANCHORED = re.compile(r"\b(?:the\s+(next|following|previous)\s+day|the\s+day\s+(before|after)|"
                      r"(a|an|one|two|three|four|five|six|seven|ten|\d+)\s+(day|week)s?\s+(earlier|later|before|after)|"
                      r"(?:a\s+few\s+|several\s+|only\s+|just\s+)?(hours)\s+(?:earlier|later|before|after))\b",
                      re.I)


def anchored_offset(text: str) -> int | None:
    """Days from the date told just before: 'the next day' +1, 'the day before' -1, 'two days earlier' -2,
    'a week later' +7. These count from the narrative, not from the article's own date."""
    m = ANCHORED.search(text)
    if not m:
        return None
    if m.group(6):
        return 0  # 'only hours before': the same day as the date told before
    if m.group(1):
        return -1 if m.group(1).lower() == "previous" else 1
    if m.group(2):
        return -1 if m.group(2).lower() == "before" else 1
    n = int(m.group(3)) if m.group(3).isdigit() else NUMBER_WORDS[m.group(3).lower()]
    n *= 7 if m.group(4).lower() == "week" else 1
    return -n if m.group(5).lower() in ("earlier", "before") else n


SAME_PERIOD = re.compile(r"\b(the same (?:day|month|week)|(?:earlier|later) (?:in the|that) day|"
                         r"that (?:day|night|evening|morning|afternoon))\b", re.I)
CLAUSE_BREAK = re.compile(r"[,;]|\b(?:that|and|while|when)\b")


def last_date(text: str, ref: dt.date | None) -> str | None:
    """The date told last in a text: the date of its last clause that states one."""
    for piece in reversed(CLAUSE_BREAK.split(text)):
        start, end = resolve(piece, ref)
        if start or end:
            return start or end
    return None


def same_period(clause: str, sentence: str, ref: dt.date | None) -> tuple[bool, str | None]:
    """'..., and a drone struck a plant the same day': whether the clause dates itself by the date told
    before it, and that date when the sentence tells it before the phrase (None: an earlier sentence's)."""
    m = SAME_PERIOD.search(clause)
    if not m:
        return False, None
    at = sentence.find(m.group(0))
    return True, (last_date(sentence[:at], ref) if at > 0 else None)


def shift(day: str, days: int) -> str | None:
    """An ISO day moved by `days`; a month or a year cannot be."""
    if len(day) != 10:
        return None
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


ENTRY = re.compile(rf"[ \t]*(?:{MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH})(?:{DASH}\d{{1,2}})?(?:,?\s+\d{{4}})?"
                   r"\s*(?:[\u2013\u2014:]|-\s)")


def entry_date(text: str, pos: int, ref: dt.date | None) -> str | None:
    """The date heading the dated entry (a paragraph of a timeline: 'March 18 \u2014 ...', '4 April: ...')
    that position `pos` is in: every sentence of the entry is of that day unless it dates itself."""
    line = text.rfind("\n", 0, pos) + 1
    m = ENTRY.match(text, line)
    return explicit_dates(m.group(0), ref)[0] if m else None


LEDE_SENTENCES = 3  # the lede: the first prose sentences of the body
LEDE_DAYS = 7  # a lede's news is of the week before publication, or it is no news peg


def lede_date(sentences: list[str], ref: dt.date | None) -> str | None:
    """The day of the news an article opens with ('Within hours of Tuesday's telephone call ...'): the
    first day its first prose sentences state (datelines and masthead lines skipped), if it is in the week
    up to publication. An undated report of what was agreed or proposed in the article is of that day."""
    if ref is None:
        return None
    prose = [s.strip() for s in sentences if "|" not in s and len(s.split()) >= 6]
    prose = [s for s in prose if not DATE_LINE.match(s) and not MASTHEAD.match(s)]
    for sentence in prose[:LEDE_SENTENCES]:
        day = resolve(without_dateline(sentence), ref)[0]
        if day and len(day) == 10:
            delta = (ref - dt.date.fromisoformat(day)).days
            return day if 0 <= delta <= LEDE_DAYS else None
    return None


CLOCK_HEADING = re.compile(r"[ \t]*(?:(?:Updated|Posted|Last updated)[ \t]+)?(?:[01]?\d|2[0-3])[:.][0-5]\d"
                           r"(?:[ \t]*(?:GMT|UTC|CET|EET|EEST|BST|ET|am|pm|AM|PM))?[ \t]*$")
DAY_HEADING_WORDS = 12  # 'Friday, 30 January 2026 - live updates': a short line that states the blog's day


def clock_entry_day(text: str, pos: int, ref: dt.date | None) -> str | None:
    """The day of a live-blog entry that position `pos` is in: a paragraph under a time-stamp heading ('19:50',
    'Updated 14:05'), in a text with two or more of them, is of the blog's day: the last short line above that
    states a day ('Friday, 30 January 2026 - live updates'), else the day of publication. None outside one."""
    if ref is None:
        return None
    lines = text[:pos].split("\n")
    block = []
    for line in reversed(lines[:-1]):
        if not line.strip():
            break
        block.append(line)
    heading = next((i for i, line in enumerate(block) if CLOCK_HEADING.match(line)), None)
    if heading is None or sum(1 for line in text.split("\n") if CLOCK_HEADING.match(line)) < 2:
        return None
    above = lines[:len(lines) - 2 - heading]
    for line in reversed(above):
        if line.strip() and len(line.split()) <= DAY_HEADING_WORDS:
            day = resolve(line, ref)[0]
            if day and len(day) == 10:
                return day
    return ref.isoformat()
