"""Readable node labels: the extraction's name when it is one, else a name built from the node's type,
date, target or place and parties ("Attack on Saratov oil refinery, 2025-04-01"), never a sentence fragment."""

from __future__ import annotations

import re

MAX_LEN = 64
LEAD_WORDS = {"and", "or", "but", "had", "has", "have", "was", "were", "is", "are", "be", "been", "proposed",
              "proposing", "proposes", "propose", "breaching", "breached", "violation", "violating", "of", "to",
              "a", "an", "the", "its", "their", "his", "her", "new", "that", "which", "for", "on", "by"}
CLAUSE = re.compile(r"\s+(?:if|unless|after|before|while|which|that|when|because|but|so)\s+.*$", re.I)
EVENT_PREFIX = re.compile(r"^(?:talks|agreement|attack|violation|event|statement):\s", re.I)
VERBS = re.compile(r"\b(?:said|says|told|agreed|proposed|came|went|has|had|have|was|were|is|are)\b", re.I)
KIND = {"Talks": "Talks", "Agreement": "Agreement", "Attack": "Attack", "Violation": "Violation", "Event": "Event"}


def looks_like_fragment(label: str) -> bool:
    """True for labels cut from a sentence: a 'talks: ...' prefix, an ellipsis, a lower-case function word
    first, a verb inside, or too long to be a name."""
    text = label.strip()
    if not text or EVENT_PREFIX.match(text) or text.endswith(("\u2026", "...")) or len(text) > MAX_LEN:
        return True
    first = text.split()[0]
    return first.lower() in LEAD_WORDS or bool(VERBS.search(text))


def shorten(text: str, limit: int = MAX_LEN) -> str:
    """At most `limit` characters, cut at a word with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def name_phrase(label: str) -> str:
    """A proposal's fragment trimmed to its noun phrase: leading function words and verbs and a trailing
    clause removed ('had proposed two repair zones' -> 'Two repair zones')."""
    words = CLAUSE.sub("", label.strip()).split()
    while len(words) > 1 and words[0].lower() in LEAD_WORDS:
        words.pop(0)
    text = " ".join(words)
    return shorten(text[:1].upper() + text[1:]) if text else label


def parties(names: list[str], limit: int = 3) -> str:
    """'Russia \u2013 Ukraine', at most `limit` names then '+N'."""
    names = sorted(dict.fromkeys(n for n in names if n))
    extra = f" +{len(names) - limit}" if len(names) > limit else ""
    return " \u2013 ".join(names[:limit]) + extra


def with_date(text: str, date: str | None) -> str:
    return f"{text}, {date}" if date else text


def event_label(cls: str, date: str | None, targets: list[str], location: str | None,
                participants: list[str], violators: list[str]) -> str:
    """'Attack on Saratov oil refinery, 2025-04-01', 'Talks in Istanbul, 2025-05-16', 'Agreement:
    Russia \u2013 Ukraine, 2025-05-16', 'Violation by Russia, 2025-04'."""
    kind = KIND.get(cls, "Event")
    if cls == "Attack" and targets:
        text = f"Attack on {targets[0]}" + (f" +{len(targets) - 1}" if len(targets) > 1 else "")
    elif cls == "Violation" and violators:
        text = f"Violation by {parties(violators, 2)}"
    elif location and cls in ("Talks", "Attack"):
        text = f"{kind} in {location}"
    elif participants:
        text = f"{kind}: {parties(participants, 2)}"
    elif location:
        text = f"{kind} in {location}"
    else:
        text = kind
    return with_date(shorten(text, MAX_LEN - 12), date)


def proposal_label(label: str, date: str | None, proposers: list[str]) -> str:
    """The proposal's name phrase, who proposed it and when: 'Two repair zones (IAEA), 2025-10-09'."""
    keep = not looks_like_fragment(label) and label[:1].isupper()
    text = label if keep else name_phrase(label)
    if proposers:
        text = f"{text} ({parties(proposers, 2)})"
    return with_date(text, date)


def commitment_label(parties_: list[str], refrains: str | None, label: str) -> str:
    if parties_ and refrains:
        return f"{parties(parties_)} refrains from {refrains}"
    return label[:1].upper() + label[1:]


def statement_label(quote: str, speakers: list[str]) -> str:
    """'Vladimir Medinsky: \u201cWe are satisfied with the result\u2026\u201d'."""
    head = f"{parties(speakers, 1)}: " if speakers else ""
    return head + "\u201c" + shorten(quote.strip(), 40) + "\u201d"
