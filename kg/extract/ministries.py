"""Ministry mentions: one node per ministry however it is spelt (the sense of kg/extract/orgnames.py), a bare
'the Foreign Ministry' given its country from context, and ministries written in lower case."""

from __future__ import annotations

from kg.extract.actors import lexicon_entity
from kg.extract.orgnames import (
    lexicon_ministries,
    lower_case_ministry,
    ministry_key,
    ministry_name,
    ministry_sense,
)
from kg.extract.state import DocState, Ent, Mention


def context_ministry(state: DocState, pos: int, func: str | None) -> tuple[str, str] | None:
    """The owner of a bare 'the Foreign Ministry' / 'the Ministry': an earlier ministry of the article with
    that function; else a country named (outside quotes) earlier in this sentence; else the government whose
    other ministry the article names ('the Russian Defence Ministry reported ... Foreign Ministry spokeswoman
    Maria Zakharova said'); else the nearest country of the two sentences before."""
    owners = []
    for m in reversed(state.mentions):
        if m.end <= pos and m.ent is not None and m.ent.cls == "GovernmentBody":
            sense = next((s for s in map(ministry_sense, (m.ent.name, *m.ent.aliases)) if s and s[0] and s[1]),
                         None)
            if sense and (func is None or sense[1] == func):
                return sense[0], sense[1]
            if sense:
                owners.append(sense[0])
    if func is None:
        return None
    here = state.sents[state.sent_index(pos)][0]
    earlier = state.sents[max(0, state.sent_index(pos) - 2)][0]
    for first, fallback in ((here, False), (earlier, True)):
        if fallback and owners:
            return owners[0], func
        for kinds in (("actor", "demonym"), ("place",)):  # whose ministry before where: 'in Vilnius' is a place
            country = state.last_before(pos, lambda m, k=kinds, f=first: m.ent is not None and m.ent.cls == "Country"
                                        and m.start >= f and m.kind in k and not m.in_quote)
            if country:
                return country.ent.key.split("/")[-1], func
    return None


def ministry_entity(state: DocState, name: str, pos: int) -> Ent | None:
    """The one node of a ministry however it is spelt (kg/extract/orgnames.py), or None."""
    sense = ministry_sense(name)
    if sense is None:
        return None
    owner, func = sense
    if owner is None:
        owner, func = context_ministry(state, pos, func) or (None, None)
    if owner is None or func is None:
        return None
    entry = lexicon_ministries().get((owner, func))
    if entry is not None:
        return lexicon_entity(state, entry)
    return state.entity(ministry_key(owner, func), name=ministry_name(owner, func), cls="GovernmentBody",
                        kind="actor")


def add_lower_case_ministries(state: DocState) -> None:
    """Ministries written in lower case ('Ukraine's foreign ministry', 'the foreign ministry in Astana')."""
    for m in lower_case_ministry().finditer(state.text):
        start = m.start() + (4 if m.group(0)[:4].lower() == "the " else 0)
        if any(o.ent is None or o.ent.cls != "Country" for o in state.mentions if o.start < m.end() and start < o.end):
            continue  # only its owner or seat may already be a mention
        ent = ministry_entity(state, m.group(0), start)
        if ent is not None:
            ent.acting = True
            state.add_mention(Mention(start, m.end(), state.text[start:m.end()], "actor", ent,
                                      rule="name/lower-case-ministry"))
