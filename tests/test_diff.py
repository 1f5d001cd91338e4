"""The diff of two models, on small hand-written models whose differences are obvious."""

from __future__ import annotations

import json

import pytest

from docsgen.cli import main
from docsgen.diff import ValueChange, code, compare, render_markdown, site_page
from docsgen.model import Component, Event, Library, LibraryInfo, Parameter


def textbox(events: list[str], params: list[Parameter]) -> Component:
    return Component(name="Textbox", qualname="ui.Textbox", params=params, events=[Event(e) for e in events])


OLD = Library(
    library=LibraryInfo(name="ui", version="1.0"),
    components=[
        textbox(
            ["change", "submit"],
            [
                Parameter("value", annotation="str | None", default="None"),
                Parameter("lines", annotation="int", default="1"),
                Parameter("label", annotation="str", default=None),
                Parameter("legacy", annotation="bool", default="False"),
            ],
        ),
        Component(name="Slider", qualname="ui.Slider", events=[Event("change")]),
        Component(name="Old", qualname="ui.Old"),
    ],
)

NEW = Library(
    library=LibraryInfo(name="ui", version="2.0"),
    components=[
        textbox(
            ["change", "submit", "stop", "copy"],
            [
                Parameter("value", annotation="str | Callable | None", default="None"),
                Parameter("lines", annotation="int", default="2"),
                Parameter("label", annotation="str", default='""'),
                Parameter("max_length", annotation="int | None", default="None"),
            ],
        ),
        Component(name="Slider", qualname="ui.Slider", events=[Event("change")]),
        Component(name="Dialog", qualname="ui.Dialog"),
    ],
)


def test_components_added_and_removed() -> None:
    changes = compare(OLD, NEW)
    assert changes.added_components == ["Dialog"]
    assert changes.removed_components == ["Old"]
    assert (changes.old_version, changes.new_version) == ("1.0", "2.0")


def test_unchanged_components_are_left_out() -> None:
    assert [c.name for c in compare(OLD, NEW).changed_components] == ["Textbox"]


def test_parameters_defaults_types_and_events() -> None:
    (box,) = compare(OLD, NEW).changed_components
    assert [p.name for p in box.added_params] == ["max_length"]
    assert [p.name for p in box.removed_params] == ["legacy"]
    # A required parameter (default None in the model) that gained a default is a changed default.
    assert box.changed_defaults == [ValueChange("lines", "1", "2"), ValueChange("label", None, '""')]
    assert box.changed_types == [ValueChange("value", "str | None", "str | Callable | None")]
    assert box.added_events == ["stop", "copy"]
    assert box.removed_events == []


def test_the_same_model_has_no_changes() -> None:
    changes = compare(NEW, NEW)
    assert changes.empty
    assert "Nothing changed" in render_markdown(changes)


def test_spacing_and_quotes_in_annotations_are_not_type_changes() -> None:
    old = Library(LibraryInfo("ui", "1"), [textbox([], [Parameter("v", annotation="Literal['a','b']")])])
    new = Library(LibraryInfo("ui", "2"), [textbox([], [Parameter("v", annotation='Literal["a", "b"]')])])
    assert compare(old, new).empty


def test_json_round_trip_of_the_report() -> None:
    data = json.loads(compare(OLD, NEW).to_json())
    assert data["added_components"] == ["Dialog"]
    textbox_changes = data["changed_components"][0]
    assert textbox_changes["added_events"] == ["stop", "copy"]
    assert textbox_changes["changed_defaults"][1] == {"name": "label", "old": None, "new": '""'}


def test_markdown_names_every_change() -> None:
    text = render_markdown(compare(OLD, NEW))
    assert text.startswith("# What changed since ui 1.0\n")
    for expected in [
        "- Dialog",
        "- Old",
        "### Textbox",
        "Events added: `stop`, `copy`",
        "`max_length: int | None = None`",
        "`legacy: bool = False`",
        "`lines`: `1` → `2`",
        '`label`: *required* → `""`',
        "`value`: `str | None` → `str | Callable | None`",
    ]:
        assert expected in text, expected
    assert "](" not in text  # no links outside a site


def test_site_page_links_to_component_pages() -> None:
    pages = {"Dialog": "ref/components/dialog.md", "Textbox": "ref/components/textbox.md"}
    title, text = site_page(OLD, NEW, pages, path="ref/changes.md")
    assert title == "What changed since ui 1.0"
    assert text.startswith("# What changed since ui 1.0\n")
    assert "[Dialog](components/dialog.md)" in text
    assert "[Textbox reference](components/textbox.md)" in text
    assert "- Old\n" in text  # a removed component has no page to link to


def test_model_text_is_not_html() -> None:
    old = Library(LibraryInfo("ui", "<b>1</b>"), [])
    assert "<b>" not in render_markdown(compare(old, NEW))


@pytest.mark.parametrize(
    ("text", "span"),
    [("int", "`int`"), ("a`b", "``a`b``"), ("`x`", "`` `x` ``"), (None, "*required*"), ("", "*none*")],
)
def test_code_spans(text: str | None, span: str) -> None:
    assert code(text) == span


@pytest.fixture
def model_files(tmp_path):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(OLD.to_json(), encoding="utf-8")
    new.write_text(NEW.to_json(), encoding="utf-8")
    return str(old), str(new)


def test_cli_markdown(model_files, capsys) -> None:
    assert main(["diff", *model_files]) == 0
    assert "Events added: `stop`, `copy`" in capsys.readouterr().out


def test_cli_json(model_files, capsys) -> None:
    assert main(["diff", *model_files, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["removed_components"] == ["Old"]


def test_cli_unreadable_model(tmp_path, capsys) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert main(["diff", str(broken), str(broken)]) == 2
    assert "broken.json" in capsys.readouterr().err
