"""Bundle: the documented library as installed -> wheels for Pyodide, plus the browser runtime files.

The MkDocs plugin calls ``build_runtime`` after the site is built and adds ``PAGE_ASSETS`` to every page;
nothing here imports mkdocs.
"""

from .build import PAGE_ASSETS, RuntimeOptions, RuntimeReport, RuntimeUnavailable, build_runtime
from .examples import playground_examples

__all__ = [
    "PAGE_ASSETS",
    "RuntimeOptions",
    "RuntimeReport",
    "RuntimeUnavailable",
    "build_runtime",
    "playground_examples",
]
