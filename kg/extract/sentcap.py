"""A bound on the size of a sentence: a run-on 'sentence' (a list of hundreds of names, a table flattened
into commas, a text with no full stops) is split into pieces every later stage can handle in bounded time
and memory, so extraction stays linear in the length of an article whatever its punctuation.

A sentence longer than MAX_SENTENCE_TOKENS tokens or MAX_SENTENCE_CHARS characters is cut at the best
boundary in the second half of each window: after a semicolon, else after a comma, colon or dash, else
before a coordinating conjunction, else at a space, else between any two tokens. (A line break already
ends a sentence: see ckg_paragraphs in kg/extract/nlp.py.) Normal sentences (news sentences rarely pass
100 words) are never touched."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

COMPONENT = "ckg_sentcap"
MAX_SENTENCE_TOKENS = 200  # a longer sentence is split; every rule's per-sentence work is bounded by it
MAX_SENTENCE_CHARS = 2000  # the same bound in characters (the trained parse's piece size in nlp.py)
CLAUSE_MARKS = {",", ":", "\u2014", "\u2013", "-", "--"}  # a clause boundary after them
CONJUNCTIONS = {"and", "but", "or", "nor", "yet", "while", "whereas"}  # a clause boundary before them


def cut_rank(doc: Doc, i: int) -> int:
    """How good a boundary it is to start a piece at token i (lower is better)."""
    prev, token = doc[i - 1], doc[i]
    if prev.text == ";":
        return 0
    if prev.text in CLAUSE_MARKS and prev.whitespace_:
        return 1
    if token.lower_ in CONJUNCTIONS and prev.whitespace_:
        return 2
    return 3 if prev.whitespace_ else 4


def window_end(doc: Doc, start: int, end: int) -> int:
    """The furthest token a piece starting at `start` may run to (exclusive), at least one token."""
    limit = min(end, start + MAX_SENTENCE_TOKENS)
    base = doc[start].idx
    for i in range(start + 1, limit):
        if doc[i].idx + len(doc[i].text) - base > MAX_SENTENCE_CHARS:
            return i
    return limit


def best_cut(doc: Doc, start: int, limit: int) -> int:
    """The token that starts the next piece: the best-ranked boundary in the second half of the window,
    the latest of equals (pieces as long as the bound allows)."""
    lo = start + max(1, (limit - start) // 2)
    best, best_rank = limit, 5
    for i in range(limit, lo - 1, -1):
        rank = cut_rank(doc, i)
        if rank < best_rank:
            best, best_rank = i, rank
            if rank == 0:
                break
    return best


def sentence_cuts(doc: Doc, sent: Span) -> list[int]:
    """The tokens at which an overlong sentence is cut (none for a sentence within the bounds)."""
    cuts, pos = [], sent.start
    while True:
        limit = window_end(doc, pos, sent.end)
        if limit >= sent.end:
            return cuts
        pos = best_cut(doc, pos, limit)
        cuts.append(pos)


@Language.component(COMPONENT)
def cap_sentences(doc: Doc) -> Doc:
    """Split every sentence longer than the bounds into pieces (see the module docstring)."""
    cuts = [i for sent in doc.sents for i in sentence_cuts(doc, sent)]
    for i in cuts:
        doc[i].is_sent_start = True
    return doc
