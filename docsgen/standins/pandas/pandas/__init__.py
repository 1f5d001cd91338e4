"""docsgen's stand-in for pandas, in a site that has no Pyodide build of it.

``import pandas`` works and so do checks against its main types (``isinstance(x, pandas.DataFrame)`` is
False: nothing here can make one); anything else raises MissingPackageError, naming who needed pandas.
"""

from _docsgen_standin import stand_in_module

stand_in_module(
    globals(),
    "pandas",
    "pandas",
    classes=("DataFrame", "Series", "Index", "MultiIndex", "Categorical", "Timestamp", "Timedelta", "Period"),
    submodules=("io",),
)
