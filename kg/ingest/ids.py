"""Stable article identity: a hash of the canonical URL, else of the normalised text."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit


def normalise_text(text: str) -> str:
    """Text with Unicode, quotes and white space folded, so trivial edits keep one identity."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


def canonical_url(url: str) -> str:
    """The URL without fragment, query tracking, default scheme case or trailing slash."""
    parts = urlsplit(url.strip())
    query = "&".join(q for q in parts.query.split("&") if q and not q.lower().startswith(("utm_", "fbclid")))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower() or "https", parts.netloc.lower(), path, query, ""))


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def article_id(text: str, url: str | None) -> str:
    """The 16-hex-digit id an article IRI is minted from."""
    basis = "url:" + canonical_url(url) if url else "text:" + normalise_text(text)
    return sha1(basis)[:16]
