"""docsgen's stand-in for numpy.typing: the aliases annotations use, over the stand-in types."""

from typing import Any, TypeVar

from _docsgen_standin import stand_in_module

import numpy as np

stand_in_module(globals(), "numpy", "numpy", classes=("NBitBase",))

_ScalarT = TypeVar("_ScalarT", bound=np.generic)
NDArray = np.ndarray[Any, np.dtype[_ScalarT]]
# numpy spells these as unions of many types; Any answers the same for annotations, which is all they do.
ArrayLike = Any
DTypeLike = Any
