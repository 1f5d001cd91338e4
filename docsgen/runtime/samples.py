"""Small local sample files, for example payloads that point at remote files.

gradio's ``example_payload()``s name files on GitHub (``bus.png``, ``audio_sample.wav``, ...), and a docs
site may not fetch from another host. ``localize`` swaps each remote file in a payload for a sample of the
same kind that ``sample_file`` writes into a local directory.

The samples are made here at run time (PNG, WAV, PDF, glTF/GLB/OBJ), except the MP4: H.264 cannot
reasonably be encoded by hand, so ``sample_media/sample.mp4`` (3.3 kB) ships with this package. It was
made from ffmpeg's synthetic test source with ffmpeg 5.1.9 (Debian 12), and the command gives the same
bytes again::

    ffmpeg -f lavfi -i testsrc=size=96x64:rate=10 -t 1 -pix_fmt yuv420p -c:v libx264 -profile:v baseline \
        -movflags +faststart -map_metadata -1 -fflags +bitexact -flags:v +bitexact sample.mp4

Runs inside Pyodide: standard library only, no imports from docsgen.
"""

from __future__ import annotations

import base64
import io
import json
import math
import os
import posixpath
import struct
import urllib.parse
import wave
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

SHIPPED = Path(__file__).resolve().parent / "sample_media"

# One sample per kind, named for what it really is: a remote .jpg becomes sample.png, not a PNG that
# pretends to be a JPEG. gradio's components and the browser read images, audio and video by their
# content (PIL, pydub's WAV reader, <img>/<audio>/<video>), so a sample of the same kind serves the demo.
SAMPLE_SUFFIX = {
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".tif", ".tiff"), ".png"),
    **dict.fromkeys((".wav", ".mp3", ".ogg", ".oga", ".flac", ".m4a", ".aac", ".opus"), ".wav"),
    **dict.fromkeys((".mp4", ".m4v", ".mov", ".webm", ".ogv", ".avi", ".mkv"), ".mp4"),
    ".pdf": ".pdf",
    # 3D viewers pick their loader by the file's suffix, so each format has a sample of its own.
    ".gltf": ".gltf",
    ".glb": ".glb",
    ".obj": ".obj",
}
MIME_TYPES = {
    ".png": "image/png",
    ".wav": "audio/wav",
    ".mp4": "video/mp4",
    ".pdf": "application/pdf",
    ".gltf": "model/gltf+json",
    ".glb": "model/gltf-binary",
    ".obj": "model/obj",
}
REMOTE_SCHEMES = ("http://", "https://")

_written: set[str] = set()  # paths this process wrote: each sample is written once per directory


def sample_file(suffix: str, directory: str) -> str | None:
    """The path of a sample file of type ``suffix`` (".png", "wav", ...) in ``directory``, written on first use.

    None for a type there is no sample for. Image, audio and video types share one sample per kind (see
    SAMPLE_SUFFIX), so the returned name may have another suffix than the one asked for.
    """
    suffix = "." + suffix.lower().lstrip(".")
    sample = SAMPLE_SUFFIX.get(suffix)
    if sample is None:
        return None
    path = os.path.join(directory, "sample" + sample)
    if path in _written and os.path.isfile(path):
        return path
    data = MAKERS[sample]()
    if data is None:
        return None
    os.makedirs(directory, exist_ok=True)
    # Written under another name first: a reader never sees half a file.
    partial = f"{path}.{os.getpid()}.part"
    with open(partial, "wb") as handle:
        handle.write(data)
    os.replace(partial, path)
    _written.add(path)
    return path


def localize(payload: Any, directory: str) -> Any:
    """A copy of ``payload`` in which each remote file (http/https) that has a sample is that local sample.

    A file is a dict with a str ``path`` or ``url`` (gradio's FileData and the like). Remote files with no
    sample, and all other values, are left as they are. Dicts, lists and tuples are rebuilt, never changed in
    place; anything else (str, numbers, None: immutable in JSON) is shared with ``payload``.
    """
    if isinstance(payload, dict):
        suffix = _remote_suffix(payload)
        sample = sample_file(suffix, directory) if suffix is not None else None
        if sample is not None:
            return _localized(payload, sample)
        return {key: localize(value, directory) for key, value in payload.items()}
    if isinstance(payload, (list, tuple)):
        return type(payload)(localize(item, directory) for item in payload)
    return payload


def _is_remote(value: Any) -> bool:
    return isinstance(value, str) and value.lower().startswith(REMOTE_SCHEMES)


def _remote_suffix(file: dict[str, Any]) -> str | None:
    """The suffix of a remote file's name ("" if it has none), or None when ``file`` is no remote file.

    A file is a dict whose ``path`` or ``url`` is a str; it is remote when either is an http(s) URL.
    """
    path, url = file.get("path"), file.get("url")
    if not (_is_remote(path) or _is_remote(url)):
        return None
    # A URL's name may hide behind a query (?file=...): orig_name then still says what it is.
    names = [_name(value) for value in (path, url, file.get("orig_name")) if isinstance(value, str)]
    suffixes = [posixpath.splitext(name)[1].lower() for name in names]
    return next((s for s in suffixes if s in SAMPLE_SUFFIX), suffixes[0])


def _name(value: str) -> str:
    return urllib.parse.unquote(urllib.parse.urlsplit(value).path) if _is_remote(value) else value


def _localized(file: dict[str, Any], path: str) -> dict[str, Any]:
    """``file`` (a FileData-like dict) made to name the local sample at ``path``; its other keys kept."""
    local = {**file, "path": path, "url": None, "orig_name": os.path.basename(path)}
    if "size" in file:
        local["size"] = os.path.getsize(path)
    if "mime_type" in file:
        local["mime_type"] = MIME_TYPES[os.path.splitext(path)[1]]
    if "is_stream" in file:
        local["is_stream"] = False  # a whole file now, not a stream to follow
    return local


# PNG: a 96x64 landscape (sky, sun, hills, a house, a tree), drawn per pixel and encoded by hand.

PNG_SIZE = (96, 64)


def make_png() -> bytes:
    width, height = PNG_SIZE
    rows = b"".join(b"\x00" + bytes(c for x in range(width) for c in _scene(x, y)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    chunks = _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", zlib.compress(rows, 9)) + _png_chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _scene(x: int, y: int) -> tuple[int, int, int]:
    """The colour of one pixel: the house and the tree in front of the hill, the sun and the sky."""
    if 18 <= y < 30 and abs(x - 32) <= (y - 18) * 15 / 11:
        return (150, 60, 40)  # roof
    if 20 <= x <= 44 and 30 <= y <= 50:
        if 28 <= x <= 34 and y >= 40:
            return (90, 55, 30)  # door
        if 37 <= x <= 41 and 34 <= y <= 38:
            return (200, 230, 250)  # window
        return (205, 70, 55)  # walls
    if (x - 66) ** 2 + (y - 31) ** 2 <= 49:
        return (40, 120, 50)  # the tree's crown
    if 65 <= x <= 67 and 36 <= y <= 48:
        return (100, 65, 35)  # its trunk
    if y >= 46 + 3 * math.sin(x / 9):
        shade = min(y - 44, 20)
        return (70 - shade, 160 - shade * 2, 60 - shade)  # grass, darker towards the front
    if (x - 76) ** 2 + (y - 14) ** 2 <= 64:
        return (250, 205, 60)  # sun
    return (90 + y, 150 + y, 230)  # sky, lighter towards the horizon


# WAV: one second of a 440 Hz tone (16-bit mono, 8 kHz), faded in and out so it does not click.

WAV_RATE, WAV_SECONDS, WAV_TONE = 8000, 1.0, 440.0


def make_wav() -> bytes:
    count = int(WAV_RATE * WAV_SECONDS)
    fade = WAV_RATE // 50  # 20 ms
    samples = [
        int(12000 * min(1.0, i / fade, (count - 1 - i) / fade) * math.sin(2 * math.pi * WAV_TONE * i / WAV_RATE))
        for i in range(count)
    ]
    return _wav_bytes(struct.pack(f"<{count}h", *samples))


def _wav_bytes(frames: bytes) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(WAV_RATE)
        out.writeframes(frames)
    return buffer.getvalue()


# PDF: one A6 page with a line of text, objects and cross-reference table written by hand.

PDF_TEXT = "docsgen sample file"


def make_pdf() -> bytes:
    content = (
        "0.2 0.4 0.8 RG 4 w 20 20 380 258 re S\n"  # a blue frame, so the page shows even at a glance
        f"BT /F1 28 Tf 0 0 0 rg 86 139 Td ({PDF_TEXT}) Tj ET\n"
    ).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 298] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",  # one of the 14 fonts every reader has
        b"<< /Length %d >>\nstream\n%sendstream" % (len(content), content),
    ]
    return _pdf_file(objects)


def _pdf_file(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")  # the binary comment tells tools the file is binary
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)  # each entry exactly 20 bytes
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# 3D: a unit cube with one colour per face (glTF 2.0 JSON with its buffer inline, GLB, and OBJ).

FACE_COLOURS = {  # (axis, sign) -> RGB
    (0, 1): (0.9, 0.2, 0.2), (0, -1): (0.2, 0.8, 0.9),
    (1, 1): (0.3, 0.8, 0.3), (1, -1): (0.8, 0.3, 0.8),
    (2, 1): (0.2, 0.4, 0.9), (2, -1): (0.95, 0.85, 0.2),
}


def cube_faces() -> list[tuple[tuple[float, ...], list[tuple[float, ...]], tuple[float, ...]]]:
    """(normal, four corners counter-clockwise seen from outside, colour) for each face of the cube."""
    faces = []
    for (axis, sign), colour in FACE_COLOURS.items():
        u, v = _unit((axis + 1) % 3), _unit((axis + 2) % 3)
        if sign < 0:
            u, v = v, u  # keeps u x v pointing outwards, so the winding stays counter-clockwise
        normal = tuple(float(sign) * c for c in _unit(axis))
        corners = [
            tuple(0.5 * (n + a * uu + b * vv) for n, uu, vv in zip(normal, u, v, strict=True))
            for a, b in ((-1, -1), (1, -1), (1, 1), (-1, 1))
        ]
        faces.append((normal, corners, colour))
    return faces


def _unit(axis: int) -> tuple[float, float, float]:
    return (float(axis == 0), float(axis == 1), float(axis == 2))


def _cube_buffer() -> tuple[bytes, list[dict[str, Any]], list[dict[str, Any]]]:
    """The cube's binary buffer, with its buffer views and accessors (glTF's terms)."""
    faces = cube_faces()
    positions = [c for _, corners, _ in faces for corner in corners for c in corner]
    normals = [c for normal, _, _ in faces for _ in range(4) for c in normal]
    colours = [c for _, _, colour in faces for _ in range(4) for c in colour]
    indices = [4 * f + i for f in range(len(faces)) for i in (0, 1, 2, 0, 2, 3)]
    parts = [struct.pack(f"<{len(a)}f", *a) for a in (positions, normals, colours)]
    parts.append(struct.pack(f"<{len(indices)}H", *indices))  # 72 bytes: every view stays 4-byte aligned
    views, offset = [], 0
    for part, target in zip(parts, (34962, 34962, 34962, 34963), strict=True):  # ARRAY_BUFFER x3, ELEMENT_ARRAY_BUFFER
        views.append({"buffer": 0, "byteOffset": offset, "byteLength": len(part), "target": target})
        offset += len(part)
    count = len(positions) // 3
    accessors = [
        {"bufferView": 0, "componentType": 5126, "count": count, "type": "VEC3",
         "min": [-0.5, -0.5, -0.5], "max": [0.5, 0.5, 0.5]},  # glTF requires min/max on POSITION
        {"bufferView": 1, "componentType": 5126, "count": count, "type": "VEC3"},
        {"bufferView": 2, "componentType": 5126, "count": count, "type": "VEC3"},
        {"bufferView": 3, "componentType": 5123, "count": len(indices), "type": "SCALAR"},
    ]
    return b"".join(parts), views, accessors


def _gltf_document(cube: tuple[bytes, list[dict[str, Any]], list[dict[str, Any]]], buffer: dict[str, Any]) -> dict:
    data, views, accessors = cube
    buffer = {**buffer, "byteLength": len(data)}
    # Turned 30 degrees about y, then tipped 20 degrees about x, so three faces show from the front.
    rotation = _quaternion_product(_axis_quaternion(0, 20), _axis_quaternion(1, -30))
    return {
        "asset": {"version": "2.0", "generator": "docsgen sample file"},
        "scene": 0,
        "scenes": [{"nodes": [0]}],
        "nodes": [{"mesh": 0, "name": "cube", "rotation": rotation}],
        "meshes": [{"name": "cube", "primitives": [
            {"attributes": {"POSITION": 0, "NORMAL": 1, "COLOR_0": 2}, "indices": 3, "material": 0}]}],
        "materials": [{"name": "matte", "pbrMetallicRoughness": {
            "baseColorFactor": [1, 1, 1, 1], "metallicFactor": 0.0, "roughnessFactor": 0.7}}],
        "buffers": [buffer],
        "bufferViews": views,
        "accessors": accessors,
    }


def _axis_quaternion(axis: int, degrees: float) -> list[float]:
    half = math.radians(degrees) / 2
    return [*(math.sin(half) * c for c in _unit(axis)), math.cos(half)]  # glTF order: x, y, z, w


def _quaternion_product(a: list[float], b: list[float]) -> list[float]:
    (ax, ay, az, aw), (bx, by, bz, bw) = a, b
    return [round(v, 6) for v in (
        aw * bx + ax * bw + ay * bz - az * by,
        aw * by - ax * bz + ay * bw + az * bx,
        aw * bz + ax * by - ay * bx + az * bw,
        aw * bw - ax * bx - ay * by - az * bz,
    )]


def make_gltf() -> bytes:
    cube = _cube_buffer()
    uri = "data:application/octet-stream;base64," + base64.b64encode(cube[0]).decode("ascii")
    return json.dumps(_gltf_document(cube, {"uri": uri}), separators=(",", ":")).encode()


def make_glb() -> bytes:
    cube = _cube_buffer()
    data = cube[0]
    document = json.dumps(_gltf_document(cube, {}), separators=(",", ":")).encode()
    document += b" " * (-len(document) % 4)  # chunks are 4-byte aligned: JSON pads with spaces, BIN with zeros
    data += b"\0" * (-len(data) % 4)
    chunks = struct.pack("<II", len(document), 0x4E4F534A) + document + struct.pack("<II", len(data), 0x004E4942) + data
    return struct.pack("<4sII", b"glTF", 2, 12 + len(chunks)) + chunks


def make_obj() -> bytes:
    faces = cube_faces()
    lines = ["# docsgen sample file: a unit cube, one colour per face (r g b after each vertex)", "o cube"]
    for normal, corners, colour in faces:
        lines += [f"v {_numbers(corner)} {_numbers(colour)}" for corner in corners]
        lines.append(f"vn {_numbers(normal)}")
    for f in range(len(faces)):
        lines.append("f " + " ".join(f"{4 * f + i + 1}//{f + 1}" for i in range(4)))
    return ("\n".join(lines) + "\n").encode("ascii")


def _numbers(values: tuple[float, ...]) -> str:
    return " ".join(f"{v:g}" for v in values)


def read_mp4() -> bytes | None:
    """The shipped MP4, or None if an install left it out (the demo then keeps its remote URL)."""
    try:
        return (SHIPPED / "sample.mp4").read_bytes()
    except OSError:
        return None


MAKERS: dict[str, Callable[[], bytes | None]] = {
    ".png": make_png,
    ".wav": make_wav,
    ".pdf": make_pdf,
    ".gltf": make_gltf,
    ".glb": make_glb,
    ".obj": make_obj,
    ".mp4": read_mp4,
}
