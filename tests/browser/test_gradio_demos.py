"""gradio's real code in the browser: every gradio component with events, run in the gradio site's playground.

The site is the repository's own (`mkdocs build --strict` of mkdocs.yml), built here with no Pyodide
distribution: numpy, pandas and pillow are stand-ins there. One Python serves the whole sweep (the
playground's examples menu), so it costs one `import gradio`. For each component the test reads what the
browser sent ("Payload from the browser") and what came back ("Payload after postprocess"), and computes
the second from the first with real gradio in this CPython, along the path gradio's server takes.
"""

from __future__ import annotations

import json
import os

import pytest

from tests.browser.conftest import PYTHON_TIMEOUT, served_context, watched_page

gradio = pytest.importorskip("gradio")
orjson = pytest.importorskip("orjson")

# Measured (../shared/DESIGN.md, "gradio in Pyodide"): these components' default round trips need a
# compiled package that only the Pyodide distribution has; the site carries a stand-in of it.
# AnnotatedImage's postprocess calls np.array(PIL.Image.open(...)): whichever is touched first is named.
NEEDS_REAL = {
    "AnnotatedImage": ("numpy", "pillow"), "Audio": ("numpy",), "Dataframe": ("pandas",), "Image": ("pillow",),
    "ImageEditor": ("pillow",), "ImageSlider": ("pillow",),
}
GRADIO_IMPORT_TIMEOUT = 240_000  # ms: boot, 50 wheels and `import gradio` on 2 busy cores


def components_with_events() -> list[type]:
    from gradio_client.documentation import generate_documentation

    return [e["class"] for e in generate_documentation()["component"] if getattr(e["class"], "EVENTS", None)]


@pytest.fixture(scope="module")
def playground(browser, gradio_site):
    """The gradio site's playground, in one page for the whole sweep (a request off the site or an
    uncaught error in the page fails the module)."""
    with served_context(browser, gradio_site) as context:
        pages = watched_page(context)
        page = next(pages)
        page.set_default_timeout(60_000)
        page.goto("playground/")
        page.wait_for_function("document.querySelector('[data-docsgen-playground]').dataset.ready === 'true'")
        yield page
        next(pages, None)  # closes the page and checks it


def stage_json(page, title: str):
    """The JSON of one data-flow stage, or None when the stage shows no payload (it failed or was skipped)."""
    stage = page.get_by_role("list", name="Data flow").get_by_role("listitem", name=title, exact=True)
    blocks = stage.locator(":scope > pre")
    return json.loads(blocks.first.inner_text()) if blocks.count() else None


def run_example(page, name: str, timeout: float = PYTHON_TIMEOUT) -> dict:
    """Pick the component's example, Run it, Submit its default input; what the data-flow panel shows."""
    root = page.locator("[data-docsgen-playground]")
    page.get_by_label("Example", exact=True).select_option(label=name)
    page.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_function("document.querySelector('[data-docsgen-playground]').dataset.state !== 'reset'"
                           " && !document.querySelector('[data-action=run]').disabled", timeout=timeout)
    if root.get_attribute("data-state") != "loaded":  # recorded, so one component does not end the sweep
        return {"state": "not loaded", "console": page.get_by_role("log", name="Console").inner_text()[-3000:],
                "sent": None, "output": None, "alert": ""}
    page.evaluate("document.querySelector('[data-docsgen-playground]').dataset.state = 'submitting'")
    page.get_by_role("button", name="Submit").click()
    flow = page.locator("details.dgl-flow")
    if flow.get_attribute("open") is None:  # folded until the reader opens it
        flow.get_by_text("Data flow of the last Submit").click()
    page.wait_for_function("['done', 'error'].includes(document.querySelector('[data-docsgen-playground]')"
                           ".dataset.state)", timeout=PYTHON_TIMEOUT)
    alert = page.get_by_role("region", name="Outputs").get_by_role("alert")
    return {
        "state": root.get_attribute("data-state"),
        "sent": stage_json(page, "Payload from the browser"),
        "output": stage_json(page, "Payload after postprocess"),
        "alert": alert.first.inner_text() if alert.count() else "",
    }


@pytest.fixture(scope="module")
def sweep(playground) -> dict[str, dict]:
    """Every component's round trip, in one Python (the first run includes `import gradio`)."""
    results = {}
    for i, cls in enumerate(components_with_events()):
        timeout = GRADIO_IMPORT_TIMEOUT if i == 0 else PYTHON_TIMEOUT
        results[cls.__name__] = run_example(playground, cls.__name__, timeout)
    return results


def cpython_round_trip(cls: type, payload):
    """What gradio's server makes of ``payload``: model_validate, preprocess, postprocess, model_dump."""
    from docsgen.runtime.samples import localize

    localize(payload, "/tmp/docsgen/samples")  # the browser's sample files, byte for byte, at the same paths
    os.makedirs(gradio.utils.get_upload_folder(), exist_ok=True)  # as gradio's server (and docsgen's shim) do
    inputs, outputs = cls(), cls()
    value = payload
    if getattr(inputs, "data_model", None) is not None and value is not None:
        value = inputs.data_model.model_validate(value, context={"validate_meta": True})
    result = outputs.postprocess(inputs.preprocess(value))
    # Serialized as gradio's server sends it (orjson: NaN and infinities become null).
    return json.loads(orjson.dumps(result.model_dump() if hasattr(result, "model_dump") else result))


def compared(cls: type, result: dict) -> tuple[bool, str]:
    """Whether the browser did what gradio does in CPython with the same payload: the same final payload,
    or the same exception (HighlightedText's default round trip raises KeyError in CPython too)."""
    try:
        expected = cpython_round_trip(cls, result["sent"])
    except Exception as exc:
        same = result["state"] == "error" and f"{type(exc).__name__}: " in result["alert"]
        return same, f"CPython raised {type(exc).__name__}: {exc}; the browser: {result}"
    return result["state"] == "done" and result["output"] == expected, f"CPython gave {expected}; the browser: {result}"


@pytest.fixture(scope="module")
def comparisons(sweep) -> dict[str, tuple[bool, str]]:
    return {cls.__name__: compared(cls, sweep[cls.__name__]) for cls in components_with_events()}


@pytest.mark.parametrize("cls", components_with_events(), ids=lambda c: c.__name__)
def test_demo_runs_gradios_real_code(sweep, comparisons, cls):
    result = sweep[cls.__name__]
    if cls.__name__ in NEEDS_REAL:
        # One sentence for the reader; the details (the stand-in's message) stay folded under it.
        accepted = [f"This demo needs {p}, which this site does not include." for p in NEEDS_REAL[cls.__name__]]
        assert result["state"] == "error" and result["alert"].splitlines()[0] in accepted, result
        return
    same, detail = comparisons[cls.__name__]
    assert same, detail


def test_most_components_match_cpython(comparisons):
    """The issue's target: at least 42 of gradio 6.31.0's 48 components run offline exactly as in CPython."""
    matching = sorted(name for name, (same, _) in comparisons.items() if same)
    assert len(comparisons) == 48
    assert len(matching) >= 42, sorted(set(comparisons) - set(matching))


def test_no_payload_names_another_host(sweep):
    for name, result in sweep.items():
        assert "://" not in json.dumps(result["sent"]), name

