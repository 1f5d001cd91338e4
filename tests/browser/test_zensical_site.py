"""The example library's site built by Zensical (tests/zensical_support.py), in real Chromium: a component
page's live demo runs the library's real preprocess and postprocess, as on the MkDocs build."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import served_context, watched_page
from tests.browser.test_live_demos import demo, expected_payload, run, stage_json
from tests.zensical_support import zensical_example_site

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def zensical_context(browser, tmp_path_factory) -> Iterator[object]:
    with served_context(browser, zensical_example_site(tmp_path_factory)) as context:
        yield context


@pytest.fixture
def page(zensical_context) -> Iterator[object]:
    yield from watched_page(zensical_context)


@pytest.mark.parametrize("name", ["Slider", "Text"])
def test_demo_answers_with_the_librarys_own_code(page, name: str):
    section = demo(page, name)
    run(page, section)
    assert stage_json(section, "Payload after postprocess") == expected_payload(name)
