"""Whom an official speaks and proposes for: 'President of Russia', 'US special envoy', 'Ukrainian Foreign
Minister', 'FU CONG (China)'. A head of state, minister, envoy or delegate who proposes a truce proposes it
for their country too, so the country is a co-proposer; a spokesperson, governor or analyst is not."""

from __future__ import annotations

import re

from kg.extract.resources import word_class
from kg.extract.state import DocState, Ent

PARENTHESIS = re.compile(r"\s*\(([^()]{2,40})\)")


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


def represented_country(state: DocState, person: Ent) -> Ent | None:
    """The country an official person acts for, from their role or a parenthesis after their name."""
    names = country_names(state)
    role = (person.role or "").lower()
    if role and set(re.findall(r"[a-z]+", role)) & word_class("official_titles"):
        for name, country in sorted(names.items(), key=lambda kv: -len(kv[0])):
            if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", role):
                return country
    for m in state.mentions:
        if m.ent is not person:
            continue
        inside = PARENTHESIS.match(state.text, m.end)
        if inside and inside.group(1).lower() in names:
            return names[inside.group(1).lower()]
        before = state.last_before(m.start, lambda b: b.ent is not None and b.ent.cls == "Country")
        if before is not None and 0 < m.start - before.end <= 60:
            words = set(re.findall(r"[a-z]+", state.text[before.end:m.start].lower()))
            if words & word_class("official_titles") and words <= word_class("official_titles") | TITLE_WORDS:
                return before.ent  # 'Azerbaijani President Ilham Aliyev', 'Russia's Foreign Minister X'
    return None


TITLE_WORDS = {"s", "prime", "foreign", "defence", "defense", "deputy", "special", "chief", "first", "vice",
               "state", "of", "the", "affairs", "interior", "energy", "top", "senior", "permanent", "un"}


def with_countries(state: DocState, proposers: list[Ent]) -> list[Ent]:
    """Proposers, each official person followed by the country they act for."""
    out: list[Ent] = []
    for e in proposers:
        out.append(e)
        country = represented_country(state, e) if e.cls == "Person" else None
        if country is not None:
            out.append(country)
    return list(dict.fromkeys(out))
