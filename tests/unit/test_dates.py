"""Date resolution against an article date (Friday 21 March 2025)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.dates import anchored_offset, last_date, listed_days, resolve, resolve_in, same_period

REF = dt.date(2025, 3, 21)


@pytest.mark.parametrize("text,expected", [
    ("on Tuesday", ("2025-03-18", None)),
    ("in the early hours of Friday", ("2025-03-21", None)),
    ("talks starting on Sunday, officials are due to meet", ("2025-03-23", None)),
    ("last Friday", ("2025-03-14", None)),
    ("next Tuesday", ("2025-03-25", None)),
    ("on 18 March", ("2025-03-18", None)),
    ("January 23\u201324", ("2025-01-23", "2025-01-24")),
    ("talks on Feb 17 and 18", ("2025-02-17", "2025-02-18")),
    ("the strikes of 9 and 20 January", ("2025-01-09", None)),
    ("at the end of March 2024", ("2024-03", None)),
    ("since March 2022", ("2022-03", None)),
    ("in 2022", ("2022", None)),
    ("nothing dated here", (None, None)),
])
def test_dates_resolve(text, expected):
    assert resolve(text, REF) == expected


def test_dates_without_article_date_invent_no_year():
    assert resolve("on Tuesday", None) == (None, None)
    assert resolve("January 23\u201324", None) == (None, None)


@pytest.mark.parametrize("text,offset", [
    ("who spoke to her the next day", 1), ("on the following day", 1), ("the day before", -1),
    ("who had met them two days earlier", -2), ("a week later", 7), ("3 days after", 3), ("in the morning", None),
    ("the pause he had announced only hours before", 0), ("hours later", 0),
])
def test_anchored_offsets_count_from_the_narrative(text, offset):
    assert anchored_offset(text) == offset


def test_undated_event_with_an_anchored_offset_moves_from_the_date_told_before():
    from kg.extract.pipeline import extract
    from kg.model import Article
    text = ("Marlen Orvik met Ivo Kastel in Geneva on 3 March. Tomas Verhoef, who had met Orvik in Bern "
            "two days earlier, said little.")
    ex = extract(Article(id="t", text=text, title="t", date=dt.date(2026, 3, 6)))
    assert {e.start for e in ex.events if e.cls == "Talks"} == {"2026-03-03", "2026-03-01"}


def test_a_sentence_initial_month_is_read():
    assert resolve("In February, drones damaged the pumping station.", REF)[0].endswith("-02")


def test_overnight_gives_way_to_the_day_the_sentence_names():
    sentence = "On Saturday, the staff said its drones had hit the depot overnight."
    assert resolve_in("its drones had hit the depot overnight", sentence, REF) == resolve("on Saturday", REF)
    assert resolve_in("drones hit the depot overnight", "Drones hit the depot overnight.", REF) == \
        resolve("overnight", REF)


def test_two_days_that_are_not_a_span_are_listed_each():
    assert listed_days("after the strikes of 9 and 20 January", REF) == ["2025-01-09", "2025-01-20"]
    assert listed_days("on 17 and 18 February", REF) == []  # consecutive: one span


def test_the_same_day_is_the_date_told_last_before_it():
    sentence = ("The ministry said on 19 March that a drone hit a depot on 18 March, and that a second hit a plant "
                "the same day.")
    assert last_date(sentence[:sentence.find("the same day")], REF) == "2025-03-18"
    assert same_period("a second hit a plant the same day", sentence, REF) == (True, "2025-03-18")
    assert same_period("a second hit a plant", sentence, REF) == (False, None)


def test_at_dawn_is_the_articles_day_unless_the_sentence_names_another():
    assert resolve("a drone set fire to the depot at dawn", REF) == resolve("today", REF)
    sentence = "On Saturday at dawn a drone set fire to the depot."
    assert resolve_in("a drone set fire to the depot at dawn", sentence, REF) == resolve("on Saturday", REF)


def test_a_month_told_twice_for_two_days_lists_both():
    assert listed_days("met the delegation on March 23 and March 25", REF) == ["2025-03-23", "2025-03-25"]
    assert listed_days("on March 23 and April 25", REF) == []


def test_a_span_told_before_two_listed_days_does_not_hide_them():
    assert listed_days("March 23-25 - US officials meet the delegation on March 23 and March 25", REF) == \
        ["2025-03-23", "2025-03-25"]


def test_between_two_days_is_a_span_not_two_days():
    assert listed_days("strikes between March 18 and 25", REF) == []
    assert resolve("strikes between March 18 and 25", REF) == ("2025-03-18", "2025-03-25")


def test_the_latest_date_a_text_states_with_a_year_is_its_floor():
    from kg.extract.dates import Floor, stated_floor
    text = ("The 2014 accords failed. On 18 March 2024 the sides met; by the end of June 2024 the talks had "
            "stalled, and elections are in 2031.")
    floor = stated_floor(text)
    assert isinstance(floor, Floor) and floor == dt.date(2024, 6, 1)  # bare years are not dates told
    assert stated_floor("They met on Tuesday and again on 4 May.") is None


@pytest.mark.parametrize("text,expected", [
    ("talks in Genoa on February 3\u20134", ("2025-02-03", "2025-02-04")),  # before the floor's day: next year
    ("a summit on 20 November", ("2024-11-20", None)),                   # after it: the floor's year
    ("talks in December", ("2024-12", None)),
    ("on Tuesday", (None, None)),                                          # days relative to the article date
    ("yesterday", (None, None)),
])
def test_yearless_dates_resolve_forward_from_the_floor(text, expected):
    from kg.extract.dates import Floor
    assert resolve(text, Floor(2024, 6, 1)) == expected


def test_an_undated_article_dates_its_yearless_events_after_the_dates_it_states():
    from kg.extract.pipeline import extract
    from kg.model import Article
    text = ("In May 2024 Moldova and Georgia agreed to halt strikes on power plants. "
            "President Anna Kestrel announced talks between Moldova and Georgia in Geneva on February 3\u20134.")
    ex = extract(Article(id="t", text=text, title="t", date=None))
    assert {(e.start, e.end) for e in ex.events if e.cls == "Talks"} == {("2025-02-03", "2025-02-04")}


def test_a_weekday_only_the_sentence_names_is_the_coming_one_for_an_event_still_to_come():
    ref = dt.date(2026, 1, 30)  # a Friday
    sentence = "The deadline falls on Sunday, the day a second round of talks is due to open in Muscat."
    assert resolve_in("a second round of talks is due to open in Muscat", sentence, ref,
                            ahead=True) == ("2026-02-01", None)
    assert resolve_in("a second round of talks opened in Muscat", sentence, ref) == ("2026-01-25", None)


def test_a_sentence_of_a_timeline_entry_is_of_the_entry_day():
    from kg.extract.dates import entry_date

    text = ("The pause held for a while.\nJune 18 \u2014 Kovan agrees. The office says X.\n"
            "4 July: Varga replies. Nothing more.\nJune 23-25 \u2014 Envoys meet.\nThe truce held - mostly.")
    ref = dt.date(2025, 7, 30)
    assert [entry_date(text, text.index(w), ref) for w in ("office", "Nothing", "Envoys", "mostly", "pause")] == \
        ["2025-06-18", "2025-07-04", "2025-06-23", None, None]


def test_the_lede_date_is_the_first_day_the_opening_prose_states_within_the_week():
    from kg.extract.dates import lede_date

    ref = dt.date(2025, 6, 12)
    opening = ["The Velna Ledger | Washington, 12 June 2025", "Published 12 June 2025",
               "Within hours of Tuesday's telephone call between the two presidents, both offices wrote.",
               "On Wednesday the envoys met again in Dorvan to go over the text."]
    assert lede_date(opening, ref) == "2025-06-10"  # masthead and date lines are not the news
    assert lede_date(["The truce that the envoys agreed on 2 May has held, the ministry said today."], ref) \
        is None  # a month before publication: background, not the news the article reports
    assert lede_date(["Nobody in the town remembers a quieter week than this one."], ref) is None
    assert lede_date(opening[2:], None) is None


@pytest.mark.parametrize("text,ref,expected", [
    ("the freeze it had imposed last week", dt.date(2025, 3, 12), "2025-03"),
    ("the freeze it had imposed last week", dt.date(2025, 3, 3), "2025-02"),
    ("the talks held earlier this month", dt.date(2025, 3, 3), "2025-03"),
    ("the order it gave last month", dt.date(2025, 1, 9), "2024-12"),
])
def test_last_week_or_this_month_is_the_month_it_falls_in(text, ref, expected):
    assert resolve(text, ref) == (expected, None)


def test_a_named_month_wins_over_a_relative_period():
    assert resolve("last week it signed the May 2024 deal", dt.date(2025, 3, 12)) == ("2024-05", None)


@pytest.mark.parametrize("text,expected", [
    ("MOSCOW/KYIV, March 22 (Meridian Wire) - Russia and Ukraine accused each other on Friday of it",
     "2025-03-21"),
    ("LONDON, Dec 1 (Northbridge) - Oil rose on Monday", "2025-12-01"),
    ("March 20 - Moscow says troops blew up the station", "2025-03-20"),
])
def test_a_wire_dateline_without_its_year_dates_the_filing_not_the_news(text, expected):
    """'PLACE, March 22 (Agency) -' is the filing's date; a timeline entry 'March 20 -' (no place) is its own."""
    from kg.extract.dates import without_dateline
    ref = dt.date(2025, 12, 1) if "Dec" in text else dt.date(2025, 3, 22)
    assert resolve(without_dateline(text), ref)[0] == expected


BLOG = ("Live: the Velna talks\n\nTuesday, 18 March 2025 \u2014 live updates. Newest first.\n\n"
        "21:35\nOrvik speaks\nMarlen Orvik said the night would tell.\n\n"
        "Updated 19:50\nDrones in the north\nA drone had since hit a depot near Kessa.\n")


def test_a_live_blog_entry_under_a_time_stamp_is_of_the_blog_day():
    from kg.extract.dates import clock_entry_day
    assert clock_entry_day(BLOG, BLOG.index("A drone"), REF) == "2025-03-18"  # the day the blog states
    assert clock_entry_day(BLOG, BLOG.index("Marlen"), REF) == "2025-03-18"
    assert clock_entry_day(BLOG, BLOG.index("Newest"), REF) is None  # above the entries
    undated_day = BLOG.replace("Tuesday, 18 March 2025 \u2014 live updates. ", "")
    assert clock_entry_day(undated_day, undated_day.index("A drone"), REF) == "2025-03-21"  # publication's
    one_time = "Report\n\n19:50\nA drone had hit a depot near Kessa.\n"  # a lone time line is no blog
    assert clock_entry_day(one_time, one_time.index("A drone"), REF) is None


def test_an_undated_strike_in_a_live_blog_entry_is_of_that_day():
    from kg.extract import Extractor
    from kg.model import Article
    x = Extractor()
    for act in ("Governor Ivo Kastel said an Armenian drone had since hit an oil depot near Kessa.",
                "An Armenian drone had since hit an oil depot near Kessa."):
        text = BLOG.replace("A drone had since hit a depot near Kessa.",
                            "The air force warned at 19:10 that drones were crossing the border. " + act)
        ex = x(Article(id="blog", text=text, title="Live", date=REF))
        assert [e.start for e in ex.events if e.cls == "Attack"] == ["2025-03-18"], act
