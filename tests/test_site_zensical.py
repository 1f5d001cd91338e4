"""The example library's site built by Zensical through `docsgen generate` / `finish` (no plugin): component
pages with their parameter tables, the events table equal to EVENTS, objects.inv, the live demos' files."""

from __future__ import annotations

import inspect
import json
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.live_support import EXAMPLELIB_SRC
from tests.test_inventory import site_ids, unresolved
from tests.zensical_support import zensical_example_site

pytestmark = pytest.mark.slow

sys.path.insert(0, str(EXAMPLELIB_SRC))
import examplelib  # noqa: E402  (from the source tree, as the build uses it)

COMPONENTS = [cls for name in examplelib.__all__ if inspect.isclass(cls := getattr(examplelib, name))
              and issubclass(cls, examplelib.Component) and cls is not examplelib.Component]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return zensical_example_site(tmp_path_factory)


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_bytes(), "html.parser")


def test_zensical_built_it(site):
    log = (site.parent / "zensical.log").read_text()
    assert "Build finished" in log and (site / "index.html").exists()


@pytest.mark.parametrize("cls", COMPONENTS, ids=lambda c: c.__name__)
def test_component_page_has_its_parameter_table_and_events(site, cls):
    soup = page(site, f"components/{cls.__name__.lower()}")
    assert soup.h1.get_text(strip=True).startswith(cls.__name__)
    rows = [tr["id"].removeprefix("param-") for tr in soup.select("table.dg-params")[0].select("tbody tr")]
    expected = [n for n in inspect.signature(cls.__init__).parameters if n != "self" and not n.startswith("_")]
    assert rows == expected
    events = [tr["id"].removeprefix("event-") for tr in soup.select("table.dg-events tbody tr")]
    assert events == list(dict.fromkeys(cls.EVENTS))
    assert soup.select_one(f'[aria-label="Live demo: {cls.__name__}"]')


def test_events_table_equals_EVENTS(site):
    table = page(site, "components/events").select_one("table.dg-events-matrix")
    columns = [th.get_text(strip=True) for th in table.select("thead th")][1:]
    rows = {tr.th.get_text(strip=True): tr for tr in table.select("tbody tr")}
    assert sorted(rows) == sorted(cls.__name__ for cls in COMPONENTS)
    for cls in COMPONENTS:
        marks = [td.get_text(strip=True) for td in rows[cls.__name__].select("td")]
        assert marks == ["✓" if name in cls.EVENTS else "✗" for name in columns], cls.__name__


def test_no_placeholder_or_markdown_is_left_in_fragments(site):
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "dg-fragment:" not in text, html


def test_finish_adds_the_inventory_runtime_and_early_script(site):
    import sphobjinv

    inventory = sphobjinv.Inventory(site / "objects.inv")
    assert inventory.project == "examplelib" and inventory.count > len(COMPONENTS)
    assert unresolved(inventory, site_ids(site)) == []
    manifest = json.loads((site / "_docsgen" / "runtime" / "manifest.json").read_text())
    assert "examplelib" in [package["name"] for package in manifest["packages"]]
    slider = (site / "components" / "slider" / "index.html").read_text(encoding="utf-8")
    plain = (site / "index.html").read_text(encoding="utf-8")
    assert slider.count("<script") > plain.count("<script"), "the page with a demo has the early script"


def test_every_link_of_the_content_resolves(site):
    """Zensical reads raw HTML links from the Markdown file's folder: generate writes them for that."""
    soups = {p.relative_to(site).as_posix(): BeautifulSoup(p.read_bytes(), "html.parser") for p in site.rglob("*.html")}
    ids = {rel: {tag["id"] for tag in soup.select("[id]")} for rel, soup in soups.items()}
    broken = []
    for rel, soup in soups.items():
        for a in soup.select("article a[href]"):
            target = urlsplit(urljoin("/" + rel, a["href"]))
            if target.scheme or target.netloc:
                continue
            path = unquote(target.path).lstrip("/")
            path = path + "index.html" if path.endswith("/") or not path else path
            if path not in soups or (target.fragment and unquote(target.fragment) not in ids[path]):
                broken.append((rel, a["href"]))
    assert broken == []


def test_finish_writes_llms_txt_and_markdown_copies(site):
    from tests.test_site_llms import first_code, sections

    llms = (site / "llms.txt").read_text(encoding="utf-8")
    assert llms.startswith("# examplelib reference\n")
    for cls in COMPONENTS:
        folder = site / "components" / cls.__name__.lower()
        assert f"(components/{cls.__name__.lower()}/index.html.md)" in llms
        copy = (folder / "index.html.md").read_text(encoding="utf-8")
        names = [first_code(item).split(":")[0].split("=")[0].lstrip("*")
                 for item in sections(copy)["Initialization"]]
        assert names == [n for n in inspect.signature(cls.__init__).parameters if n != "self" and not n.startswith("_")]
        head = BeautifulSoup((folder / "index.html").read_bytes(), "html.parser").head
        assert head.select_one('link[rel="alternate"]') is None  # the theme would fetch <page>/sitemap.xml
