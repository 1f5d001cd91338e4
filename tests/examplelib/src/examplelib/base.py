"""The base class every examplelib component derives from."""

from __future__ import annotations

from typing import Any


class Component:
    """
    The base of every examplelib component: a value shown in the browser and handed to a Python function.
    """

    EVENTS: list[str] = ["change"]

    def __init__(self, value: Any = None, *, label: str | None = None, info: str | None = None):
        """
        Parameters:
            value: the initial value, in the form the function returns (postprocess converts it).
            label: the name shown next to the component; also its accessible name.
            info: a short help text shown under the label.
        """
        self.value = value
        self.label = label
        self.info = info

    def preprocess(self, payload: Any) -> Any:
        """
        Parameters:
            payload: the value sent by the browser.
        Returns:
            Passes the payload unchanged as {Any}.
        """
        return payload

    def postprocess(self, value: Any) -> Any:
        """
        Parameters:
            value: Expects any JSON value from the function.
        Returns:
            The payload sent to the browser.
        """
        return value

    def example_payload(self) -> Any:
        return None

    def example_value(self) -> Any:
        return None

    def api_info(self) -> dict[str, Any]:
        return {}

    def get_config(self) -> dict[str, Any]:
        """Props for the front end: every public attribute, plus the component's name."""
        config = {k: v for k, v in vars(self).items() if not k.startswith("_")}
        config["name"] = type(self).__name__.lower()
        return config

    def __repr__(self) -> str:
        return f"{type(self).__name__}(label={self.label!r})"
