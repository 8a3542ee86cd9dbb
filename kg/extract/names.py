"""Names the lexicon does not hold: titled or apposed people, organisations by their head word."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from kg.extract.actors import (
    apposition_role,
    capital_runs,
    find_person,
    is_locative,
    names_venue,
    org_class,
    person_key,
    preceding_role,
    title_prefix,
)
from kg.extract.ministries import add_lower_case_ministries, ministry_entity
from kg.extract.namerole import acts, first_conjunct, name_role
from kg.extract.namestyles import add_acronyms, add_delegates, add_lower_case_forces
from kg.extract.nlp import Parsed
from kg.extract.resources import load_lexicon, load_patterns
from kg.extract.state import DocState, Mention, slugify


def owner_prefix(doc: Doc, start: int, state: DocState) -> tuple[str, str] | None:
    """'Ukraine's' or 'Ukrainian' just before an organisation name: (surface, owner slug)."""
    if start >= 2 and doc[start - 1].text in {"'s", "\u2019s"}:
        owner = state.last_before(doc[start - 1].idx + 1, lambda m: m.ent is not None)
        if owner and owner.end == doc[start - 1].idx and owner.ent.cls == "Country":
            return doc[start - 2:start].text_with_ws.strip() + " ", owner.ent.key.split("/")[-1]
    if start >= 1:
        dm = state.last_before(doc[start].idx, lambda m: m.kind == "demonym")
        if dm and dm.end == doc[start - 1].idx + len(doc[start - 1].text) and dm.ent.cls == "Country":
            return dm.text + " ", dm.ent.key.split("/")[-1]
    return None


def of_owner(state: DocState, doc: Doc, span: Span) -> Span:
    """'Ministry of Energy' + 'of Kazakhstan', 'General Staff' + 'of the Armed Forces of Ukraine': a name
    followed by 'of' and an actor the lexicon knows takes it in; the inner actor is then part of the name."""
    i = span.end
    if i + 1 >= len(doc) or doc[i].lower_ != "of":
        return span
    j = i + 1 + (doc[i + 1].lower_ == "the")
    inner = next((m for m in state.mentions if j < len(doc) and m.start == doc[j].idx and m.ent is not None
                  and m.kind in ("actor", "place") and m.ent.kind == "actor"), None)
    if inner is None or inner.ent.cls == "Person":
        return span
    tail = doc.char_span(inner.start, inner.end, alignment_mode="expand")
    state.mentions.remove(inner)
    inner.ent.acting = any(m.ent is inner.ent and m.kind == "actor" for m in state.mentions)
    return doc[span.start:tail.end]


def add_organisation(state: DocState, doc: Doc, span: Span, cls: str, rule: str = "name/org-head") -> None:
    owner = owner_prefix(doc, span.start, state)
    name = span.text
    if name.lower().startswith("the "):
        name = name[4:]
    full = (owner[0] + name) if owner else name
    key = "actor/" + (owner[1] + "-" if owner else "") + slugify(name)
    start = doc[span.start - 2].idx if owner and owner[0].endswith("s ") and "'" in owner[0] else \
        (span.start_char - len(owner[0]) if owner else span.start_char)
    ent = ministry_entity(state, full, start)
    if ent is None:
        same_head = [e for e in state.ents.values() if e.kind == "actor" and e.cls == cls and
                     any(a.endswith(name) or a.startswith(name + " of ") for a in e.aliases | {e.name})]
        ent = same_head[0] if same_head and not owner else state.entity(key, name=full, cls=cls, kind="actor")
    ent.acting = True
    state.add_mention(Mention(start, span.end_char, state.text[start:span.end_char], "actor", ent,
                              rule=rule))


def add_person(state: DocState, doc: Doc, span: Span, words: list[str], role: str | None,
               rule: str = "name/titled-person") -> None:
    name = " ".join(words)
    ent = find_person(state, words) or state.entity(person_key(name), name=name, cls="Person", kind="actor")
    ent.acting = True
    if role and not ent.role:
        ent.role = role
    state.add_mention(Mention(span.start_char, span.end_char, span.text, "actor", ent, rule=rule))
    if role:
        add_affiliation(state, doc, role, span.start_char)


AFFILIATION = re.compile(r"\b(?:at|of|for|with)\s+(?:the\s+)?([A-Z][\w&+.\-]*(?:\s+[A-Z][\w&+.\-]*){0,3})\s*$")


def add_affiliation(state: DocState, doc: Doc, role: str, near: int) -> None:
    """'Viktor Hale, head of research at Corvane': the organisation a person's role names is an actor."""
    found = AFFILIATION.search(role.strip())
    if not found:
        return
    first, last = state.sents[max(0, state.sent_index(near) - 1)][0], state.sent_span(near)[1]
    pos = state.text.find(role.strip(), first, last)
    if pos < 0:
        return
    start = pos + found.start(1)
    end = start + len(found.group(1))
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or state.covered(start, end) or span[0].text in name_stoplist():
        return
    words = [t.text for t in span]
    patterns = load_patterns()
    title_words = {w for t in patterns["titles"] for w in t.split()}
    if all(w.lower() in title_words for w in words):
        return  # 'Secretary of State': the rest of a title, not an organisation
    add_organisation(state, doc, span, org_class(words, patterns) or "Organization", rule="name/affiliation")


@lru_cache(maxsize=1)
def name_stoplist() -> frozenset[str]:
    """Capitalised words that never start a name, less the title words a name may follow."""
    return frozenset(set(load_patterns()["not_names"]) - {
        "Navy", "Air", "Force", "President", "Minister", "Prime", "Foreign", "Defence", "Defense", "Deputy", "First",
        "Secretary", "State", "General", "Director"})


def is_venue(state: DocState, doc: Doc, span: Span, patterns: dict) -> bool:
    """'in the Oval Office', 'the Oval Office clash': a venue-headed name used as a place."""
    return span[-1].lower_ in patterns["name_roles"]["venue_heads"] and \
        (is_locative(doc, span, state) or names_venue(doc, span))


@lru_cache(maxsize=1)
def target_heads() -> frozenset[str]:
    return frozenset(h for e in load_lexicon() if e.scheme == "targets" for h in e.heads)


def ends_with_target_head(words: list[str]) -> bool:
    low = " ".join(words).lower()
    return len(words) > 1 and any(low.endswith(" " + h) for h in target_heads())


def classify_run(state: DocState, doc: Doc, run: Span, patterns: dict, titles: set[str]) -> None:
    """Decide whether a capitalised run is an organisation, a person, a known surname, or nothing."""
    not_names = name_stoplist()
    tokens = list(run)
    while tokens and tokens[0].text in not_names:
        tokens = tokens[1:]
    if not tokens:
        return
    span = doc[tokens[0].i:run.end]
    words = [t.text for t in span]
    place_heads = set(patterns["place_heads"])
    if words[-1].lower() in place_heads or ends_with_target_head(words):
        return  # a place, or a facility ('Velmora Nuclear Power Plant') left to the target rules
    cls = org_class(words, patterns)
    if cls and is_venue(state, doc, span, patterns):
        return  # a venue, not an actor
    if cls and (len(words) > 1 or doc[span.start - 1].text in {"'s", "\u2019s"} or
                (span.start > 0 and doc[span.start - 1].lower_ == "the")):
        add_organisation(state, doc, of_owner(state, doc, span), cls)
        return
    k = title_prefix(words, titles)
    rest = words[k:]
    if not rest or any(w in not_names or w.lower() in place_heads for w in rest):
        return
    if len(rest) == 1:
        person = find_person(state, rest)
        if person:
            state.add_mention(Mention(doc[span.start + k].idx, span.end_char, rest[0], "actor", person,
                                      rule="name/known-surname"))
        return
    if len(rest) > 4 or any(not w[0].isupper() or w.isupper() for w in rest):
        return
    role = " ".join(words[:k]) or None
    before = preceding_role(doc, span.start, titles, state)
    if before:
        role = (before + " " + role) if role else before
    appos = apposition_role(doc, span.end)
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    speech = set(patterns["speech_verbs"])
    possessive = span.start > 0 and doc[span.start - 1].text in {"'s", "\u2019s"}
    if role or appos or after in speech or possessive:
        name_span = doc[span.start + k:span.end]
        add_person(state, doc, name_span, rest, role or appos)


def add_names(state: DocState, doc: Doc) -> None:
    """Organisations and people found by pattern, not by lexicon."""
    patterns = load_patterns()
    titles = {t.lower() for t in patterns["titles"]}
    claimed = {t.i for m in state.mentions for t in doc.char_span(m.start, m.end, alignment_mode="expand") or []}
    for run in capital_runs(doc, claimed):
        classify_run(state, doc, run, patterns, titles)
    add_delegates(state)
    add_lower_case_ministries(state)
    add_lower_case_forces(state)
    add_acronyms(state)
    add_lower_case_bodies(state, doc, patterns)


def add_lower_case_bodies(state: DocState, doc: Doc, patterns: dict) -> None:
    """'the Odesa regional military administration': a place name and a lower-case government head."""
    text = state.text
    for head in sorted(patterns["lower_org_heads"], key=len, reverse=True):
        start = 0
        while (i := text.find(" " + head, start)) >= 0:
            start = i + 1
            j = i
            while j > 0 and (text[j - 1].isalpha() or text[j - 1] in "-'"):
                j -= 1
            place = text[j:i]
            if not place[:1].isupper() or state.covered(j, i + 1 + len(head)):
                continue
            name = f"{place} {head}"
            ent = state.entity("actor/" + slugify(name), name=name, cls="GovernmentBody", kind="actor")
            ent.acting = True
            state.add_mention(Mention(j, i + 1 + len(head), name, "actor", ent, rule="name/lower-case-body"))


def article_places(found: list[tuple[Parsed, Span]]) -> set[str]:
    """Names the article uses as places somewhere (a GPE/LOC/FAC, 'in X', 'X region'): the NER's ORG
    reading of the same name elsewhere ('Nikopol faces ...') is not an actor either."""
    place_heads = set(load_patterns()["place_heads"])
    out = set()
    for _, f in found:
        role = name_role(f)
        head = first_conjunct(f.root).head
        if f.label_ in ("GPE", "LOC", "FAC") or role == "place" or \
                (role == "modifier" and head.lower_ in place_heads):
            out.add(f.text)
    return out


POSSESSIVE_ENDINGS = {"'s", "\u2019s", "'", "\u2019"}


def add_model_entities(state: DocState, doc: Doc) -> None:
    """People, organisations and acting places from the trained pipeline's NER that the rules missed,
    read through the parse: a name used as a place, a modifier, a platform, a title part or a thing
    struck is not an actor (kg/extract/namerole.py). Anything a rule already covers is left alone."""
    patterns = load_patterns()
    titles = {t.lower() for t in patterns["titles"]}
    stop = name_stoplist()
    found = [(parsed, f) for parsed in state.parsed() for f in parsed.doc.ents]
    places = article_places(found)
    for parsed, f in found:
        start, end = parsed.offset + f.start_char, parsed.offset + f.end_char
        ent = doc.char_span(start, end, alignment_mode="expand")
        while ent is not None and len(ent) > 1 and ent[-1].lower_ in POSSESSIVE_ENDINGS:
            ent = ent[:-1]  # "Marlen Orvik's idea": the NER span took the possessive ending
            end = ent.end_char
        if ent is None or state.covered(start, end) or state.in_quote(start):
            continue
        words = [t.text for t in ent if t.text not in stop]
        role = name_role(f)
        if f.label_ == "PERSON" and 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and \
                role not in ("credit", "heading", "dateline", "platform", "attacked"):
            role_text = preceding_role(doc, ent.start, titles, state) or apposition_role(doc, ent.end)
            add_person(state, doc, ent, words, role_text, rule="ner/person")
        elif f.label_ == "ORG" and len(words) == 1 and (person := find_person(state, words)):
            state.add_mention(Mention(start, end, ent.text, "actor", person, rule="ner/known-surname"))
        elif f.label_ == "ORG" and ent.text[:1].isupper() and words and role is None and not common_plural(f) and \
                f.text not in places and words[-1].lower() not in patterns["place_heads"] and \
                not is_venue(state, doc, ent, patterns):
            add_organisation(state, doc, ent, org_class(words, patterns) or "Organization", rule="ner/org")
        elif is_group(doc, ent, f, words):  # 'the Houthis said', 'the Taliban fired': a group that acts
            add_organisation(state, doc, ent, "Organization", rule="ner/group")
        elif f.label_ == "GPE" and acts(f) and words and all(w.istitle() for w in words) and len(words) <= 3:
            country = state.entity("actor/" + slugify(ent.text), name=ent.text, cls="Country", kind="actor")
            country.acting = True
            state.add_mention(Mention(start, end, ent.text, "actor", country, rule="ner/acting-place"))
    merge_initialisms(state)


def common_plural(f: Span) -> bool:
    """'Reporters said ...': one word the tagger reads as a plural common noun is no organisation's name,
    though the NER, seeing it capitalised at the start of a sentence, took it for one."""
    return len(f) == 1 and f[0].tag_ == "NNS"


def is_group(doc: Doc, ent: Span, f: Span, words: list[str]) -> bool:
    """'The Houthis said they had fired ...': one capitalised plural word after 'the' that the NER took for
    a person or a nationality and the sentence makes act (speak, strike) is a group; a country's people
    ('the Ukrainians') are the lexicon's, not a group."""
    if f.label_ not in ("PERSON", "NORP") or len(words) != 1 or not words[0].endswith("s") or ent.start == 0:
        return False
    if doc[ent.start - 1].lower_ != "the" or not words[0][:1].isupper() or not acts(f):
        return False
    return words[0][:-1].lower() not in lexicon_demonyms()


@lru_cache(maxsize=1)
def lexicon_demonyms() -> frozenset[str]:
    """Every demonym of the lexicon, lower-cased ('ukrainian')."""
    return frozenset(d.lower() for e in load_lexicon() for d in e.demonyms)


def initials(name: str) -> str:
    """'National Hockey League' -> 'NHL' (function words skipped)."""
    return "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() not in {"of", "for", "the", "and"})


def merge_initialisms(state: DocState) -> None:
    """'the NHL' ... 'The National Hockey League said': an upper-case short name that is the initials of
    an organisation named in the same article is that organisation."""
    orgs = [e for e in state.ents.values() if e.kind == "actor" and e.cls not in ("Person", "Country")]
    for short in [e for e in orgs if e.name.isupper() and 2 <= len(e.name) <= 6 and e.name.isalpha()]:
        full = next((e for e in orgs if e is not short and e.key in state.ents and
                     len(e.name.split()) >= 2 and initials(e.name) == short.name), None)
        if full is None:
            continue
        for m in state.mentions:
            if m.ent is short:
                m.ent = full
                full.aliases.add(m.text)
        full.rules |= short.rules
        full.acting = full.acting or short.acting
        for ev in short.evidence:
            full.add_evidence(ev)
        del state.ents[short.key]
