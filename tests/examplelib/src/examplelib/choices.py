"""Components that pick from a list of choices, each choice a (display name, value) pair."""

from __future__ import annotations

from typing import Any

from .base import Component

Choices = list[tuple[str, str]]

DEFAULT_CHOICES: Choices = [("Red", "r"), ("Green", "g"), ("Blue", "b")]


class _ChoiceComponent(Component):
    def __init__(self, value: Any = None, *, choices: Choices | None = None, **kwargs: Any):
        super().__init__(value, **kwargs)
        self.choices = [list(c) for c in (choices or DEFAULT_CHOICES)]

    def _value_of(self, name: str) -> str:
        for display, value in self.choices:
            if display == name:
                return value
        raise ValueError(f"{name!r} is not one of {[c[0] for c in self.choices]}")

    def _name_of(self, value: str) -> str:
        for display, v in self.choices:
            if v == value or display == value:
                return display
        raise ValueError(f"{value!r} is not one of the values {[c[1] for c in self.choices]}")


class Radio(_ChoiceComponent):
    """
    One choice out of several. The browser sends the display name; the function gets the value.
    """

    EVENTS = ["change", "select", "input"]

    def __init__(self, value: str | None = None, *, choices: Choices | None = None, **kwargs: Any):
        """
        Parameters:
            value: the initially selected value.
            choices: (display name, value) pairs.
        """
        super().__init__(value, choices=choices, **kwargs)

    def preprocess(self, payload: str | None) -> str | None:
        """
        Parameters:
            payload: the display name of the selected choice.
        Returns:
            Passes the choice's value as a {str}.
        """
        return None if payload is None else self._value_of(payload)

    def postprocess(self, value: str | None) -> str | None:
        """
        Parameters:
            value: Expects a choice's value (or display name) as a {str}.
        Returns:
            The display name to select.
        """
        return None if value is None else self._name_of(value)

    def example_payload(self) -> str:
        return self.choices[1][0]

    def example_value(self) -> str:
        return self.choices[1][1]

    def api_info(self) -> dict[str, Any]:
        return {"type": "string", "enum": [c[0] for c in self.choices]}


class CheckboxGroup(_ChoiceComponent):
    """
    Any number of choices. Preprocess gives the function a sorted list of values.
    """

    EVENTS = ["change", "select"]

    def __init__(self, value: list[str] | None = None, *, choices: Choices | None = None, **kwargs: Any):
        """
        Parameters:
            value: the initially selected values.
            choices: (display name, value) pairs.
        """
        super().__init__(value, choices=choices, **kwargs)

    def preprocess(self, payload: list[str]) -> list[str]:
        """
        Parameters:
            payload: the display names of the ticked choices.
        Returns:
            Passes the sorted values of the ticked choices as a {list[str]}.
        """
        return sorted(self._value_of(name) for name in payload)

    def postprocess(self, value: list[str] | None) -> list[str]:
        """
        Parameters:
            value: Expects a {list} of choice values.
        Returns:
            The display names to tick.
        """
        return [self._name_of(v) for v in value or []]

    def example_payload(self) -> list[str]:
        return [self.choices[2][0], self.choices[0][0]]

    def example_value(self) -> list[str]:
        return [self.choices[0][1]]

    def api_info(self) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "string", "enum": [c[0] for c in self.choices]}}


class Dropdown(Radio):
    """
    One choice from a drop-down list; behaves like Radio.
    """

    EVENTS = ["change", "select", "focus", "blur"]
