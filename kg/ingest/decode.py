"""Bytes to text: UTF-8 (with or without BOM), UTF-16 by BOM, else a confidently detected encoding."""

from __future__ import annotations

from kg.errors import InputError

MAX_ARTICLE_BYTES = 20 * 1024 * 1024  # the text of one article (UTF-8), whatever file or line it came from
MAX_FILE_BYTES = 100 * 1024 * 1024  # a file read whole: a page's markup, a JSON array or a feed of articles


def mostly_utf8(data: bytes) -> bool:
    """True when the non-ASCII bytes are mostly well-formed UTF-8: a damaged UTF-8 file, not another encoding."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return good > broken


def decode(data: bytes, source: str) -> str:
    """Text of a file; binary, empty or undecodable input is an InputError naming the file."""
    if not data.strip():
        raise InputError(f"{source}: file is empty")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = exc.start
    if mostly_utf8(data):
        raise InputError(f"{source}: invalid UTF-8 at byte {bad}")
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding in ("utf_8", "ascii") or best.chaos > 0.2:
        raise InputError(f"{source}: not valid UTF-8 (byte {bad}) and no other encoding fits confidently")
    text = data.decode(best.encoding, errors="strict")
    if sum(ch.isprintable() or ch.isspace() for ch in text) < 0.98 * len(text):
        raise InputError(f"{source}: not valid UTF-8 (byte {bad}) and looks binary")
    return text


def megabytes(size: int) -> str:
    """A size for a message next to a limit in MB: '50 MB', '23.84 MB', or bytes when two decimals would
    make a size just over a limit look equal to it ('20,971,600 bytes', never '20.00 MB')."""
    mb, whole = size / 1_048_576, size % 1_048_576 == 0
    if whole:
        return f"{size // 1_048_576} MB"
    text = f"{mb:.2f}"
    return f"{size:,} bytes" if text.endswith(".00") else f"{text} MB"
