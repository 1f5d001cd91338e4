"""docsgen's stand-in for PIL.ImageOps (imported by gradio at import time; its functions raise)."""

from _docsgen_standin import stand_in_module

stand_in_module(globals(), "PIL", "pillow")
