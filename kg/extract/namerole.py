"""What a name found by the trained NER does in its sentence, read from the dependency parse.

The NER labels spans (PERSON, ORG, GPE ...) but not their part in the sentence: 'Krasnodar region',
'posted on Telegram', 'Secretary of State', 'the tanker was struck' hold names that are not actors.
`name_role` says why a name is not an actor here (a short reason), or None when it may act."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from kg.extract.resources import load_patterns

NOUNS = {"NOUN", "PROPN"}


@lru_cache(maxsize=1)
def role_words() -> dict[str, frozenset[str]]:
    """The word classes of patterns.json `name_roles`, as sets."""
    p = load_patterns()
    roles = p["name_roles"]
    out = {k: frozenset(v) for k, v in roles.items() if not k.startswith("_")}
    out["attack_verbs"] = frozenset(roles["attack_lemmas"])
    out["titles"] = frozenset(w for t in p["titles"] for w in t.lower().split())
    out["place_heads"] = frozenset(p["place_heads"])
    out["platforms"] = frozenset(p["platforms"])
    return out


def first_conjunct(token: Token) -> Token:
    """'Poltava and Kharkiv regions': the role of 'Kharkiv' is the role of 'Poltava'."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def is_heading(span: Span) -> bool:
    """A masthead, dateline or heading line: no verb in the whole parsed piece (a pipeline without a
    tagger says nothing here)."""
    return span.doc.has_annotation("POS") and not any(t.pos_ in ("VERB", "AUX") for t in span.doc)


def is_credit_line(span: Span) -> bool:
    """'(Reporting by A in Kyiv; Editing by B)': wire credits name journalists, not actors."""
    sentence = span.sent if span.doc.has_annotation("SENT_START") else span.doc[:]
    text = sentence.text.lstrip("([ ").lower()
    return any(text.startswith(w + " by") or f"; {w} by" in text for w in role_words()["credit_words"])


def is_dateline(span: Span) -> bool:
    """'ISTANBUL, June 2 (Agency) -': an upper-case place opening a wire report."""
    doc = span.doc
    return span.start == 0 and span.text.isupper() and span.end < len(doc) and doc[span.end].text == ","


def prep_role(root: Token) -> str | None:
    """The role of a name that is the object of a preposition."""
    words = role_words()
    prep = root.head
    gov = prep.head
    if prep.lower_ in words["place_preps"]:
        return "place"
    if prep.lower_ == "at" and gov.pos_ not in NOUNS:
        return "place"  # 'talks at X', 'struck at X'; 'analysts at X' keeps X an organisation
    if prep.lower_ == "on" and (gov.lemma_ in words["post_lemmas"] or gov.lower_ in words["post_nouns"]):
        return "platform"
    if prep.lower_ == "of" and gov.lower_ in words["titles"] and gov.text[:1].isupper():
        return "title"  # 'Secretary of State', 'Minister of Defence'
    if prep.lower_ == "of" and (gov.lower_ in words["place_nouns"] or gov.lower_ in words["place_heads"]):
        return "place"  # 'the outskirts of X', 'the port of X'
    return None


def name_role(span: Span) -> str | None:
    """Why an NER name is not an actor in its sentence ('modifier', 'place' (also what a verb of motion
    leaves or reaches), 'platform', 'title',
    'attacked', 'heading', 'credit', 'dateline'), or None when nothing in the parse says so."""
    words = role_words()
    if span.text in words["platforms"]:
        return "platform"
    if is_dateline(span):
        return "dateline"
    if is_credit_line(span):
        return "credit"
    if is_heading(span):
        return "heading"
    if all(t.lower_ in words["titles"] for t in span):
        return "title"  # 'Defence' of 'Defence Minister X'
    root = first_conjunct(span.root)
    head = root.head
    inside = span.start <= head.i < span.end
    if root.dep_ in ("compound", "nmod", "amod") and head.pos_ in NOUNS and not inside \
            and head.lower_ not in words["titles"]:
        return "modifier"  # 'Krasnodar region', 'Telegram channel', 'Cabinet meeting', 'FPV drones'
    if root.dep_ == "pobj":
        return prep_role(root)
    if root.dep_ in ("dobj", "nsubjpass") and head.lemma_ in words["attack_verbs"]:
        return "attacked"  # what was struck is a target or a place, not an actor
    if root.dep_ == "dobj" and head.lemma_ in words["motion_lemmas"]:
        return "place"  # 'grain ships leaving Odesa', 'the convoy reached Kherson': where, not who
    return None


def acts(span: Span) -> bool:
    """A place name that the sentence makes act: subject of a speech or action verb, or agent."""
    root = first_conjunct(span.root)
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_ in role_words()["polity_nouns"]:
        root = first_conjunct(root.head.head)  # 'the breakaway region of Transnistria has agreed': the region acts
    if root.dep_ == "nsubj" and root.head.pos_ == "VERB":
        return root.head.lemma_ in role_words()["act_lemmas"]
    return root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "agent"
