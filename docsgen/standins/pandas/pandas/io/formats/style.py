"""docsgen's stand-in for pandas.io.formats.style: gradio's Dataframe checks values against Styler."""

from _docsgen_standin import stand_in_module

stand_in_module(globals(), "pandas", "pandas", classes=("Styler",))
