"""Bundle: the documented library as installed -> wheels for Pyodide, plus the browser runtime files.

The MkDocs plugin calls ``build_runtime`` after the site is built and adds ``PAGE_ASSETS`` to every page;
nothing here imports mkdocs.
"""

from .build import PAGE_ASSETS, RuntimeOptions, RuntimeReport, RuntimeUnavailable, build_runtime
from .examples import PLAYGROUND_PATH, playground_examples, playground_html

__all__ = [
    "PAGE_ASSETS",
    "PLAYGROUND_PATH",
    "RuntimeOptions",
    "RuntimeReport",
    "RuntimeUnavailable",
    "build_runtime",
    "playground_examples",
    "playground_html",
]
