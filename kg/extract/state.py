"""The working state of one article's extraction: sentences, mentions and entities under construction."""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kg.extract import dates
from kg.extract.nlp import Parsed
from kg.extract.translit import fold
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
    serial: int = 0  # creation order in its article (the order of DocState.ents)

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
    speakers: list[tuple[int, int, Ent]] = field(default_factory=list)  # attributed quotations: start, end, who
    sides: list[Ent] = field(default_factory=list)  # the warring sides a truce binds (read with the proposals)
    mentions: list[Mention] = field(default_factory=list)
    ents: dict[str, Ent] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    parses: dict[int, list[Parsed]] = field(default_factory=dict)  # sentence index -> trained-pipeline parses
    frame_cache: dict[tuple, Any] = field(default_factory=dict)  # what is read once per sentence or article
    longest: int = 0  # the longest mention's length: how far back a mention overlapping a span can start
    starts: list[int] = field(default_factory=list, init=False)  # sentence starts, for bisection
    people: dict[str, list[Ent]] = field(default_factory=dict)  # folded last word of a name or alias -> persons
    created: int = 0
    first_sentence: int = 0  # sentences before this text: a segment of a long article (kg/extract/segments.py)
    evidences: dict[int, Evidence] = field(default_factory=dict, init=False)  # sentence index -> its one Evidence

    def __post_init__(self) -> None:
        self.starts = [s for s, _ in self.sents]

    def parsed(self) -> list[Parsed]:
        """Every parsed sentence piece, in text order."""
        return [p for i in sorted(self.parses) for p in self.parses[i]]

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def ref(self) -> dt.date | None:
        """What dates in the text resolve against: the article's date, else the latest date the text
        states with a year (dates.Floor: yearless dates resolve forward from it, relative days not at all)."""
        if "ref" not in self.frame_cache:
            self.frame_cache["ref"] = self.article.date or dates.stated_floor(self.text)
        return self.frame_cache["ref"]

    def sentence_number(self, idx: int) -> int:
        """Sentence idx counted over the whole article: keys that number sentences differ between segments."""
        return self.first_sentence + idx

    def sent_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def sent_span(self, pos: int) -> tuple[int, int]:
        return self.sents[self.sent_index(pos)]

    def evidence(self, pos: int) -> Evidence:
        """The sentence holding `pos`: one record per sentence, shared by all its mentions (a sentence full
        of names would otherwise hold a copy of its text per name)."""
        i = self.sent_index(pos)
        if i not in self.evidences:
            start, end = self.sents[i]
            self.evidences[i] = Evidence(self.text[start:end].strip(), start, end)
        return self.evidences[i]

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        """The span of the quotation holding text position `pos`, if any."""
        return next(((s, e) for s, e in self.quotes if s <= pos < e), None)

    def in_quote(self, pos: int) -> bool:
        return self.quote_at(pos) is not None

    def add_mention(self, m: Mention) -> None:
        m.in_quote = self.in_quote(m.start)
        bisect.insort(self.mentions, m, key=lambda x: (x.start, -x.end))
        self.longest = max(self.longest, m.end - m.start)
        if m.ent is not None:
            m.ent.rules.add(m.rule or f"rule/{m.kind}")
            m.ent.add_evidence(self.evidence(m.start))
            if m.text and m.text != m.ent.name and m.kind in ("actor", "target", "unnamed"):
                m.ent.aliases.add(m.text)
                self.index_person(m.ent, m.text)

    def _first_from(self, pos: int) -> int:
        """Index of the first mention starting at or after pos (mentions are sorted by start)."""
        return bisect.bisect_left(self.mentions, pos, key=lambda m: m.start)

    def mentions_overlapping(self, start: int, end: int) -> list[Mention]:
        """The mentions that may overlap [start, end), in text order: those starting before `end` and less
        than the longest mention's length before `start` (a bisection, not a scan of every mention)."""
        return self.mentions[self._first_from(start - self.longest):self._first_from(end)]

    def covered(self, start: int, end: int) -> bool:
        """Some mention overlaps [start, end)."""
        return any(start < m.end for m in self.mentions_overlapping(start, end))

    def mentions_in(self, start: int, end: int, kinds: tuple[str, ...] = ()) -> list[Mention]:
        """The mentions inside [start, end], in text order."""
        out = []
        for m in self.mentions[self._first_from(start):self._first_from(end + 1)]:
            if m.end <= end and (not kinds or m.kind in kinds):
                out.append(m)
        return out

    def last_before(self, pos: int, pred: Callable[[Mention], bool]) -> Mention | None:
        """The last mention ending by pos that pred accepts."""
        for i in range(self._first_from(pos + 1) - 1, -1, -1):
            m = self.mentions[i]
            if m.end <= pos and pred(m):
                return m
        return None

    def entity(self, key: str, **fields) -> Ent:
        """The entity with this key, created with the given fields the first time."""
        if key not in self.ents:
            self.created += 1
            self.ents[key] = Ent(key=key, serial=self.created, **fields)
            self.index_person(self.ents[key], self.ents[key].name)
        return self.ents[key]

    def index_person(self, ent: Ent, name: str) -> None:
        """File a person under the folded last word of one of its names (see persons_named)."""
        if ent.cls == "Person" and name.split():
            bucket = self.people.setdefault(fold(name.split()[-1]), [])
            if all(e is not ent for e in bucket):
                bucket.append(ent)

    def persons_named(self, last_word: str) -> list[Ent]:
        """The article's persons with a name or alias whose last word is a spelling of this one, in the
        order they were created: a lookup, where a scan of every person made long articles quadratic."""
        found = [e for e in self.people.get(fold(last_word), ()) if self.ents.get(e.key) is e]
        return sorted(found, key=lambda e: e.serial)
