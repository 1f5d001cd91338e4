"""Docstrings, annotations, defaults, tags, names and versions are text: markup in them never becomes
markup in the site (pages, tables, navigation, the theme's banner, "What changed", search index, JSON
model), and broken components warn."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import FIXTURES, ROOT, run_mkdocs
from tests.fixtures.hostilelib import IMG, MD_LINK, __version__

HOSTILE_MARKERS = ("window.__pwned",)
OLD_MODEL = FIXTURES / "hostilelib" / "model-0.9.json"  # hand-written: an older release, hostile too
OLD_VERSION = "0.9<script>window.__pwned = 'old-version'</script>"
CONFIG = """site_name: hostilelib
docs_dir: docs
theme:
  name: material
  custom_dir: {overrides}
plugins:
  - search
  - docsgen:
      library: hostilelib
      base_class: hostilelib.Component
      changes_since: {old_model}
extra:
  version:
    provider: mike
"""


def build_hostile_site(folder: Path) -> tuple[Path, subprocess.CompletedProcess]:
    """The hostile library's site as a versioned deployment builds it: this project's theme overrides
    (the outdated-version banner prints the version), "What changed" against an older model, and
    mike's version selector. Not --strict: the library warns."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# hostilelib\n\nHand-written introduction.\n")
    config = folder / "mkdocs.yml"
    paths = {"overrides": ROOT / "overrides", "old_model": OLD_MODEL}
    config.write_text(CONFIG.format(**{key: json.dumps(str(path)) for key, path in paths.items()}))
    # As `mike deploy` builds a version (it sets MIKE_DOCS_VERSION): the version selector, and with it the
    # outdated-version banner, is on only then.
    return folder / "site", run_mkdocs(config, folder / "site", extra_path=FIXTURES, env={"MIKE_DOCS_VERSION": "1.0"})


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """This module's build of the hostile library (rather than conftest's): with the theme's overrides,
    a changes page and mike's version provider."""
    return build_hostile_site(tmp_path_factory.mktemp("hostilelib-versioned"))


def pages(site):
    return sorted(site.rglob("*.html"))


def test_the_site_builds_with_a_named_warning_for_each_broken_thing(hostile_build):
    _, result = hostile_build
    assert result.returncode == 0, result.stderr[-3000:]
    log = result.stderr
    assert "RaisingPayload" in log and "ValueError: example_payload is broken" in log
    assert "RaisingConfig" in log and "ValueError: get_config is broken" in log
    assert "RaisingProperty" in log and "RuntimeError: this attribute raises on access" in log
    assert "Twice.__init__: malformed docstring: parameter 'value' is documented twice" in log
    assert "Traceback" not in log


def test_every_other_page_is_complete(hostile_build):
    site, _ = hostile_build
    expected = {"evil": ["value", "label"], "raisingpayload": [], "raisingconfig": [], "raisingproperty": [],
                "twice": ["value"], "bare": [], "linked-click-javascript-window-__pwned-md-name": []}
    for name, params in expected.items():
        soup = BeautifulSoup((site / "components" / name / "index.html").read_text(), "html.parser")
        rows = [tr["id"].removeprefix("param-") for tr in soup.select("table.dg-params tr[id^=param-]")]
        assert rows == params, name
        assert soup.select_one("table.dg-events"), name
    huge = (site / "components" / "huge" / "index.html").read_text()
    assert huge.count("All work and no play makes Jack a dull boy.") == 24_000


def test_no_markup_from_the_library_reaches_any_page(hostile_build):
    site, _ = hostile_build
    for path in pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            handlers = [a for a in tag.attrs if a.lower().startswith("on")]
            assert not handlers, (path, tag.name, handlers)
            for attr in ("href", "src"):
                assert not str(tag.get(attr, "")).lower().startswith(("javascript:", "data:")), (path, tag)
        for script in soup.find_all("script"):
            assert "__pwned" not in script.get_text(), path
        assert not soup.select(".md-content iframe, .md-content img"), path


def test_markup_is_shown_as_text(hostile_build):
    site, _ = hostile_build
    soup = BeautifulSoup((site / "components" / "evil" / "index.html").read_text(), "html.parser")
    text = soup.select_one(".md-content").get_text()
    assert '<script>window.__pwned = "script"</script>' in text
    assert "<img src=x onerror=" in text
    default = soup.select_one("tr#param-value .dg-param-default").get_text()
    assert default.startswith('"<img src=x onerror=')
    annotation = soup.select_one("tr#param-value .dg-param-type").get_text()
    assert annotation.startswith("<script>")
    assert soup.find(id='event-x" onmouseover="window.__pwned = \'attr\'" x="') is not None, "an id, not attributes"


def test_hostile_class_name_is_escaped_in_the_navigation(hostile_build):
    site, _ = hostile_build
    html = (site / "components" / "evil" / "index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    nav_text = soup.select_one("nav.md-nav--primary").get_text()
    assert "Renamed" in nav_text
    assert not soup.select("nav img")
    assert "</title>" not in soup.title.decode()[7:-8]


def test_search_index_keeps_markup_escaped(hostile_build):
    site, _ = hostile_build
    index = json.loads((site / "search" / "search_index.json").read_text())
    texts = " ".join(doc["text"] + doc["title"] for doc in index["docs"])
    assert "&lt;script&gt;" in texts
    assert "<script" not in texts and "<img" not in texts and "<iframe" not in texts


def test_json_model_keeps_text_verbatim(hostile_build):
    site, _ = hostile_build
    model = json.loads((site / "model.json").read_text())
    evil = next(c for c in model["components"] if c["name"] == "Evil")
    assert '<script>window.__pwned = "script"</script>' in evil["description"]
    assert evil["params"][0]["annotation"].startswith("<script>")


def soup_of(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_version_is_text_in_the_outdated_banner_of_every_page(hostile_build):
    site, _ = hostile_build
    assert __version__.startswith("1.0<img")
    for path in pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        banner = soup.select_one("[data-md-component=outdated] .md-banner__inner")  # overrides/main.html
        assert f"hostilelib {__version__}" in banner.get_text(), path
        assert not banner.find_all(["img", "script"]), path


def test_a_markdown_name_is_text_in_headings(hostile_build):
    site, _ = hostile_build
    soup = soup_of(site, "components/linked-click-javascript-window-__pwned-md-name")
    assert soup.select_one(".md-content h1").get_text() == f"Linked{MD_LINK}"


def changes_page(site: Path):
    return soup_of(site, "changes").select_one(".md-content")


def test_the_changes_page_names_every_hostile_component_as_text(hostile_build):
    site, _ = hostile_build
    content = changes_page(site)
    assert content.h1.get_text() == f"What changed since hostilelib {OLD_VERSION}"
    new = [li.get_text() for li in content.find(id="new-components").find_next("ul").find_all("li")]
    assert f"Piped`|{IMG}|`" in new
    removed = [li.get_text() for li in content.find(id="removed-components").find_next("ul").find_all("li")]
    assert removed == [
        "Gone<img src=x onerror=\"window.__pwned = 'removed'\">",
        "Gone[click](javascript:window.__pwned='removed-md')",
    ]
    headings = [h3.get_text() for h3 in content.find_all("h3")]
    assert headings == ["Evil", f"Linked{MD_LINK}", f"Renamed{IMG}"]


def test_the_changes_table_keeps_its_shape_and_links(hostile_build):
    site, _ = hostile_build
    rows = changes_page(site).select("table tbody tr")
    assert [len(row.find_all("td")) for row in rows] == [6, 6, 6]  # no pipe in a name split a cell
    links = {row.a.get_text(): row.a["href"] for row in rows}
    assert links[f"Linked{MD_LINK}"] == "../components/linked-click-javascript-window-__pwned-md-name/"
    assert links[f"Renamed{IMG}"] == "../components/renamed-img-src-x-onerror-window-__pwned-img/"


def test_parameters_and_events_of_the_changes_page_are_code(hostile_build):
    """Line breaks in an old model's names, types and defaults stay inside their code span."""
    site, _ = hostile_build
    codes = [code.get_text() for code in changes_page(site).find_all("code")]
    param, annotation = (f"<img src=x onerror=\"window.__pwned = '{mark}'\">" for mark in ("param", "type"))
    assert f"gone  {param}: int  {annotation}" in codes
    assert "\"old  <img src=x onerror=\"window.__pwned = 'old-default'\">\"" in codes
    assert "`<img src=x onerror=\"window.__pwned = 'event'\">`" in codes
