"""Ingest: turn files into Article records, one file format per module."""

from kg.ingest.reader import ArticleResult, iter_articles, read_file

__all__ = ["ArticleResult", "iter_articles", "read_file"]
