"""Share links of the playground, in Python: the twin of ``playground/src/sharelink.js``.

A link ends in ``#code=`` + base64url (no padding) of the raw-DEFLATE-compressed UTF-8 program.
Decoding is bounded: a link cannot make the decoder inflate more than ``max_bytes`` of text, and it
raises nothing but :class:`ShareLinkError` (its messages are the ones the page shows).

Both twins agree on every input (tests/browser/test_sharelink_fuzz.py checks them against each other
in Chromium). Like Chromium's DecompressionStream, data after the end of the compressed stream is
an error; a leading byte-order mark is kept, so a program round-trips exactly.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib

MAX_PROGRAM_BYTES = 200 * 1024
# Raw DEFLATE of N bytes is never much longer than N (stored blocks add 5 bytes per 64 KB): a longer
# link is refused before anything is inflated.
COMPRESSED_SLACK = 1024

_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")
_SURROGATE = re.compile("[\ud800-\udfff]")


class ShareLinkError(ValueError):
    """A link that does not hold a program: not base64url, not raw DEFLATE, not UTF-8, or too large."""


NOT_BASE64URL_TEXT = "the link's code is not base64url text"
NOT_BASE64URL = "the link's code is not valid base64url"
NOT_COMPRESSED = "the link's code is not a compressed program (it may be cut short)"
NOT_UTF8 = "the shared program is not UTF-8 text"


def too_large(max_bytes: int) -> str:
    size = f"{max_bytes // 1024} KB" if max_bytes % 1024 == 0 else f"{max_bytes} bytes"
    return f"the shared program is larger than {size}"


def encode(source: str) -> str:
    """The ``#code=`` value of a program."""
    # JavaScript's TextEncoder writes U+FFFD for a lone surrogate; do the same instead of failing.
    data = _SURROGATE.sub("\ufffd", source).encode("utf-8")
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = compressor.compress(data) + compressor.flush()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def from_base64url(text: str) -> bytes:
    if not _BASE64URL.fullmatch(text):
        raise ShareLinkError(NOT_BASE64URL_TEXT)
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ShareLinkError(NOT_BASE64URL) from None


def decode(code: str, max_bytes: int = MAX_PROGRAM_BYTES) -> str:
    """The program in a ``#code=`` value; :class:`ShareLinkError` when there is none."""
    compressed = from_base64url(code)
    if len(compressed) > max_bytes + COMPRESSED_SLACK:
        raise ShareLinkError(too_large(max_bytes))
    inflater = zlib.decompressobj(-15)
    try:
        # One byte more than allowed is enough to know the program is too large.
        data = inflater.decompress(compressed, max_bytes + 1)
    except zlib.error:
        raise ShareLinkError(NOT_COMPRESSED) from None
    if len(data) > max_bytes:
        raise ShareLinkError(too_large(max_bytes))
    if not inflater.eof or inflater.unused_data:
        raise ShareLinkError(NOT_COMPRESSED)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ShareLinkError(NOT_UTF8) from None


def code_from_hash(fragment: str) -> str | None:
    """The ``#code=`` value of a URL fragment, or None when it holds none."""
    match = re.fullmatch(r"#code=(.*)", fragment or "", re.DOTALL)
    return match.group(1) if match else None
