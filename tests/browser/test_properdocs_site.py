"""The gradio site built by ProperDocs, in real Chromium: the Textbox page's live demo runs gradio's real
Textbox, as on the MkDocs build (tests/browser/test_gradio_site.py, whose test and fixtures run here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import test_gradio_site
from tests.properdocs_support import properdocs_gradio_site

pytestmark = pytest.mark.slow

gradio_context = test_gradio_site.gradio_context
page = test_gradio_site.page
test_textbox_page_runs_gradios_textbox = test_gradio_site.test_textbox_page_runs_gradios_textbox
test_reference_pages_make_no_request_to_another_host = (
    test_gradio_site.test_reference_pages_make_no_request_to_another_host
)


@pytest.fixture(scope="module")
def gradio_site(tmp_path_factory) -> Path:
    return properdocs_gradio_site(tmp_path_factory)
