from hypothesis import given, settings
from hypothesis import strategies as st

from docsgen.docstrings import parse, type_marks

GRADIO_STYLE = '''
    Creates a textarea for user to enter string input.

    More text in a second paragraph.

    Demos: hello_world, diff_texts
    Guides: quickstart
    '''

INIT_STYLE = '''
        Parameters:
            value: text to show in textbox. If a function is provided,
                it is called on load.
            lines: minimum number of line rows.
        Returns:
            Nothing useful.
        '''


def test_description_and_tags_are_separated():
    doc = parse(GRADIO_STYLE)
    assert doc.description == "Creates a textarea for user to enter string input.\n\nMore text in a second paragraph."
    assert doc.tags == {"demos": "hello_world, diff_texts", "guides": "quickstart"}
    assert doc.problems == []


def test_parameters_with_continuation_lines_and_returns():
    doc = parse(INIT_STYLE)
    assert doc.params == {
        "value": "text to show in textbox. If a function is provided,\nit is called on load.",
        "lines": "minimum number of line rows.",
    }
    assert doc.returns == "Nothing useful."
    assert doc.problems == []


def test_examples_labelled_for_a_class():
    doc = parse("Queue things.\nExample: (Blocks)\n    demo.queue()\nExample: (Interface)\n    iface.queue()\n")
    assert doc.example_for("Interface") == "iface.queue()"
    assert doc.example_for("Blocks") == "demo.queue()"
    assert doc.example_for("Other") == ""
    assert doc.params == {}


def test_section_on_the_first_line_keeps_its_entries():
    doc = parse("""Parameters:
            a: first.
            b: second.
        """)
    assert doc.params == {"a": "first.", "b": "second."}
    assert doc.problems == []


def test_type_marks():
    assert type_marks("Passes a {str} or a {list[int]} into the function, not {'a': 1}") == ["str", "list[int]"]


def test_unindented_parameters_are_reported_and_still_read():
    doc = parse("\n    Parameters:\n    value: not indented.\n        other: indented.\n    ")
    assert doc.params == {"value": "not indented.", "other": "indented."}
    assert any("not indented" in p for p in doc.problems)


def test_parameter_documented_twice_with_different_words_is_reported():
    doc = parse("Parameters:\n    a: first.\n    a: second.\n")
    assert doc.params == {"a": "first."}
    assert doc.problems == ["parameter 'a' is documented twice; the first is kept"]


def test_parameter_documented_twice_with_the_same_words_is_harmless():
    doc = parse("Parameters:\n    a: same.\n    a: same.\n")
    assert doc.params == {"a": "same."}
    assert doc.problems == []


def test_text_before_the_first_parameter_is_reported():
    doc = parse("Parameters:\n    just some words\n    a: first.\n")
    assert doc.params == {"a": "first."}
    assert any("before the first parameter" in p for p in doc.problems)


def test_empty_and_non_string_docstrings():
    assert parse(None).description == ""
    assert parse("").params == {}
    assert parse(42).tags == {}  # type: ignore[arg-type]


def test_html_is_kept_as_text_for_the_renderer_to_escape():
    doc = parse("<script>alert(1)</script>\nParameters:\n    a: <b>bold</b>\n")
    assert doc.description == "<script>alert(1)</script>"
    assert doc.params == {"a": "<b>bold</b>"}


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_parser_never_raises(text):
    doc = parse(text)
    assert isinstance(doc.description, str)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in doc.params.items())


CUSTOM_COMPONENT_STYLE = '''
    Lets the reader pick one day.

    Preprocessing: your function gets the day as text
    or as a datetime, as the type parameter says.

    Postprocessing: return the day as text.
    Demos: calendar
    More description.
    '''


def test_behaviour_tags_go_on_over_the_next_lines_and_leave_nothing_in_the_description():
    doc = parse(CUSTOM_COMPONENT_STYLE)
    assert doc.tags["preprocessing"] == (
        "your function gets the day as text or as a datetime, as the type parameter says."
    )
    assert doc.tags["postprocessing"] == "return the day as text."
    # Other tags stay one line: what follows them is description.
    assert doc.tags["demos"] == "calendar"
    assert doc.description == "Lets the reader pick one day.\n\nMore description."
