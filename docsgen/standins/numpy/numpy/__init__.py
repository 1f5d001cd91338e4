"""docsgen's stand-in for numpy, in a site that has no Pyodide build of it.

``import numpy`` works and so do checks against its types (``isinstance(x, numpy.ndarray)`` is False:
nothing here can make an array); anything else raises MissingPackageError, naming who needed numpy.
"""

from _docsgen_standin import stand_in_class, stand_in_module

stand_in_module(globals(), "numpy", "numpy", classes=("ndarray", "dtype"), submodules=("typing",))


def _scalar(name: str, base: type | None = None) -> type:
    return stand_in_class("numpy", __name__, name, (base,) if base else ())


# The scalar types in numpy's own hierarchy, so that issubclass between them answers as numpy would.
generic = _scalar("generic")
number = _scalar("number", generic)
integer = _scalar("integer", number)
signedinteger = _scalar("signedinteger", integer)
unsignedinteger = _scalar("unsignedinteger", integer)
inexact = _scalar("inexact", number)
floating = _scalar("floating", inexact)
complexfloating = _scalar("complexfloating", inexact)
int8 = _scalar("int8", signedinteger)
int16 = _scalar("int16", signedinteger)
int32 = _scalar("int32", signedinteger)
int64 = _scalar("int64", signedinteger)
intp = _scalar("intp", signedinteger)
timedelta64 = _scalar("timedelta64", signedinteger)
uint8 = _scalar("uint8", unsignedinteger)
uint16 = _scalar("uint16", unsignedinteger)
uint32 = _scalar("uint32", unsignedinteger)
uint64 = _scalar("uint64", unsignedinteger)
uintp = _scalar("uintp", unsignedinteger)
float16 = _scalar("float16", floating)
float32 = _scalar("float32", floating)
float64 = _scalar("float64", floating)
longdouble = _scalar("longdouble", floating)
complex64 = _scalar("complex64", complexfloating)
complex128 = _scalar("complex128", complexfloating)
clongdouble = _scalar("clongdouble", complexfloating)
bool_ = _scalar("bool_", generic)
bool = bool_  # numpy 2 names its boolean scalar type numpy.bool
object_ = _scalar("object_", generic)
str_ = _scalar("str_", generic)
bytes_ = _scalar("bytes_", generic)
void = _scalar("void", generic)
datetime64 = _scalar("datetime64", generic)
