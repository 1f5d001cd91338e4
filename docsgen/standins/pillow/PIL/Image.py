"""docsgen's stand-in for PIL.Image: the Image class for isinstance checks, and init() for import time."""

from _docsgen_standin import stand_in_module

stand_in_module(globals(), "PIL", "pillow", classes=("Image",))


def init() -> bool:
    """Pillow's plugin loader, which gradio calls as it is imported. False, as Pillow says: none loaded."""
    return False
