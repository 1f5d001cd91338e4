"""Files in payloads, inside the worker: uploads written to its file system, outputs read back for the page.

A file-like payload is a dict with a ``path`` (gradio's FileData, and libraries that follow it). The page
cannot hand Python a file, only bytes: an upload arrives as a ``data:`` URL in ``url`` and is written
under UPLOADS, and ``path`` then names that file. Files that outputs name are listed so the worker can
send their bytes to the page, which shows them through object URLs.
"""

from __future__ import annotations

import base64
import binascii
import mimetypes
import os
import re
import urllib.parse
from typing import Any

UPLOADS = "/tmp/docsgen/uploads"
DATA_URL = re.compile(r"^data:([^;,]*)((?:;[^;,]*)*),(.*)$", re.DOTALL)
MAX_FILES = 50  # per run: an output listing thousands of files must not flood the page


def is_file_payload(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("path"), str)


def materialize(payload: Any, directory: str = UPLOADS) -> Any:
    """A copy of ``payload`` in which every file given as a ``data:`` URL is a file in ``directory``."""
    if is_file_payload(payload) and isinstance(payload.get("url"), str) and payload["url"].startswith("data:"):
        return _write_upload(payload, directory)
    if isinstance(payload, dict):
        return {key: materialize(value, directory) for key, value in payload.items()}
    if isinstance(payload, list):
        return [materialize(item, directory) for item in payload]
    return payload


def _write_upload(payload: dict[str, Any], directory: str) -> dict[str, Any]:
    data = decode_data_url(payload["url"])
    name = os.path.basename(str(payload.get("orig_name") or payload["path"])) or "upload"
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, name)
    with open(path, "wb") as handle:
        handle.write(data)
    return {**payload, "path": path, "url": None, "size": len(data)}


def decode_data_url(url: str) -> bytes:
    match = DATA_URL.match(url)
    if match is None:
        raise ValueError("the uploaded file is not a data: URL")
    _mime, params, body = match.groups()
    if ";base64" in params:
        try:
            return base64.b64decode(body, validate=False)
        except binascii.Error as exc:
            raise ValueError(f"the uploaded file's data: URL is not base64: {exc}") from exc
    return urllib.parse.unquote_to_bytes(body)


def output_files(payload: Any) -> list[dict[str, Any]]:
    """``[{"path", "mime_type", "size"}]`` for the existing local files an output payload names."""
    found: dict[str, dict[str, Any]] = {}
    _collect(payload, found)
    return list(found.values())[:MAX_FILES]


def _collect(value: Any, found: dict[str, dict[str, Any]]) -> None:
    if is_file_payload(value) and os.path.isfile(value["path"]):
        path = value["path"]
        mime = value.get("mime_type") or mimetypes.guess_type(path)[0] or "application/octet-stream"
        found.setdefault(path, {"path": path, "mime_type": mime, "size": os.path.getsize(path)})
    if isinstance(value, dict):
        for item in value.values():
            _collect(item, found)
    elif isinstance(value, list):
        for item in value:
            _collect(item, found)
