"""docsgen's stand-in for Brotli, in a site that has no Pyodide build of it.

gradio imports ``Compressor`` and the ``MODE_*`` constants for its server's middleware, which a docs page
never starts: those import, compressing or decompressing raises MissingPackageError.
"""

from _docsgen_standin import stand_in_module

stand_in_module(globals(), "brotli", "brotli", classes=("Compressor", "Decompressor"))

# Brotli's own values: plain constants, nothing to compute.
MODE_GENERIC = 0
MODE_TEXT = 1
MODE_FONT = 2


# Brotli's name: never raised here, but `except brotli.error:` clauses must evaluate.
class error(Exception):
    pass
