"""HTML pages: main text and metadata with trafilatura; menus, share counters and related links stay out."""

from __future__ import annotations

from kg.errors import InputError
from kg.ingest.build import make_article
from kg.model import Article


def read_html(raw: str, source: str, overrides: dict | None = None) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_tables=False,
                                      deduplicate=True)
    if doc is None:
        raise InputError(f"{source}: no article text found in the HTML page")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    meta = {"title": data.get("title"), "date": data.get("date"), "publisher": data.get("sitename"),
            "url": data.get("url"), "language": data.get("language"), "strict_date": False}
    meta.update({k: v for k, v in (overrides or {}).items() if v})
    text = data.get("text") or ""
    if not any(len(line.split()) >= 5 for line in text.splitlines()):
        raise InputError(f"{source}: no article text after cleaning (only navigation or boilerplate)")
    return make_article(text, meta, source)
