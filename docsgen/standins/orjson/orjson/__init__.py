"""docsgen's orjson: the part of orjson's API that gradio and its dependencies use, on top of ``json``.

For sites that have no Pyodide build of orjson. ``dumps`` returns bytes and ``loads`` takes bytes or str,
with orjson's types, options, output format and error types (checked against the real orjson in
docsgen's tests/test_standins.py). Differences, all at the edges:

- OPT_SERIALIZE_NUMPY is accepted and does nothing: a site without orjson has no numpy either, so numpy
  objects go to ``default`` like any other unsupported type.
- Error messages are orjson's for ``dumps``; ``loads`` raises orjson's error type with ``json``'s message.
- Tuples count towards the nesting limit of 254 like lists do (orjson does not always count them).
- An explicit ``default=None`` means no default (orjson calls it, and gives the same error for it).
- A datetime.time with 10000-99999 microseconds gets its six digits (orjson 3.13.0 writes 01:02:03.10000
  for 01:02:03.010000).
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import itertools
import json
import re
import sys
import uuid
from collections.abc import Callable
from typing import Any

__all__ = [
    "OPT_APPEND_NEWLINE",
    "OPT_INDENT_2",
    "OPT_NAIVE_UTC",
    "OPT_NON_STR_KEYS",
    "OPT_OMIT_MICROSECONDS",
    "OPT_PASSTHROUGH_DATACLASS",
    "OPT_PASSTHROUGH_DATETIME",
    "OPT_PASSTHROUGH_SUBCLASS",
    "OPT_SERIALIZE_DATACLASS",
    "OPT_SERIALIZE_NUMPY",
    "OPT_SERIALIZE_UUID",
    "OPT_SORT_KEYS",
    "OPT_STRICT_INTEGER",
    "OPT_UTC_Z",
    "Fragment",
    "JSONDecodeError",
    "JSONEncodeError",
    "__version__",
    "dumps",
    "loads",
]

__version__ = "3.11.8"

# orjson's values: callers combine them with |, and some pass the numbers on.
OPT_INDENT_2 = 1
OPT_NAIVE_UTC = 2
OPT_NON_STR_KEYS = 4
OPT_OMIT_MICROSECONDS = 8
OPT_SERIALIZE_NUMPY = 16
OPT_SORT_KEYS = 32
OPT_STRICT_INTEGER = 64
OPT_UTC_Z = 128
OPT_PASSTHROUGH_SUBCLASS = 256
OPT_PASSTHROUGH_DATETIME = 512
OPT_APPEND_NEWLINE = 1024
OPT_PASSTHROUGH_DATACLASS = 2048
OPT_SERIALIZE_DATACLASS = 0  # on by default since orjson 3
OPT_SERIALIZE_UUID = 0  # on by default since orjson 3
_ALL_OPTIONS = 4095

_MAX_DEPTH = 254  # nested lists, dicts and dataclasses
_MAX_DEFAULT_CALLS = 255  # `default` calls on the way from the top to one value
_MAX_LOADS_DEPTH = 1024
_FRAMES_PER_LEVEL = 4
_UINT64_MAX = 2**64 - 1
_INT64_MIN = -(2**63)
_INT53_MAX = 2**53 - 1


# orjson's JSONEncodeError is TypeError itself, so `except orjson.JSONEncodeError` catches any TypeError.
JSONEncodeError = TypeError


class JSONDecodeError(json.JSONDecodeError):
    """Raised by ``loads``; a json.JSONDecodeError and so a ValueError, as orjson's is."""


class Fragment:
    """Already-serialized JSON (bytes or str) that ``dumps`` writes as it is, unchecked."""

    __slots__ = ("contents",)

    def __init__(self, contents: Any) -> None:
        self.contents = contents  # checked by dumps, as orjson does


def dumps(obj: Any, /, default: Callable[[Any], Any] | None = None, option: int | None = None) -> bytes:
    """Serialize ``obj`` to JSON as UTF-8 bytes, compact unless OPT_INDENT_2."""
    encoder = _Encoder(_options(option), default)
    # orjson's nesting limit is its own; this encoder spends up to 4 Python frames per level on it.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(limit + _FRAMES_PER_LEVEL * (_MAX_DEPTH + 1))
    try:
        encoder.value(obj, 0, 0)
    except RecursionError:
        raise JSONEncodeError("Recursion limit reached") from None
    finally:
        sys.setrecursionlimit(limit)
    return encoder.result()


def _options(option: Any) -> int:
    if option is None:
        return 0
    # orjson refuses bool and int subclasses (IntFlag included), not only out-of-range numbers.
    if type(option) is not int or not 0 <= option <= _ALL_OPTIONS:
        raise JSONEncodeError("Invalid opts")
    return option


_encode_str = json.encoder.encode_basestring  # escapes what orjson escapes (", \ and controls), not non-ASCII
_DATETIMES = (datetime.datetime, datetime.date, datetime.time)


class _Encoder:
    def __init__(self, options: int, default: Callable[[Any], Any] | None) -> None:
        self.opts = options
        self.default = default
        self.out: list[str | bytes] = []
        self.raw = False  # a Fragment's bytes that are not UTF-8 went into out
        self.indent = bool(options & OPT_INDENT_2)

    def result(self) -> bytes:
        if self.opts & OPT_APPEND_NEWLINE:
            self.out.append("\n")
        try:
            if not self.raw:
                return "".join(self.out).encode("utf-8")  # type: ignore[arg-type]
            return b"".join(part if isinstance(part, bytes) else part.encode("utf-8") for part in self.out)
        except UnicodeEncodeError:
            raise JSONEncodeError("str is not valid UTF-8: surrogates not allowed") from None

    def value(self, obj: Any, depth: int, calls: int) -> None:
        """Write ``obj``; ``depth`` containers and ``calls`` default calls lie between it and the top."""
        kind = type(obj)
        if kind is str:
            self.out.append(_encode_str(obj))
        elif obj is None:
            self.out.append("null")
        elif obj is True:
            self.out.append("true")
        elif obj is False:
            self.out.append("false")
        elif kind is int:
            self.out.append(_int(obj, self.opts))
        elif kind is float:
            self.out.append(_float(obj))
        elif kind is list or kind is tuple:
            self.array(obj, depth, calls)
        elif kind is dict:
            self.mapping(obj.items(), depth, calls)
        elif not self.other(obj, kind, depth, calls):
            self.fallback(obj, depth, calls)

    def other(self, obj: Any, kind: type, depth: int, calls: int) -> bool:
        """The types orjson serializes besides JSON's own; False when ``obj`` is none of them."""
        opts = self.opts
        if kind in _DATETIMES:
            if opts & OPT_PASSTHROUGH_DATETIME:
                return False
            self.out.append(_encode_str(_datetime(obj, opts)))
        elif kind is uuid.UUID:
            self.out.append(f'"{obj}"')
        elif kind is Fragment:
            self.fragment(obj.contents)
        elif isinstance(obj, enum.Enum):
            self.value(obj.value, depth, calls)
        elif not opts & OPT_PASSTHROUGH_SUBCLASS and isinstance(obj, (str, int, list, dict)):
            self.subclass(obj, depth, calls)
        elif not opts & OPT_PASSTHROUGH_DATACLASS and hasattr(kind, "__dataclass_fields__"):
            self.mapping(_dataclass_items(obj), depth, calls)
        else:
            return False
        return True

    def subclass(self, obj: Any, depth: int, calls: int) -> None:
        # The base type's own methods: a subclass's overrides are not what orjson reads either.
        if isinstance(obj, str):
            self.out.append(_encode_str(str.__str__(obj)))
        elif isinstance(obj, int):
            self.out.append(_int(int.__int__(obj), self.opts))
        elif isinstance(obj, list):
            self.array(list(list.__iter__(obj)), depth, calls)
        else:
            self.mapping(dict.items(obj), depth, calls)

    def fallback(self, obj: Any, depth: int, calls: int) -> None:
        """Hand ``obj`` to ``default`` and write what it returns."""
        if self.default is None:
            raise JSONEncodeError(f"Type is not JSON serializable: {_type_name(type(obj))}")
        if calls >= _MAX_DEFAULT_CALLS:
            raise JSONEncodeError("default serializer exceeds recursion limit")
        try:
            replaced = self.default(obj)
        except Exception as exc:
            raise JSONEncodeError(f"Type is not JSON serializable: {_type_name(type(obj))}") from exc
        self.value(replaced, depth, calls + 1)

    def fragment(self, contents: Any) -> None:
        if isinstance(contents, str):
            self.out.append(contents)
        elif isinstance(contents, bytes):
            try:
                self.out.append(contents.decode("utf-8"))
            except UnicodeDecodeError:  # orjson copies the bytes unchecked
                self.out.append(contents)
                self.raw = True
        else:
            raise JSONEncodeError("orjson.Fragment's content is not of type bytes or str")

    def array(self, items: list[Any] | tuple[Any, ...], depth: int, calls: int) -> None:
        if depth >= _MAX_DEPTH:
            raise JSONEncodeError("Recursion limit reached")
        if not items:
            self.out.append("[]")
            return
        separator, close = self.separators(depth)
        self.out.append("[" + separator[1:])
        for index, item in enumerate(items):
            if index:
                self.out.append(separator)
            self.value(item, depth + 1, calls)
        self.out.append(close + "]")

    def mapping(self, items: Any, depth: int, calls: int) -> None:
        if depth >= _MAX_DEPTH:
            raise JSONEncodeError("Recursion limit reached")
        pairs = [(self.key(key), value) for key, value in items]
        if not pairs:
            self.out.append("{}")
            return
        if self.opts & OPT_SORT_KEYS:
            pairs.sort(key=lambda pair: pair[0])  # code point order is UTF-8 byte order, orjson's
        separator, close = self.separators(depth)
        colon = ": " if self.indent else ":"
        self.out.append("{" + separator[1:])
        for index, (key, value) in enumerate(pairs):
            if index:
                self.out.append(separator)
            self.out.append(_encode_str(key) + colon)
            self.value(value, depth + 1, calls)
        self.out.append(close + "}")

    def separators(self, depth: int) -> tuple[str, str]:
        """What goes between two items, and before the closing bracket."""
        if not self.indent:
            return ",", ""
        return ",\n" + "  " * (depth + 1), "\n" + "  " * depth

    def key(self, key: Any) -> str:
        if type(key) is str:
            return key
        if not self.opts & OPT_NON_STR_KEYS:
            raise JSONEncodeError("Dict key must be str")
        return _non_str_key(key, self.opts)


def _non_str_key(key: Any, opts: int) -> str:
    """A dict key as OPT_NON_STR_KEYS writes it."""
    if isinstance(key, str):
        return str.__str__(key)
    if key is None or key is True or key is False:
        return {None: "null", True: "true", False: "false"}[key]
    if isinstance(key, enum.Enum):
        return _non_str_key(key.value, opts)
    if isinstance(key, int):
        if not _INT64_MIN <= key <= _UINT64_MAX:
            raise JSONEncodeError("Dict integer key must be within 64-bit range")
        return int.__repr__(key)
    if type(key) is float:
        return _float(key)
    if type(key) in _DATETIMES:  # OPT_PASSTHROUGH_DATETIME is for values only
        return _datetime(key, opts)
    if type(key) is uuid.UUID:
        return str(key)
    raise JSONEncodeError("Dict key must a type serializable with OPT_NON_STR_KEYS")  # sic, orjson's words


def _int(value: int, opts: int) -> str:
    if not _INT64_MIN <= value <= _UINT64_MAX:
        raise JSONEncodeError("Integer exceeds 64-bit range")
    if opts & OPT_STRICT_INTEGER and not -_INT53_MAX <= value <= _INT53_MAX:
        raise JSONEncodeError("Integer exceeds 53-bit range")
    return int.__repr__(value)


def _float(value: float) -> str:
    """orjson's float format: Python's shortest round-trip digits, no zero-padded exponent, and plain
    decimals down to 1e-5 (where repr switches to exponents at 1e-5 already). NaN and infinities are null."""
    if value != value or value in (float("inf"), float("-inf")):
        return "null"
    text = float.__repr__(value)
    mantissa, e, exponent = text.partition("e")
    if not e:
        return text
    power = int(exponent)
    if power == -5:
        sign = "-" if mantissa.startswith("-") else ""
        return f"{sign}0.0000{mantissa.lstrip('-').replace('.', '')}"
    return f"{mantissa}e{'+' if power > 0 else '-'}{abs(power)}"


def _datetime(value: datetime.date | datetime.time, opts: int) -> str:
    """RFC 3339, as orjson writes datetime, date and time."""
    if type(value) is datetime.date:
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if type(value) is datetime.time and value.tzinfo is not None:
        raise JSONEncodeError("datetime.time must not have tzinfo set")
    clock = f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}"  # type: ignore[union-attr]
    if value.microsecond and not opts & OPT_OMIT_MICROSECONDS:  # type: ignore[union-attr]
        clock += f".{value.microsecond:06d}"  # type: ignore[union-attr]
    if type(value) is datetime.time:
        return clock
    assert isinstance(value, datetime.datetime)
    text = f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{clock}"
    if value.tzinfo is None:
        if not opts & OPT_NAIVE_UTC:
            return text
        return text + ("Z" if opts & OPT_UTC_Z else "+00:00")
    return text + _utc_offset(value.utcoffset(), opts)


def _utc_offset(offset: datetime.timedelta | None, opts: int) -> str:
    # orjson's arithmetic: whole seconds, minutes rounded half up (even to ":60"), the sign of the seconds.
    seconds = 0 if offset is None else offset.days * 86400 + offset.seconds
    if seconds == 0 and opts & OPT_UTC_Z:
        return "Z"
    hours, rest = divmod(abs(seconds), 3600)
    return f"{'-' if seconds < 0 else '+'}{hours:02d}:{(rest + 30) // 60:02d}"


def _dataclass_items(obj: Any) -> Any:
    """A dataclass instance's fields as orjson reads them: its __dict__ when it has one, else its fields;
    names that start with an underscore are left out either way."""
    attributes = getattr(obj, "__dict__", None)
    if isinstance(attributes, dict):
        return [(name, value) for name, value in attributes.items() if not str(name).startswith("_")]
    names = [field.name for field in dataclasses.fields(obj) if not field.name.startswith("_")]
    return [(name, getattr(obj, name)) for name in names]


def _type_name(kind: type) -> str:
    """The name orjson's messages give a type: a C type's full name (datetime.datetime), a class's own."""
    heap_type = kind.__flags__ & (1 << 9)  # Py_TPFLAGS_HEAPTYPE: defined by a class statement
    if heap_type or kind.__module__ == "builtins":
        return kind.__name__
    return f"{kind.__module__}.{kind.__name__}"


def loads(obj: bytes | bytearray | memoryview | str, /) -> Any:
    """Deserialize JSON from UTF-8 bytes, bytearray, memoryview or str."""
    text = _document(obj)
    # json's scanner recurses once per level; _document has refused what is deeper than orjson's limit.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(limit + _MAX_LOADS_DEPTH + 1)
    try:
        value = _DECODER.decode(text)
    except _NotFinite as exc:
        raise JSONDecodeError("number is infinity when parsed as double", text, max(text.find(exc.text), 0)) from None
    except RecursionError:
        raise JSONDecodeError("depth limit exceeded", text, 0) from None
    except json.JSONDecodeError as exc:
        raise JSONDecodeError(exc.msg, text, exc.pos) from None
    finally:
        sys.setrecursionlimit(limit)
    escape = _SURROGATE_ESCAPE.search(text)
    if escape and not _valid_strings(value):
        # json pairs \\uD83D\\uDE00 escapes itself, but lets a lone half through; orjson does not.
        raise JSONDecodeError("lone surrogate in string", text, escape.start())
    return value


def _document(obj: Any) -> str:
    """The JSON text, refused where orjson refuses it before parsing."""
    if isinstance(obj, (bytes, bytearray, memoryview)):
        try:
            text = bytes(obj).decode("utf-8")
        except UnicodeDecodeError:
            raise JSONDecodeError("str is not valid UTF-8: surrogates not allowed", "", 0) from None
    elif isinstance(obj, str):
        text = obj
        if not text.isascii():
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise JSONDecodeError("str is not valid UTF-8: surrogates not allowed", "", 0) from None
    else:
        raise JSONDecodeError("Input must be bytes, bytearray, memoryview, or str", "", 0)
    if not text:
        raise JSONDecodeError("Input is a zero-length, empty document", text, 0)
    if not text.strip(" \t\n\r"):
        raise JSONDecodeError("input data is empty", text, 0)
    if text.startswith("\ufeff"):
        raise JSONDecodeError("UTF-8 byte order mark (BOM) is not supported", text, 0)
    if text.count("[") + text.count("{") > _MAX_LOADS_DEPTH and _depth(text) > _MAX_LOADS_DEPTH:
        raise JSONDecodeError("depth limit exceeded", text, 0)
    return text


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _depth(text: str) -> int:
    """How deeply arrays and objects nest in ``text`` (asked only of texts that could be that deep)."""
    brackets = _NOT_BRACKETS.sub("", _STRING.sub("", text))
    return max(itertools.accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _valid_strings(value: Any) -> bool:
    """No lone surrogate in any string of the parsed ``value``, keys included."""
    if isinstance(value, str):
        return not any("\ud800" <= char <= "\udfff" for char in value)
    if isinstance(value, list):
        return all(_valid_strings(item) for item in value)
    if isinstance(value, dict):
        return all(_valid_strings(key) and _valid_strings(item) for key, item in value.items())
    return True


class _NotFinite(Exception):
    def __init__(self, text: str) -> None:
        self.text = text


def _parse_float(text: str) -> float:
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise _NotFinite(text)
    return number


def _parse_int(text: str) -> int | float:
    if len(text) < 19:
        return int(text)
    # orjson reads integers outside int64/uint64 as floats (and longer texts can be nothing else: int()
    # would refuse those of more than 4300 digits).
    number = int(text) if len(text) <= 20 else None
    if number is not None and _INT64_MIN <= number <= _UINT64_MAX:
        return number
    return _parse_float(text)


def _no_constants(text: str) -> Any:
    raise json.JSONDecodeError("unexpected character, expected a JSON value", text, 0)


# The number hooks cost less than a scan of the text for numbers that need them (measured).
_DECODER = json.JSONDecoder(parse_float=_parse_float, parse_int=_parse_int, parse_constant=_no_constants)
