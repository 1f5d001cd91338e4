"""Libraries built on gradio (custom components, `gradio_*` on PyPI), documented with `library:` alone.

gradio_pdf 0.0.24 is the real package from PyPI (noxfile.py's TEST_DEPS); tests/fixtures' gradio_datepick and
gradio_board reproduce the patterns of packages that cannot be installed beside gradio 6 (gradio_calendar,
gradio_leaderboard), and gradio_editable a project as `gradio cc create` makes it, installed in editable mode.
Expected values come from the libraries themselves (their exports, signatures, EVENTS), from gradio's own API
and documentation data, or from the fixtures' hand-written text.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import inspect
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
import tomllib
from bs4 import BeautifulSoup

from .conftest import FIXTURES, run_mkdocs, write_site_config

gr = pytest.importorskip("gradio")
gradio_pdf = pytest.importorskip("gradio_pdf")

from gradio.components.base import Component, get_component_instance  # noqa: E402
from gradio.events import Events  # noqa: E402

from docsgen.bundle.build import distribution_of  # noqa: E402
from docsgen.bundle.wheels import pack_installed, wheel_requires  # noqa: E402
from docsgen.introspect import inspect_library  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def fixtures_on_path():
    sys.path.insert(0, str(FIXTURES))
    yield
    sys.path.remove(str(FIXTURES))


def exported_components(module) -> list[str]:
    return sorted(
        name for name in module.__all__
        if isinstance(getattr(module, name), type) and issubclass(getattr(module, name), Component)
        and getattr(module, name).__module__.startswith(module.__name__)
    )


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join([str(FIXTURES), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-m", "docsgen", "inspect", *args], capture_output=True, text=True,
                          env={**environment, **(env or {})}, timeout=300)


# Discovery


def test_gradio_pdf_without_base_class_is_its_own_components_read_from_the_library():
    model = inspect_library("gradio_pdf").library
    assert [c.name for c in model.components] == exported_components(gradio_pdf) == ["PDF"]
    pdf = model.component("PDF")
    expected = [n for n in inspect.signature(gradio_pdf.PDF.__init__).parameters if n != "self"]
    assert [p.name for p in pdf.params] == expected
    assert [e.name for e in pdf.events] == [str(e) for e in gradio_pdf.PDF.EVENTS]
    assert model.library.version == importlib.metadata.version("gradio_pdf")


def test_the_command_line_reads_gradio_pdf_the_same_way():
    result = cli("gradio_pdf")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"gradio_pdf {importlib.metadata.version('gradio_pdf')}: 1 component"


def test_a_librarys_components_are_its_own_not_the_gradio_classes_it_reexports():
    import gradio_board

    model = inspect_library("gradio_board").library
    assert "Textbox" in gradio_board.__all__ and gradio_board.Textbox is gr.Textbox
    assert [c.name for c in model.components] == exported_components(gradio_board) == ["Board", "Dataframe"]


def test_exported_helper_classes_get_pages_with_their_fields():
    import gradio_board

    model = inspect_library("gradio_board").library
    helpers = sorted(
        name for name in gradio_board.__all__
        if dataclasses.is_dataclass(getattr(gradio_board, name))
    )
    assert [o.name for o in model.groups["Helpers"]] == helpers == ["ColumnFilter", "SelectColumns"]
    select = next(o for o in model.groups["Helpers"] if o.name == "SelectColumns")
    fields = dataclasses.fields(gradio_board.SelectColumns)
    assert [p.name for p in select.params] == [f.name for f in fields]
    assert select.params[0].default == f"{fields[0].default_factory.__name__}()"
    # The fixture documents its fields in the class docstring, as dataclasses do.
    assert [p.description for p in select.params] == ["the columns shown at first.",
                                                     "whether the reader may change the selection."]
    column_filter = next(o for o in model.groups["Helpers"] if o.name == "ColumnFilter")
    assert column_filter.description == ""  # not @dataclass's generated "ColumnFilter(column: str, ...)"


def test_a_string_shortcut_is_shown_only_when_gradio_makes_this_class_from_it():
    import gradio_board

    model = inspect_library("gradio_board").library
    for component in model.components:
        cls = getattr(gradio_board, component.name)
        strings = [s.name for s in component.shortcuts if s.kind == "string"]
        made = type(get_component_instance(component.name.lower()))
        assert strings == ([f'"{component.name.lower()}"'] if made is cls else []), component.name
    assert type(get_component_instance("dataframe")) is gr.Dataframe  # gradio's own wins
    assert [s.name for s in model.component("Board").shortcuts if s.kind == "string"] == ['"board"']
    pdf = inspect_library("gradio_pdf").library.component("PDF")
    assert type(get_component_instance("pdf")) is gradio_pdf.PDF
    assert [s.name for s in pdf.shortcuts if s.kind == "string"] == ['"pdf"']


# Docs as these packages write them


def test_parameters_documented_in_the_class_docstring_are_read():
    import gradio_datepick

    component = inspect_library("gradio_datepick").library.component("DatePick")
    signature = [n for n in inspect.signature(gradio_datepick.DatePick.__init__).parameters if n != "self"]
    assert [p.name for p in component.params] == signature
    assert {p.name: p.description for p in component.params} == {
        "value": "the day shown at first.",
        "type": 'what your function gets: "string" or "datetime".',
        "label": "the label above the picker.",
        "visible": "whether the picker is shown.",
        "render": "whether to render the picker in the enclosing Blocks.",
    }


def test_behaviour_tags_feed_the_behaviour_and_leave_no_fragment_in_the_description():
    component = inspect_library("gradio_datepick").library.component("DatePick")
    assert component.description == "Lets the reader pick one day."
    assert component.preprocess.description == (
        "your function gets the day as text (YYYY-MM-DD) or as a datetime.datetime, as the type parameter says."
    )
    assert component.postprocess.description == "return the day as text (YYYY-MM-DD) or as a datetime.datetime."
    assert component.preprocess.type == "str | datetime.datetime | None"


@pytest.mark.parametrize("library, name", [("gradio_datepick", "DatePick"), ("gradio_pdf", "PDF")])
def test_events_declared_as_strings_get_gradios_standard_description(library, name):
    model = inspect_library(library).library
    component = model.component(name)
    cls = getattr(sys.modules[library], name)
    assert [e.name for e in component.events] == [str(e) for e in cls.EVENTS]
    for event in component.events:
        assert event.description == getattr(Events, event.name).doc.replace("{{ component }}", name)
    glossary = {e.name: e.description for e in model.events}
    for event in component.events:
        assert glossary[event.name] == getattr(Events, event.name).doc.replace("{{ component }}", "component")


# Editable installs


def install_editable(root: Path) -> Path:
    """What `pip install -e` with hatchling leaves in site-packages (checked against a real install of
    tests/fixtures/gradio_editable): a dist-info whose RECORD lists a .pth file and no module, and the
    .pth that puts the project's backend/ folder on the path. Returns that site-packages folder."""
    project = FIXTURES / "gradio_editable"
    meta = tomllib.loads((project / "pyproject.toml").read_text())["project"]
    site = root / "site-packages"
    info = site / f"{meta['name']}-{meta['version']}.dist-info"
    info.mkdir(parents=True)
    pth = f"_editable_impl_{meta['name']}.pth"
    (site / pth).write_text(f"{project / 'backend'}\n")
    requires = "".join(f"Requires-Dist: {r}\n" for r in meta["dependencies"])
    header = f"Metadata-Version: 2.4\nName: {meta['name']}\nVersion: {meta['version']}\n"
    (info / "METADATA").write_text(header + requires)
    (info / "direct_url.json").write_text(json.dumps({"dir_info": {"editable": True}, "url": project.as_uri()}))
    files = [pth, *(f"{info.name}/{name}" for name in ("METADATA", "direct_url.json", "RECORD"))]
    (info / "RECORD").write_text("".join(f"{file},,\n" for file in files))
    return site


def test_an_editable_install_reads_its_version_and_requirements_from_its_metadata(tmp_path):
    meta = tomllib.loads((FIXTURES / "gradio_editable" / "pyproject.toml").read_text())["project"]
    site = install_editable(tmp_path)
    # The .pth only works from a site directory; on PYTHONPATH the backend folder stands in for it.
    backend = FIXTURES / "gradio_editable" / "backend"
    paths = os.pathsep.join([str(site), str(backend), os.environ.get("PYTHONPATH", "")])
    result = cli("gradio_editable", "--json", env={"PYTHONPATH": paths})
    assert result.returncode == 0, result.stderr
    model = json.loads(result.stdout)
    assert model["library"]["version"] == meta["version"]
    assert [c["name"] for c in model["components"]] == ["Note"]

    sys.path[:0] = [str(site), str(backend)]
    try:
        found = distribution_of(meta["name"])  # what the site build packs the library from
        wheel = pack_installed(found, tmp_path / "wheels", import_name=meta["name"])
    finally:
        del sys.path[:2]
    assert found == meta["name"]
    assert wheel.version == meta["version"]
    assert wheel_requires(wheel.path) == meta["dependencies"]


# Messages, not tracebacks


@pytest.mark.parametrize("args, says", [
    (["gradio_pdf", "--base-class", "gradio.components.base"],
     ["names a module, not a class", "`gradio.components.base.Component`"]),
    (["widgetlib"], ["widgetlib has no documentation registry", "`base_class`", "`widgetlib.Widget`"]),
    (["widgetlib", "--base-class", "widgetlib.Bare"],
     ["no components in widgetlib", "widgetlib.Bare", "`__all__`", "Bare, Broken, Slider, Toggle, Widget"]),
])
def test_configuration_mistakes_are_one_line_naming_the_problem_and_the_fix(args, says):
    result = cli(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: docsgen: "), result.stderr
    for words in says:
        assert words in lines[0]


def test_zero_components_stop_the_build_with_that_message(tmp_path):
    config = write_site_config(tmp_path, "widgetlib", "widgetlib.Bare")
    result = run_mkdocs(config, tmp_path / "site", extra_path=FIXTURES)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "found no components in widgetlib" in result.stderr and "widgetlib.Bare" in result.stderr


# Sites


@pytest.fixture(scope="module")
def pdf_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("gradio-pdf-site")
    result = run_mkdocs(write_site_config(folder, "gradio_pdf", None), folder / "site", "--strict")
    assert result.returncode == 0, result.stderr[-3000:]
    return folder / "site"


@pytest.fixture(scope="module")
def board_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("gradio-board-site")
    result = run_mkdocs(write_site_config(folder, "gradio_board", None), folder / "site", extra_path=FIXTURES)
    assert result.returncode == 0, result.stderr[-3000:]
    return folder / "site"


def test_a_gradio_pdf_site_without_base_class_documents_exactly_pdf(pdf_site):
    pages = sorted(p.name for p in (pdf_site / "components").iterdir() if (p / "index.html").exists())
    assert pages == ["events", "pdf"]
    assert json.loads((pdf_site / "model.json").read_text())["library"]["framework"] == "gradio"


def test_the_index_is_worded_for_this_library(pdf_site):
    text = " ".join(page(pdf_site, "components").select_one(".md-content").get_text(" ").split())
    version = importlib.metadata.version("gradio_pdf")
    assert f"gradio_pdf {version} has 1 component." in text
    assert "gradio calls its preprocess(payload)" in text and "gradio calls its postprocess(value)" in text
    assert "gradio_pdf calls" not in text
    assert "Textbox" not in text and "Image" not in text
    glossary = page(pdf_site, "components/events").select(".dg-event-glossary .dg-count")
    assert [c.get_text() for c in glossary] == ["1 component", "1 component"]


def test_parameter_types_naming_helper_classes_link_to_their_pages(board_site):
    soup = page(board_site, "components/board")
    for param, helper in [("select_columns", "SelectColumns"), ("filter_columns", "ColumnFilter")]:
        links = soup.select(f"tr#param-{param} .dg-param-type a")
        assert [a.get_text() for a in links] == [helper]
        target = urljoin("http://site/components/board/", links[0]["href"]).removeprefix("http://site/")
        assert page(board_site, target.rstrip("/")).select_one("h1").get_text() == helper
    assert not soup.select("tr#param-value .dg-param-type a")


def test_a_component_without_a_string_shortcut_says_so(board_site):
    cells = page(board_site, "components/dataframe").select("table.dg-shortcuts tbody tr td")
    assert cells[0].get_text() == "gradio_board.Dataframe"
    assert cells[1].get_text() == "none"
