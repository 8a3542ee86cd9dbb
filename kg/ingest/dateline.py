"""The date an article's own text gives for itself, for articles whose metadata has none: a dateline
('WASHINGTON, June 3, 2025 (Reuters) -', 'KYIV, 20 March 2025 —'), a masthead line ('Red Sea Tribune —
Jeddah, 12 March 2025') or a line that is only a date ('Published 3 June 2025'). Without it every
relative date of a pasted report ('on Monday', 'yesterday', 'June 2') would stay unresolved."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
MONTH = r"(Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|" \
        r"Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
DAY_FIRST = rf"(\d{{1,2}})\s+{MONTH},?\s+(\d{{4}})"
MONTH_FIRST = rf"{MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})"
DATELINE = re.compile(rf"^\s*(?:[A-Z][\w .'/\u2019-]{{1,40}},\s+)?(?:{MONTH_FIRST}|{DAY_FIRST})"
                      r"(?:\s*\([^)]{1,40}\))?\s*[\u2013\u2014-]+\s")  # the place is optional: 'June 3, 2025 -'
YEARLESS_DATELINE = re.compile(rf"^\s*[A-Z][\w .'/\u2019-]{{1,40}},\s+(?:{MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH})"
                               r"(?:\s*\([^)]{1,40}\))?\s*[\u2013\u2014-]+\s")  # 'MOSCOW/KYIV, March 22 (Wire) -':
# a wire dateline without its year, the place required (a timeline entry 'March 21 -' dates its entry)
DATE_LINE = re.compile(rf"^(?:(?:Published|Updated|Posted|Dated?)[:\s]+)?(?:\w+day,?\s+)?(?:{MONTH_FIRST}|{DAY_FIRST})"
                       r"(?:[\s,]+\d{1,2}[:.]\d{2}.*)?$", re.I)
MASTHEAD = re.compile(rf"^[^.!?]{{1,60}}\s[\u2013\u2014|-]\s[^.!?]{{0,40}}?(?:{MONTH_FIRST}|{DAY_FIRST})$")
LINES = 6  # a dateline is in the first lines of the article, never deeper


def dateline_date(text: str) -> dt.date | None:
    """The first date a dateline, masthead or date line in the article's first lines gives, if any."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:LINES]
    for line in lines:
        m = DATELINE.match(line) or DATE_LINE.match(line) or MASTHEAD.match(line)
        if m:
            return to_date([g for g in m.groups() if g])
    return None


def to_date(groups: list[str]) -> dt.date | None:
    """(month, day, year) or (day, month, year) as a date; None for a day the calendar lacks."""
    if groups[0].isdigit():
        groups = [groups[1], groups[0], groups[2]]
    month = next(i for i, m in enumerate(MONTHS, start=1) if m.startswith(groups[0].lower().rstrip(".")[:3]))
    try:
        return dt.date(int(groups[2]), month, int(groups[1]))
    except ValueError:
        return None
