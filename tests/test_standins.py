"""docsgen/standins: the stand-ins for numpy, pandas, PIL and brotli, and the orjson built on json
(the audioop implementation has tests/test_standin_audioop.py).

Stand-ins are top-level packages named like the real ones, so they are tested in child processes, from
their own wheels unpacked onto PYTHONPATH (ahead of any real numpy in site-packages). The orjson
implementation is compared with the real orjson installed on the host, value for value.
"""

from __future__ import annotations

import ast
import base64
import dataclasses
import datetime as dt
import enum
import hashlib
import importlib.metadata
import importlib.util
import json
import math
import os
import subprocess
import sys
import textwrap
import urllib.request
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from docsgen.standins import STANDINS, SUPPORT, pack_standin, standin_files

GRADIO = "gradio==6.31.0"


# --- the registry and the wheels -------------------------------------------------------------------


def test_registry_names_the_six_distributions():
    assert set(STANDINS) == {"numpy", "pandas", "pillow", "brotli", "orjson", "audioop-lts"}
    assert {n for n, s in STANDINS.items() if s.kind == "implementation"} == {"orjson", "audioop-lts"}
    assert STANDINS["audioop-lts"].import_names == ("audioop",)
    assert STANDINS["pillow"].import_names == ("PIL",)
    for standin in STANDINS.values():
        assert standin.version.endswith("+docsgen.standin")
        for module in standin.import_names:
            assert (standin.source / module).is_dir() or (standin.source / f"{module}.py").is_file()


def test_versions_satisfy_gradios_requirements():
    try:
        requires = importlib.metadata.requires("gradio") or []
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("gradio is not installed")
    wanted = {canonicalize_name(r.name): r for r in map(Requirement, requires) if r.name and "extra" not in str(r)}
    for name, standin in STANDINS.items():
        assert wanted[name].specifier.contains(standin.version, prereleases=True), (name, wanted[name])


def test_wheels_are_reproducible_and_named_like_the_real_distribution(tmp_path):
    for name, standin in STANDINS.items():
        first, second = pack_standin(name, tmp_path / "a"), pack_standin(name, tmp_path / "b")
        assert first.path.name == f"{name.replace('-', '_')}-{standin.version}-py3-none-any.whl"
        assert first.path.read_bytes() == second.path.read_bytes()
        assert (first.name, first.version, first.requires) == (name, standin.version, [])


def test_wheel_contents_and_record(tmp_path):
    for name, standin in STANDINS.items():
        wheel = pack_standin(name, tmp_path)
        with zipfile.ZipFile(wheel.path) as zf:
            names = zf.namelist()
            info = f"{name.replace('-', '_')}-{standin.version}.dist-info"
            metadata = zf.read(f"{info}/METADATA").decode()
            record = zf.read(f"{info}/RECORD").decode().splitlines()
            for line in record[:-1]:
                path, digest, size = line.split(",")
                data = zf.read(path)
                expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                assert digest == f"sha256={expected}"
                assert int(size) == len(data)
        assert f"Name: {name}\nVersion: {standin.version}\n" in metadata
        assert ("_docsgen_standin.py" in names) == (standin.kind == "stand-in")
        assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)
        assert wheel.files == len(standin_files(standin))


def test_standins_use_the_standard_library_only():
    own = {"_docsgen_standin", *(m for s in STANDINS.values() for m in s.import_names)}
    for path in [SUPPORT, *(p for s in STANDINS.values() for p in s.source.rglob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                top = module.partition(".")[0]
                assert top in sys.stdlib_module_names or top in own or top == "__future__", (path, module)


# --- the stand-ins, in a child process ---------------------------------------------------------------


@pytest.fixture(scope="session")
def standin_path(tmp_path_factory) -> Path:
    """The wheels unpacked into one folder, as Pyodide installs them."""
    site = tmp_path_factory.mktemp("standin-site")
    for name in STANDINS:
        with zipfile.ZipFile(pack_standin(name, site / "wheels").path) as zf:
            zf.extractall(site / "site-packages")
    return site / "site-packages"


def run_python(code: str, path: list[Path]) -> Any:
    """Run ``code`` with ``path`` first on sys.path; it prints one JSON value, which is returned."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(map(str, path)))
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_imports_give_the_standins_not_the_real_packages(standin_path):
    files = run_python(
        """
        import json, numpy, pandas, PIL.Image, brotli, orjson
        print(json.dumps([m.__file__ for m in (numpy, pandas, PIL.Image, brotli, orjson)]))
        """,
        [standin_path],
    )
    assert all(f.startswith(str(standin_path)) for f in files)


def test_types_answer_isinstance_and_annotations_without_raising(standin_path):
    result = run_python(
        """
        import json, typing
        from typing import Optional, Union
        import numpy as np, numpy.typing as npt, pandas as pd, PIL.Image
        from pandas.io.formats.style import Styler
        from PIL import ImageOps, ImageSequence, PngImagePlugin

        def annotated(a: np.ndarray | None, b: Optional[PIL.Image.Image], c: npt.NDArray[np.float64],
                      d: "pd.DataFrame | list", e: Union[Styler, str]) -> tuple[int, np.ndarray]: ...

        values = [1, "x", None, [1], {"a": 1}, b"x", 1.5]
        kinds = (np.ndarray, np.generic, np.floating, np.dtype, PIL.Image.Image, pd.DataFrame, pd.Series, Styler)
        print(json.dumps({
            "isinstance": [isinstance(v, k) for v in values for k in kinds],
            "hints": sorted(typing.get_type_hints(annotated)),
            "hierarchy": [issubclass(np.float32, np.floating), issubclass(np.int8, np.integer),
                          issubclass(np.uint8, np.signedinteger), np.bool is np.bool_],
            "repr": [repr(np.ndarray), repr(PIL.Image.Image), str(npt.NDArray[np.uint8])],
            "init": PIL.Image.init(),
            "probes": [hasattr(np, "__array_api_version__"), hasattr(np.ndarray, "_private"), "ndarray" in dir(np)],
        }))
        """,
        [standin_path],
    )
    assert not any(result["isinstance"])
    assert result["hints"] == ["a", "b", "c", "d", "e", "return"]
    assert result["hierarchy"] == [True, True, False, True]
    assert result["repr"] == [
        "<class 'numpy.ndarray'>",
        "<class 'PIL.Image.Image'>",
        "numpy.ndarray[typing.Any, numpy.dtype[numpy.uint8]]",
    ]
    assert result["init"] is False
    assert result["probes"] == [False, False, True]


USES = {
    "np.array": ("numpy", "lambda: np.array([1, 2])"),
    "np.zeros": ("numpy", "lambda: np.zeros(3)"),
    "np.ndarray()": ("numpy", "lambda: np.ndarray((2,))"),
    "np.float32()": ("numpy", "lambda: np.float32(1)"),
    "np.ndarray.shape": ("numpy", "lambda: np.ndarray.shape"),
    "import numpy.linalg": ("numpy", "lambda: importlib.import_module('numpy.linalg')"),
    "npt.NBitBase()": ("numpy", "lambda: npt.NBitBase()"),
    "PIL.Image.open": ("PIL", "lambda: PIL.Image.open('x.png')"),
    "PIL.Image.Image()": ("PIL", "lambda: PIL.Image.Image()"),
    "from PIL import ImageDraw": ("PIL", "lambda: exec('from PIL import ImageDraw')"),
    "ImageOps.fit": ("PIL", "lambda: ImageOps.fit(None, (1, 1))"),
    "pd.DataFrame()": ("pandas", "lambda: pd.DataFrame([[1]])"),
    "pd.read_csv": ("pandas", "lambda: pd.read_csv('x.csv')"),
    "pd.api.types": ("pandas", "lambda: pd.api.types.is_string_dtype(1)"),
    "pd.io.formats.style.Styler()": ("pandas", "lambda: pd.io.formats.style.Styler(None)"),
    "Styler()": ("pandas", "lambda: Styler(None)"),
    "brotli.Compressor()": ("brotli", "lambda: brotli.Compressor(mode=brotli.MODE_TEXT)"),
    "brotli.decompress": ("brotli", "lambda: brotli.decompress(b'')"),
}


def test_real_use_raises_missing_package_error(standin_path):
    uses = ", ".join(f"{name!r}: {code}" for name, (_, code) in USES.items())
    result = run_python(
        f"""
        import importlib, json, pickle
        import numpy as np, numpy.typing as npt, pandas as pd, PIL.Image, brotli
        from PIL import ImageOps
        from pandas.io.formats.style import Styler

        def caught(use):
            try:
                use()
            except ImportError as exc:
                again = pickle.loads(pickle.dumps(exc))
                return [type(exc).__name__, exc.package, exc.needed_by, str(exc), exc.docsgen_missing_package,
                        exc.name, str(again) == str(exc)]
            return None

        print(json.dumps({{name: caught(use) for name, use in {{ {uses} }}.items()}}))
        """,
        [standin_path],
    )
    for name, (package, _) in USES.items():
        kind, reported, needed_by, message, marker, import_name, pickled = result[name]
        assert (kind, reported, marker, import_name, pickled) == ("MissingPackageError", package, True, package, True)
        assert message == f"{package} is not included in this site: {needed_by} needs it"
        # The lambda, or the module for `from PIL import ImageDraw` run by exec (a string of code).
        assert needed_by in ("__main__.<lambda>", "__main__"), (name, needed_by)


def test_needed_by_names_the_first_caller_outside_standins_and_stdlib(standin_path, tmp_path):
    (tmp_path / "demo.py").write_text(textwrap.dedent(
        """
        import string
        import numpy as np

        class Image:
            def preprocess(self):
                return np.asarray([1])

        def through_stdlib():
            return string.Formatter().format("{0.zeros}", np)  # the getattr is string.py's

        def at_import():
            import demo_module_level  # noqa: F401
        """
    ))
    (tmp_path / "demo_module_level.py").write_text("import pandas\npandas.DataFrame()\n")
    result = run_python(
        """
        import json, demo
        out = []
        for call in (demo.Image().preprocess, demo.through_stdlib, demo.at_import):
            try:
                call()
            except ImportError as exc:
                out.append(exc.needed_by)
        print(json.dumps(out))
        """,
        [standin_path, tmp_path],
    )
    assert result == ["demo.Image.preprocess", "demo.through_stdlib", "demo_module_level"]


# --- orjson, against the real one -------------------------------------------------------------------


def _load_implementation() -> ModuleType:
    """docsgen's orjson under another name, so that the real orjson stays importable beside it."""
    path = STANDINS["orjson"].source / "orjson" / "__init__.py"
    spec = importlib.util.spec_from_file_location("docsgen_orjson", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


mine = _load_implementation()


@pytest.fixture(scope="module")
def real() -> ModuleType:
    return pytest.importorskip("orjson")


def outcome(call: Callable[[], Any]) -> Any:
    """What a call gives: its value, or its error's type and message (and its cause's type)."""
    try:
        return ("ok", call())
    except (TypeError, ValueError) as exc:
        cause = type(exc.__cause__).__name__ if exc.__cause__ else None
        kind = "decode" if isinstance(exc, json.JSONDecodeError) else type(exc).__name__
        return ("error", kind, str(exc) if kind != "decode" else "", cause)


def same_outcome(real: ModuleType, call: Callable[[ModuleType], Any]) -> None:
    """``call`` gives the same with docsgen's orjson as with the real one."""
    expected, got = outcome(lambda: call(real)), outcome(lambda: call(mine))
    assert repr(got) == repr(expected)  # repr: -0.0 and 0.0 differ, NaN equals itself


def test_api_surface_matches(real):
    options = {name: getattr(real, name) for name in dir(real) if name.startswith("OPT_")}
    assert {name: getattr(mine, name) for name in options} == options
    assert issubclass(mine.JSONDecodeError, json.JSONDecodeError) and issubclass(mine.JSONDecodeError, ValueError)
    assert mine.JSONEncodeError is real.JSONEncodeError is TypeError
    assert set(real.__all__) <= set(mine.__all__)


class Color(enum.Enum):
    RED = "red"
    PAIR = (1, 2)
    DAY = dt.date(2020, 1, 2)


class Level(enum.IntEnum):
    HIGH = 3


class Name(str):
    def __str__(self) -> str:
        return "overridden"


class Count(int):
    pass


class Items(list):
    pass


class Table(dict):
    pass


class Ratio(float):
    pass


@dataclasses.dataclass
class Point:
    x: int
    y: Any = None
    _hidden: int = 0


@dataclasses.dataclass
class Slotted:
    __slots__ = ("_b", "a")
    a: int
    _b: int


def nested(depth: int, make: Callable[[Any], Any]) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = make(value)
    return value


UTC = dt.timezone.utc
PLUS = dt.timezone(dt.timedelta(hours=5, minutes=30))
ODD = dt.timezone(dt.timedelta(seconds=-3599))

# Each case builds its value from the module under test (Fragment, OPT_ flags), so both get the same input.
DUMPS_CASES: dict[str, Callable[[ModuleType], Any]] = {
    "scalars": lambda oj: oj.dumps([None, True, False, 0, -1, 1.5, "x"]),
    "escapes": lambda oj: oj.dumps("\x00\x01\x1f\x7f\u2028/\"\\\n\r\t\b\f é 😀"),
    "surrogate": lambda oj: oj.dumps("\ud800"),
    "surrogate key": lambda oj: oj.dumps({"\udfff": 1}),
    "64-bit ints": lambda oj: oj.dumps([2**64 - 1, -(2**63)]),
    "too big": lambda oj: oj.dumps(2**64),
    "too small": lambda oj: oj.dumps(-(2**63) - 1),
    "strict ok": lambda oj: oj.dumps(2**53 - 1, option=oj.OPT_STRICT_INTEGER),
    "strict 53": lambda oj: oj.dumps(2**53, option=oj.OPT_STRICT_INTEGER),
    "strict 64": lambda oj: oj.dumps(2**64, option=oj.OPT_STRICT_INTEGER),
    "non-finite": lambda oj: oj.dumps([math.nan, math.inf, -math.inf]),
    "tuple": lambda oj: oj.dumps((1, (2,), [3])),
    "indent": lambda oj: oj.dumps({"a": [1, {"b": []}, {}], "c": {}}, option=oj.OPT_INDENT_2),
    "indent sort newline": lambda oj: oj.dumps(
        {"b": 1, "a": [1]}, option=oj.OPT_INDENT_2 | oj.OPT_SORT_KEYS | oj.OPT_APPEND_NEWLINE),
    "scalar newline": lambda oj: oj.dumps(1, option=oj.OPT_APPEND_NEWLINE),
    "sort": lambda oj: oj.dumps({"b": 1, "a": 2, "é": 3, "z": 4, "😀": 5, "\uffff": 6}, option=oj.OPT_SORT_KEYS),
    "int key": lambda oj: oj.dumps({1: 2}),
    "str subclass key": lambda oj: oj.dumps({Name("k"): 1}),
    "non-str keys": lambda oj: oj.dumps(
        {1: 1, 1.5: 2, False: 3, None: 4, dt.date(2020, 1, 2): 5, uuid.UUID(int=5): 6, "a": 7, -2.5: 8,
         math.nan: 9, Color.RED: 10, Level.HIGH: 11, Name("n"): 12, Count(7): 13, 1e-7: 14, 1e16: 15},
        option=oj.OPT_NON_STR_KEYS),
    "non-str keys sorted": lambda oj: oj.dumps(
        {"b": 1, 2: 3, "a": 1, 10: 2, None: 0}, option=oj.OPT_NON_STR_KEYS | oj.OPT_SORT_KEYS),
    "datetime keys": lambda oj: oj.dumps(
        {dt.datetime(2020, 1, 1, 1, 1, 1, 5): 1, dt.time(1, 2): 2},
        option=oj.OPT_NON_STR_KEYS | oj.OPT_NAIVE_UTC | oj.OPT_UTC_Z | oj.OPT_OMIT_MICROSECONDS),
    "datetime key passthrough": lambda oj: oj.dumps(
        {dt.datetime(2020, 1, 1): 1}, option=oj.OPT_NON_STR_KEYS | oj.OPT_PASSTHROUGH_DATETIME),
    "time key with tz": lambda oj: oj.dumps({dt.time(1, tzinfo=UTC): 1}, option=oj.OPT_NON_STR_KEYS),
    "tuple key": lambda oj: oj.dumps({(1, 2): 1}, option=oj.OPT_NON_STR_KEYS),
    "enum tuple key": lambda oj: oj.dumps({Color.PAIR: 1}, option=oj.OPT_NON_STR_KEYS),
    "big int key": lambda oj: oj.dumps({2**64: 1}, option=oj.OPT_NON_STR_KEYS),
    "set": lambda oj: oj.dumps({1}),
    "bytes": lambda oj: oj.dumps(b"x"),
    "memoryview": lambda oj: oj.dumps(memoryview(b"x")),
    "class": lambda oj: oj.dumps(Point),
    "subclasses": lambda oj: oj.dumps([Name("s"), Count(3), Items([1]), Table(a=1)]),
    "str subclass passthrough": lambda oj: oj.dumps(Name("s"), option=oj.OPT_PASSTHROUGH_SUBCLASS),
    "dict subclass passthrough": lambda oj: oj.dumps(Table(), option=oj.OPT_PASSTHROUGH_SUBCLASS),
    "float subclass": lambda oj: oj.dumps(Ratio(1.5)),
    "enums": lambda oj: oj.dumps([Color.RED, Color.PAIR, Color.DAY, Level.HIGH]),
    "int enum passthrough subclass": lambda oj: oj.dumps(Level.HIGH, option=oj.OPT_PASSTHROUGH_SUBCLASS),
    "enum date passthrough": lambda oj: oj.dumps(Color.DAY, option=oj.OPT_PASSTHROUGH_DATETIME),
    "dataclass": lambda oj: oj.dumps(Point(1, Point(2))),
    "dataclass slots": lambda oj: oj.dumps(Slotted(1, 2)),
    "dataclass passthrough": lambda oj: oj.dumps(Point(1), option=oj.OPT_PASSTHROUGH_DATACLASS),
    "uuid": lambda oj: oj.dumps(uuid.UUID(int=12345)),
    "datetimes": lambda oj: oj.dumps([
        dt.datetime(2020, 1, 2, 3, 4, 5), dt.datetime(2020, 1, 2, 3, 4, 5, 123, tzinfo=UTC),
        dt.datetime(5, 1, 2, tzinfo=PLUS), dt.datetime(2020, 1, 2, tzinfo=ODD), dt.date(1, 2, 3),
        dt.time(1, 2, 3), dt.time(1, 2, 3, 40)]),
    "datetime utc z naive utc": lambda oj: oj.dumps(
        [dt.datetime(2020, 1, 2), dt.datetime(2020, 1, 2, tzinfo=UTC)], option=oj.OPT_NAIVE_UTC | oj.OPT_UTC_Z),
    "time with tz": lambda oj: oj.dumps(dt.time(1, tzinfo=UTC)),
    "datetime subclass": lambda oj: oj.dumps(type("Stamp", (dt.datetime,), {})(2020, 1, 1)),
    "passthrough datetime": lambda oj: oj.dumps(dt.date(2020, 1, 1), option=oj.OPT_PASSTHROUGH_DATETIME),
    "passthrough datetime default": lambda oj: oj.dumps(
        dt.date(2020, 1, 1), option=oj.OPT_PASSTHROUGH_DATETIME, default=lambda o: "D"),
    "fragment": lambda oj: oj.dumps({"a": oj.Fragment(b'{"x": 1}'), "b": oj.Fragment("[ 2 ]")}),
    "fragment not utf-8": lambda oj: oj.dumps([oj.Fragment(b"\xff")]),
    "fragment of int": lambda oj: oj.dumps(oj.Fragment(5)),
    "default": lambda oj: oj.dumps({"s": {1, 2}}, default=sorted),
    "default returns None": lambda oj: oj.dumps({1}, default=lambda o: None),
    "default raises": lambda oj: oj.dumps({1}, default=lambda o: 1 / 0),
    "default not callable": lambda oj: oj.dumps({1}, default=5),
    "default loops": lambda oj: oj.dumps({1}, default=lambda o: o),
    "default gives datetime": lambda oj: oj.dumps({1}, default=lambda o: dt.date(2020, 1, 1)),
    "numpy option without numpy values": lambda oj: oj.dumps([1], option=oj.OPT_SERIALIZE_NUMPY),
    "all options": lambda oj: oj.dumps({"a": 1}, option=4095),
    "option too big": lambda oj: oj.dumps(1, option=4096),
    "option negative": lambda oj: oj.dumps(1, option=-1),
    "option bool": lambda oj: oj.dumps(1, option=True),
    "option str": lambda oj: oj.dumps(1, option="x"),
    "254 nested lists": lambda oj: len(oj.dumps(nested(254, lambda v: [v]))),
    "255 nested lists": lambda oj: oj.dumps(nested(255, lambda v: [v])),
    "254 nested dataclasses": lambda oj: len(oj.dumps(nested(254, Point))),
    "255 nested dataclasses": lambda oj: oj.dumps(nested(255, Point)),
    "255 nested dicts": lambda oj: oj.dumps(nested(255, lambda v: {"a": v})),
}


@pytest.mark.parametrize("case", DUMPS_CASES, ids=list(DUMPS_CASES))
def test_dumps_matches_orjson(real, case):
    same_outcome(real, DUMPS_CASES[case])


def test_circular_reference_is_an_error_not_a_crash(real):
    loop: list[Any] = []
    loop.append(loop)
    same_outcome(real, lambda oj: oj.dumps(loop))


@pytest.mark.parametrize("calls", [1, 255, 256])
def test_default_call_limit_matches(real, calls):
    def chain(oj: ModuleType) -> Any:
        count = [0]

        def default(obj: Any) -> Any:
            count[0] += 1
            return set() if count[0] < calls else "done"

        return oj.dumps([set()], default=default), count[0]

    same_outcome(real, chain)


@pytest.mark.parametrize("option", [0, 128])  # 128: OPT_UTC_Z
@pytest.mark.parametrize("seconds", [0, 1, -1, 29, 30, 59, 89, 90, -30, -90, 3599, 3645, 86399, -86399])
def test_utc_offsets_match(real, seconds, option):
    value = dt.datetime(2020, 1, 1, tzinfo=dt.timezone(dt.timedelta(seconds=seconds)))
    same_outcome(real, lambda oj: oj.dumps(value, option=option))


LOADS_CASES = [
    b"", b" ", "", b"1", b"-0", b"-0.0", b"1E2", b"1.5e-400", b"1e400", b"-1e400", b"18446744073709551615",
    b"18446744073709551616", b"-9223372036854775808", b"-9223372036854775809", b"1" * 30, b"9" * 400,
    b"NaN", b"Infinity", b"-Infinity", b"nan", b'"\\ud800"', b'"\\ud83d\\ude00"', b'"\\udc00\\ud800"',
    b'{"\\ud800": 1}', b'"\\\\ud800"', b'"\xff"', b"\xef\xbb\xbf1", b"[1,]", b'{"a":1,}', b'{"a":1,"a":2}',
    b"01", b"1.", b".5", b"[1] x", b"[1]\n", b"\t\n\r [1] \t", b"\x0c1", b'"\x00"', b'"\x1f"', b'"\x7f"',
    b'"\\/"', b'"\\x"', b"{1:2}", b"true", b"True", b"null", b"[", b'{"a"', b'"abc', b"1 2", b"-", b"+1",
    b"0x10", b"1e", b"\xa0", "\ud800", '"\ud800"', '"é"', bytearray(b"[1]"), memoryview(b"[2]"), 5, None,
    b'"[[[[' * 300 + b'"',
]


@pytest.mark.parametrize("text", LOADS_CASES, ids=[repr(t)[:40] for t in LOADS_CASES])
def test_loads_matches_orjson(real, text):
    same_outcome(real, lambda oj: oj.loads(text))


def depth(value: Any) -> int:
    """How deeply lists and dicts nest in ``value`` (without recursion: repr() cannot show 1024 levels)."""
    deepest, level = 0, [value]
    while level:
        deepest += 1
        level = [v for item in level if isinstance(item, (list, dict))
                 for v in (item.values() if isinstance(item, dict) else item)]
    return deepest - 1


@pytest.mark.parametrize("levels", [1000, 1024, 1025])
@pytest.mark.parametrize("kind", ["array", "object"])
def test_loads_depth_limit_matches(real, levels, kind):
    text = b"[" * levels + b"]" * levels if kind == "array" else b'{"a":' * levels + b"1" + b"}" * levels
    same_outcome(real, lambda oj: depth(oj.loads(text)))


def test_decode_error_carries_json_fields():
    with pytest.raises(mine.JSONDecodeError) as caught:
        mine.loads(b'{\n"a":\n x}')
    assert (caught.value.doc, caught.value.pos, caught.value.lineno, caught.value.colno) == ('{\n"a":\n x}', 8, 3, 2)


class JsonText:
    def __str__(self) -> str:
        return "[1, 2]"


GRADIO_VALUE = {"a": [1, 2.5, None], "t": dt.datetime(2020, 1, 1), "s": {1}, "j": JsonText()}


def _json_default(oj: ModuleType) -> Callable[[Any], Any]:
    """gradio's JSON component's default: an object whose str() is JSON becomes that JSON."""
    def default(obj: Any) -> Any:
        try:
            return oj.loads(str(obj))
        except oj.JSONDecodeError:
            return str(obj)

    return default


# The calls gradio 6.31.0 makes (routes.py, utils.py, components/json_component.py) and FastAPI's ORJSONResponse.
GRADIO_CALLS: dict[str, Callable[[ModuleType], Any]] = {
    "routes": lambda oj: oj.dumps(GRADIO_VALUE, option=oj.OPT_SERIALIZE_NUMPY | oj.OPT_PASSTHROUGH_DATETIME,
                                  default=str),
    "deep_equal": lambda oj: oj.dumps(GRADIO_VALUE, option=oj.OPT_SERIALIZE_NUMPY | oj.OPT_PASSTHROUGH_DATETIME),
    "json component": lambda oj: oj.loads(oj.dumps(
        GRADIO_VALUE, option=oj.OPT_SERIALIZE_NUMPY | oj.OPT_PASSTHROUGH_DATETIME, default=_json_default(oj))),
    "json component string": lambda oj: oj.loads('{"a": [1, "b"]}'),
    "fastapi": lambda oj: oj.dumps({1: "x"}, option=oj.OPT_NON_STR_KEYS | oj.OPT_SERIALIZE_NUMPY),
}


@pytest.mark.parametrize("call", GRADIO_CALLS, ids=list(GRADIO_CALLS))
def test_gradio_calls_match(real, call):
    same_outcome(real, GRADIO_CALLS[call])


# Property tests: JSON-like values through both, compared byte for byte (or error for error).

any_text = st.text(st.characters(exclude_categories=()))  # surrogates too: orjson refuses them
scalars = (
    st.none() | st.booleans() | st.floats() | any_text
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.integers(min_value=-(2**70), max_value=2**70)
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.tuples(inner, inner)
    | st.dictionaries(st.text(st.characters(exclude_categories=()), max_size=5), inner, max_size=5),
    max_leaves=30,
)
keys = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5) | st.dates()
offsets = st.integers(min_value=-86399, max_value=86399).map(lambda s: dt.timezone(dt.timedelta(seconds=s)))
datetimes = st.datetimes(timezones=st.none() | offsets) | st.dates() | st.times()
DATETIME_OPTIONS = [0, 2, 8, 128, 2 | 128, 8 | 128, 512]

@settings(max_examples=1000, deadline=None)
@given(st.floats())
def test_floats_match(real, value):
    assert mine.dumps(value) == real.dumps(value)

@settings(max_examples=300, deadline=None)
@given(values, st.sampled_from([0, 1, 32, 64, 1 | 32, 1024, 4 | 32]))
def test_json_values_match(real, value, option):
    same_outcome(real, lambda oj: oj.dumps(value, option=option))

@settings(max_examples=200, deadline=None)
@given(st.dictionaries(keys, st.integers(min_value=0, max_value=9), max_size=6), st.booleans())
def test_non_str_keys_match(real, value, sort):
    option = real.OPT_NON_STR_KEYS | (real.OPT_SORT_KEYS if sort else 0)
    same_outcome(real, lambda oj: oj.dumps(value, option=option))

def orjson_time_bug(value: Any) -> bool:
    """orjson 3.13.0 drops a zero from a time's 10000-99999 microseconds (01:02:03.10000 for .010000)."""
    return type(value) is dt.time and 10_000 <= value.microsecond < 100_000


@settings(max_examples=300, deadline=None)
@given(datetimes.filter(lambda v: not orjson_time_bug(v)), st.sampled_from(DATETIME_OPTIONS))
def test_datetimes_match(real, value, option):
    same_outcome(real, lambda oj: oj.dumps(value, option=option))


def test_time_microseconds_are_six_digits_where_orjson_drops_one(real):
    value = dt.time(1, 2, 3, 10_000)
    assert mine.dumps(value) == b'"01:02:03.010000"'
    assert real.dumps(value) in (b'"01:02:03.010000"', b'"01:02:03.10000"')

@settings(max_examples=300, deadline=None)
@given(values)
def test_loads_reads_what_orjson_writes(real, value):
    try:
        text = real.dumps(value)
    except TypeError:
        return
    same_outcome(real, lambda oj: oj.loads(text))

@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet='[]{}":,0123456789.eE+- \t\nnulltrfase\\u\x00é\ud800', max_size=20))
def test_loads_accepts_and_refuses_what_orjson_does(real, text):
    same_outcome(real, lambda oj: oj.loads(text))
    same_outcome(real, lambda oj: oj.loads(text.encode("utf-8", "surrogatepass")))


# --- the decisive check: gradio itself, installed with the stand-ins instead of the real packages ----

EXCLUDED = {"numpy", "pandas", "pillow", "orjson", "brotli"}
CHECKS = r"""
import importlib.metadata, json, pathlib, sys, tempfile, wave
import gradio as gr
from gradio.data_classes import FileData

out = {"versions": {d: importlib.metadata.version(d) for d in ("numpy", "pandas", "pillow", "orjson", "brotli")}}
import numpy, orjson
out["files"] = [numpy.__file__, orjson.__file__]
out["textbox"] = gr.Textbox().preprocess("x")
out["json"] = gr.JSON().postprocess({"a": [1, 2.5], "b": None}).model_dump()
out["array"] = gr.Dataframe(type="array").postprocess([[1, 2], [3, 4]]).model_dump()
folder = pathlib.Path(tempfile.mkdtemp())
with wave.open(str(folder / "a.wav"), "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000); w.writeframes(b"\0\0" * 80)
(folder / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
uses = {
    "image": lambda: gr.Image(type="numpy").preprocess(FileData(path=str(folder / "a.png"))),
    "audio": lambda: gr.Audio(type="numpy").preprocess(FileData(path=str(folder / "a.wav"))),
    "dataframe": lambda: gr.Dataframe().preprocess(gr.Dataframe().postprocess([[1, 2]])),
}
for name, use in uses.items():
    try:
        use()
        out[name] = None
    except ImportError as exc:
        out[name] = [exc.package, exc.needed_by, str(exc), getattr(exc, "docsgen_missing_package", False)]
print(json.dumps(out))
"""


def _pip(venv: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(venv / "bin" / "python"), "-m", "pip", *args], capture_output=True, text=True,
                          timeout=900)


def _index_reachable() -> bool:
    try:
        with urllib.request.urlopen("https://pypi.org/simple/gradio/", timeout=15):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def gradio_with_standins(tmp_path_factory) -> Path:
    """A fresh venv: gradio 6.31.0 and its dependencies, but the five replaced by docsgen's wheels."""
    folder = tmp_path_factory.mktemp("gradio-standins")
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    result = _pip(venv, "install", "--no-deps", GRADIO)
    if result.returncode != 0:
        if not _index_reachable():
            pytest.skip("PyPI is not reachable")
        pytest.fail(result.stderr[-3000:])
    code = "import importlib.metadata as m, json; print(json.dumps(m.requires('gradio')))"
    requires = json.loads(subprocess.run([str(venv / "bin" / "python"), "-c", code], capture_output=True, text=True,
                                         check=True).stdout)
    others = [r for r in map(Requirement, requires)
              if canonicalize_name(r.name) not in EXCLUDED and (r.marker is None or r.marker.evaluate({"extra": ""}))]
    wheels = [str(pack_standin(name, folder / "wheels").path) for name in sorted(EXCLUDED)]
    for args in (("install", *map(str, others)), ("install", "--no-deps", *wheels)):
        result = _pip(venv, *args)
        assert result.returncode == 0, result.stderr[-3000:]
    return venv


@pytest.mark.slow
def test_gradio_imports_and_runs_with_the_standins(gradio_with_standins):
    venv = gradio_with_standins
    installed = _pip(venv, "list", "--format=json")
    names = {canonicalize_name(p["name"]) for p in json.loads(installed.stdout)}
    assert names >= EXCLUDED
    check = _pip(venv, "check")
    assert check.returncode == 0, check.stdout  # the stand-ins' versions satisfy gradio's requirements
    result = subprocess.run([str(venv / "bin" / "python"), "-c", CHECKS], capture_output=True, text=True,
                            timeout=300, env=dict(os.environ, GRADIO_ANALYTICS_ENABLED="False"))
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["versions"] == {name: STANDINS[name].version for name in EXCLUDED}
    assert all("site-packages" in f for f in out["files"])
    assert out["textbox"] == "x"
    assert out["json"] == {"a": [1, 2.5], "b": None}
    assert out["array"]["data"] == [[1, 2], [3, 4]]
    expected = {
        "image": ("PIL", "gradio.image_utils.preprocess_image"),
        "audio": ("numpy", "gradio.processing_utils.audio_from_file"),
        "dataframe": ("pandas", "gradio.components.dataframe.Dataframe.preprocess"),
    }
    for name, (package, needed_by) in expected.items():
        assert out[name] == [package, needed_by, f"{package} is not included in this site: {needed_by} needs it", True]
