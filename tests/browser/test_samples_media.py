"""Chromium decodes the sample image, sound and video that docsgen.runtime.samples gives the demos."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from docsgen.runtime.samples import sample_file
from tests.browser.conftest import served_context, watched_page

PAGE = """<!doctype html><meta charset="utf-8">
<img id="png" src="sample.png">
<audio id="wav" src="sample.wav" preload="auto"></audio>
<video id="mp4" src="sample.mp4" preload="auto" muted></video>
"""

# Resolves with what the element made of its file, or with the error Chromium gave (never hangs: an
# element that fails fires "error", and a file it cannot decode fails).
LOADED = """async (id) => {
  const element = document.getElementById(id);
  if (element instanceof HTMLImageElement) {
    try { await element.decode(); } catch (e) { return {error: String(e)}; }
    // Chromium shows as much of a cut-off PNG as it has: the pixels, not only the size, say it is whole.
    const canvas = new OffscreenCanvas(element.naturalWidth, element.naturalHeight);
    const context = canvas.getContext("2d");
    context.drawImage(element, 0, 0);
    const pixel = (x, y) => Array.from(context.getImageData(x, y, 1, 1).data);
    return {width: element.naturalWidth, height: element.naturalHeight, sun: pixel(76, 14), grass: pixel(90, 62)};
  }
  if (element.readyState < 2) {
    const outcome = await new Promise((resolve) => {
      element.addEventListener("loadeddata", () => resolve("loadeddata"), {once: true});
      element.addEventListener("error", () => resolve("error"), {once: true});
      element.load();
    });
    if (outcome === "error") return {error: element.error && `${element.error.code} ${element.error.message}`};
  }
  return {duration: element.duration, width: element.videoWidth, height: element.videoHeight};
}"""


@pytest.fixture(scope="module")
def media_context(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    folder = tmp_path_factory.mktemp("samples-media")
    for suffix in (".png", ".wav", ".mp4"):
        assert sample_file(suffix, str(folder)) is not None
    (folder / "index.html").write_text(PAGE)
    with served_context(browser, folder) as context:
        yield context


@pytest.fixture
def page(media_context) -> Iterator[object]:
    """A fresh page; a request to another host or an uncaught error in it fails the test."""
    yield from watched_page(media_context)


def loaded(page, element: str) -> dict[str, object]:
    page.goto("index.html")
    return page.evaluate(LOADED, element)


def test_chromium_shows_the_png(page):
    result = loaded(page, "png")
    assert (result["width"], result["height"]) == (96, 64)
    assert result["sun"] == [250, 205, 60, 255]
    assert result["grass"][1] > 100 and result["grass"][3] == 255, "the last rows are there too"


def test_chromium_plays_the_wav(page):
    result = loaded(page, "wav")
    assert "error" not in result, result
    assert result["duration"] == pytest.approx(1.0, abs=0.01)


def test_chromium_plays_the_mp4(page):
    result = loaded(page, "mp4")
    assert "error" not in result, result
    assert (result["width"], result["height"]) == (96, 64)
    assert result["duration"] == pytest.approx(1.0, abs=0.05)

