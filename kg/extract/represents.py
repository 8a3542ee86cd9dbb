"""Whose side an actor is on, and whom an official acts for.

`side_of`: the country an actor speaks or acts for ('Russian Defence Ministry' -> Russia, 'Georgian Defence
Minister X' -> Georgia, 'President of Russia' -> Russia): stances and claims compare sides with it.
`represented_country`: the country an *official* person acts for (a head of state, minister, envoy or
delegate, or 'NAME (Country)' in a UN record): who proposes a truce for their country too, and a leader
asked to stop firing binds their country. A spokesperson, governor or analyst acts for no country."""

from __future__ import annotations

import re

from kg.extract.resources import word_class
from kg.extract.state import DocState, Ent

PARENTHESIS = re.compile(r"\s*\(([^()]{2,40})\)")


def side_of(state: DocState, ent: Ent) -> Ent | None:
    """The country an actor speaks or acts for: itself, the country its name names ('Russian Defence
    Ministry' -> Russia, 'General Staff of the Armed Forces of Ukraine' -> Ukraine), the one named just
    before it ('Georgian Defence Minister X'), else the one a person's role names ('President of Russia')."""
    if ent.cls == "Country":
        return ent
    words = {}
    for m in state.mentions:
        if m.ent is not None and m.ent.cls == "Country" and m.kind in ("actor", "demonym"):
            words.setdefault(m.text.lower(), m.ent)
    for c in state.ents.values():
        if c.cls == "Country" and c.kind == "actor":
            words.setdefault(c.name.lower(), c)
    for text in (ent.name, ent.role if ent.cls == "Person" else None):
        low = (text or "").lower()
        hits = [(low.find(w), c) for w, c in words.items() if re.search(rf"\b{re.escape(w)}\b", low)]
        if hits:
            return min(hits, key=lambda x: x[0])[1]
        if text == ent.name:
            before = country_before(state, ent)
            if before is not None:
                return before
    return None


def country_before(state: DocState, ent: Ent) -> Ent | None:
    """'Georgian Defence Minister Pavel Drozny': a country's name or demonym just before a mention of the
    actor, with only a title between."""
    for m in state.mentions:
        if m.ent is not ent:
            continue
        for c in state.mentions_in(max(0, m.start - 40), m.start, ("actor", "demonym")):
            between = state.text[c.end:m.start]
            if c.ent is not None and c.ent.cls == "Country" and re.fullmatch(r"(?:'s)?(?:\s+[A-Z][\w-]*)*\s*", between):
                return c.ent
    return None


def country_names(state: DocState) -> dict[str, Ent]:
    """Every way the article names a country (name, aliases, demonyms it uses), lower-cased."""
    names: dict[str, Ent] = {}
    for e in state.ents.values():
        if e.kind == "actor" and e.cls == "Country":
            for n in (e.name, *e.aliases):
                names[n.lower()] = e
    for m in state.mentions:
        if m.kind == "demonym" and m.ent is not None and m.ent.cls == "Country":
            names[state.text[m.start:m.end].lower()] = m.ent
    return names


def is_official(state: DocState, person: Ent) -> bool:
    """A person whose role (or the title before their name) is an official one: president, minister, envoy."""
    titles = word_class("official_titles")
    if set(re.findall(r"[a-z]+", (person.role or "").lower())) & titles:
        return True
    for m in state.mentions:
        if m.ent is person:
            before = state.last_before(m.start, lambda b: b.ent is not None and b.ent.cls == "Country")
            if before is not None and 0 < m.start - before.end <= 60:
                words = set(re.findall(r"[a-z]+", state.text[before.end:m.start].lower()))
                if words & titles and words <= titles | TITLE_WORDS:
                    return True
    return False


TITLE_WORDS = {"s", "prime", "foreign", "defence", "defense", "deputy", "special", "chief", "first", "vice",
               "state", "of", "the", "affairs", "interior", "energy", "top", "senior", "permanent", "un"}


def represented_country(state: DocState, person: Ent) -> Ent | None:
    """The country an official person acts for: a parenthesis after their name, else their side."""
    if person.cls != "Person":
        return None
    names = country_names(state)
    for m in state.mentions:
        if m.ent is person:
            inside = PARENTHESIS.match(state.text, m.end)
            if inside and inside.group(1).lower() in names:
                return names[inside.group(1).lower()]
    side = side_of(state, person)
    return side if side is not None and is_official(state, person) else None


def followed_by(state: DocState, ents: list[Ent], country_of) -> list[Ent]:
    """Each actor followed by the country `country_of` gives it (side_of, represented_country), once each."""
    out: list[Ent] = []
    for e in ents:
        out.append(e)
        country = country_of(state, e)
        if country is not None:
            out.append(country)
    return list(dict.fromkeys(out))


def with_countries(state: DocState, proposers: list[Ent]) -> list[Ent]:
    """Proposers, each official person followed by the country they act for."""
    return followed_by(state, proposers, represented_country)


def with_side(state: DocState, ents: list[Ent]) -> list[Ent]:
    """Each actor and the country it speaks or acts for ('Putin' -> Russia)."""
    return followed_by(state, ents, side_of)


SPEAKS_FOR = r"(?:representative|delegate|delegation|envoy|ambassador)s?"
DELEGATE_BEFORE = re.compile(rf"\b{SPEAKS_FOR}\s+(?:of|from|for)\s+(?:the\s+)?$", re.I)
DELEGATE_AFTER = re.compile(rf"(?:'s|\u2019s)?\s+{SPEAKS_FOR}\b", re.I)


def speaks_for_country(state: DocState, m) -> bool:
    """Whether a country mention names whom a speaker speaks for: 'the representative of France',
    'Pakistan's delegate', 'the Chinese envoy'."""
    if m.ent is None or m.ent.cls != "Country" or m.kind not in ("actor", "demonym") or m.in_quote:
        return False
    return bool(DELEGATE_BEFORE.search(state.text[max(0, m.start - 40):m.start])
                or DELEGATE_AFTER.match(state.text, m.end))


def delegate_told_before(state: DocState, pos: int) -> Ent | None:
    """'The representative of France said ... The speaker called on Moscow to ...', 'That delegate urged
    ...': a meeting summary refers back to a speaker by role; the speaker acts for the country the latest
    'representative of X' phrase before `pos` names."""
    m = state.last_before(pos, lambda m: speaks_for_country(state, m))
    return m.ent if m else None
