"""An opinion piece's author and the recommendations told in the author's own voice.

An op-ed names its author in a byline ('OPINION | By Tomas Brenner', 'By Maria Kowalczyk') and argues in
the first person ('here is what I would put on the table'). There, 'the West should offer Moscow a 60-day
truce' is the author's proposal, whoever is to make the offer: a deontic modal (should, must, ought to)
on a clause no quotation holds and no reporting verb governs is the writer recommending. A news report
with a byline but no first person of its own tells others' proposals, not its reporter's."""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.extract.resources import word_class
from kg.extract.state import DocState, Ent, Mention, slugify
from kg.model import AUTHOR_RULE  # noqa: F401  (the frames import it from here)

BYLINE = re.compile(r"^[ \t]*(?:[A-Z][A-Z ]+\|[ \t]*)?By[ \t]+([A-Z][\w.'\-]+(?:[ \t]+[A-Z][\w.'\-]+){1,3})[ \t]*$",
                    re.M)
FIRST_PERSON = re.compile(r"\b(?:I|me|my|I'd|I'm|I\u2019d|I\u2019m)\b")
BYLINE_REACH = 400  # characters from the start of the text within which a byline stands
DEONTIC = {"should", "must", "ought"}


def article_author(state: DocState) -> Ent | None:
    """The person a byline near the top names, when the article argues in the first person (read once)."""
    key = ("author",)
    if key not in state.frame_cache:
        state.frame_cache[key] = find_author(state)
    return state.frame_cache[key]


def find_author(state: DocState) -> Ent | None:
    m = BYLINE.search(state.text[:BYLINE_REACH])
    if m is None:
        return None
    if not any(not state.in_quote(f.start()) for f in FIRST_PERSON.finditer(state.text, m.end())):
        return None  # a reporter's byline: the report tells others' words
    name = m.group(1)
    known = next((e for e in state.ents.values() if e.kind == "actor" and e.cls == "Person"
                  and (e.name == name or name in e.aliases)), None)
    if known is not None:
        return known
    author = state.entity(f"actor/{slugify(name)}", name=name, cls="Person", kind="actor")  # a byline is
    author.acting = True  # no actor of a report, but an op-ed's author is one of the piece's own proposals
    state.add_mention(Mention(m.start(1), m.end(1), name, "actor", author, rule="author/byline"))
    return author


def recommends(verb: Token) -> bool:
    """'the West should offer ...', 'Kyiv must agree ...': a deontic modal on a clause that no reporting
    verb governs (the writer's own recommendation, not a speaker's)."""
    if not any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in verb.children):
        return False
    clause = verb
    while clause.dep_ in ("conj", "xcomp") and clause.head is not clause:
        clause = clause.head
    return not (clause.dep_ == "ccomp" and clause.head.lemma_.lower() in word_class("speech_verbs"))


def author_recommending(state: DocState, offset: int, verb: Token) -> list[Ent]:
    """[the author] when the verb is a recommendation in an opinion piece's own voice, else []."""
    author = article_author(state)
    if author is None or state.in_quote(offset + verb.idx) or not recommends(verb):
        return []
    return [author]
