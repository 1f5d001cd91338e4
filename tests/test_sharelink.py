"""The share-link codec of playground/src/sharelink.js, run in Node, checked against Python's zlib.

A link is `#code=` + base64url (no padding) of the raw-DEFLATE (wbits=-15) UTF-8 program.
"""

from __future__ import annotations

import base64
import json
import random
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

SHARELINK = Path(__file__).resolve().parent.parent / "playground" / "src" / "sharelink.js"

DRIVER = """
import { encodeProgram, decodeProgram, codeFromHash } from %s;
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const job = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const encoded = [];
for (const text of job.encode) encoded.push(await encodeProgram(text));
const decoded = [];
for (const code of job.decode) {
  try { decoded.push({ ok: true, value: await decodeProgram(code, job.max || undefined) }); }
  catch (err) { decoded.push({ ok: false, error: err.constructor.name, message: err.message }); }
}
const hashes = job.hashes.map((h) => codeFromHash(h));
process.stdout.write(JSON.stringify({ encoded, decoded, hashes }));
"""


def run_js(encode=(), decode=(), hashes=(), max_bytes: int | None = None) -> dict:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    script = DRIVER % json.dumps(SHARELINK.as_uri())
    job = json.dumps({"encode": list(encode), "decode": list(decode), "hashes": list(hashes), "max": max_bytes})
    command = ["node", "--input-type=module", "-e", script]
    done = subprocess.run(command, input=job, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def py_decode(code: str) -> str:
    raw = base64.urlsafe_b64decode(code + "=" * (-len(code) % 4))
    return zlib.decompress(raw, wbits=-15).decode("utf-8")


def py_encode(source: str) -> str:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = compressor.compress(source.encode("utf-8")) + compressor.flush()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


PROGRAMS = [
    "",
    "print('hello')\n",
    "import examplelib\n\ninputs = examplelib.Text()\noutputs = examplelib.Text()\n\ndef fn(v):\n    return v[::-1]\n",
    "# ünïcödé, 日本語, emoji 🐍 and a NUL \x00 byte\ns = '→'\n",
    "x = 1\n" * 5000,  # compresses well: long programs stay short links
]


def random_programs(count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    alphabet = "abc xyz_()[]{}:=+-*/#'\"\n\t0123456789é日🐍\\"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400))) for _ in range(count)]


def test_js_links_decode_with_python_zlib():
    programs = PROGRAMS + random_programs(100)
    encoded = run_js(encode=programs)["encoded"]
    for source, code in zip(programs, encoded, strict=True):
        assert re.fullmatch(r"[A-Za-z0-9_-]*", code), "base64url alphabet, no padding"
        assert py_decode(code) == source


def test_python_links_decode_in_js():
    programs = PROGRAMS + random_programs(100, seed=4)
    decoded = run_js(decode=[py_encode(p) for p in programs])["decoded"]
    assert [d["value"] for d in decoded] == programs


def test_long_program_link_is_compact():
    code = run_js(encode=[PROGRAMS[-1]])["encoded"][0]
    assert len(code) < 200


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("not base64!", "not base64url"),
        ("////", "not base64url"),
        ("____", "not a compressed program"),
        (py_encode("x = 1\n")[:-3], "not a compressed program"),
        (base64.urlsafe_b64encode(zlib.compress(b"zlib header, not raw")).rstrip(b"=").decode(), "not a compressed"),
    ],
)
def test_malformed_links_give_a_clear_error(code: str, reason: str):
    result = run_js(decode=[code])["decoded"][0]
    assert not result["ok"] and result["error"] == "ShareLinkError"
    assert reason in result["message"]


def test_invalid_utf8_is_rejected():
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = compressor.compress(b"\xff\xfe bad") + compressor.flush()
    code = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    result = run_js(decode=[code])["decoded"][0]
    assert not result["ok"] and "not UTF-8" in result["message"]


def test_oversized_programs_are_refused_without_inflating_them():
    bomb = py_encode("#" * 5_000_000)  # 5 MB of text in a few KB of link
    result = run_js(decode=[bomb])["decoded"][0]
    assert not result["ok"] and "larger than 200 KB" in result["message"]
    assert run_js(decode=[py_encode("x" * 2048)], max_bytes=1024)["decoded"][0]["ok"] is False


def test_code_from_hash():
    hashes = run_js(hashes=["#code=abc_-", "", "#other=1", "#code="])["hashes"]
    assert hashes == ["abc_-", None, None, ""]
