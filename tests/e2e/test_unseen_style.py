"""An article in a wire style the corpus does not have, with names no lexicon holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import Extractor
from kg.ingest import read_file

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "unseen" / "wire-grain-corridor.txt"


@pytest.fixture(scope="module")
def ex():
    return Extractor()(read_file(ARTICLE))


def test_unseen_invented_people_found_with_roles(ex):
    people = {a.name: a.role for a in ex.actors if a.cls == "Person"}
    assert people["Oleksandr Kubrakov"] == "Deputy Prime Minister"
    assert people["Ostap Hrytsenko"].startswith("head of the Odesa Port Authority")


def test_unseen_quotes_single_and_double_with_outlet(ex):
    by_quote = {s.quote: s for s in ex.statements}
    assert by_quote["Kyiv is trying to buy time"].speakers == ("actor/maria-zakharova",)
    continuation = by_quote["The choice is theirs."]
    assert continuation.speakers == ("actor/oleksandr-kubrakov",)
    assert continuation.reported_by == ("actor/harbour-wire",)


def test_unseen_named_ports_and_proposal(ex):
    names = {t.name for t in ex.targets}
    assert {"port of Odesa", "port of Chornomorsk", "port of Pivdennyi", "port of Novorossiysk"} <= names
    (proposal,) = ex.proposals
    assert proposal.proposed_by == ("actor/ukraine",)
    assert {c.party for c in proposal.commitments} == {"actor/ukraine", "actor/russia"}


def test_unseen_events(ex):
    kinds = {(e.cls, e.start) for e in ex.events}
    assert ("Attack", "2025-07-10") in kinds and ("Talks", "2025-07-09") in kinds
    assert not any(a.name in {"Odesa", "Istanbul", "Black Sea"} for a in ex.actors)
