"""Frames over the dependency parse, kept as data (ontology/frames/*.json).

A frame file is a JSON list; each frame has an ``id`` (recorded as ``ckg:extractedBy`` on what it
produces), a ``kind`` (speech, proposal, refrain, event, ...), a ``comment`` naming the linguistic
phenomenon it covers, a spaCy ``DependencyMatcher`` ``pattern`` whose node names (``RIGHT_ID``) are the
frame's roles, optional ``attrs`` (free settings the reader of that kind uses, e.g. an event class), and
``examples``: invented sentences the tests run, each with the roles it must fill. Word classes may be
referenced in patterns as ``{"LEMMA": {"IN": "@class_name"}}``, or several at once as
``{"LEMMA": {"IN": ["@one", "@other"]}}``; they are expanded from ontology/patterns.json (``word_classes``),
so a verb list lives in one place."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.attrs import LEMMA, LOWER
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from kg import resources
from kg.extract.nlp import Parsed
from kg.extract.resources import load_patterns

LOWERED: dict[int, str] = {}  # a lemma's string hash -> the lemma in lower case (possible_frames)
MAX_LOWERED = 500_000
FIRED: Counter[str] = Counter()  # frame id -> matches in this process (a developer's tool: bench/frame_report.py)


@dataclass(frozen=True)
class Frame:
    """One frame read from a frame file."""

    id: str
    kind: str
    comment: str
    pattern: tuple[dict, ...]
    attrs: dict[str, Any]
    examples: tuple[dict, ...]


@dataclass(frozen=True)
class FrameMatch:
    """A frame that matched a parsed sentence: role name -> token, and the piece's offset in the article."""

    frame: Frame
    roles: dict[str, Token]
    parsed: Parsed

    def start(self, role: str) -> int:
        """Article character offset of a role's token."""
        return self.parsed.offset + self.roles[role].idx

    def subtree_span(self, role: str) -> tuple[int, int]:
        """Article character span of a role's subtree."""
        tok = self.roles[role]
        left, right = tok.left_edge, tok.right_edge
        return self.parsed.offset + left.idx, self.parsed.offset + right.idx + len(right.text)


def frames_dir() -> Path:
    return resources.ontology_dir() / "frames"


def expand(value: Any, classes: dict[str, list[str]]) -> Any:
    """Replace "@name" references to word classes inside a pattern with the class's word list; inside a
    list, each "@name" item is replaced by the class's words (["@a", "@b"]: the words of both)."""
    if isinstance(value, str) and value.startswith("@"):
        return list(classes[value[1:]])
    if isinstance(value, dict):
        return {k: expand(v, classes) for k, v in value.items()}
    if isinstance(value, list):
        out: list[Any] = []
        for v in value:
            if isinstance(v, str) and v.startswith("@"):
                out += [w for w in classes[v[1:]] if w not in out]
            else:
                out.append(expand(v, classes))
        return out
    return value


@lru_cache(maxsize=1)
def load_frames() -> tuple[Frame, ...]:
    """Every frame of every frame file, sorted by id; duplicate ids are an error."""
    classes = {k: v for k, v in load_patterns().get("word_classes", {}).items() if not k.startswith("_")}
    frames: dict[str, Frame] = {}
    for path in sorted(frames_dir().glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            if item["id"] in frames:
                raise ValueError(f"{path}: frame id {item['id']!r} is defined twice")
            frames[item["id"]] = Frame(item["id"], item["kind"], item.get("comment", ""),
                                       tuple(expand(item["pattern"], classes)), item.get("attrs", {}),
                                       tuple(item.get("examples", [])))
    return tuple(frames[k] for k in sorted(frames))


def required_words(frame: Frame) -> tuple[tuple[str, frozenset[str]], ...]:
    """For each node of a frame that names its words (LEMMA or LOWER, one or a list): the attribute and the
    words. A sentence holding none of one node's words cannot match the frame."""
    out = []
    for node in frame.pattern:
        for attr in ("LEMMA", "LOWER"):
            value = node.get("RIGHT_ATTRS", {}).get(attr)
            words = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) else None
            if words:
                out.append((attr, frozenset(w.lower() for w in words)))
    return tuple(out)


@lru_cache(maxsize=1)
def frame_words() -> tuple[tuple[Frame, tuple[tuple[str, frozenset[str]], ...]], ...]:
    return tuple((f, required_words(f)) for f in load_frames())


def possible_frames(doc: Doc) -> frozenset[str]:
    """The frames whose every word-naming node has a candidate word in the sentence."""
    rows = doc.to_array([LEMMA, LOWER]).reshape(len(doc), 2)
    strings, lowered = doc.vocab.strings, LOWERED
    if len(lowered) > MAX_LOWERED:
        lowered.clear()
    lemmas = set()
    for h in set(rows[:, 0].tolist()):
        if h not in lowered:
            lowered[h] = strings[h].lower()
        lemmas.add(lowered[h])
    words = {"LEMMA": lemmas, "LOWER": {strings[h] for h in set(rows[:, 1].tolist())}}
    return frozenset(f.id for f, needs in frame_words() if all(not ws.isdisjoint(words[a]) for a, ws in needs))


@lru_cache(maxsize=4096)
def frame_matcher(vocab: Vocab, frame_id: str) -> tuple[DependencyMatcher, Frame]:
    """The matcher of one frame, built once per vocabulary. A sentence is matched only with the frames its
    words allow, each by its own matcher: a new combination of frames (most sentences of a new text bring
    one) costs no new matcher, where one matcher per combination was rebuilt again and again."""
    frame = {f.id: f for f in load_frames()}[frame_id]
    matcher = DependencyMatcher(vocab)
    matcher.add(frame.id, [list(frame.pattern)])
    return matcher, frame


def frame_matches(doc: Doc, ids: frozenset[str] | None = None) -> list[tuple[Frame, list[int]]]:
    """Every match of the given frames (default: all) in a parsed doc, frame by frame in id order."""
    out = []
    for frame_id in sorted(ids if ids is not None else (f.id for f in load_frames())):
        matcher, frame = frame_matcher(doc.vocab, frame_id)
        out += [(frame, token_ids) for _, token_ids in matcher(doc)]
    return out


def doc_matches(doc: Doc) -> list[tuple[Frame, list[int]]]:
    """Every frame match of a parsed doc (frame, token ids), computed once and kept in doc.user_data."""
    found = doc.user_data.get("ckg_frames")
    if found is None:
        found = frame_matches(doc, possible_frames(doc))
        for frame, _ in found:
            FIRED[frame.id] += 1
        doc.user_data["ckg_frames"] = found
    return found


def match_doc(doc: Doc, kind: str, parsed: Parsed | None = None) -> list[FrameMatch]:
    """Every match of the frames of one kind in a parsed doc, in text order of their first token."""
    if not doc.has_annotation("DEP"):
        return []  # a configured pipeline without a parser: frames cannot read it
    parsed = parsed or Parsed(0, doc)
    out = []
    for frame, token_ids in doc_matches(doc):
        if frame.kind == kind:
            roles = {node["RIGHT_ID"]: doc[i] for node, i in zip(frame.pattern, token_ids, strict=True)}
            out.append(FrameMatch(frame, roles, parsed))
    out.sort(key=lambda m: (min(t.i for t in m.roles.values()), m.frame.id))
    return out


def match_frames(parsed: list[Parsed], kind: str) -> list[FrameMatch]:
    """Frames of one kind over every parsed sentence of an article."""
    return [m for p in parsed for m in match_doc(p.doc, kind, p)]
