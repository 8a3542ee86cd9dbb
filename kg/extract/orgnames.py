"""One key for the spellings of one government body: 'Russia's Ministry of Defence', 'the Russian Defence
Ministry' and 'Ministry of Defense of Russia' name the same ministry. A ministry's sense is its owner
(a country of the lexicon, by name, possessive or demonym) and its function (patterns.json
`ministry_functions`: defence/defense, foreign/foreign affairs, ...)."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.resources import LexEntry, load_lexicon, load_patterns


@lru_cache(maxsize=1)
def owner_forms() -> tuple[tuple[re.Pattern, str], ...]:
    """Every surface of a lexicon country (name, alias, demonym, possessive) -> its slug, longest first."""
    forms: dict[str, str] = {}
    for e in load_lexicon():
        if e.cls == "Country":
            for f in (e.pref, *e.alts, *e.demonyms, *e.seats):
                forms.setdefault(f.replace("\u2019", "'").lower(), e.slug)
    return tuple((re.compile(rf"(?<![\w-]){re.escape(f)}(?![\w-])"), slug)
                 for f, slug in sorted(forms.items(), key=lambda kv: -len(kv[0])))


@lru_cache(maxsize=1)
def function_forms() -> tuple[tuple[re.Pattern, str], ...]:
    funcs = load_patterns()["ministry_functions"]
    pairs = [(w, f) for f, words in funcs.items() if not f.startswith("_") for w in words]
    return tuple((re.compile(rf"\b{re.escape(w)}\b"), f) for w, f in sorted(pairs, key=lambda p: -len(p[0])))


def ministry_sense(name: str) -> tuple[str | None, str | None] | None:
    """(owner slug or None, function or None) of a ministry's name; None when it is not a ministry."""
    low = name.replace("\u2019", "'").lower()
    if not re.search(r"\bministry\b", low):
        return None
    owner = next((slug for pat, slug in owner_forms() if pat.search(low)), None)
    func = next((f for pat, f in function_forms() if pat.search(low)), None)
    return owner, func


@lru_cache(maxsize=1)
def lexicon_ministries() -> dict[tuple[str, str], LexEntry]:
    """(owner, function) -> the lexicon's entry for that ministry, read from its labels."""
    out: dict[tuple[str, str], LexEntry] = {}
    for e in load_lexicon():
        if e.scheme != "actors" or e.cls != "GovernmentBody":
            continue
        for label in (e.pref, *e.alts):
            sense = ministry_sense(label)
            if sense and sense[0] and sense[1]:
                out.setdefault((sense[0], sense[1]), e)
    return out


def ministry_key(owner: str, func: str) -> str:
    """The stable key of a ministry not in the lexicon: actor/<owner>-<function>-ministry."""
    return f"actor/{owner}-{func}-ministry"


def ministry_name(owner: str, func: str) -> str:
    """The canonical name of a ministry not in the lexicon: 'Ministry of Energy of Kazakhstan'."""
    words = load_patterns()["ministry_functions"][func][0]
    country = next((e.pref for e in load_lexicon() if e.slug == owner), owner)
    return f"Ministry of {words.title()} of {country}"


@lru_cache(maxsize=1)
def lower_case_ministry() -> re.Pattern:
    """'Kazakhstan's energy ministry', 'the foreign ministry in Astana': a ministry in lower case, with its
    owner before it or its seat after it."""
    funcs = load_patterns()["ministry_functions"]
    words = sorted({w for f, ws in funcs.items() if not f.startswith("_") for w in ws if w.islower()},
                   key=len, reverse=True)
    return re.compile(r"(?:\b(?:[A-Z][\w.\-]*\s+)?[A-Z][\w.\-]*(?:'s|\u2019s)?\s+|\bthe\s+)"
                      r"(?:" + "|".join(re.escape(w) for w in words) + r")\s+ministry\b"
                      r"(?:\s+in\s+[A-Z][\w\-]+)?")
