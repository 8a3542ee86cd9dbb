"""Who a pronoun inside a quotation stands for: 'we' and 'our' are the speaker's side, 'they' and 'their'
the side the speaker's country fights. "If they do not hit our power plants, we will not hit their
refineries," Dorn said: Dorn (for Veldoria) offers, and the other belligerent is 'they'.

Speakers come from the statements (kg/extract/statements.py), which run before proposals; the
belligerents are the countries the parse shows attacking (attack frames), most frequent first."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.event_frames import frame_events
from kg.extract.represents import side_of
from kg.extract.state import DocState, Ent

FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "me", "my", "mine"})
THIRD_PLURAL = frozenset({"they", "them", "their", "theirs"})


def quote_speaker(state: DocState, pos: int) -> Ent | None:
    """The speaker of the attributed quotation holding text position `pos`, if any."""
    return next((who for s, e, who in state.speakers if s <= pos < e), None)


def quoted_pronoun(state: DocState, tok: Token, pos: int) -> list[Ent]:
    """The actor a first-person or third-person-plural pronoun in an attributed quotation stands for:
    the speaker, or the speaker's adversary; [] for other words and unattributed quotations."""
    word = tok.lower_
    if word not in FIRST_PERSON | THIRD_PLURAL:
        return []
    speaker = quote_speaker(state, pos)
    if speaker is None:
        return []
    if word in FIRST_PERSON:
        return [speaker]
    other = adversary(state, side_of(state, speaker))
    return [other] if other is not None else []


def adversary(state: DocState, side: Ent | None) -> Ent | None:
    """The belligerent facing `side`: the most frequent other attacker or accused country in the article."""
    if side is None:
        return None
    return next((c for c in belligerents(state) if c is not side), None)


def belligerents(state: DocState) -> list[Ent]:
    """Countries the parse shows attacking or accused of violations, most frequent first (read once)."""
    key = ("belligerents",)
    if key not in state.frame_cache:
        found: list[Ent] = []
        for idx in sorted(state.parses):
            for ev in frame_events(state, idx):
                if ev["cls"] in ("Attack", "Violation"):
                    found += [e for e in ev["who"] + ev["accused_by"] if e.cls == "Country"]
        counts = {e: found.count(e) for e in found}
        state.frame_cache[key] = sorted(counts, key=lambda e: -counts[e])
    return state.frame_cache[key]
