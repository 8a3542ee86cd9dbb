"""A faster stand-in for the trained pipeline's attribute ruler, with the same rules and the same result.

spaCy's AttributeRuler runs a token Matcher with all its rules (179 in en_core_web_sm: the tag map to POS
and morphology, and word exceptions) over every token; in the sentence-by-sentence parse that costs half
as much as the parser. Every rule there is a short fixed sequence of token tests (TAG, LOWER, DEP, IS_SPACE
by value, IN, NOT_IN or REGEX), so a lookup by the first token's lower-case form, tag, dependency or space
flag (read for all tokens as one array of string hashes) finds the few rules that can start at a token;
which rules start at a token depends on its feature row alone, so that is worked out once per row.
Matches are applied in the ruler's own order (rule index, then position), so a later rule still wins, as
in spaCy. A ruler with any other kind of test is left in place (see replace_ruler)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # positions in a token's feature row
Test = Callable[[tuple], bool]
MAX_ROWS = 200_000  # feature rows whose starting rules are kept (a token's rules depend on its row alone)


class Unsupported(ValueError):
    """A ruler pattern this stand-in cannot reproduce exactly."""


def token_test(spec: dict[str, Any], strings: StringStore) -> Test:
    """One token pattern (attribute -> value or {IN|NOT_IN|REGEX: ...}) as a test on a token's feature
    tuple (string hashes, as Doc.to_array gives them; IS_SPACE as 0 or 1)."""
    tests: list[Test] = []
    for attr, value in spec.items():
        if attr not in FIELDS:
            raise Unsupported(attr)
        k = FIELDS[attr]
        if isinstance(value, (str, bool)):
            want = key_of(value, strings)
            tests.append(lambda f, k=k, v=want: f[k] == v)
        elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN", "REGEX"):
            op, arg = next(iter(value.items()))
            keys = frozenset(key_of(a, strings) for a in arg) if op != "REGEX" else frozenset()
            if op == "IN":
                tests.append(lambda f, k=k, s=keys: f[k] in s)
            elif op == "NOT_IN":
                tests.append(lambda f, k=k, s=keys: f[k] not in s)
            elif attr in ("TAG", "LOWER", "DEP"):
                tests.append(regex_test(k, re.compile(arg), strings))
            else:
                raise Unsupported(f"{attr}: {value!r}")
        else:
            raise Unsupported(f"{attr}: {value!r}")
    return lambda f: all(t(f) for t in tests)


def key_of(value: str | bool, strings: StringStore) -> int:
    """A pattern value as Doc.to_array gives it: a string's hash (0 for ''), a flag's 0 or 1."""
    return int(value) if isinstance(value, bool) else strings.add(value)


def regex_test(k: int, regex: re.Pattern, strings: StringStore) -> Test:
    """A REGEX test on a string field, its answer kept per string."""
    seen: dict[int, bool] = {}

    def test(f: tuple) -> bool:
        if f[k] not in seen:
            seen[f[k]] = regex.search(strings[f[k]] if f[k] else "") is not None
        return seen[f[k]]
    return test


def first_keys(spec: dict[str, Any], strings: StringStore) -> list[tuple[int, int]] | None:
    """The (field, value) keys one of which a rule's first token must have, the most selective field
    first (LOWER, TAG, DEP, IS_SPACE); None if no field has a fixed value or a list of them."""
    for attr in ("LOWER", "TAG", "DEP", "IS_SPACE"):
        value = spec.get(attr)
        if isinstance(value, (str, bool)):
            return [(FIELDS[attr], key_of(value, strings))]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return [(FIELDS[attr], key_of(v, strings)) for v in value["IN"]]
    return None


@dataclass(frozen=True)
class Rule:
    attr_id: int  # the rule's index in the ruler: later rules win
    tests: tuple[Test, ...]  # one per token of the pattern


class FastAttributeRuler:
    """The rules of a spaCy AttributeRuler, matched by lookup instead of its Matcher."""

    def __init__(self, ruler: Any):
        self.attrs, self.indices = ruler.attrs, ruler.indices
        strings = ruler.vocab.strings
        self.index: dict[tuple[int, int], list[Rule]] = {}
        self.anywhere: list[Rule] = []  # rules whose first token has no TAG or LOWER value to look up
        self.row_starts: dict[tuple, tuple[tuple[int, ...], tuple[Rule, ...]]] = {}  # see starts()
        for attr_id in range(len(ruler.attrs)):
            for pattern in ruler.matcher.get(str(attr_id))[1]:
                if any(not isinstance(t, dict) or "OP" in t for t in pattern) or not pattern:
                    raise Unsupported(str(pattern))
                rule = Rule(attr_id, tuple(token_test(t, strings) for t in pattern))
                keys = first_keys(pattern[0], strings)
                for key in keys or []:
                    self.index.setdefault(key, []).append(rule)
                if keys is None:
                    self.anywhere.append(rule)

    def starts(self, row: tuple) -> tuple[tuple[int, ...], tuple[Rule, ...]]:
        """The rules that can start at a token with this feature row: the one-token rules it matches, and
        the longer rules whose first test it passes (their other tokens are tested per match)."""
        found = self.row_starts.get(row)
        if found is None:
            if len(self.row_starts) >= MAX_ROWS:
                self.row_starts.clear()
            get, ones, longer = self.index.get, [], []
            for rule in (*get((0, row[0]), ()), *get((1, row[1]), ()), *get((2, row[2]), ()), *get((3, row[3]), ()),
                         *self.anywhere):
                if rule.tests[0](row):
                    (ones if len(rule.tests) == 1 else longer).append(rule)
            found = self.row_starts[row] = (tuple(r.attr_id for r in ones), tuple(longer))
        return found

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(rule index, start, end) of every rule match, in the order the ruler applies them."""
        if not len(doc):
            return []
        feats = list(map(tuple, doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()))
        found, starts = set(), self.starts
        for i, f in enumerate(feats):
            ones, longer = starts(f)
            for attr_id in ones:
                found.add((attr_id, i, i + 1))
            for rule in longer:
                end = i + len(rule.tests)
                if end <= len(feats) and all(t(feats[j]) for j, t in enumerate(rule.tests[1:], i + 1)):
                    found.add((rule.attr_id, i, end))
        return sorted(found)

    def __call__(self, doc: Doc) -> Doc:
        for attr_id, start, end in self.matches(doc):
            set_token_attrs(doc[start:end][self.indices[attr_id]], self.attrs[attr_id])
        return doc


@Language.factory("ckg_attribute_ruler")
def make_fast_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    """Registered so the stand-in can sit in a pipeline; it takes its rules from the ruler it replaces."""
    return FastAttributeRuler(nlp.get_pipe("attribute_ruler"))


def replace_ruler(nlp: Language) -> bool:
    """Swap the pipeline's attribute ruler for the stand-in, under the same name; False (and the original
    kept) when the pipeline has no ruler or a rule the stand-in cannot reproduce."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    try:
        nlp.add_pipe("ckg_attribute_ruler", name="ckg_attribute_ruler_new", before="attribute_ruler")
    except Unsupported:
        return False
    nlp.remove_pipe("attribute_ruler")
    nlp.rename_pipe("ckg_attribute_ruler_new", "attribute_ruler")
    return True
