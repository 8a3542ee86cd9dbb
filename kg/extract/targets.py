"""Infrastructure targets: lexicon categories ('oil refineries') and named facilities ('Saratov oil refinery')."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span

from kg.extract.resources import LexEntry, load_lexicon, load_patterns
from kg.extract.state import DocState, Ent, Mention, slugify

MODIFIERS = r"(?:(?:oil|gas|thermal|nuclear|hydroelectric|electricity|electrical|power|pumping|high-voltage)\s+)*"
DEFINITE = {"the", "this", "that", "its", "their"}
FUNCTION_WORDS = {"that", "which", "who", "in", "on", "at", "of", "near", "by", "for", "to", "from", "and", "or",
                  "but", "is", "was", "were", "are", "has", "had", "have", "will", "would", "could", "can", "said",
                  "says", "with", "after", "before", "since", "during", "as", "while", "where", "when", "into",
                  "across", "along", "outside", "inside", "over", "under", "itself", "also", "again", "if", "unless",
                  "because", "so", "than", "then", "amid", "despite", "until", "through", "without", "within",
                  "around", "about", "against", "toward", "towards", "via", "the", "a", "an", "its", "their", "his",
                  "her", "there", "here", "not", "no", "being", "been", "be", "remains", "remained", "stays"}
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
    pattern = re.compile(r"((?:[A-Z][\w\-\u2019']*\s+){1,3})(" + MODIFIERS + r"(?:" + alternatives + r"))\b")
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
        if text[start:m.end()] != name or state.covered(start, m.end()) or "Ministry" in name:
            continue
        add_facility(state, head_entry(m.group(2), heads), name, start, m.end())
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


def add_facility(state: DocState, entry: LexEntry, name: str, start: int, end: int) -> None:
    if state.covered(start, end):
        return
    ent = state.entity(f"target/{slugify(name)}", name=name, cls=entry.cls, kind="target", concept=entry.iri)
    loc = LOCATION_RE.match(state.text[end:end + 80])
    if loc and not ent.location:
        ent.location = loc.group(1)
    state.add_mention(Mention(start, end, name, "target", ent, rule="target/named-facility"))


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
            antecedent = state.last_before(span.start_char, lambda m, e=entry: m.kind == "target" and m.ent is not None
                                           and m.ent.concept == e.iri and m.ent.name != e.pref)
            if antecedent:
                state.add_mention(Mention(span.start_char, span.end_char, span.text, "target", antecedent.ent,
                                          rule="target/anaphora"))
                continue
        surface = extend_modifiers(state.text, span.start_char, span.text)
        ent = category_entity(state, entry)
        state.add_mention(Mention(span.start_char, span.end_char, surface, "target", ent, rule="lexicon/target"))


def extend_modifiers(text: str, start: int, surface: str) -> str:
    """Add a hyphenated modifier before a category ('high-voltage substations')."""
    m = re.search(r"([a-z]+-[a-z]+)\s+$", text[max(0, start - 30):start])
    return f"{m.group(1)} {surface}" if m else surface
