"""Infrastructure targets: lexicon categories ('oil refineries') and named facilities ('Saratov oil refinery')."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from kg.extract.resources import LexEntry, load_lexicon, load_patterns
from kg.extract.state import DocState, Ent, Mention, slugify

MODIFIERS = (r"(?:(?:oil|gas|thermal|nuclear|hydroelectric|electricity|electrical|power|pumping|high-voltage|backup|"
             r"underground|marine|main|export|\d+-kilovolt|\d+-kV)\s+)*")
DEFINITE = {"the", "this", "that", "its", "their"}
FUNCTION_WORDS = {"that", "which", "who", "in", "on", "at", "of", "near", "by", "for", "to", "from", "and", "or",
                  "but", "is", "was", "were", "are", "has", "had", "have", "will", "would", "could", "can", "said",
                  "says", "with", "after", "before", "since", "during", "as", "while", "where", "when", "into",
                  "across", "along", "outside", "inside", "over", "under", "itself", "also", "again", "if", "unless",
                  "because", "so", "than", "then", "amid", "despite", "until", "through", "without", "within",
                  "around", "about", "against", "toward", "towards", "via", "the", "a", "an", "its", "their", "his",
                  "her", "there", "here", "not", "no", "being", "been", "be", "remains", "remained", "stays",
                  "overnight", "today", "yesterday", "tonight", "twice", "once", "early", "late", "last", "this",
                  "next", "now", "out", "off", "away", "up", "down", "safe", "clear", "alone", "open", "too"}
RELATIVE = re.compile(r"^\s+(that|which)\s+((?:[\w\-\u2019']+\s+){1,9}?[\w\-\u2019']+)(?=\s+and\b|[,.;]|$)")
LOCATION_RE = re.compile(r"^\s+(?:in|near|on|at)\s+(?:the\s+)?((?:[A-Z][\w\-\u2019']+\s+)*[A-Z][\w\-\u2019']+"
                         r"(?:\s+region)?)")


def category_entity(state: DocState, entry: LexEntry) -> Ent:
    return state.entity(f"target/{entry.slug}", name=entry.pref, cls=entry.cls, kind="target", concept=entry.iri)


def proper_words(words: list[str]) -> list[str]:
    not_names = set(load_patterns()["not_names"])
    while words and (words[0] in not_names or not words[0][:1].isupper()):
        words = words[1:]
    return words


@lru_cache(maxsize=2)
def facility_pattern() -> tuple[re.Pattern, dict[str, LexEntry]]:
    """One regex for '<Name> [modifiers] <head>' over every head of the lexicon, longest heads first."""
    heads = {h: e for e in load_lexicon() for h in e.heads}
    alternatives = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    pattern = re.compile(r"((?:[A-Z][\w\-\u2019']*\s+){1,3}?)((?i:" + MODIFIERS + r"(?:" + alternatives + r")))\b")
    return pattern, heads


def head_entry(phrase: str, heads: dict[str, LexEntry]) -> LexEntry:
    """The lexicon entry of the longest head a phrase ends with ('nuclear power plant' before 'power plant')."""
    low = phrase.lower()
    return next(heads[h] for h in sorted(heads, key=len, reverse=True) if low.endswith(h))


def add_named_facilities(state: DocState) -> None:
    """'<Name> [modifiers] <head>' and 'port of <Name>' as facility nodes of the head's class."""
    text = state.text
    pattern, heads = facility_pattern()
    for m in pattern.finditer(text):
        words = [w for w in proper_words(m.group(1).split()) if not w.endswith(("'s", "\u2019s"))]
        if not words:
            continue
        name = " ".join(words) + " " + m.group(2)
        start = m.end() - len(name)
        if text[start:m.end()] != name or not free_for_target(state, start, m.end()) or "Ministry" in name:
            continue
        add_facility(state, head_entry(m.group(2), heads), name, start, m.end())
    add_named_vessels(state, heads)
    add_short_forms(state)
    port = next(e for e in load_lexicon() if e.slug == "port")
    for m in re.finditer(r"\b(?:the\s+)?(?:nearby\s+)?port of ([A-Z][\w\-]+)", text):
        add_facility(state, port, f"port of {m.group(1)}", m.start() + m.group(0).find("port"), m.end())
    for m in re.finditer(r"\bports of ((?:[A-Z][\w\-]+,\s+)*[A-Z][\w\-]+(?:,?\s+and\s+[A-Z][\w\-]+)?)", text):
        for name in re.finditer(r"[A-Z][\w\-]+", m.group(1)):
            start = m.start(1) + name.start()
            if not state.covered(start, start + len(name.group(0))):
                ent = state.entity(f"target/port-of-{slugify(name.group(0))}", name=f"port of {name.group(0)}",
                                   cls=port.cls, kind="target", concept=port.iri)
                state.add_mention(Mention(start, start + len(name.group(0)), name.group(0), "target", ent,
                                          rule="target/port-of"))


def add_short_forms(state: DocState) -> None:
    """'the Sudzha gas metering station ... Ukraine hit the Sudzha station again': a named facility's proper
    name with only its last word, after the full name, refers back to it."""
    for m in [m for m in state.mentions if m.kind == "target" and m.ent is not None
              and m.rule in ("target/named-facility", "target/located")]:
        words = m.ent.name.split()
        if len(words) < 3 or not words[0][:1].isupper():
            continue
        short = f"{words[0]} {words[-1]}"
        for occ in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", state.text):
            if occ.start() > m.start and not state.covered(occ.start(), occ.end()):
                state.add_mention(Mention(occ.start(), occ.end(), short, "target", m.ent, rule="target/short-form"))


def free_for_target(state: DocState, start: int, end: int) -> bool:
    """No mention overlaps the span, except an organisation that owns the facility ('CPC terminal')."""
    return all(m.kind == "actor" and m.ent is not None and m.ent.cls == "Organization" and m.end < end
               for m in state.mentions if m.start < end and start < m.end)  # not 'Caspian Pipeline' Consortium


def add_facility(state: DocState, entry: LexEntry, name: str, start: int, end: int,
                 rule: str = "target/named-facility") -> None:
    if not free_for_target(state, start, end):
        return
    ent = state.entity(f"target/{slugify(name)}", name=name, cls=entry.cls, kind="target", concept=entry.iri)
    loc = LOCATION_RE.match(state.text[end:end + 80])
    if loc and not ent.location:
        ent.location = loc.group(1)
    state.add_mention(Mention(start, end, name, "target", ent, rule=rule))


def add_category_targets(state: DocState, matches: list[tuple[Span, LexEntry, str]]) -> None:
    """Generic mentions ('oil refineries'); a definite singular ('the plant') points back to a facility."""
    for span, entry, _ in matches:
        if state.covered(span.start_char, span.end_char):
            continue
        doc = span.doc
        prev = doc[span.start - 1].lower_ if span.start > 0 else ""
        singular = not span.text.lower().endswith("s")
        nxt = doc[span.end] if span.end < len(doc) else None
        if singular and nxt is not None and nxt.is_alpha and nxt.is_lower and nxt.lower_ not in FUNCTION_WORDS \
                and not nxt.lower_.endswith("ed"):
            continue  # a modifier: 'pipeline deliveries', 'refinery fire'
        relative = RELATIVE.match(state.text[span.end_char:span.end_char + 120]) if singular else None
        same_kind = state.last_before(span.start_char, lambda m, e=entry: m.kind == "target" and
                                      m.ent is not None and m.ent.concept == e.iri)
        if prev in DEFINITE and relative and not same_kind:
            name = f"{span.text} {relative.group(1)} {relative.group(2)}"
            add_facility(state, entry, name, span.start_char, span.end_char)
            continue
        if prev in DEFINITE and singular:
            antecedent = antecedent_of(state, span.start_char, entry)
            if antecedent:
                state.add_mention(Mention(span.start_char, span.end_char, span.text, "target", antecedent.ent,
                                          rule="target/anaphora"))
                continue
        surface_start = modifier_start(state, span)
        place = located(state.text, span.end_char)
        if place and singular and prev not in {"their", "our", "its"} and \
                not names_country(state, place):
            name = f"{state.text[surface_start:span.end_char]} {place.group(0).strip()}"
            add_facility(state, entry, name, surface_start, span.end_char + len(place.group(0)), rule="target/located")
            continue
        surface = extend_modifiers(state.text, surface_start, state.text[surface_start:span.end_char])
        ent = category_entity(state, entry)
        state.add_mention(Mention(span.start_char, span.end_char, surface, "target", ent, rule="lexicon/target"))


@lru_cache(maxsize=2)
def target_phrases() -> dict[str, LexEntry]:
    """Every surface form of a target category, lower-cased, to the category it names."""
    return {phrase.lower(): e for e in load_lexicon() if e.scheme == "targets"
            for phrase in (e.pref, *e.alts)}


def add_elided_heads(state: DocState) -> None:
    """'strikes on energy and other civilian infrastructure', 'energy and transport infrastructure': a bare
    noun coordinated with a category shares its head noun, which English says once; the noun with that
    head is a category of its own ('energy infrastructure') where the lexicon has one."""
    for m in [m for m in state.mentions if m.kind == "target" and m.rule == "lexicon/target"]:
        found = parsed_token(state, m.end)
        if found is None:
            continue
        offset, head = found
        for word in elided_modifiers(head):
            start = offset + word.idx
            entry = target_phrases().get(f"{word.lower_} {head.lower_}")
            if entry is None or state.covered(start, start + len(word.text)):
                continue
            state.add_mention(Mention(start, start + len(word.text), word.text, "target", category_entity(state, entry),
                                      rule="target/elided-head"))


def elided_modifiers(head: Token) -> list[Token]:
    """The bare nouns before a head noun that share it: its conjunct head ('energy' in 'energy and other
    civilian infrastructure') or the first of its coordinated modifiers ('energy' in 'energy and transport
    infrastructure')."""
    def bare(t: Token) -> bool:
        return t.pos_ == "NOUN" and t.is_lower and t.i < head.i and \
            not any(c.dep_ in ("det", "poss") for c in t.children)

    out = [head.head] if head.dep_ == "conj" and bare(head.head) and any(
        c.dep_ == "cc" for c in head.head.children) else []
    out += [c for c in head.children if c.dep_ in ("nmod", "compound") and bare(c)
            and any(g.dep_ == "conj" for g in c.children)]
    return out


def extend_modifiers(text: str, start: int, surface: str) -> str:
    """Add a hyphenated modifier before a category ('high-voltage substations')."""
    m = re.search(r"([a-z]+-[a-z]+)\s+$", text[max(0, start - 30):start])
    return f"{m.group(1)} {surface}" if m else surface


GENERIC_CLASSES = {"InfrastructureTarget", "EnergyInfrastructure"}


def antecedent_of(state: DocState, pos: int, entry: LexEntry) -> Mention | None:
    """What a definite 'the terminal' points back to: the last facility of its category, else the last of
    its specific class ('the terminal' after 'the port of X')."""
    def facility(m: Mention) -> bool:
        return m.kind == "target" and m.ent is not None and m.ent.name != entry.pref

    return state.last_before(pos, lambda m: facility(m) and m.ent.concept == entry.iri) or \
        state.last_before(pos, lambda m: facility(m) and m.ent.cls == entry.cls and entry.cls not in GENERIC_CLASSES)


PLACE_AFTER = re.compile(r"\s+(?:in|near|outside|around)\s+(?:the\s+)?(?:(?:town|city|village|port) of\s+)?"
                         r"(?:[A-Z][\w\-\u2019']+\s+){0,2}[A-Z][\w\-\u2019']+"
                         r"(?:\s+(?:[Rr]egion|[Oo]blast|[Dd]istrict|[Rr]aion|[Pp]rovince|Krai))?"
                         r"(?:\s+and\s+[A-Z][\w\-\u2019']+)?")


def names_country(state: DocState, place: re.Match) -> bool:
    """'in Ukraine', 'in Russia's Kursk region': a country is no facility's location here."""
    return any(m.ent is not None and m.ent.cls == "Country" for m in state.mentions
               if place.start() <= m.start < place.end())


def located(text: str, end: int) -> re.Match | None:
    """'in Kherson', 'near the town of Chuhuiv', 'in Pavlohrad district': a named place right after a
    category makes it one facility there ('an energy facility in Kherson')."""
    return PLACE_AFTER.match(text, end)


def modifier_start(state: DocState, span: Span) -> int:
    """Where a category's noun phrase starts once its modifiers are read from the parse: 'Russian
    refineries', 'oil and gas pipelines', 'key energy facility', "Kyiv's energy facilities"."""
    found = parsed_token(state, span.end_char)
    if found is None:
        return span.start_char
    offset, token = found
    doc, i = token.doc, token.i
    subtree = {t.i for t in token.subtree}
    while i > 0 and i - 1 in subtree and doc[i - 1].dep_ in MODIFIER_DEPS and \
            doc[i - 1].pos_ not in ("DET", "NUM", "PRON"):
        i -= 1
    return min(offset + doc[i].idx, span.start_char)


MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "case", "cc", "conj", "npadvmod"}


def parsed_token(state: DocState, end: int) -> tuple[int, Token] | None:
    """(piece offset, token) of the trained parse whose token ends at this article offset, or None.
    Only the pieces of the sentence holding the character before `end` can hold it."""
    for parsed in state.parses.get(state.sent_index(end - 1), ()):
        rel = end - parsed.offset
        if 0 < rel <= parsed.length:
            token = next((t for t in parsed.doc if t.idx + len(t.text) == rel), None)
            return (parsed.offset, token) if token is not None else None
    return None


VESSEL_NAME = r"(?:the\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?"


def add_named_vessels(state: DocState, heads: dict[str, LexEntry]) -> None:
    """A head noun followed by a proper name is that one thing: 'the oil tanker Grinch', 'its single-point
    mooring SPM-2'; a plural head with an apposition lists them: 'two tankers, the Kairos and the Virat,'."""
    text = state.text
    words = load_patterns()["name_roles"]["named_after_heads"]
    alts = "|".join(re.escape(w) for w in words)
    for m in re.finditer(rf"\b({alts})\s+({VESSEL_NAME})", text):
        name = re.sub(r"^the\s+", "", m.group(2))
        if name.split()[0] in load_patterns()["not_names"] or state.covered(m.start(2), m.end(2)):
            continue
        head = re.search(r"\S+$", text[:m.end(1)]).group(0)
        entry = heads.get(head.lower())
        if entry is None:
            continue
        add_named_thing(state, entry, name, m.start(1), m.end(2))
    for m in re.finditer(rf"\b({alts})s,\s+((?:{VESSEL_NAME},\s+)*{VESSEL_NAME},?\s+and\s+{VESSEL_NAME})(?=[,.;])",
                         text):
        entry = heads.get(m.group(1).lower())
        for one in re.finditer(VESSEL_NAME, m.group(2)):
            name = re.sub(r"^the\s+", "", one.group(0))
            if entry is not None and name not in {"and"}:
                start = m.start(2) + one.start()
                add_named_thing(state, entry, name, start, start + len(one.group(0)))


def add_named_thing(state: DocState, entry: LexEntry, name: str, start: int, end: int) -> None:
    if state.covered(start, end):
        return
    ent = state.entity(f"target/{slugify(name)}", name=name, cls=entry.cls, kind="target", concept=entry.iri)
    state.add_mention(Mention(start, end, state.text[start:end], "target", ent, rule="target/named-after-head"))
