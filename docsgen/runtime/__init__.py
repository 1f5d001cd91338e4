"""The Python side of the live demos, run inside Pyodide in a Web Worker.

This package is shipped to the browser as the wheel ``docsgen_runtime`` (see ``docsgen.bundle``), so it
must use the standard library only and relative imports only.
"""

from .bridge import Bridge, ProgramError
from .describe import describe, renderer_kind

__all__ = ["Bridge", "ProgramError", "describe", "renderer_kind"]
