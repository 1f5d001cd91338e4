"""Components with structured payloads: JSON, labels, highlighted text, tables, chat, rich text."""

from __future__ import annotations

import inspect
import json
from dataclasses import dataclass
from typing import Any

from .base import Component


class JSON(Component):
    """
    Any JSON value. Preprocess sorts object keys; postprocess turns tuples and sets into lists.
    """

    def preprocess(self, payload: Any) -> Any:
        """
        Parameters:
            payload: a JSON value.
        Returns:
            Passes the value, with the keys of every object sorted, as a {dict} or {list}.
        """
        return json.loads(json.dumps(payload, sort_keys=True))

    def postprocess(self, value: Any) -> Any:
        """
        Parameters:
            value: Expects a {dict}, {list} or scalar; tuples and sets become lists.
        Returns:
            The JSON value, with a "_count" key added to objects to show postprocess ran.
        """
        plain = json.loads(json.dumps(value, default=lambda v: sorted(v) if isinstance(v, set) else list(v)))
        if isinstance(plain, dict):
            plain["_count"] = len(plain)
        return plain

    def example_payload(self) -> Any:
        return {"zeta": 1, "alpha": [1, 2, {"b": True, "a": None}]}

    def api_info(self) -> dict[str, Any]:
        return {}


class Label(Component):
    """
    A classification result: the top label and the confidence of each class.
    """

    def __init__(self, value: Any = None, *, num_top_classes: int = 3, **kwargs: Any):
        """
        Parameters:
            value: the initial result.
            num_top_classes: how many classes postprocess keeps.
        """
        super().__init__(value, **kwargs)
        self.num_top_classes = num_top_classes

    def preprocess(self, payload: dict[str, Any] | None) -> dict[str, float] | None:
        """
        Parameters:
            payload: {"label": ..., "confidences": [{"label": ..., "confidence": ...}]}.
        Returns:
            Passes a {dict} of class name to confidence.
        """
        if payload is None:
            return None
        return {c["label"]: float(c["confidence"]) for c in payload.get("confidences", [])}

    def postprocess(self, value: dict[str, float] | str | None) -> dict[str, Any] | None:
        """
        Parameters:
            value: Expects a {dict} of class name to confidence, or a {str} label.
        Returns:
            The top label and the `num_top_classes` best confidences, best first.
        """
        if value is None:
            return None
        if isinstance(value, str):
            return {"label": value, "confidences": []}
        ranked = sorted(value.items(), key=lambda kv: -kv[1])[: self.num_top_classes]
        return {"label": ranked[0][0], "confidences": [{"label": k, "confidence": v} for k, v in ranked]}

    def example_payload(self) -> dict[str, Any]:
        return {
            "label": "cat",
            "confidences": [
                {"label": "dog", "confidence": 0.2},
                {"label": "cat", "confidence": 0.7},
                {"label": "fish", "confidence": 0.06},
                {"label": "bird", "confidence": 0.04},
            ],
        }


class HighlightedText(Component):
    """
    Text with labelled spans. Postprocess merges neighbouring spans that have the same label.
    """

    def preprocess(self, payload: list[list[Any]] | None) -> list[tuple[str, str | None]] | None:
        """
        Parameters:
            payload: a list of [text, label or null] pairs.
        Returns:
            Passes a {list} of (text, label) {tuple}s.
        """
        return None if payload is None else [(str(t), lab) for t, lab in payload]

    def postprocess(self, value: list[tuple[str, str | None]] | None) -> list[list[Any]] | None:
        """
        Parameters:
            value: Expects a {list} of (text, label) pairs.
        Returns:
            [text, label] pairs, neighbours with the same label merged.
        """
        if value is None:
            return None
        merged: list[list[Any]] = []
        for text, label in value:
            if merged and merged[-1][1] == label:
                merged[-1][0] += text
            else:
                merged.append([text, label])
        return merged

    def example_payload(self) -> list[list[Any]]:
        return [["The ", None], ["quick ", "adj"], ["brown ", "adj"], ["fox", "noun"], [" jumps", None]]


class Markdown(Component):
    """
    Markdown text. Postprocess removes the common indentation of the returned text.
    """

    def preprocess(self, payload: str | None) -> str | None:
        """
        Parameters:
            payload: Markdown source.
        Returns:
            Passes the source as a {str}.
        """
        return payload

    def postprocess(self, value: str | None) -> str | None:
        """
        Parameters:
            value: Expects Markdown as a {str}.
        Returns:
            The source without common indentation, with a closing line added.
        """
        return None if value is None else inspect.cleandoc(value) + "\n\n*rendered by examplelib*"

    def example_payload(self) -> str:
        return "    # Title\n\n    Some **bold** text and a [link](https://example.org)."


class HTML(Component):
    """
    A fragment of HTML. Postprocess wraps it in an <article>.
    """

    def postprocess(self, value: str | None) -> str | None:
        """
        Parameters:
            value: Expects HTML as a {str}.
        Returns:
            The fragment inside an <article> element.
        """
        return None if value is None else f"<article>{value}</article>"

    def example_payload(self) -> str:
        return "<p>Hello <b>HTML</b></p>"


class Code(Component):
    """
    Source code. Preprocess expands tabs to four spaces.
    """

    def __init__(self, value: str | None = None, *, language: str = "python", **kwargs: Any):
        """
        Parameters:
            value: the initial code.
            language: the language used for highlighting.
        """
        super().__init__(value, **kwargs)
        self.language = language

    def preprocess(self, payload: str | None) -> str | None:
        """
        Parameters:
            payload: the code.
        Returns:
            Passes the code with tabs expanded as a {str}.
        """
        return None if payload is None else payload.expandtabs(4)

    def example_payload(self) -> str:
        return "def f(x):\n\treturn x * 2\n"


class Table(Component):
    """
    A table of rows. Preprocess gives the function a list of records (one dict per row).
    """

    def preprocess(self, payload: dict[str, Any] | None) -> list[dict[str, Any]] | None:
        """
        Parameters:
            payload: {"headers": [...], "data": [[...], ...]}.
        Returns:
            Passes a {list} of {dict}s, one per row, keyed by header.
        """
        if payload is None:
            return None
        return [dict(zip(payload["headers"], row, strict=False)) for row in payload["data"]]

    def postprocess(self, value: list[dict[str, Any]] | None) -> dict[str, Any] | None:
        """
        Parameters:
            value: Expects a {list} of {dict}s (records).
        Returns:
            Headers (sorted) and rows.
        """
        if value is None:
            return None
        headers = sorted({k for row in value for k in row})
        return {"headers": headers, "data": [[row.get(h) for h in headers] for row in value]}

    def example_payload(self) -> dict[str, Any]:
        return {"headers": ["name", "age"], "data": [["Ada", 36], ["Alan", 41]]}


@dataclass
class Message:
    """
    One chat message.
    """

    role: str
    content: str


class Chat(Component):
    """
    A conversation. Preprocess gives the function `Message` objects; postprocess accepts messages,
    dicts or (user, assistant) pairs.
    """

    def preprocess(self, payload: list[dict[str, str]] | None) -> list[Message]:
        """
        Parameters:
            payload: a list of {"role", "content"} objects.
        Returns:
            Passes a {list} of {Message}.
        """
        return [Message(m["role"], m["content"]) for m in payload or []]

    def postprocess(self, value: list[Any] | None) -> list[dict[str, str]]:
        """
        Parameters:
            value: Expects a {list} of {Message}, {dict} or (user, assistant) {tuple}.
        Returns:
            {"role", "content"} objects with trimmed content.
        """
        out: list[dict[str, str]] = []
        for item in value or []:
            if isinstance(item, Message):
                out.append({"role": item.role, "content": item.content.strip()})
            elif isinstance(item, dict):
                out.append({"role": item["role"], "content": str(item["content"]).strip()})
            else:
                user, bot = item
                out += [{"role": "user", "content": str(user).strip()}, {"role": "assistant", "content": str(bot)}]
        return out

    def example_payload(self) -> list[dict[str, str]]:
        return [{"role": "user", "content": "  Hi there  "}, {"role": "assistant", "content": "Hello! "}]
