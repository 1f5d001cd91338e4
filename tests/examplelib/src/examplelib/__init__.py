"""examplelib: a small component library following gradio's conventions, used to test docsgen.

Every component's preprocess and postprocess visibly change the data, so a live demo shows that
the library's own code ran.
"""

from .base import Component
from .choices import CheckboxGroup, Dropdown, Radio
from .data import HTML, JSON, Chat, Code, HighlightedText, Label, Markdown, Message, Table
from .files import File, FileData, Image, Picture
from .simple import Checkbox, Color, Date, Number, Slider, Text, TextArea

__version__ = "0.3.0"

__all__ = [
    "HTML",
    "JSON",
    "Chat",
    "Checkbox",
    "CheckboxGroup",
    "Code",
    "Color",
    "Component",
    "Date",
    "Dropdown",
    "File",
    "FileData",
    "HighlightedText",
    "Image",
    "Label",
    "Markdown",
    "Message",
    "Number",
    "Picture",
    "Radio",
    "Slider",
    "Table",
    "Text",
    "TextArea",
]
