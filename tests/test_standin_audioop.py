"""docsgen's audioop (docsgen/standins/audioop-lts) against the compiled audioop of the host's Python.

Python 3.11 and 3.12 still carry audioop in the standard library: it is the reference. Every function is
compared on random fragments of every sample width, errors included. pydub's own pure-Python fallback,
``pydub.pyaudioop``, is the one that fails on Python 3 (see the module's docstring): checked here too, so
that the day it works this implementation can go.
"""

from __future__ import annotations

import importlib.util
import warnings
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docsgen.standins import STANDINS

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    compiled = pytest.importorskip("audioop", reason="the host's Python has no compiled audioop (3.13+)")


def _load_implementation() -> ModuleType:
    """docsgen's audioop under another name: the compiled one keeps the name audioop."""
    path = STANDINS["audioop-lts"].source / "audioop.py"
    spec = importlib.util.spec_from_file_location("docsgen_audioop", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


mine = _load_implementation()
WIDTHS = st.sampled_from([1, 2, 3, 4])
FACTORS = st.one_of(st.floats(-4, 4, allow_nan=False), st.sampled_from([0.0, 0.5, 1.0, -1.0, 2.0]))


def outcome(module: ModuleType, name: str, *args: Any) -> tuple[str, Any]:
    try:
        return "value", getattr(module, name)(*args)
    except module.error as exc:
        return "audioop.error", str(exc)
    except Exception as exc:
        return type(exc).__name__, None


def same(name: str, *args: Any) -> None:
    assert outcome(mine, name, *args) == outcome(compiled, name, *args), (name, args)


@st.composite
def fragments(draw: st.DrawFn, frames_of: int = 1) -> tuple[bytes, int]:
    """A fragment and its sample width, with extreme samples likely (clipping is where audioop is subtle)."""
    width = draw(WIDTHS)
    low, high = -(1 << (8 * width - 1)), (1 << (8 * width - 1)) - 1
    sample = st.one_of(st.integers(low, high), st.sampled_from([low, low + 1, -1, 0, 1, high - 1, high]))
    count = draw(st.integers(0, 24)) * frames_of
    values = draw(st.lists(sample, min_size=count, max_size=count))
    return b"".join(v.to_bytes(width, "little", signed=True) for v in values), width


@settings(max_examples=300, deadline=None)
@given(fragments())
def test_one_fragment_functions_match(fragment):
    data, width = fragment
    for name in ("max", "minmax", "avg", "rms", "reverse", "byteswap"):
        same(name, data, width)
    for index in (0, len(data) // width - 1, len(data) // width):
        same("getsample", data, width, index)


@settings(max_examples=300, deadline=None)
@given(fragments(), FACTORS, FACTORS)
def test_scaling_and_channel_functions_match(fragment, left, right):
    data, width = fragment
    same("mul", data, width, left)
    same("tostereo", data, width, left, right)
    same("tomono", data, width, left, right)  # odd sample counts: the error


@settings(max_examples=300, deadline=None)
@given(fragments(), fragments(), st.integers(-(1 << 31), (1 << 31) - 1))
def test_add_bias_and_lin2lin_match(first, second, bias):
    data, width = first
    same("add", data, data[::-1], width)
    same("add", data, second[0], width)  # mostly other lengths: the error
    same("bias", data, width, bias)
    for newwidth in (1, 2, 3, 4):
        same("lin2lin", data, width, newwidth)


@settings(max_examples=300, deadline=None)
@given(fragments(frames_of=2), st.sampled_from([8000, 11025, 16000, 22050, 44100, 48000, 7, 3]),
       st.sampled_from([8000, 16000, 22050, 44100, 48000, 5]), st.integers(1, 4), st.integers(0, 3))
def test_ratecv_matches_in_chunks_carrying_its_state(fragment, inrate, outrate, weight_a, weight_b):
    data, width = fragment
    for channels in (1, 2):
        mine_state = compiled_state = None
        frame = width * channels
        cut = (len(data) // frame // 2) * frame
        for chunk in (data[:cut], data[cut:]):  # pydub converts whole segments; streams carry the state
            ours = mine.ratecv(chunk, width, channels, inrate, outrate, mine_state, weight_a, weight_b)
            theirs = compiled.ratecv(chunk, width, channels, inrate, outrate, compiled_state, weight_a, weight_b)
            assert ours == theirs
            mine_state, compiled_state = ours[1], theirs[1]


def test_errors_match():
    same("max", b"\0\0\0", 2)
    same("max", b"\0\0", 5)
    same("lin2lin", b"\0\0", 2, 7)
    for args in ((b"\0\0", 2, 0, 8000, 8000, None), (b"\0\0", 2, 1, 0, 8000, None), (b"\0\0", 2, 1, 8000, 8000, 5),
                 (b"\0\0", 2, 1, 8000, 8000, (0, ())), (b"\0\0\0", 2, 1, 8000, 4000, None)):
        same("ratecv", *args)
    same("ratecv", b"\0\0", 2, 1, 8000, 8000, None, 0, 0)


def test_what_pydub_calls_is_here():
    """Every audioop.X in pydub's sources exists in this implementation."""
    pydub = pytest.importorskip("pydub")
    import pathlib
    import re

    used = {m for path in pathlib.Path(pydub.__file__).parent.glob("*.py")
            for m in re.findall(r"\baudioop\.([a-z0-9_]+)", path.read_text()) if path.name != "pyaudioop.py"}
    assert used and used <= set(mine.__all__), used - set(mine.__all__)


def test_pydubs_own_fallback_still_fails_on_python_3():
    pyaudioop = pytest.importorskip("pydub.pyaudioop")
    with pytest.raises(TypeError):
        pyaudioop.rms(b"\0\0\1\0", 2)
