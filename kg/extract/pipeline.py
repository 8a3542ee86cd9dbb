"""The extraction pipeline: spaCy tokens and sentences, then one module per kind of fact."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract import segments
from kg.extract.actors import add_lexicon_actors
from kg.extract.events import extract_events
from kg.extract.names import add_model_entities, add_names
from kg.extract.nlp import add_entities, build_nlp, lexicon_matchers, name_sentences, parse_sentences
from kg.extract.proposers import extract_proposals
from kg.extract.quotespans import find_quotes
from kg.extract.resources import LexEntry
from kg.extract.sources import add_unnamed_sources
from kg.extract.state import DocState, Ent
from kg.extract.statements import Quote, add_statements, quote_evidence, quote_text, speaker_keys
from kg.extract.story import story_layer
from kg.extract.targets import add_category_targets, add_elided_heads, add_named_facilities
from kg.ingest.ids import sha1
from kg.model import Actor, Article, Extraction, Proposal, Statement, Target


def longest_matches(doc: Doc, matcher, index) -> list[tuple[Span, LexEntry, str]]:
    """Non-overlapping matches, longest first; a name beats a demonym of the same words."""
    rank = {"name": 0, "seat": 1, "demonym": 2}
    found = [(doc[s:e], *index[doc.vocab.strings[mid]]) for mid, s, e in matcher(doc)]
    found.sort(key=lambda x: (-(x[0].end - x[0].start), rank[x[2]], x[0].start))
    taken: set[int] = set()
    out = []
    for span, entry, kind in found:
        if taken.isdisjoint(range(span.start, span.end)):
            taken.update(range(span.start, span.end))
            out.append((span, entry, kind))
    return sorted(out, key=lambda x: x[0].start)


class Extractor:
    """Article -> Extraction. Build once, call per article; one bad article never stops a batch."""

    def __init__(self, model: str | None = None):
        self.pipes = build_nlp(model)
        self.nlp = self.pipes.tokens
        self.actor_matcher, self.target_matcher, self.index = lexicon_matchers(self.nlp)

    def __call__(self, article: Article) -> Extraction:
        """An article over segments.SEGMENT_CHARS is extracted one segment at a time (kg/extract/segments.py)."""
        if segments.needs_segments(article):
            return segments.extract_in_segments(article, self.extract_part)
        return self.extract_part(article)[0]

    def extract_part(self, article: Article, first_sentence: int = 0) -> tuple[Extraction, int]:
        """The Extraction of an article (or of one segment, whose sentences count on from
        `first_sentence`), and its number of sentences."""
        doc = self.nlp(article.text)
        state = DocState(article, [(s.start_char, s.end_char) for s in doc.sents], first_sentence=first_sentence)
        state.quotes = find_quotes(article.text)
        actor_matches = longest_matches(doc, self.actor_matcher, self.index)
        target_matches = longest_matches(doc, self.target_matcher, self.index)
        covered = {t for span, _, _ in actor_matches + target_matches for t in range(span.start, span.end)}
        unnamed = name_sentences(doc, covered)
        state.parses = parse_sentences(self.pipes, article.text, state.sents, unnamed)
        add_entities(self.pipes, state.parses, unnamed)
        add_lexicon_actors(state, doc, actor_matches)
        add_names(state, doc)
        add_unnamed_sources(state)
        add_named_facilities(state)
        add_category_targets(state, target_matches)
        add_elided_heads(state)
        add_model_entities(state, doc)
        quotes = add_statements(state)
        state.speakers = [(q.start, q.end, q.speaker) for q in quotes if q.speaker is not None]
        for q in quotes:
            for speaker in (q.speaker, *q.co_speakers):  # statements hook: a joint statement has co-speakers
                if speaker is not None:
                    speaker.acting = True
        proposals = tuple(extract_proposals(state))
        statements = tuple(
            Statement(key=f"statement/{article.id}-{sha1(quote_text(q))[:10]}", quote=quote_text(q),
                      speakers=speaker_keys(q), reported_by=tuple(dict.fromkeys(r.key for r in q.reporters)),
                      about=statement_about(state, q, proposals), evidence=(quote_evidence(state, q),),
                      extracted_by=(q.rule,) if q.rule else ())
            for q in quotes if q.speaker is not None)
        events = tuple(extract_events(state, proposals))
        # --- story layer (issue 11, kg/extract/story.py): lifecycle, violations, attributions, stances ---
        proposals, statements, events, attributions = story_layer(state, proposals, statements, events)
        # --- end story layer ---
        used = {k for s in statements for k in s.speakers + s.reported_by}
        used |= {k for p in proposals for k in p.proposed_by + p.proposed_to}
        used |= {c.party for p in proposals for c in p.commitments}
        used |= {k for e in events for k in e.participants}
        actors = tuple(freeze_actor(e, article.id) for e in state.ents.values()
                       if e.kind in ("actor", "unnamed") and (e.acting or e.key in used)
                       and (e.kind == "actor" or e.key in used))
        targets = tuple(freeze_target(e) for e in state.ents.values() if e.kind == "target")
        return Extraction(article, actors, targets, statements, proposals, events, tuple(state.warnings),
                          attributions=attributions), len(state.sents)


ABOUT_HEADS = ("truce", "ceasefire", "moratorium", "pause", "deal", "proposal", "plan")


def statement_about(state: DocState, q: Quote, proposals: tuple[Proposal, ...]) -> tuple[str, ...]:
    """What a quote is about where it is clear: the targets it names, and the proposal it refers to."""
    inner = state.mentions_in(q.start, q.end, ("target",))
    about = [m.ent.key for m in inner]
    words = " ".join(q.parts).lower()
    if proposals and any(h in words for h in ABOUT_HEADS):
        about.append(proposals[-1].key if len(proposals) == 1 else next(
            (p.key for p in proposals if any(h in words and h in p.name.lower() for h in ABOUT_HEADS)),
            proposals[0].key))
    return tuple(dict.fromkeys(about))


def freeze_actor(e: Ent, article_id: str) -> Actor:
    return Actor(key=e.key, name=e.name, cls=e.cls, aliases=tuple(sorted(e.aliases - {e.name})), role=e.role,
                 wikidata=e.wikidata, concept=e.concept,
                 scope=article_id if e.kind == "unnamed" else None, evidence=tuple(e.evidence),
                 extracted_by=tuple(sorted(e.rules)))


def freeze_target(e: Ent) -> Target:
    return Target(key=e.key, name=e.name, cls=e.cls, aliases=tuple(sorted(e.aliases - {e.name})),
                  location=e.location, concept=e.concept, evidence=tuple(e.evidence),
                  extracted_by=tuple(sorted(e.rules)))


_default: Extractor | None = None


def extract(article: Article) -> Extraction:
    """Extract with a shared default Extractor."""
    global _default
    if _default is None:
        _default = Extractor()
    return _default(article)
