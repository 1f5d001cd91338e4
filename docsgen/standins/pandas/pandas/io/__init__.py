"""docsgen's stand-in for pandas.io (a package only so that pandas.io.formats.style can be imported)."""

from _docsgen_standin import stand_in_module

stand_in_module(globals(), "pandas", "pandas", submodules=("formats",))
