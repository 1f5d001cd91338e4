"""Parameter descriptions inherited as gradio's documentation generator inherits them: an ``__init__``
without a docstring takes the nearest base's (``inspect.getdoc``), for the parameters it has."""

from __future__ import annotations

from docsgen.introspect.components import constructor_params
from docsgen.introspect.report import Report


class Base:
    def __init__(self, value: int = 0, label: str | None = None):
        """
        Parameters:
            value: the value.
            label: the label.
        """


class Child(Base):
    def __init__(self, value: int = 0, label: str | None = None, extra: int = 1):
        super().__init__(value, label)


class Grandchild(Child):
    pass


class OwnWords(Base):
    def __init__(self, value: int = 0, label: str | None = None):
        """Documents nothing, but is its own docstring: nothing is inherited."""


class Narrower(Base):
    def __init__(self, value: int = 0):
        super().__init__(value)


def described(cls: type) -> tuple[dict[str, str], Report]:
    report = Report()
    return {p.name: p.description for p in constructor_params(cls, report)}, report


def test_an_undocumented_init_takes_its_bases_descriptions():
    params, _ = described(Child)
    assert params == {"value": "the value.", "label": "the label.", "extra": ""}


def test_inheritance_goes_past_an_undocumented_parent():
    params, _ = described(Grandchild)
    assert params == {"value": "the value.", "label": "the label.", "extra": ""}


def test_a_docstring_of_its_own_wins_even_without_parameters():
    params, _ = described(OwnWords)
    assert params == {"value": "", "label": ""}


def test_a_parameter_the_subclass_dropped_is_not_a_warning():
    params, report = described(Narrower)
    assert params == {"value": "the value."}
    assert [p for p in report.problems if p.level == "warning"] == []


def test_builtin_bases_lend_nothing():
    class Mapping(dict):
        def __init__(self, key: str = ""):
            super().__init__()

    params, _ = described(Mapping)
    assert params == {"key": ""}
