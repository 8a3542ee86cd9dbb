"""Spelling variants of one name: romanisations of Ukrainian and Russian names differ in their endings
and a few letter groups (Zelensky, Zelenskyy, Zelenskiy, Zelenskyi; Hrebenyuk, Hrebeniuk; Sergei, Sergey).
`same_name` says whether two spellings are one name: equal once those differences are folded. Nothing
looser (an edit-distance ratio would make Ivanov and Ivanova, or Petrenko and Petrenka, one person)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

ENDINGS = re.compile(r"(?:iy|yy|yi|ii|ij|ey|ei|y|i)$")  # -iy/-yy/-yi/-ii/-y/-i endings
GROUPS = (("kh", "h"), ("zh", "j"), ("ya", "ia"), ("yu", "iu"), ("ye", "e"), ("ie", "e"), ("yo", "io"),
          ("w", "v"), ("ck", "k"), ("ph", "f"), ("y", "i"))


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A word reduced to what its romanisations share: ASCII, lower case, endings and letter groups folded,
    doubled letters single."""
    w = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    w = re.sub(r"[^a-z]", "", w)
    w = ENDINGS.sub("i", w) if len(w) > 3 else w
    for a, b in GROUPS:
        w = w.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", w)


def same_word(a: str, b: str) -> bool:
    return fold(a) == fold(b)


def same_name(a: list[str], b: list[str]) -> bool:
    """Two person names (word lists) are one: the same number of words, each pair the same word; a lone
    surname matches the last word of a full name."""
    if len(a) == 1 or len(b) == 1:
        return same_word(a[-1], b[-1])
    return len(a) == len(b) and all(same_word(x, y) for x, y in zip(a, b, strict=True))
