"""Query: the saved-question catalogue, safe parameter binding, result formatting."""

from kg.query.catalogue import SavedQuery, find_query, list_queries
from kg.query.run import answer, format_result, result_iris, run_query

__all__ = ["SavedQuery", "answer", "find_query", "format_result", "list_queries", "result_iris", "run_query"]
