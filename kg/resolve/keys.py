"""Blocking keys: which nodes the resolution compares. Same kind of event in the same month; proposals
of the same year. Written into each article's graph (ckg:blockingKey) so resolution queries the
store by key and never reads more than one block."""

from __future__ import annotations

import datetime as dt

from kg.model import AUTHOR_RULE, Event, Proposal


def event_block(e: Event, article_date: dt.date | None) -> str:
    """'event|Talks|2025-03': the month of the start date, else of the article's date."""
    month = (e.start or "")[:7] if e.start and len(e.start) >= 7 else (
        article_date.isoformat()[:7] if article_date else "undated")
    return f"event|{e.cls}|{month}"


def proposal_block(p: Proposal) -> str:
    """'proposal|2025': the year of the proposal's period (what it covers is compared, not blocked on, so
    a bare 'the moratorium' can join the proposal it names)."""
    year = f"proposal|{(p.period or '')[:4] or 'undated'}"
    return f"{year}|{p.key}" if AUTHOR_RULE in p.extracted_by else year  # an op-ed author's own proposal is
    # told by that piece: it meets only itself (the same key from another article), never another's
