"""docsgen's stand-in for PIL.ImageSequence (imported by gradio at import time)."""

from _docsgen_standin import stand_in_module

stand_in_module(globals(), "PIL", "pillow", classes=("Iterator",))
