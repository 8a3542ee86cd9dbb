"""Extract: a spaCy pipeline driven by the lexicon and pattern files, Article -> Extraction."""

from kg.extract.pipeline import Extractor, extract

__all__ = ["Extractor", "extract"]
