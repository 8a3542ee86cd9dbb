"""The records passed between stages: small frozen dataclasses, no spaCy or rdflib objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One source document after ingest: clean text plus metadata."""

    id: str
    text: str
    title: str
    date: dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    content_hash: str = ""


@dataclass(frozen=True)
class Evidence:
    """The sentence a fact came from, with character offsets into the article text."""

    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Actor:
    """A resolved actor: one per real-world actor per article (lexicon actors share their key across articles)."""

    key: str
    name: str
    cls: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    wikidata: str | None = None
    concept: str | None = None
    scope: str | None = None  # article id for nodes local to one article (unnamed sources)
    evidence: tuple[Evidence, ...] = ()
    extracted_by: tuple[str, ...] = ()  # ids of the frames or rules that produced it


@dataclass(frozen=True)
class Target:
    """An infrastructure target: a category ("oil refineries") or a named facility."""

    key: str
    name: str
    cls: str
    aliases: tuple[str, ...] = ()
    location: str | None = None
    concept: str | None = None
    evidence: tuple[Evidence, ...] = ()
    extracted_by: tuple[str, ...] = ()  # ids of the frames or rules that produced it


@dataclass(frozen=True)
class StatusChange:
    """A proposal reaching a status on a date, as one sentence of the article says (issue 11)."""

    status: str  # proposed | under discussion | agreed | rejected | violated | expired
    date: str | None
    evidence: tuple[Evidence, ...] = ()
    rule: str | None = None  # id of the pattern that found it (ckg:extractedBy)


@dataclass(frozen=True)
class Attribution:
    """A claim of who carried out an event, according to whom (issue 11; sem:View)."""

    key: str
    event: str  # the event key
    attributed_to: tuple[str, ...]
    according_to: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()
    rule: str | None = None
    contested: bool = True  # disputed in its own article; else a plain claim, an attribution only once
    # another article's claim about the same (resolved) event names another attacker


@dataclass(frozen=True)
class Statement:
    """A quotation with its speaker and the outlet that relayed it."""

    key: str
    quote: str
    speakers: tuple[str, ...]
    reported_by: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    extracted_by: tuple[str, ...] = ()  # ids of the frames or rules that produced it
    stance: str | None = None  # supports | rejects | conditional | neutral, toward the proposal it is about
    stance_rule: str | None = None
    reported: bool = False  # indirect speech ('X said Kyiv would observe the pause'): `quote` is the reported clause


@dataclass(frozen=True)
class Commitment:
    """One party's promise inside a proposal."""

    party: str
    refrains_from: str
    targets: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    extracted_by: tuple[str, ...] = ()  # ids of the frames or rules that produced it


AUTHOR_RULE = "author/recommendation"  # in extractedBy of a proposal an op-ed's author makes (authorship.py)


@dataclass(frozen=True)
class Proposal:
    """A proposed deal, truce, ceasefire or plan."""

    key: str
    name: str
    status: str
    proposed_by: tuple[str, ...] = ()
    proposed_to: tuple[str, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    targets: tuple[str, ...] = ()
    duration: str | None = None
    condition: str | None = None
    evidence: tuple[Evidence, ...] = ()
    extracted_by: tuple[str, ...] = ()  # ids of the frames or rules that produced it
    status_changes: tuple[StatusChange, ...] = ()
    reference: bool = False  # only referred to ('the moratorium'), not described, in this article
    family: tuple[str, ...] = ()  # what it covers (energy, maritime, air, full): a resolution blocking key
    period: str | None = None  # when it was proposed or agreed (first status change), for resolution


@dataclass(frozen=True)
class Event:
    """Talks, an agreement, an attack or a violation, with resolved dates."""

    key: str
    name: str
    cls: str
    start: str | None = None
    end: str | None = None
    location: str | None = None
    participants: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    accused_by: tuple[str, ...] = ()
    proposal: str | None = None  # the proposal an agreement or violation is about
    evidence: tuple[Evidence, ...] = ()
    extracted_by: tuple[str, ...] = ()  # ids of the frames or rules that produced it
    accused: tuple[str, ...] = ()  # a violation: who is said to have broken the proposal
    violation_act: str | None = None  # a violation: the attack said to be the breach (an event key)
    rules: tuple[str, ...] = ()  # ids of the story-layer rules that filled the fields above


@dataclass(frozen=True)
class Extraction:
    """Everything the extract stage found in one article."""

    article: Article
    actors: tuple[Actor, ...] = ()
    targets: tuple[Target, ...] = ()
    statements: tuple[Statement, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    attributions: tuple[Attribution, ...] = ()
