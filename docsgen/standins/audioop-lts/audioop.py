"""docsgen: ``audioop`` in pure Python, for Pyodide (part of docsgen, not the audioop-lts distribution).

``audioop`` left the standard library in Python 3.13; audioop-lts, its compiled replacement, has no
Pyodide build available to a site, and pydub (which gradio uses for audio) imports it first. pydub's
bundled ``pyaudioop`` fallback is Python 2 code that fails on Python 3 (``range()`` of a float), so this
module implements what pydub calls, with CPython 3.12's ``Modules/audioop.c`` semantics: samples of 1 to 4
bytes, signed, native byte order; results rounded and clipped as the C code does. tests/test_standins.py
checks every function against the compiled audioop of the host's Python.
"""

from __future__ import annotations

import math
import sys
from array import array

__all__ = ["add", "avg", "bias", "byteswap", "error", "getsample", "lin2lin", "max", "minmax", "mul", "ratecv",
           "reverse", "rms", "tomono", "tostereo"]

_builtin_max, _builtin_min = max, min
_ARRAY_CODES = {1: "b", 2: "h", 4: "i"}
_LITTLE = sys.byteorder == "little"


class error(Exception):
    pass


def _check_size(width: int) -> None:
    if width not in (1, 2, 3, 4):
        raise error("Size should be 1, 2, 3 or 4")


def _check(fragment: bytes, width: int) -> bytes:
    _check_size(width)
    data = bytes(memoryview(fragment).cast("B"))
    if len(data) % width:
        raise error("not a whole number of frames")
    return data


def _bounds(width: int) -> tuple[int, int]:
    top = 1 << (8 * width - 1)
    return -top, top - 1


def _samples(data: bytes, width: int) -> list[int]:
    if width == 3:
        order = "little" if _LITTLE else "big"
        return [int.from_bytes(data[i:i + 3], order, signed=True) for i in range(0, len(data), 3)]
    return array(_ARRAY_CODES[width], data).tolist()


def _pack(values: list[int], width: int) -> bytes:
    if width == 3:
        order = "little" if _LITTLE else "big"
        return b"".join(v.to_bytes(3, order, signed=True) for v in values)
    return array(_ARRAY_CODES[width], values).tobytes()


def _fbound(value: float, low: int, high: int) -> int:
    """Clip, then round towards minus infinity (audioop.c's fbound)."""
    if value > high:
        return high
    if value < low + 1.0:
        return low
    return math.floor(value)


def getsample(fragment: bytes, width: int, index: int) -> int:
    samples = _samples(_check(fragment, width), width)
    if not 0 <= index < len(samples):
        raise error("Index out of range")
    return samples[index]


def max(fragment: bytes, width: int) -> int:
    return _builtin_max((abs(v) for v in _samples(_check(fragment, width), width)), default=0)


def minmax(fragment: bytes, width: int) -> tuple[int, int]:
    samples = _samples(_check(fragment, width), width)
    if not samples:
        return 0x7FFFFFFF, -0x80000000  # audioop.c starts from the 32-bit extremes and finds nothing
    return _builtin_min(samples), _builtin_max(samples)


def avg(fragment: bytes, width: int) -> int:
    samples = _samples(_check(fragment, width), width)
    if not samples:
        return 0
    total = 0.0
    for value in samples:  # a float sum in order, as the C code adds doubles
        total += value
    return math.floor(total / len(samples))


def rms(fragment: bytes, width: int) -> int:
    samples = _samples(_check(fragment, width), width)
    if not samples:
        return 0
    total = 0.0
    for value in samples:
        total += float(value) * float(value)
    return int(math.sqrt(total / len(samples)))


def mul(fragment: bytes, width: int, factor: float) -> bytes:
    low, high = _bounds(width)
    factor = float(factor)
    return _pack([_fbound(v * factor, low, high) for v in _samples(_check(fragment, width), width)], width)


def add(fragment1: bytes, fragment2: bytes, width: int) -> bytes:
    first, second = _check(fragment1, width), bytes(memoryview(fragment2).cast("B"))
    if len(first) != len(second):
        raise error("Lengths should be the same")
    low, high = _bounds(width)
    sums = [a + b for a, b in zip(_samples(first, width), _samples(second, width), strict=True)]
    return _pack([high if s > high else low if s < low else s for s in sums], width)


def bias(fragment: bytes, width: int, bias: int) -> bytes:
    """Adds ``bias`` to each sample as an unsigned number, wrapping around on overflow."""
    mask = (1 << (8 * width)) - 1
    low, _ = _bounds(width)
    wrapped = [((v & mask) + bias) & mask for v in _samples(_check(fragment, width), width)]
    return _pack([v + 2 * low if v > mask >> 1 else v for v in wrapped], width)


def reverse(fragment: bytes, width: int) -> bytes:
    return _pack(_samples(_check(fragment, width), width)[::-1], width)


def byteswap(fragment: bytes, width: int) -> bytes:
    data = _check(fragment, width)
    return b"".join(data[i:i + width][::-1] for i in range(0, len(data), width))


def tomono(fragment: bytes, width: int, lfactor: float, rfactor: float) -> bytes:
    data = _check(fragment, width)
    if (len(data) // width) % 2:
        raise error("not a whole number of frames")
    low, high = _bounds(width)
    samples = _samples(data, width)
    lfactor, rfactor = float(lfactor), float(rfactor)
    return _pack([_fbound(left * lfactor + right * rfactor, low, high)
                  for left, right in zip(samples[::2], samples[1::2], strict=True)], width)


def tostereo(fragment: bytes, width: int, lfactor: float, rfactor: float) -> bytes:
    low, high = _bounds(width)
    lfactor, rfactor = float(lfactor), float(rfactor)
    out: list[int] = []
    for value in _samples(_check(fragment, width), width):
        out += (_fbound(value * lfactor, low, high), _fbound(value * rfactor, low, high))
    return _pack(out, width)


def _to32(samples: list[int], width: int) -> list[int]:
    return [v << (32 - 8 * width) for v in samples]


def _from32(samples: list[int], width: int) -> list[int]:
    return [v >> (32 - 8 * width) for v in samples]


def lin2lin(fragment: bytes, width: int, newwidth: int) -> bytes:
    data = _check(fragment, width)
    _check_size(newwidth)
    if width == newwidth:
        return data
    return _pack(_from32(_to32(_samples(data, width), width), newwidth), newwidth)


RatecvState = tuple[int, tuple[tuple[int, int], ...]]


def ratecv(fragment: bytes, width: int, nchannels: int, inrate: int, outrate: int, state: RatecvState | None,
           weightA: int = 1, weightB: int = 0) -> tuple[bytes, RatecvState]:
    """Sample-rate conversion by linear interpolation, with audioop.c's optional one-pole filter."""
    _check_size(width)
    if nchannels < 1:
        raise error("# of channels should be >= 1")
    if weightA < 1 or weightB < 0:
        raise error("weightA should be >= 1, weightB should be >= 0")
    data = bytes(memoryview(fragment).cast("B"))
    if len(data) % (width * nchannels):
        raise error("not a whole number of frames")
    if inrate <= 0 or outrate <= 0:
        raise error("sampling rate not > 0")
    divisor = math.gcd(inrate, outrate)
    inrate, outrate = inrate // divisor, outrate // divisor
    divisor = math.gcd(weightA, weightB)
    weightA, weightB = weightA // divisor, weightB // divisor
    d, prev, cur = _ratecv_state(state, nchannels, outrate)
    samples = _to32(_samples(data, width), width)
    frames = len(samples) // nchannels
    out: list[int] = []
    at = 0
    while True:
        while d < 0:
            if frames == 0:
                new_state = (d, tuple(zip(prev, cur, strict=True)))
                return _pack(_from32(out, width), width), new_state
            for chan in range(nchannels):
                prev[chan] = cur[chan]
                value = samples[at]
                at += 1
                cur[chan] = int((float(weightA) * value + float(weightB) * prev[chan]) / (float(weightA) + weightB))
            frames -= 1
            d += outrate
        while d >= 0:
            for chan in range(nchannels):
                out.append(int((float(prev[chan]) * d + float(cur[chan]) * (outrate - d)) / outrate))
            d -= inrate


def _ratecv_state(state: RatecvState | None, nchannels: int, outrate: int) -> tuple[int, list[int], list[int]]:
    if state is None:
        return -outrate, [0] * nchannels, [0] * nchannels
    if not isinstance(state, tuple):
        raise TypeError("state must be a tuple or None")
    try:
        d, channels = state
        if not isinstance(channels, tuple) or len(channels) != nchannels:
            raise error("illegal state argument")
        prev, cur = zip(*(tuple(channel) for channel in channels), strict=True)
    except (TypeError, ValueError) as exc:
        raise TypeError("ratecv(): illegal state argument") from exc
    return int(d), [int(v) for v in prev], [int(v) for v in cur]
