"""docsgen.runtime.samples: each sample is a valid file of its type, and localize() swaps remote files for them.

The files are checked by independent readers where there are some (zlib, wave, PIL, pdftotext), and
otherwise by parsing their structure here, not by reading our own generator's tables back.
"""

from __future__ import annotations

import ast
import base64
import copy
import itertools
import json
import math
import shutil
import struct
import subprocess
import sys
import wave
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from docsgen.runtime import samples
from docsgen.runtime.samples import localize, sample_file

BUS = "https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png"
WAV = "https://github.com/gradio-app/gradio/raw/main/test/test_files/audio_sample.wav"
PDF = "https://github.com/gradio-app/gradio/raw/main/test/test_files/sample_file.pdf"
FOX = "https://raw.githubusercontent.com/gradio-app/gradio/main/gradio/media_assets/models3d/Fox.gltf"
WORLD = "https://github.com/gradio-app/gradio/raw/main/gradio/media_assets/videos/world.mp4"


def file_data(url: str, **extra: Any) -> dict[str, Any]:
    """A FileData payload as gradio's example_payload() gives it."""
    return {"path": url, "url": url, "orig_name": url.rsplit("/", 1)[1], "meta": {"_type": "gradio.FileData"}, **extra}


def read(suffix: str, directory: Path) -> bytes:
    path = sample_file(suffix, str(directory))
    assert path is not None
    return Path(path).read_bytes()


# The files


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        chunks.append((kind, body))
        at += 12 + length
    return chunks


def test_the_png_is_a_96x64_picture(tmp_path: Path):
    data = read(".png", tmp_path)
    chunks = png_chunks(data)
    assert [kind for kind, _ in chunks] == [b"IHDR", b"IDAT", b"IEND"]
    width, height, depth, colour, *_ = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (width, height, depth, colour) == (96, 64, 8, 2)
    rows = zlib.decompress(chunks[1][1])
    assert len(rows) == height * (1 + 3 * width)
    assert {rows[y * (1 + 3 * width)] for y in range(height)} == {0}  # filter "None" on every row
    stride = 1 + 3 * width
    pixels = {rows[i : i + 3] for y in range(height) for i in range(y * stride + 1, (y + 1) * stride, 3)}
    assert len(pixels) > 20, "a picture, not a flat colour"
    assert len(data) < 4000


def test_pillow_reads_the_png(tmp_path: Path):
    image_module = pytest.importorskip("PIL.Image")
    with image_module.open(sample_file(".png", str(tmp_path))) as image:
        image.load()
        assert (image.format, image.size, image.mode) == ("PNG", (96, 64), "RGB")
        assert image.getpixel((76, 14)) == (250, 205, 60)  # the sun
        assert image.getpixel((5, 2))[2] > 200  # blue sky at the top left


def test_the_wav_is_one_second_of_a_440_hz_tone(tmp_path: Path):
    with wave.open(sample_file(".wav", str(tmp_path)), "rb") as audio:
        assert (audio.getnchannels(), audio.getsampwidth(), audio.getframerate()) == (1, 2, 8000)
        assert audio.getnframes() == 8000
        samples_ = struct.unpack("<8000h", audio.readframes(8000))
    assert 8000 < max(samples_) < 32767
    crossings = sum(1 for a, b in itertools.pairwise(samples_) if a < 0 <= b)
    assert abs(crossings - 440) <= 2
    assert abs(samples_[0]) < 100 and abs(samples_[-1]) < 100, "faded in and out: no click"


def test_the_pdf_cross_reference_table_points_at_its_objects(tmp_path: Path):
    data = read(".pdf", tmp_path)
    assert data.startswith(b"%PDF-1.") and data.rstrip().endswith(b"%%EOF")
    start = int(data[data.rindex(b"startxref") :].split()[1])
    assert data[start:].startswith(b"xref\n")
    lines = data[start:].split(b"\n")
    first, count = map(int, lines[1].split())
    entries = data[start + len(lines[0]) + len(lines[1]) + 2 :][: 20 * count]
    assert (first, count) == (0, 6)
    assert entries[:20] == b"0000000000 65535 f \n"
    for number in range(1, count):
        entry = entries[20 * number : 20 * number + 20]
        assert entry.endswith(b" 00000 n \n"), entry
        assert data[int(entry[:10]) :].startswith(b"%d 0 obj" % number)
    trailer = data[data.rindex(b"trailer") : data.rindex(b"startxref")]
    assert b"/Size 6" in trailer and b"/Root 1 0 R" in trailer


def test_the_pdf_stream_length_and_text(tmp_path: Path):
    path = sample_file(".pdf", str(tmp_path))
    data = Path(path).read_bytes()
    length = int(data.split(b"/Length ")[1].split()[0])
    body = data.split(b"stream\n", 1)[1]
    assert body[length:].startswith(b"endstream")
    assert b"(docsgen sample file) Tj" in body[:length]
    if shutil.which("pdftotext"):  # poppler, when installed, reads the page as a reader would
        text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
        assert text.strip() == "docsgen sample file"


def check_gltf(document: dict[str, Any], buffer: bytes) -> None:
    """glTF 2.0 basics that viewers rely on, checked against the bytes of the buffer."""
    assert document["asset"]["version"] == "2.0"
    assert document["buffers"][0]["byteLength"] == len(buffer)
    for view in document["bufferViews"]:
        assert view["byteOffset"] % 4 == 0 and view["byteOffset"] + view["byteLength"] <= len(buffer)
    primitive = document["meshes"][0]["primitives"][0]
    positions = accessor_values(document, buffer, primitive["attributes"]["POSITION"])
    normals = accessor_values(document, buffer, primitive["attributes"]["NORMAL"])
    indices = [i for (i,) in accessor_values(document, buffer, primitive["indices"])]
    position = document["accessors"][primitive["attributes"]["POSITION"]]
    assert position["min"] == [min(p[k] for p in positions) for k in range(3)]
    assert position["max"] == [max(p[k] for p in positions) for k in range(3)]
    assert all(abs(math.hypot(*n) - 1) < 1e-6 for n in normals)
    assert len(indices) % 3 == 0 and max(indices) < len(positions)
    for t in range(0, len(indices), 3):  # counter-clockwise seen from outside: front faces face out
        a, b, c = (positions[i] for i in indices[t : t + 3])
        cross = _cross([b[k] - a[k] for k in range(3)], [c[k] - a[k] for k in range(3)])
        assert sum(x * y for x, y in zip(cross, normals[indices[t]], strict=True)) > 0
    node = document["nodes"][document["scenes"][document["scene"]]["nodes"][0]]
    assert abs(math.hypot(*node["rotation"]) - 1) < 1e-5


def accessor_values(document: dict[str, Any], buffer: bytes, index: int) -> list[tuple[float, ...]]:
    accessor = document["accessors"][index]
    view = document["bufferViews"][accessor["bufferView"]]
    width = {"SCALAR": 1, "VEC3": 3}[accessor["type"]]
    code = {5126: "f", 5123: "H"}[accessor["componentType"]]
    count = accessor["count"] * width
    assert struct.calcsize(f"<{count}{code}") <= view["byteLength"]
    values = struct.unpack_from(f"<{count}{code}", buffer, view["byteOffset"] + accessor.get("byteOffset", 0))
    return [values[i : i + width] for i in range(0, count, width)]


def _cross(u: list[float], v: list[float]) -> list[float]:
    return [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]]


def test_the_gltf_is_a_cube_with_its_buffer_inline(tmp_path: Path):
    document = json.loads(read(".gltf", tmp_path))
    prefix, encoded = document["buffers"][0]["uri"].split(",", 1)
    assert prefix == "data:application/octet-stream;base64"
    check_gltf(document, base64.b64decode(encoded))
    assert document["accessors"][document["meshes"][0]["primitives"][0]["indices"]]["count"] == 36


def test_the_glb_holds_the_same_cube(tmp_path: Path):
    data = read(".glb", tmp_path)
    magic, version, length = struct.unpack("<4sII", data[:12])
    assert (magic, version, length) == (b"glTF", 2, len(data))
    json_length, json_type = struct.unpack("<II", data[12:20])
    bin_length, bin_type = struct.unpack("<II", data[20 + json_length : 28 + json_length])
    assert (json_type, bin_type) == (0x4E4F534A, 0x004E4942) and json_length % 4 == 0
    document = json.loads(data[20 : 20 + json_length])
    assert "uri" not in document["buffers"][0]
    check_gltf(document, data[28 + json_length : 28 + json_length + bin_length])


def test_the_obj_is_a_cube_of_quads(tmp_path: Path):
    lines = read(".obj", tmp_path).decode("ascii").splitlines()
    vertices = [line.split()[1:] for line in lines if line.startswith("v ")]
    normals = [line for line in lines if line.startswith("vn ")]
    faces = [line.split()[1:] for line in lines if line.startswith("f ")]
    assert len(vertices) == 24 and all(len(v) == 6 for v in vertices)  # x y z r g b
    assert len(normals) == 6 and len(faces) == 6
    for face in faces:
        assert len(face) == 4
        for corner in face:
            v, n = (int(x) for x in corner.split("//"))
            assert 1 <= v <= 24 and 1 <= n <= 6


def test_the_mp4_is_small_and_streams_from_its_start(tmp_path: Path):
    data = read(".mp4", tmp_path)
    assert len(data) < 20_000
    boxes, at = [], 0
    while at < len(data):
        size, kind = struct.unpack(">I4s", data[at : at + 8])
        boxes.append(kind)
        at += size
    assert at == len(data)
    assert boxes[0] == b"ftyp" and boxes.index(b"moov") < boxes.index(b"mdat")  # +faststart
    assert b"avc1" in data  # H.264, which browsers play in <video>


# sample_file


def test_each_sample_is_written_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    calls: list[str] = []
    monkeypatch.setitem(samples.MAKERS, ".png", lambda: calls.append("png") or b"png")
    first = sample_file(".png", str(tmp_path / "a"))
    assert first == str(tmp_path / "a" / "sample.png")
    assert sample_file("PNG", str(tmp_path / "a")) == sample_file(".jpg", str(tmp_path / "a")) == first
    assert calls == ["png"]
    Path(first).unlink()  # written again when it is gone
    assert Path(sample_file(".png", str(tmp_path / "a"))).read_bytes() == b"png"
    sample_file(".png", str(tmp_path / "b"))  # and once per directory
    assert calls == ["png"] * 3
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["sample.png"]  # no partial file left


@pytest.mark.parametrize(
    ("suffix", "name"),
    [(".jpeg", "sample.png"), (".webp", "sample.png"), (".mp3", "sample.wav"), (".webm", "sample.mp4"),
     (".pdf", "sample.pdf"), (".glb", "sample.glb"), ("obj", "sample.obj")],
)
def test_a_sample_is_named_for_what_it_is(tmp_path: Path, suffix: str, name: str):
    assert Path(sample_file(suffix, str(tmp_path))).name == name


@pytest.mark.parametrize("suffix", [".txt", ".csv", ".stl", "", ".png.exe"])
def test_no_sample_for_other_types(tmp_path: Path, suffix: str):
    assert sample_file(suffix, str(tmp_path)) is None
    assert not tmp_path.joinpath("sample" + suffix).exists()


def test_no_mp4_when_an_install_left_it_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(samples, "SHIPPED", tmp_path / "missing")
    assert sample_file(".mp4", str(tmp_path / "out")) is None
    assert localize(file_data(WORLD), str(tmp_path / "out")) == file_data(WORLD)


def test_the_runtime_wheel_carries_the_mp4(tmp_path: Path):
    from docsgen.bundle.build import RUNTIME_SOURCES
    from docsgen.bundle.wheels import pack_directory

    wheel = pack_directory("docsgen-runtime", "0", "docsgen_runtime", RUNTIME_SOURCES, tmp_path)
    with zipfile.ZipFile(wheel.path) as zf:
        shipped = zf.read("docsgen_runtime/sample_media/sample.mp4")
        assert "docsgen_runtime/samples.py" in zf.namelist()
    assert shipped == (RUNTIME_SOURCES / "sample_media" / "sample.mp4").read_bytes()


def test_samples_uses_the_standard_library_only():
    tree = ast.parse(Path(samples.__file__).read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0 and node.module, "no relative imports: nothing else of docsgen"
            imported.add(node.module.split(".")[0])
    assert imported - {"__future__"} <= set(sys.stdlib_module_names)


# localize


def local_sample(file: dict[str, Any], directory: Path, name: str) -> None:
    assert file["path"] == str(directory / name) and Path(file["path"]).is_file()
    assert file["url"] is None and file["orig_name"] == name
    assert file["meta"] == {"_type": "gradio.FileData"}


PAYLOADS = {  # component -> (gradio's example payload, where its files are, their sample's name)
    "Image": (file_data(BUS), [()], "sample.png"),
    "AnnotatedImage": ({"image": file_data(BUS), "annotations": []}, [("image",)], "sample.png"),
    "ImageEditor": ({"background": file_data(BUS), "layers": [], "composite": None}, [("background",)], "sample.png"),
    "Gallery": ([{"image": file_data(BUS)}], [(0, "image")], "sample.png"),
    "ImageSlider": ((file_data(BUS), file_data(BUS)), [(0,), (1,)], "sample.png"),
    "MultimodalTextbox": ({"text": "Describe this image", "files": [file_data(BUS)]}, [("files", 0)], "sample.png"),
    "Audio": (file_data(WAV), [()], "sample.wav"),
    "File": (file_data(PDF), [()], "sample.pdf"),
    "Model3D": (file_data(FOX), [()], "sample.gltf"),
    "Video": (file_data(WORLD), [()], "sample.mp4"),
}


def at(value: Any, where: tuple[Any, ...]) -> Any:
    for key in where:
        value = value[key]
    return value


@pytest.mark.parametrize("component", list(PAYLOADS))
def test_localize_gradio_payload_shapes(tmp_path: Path, component: str):
    payload, places, name = PAYLOADS[component]
    before = copy.deepcopy(payload)
    local = localize(payload, str(tmp_path))
    assert payload == before, "the input is not changed"
    assert type(local) is type(payload)
    for where in places:
        local_sample(at(local, where), tmp_path, name)
        assert at(local, where) is not at(payload, where)
    stripped = strip_files(local, places)
    assert stripped == strip_files(payload, places), "everything else is the same"


def strip_files(value: Any, places: list[tuple[Any, ...]]) -> Any:
    value = json.loads(json.dumps(value))
    for where in places:
        if where:
            parent = at(value, where[:-1])
            parent[where[-1]] = "FILE"
        else:
            value = "FILE"
    return value


def test_localize_updates_size_mime_type_and_stream_when_present(tmp_path: Path):
    remote = file_data(BUS.replace(".png", ".jpg"), size=123456, mime_type="image/jpeg", is_stream=True)
    local = localize(remote, str(tmp_path))
    assert local["size"] == (tmp_path / "sample.png").stat().st_size
    assert local["mime_type"] == "image/png" and local["is_stream"] is False
    assert local["orig_name"] == "sample.png"
    assert "size" not in localize(file_data(BUS), str(tmp_path)), "keys are not added"


def test_localize_reads_the_type_from_orig_name_when_the_url_has_none(tmp_path: Path):
    remote = {"path": "https://example.org/download?id=7", "url": None, "orig_name": "talk.wav"}
    assert localize(remote, str(tmp_path))["path"] == str(tmp_path / "sample.wav")
    only_url = {"path": None, "url": "HTTPS://example.org/a%20b.pdf"}
    assert localize(only_url, str(tmp_path))["path"] == str(tmp_path / "sample.pdf")


@pytest.mark.parametrize(
    "value",
    [
        file_data("https://example.org/data.csv"),  # remote, no sample: the renderer shows its URL
        {"path": "/tmp/uploads/bus.png", "url": None, "orig_name": "bus.png"},  # already local
        {"path": "bus.png", "url": "data:image/png;base64,AAAA"},  # an upload
        {"path": "ftp://example.org/bus.png"},
        {"text": "https://example.org/bus.png"},  # a URL in text is not a file
        ["https://example.org/bus.png", 3, None, True, {"a": [1.5]}],
        "https://example.org/bus.png",
    ],
)
def test_localize_leaves_other_values_alone(tmp_path: Path, value: Any):
    before = copy.deepcopy(value)
    assert localize(value, str(tmp_path)) == before
    assert value == before
    assert list(tmp_path.iterdir()) == []


def test_localize_reaches_files_deep_inside(tmp_path: Path):
    payload = {"rows": [[{"cell": (1, file_data(WAV))}]], "n": 1}
    local = localize(payload, str(tmp_path))
    local_sample(local["rows"][0][0]["cell"][1], tmp_path, "sample.wav")
    assert local["rows"][0][0]["cell"][0] == 1 and local["n"] == 1


# Every gradio component


def urls_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value.lower().startswith(("http://", "https://")) else []
    if isinstance(value, dict):
        return [url for item in value.values() for url in urls_in(item)]
    if isinstance(value, (list, tuple)):
        return [url for item in value for url in urls_in(item)]
    return []


def test_no_gradio_example_payload_keeps_a_remote_file(tmp_path: Path):
    pytest.importorskip("gradio")
    import gradio  # noqa: F401 - registers the documented classes
    from gradio_client.documentation import generate_documentation

    documented = [entry["class"] for entry in generate_documentation()["component"]]
    classes = [cls for cls in documented if getattr(cls, "EVENTS", None)]
    assert len(classes) >= 40
    changed = []
    for cls in classes:
        payload = cls().example_payload()
        local = localize(payload, str(tmp_path))
        assert urls_in(local) == [], cls.__name__
        if urls_in(payload):
            changed.append(cls.__name__)
    assert {"Image", "Audio", "Video", "File", "Model3D", "Gallery", "MultimodalTextbox"} <= set(changed)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample.gltf", "sample.mp4", "sample.pdf", "sample.png",
                                                         "sample.wav"]
