"""The bridge between the page and the library, run inside Pyodide (and testable on the host).

A *program* is Python source that defines ``inputs`` and ``outputs`` (a component or a list of them)
and a function ``fn``. ``Bridge.load`` executes it; ``Bridge.run`` takes one payload per input from the
browser and runs, recording every stage, the way gradio's server does:

    payload (JSON) -> input.data_model.model_validate -> input.preprocess -> fn -> output.postprocess
                   -> .model_dump() -> payload (JSON)

(the model steps only for components with a ``data_model``, and results that are models).

Everything crossing to JavaScript is a JSON string, so no Python object leaks into the page.
"""

from __future__ import annotations

import contextlib
import io
import json
import linecache
import traceback
from collections.abc import Callable
from typing import Any

from .describe import describe, dumped, finite, json_safe
from .files import materialize, output_files

REPR_LIMIT = 2000
OUT_OF_MEMORY = "the program ran out of memory (WebAssembly gives Python at most 4 GB); Python restarts"
Emit = Callable[[str, str], None]


class ProgramError(Exception):
    """A program that runs but does not define what the playground needs."""


class _Stream(io.TextIOBase):
    """stdout/stderr of user code, forwarded to the page as it is written."""

    def __init__(self, name: str, emit: Emit, sink: list[str]):
        self.name = name
        self.emit = emit
        self.sink = sink

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if text:
            self.sink.append(text)
            self.emit(self.name, text)
        return len(text)


class Program:
    def __init__(self, namespace: dict[str, Any]):
        self.inputs = _as_list(namespace, "inputs")
        self.outputs = _as_list(namespace, "outputs")
        fn = namespace.get("fn")
        if not callable(fn):
            raise ProgramError("the program must define a function `fn` (def fn(...): ...)")
        self.fn = fn


def _as_list(namespace: dict[str, Any], name: str) -> list[Any]:
    if name not in namespace:
        raise ProgramError(f"the program must define `{name}`: a component or a list of components")
    value = namespace[name]
    items = list(value) if isinstance(value, (list, tuple)) else [value]
    for item in items:
        if not hasattr(item, "preprocess") or not hasattr(item, "postprocess"):
            raise ProgramError(f"`{name}` holds {item!r}, which has no preprocess/postprocess: not a component")
    return items


def type_name(value: Any) -> str:
    """``str``, ``examplelib.data.Message``, ``list[examplelib.data.Message]``."""
    cls = type(value)
    name = cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"
    if isinstance(value, (list, tuple, set, frozenset)) and value:
        items = sorted({type_name(v) for v in value})
        return f"{name}[{' | '.join(items[:3])}{' | ...' if len(items) > 3 else ''}]"
    return name


def describe_value(value: Any) -> dict[str, str]:
    text = repr(value)
    if len(text) > REPR_LIMIT:
        text = text[:REPR_LIMIT] + f"... ({len(text) - REPR_LIMIT} more characters)"
    return {"repr": text, "type": type_name(value)}


class Bridge:
    """Programs by key (one per demo, one for the playground), run on request from the worker."""

    def __init__(self, emit: Emit | None = None):
        self.emit: Emit = emit or (lambda stream, text: None)
        self.programs: dict[str, Program] = {}

    # JSON in, JSON out: the worker calls these.
    def load_json(self, key: str, source: str, setup: str = "", filename: str = "<playground>") -> str:
        return json.dumps(self.load(key, source, setup, filename))

    def run_json(self, key: str, payloads: str) -> str:
        return json.dumps(self.run(key, json.loads(payloads)), default=repr)

    def load(self, key: str, source: str, setup: str = "", filename: str = "<playground>") -> dict[str, Any]:
        """Execute a program; describe its inputs and outputs, or say why it cannot run."""
        self.programs.pop(key, None)
        namespace: dict[str, Any] = {"__name__": "__main__"}
        result, out = self._capture(lambda: self._exec(namespace, setup, source, filename))
        if result is not None:
            return {"ok": False, "error": result, **out}
        try:
            program = Program(namespace)
        except ProgramError as exc:
            return {"ok": False, "error": {"stage": "program", "type": "ProgramError", "message": str(exc)}, **out}
        self.programs[key] = program
        warnings: list[str] = []

        def note(what: str, exc: BaseException) -> None:
            warnings.append(f"{what}: {type(exc).__name__}: {exc}")

        inputs = [describe(c, note) for c in program.inputs]
        return {
            "ok": True,
            "inputs": inputs,
            "outputs": [describe(c, note) for c in program.outputs],
            "warnings": warnings,
            # Sample files the inputs start with live in the worker: the page gets their bytes.
            "files": output_files([[i["initial"], i["example_payload"]] for i in inputs]),
            **out,
        }

    def _exec(self, namespace: dict[str, Any], setup: str, source: str, filename: str) -> dict[str, Any] | None:
        for code, name in ((setup, "<setup>"), (source, filename)):
            if not code:
                continue
            # linecache lets tracebacks quote the reader's own lines.
            linecache.cache[name] = (len(code), None, code.splitlines(True), name)
            try:
                compiled = compile(code, name, "exec")
            except SyntaxError as exc:
                return syntax_error(exc)
            try:
                exec(compiled, namespace)
            except BaseException as exc:  # SystemExit too: a program must not end the worker
                return error_info("program", None, exc)
        return None

    def run(self, key: str, payloads: list[Any]) -> dict[str, Any]:
        """payloads -> preprocess -> fn -> postprocess -> payloads, with every stage recorded."""
        program = self.programs.get(key)
        if program is None:
            return {"ok": False, "error": {"stage": "program", "type": "ProgramError", "message": "press Run first"}}
        stages: dict[str, Any] = {"inputs": [], "returned": [], "outputs": []}
        error, out = self._capture(lambda: self._stages(program, payloads, stages))
        files = output_files([s["payload"] for s in stages["outputs"]])
        return {"ok": error is None, "stages": stages, "error": error, "files": files, **out}

    def _stages(self, program: Program, payloads: list[Any], stages: dict[str, Any]) -> dict[str, Any] | None:
        values = []
        for component, payload in zip(program.inputs, payloads, strict=False):
            try:
                value = component.preprocess(validated(component, materialize(payload)))
            except BaseException as exc:
                return error_info("preprocess", component, exc)
            values.append(value)
            stages["inputs"].append({"payload": json_safe(payload), **describe_value(value)})
        try:
            returned = program.fn(*values)
        except BaseException as exc:
            return error_info("fn", None, exc)
        results = self._split(program, returned)
        if isinstance(results, dict):
            return results
        for component, value in zip(program.outputs, results, strict=True):
            stages["returned"].append(describe_value(value))
            try:
                payload = finite(json.loads(json.dumps(dumped(component.postprocess(value)))))
            except BaseException as exc:
                return error_info("postprocess", component, exc)
            stages["outputs"].append({"payload": payload})
        return None

    @staticmethod
    def _split(program: Program, returned: Any) -> list[Any] | dict[str, Any]:
        if len(program.outputs) == 1:
            return [returned]
        if isinstance(returned, (list, tuple)) and len(returned) == len(program.outputs):
            return list(returned)
        got = describe_value(returned)["repr"]
        message = f"fn must return {len(program.outputs)} values (one per output), got {got}"
        return {"stage": "fn", "type": "ValueError", "message": message, "traceback": ""}

    def _capture(self, fn: Callable[[], Any]) -> tuple[Any, dict[str, str]]:
        stdout: list[str] = []
        stderr: list[str] = []
        with (
            contextlib.redirect_stdout(_Stream("stdout", self.emit, stdout)),
            contextlib.redirect_stderr(_Stream("stderr", self.emit, stderr)),
        ):
            result = fn()
        return result, {"stdout": "".join(stdout), "stderr": "".join(stderr)}


def validated(component: Any, payload: Any) -> Any:
    """The payload as the component's data model, as gradio's server passes it to ``preprocess``."""
    model = getattr(component, "data_model", None)
    if model is None or payload is None or not hasattr(model, "model_validate"):
        return payload
    # gradio's server validates with this context (its FileData then checks the payload's meta type).
    return model.model_validate(payload, context={"validate_meta": True})


def missing_package(exc: BaseException) -> str | None:
    """The distribution a stand-in said is not in the site (docsgen/standins), anywhere in the exception chain:
    what a reader would install ("pillow", not the import name "PIL")."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if getattr(current, "docsgen_missing_package", False):
            name = getattr(current, "distribution", "") or getattr(current, "package", "")
            return str(name or "") or None
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def syntax_error(exc: SyntaxError) -> dict[str, Any]:
    where = f"line {exc.lineno}" + (f", column {exc.offset}" if exc.offset else "")
    text = "".join(traceback.format_exception_only(type(exc), exc))
    return {
        "stage": "syntax",
        "type": type(exc).__name__,
        "message": f"{exc.msg} ({where})",
        "line": exc.lineno,
        "traceback": text,
    }


def error_info(stage: str, component: Any, exc: BaseException) -> dict[str, Any]:
    """The exception's own message plus a traceback without the bridge's frames."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    lines = traceback.format_exception(type(exc), exc, tb)
    line = None
    for frame in traceback.extract_tb(tb):
        if frame.filename.startswith("<") and frame.filename != "<setup>":
            line = frame.lineno
    out_of_memory = isinstance(exc, MemoryError)
    message = str(exc) or (OUT_OF_MEMORY if out_of_memory else "")
    return {
        "stage": stage,
        "component": type(component).__name__ if component is not None else None,
        "type": type(exc).__name__,
        "message": message,
        "line": line,
        "traceback": "".join(lines),
        # The page restarts Python after this: the worker may now hold gigabytes it cannot give back.
        "out_of_memory": out_of_memory,
        # A package this site carries only a stand-in of: the page says so in one sentence.
        "missing_package": missing_package(exc),
    }
