"""Components whose payload is a file: {"name", "mime_type", "data" (base64)}."""

from __future__ import annotations

import base64
import struct
import zlib
from dataclasses import dataclass
from typing import Any

from .base import Component


@dataclass
class FileData:
    """
    A file handed to the function.
    """

    name: str
    mime_type: str
    content: bytes


def _payload(name: str, mime_type: str, content: bytes) -> dict[str, str]:
    return {"name": name, "mime_type": mime_type, "data": base64.b64encode(content).decode("ascii")}


class File(Component):
    """
    A file. Preprocess decodes it into a `FileData`; postprocess accepts FileData, bytes or text.
    """

    EVENTS = ["change", "upload", "clear"]

    def preprocess(self, payload: dict[str, str] | None) -> FileData | None:
        """
        Parameters:
            payload: {"name", "mime_type", "data"} with base64 data.
        Returns:
            Passes a {FileData} with the decoded bytes.
        """
        if payload is None:
            return None
        return FileData(payload["name"], payload["mime_type"], base64.b64decode(payload["data"]))

    def postprocess(self, value: FileData | bytes | str | None) -> dict[str, str] | None:
        """
        Parameters:
            value: Expects a {FileData}, {bytes} or a {str} of text.
        Returns:
            The file payload; its name gets the prefix "out-".
        """
        if value is None:
            return None
        if isinstance(value, FileData):
            return _payload("out-" + value.name, value.mime_type, value.content)
        content = value.encode() if isinstance(value, str) else value
        return _payload("out-result.txt", "text/plain", content)

    def example_payload(self) -> dict[str, str]:
        return _payload("notes.txt", "text/plain", b"first line\nsecond line\n")


@dataclass
class Picture:
    """
    A PNG image and its size.
    """

    width: int
    height: int
    png: bytes


def png_bytes(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A solid-colour PNG, written without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


class Image(Component):
    """
    A PNG image. Preprocess reads its size; postprocess accepts a Picture or PNG bytes.
    """

    EVENTS = ["change", "upload", "clear", "select"]

    def preprocess(self, payload: dict[str, str] | None) -> Picture | None:
        """
        Parameters:
            payload: {"name", "mime_type", "data"} of a PNG file.
        Returns:
            Passes a {Picture} with the width and height read from the PNG header.
        """
        if payload is None:
            return None
        data = base64.b64decode(payload["data"])
        if data[:8] != b"\x89PNG\r\n\x1a\n":
            raise ValueError("not a PNG file")
        width, height = struct.unpack(">II", data[16:24])
        return Picture(width, height, data)

    def postprocess(self, value: Picture | bytes | None) -> dict[str, str] | None:
        """
        Parameters:
            value: Expects a {Picture} or PNG {bytes}.
        Returns:
            The image payload, named after its size.
        """
        if value is None:
            return None
        if isinstance(value, Picture):
            return _payload(f"{value.width}x{value.height}.png", "image/png", value.png)
        return _payload("image.png", "image/png", value)

    def example_payload(self) -> dict[str, str]:
        return _payload("orange.png", "image/png", png_bytes(24, 16, (255, 136, 0)))

    def example_value(self) -> Any:
        return Picture(24, 16, png_bytes(24, 16, (255, 136, 0)))
