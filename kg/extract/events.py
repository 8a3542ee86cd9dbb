"""Events: talks, agreements, attacks and violations, one per kind and sentence, with resolved dates."""

from __future__ import annotations

import re

from kg.extract import dates
from kg.extract.state import DocState, Ent, slugify
from kg.model import Event

TRIGGERS = {
    "Talks": re.compile(r"\b(talks|meeting|meetings|summit|phone call|spoke (?:to|with)|met|meet|hosted|"
                        r"consultations|three-way meeting)\b", re.I),
    "Agreement": re.compile(r"\b(agreed (?:to|on)|accepted in principle|signed an? \w+|reached an agreement|"
                            r"already agreed|were agreed|was agreed|agreed in \w+|struck a deal)\b", re.I),
    "Attack": re.compile(r"\b(struck|hit|attacked|shelled|seized|bombed|damaged|destroyed|targeted|"
                         r"was cut by shelling|set fire)\b", re.I),
    "Violation": re.compile(r"\b(violation|violations|violated|breach(?:ed|ing|es)?|breaking the)\b", re.I),
}
NOT_EVENT = re.compile(r"\b(would|could|if|unless|whether|may|might|should|not expect)\b", re.I)
LOCATION = re.compile(r"\b(?:in|at)\s+(?:the\s+)?((?:[A-Z][\w\-]+\s+)*[A-Z][\w\-]+(?:\s+region)?"
                      r"(?:,\s+(?:[A-Z][\w\-]+\s*)+)?)")


def participants(state: DocState, start: int, end: int, kind: str) -> list[Ent]:
    """Actors in the sentence; for an attack, the attacker: a demonym on the weapon or the subject."""
    mentions = [m for m in state.mentions_in(start, end, ("actor", "demonym")) if not m.in_quote and m.ent]
    if kind in ("Attack", "Violation"):
        text = state.text
        for m in mentions:
            follow = text[m.end:m.end + 40].lower()
            if m.kind == "demonym" and re.match(r"\s+(?:[\w\-]+\s+){0,2}(drones?|missiles?|forces|artillery|"
                                                r"strikes?|attacks?|shelling|army)", follow):
                return [m.ent]
        accused = re.search(r"\baccused\s+(\w+)|\bby\s+(Russia|Ukraine|Moscow|Kyiv)", text[start:end])
        if accused:
            pos = start + accused.start(accused.lastindex)
            hit = [m.ent for m in mentions if m.start == pos]
            if hit:
                return hit
        subjects = [m.ent for m in mentions if m.kind == "actor" and m.ent.cls in ("Country", "ArmedForces")]
        return subjects[:1]
    return list(dict.fromkeys(m.ent for m in mentions if m.kind == "actor" and
                              m.ent.cls != "MediaOutlet" and m.ent.kind != "unnamed"))


def location_of(sentence: str) -> str | None:
    for m in LOCATION.finditer(sentence):
        words = m.group(1)
        if not re.match(r"(January|February|March|April|May|June|July|August|September|October|November|"
                        r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The)\b", words):
            return words
    return None


def event_name(kind: str, sentence: str) -> str:
    words = re.sub(r"\s+", " ", sentence).strip()
    return f"{kind.lower()}: {words[:90]}{'…' if len(words) > 90 else ''}"


def extract_events(state: DocState) -> list[Event]:
    events: list[Event] = []
    ref = state.article.date
    for idx, (start, end) in enumerate(state.sents):
        sentence = state.text[start:end]
        if state.in_quote(start + 1) or len(sentence.split()) < 5:
            continue
        for kind, trigger in TRIGGERS.items():
            m = trigger.search(sentence)
            if not m or state.in_quote(start + m.start()):
                continue
            if kind != "Violation" and NOT_EVENT.search(sentence[:m.start()]):
                continue
            who = participants(state, start, end, kind)
            targets = [mm.ent.key for mm in state.mentions_in(start, end, ("target",))]
            if kind == "Attack" and not targets and not re.search(r"drone|missile|shell", sentence, re.I):
                continue
            if kind in ("Talks", "Agreement") and len(who) < 1:
                continue
            begin, finish = dates.resolve(sentence[m.start():] + " " + sentence[:m.start()], ref)
            events.append(Event(
                key=f"event/{state.article.id}-{idx}-{kind.lower()}-{slugify(m.group(1))}",
                name=event_name(kind, sentence), cls=kind, start=begin, end=finish,
                location=location_of(sentence), participants=tuple(e.key for e in who),
                targets=tuple(dict.fromkeys(targets)), evidence=(state.evidence(start),)))
    return events
