"""Bundle: the documented library as installed -> wheels for Pyodide, plus the browser runtime files.

The MkDocs plugin calls ``build_runtime`` after the site is built and adds ``PAGE_ASSETS`` to every page
(and ``with_early_script`` to pages with a live demo);
nothing here imports mkdocs.
"""

from .build import OUT, PAGE_ASSETS, RuntimeOptions, RuntimeReport, RuntimeUnavailable, build_runtime
from .early import with_early_script
from .examples import PLAYGROUND_PATH, playground_examples, playground_html

__all__ = [
    "OUT",
    "PAGE_ASSETS",
    "PLAYGROUND_PATH",
    "RuntimeOptions",
    "RuntimeReport",
    "RuntimeUnavailable",
    "build_runtime",
    "playground_examples",
    "playground_html",
    "with_early_script",
]
