"""docsgen's stand-in for pandas.io.formats (a package only so that its style module can be imported)."""

from _docsgen_standin import stand_in_module

stand_in_module(globals(), "pandas", "pandas", submodules=("style",))
