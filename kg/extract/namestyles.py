"""Names written in a style of their own: an acronym in brackets after a name, meeting-summary delegates in
capitals, a country's armed service in lower case."""

from __future__ import annotations

import re

from kg.extract.actors import find_person, lexicon_entity, person_key
from kg.extract.resources import load_lexicon
from kg.extract.state import DocState, Mention, slugify
from kg.extract.targets import parsed_token

ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z0-9&+\-]{1,9})\)")


def add_acronyms(state: DocState) -> None:
    """'the Institute for Strategic Conflict Analysis (ISCA)': the acronym in brackets after a name is that
    name's alias, here and wherever it stands alone later in the article."""
    text = state.text
    for m in [m for m in state.mentions if m.ent is not None and m.kind in ("actor", "target")]:
        found = ACRONYM.match(text, m.end)
        if not found or sum(c.isupper() for c in found.group(1)) < 2:
            continue
        acronym = found.group(1)
        for occ in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            if not state.covered(occ.start(), occ.end()):
                state.add_mention(Mention(occ.start(), occ.end(), acronym, m.kind, m.ent, rule="name/acronym"))


DELEGATE = re.compile(r"(?m)^((?:[A-Z][A-Z'\u2019\-]+ ){1,3}[A-Z][A-Z'\u2019\-]+) \(([A-Z][^()\n]{1,40})\)")


def add_delegates(state: DocState) -> None:
    """'ANDRIY MELNYK (Ukraine) said ...': the meeting-summary style names each speaker in capitals with
    the country they speak for in brackets."""
    for m in DELEGATE.finditer(state.text):
        if state.covered(m.start(1), m.end(1)):
            continue
        name = " ".join(w.capitalize() for w in m.group(1).split())
        ent = find_person(state, name.split()) or state.entity(person_key(name), name=name, cls="Person",
                                                               kind="actor")
        ent.acting = True
        state.add_mention(Mention(m.start(1), m.end(1), m.group(1), "actor", ent, rule="name/delegate"))


FORCE_HEADS = ("navy", "army", "air force", "coast guard", "border guard", "armed forces", "military")


def add_lower_case_forces(state: DocState) -> None:
    """'The French navy boarded the tanker': a country's armed service in lower case, when the parse makes
    it the subject (not 'Russian military vessels', not 'an order to the Russian military')."""
    demonyms = {d: e for e in load_lexicon() if e.cls == "Country" for d in e.demonyms if not d.endswith("s")}
    alts = "|".join(re.escape(d) for d in sorted(demonyms, key=len, reverse=True))
    heads = "|".join(re.escape(h) for h in FORCE_HEADS)
    for m in re.finditer(rf"\b({alts})\s+({heads})\b(?![\w-])", state.text):
        found = parsed_token(state, m.end())
        if found is None or state.in_quote(m.start()) or found[1].dep_ not in ("nsubj", "nsubjpass"):
            continue
        if any(o.kind != "demonym" for o in state.mentions if o.start < m.end() and m.start() < o.end):
            continue
        country = demonyms[m.group(1)]
        name = f"{m.group(1)} {m.group(2).title()}"
        entry = next((e for e in load_lexicon() if e.cls == "ArmedForces" and
                      name.lower() in {a.lower() for a in (e.pref, *e.alts)}), None)
        ent = lexicon_entity(state, entry) if entry else state.entity(
            f"actor/{country.slug}-{slugify(m.group(2))}", name=name, cls="ArmedForces", kind="actor")
        ent.acting = True
        state.add_mention(Mention(m.start(), m.end(), m.group(0), "actor", ent, rule="name/lower-case-force"))
