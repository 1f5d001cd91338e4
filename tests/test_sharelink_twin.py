"""docsgen.sharelink, the Python twin of the page's share-link codec: round trips, limits, fuzzing.

Its agreement with the JavaScript codec is checked in Chromium (tests/browser/test_sharelink_fuzz.py).
"""

from __future__ import annotations

import base64
import random
import subprocess
import sys
import zlib

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from docsgen import sharelink
from docsgen.sharelink import MAX_PROGRAM_BYTES, ShareLinkError, decode, encode

FUZZ_EXAMPLES = 2000


def raw_deflate(data: bytes) -> str:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return base64.urlsafe_b64encode(compressor.compress(data) + compressor.flush()).rstrip(b"=").decode()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_every_program_round_trips(source: str):
    code = encode(source)
    assert set(code) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert decode(code) == source


# Links: arbitrary text, base64url text, and damaged real links (cut, extended, bit-flipped).
base64url_text = st.from_regex(r"[A-Za-z0-9_-]{0,300}", fullmatch=True)


@st.composite
def damaged_links(draw) -> str:
    data = draw(st.binary(max_size=400))
    raw = bytearray(zlib.compressobj(draw(st.integers(0, 9)), zlib.DEFLATED, -15).compress(data))
    raw += zlib.compressobj(9, zlib.DEFLATED, -15).flush() if not raw else b""
    for _ in range(draw(st.integers(0, 3))):
        if raw:
            raw[draw(st.integers(0, len(raw) - 1))] ^= 1 << draw(st.integers(0, 7))
    raw += draw(st.binary(max_size=4))
    code = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    return code[: draw(st.integers(0, len(code)))]


# Whole links of text (fine, or too large for a small limit) and of arbitrary bytes (mostly not UTF-8).
repeated = st.builds(lambda char, n: encode(char * n), st.characters(), st.integers(0, 300_000))
whole_links = st.one_of(st.text(max_size=2000).map(encode), st.binary(max_size=300).map(raw_deflate), repeated)
# Everything a decoder may be given.
any_link = st.one_of(st.text(), base64url_text, damaged_links(), whole_links)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(any_link, st.sampled_from([64, 1024, MAX_PROGRAM_BYTES]))
@example("", MAX_PROGRAM_BYTES)
@example("A", MAX_PROGRAM_BYTES)
@example("A\n", MAX_PROGRAM_BYTES)
def test_decoder_raises_only_its_own_error(code: str, max_bytes: int):
    try:
        program = decode(code, max_bytes)
    except ShareLinkError as exc:
        assert str(exc) in {
            sharelink.NOT_BASE64URL_TEXT, sharelink.NOT_BASE64URL, sharelink.NOT_COMPRESSED,
            sharelink.NOT_UTF8, sharelink.too_large(max_bytes),
        }
    else:
        assert len(program.encode("utf-8")) <= max_bytes


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("not base64!", sharelink.NOT_BASE64URL_TEXT),
        ("abc\n", sharelink.NOT_BASE64URL_TEXT),  # `$` would let a trailing newline through
        ("A", sharelink.NOT_BASE64URL),  # 1 character more than a multiple of 4
        ("____", sharelink.NOT_COMPRESSED),
        (raw_deflate(b"x = 1\n")[:-3], sharelink.NOT_COMPRESSED),
        (raw_deflate(b"x = 1\n") + "AAAA", sharelink.NOT_COMPRESSED),  # bytes after the end
        (raw_deflate(b"\xff\xfe bad"), sharelink.NOT_UTF8),
        (raw_deflate(b"#" * 5_000_000), sharelink.too_large(MAX_PROGRAM_BYTES)),
        # Random bytes do not compress: the link alone is longer than any 200 KB program's.
        (raw_deflate(random.Random(1).randbytes(MAX_PROGRAM_BYTES + 2048)), sharelink.too_large(MAX_PROGRAM_BYTES)),
    ],
)
def test_malformed_links_name_the_problem(code: str, message: str):
    with pytest.raises(ShareLinkError) as caught:
        decode(code)
    assert str(caught.value) == message


def test_the_limit_is_inclusive():
    assert decode(encode("x" * MAX_PROGRAM_BYTES)) == "x" * MAX_PROGRAM_BYTES
    with pytest.raises(ShareLinkError, match="larger than 200 KB"):
        decode(encode("x" * (MAX_PROGRAM_BYTES + 1)))


def test_byte_order_mark_and_lone_surrogates_follow_the_browser():
    assert decode(encode("\ufeffprint(1)")) == "\ufeffprint(1)"
    assert decode(encode("a\ud800b")) == "a\ufffdb"  # TextEncoder's replacement


def cli(*args: str, stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "docsgen", "share", *args], input=stdin, capture_output=True, text=True, check=False
    )


def test_cli_encodes_and_decodes():
    program = "print('héllo')\n"
    link = cli("encode", "--url", "https://example.org/playground/", stdin=program).stdout.strip()
    assert link.startswith("https://example.org/playground/#code=")
    assert cli("decode", stdin=link).stdout == program
    assert cli("decode", stdin=link.split("#code=")[1]).stdout == program
    bad = cli("decode", stdin="https://example.org/playground/#code=%%%")
    assert bad.returncode == 2 and bad.stderr.strip() == f"error: {sharelink.NOT_BASE64URL_TEXT}"
