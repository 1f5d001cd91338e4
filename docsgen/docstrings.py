"""Parse docstrings written in gradio's convention.

A docstring is free text (Markdown), then optional single-line tags (``Demos: a, b``), and
optional sections introduced by a line of their own::

    Creates a textarea for user to enter string input or display string output.

    Demos: hello_world, diff_texts
    Parameters:
        value: text to show in textbox.
        lines: minimum number of line rows.
    Returns:
        Passes text value as a {str} into the function.

The parser never raises on text: whatever it cannot make sense of is kept where it is most
useful and reported in ``Docstring.problems`` so callers can warn about it.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field

# A parameter entry: ``name: description``, ``*args: ...``; the name is a Python identifier.
_PARAM_RE = re.compile(r"^(\*{0,2}[A-Za-z_][A-Za-z0-9_]*)\s*:(?:\s+(.*))?$")
# A tag: one capitalised word, a colon, a value on the same line (``Demos: a, b``).
_TAG_RE = re.compile(r"^([A-Z][A-Za-z_-]*):\s+(\S.*)$")
# Tags whose value is prose and may go on over the next lines, up to a blank line (custom components
# write ``Preprocessing: ... depending on\n the value of the type parameter.``). Other tags are one line.
_PROSE_TAGS = {"preprocessing", "postprocessing"}
_SECTIONS = {
    "parameters": "params",
    "args": "params",
    "arguments": "params",
    "returns": "returns",
    "return": "returns",
    "example": "example",
    "examples": "example",
}


@dataclass
class Docstring:
    description: str = ""
    tags: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)
    returns: str = ""
    examples: list[tuple[str, str]] = field(default_factory=list)  # (label, code)
    problems: list[str] = field(default_factory=list)

    def example_for(self, name: str) -> str:
        """The example labelled for ``name`` (``Example: (Blocks)``), else the first unlabelled one."""
        for label, code in self.examples:
            if label == name:
                return code
        return next((code for label, code in self.examples if not label), "")


def parse(text: str | None) -> Docstring:
    """Split a docstring into description, tags, parameters, returns and example."""
    if not text or not isinstance(text, str):
        return Docstring()
    lines = _clean(text)
    result = Docstring()
    description: list[str] = []
    section = "description"
    returns: list[str] = []
    examples: list[tuple[str, list[str]]] = []
    params_state = _ParamsState(result)
    prose_tag: str | None = None  # the prose tag that the next line may continue
    for line in lines:
        header = _section_header(line)
        if header:
            section, label = header
            params_state.reset()
            prose_tag = None
            if section == "example":
                examples.append((label, []))
            continue
        if section == "description":
            tag = _TAG_RE.match(line)
            if tag:
                name = tag.group(1).lower()
                result.tags[name] = tag.group(2).strip()
                prose_tag = name if name in _PROSE_TAGS else None
            elif prose_tag and line.strip():
                result.tags[prose_tag] += " " + line.strip()
            else:
                prose_tag = None
                description.append(line)
        elif section == "params":
            params_state.feed(line)
        elif section == "returns":
            returns.append(line)
        else:
            examples[-1][1].append(line)
    result.description = _join_paragraphs(description)
    result.returns = _join_paragraphs(_dedent(returns))
    result.examples = [(label, "\n".join(_dedent(code)).strip("\n")) for label, code in examples]
    return result


# A section header on a line of its own; examples may name the class they are for: ``Example: (Blocks)``.
_HEADER_RE = re.compile(r"^([A-Za-z]+):\s*(?:\((\w+)\))?\s*$")


def _clean(text: str) -> list[str]:
    """``inspect.cleandoc``, except that a section opened on the first line keeps its entries indented.

    In ``\"\"\"Parameters:\n        a: ...\"\"\"`` the entries are indented relative to the header, but
    cleandoc would strip them to the header's level.
    """
    lines = inspect.cleandoc(text).splitlines()
    opens_on_first_line = bool(text.split("\n", 1)[0].strip())
    if opens_on_first_line and lines and _section_header(lines[0]) and not any(map(_section_header, lines[1:])):
        lines = lines[:1] + [("    " + line) if line.strip() else line for line in lines[1:]]
    return lines


def _section_header(line: str) -> tuple[str, str] | None:
    match = _HEADER_RE.match(line)
    if not match:
        return None
    section = _SECTIONS.get(match.group(1).lower())
    if section is None or (match.group(2) and section != "example"):
        return None
    return section, match.group(2) or ""


class _ParamsState:
    """Collects ``name: description`` entries, with continuation lines, of a Parameters section."""

    def __init__(self, result: Docstring) -> None:
        self.result = result
        self.reset()

    def reset(self) -> None:
        self.current: str | None = None
        self.entry_indent: int | None = None
        self.duplicate = False

    def feed(self, line: str) -> None:
        if not line.strip():
            if self.current and not self.duplicate:
                self._append("")
            return
        indent = len(line) - len(line.lstrip())
        match = _PARAM_RE.match(line.strip())
        if indent == 0:
            # Not indented: an entry by its looks, but it must not set the level of the others.
            self.result.problems.append(f"line not indented under 'Parameters:': {line.strip()[:80]!r}")
            if match:
                self._start(match.group(1), match.group(2) or "")
                return
        elif match and (self.entry_indent is None or indent <= self.entry_indent):
            self.entry_indent = indent
            self._start(match.group(1), match.group(2) or "")
            return
        if self.current is None:
            self.result.problems.append(f"text before the first parameter: {line.strip()[:80]!r}")
            return
        if not self.duplicate:
            self._append(line.strip())

    def _start(self, name: str, text: str) -> None:
        name = name.lstrip("*")
        self.current = name
        self.duplicate = name in self.result.params
        if self.duplicate:
            # The same words twice lose nothing; different words are a real conflict.
            if self.result.params[name].strip() != text.strip():
                self.result.problems.append(f"parameter '{name}' is documented twice; the first is kept")
            return
        self.result.params[name] = text.strip()

    def _append(self, text: str) -> None:
        assert self.current is not None
        previous = self.result.params[self.current]
        if not text:
            if previous and not previous.endswith("\n\n"):
                self.result.params[self.current] = previous + "\n\n"
            return
        separator = "" if not previous or previous.endswith("\n") else "\n"
        self.result.params[self.current] = previous + separator + text


def _dedent(lines: list[str]) -> list[str]:
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return [line[cut:] for line in lines]


def _join_paragraphs(lines: list[str]) -> str:
    text = "\n".join(line.rstrip() for line in lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def first_paragraph(text: str) -> str:
    """The part of a docstring before its first section header or blank line."""
    return parse(text).description.split("\n\n", 1)[0]


TYPE_MARK_RE = re.compile(r"\{([A-Za-z_][\w\[\], .|]*)\}")


def type_marks(text: str) -> list[str]:
    """The ``{type}`` marks in gradio's prose, in order (``{str}`` -> ``str``)."""
    return TYPE_MARK_RE.findall(text or "")
