"""conflict-kg: an offline knowledge-graph builder for war-diplomacy news.

Data flows one way: ingest -> extract -> build -> store -> query/export.
"""

__version__ = "0.1.0"
