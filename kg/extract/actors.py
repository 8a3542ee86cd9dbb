"""Actor mentions: lexicon actors, titled and apposed names, organisation patterns, unnamed sources."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg.extract import dates
from kg.extract.resources import LexEntry, load_lexicon, load_patterns, word_class
from kg.extract.state import DocState, Ent, Mention, slugify
from kg.extract.translit import same_name

LOCATIVES = {"in", "at", "near", "across", "outside", "inside", "into", "around", "throughout", "towards",
             "toward", "within", "via", "on"}
CONNECTORS = {"of", "for", "de", "von", "der", "bin", "al", "van", "la", "le", "du"}


def lexicon_entity(state: DocState, entry: LexEntry) -> Ent:
    return state.entity(f"actor/{entry.slug}", name=entry.pref, cls=entry.cls, kind="actor",
                        wikidata=entry.wikidata, concept=entry.iri, role=entry.role)


def is_locative(doc: Doc, span: Span, state: DocState) -> bool:
    """A country or seat used as a place: 'in Kyiv', 'in the UAE', 'Riyadh, Saudi Arabia'."""
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in {"the", "southern", "northern", "eastern", "western", "central"}:
        i -= 1
    if i < 0:
        return False
    prev = doc[i]
    if prev.lower_ in ("and", "or") and i > 0:  # 'towards Slovakia and Austria': a conjunct of a place
        before = state.last_before(prev.idx, lambda m: m.ent is not None)
        if before is not None and before.kind == "place" and prev.idx - before.end <= 2:
            return True
    if prev.lower_ == "on" and i > 0 and doc[i - 1].lower_ in word_class("on_not_place"):
        return False  # 'calls on Azerbaijan to ...', 'sanctions on Russia': an addressee, not a place
    if prev.lower_ in LOCATIVES and not (span.end < len(doc) and doc[span.end].text in {"'s", "\u2019s"}):
        return True
    if prev.text == "," and i > 0:
        if span.end < len(doc) and doc[span.end].is_alpha and doc[span.end].is_lower:
            return False  # 'In Riyadh, US officials met ...': the name modifies a noun, it is no place
        before = state.last_before(doc[i].idx, lambda m: True)
        if before is not None and before.kind == "place" and before.end == doc[i].idx:
            return True
        j = i - 1  # 'in Jeddah, Saudi Arabia': a place name, then the country it lies in
        while j > 0 and doc[j].text[:1].isupper() and doc[j].is_alpha:
            j -= 1
        named = [t.lower_ for t in doc[j + 1:i]]
        if any(w in dates.MONTHS or w in dates.WEEKDAYS for w in named):
            return False  # 'On Monday, Azerbaijan launched ...': a date, not a place, before the comma
        return j < i - 1 and doc[j].lower_ in LOCATIVES
    return False


def add_lexicon_actors(state: DocState, doc: Doc, matches: list[tuple[Span, LexEntry, str]]) -> None:
    """Mentions for lexicon matches: actors, places (a country used as a place) and demonyms."""
    for span, entry, kind in matches:
        ent = lexicon_entity(state, entry)
        if kind == "demonym":
            mention_kind = "demonym"
        elif entry.cls == "Country" or kind == "seat":
            mention_kind = "place" if is_locative(doc, span, state) or (kind == "seat" and names_venue(doc, span)) \
                else "actor"
        else:
            mention_kind = "actor"
        if mention_kind == "actor" or (kind == "demonym" and speaks_for(doc, span)):
            ent.acting = True
        state.add_mention(Mention(span.start_char, span.end_char, span.text, mention_kind, ent, rule=f"lexicon/{kind}"))


def names_venue(doc: Doc, span: Span) -> bool:
    """'the Riyadh talks', 'the Istanbul meeting': a seat naming where an event happens is a place."""
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    return nxt in load_patterns()["name_roles"]["event_nouns"]


def speaks_for(doc: Doc, span: Span) -> bool:
    """"Pakistan's delegate urged ...": a country's possessive before a person who speaks for it."""
    if span.end >= len(doc) or not span.text.endswith(("'s", "\u2019s")):
        return False
    p = load_patterns()
    roles = {w for t in p["titles"] for w in t.split()} | set(p["source_nouns"]) | set(p["name_roles"]["delegates"])
    return doc[span.end].lower_ in roles


def is_cap(token: Token) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and (token.is_alpha or bool(re.fullmatch(r"[A-Z][\w'’\-.]+", text)))


def capital_runs(doc: Doc, claimed: set[int]) -> list[Span]:
    """Maximal runs of capitalised tokens (with 'of'/'for' inside) that no lexicon match claimed."""
    runs, i, n = [], 0, len(doc)
    toks = list(doc)
    caps = [is_cap(t) for t in toks]
    while i < n:
        if i in claimed or not caps[i]:
            i += 1
            continue
        j = i + 1
        while j < n and j not in claimed and not toks[j - 1].is_sent_end:
            if caps[j] and not toks[j].is_sent_start:
                j += 1
            elif toks[j].lower_ in CONNECTORS and j + 1 < n and caps[j + 1] and j + 1 not in claimed:
                j += 2
            elif inner_article(toks, caps, claimed, i, j):
                j += 3  # 'Institute for the Study of War', 'General Staff of the Armed Forces'
            else:
                break
        runs.append(doc[i:j])
        i = j
    return runs


def inner_article(toks: list[Token], caps: list[bool], claimed: set[int], i: int, j: int) -> bool:
    """'for the' / 'of the' inside a name: after an organisation head word ('Office for the Coordination'),
    or 'for the' after any capitalised word ('Institute for the Study of War')."""
    if j + 2 >= len(toks) or toks[j + 1].lower_ != "the" or not caps[j + 2] or j + 2 in claimed:
        return False
    if toks[j].lower_ == "for":
        return True
    heads = {w for hs in load_patterns()["org_heads"].values() for h in hs for w in h.split()}
    return toks[j].lower_ == "of" and any(t.lower_ in heads for t in toks[i:j])


def title_prefix(words: list[str], titles: set[str]) -> int:
    """How many leading words of a run are title words ('Deputy Foreign Minister', 'Director General')."""
    title_words = {w for t in titles for w in t.split()}
    k = 0
    while k < len(words) - 1 and words[k].lower() in title_words:
        k += 1
    return k


def org_class(words: list[str], patterns: dict) -> str | None:
    """The ontology class a name's head word implies, or None."""
    text = " ".join(words).lower()
    for cls, heads in patterns["org_heads"].items():
        for head in heads:
            if text.endswith(" " + head) or text == head or text.startswith(head + " of ") or \
                    text.startswith(head + " for "):
                return cls
    return None


def preceding_role(doc: Doc, start: int, titles: set[str], state: DocState) -> str | None:
    """Lower-case titles and their modifiers just before a name: 'Kremlin spokesman', 'chief executive'."""
    k = start
    while k > 0 and doc[k - 1].lower_ in {w for t in titles for w in t.split()} and not doc[k - 1].is_punct:
        k -= 1
    if k == start:
        return None
    j = k
    while j > 0 and (doc[j - 1].text[:1].isupper() and not doc[j - 1].is_sent_start or
                     (j - 1 >= 0 and doc[j - 1].is_sent_start and is_cap(doc[j - 1]))) and j > start - 6:
        j -= 1
        if doc[j].is_sent_start:
            break
    if j < k and doc[j].text in load_patterns()["not_names"] and doc[j].lower_ in {"the", "a", "an", "in", "on"}:
        j += 1
    return doc[j:start].text or None


def apposition_role(doc: Doc, end: int) -> str | None:
    """The apposition after a name: 'Viktor Melnychenko, deputy head of ..., said' -> 'deputy head of ...'."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    first = doc[end + 1]
    title_words = {w for t in load_patterns()["titles"] for w in t.split()}
    if not (first.lower_ in {"a", "an", "the"} or first.is_lower or first.text[0].isupper() and
            first.lower_ in title_words):
        return None
    j = end + 1
    while j < len(doc) and doc[j].text not in {",", ".", ";", ":"} and not doc[j].is_sent_start or j == end + 1:
        j += 1
    if first.lower_ in load_patterns()["name_roles"]["not_appositions"]:
        return None  # 'Matilda and Delta Harmony, were struck': a clause goes on, no apposition
    if doc[j - 1].lower_ in load_patterns()["speech_verbs"]:
        return None  # ', the agency said': an attribution, no apposition
    words = doc[end + 1:j].text
    words = re.sub(r"^(a|an|the)\s+", "", words)
    if len(words.split()) > (20 if first.lower_ in title_words else 14) or not words:
        return None
    return words


def person_key(name: str) -> str:
    return "actor/" + slugify(name)


def find_person(state: DocState, words: list[str]) -> Ent | None:
    """A person of this article or the lexicon whose name or surname this is."""
    text = " ".join(words)
    people = state.persons_named(words[-1])  # any match below shares a spelling of the last word
    for ent in people:
        if text == ent.name or text in ent.aliases or (len(words) == 1 and ent.name.split()[-1] == text):
            return ent
    for ent in people:  # another romanisation of the same name: 'Hrebeniuk' after 'Oleh Hrebenyuk'
        if any(same_name(words, n.split()) for n in (ent.name, *ent.aliases)):
            return ent
    for entry in lexicon_people():  # a spelling the lexicon lacks of a person it holds: its node and Wikidata id
        if any(len(words) == len(n.split()) and same_name(words, n.split()) for n in (entry.pref, *entry.alts)):
            return lexicon_entity(state, entry)
    return None


@lru_cache(maxsize=1)
def lexicon_people() -> tuple[LexEntry, ...]:
    return tuple(e for e in load_lexicon() if e.scheme == "actors" and e.cls == "Person")
