"""The working state of one article's extraction: sentences, mentions and entities under construction."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.extract.nlp import Parsed
from kg.model import Article, Evidence


def slugify(text: str) -> str:
    """A readable, stable IRI slug: ASCII, lower case, hyphens."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"'s\b", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80] or "x"


@dataclass(eq=False)
class Ent:
    """An entity under construction: actor, unnamed source or target."""

    key: str
    name: str
    cls: str
    kind: str  # actor | unnamed | target
    aliases: set[str] = field(default_factory=set)
    role: str | None = None
    wikidata: str | None = None
    concept: str | None = None
    location: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    acting: bool = False  # used at least once as an actor, not only as a place
    plural: bool = False
    rules: set[str] = field(default_factory=set)  # ids of the rules whose mentions made it (ckg:extractedBy)

    def add_evidence(self, ev: Evidence) -> None:
        if ev not in self.evidence:
            self.evidence.append(ev)


@dataclass(eq=False)
class Mention:
    """A span of the article that refers to something."""

    start: int
    end: int
    text: str
    kind: str  # actor | place | demonym | unnamed | pronoun | rolenoun | target
    ent: Ent | None = None
    in_quote: bool = False
    rule: str = ""  # the id of the rule that found it; defaults to rule/<kind>


@dataclass
class DocState:
    """One article being extracted; modules read and add to it in pipeline order."""

    article: Article
    sents: list[tuple[int, int]]
    quotes: list[tuple[int, int]] = field(default_factory=list)  # inner spans of quotations
    mentions: list[Mention] = field(default_factory=list)
    ents: dict[str, Ent] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    parses: dict[int, list[Parsed]] = field(default_factory=dict)  # sentence index -> trained-pipeline parses
    frame_cache: dict[tuple[str, int], list[dict]] = field(default_factory=dict)  # frames read once per sentence

    def parsed(self) -> list[Parsed]:
        """Every parsed sentence piece, in text order."""
        return [p for i in sorted(self.parses) for p in self.parses[i]]

    @property
    def text(self) -> str:
        return self.article.text

    def sent_index(self, pos: int) -> int:
        starts = [s for s, _ in self.sents]
        return max(0, bisect.bisect_right(starts, pos) - 1)

    def sent_span(self, pos: int) -> tuple[int, int]:
        return self.sents[self.sent_index(pos)]

    def evidence(self, pos: int) -> Evidence:
        start, end = self.sent_span(pos)
        return Evidence(self.text[start:end].strip(), start, end)

    def in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quotes)

    def add_mention(self, m: Mention) -> None:
        m.in_quote = self.in_quote(m.start)
        bisect.insort(self.mentions, m, key=lambda x: (x.start, -x.end))
        if m.ent is not None:
            m.ent.rules.add(m.rule or f"rule/{m.kind}")
            m.ent.add_evidence(self.evidence(m.start))
            if m.text and m.text != m.ent.name and m.kind in ("actor", "target", "unnamed"):
                m.ent.aliases.add(m.text)

    def covered(self, start: int, end: int) -> bool:
        return any(m.start < end and start < m.end for m in self.mentions)

    def mentions_in(self, start: int, end: int, kinds: tuple[str, ...] = ()) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end and (not kinds or m.kind in kinds)]

    def last_before(self, pos: int, pred: Callable[[Mention], bool]) -> Mention | None:
        for m in reversed(self.mentions):
            if m.end <= pos and pred(m):
                return m
        return None

    def entity(self, key: str, **fields) -> Ent:
        """The entity with this key, created with the given fields the first time."""
        if key not in self.ents:
            self.ents[key] = Ent(key=key, **fields)
        return self.ents[key]
