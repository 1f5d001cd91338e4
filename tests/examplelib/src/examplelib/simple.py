"""Components whose payload is a single scalar: text, numbers, booleans, colours, dates."""

from __future__ import annotations

import datetime
import re
from typing import Any

from .base import Component


class Text(Component):
    """
    A one-line or multi-line text box. Preprocess strips the text and upper-cases it; postprocess wraps
    the returned text in square brackets, so a demo shows that both ran.
    Demos: hello_world
    """

    EVENTS = ["change", "input", "submit", "blur"]

    def __init__(self, value: str | None = None, *, lines: int = 1, placeholder: str | None = None, **kwargs: Any):
        """
        Parameters:
            value: the initial text.
            lines: how many lines the box shows; more than 1 gives a text area.
            placeholder: hint shown while the box is empty.
        """
        super().__init__(value, **kwargs)
        self.lines = lines
        self.placeholder = placeholder

    def preprocess(self, payload: str | None) -> str | None:
        """
        Parameters:
            payload: the text typed in the browser.
        Returns:
            Passes the text, stripped and upper-cased, as a {str} into the function.
        """
        return None if payload is None else payload.strip().upper()

    def postprocess(self, value: str | None) -> str | None:
        """
        Parameters:
            value: Expects a {str} returned from the function; it is shown in square brackets.
        Returns:
            The bracketed text.
        """
        return None if value is None else f"[{value}]"

    def example_payload(self) -> str:
        return "  hello world "

    def example_value(self) -> str:
        return "hello world"

    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}


class TextArea(Text):
    """
    A Text with several lines.
    Sets: lines=5
    """

    is_template = True

    def __init__(self, value: str | None = None, *, lines: int = 5, **kwargs: Any):
        super().__init__(value, lines=lines, **kwargs)


class Number(Component):
    """
    A numeric field. Preprocess and postprocess round to `precision` decimals.
    """

    EVENTS = ["change", "submit"]

    def __init__(self, value: float | None = None, *, precision: int = 2, **kwargs: Any):
        """
        Parameters:
            value: the initial number.
            precision: decimals kept by preprocess and postprocess.
        """
        super().__init__(value, **kwargs)
        self.precision = precision

    def preprocess(self, payload: float | None) -> float | None:
        """
        Parameters:
            payload: the number from the browser.
        Returns:
            Passes the number rounded to `precision` as a {float} into the function.
        """
        return None if payload is None else round(float(payload), self.precision)

    def postprocess(self, value: float | None) -> float | None:
        """
        Parameters:
            value: Expects an {int} or {float}; it is doubled for display, to show postprocess ran.
        Returns:
            The doubled number, rounded to `precision`.
        """
        return None if value is None else round(float(value) * 2, self.precision)

    def example_payload(self) -> float:
        return 3.14159

    def example_value(self) -> float:
        return 2.5

    def api_info(self) -> dict[str, Any]:
        return {"type": "number"}


class Checkbox(Component):
    """
    A single checkbox. Preprocess hands the function a bool; postprocess also accepts "yes"/"no".
    """

    EVENTS = ["change", "select"]

    def preprocess(self, payload: bool | None) -> bool:
        """
        Parameters:
            payload: whether the box is ticked.
        Returns:
            Passes a {bool} into the function.
        """
        return bool(payload)

    def postprocess(self, value: bool | str | None) -> bool:
        """
        Parameters:
            value: Expects a {bool}, or the {str} "yes" or "no".
        Returns:
            The box's state.
        """
        if isinstance(value, str):
            return value.strip().lower() in ("yes", "true", "on")
        return bool(value)

    def example_payload(self) -> bool:
        return True

    def example_value(self) -> bool:
        return True

    def api_info(self) -> dict[str, Any]:
        return {"type": "boolean"}


class Slider(Component):
    """
    A slider between `minimum` and `maximum`. Preprocess snaps the value to a multiple of `step`.
    """

    EVENTS = ["change", "release"]

    def __init__(
        self, value: float | None = None, *, minimum: float = 0, maximum: float = 100, step: float = 5, **kwargs: Any
    ):
        """
        Parameters:
            value: the initial position.
            minimum: the smallest value.
            maximum: the largest value.
            step: the distance between positions.
        """
        super().__init__(value, **kwargs)
        self.minimum = minimum
        self.maximum = maximum
        self.step = step

    def preprocess(self, payload: float) -> float:
        """
        Parameters:
            payload: the position from the browser.
        Returns:
            Passes the position, clamped and snapped down to a multiple of `step`, as a {float}.
        """
        clamped = min(max(float(payload), self.minimum), self.maximum)
        return self.minimum + (clamped - self.minimum) // self.step * self.step

    def postprocess(self, value: float) -> float:
        """
        Parameters:
            value: Expects an {int} or {float}; it is clamped between `minimum` and `maximum`.
        Returns:
            The position.
        """
        return min(max(float(value), self.minimum), self.maximum)

    def example_payload(self) -> float:
        return 42

    def example_value(self) -> float:
        return 40

    def api_info(self) -> dict[str, Any]:
        return {"type": "number", "minimum": self.minimum, "maximum": self.maximum}


class Color(Component):
    """
    A colour picker. Preprocess lower-cases the hex code; postprocess also accepts an (r, g, b) tuple.
    """

    EVENTS = ["change", "input"]

    def preprocess(self, payload: str | None) -> str | None:
        """
        Parameters:
            payload: a hex colour such as "#FF8800".
        Returns:
            Passes the lower-case hex code as a {str}.
        """
        return None if payload is None else payload.lower()

    def postprocess(self, value: str | tuple[int, int, int] | None) -> str | None:
        """
        Parameters:
            value: Expects a hex {str} or a {tuple} of three ints 0-255.
        Returns:
            The colour as an upper-case hex code.
        """
        if value is None:
            return None
        if isinstance(value, (tuple, list)):
            return "#" + "".join(f"{int(c):02X}" for c in value)
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise ValueError(f"not a hex colour: {value!r}")
        return value.upper()

    def example_payload(self) -> str:
        return "#FF8800"

    def example_value(self) -> str:
        return "#ff8800"

    def api_info(self) -> dict[str, Any]:
        return {"type": "string", "format": "color"}


class Date(Component):
    """
    A date field. Preprocess parses ISO text into a date; postprocess writes it back as ISO text.
    """

    EVENTS = ["change"]

    def preprocess(self, payload: str | None) -> datetime.date | None:
        """
        Parameters:
            payload: an ISO date "YYYY-MM-DD".
        Returns:
            Passes a {datetime.date} into the function.
        """
        return None if not payload else datetime.date.fromisoformat(payload)

    def postprocess(self, value: datetime.date | str | None) -> str | None:
        """
        Parameters:
            value: Expects a {datetime.date} or an ISO {str}; one day is added, to show postprocess ran.
        Returns:
            The next day as ISO text.
        """
        if value is None:
            return None
        day = datetime.date.fromisoformat(value) if isinstance(value, str) else value
        return (day + datetime.timedelta(days=1)).isoformat()

    def example_payload(self) -> str:
        return "2024-02-28"

    def example_value(self) -> datetime.date:
        return datetime.date(2024, 2, 28)

    def api_info(self) -> dict[str, Any]:
        return {"type": "string", "format": "date"}
