"""The sentence bound (kg/extract/sentcap.py) on invented text: overlong sentences are split at their best
boundaries, normal ones are left alone, and the state's lookups give what a scan of everything gives."""

from __future__ import annotations

import random

from kg.extract.nlp import build_nlp
from kg.extract.sentcap import MAX_SENTENCE_CHARS, MAX_SENTENCE_TOKENS
from kg.extract.state import DocState, Mention
from kg.model import Article

NAMES = ["Orvel Tamsk", "Lirana Quodt", "Bexley Varn", "Corra Dunfeld", "Ismo Parradine", "Tuva Ekholt"]


def sentences(text: str) -> list[str]:
    return [s.text for s in build_nlp("blank").tokens(text).sents]


def test_a_long_comma_list_is_split_at_commas():
    items = [f"{NAMES[i % len(NAMES)]} of the Velmar {i} council" for i in range(120)]
    text = "The delegates were " + ", ".join(items) + "."
    out = sentences(text)
    assert len(out) > 1
    assert all(s.endswith(",") for s in out[:-1]), out
    assert " ".join(out) == text  # nothing lost or reordered


def test_a_semicolon_beats_a_comma():
    clauses = [f"the envoy of Darrow {i} met the mayor, the judge and the clerk" for i in range(40)]
    out = sentences("; ".join(clauses) + ".")
    assert len(out) > 1 and all(s.endswith(";") for s in out[:-1]), out


def test_a_long_text_without_punctuation_is_split_at_spaces():
    rng = random.Random(7)
    words = ["".join(rng.choice("aeioklmnrstv") for _ in range(rng.randint(2, 9))) for _ in range(1000)]
    text = " ".join(words)
    doc = build_nlp("blank").tokens(text)
    out = list(doc.sents)
    assert len(out) >= len(doc) // MAX_SENTENCE_TOKENS
    assert all(len(s) <= MAX_SENTENCE_TOKENS and len(s.text) <= MAX_SENTENCE_CHARS for s in out)
    assert all(doc[s.start - 1].whitespace_ for s in out[1:])  # every cut at a space, no word broken


def test_long_words_are_bounded_by_characters():
    text = " ".join(["Quarnelbrecht" * 10] * 60)  # 60 tokens of 130 characters: over the character bound
    out = sentences(text)
    assert len(out) > 1 and all(len(s) <= MAX_SENTENCE_CHARS for s in out)


def test_normal_sentences_are_untouched():
    text = ("Orvel Tamsk, the envoy of Velmar, said on Monday that talks with Darrow would resume, "
            "and that a pause in strikes on the Kessin port, its depots and its rail yard was possible. "
            "Lirana Quodt declined to comment; her office said nothing.\nA heading\nThe next line.")
    blank = build_nlp("blank").tokens
    with blank.select_pipes(disable=["ckg_sentcap"]):
        before = [s.text for s in blank(text).sents]
    assert sentences(text) == before


def test_bisected_lookups_match_a_scan():
    rng = random.Random(3)
    text = "x" * 5000
    state = DocState(Article(id="a", text=text, title="t"), [(0, 2500), (2501, 5000)])
    for _ in range(400):
        start = rng.randrange(0, 4900)
        state.add_mention(Mention(start, start + rng.randint(0, 60), "", rng.choice(["actor", "target"])))
    for _ in range(300):
        a = rng.randrange(0, 5000)
        b = a + rng.randint(0, 200)
        assert state.covered(a, b) == any(m.start < b and a < m.end for m in state.mentions)
        assert state.mentions_in(a, b, ("actor",)) == [m for m in state.mentions if a <= m.start and m.end <= b
                                                       and m.kind == "actor"]
        assert state.last_before(a, lambda m: m.kind == "target") is next(
            (m for m in reversed(state.mentions) if m.end <= a and m.kind == "target"), None)


def test_persons_are_found_by_any_spelling_of_a_last_word_in_creation_order():
    state = DocState(Article(id="a", text="x" * 100, title="t"), [(0, 100)])
    first = state.entity("actor/a", name="Oleh Marchenkiy", cls="Person", kind="actor")
    state.entity("actor/b", name="Kessin Port", cls="Organization", kind="actor")
    second = state.entity("actor/c", name="Ivo Brandt", cls="Person", kind="actor")
    state.add_mention(Mention(0, 10, "Ivo Marchenky", "actor", second))  # an alias with the same surname
    assert state.persons_named("Marchenkyy") == [first, second]
    assert state.persons_named("Port") == []  # organisations are not filed
    del state.ents["actor/a"]
    assert state.persons_named("Marchenkiy") == [second]
