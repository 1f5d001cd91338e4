"""docsgen's stand-in for Pillow (import name PIL), in a site that has no Pyodide build of it.

``import PIL.Image`` works and so do checks against ``PIL.Image.Image``; anything else raises
MissingPackageError, naming who needed PIL.
"""

from _docsgen_standin import stand_in_module

stand_in_module(globals(), "PIL", "pillow", submodules=("Image", "ImageOps", "ImageSequence", "PngImagePlugin"))
