"""Unnamed sources ('an unnamed Ukrainian senior official', 'two people familiar with the talks')
and the resolution of pronouns and role nouns to the actor they stand for."""

from __future__ import annotations

import re

from kg.extract.resources import load_patterns
from kg.extract.state import DocState, Ent, Mention, slugify

SOURCE_RE = re.compile(
    r"\b(?P<det>(?:an?|one of the|one of|two|three|four|several|some|other|western|european)\s+)?"
    r"(?P<mods>(?:(?!(?:citing|quoting|said|says|told|according|to|by|of|and|but|that|who|which)\b)"
    r"[\w\-\u2019']+\s+){0,4}?)"
    r"(?P<noun>officials?|diplomats?|sources?|people|person|insiders?|interlocutors?|negotiators?|aides?)\b"
    r"(?P<post>\s+(?:familiar with|close to|involved in|with knowledge of|briefed on|in|from|at)\s+"
    r"(?:(?!\b(?:said|says|told|tells|added|reported|cautioned|warned|wrote|confirmed|denied)\b)"
    r"[^,.;:\"\u201c\u201d])+?)?(?=\s+(?:said|says|told|tells|added|reported|cautioned|warned|wrote|confirmed|"
    r"denied)\b|[,.;:\"\u201c\u201d]|$)", re.I)
MARKERS = ("unnamed", "anonymous", "senior", "familiar", "close to", "involved", "interlocutor", "knowledge")


def source_entity(state: DocState, description: str, plural: bool) -> Ent:
    description = re.sub(r"^(one of the|one of)\s+", "", description.strip(), flags=re.I)
    key = f"source/{state.article.id}/{slugify(description)}"
    return state.entity(key, name=description, cls="UnnamedSource", kind="unnamed", plural=plural)


def parse_source(state: DocState, text: str, offset: int) -> Mention | None:
    """An unnamed-source mention if `text` (at `offset`) starts with a source description."""
    m = SOURCE_RE.match(text.strip())
    if not m:
        return None
    shift = len(text) - len(text.lstrip())
    det, mods = (m.group("det") or "").lower(), (m.group("mods") or "").lower()
    if not det and not any(k in mods + (m.group("post") or "") for k in MARKERS):
        return None
    if re.search(r"\b(said|told|says|and|but|that|who|which)\b", mods):
        return None
    phrase = m.group(0).strip()
    noun = m.group("noun").lower()
    plural = noun.endswith("s") or noun == "people"
    ent = None
    if det.startswith("one of"):  # 'one of the sources': one of a group described before
        group = state.last_before(offset, lambda mm: mm.ent is not None and mm.ent.plural and
                                  noun.rstrip("s") in mm.ent.name.lower())
        ent = group.ent if group else None
    ent = ent or source_entity(state, phrase, plural and not det.startswith("one of"))
    return Mention(offset + shift, offset + shift + len(m.group(0).rstrip()), phrase, "unnamed", ent)


def add_unnamed_sources(state: DocState) -> None:
    """Unnamed sources that say or report something: '... said', 'according to ...', 'citing ...'."""
    text = state.text
    speech = "|".join(re.escape(v) for v in load_patterns()["speech_verbs"] if v != "according")
    for m in SOURCE_RE.finditer(text):
        if state.in_quote(m.start()):
            continue
        before = text[max(0, m.start() - 20):m.start()].lower()
        after = text[m.end():m.end() + 60]
        after = re.sub(r"^,\s*(who|speaking)[^,]*,", "", after)
        speaking = re.match(rf"\s*(?:,\s*)?(?:{speech})\b", after) or re.search(r"(according to|citing)\s+$", before)
        if speaking:
            mention = parse_source(state, m.group(0), m.start())
            if mention:
                state.add_mention(mention)


def resolve_phrase(state: DocState, phrase: str, pos: int) -> Ent | None:
    """The entity a speaker phrase at `pos` stands for: a name, a pronoun, a role noun, 'one of them'."""
    phrase = phrase.strip().strip(",")
    low = phrase.lower()
    pronouns = load_patterns()["pronouns"]
    if low in pronouns:
        want = pronouns[low]
        if want == "Person":
            m = state.last_before(pos, lambda m: m.ent is not None and m.ent.cls == "Person" and not m.in_quote)
        elif want == "Plural":
            m = state.last_before(pos, lambda m: m.ent is not None and m.ent.plural)
        else:
            m = state.last_before(pos, lambda m: m.ent is not None and m.kind == "actor" and
                                  m.ent.cls not in {"Person", "Country"} and not m.in_quote)
        return m.ent if m else None
    if re.match(r"one of (them|the \w+)$", low):
        m = state.last_before(pos, lambda m: m.ent is not None and m.ent.plural)
        return m.ent if m else None
    return resolve_role_noun(state, low, pos)


def resolve_role_noun(state: DocState, low: str, pos: int) -> Ent | None:
    """'the spokesman', 'the ministry', 'the company', 'the diplomat', 'the Kremlin aide' -> latest fit."""
    m = re.match(r"^the\s+(?:[\w\-]+\s+){0,2}?([\w\-]+)$", low)
    if not m:
        return None
    head = m.group(1)
    stem = head.rstrip("s")

    def fits(mm: Mention) -> bool:
        e = mm.ent
        if e is None or mm.in_quote or mm.kind not in ("actor", "unnamed"):
            return False
        if e.kind == "unnamed":
            return stem in e.name.lower()
        if e.cls == "Person":
            return bool(e.role) and stem in e.role.lower()
        if head in {"company", "operator", "firm", "corporation", "group"}:
            return e.cls == "Organization"
        if head in {"agency", "watchdog"}:
            return e.cls in {"Organization", "IntelligenceAgency", "MediaOutlet", "GovernmentBody"} and \
                (head in e.name.lower() or e.cls != "MediaOutlet")
        return e.cls != "Country" and stem in e.name.lower()

    found = state.last_before(pos, fits)
    return found.ent if found else None


def best_speaker(state: DocState, start: int, end: int, skip: tuple[tuple[int, int], ...] = ()) -> Ent | None:
    """The speaker a phrase names: a person first, then an unnamed source, a pronoun or role noun, an org.
    Mentions inside the `skip` spans (relative clauses: 'Zelensky, who met the crown prince, called it ...')
    name no speaker."""
    mentions = [m for m in state.mentions_in(start, end, ("actor", "unnamed")) if not m.in_quote
                and not any(a <= m.start < b for a, b in skip)]
    phrase = state.text[start:end]
    persons = [m for m in mentions if m.ent.cls == "Person"]
    if persons:
        return persons[-1].ent
    unnamed = [m for m in mentions if m.kind == "unnamed"]
    if unnamed:
        return unnamed[0].ent
    if re.match(r"^\s*one of (them|the \w+)\s*$", phrase, re.I):
        resolved = resolve_phrase(state, phrase, start)
        if resolved:
            return resolved
    if re.match(r"^\s*(an?|one|two|three|several)\b", phrase, re.I):
        src = parse_source(state, phrase, start)
        if src:
            state.add_mention(src)
            return src.ent
    orgs = [m for m in mentions if m.ent.cls not in ("Country", "MediaOutlet")]
    if orgs:
        return orgs[0].ent
    resolved = resolve_phrase(state, phrase, start)
    if resolved:
        return resolved
    return mentions[0].ent if mentions else None
