"""objects.inv, read by a real consumer (sphobjinv): every entry's page and anchor exist in the built site,
and every component, parameter and event of the library is in it."""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from .conftest import FIXTURES, run_mkdocs, write_site_config

soi = pytest.importorskip("sphobjinv")


def read_inventory(site: Path) -> soi.Inventory:
    return soi.Inventory(site / "objects.inv")


def site_ids(site: Path) -> dict[str, set[str]]:
    """Every built page (relative path) with the ids of its elements."""
    return {
        page.relative_to(site).as_posix(): {tag["id"] for tag in BeautifulSoup(page.read_bytes(), "html.parser")
                                            .select("[id]")}
        for page in site.rglob("*.html")
    }


def unresolved(inventory: soi.Inventory, ids: dict[str, set[str]]) -> list[str]:
    """Entries whose page is not in the site, or whose anchor is no element's id on that page."""
    broken = []
    for obj in inventory.objects:
        target = urlsplit(obj.uri_expanded)
        path = unquote(target.path)
        path = path + "index.html" if path.endswith("/") or not path else path
        if path not in ids or (target.fragment and unquote(target.fragment) not in ids[path]):
            broken.append(f"{obj.name} {obj.domain}:{obj.role} {obj.uri}")
    return broken


def by_role(inventory: soi.Inventory) -> dict[str, dict[str, str]]:
    """role ("py:class") -> name -> expanded URI."""
    roles: dict[str, dict[str, str]] = {}
    for obj in inventory.objects:
        roles.setdefault(f"{obj.domain}:{obj.role}", {})[obj.name] = obj.uri_expanded
    return roles


@pytest.fixture(scope="module")
def widgetlib():
    sys.path.insert(0, str(FIXTURES))
    try:
        yield importlib.import_module("widgetlib")
    finally:
        sys.path.remove(str(FIXTURES))


def documented_widgets(widgetlib) -> list[type]:
    """The components docsgen documents for widgetlib: the exported public subclasses of Widget."""
    return [obj for name in widgetlib.__all__ if inspect.isclass(obj := getattr(widgetlib, name))
            and issubclass(obj, widgetlib.Widget) and obj is not widgetlib.Widget]


def own_parameters(cls: type) -> list[str]:
    """Parameters of the class's own __init__ that the reference shows (no self, no _private)."""
    if "__init__" not in vars(cls):
        return []
    return [n for n in inspect.signature(cls.__init__).parameters if n != "self" and not n.startswith("_")]


def safe_events(cls: type) -> list[str]:
    try:
        return [str(e) for e in cls.EVENTS]
    except Exception:  # widgetlib.Broken's EVENTS raises on purpose
        return []


def test_widgetlib_inventory_resolves_in_the_site(widget_build):
    site, result = widget_build
    assert result.returncode == 0, result.stderr[-2000:]
    inventory = read_inventory(site)
    assert inventory.project == "widgetlib" and inventory.count > 0
    assert unresolved(inventory, site_ids(site)) == []


def test_widgetlib_inventory_lists_components_parameters_and_events(widget_build, widgetlib):
    site, _ = widget_build
    roles = by_role(read_inventory(site))
    for cls in documented_widgets(widgetlib):
        owner = f"widgetlib.{cls.__name__}"
        assert roles["py:class"][owner].startswith(f"components/{cls.__name__.lower()}/")
        for name in own_parameters(cls):
            assert roles["py:parameter"][f"{owner}({name})"].endswith(f"#param-{name}"), (owner, name)
        for event in safe_events(cls):
            assert roles["py:method"][f"{owner}.{event}"].endswith(f"#event-{event}"), (owner, event)
    assert roles["std:doc"]["components/events"] == "components/events/"


def test_hostile_names_give_a_readable_inventory_that_resolves(hostile_build):
    site, result = hostile_build
    assert result.returncode == 0, result.stderr[-2000:]
    inventory = read_inventory(site)
    assert inventory.count > 0
    assert unresolved(inventory, site_ids(site)) == []


def test_inventory_without_directory_urls(tmp_path):
    config = write_site_config(tmp_path, "widgetlib", "widgetlib.Widget")
    config.write_text(config.read_text() + "use_directory_urls: false\n")
    site = tmp_path / "site"
    result = run_mkdocs(config, site, extra_path=FIXTURES)
    assert result.returncode == 0, result.stderr[-2000:]
    inventory = read_inventory(site)
    assert by_role(inventory)["py:class"]["widgetlib.Slider"] == "components/slider.html"
    assert unresolved(inventory, site_ids(site)) == []


def public_name(module, cls: type) -> str:
    """How users reach a class: from the top-level module when it exports it, else where it is defined."""
    if getattr(module, cls.__name__, None) is cls:
        return f"{module.__name__}.{cls.__name__}"
    return f"{cls.__module__}.{cls.__qualname__}"


def test_gradio_inventory(gradio_site):
    gr = pytest.importorskip("gradio")
    from gradio_client import documentation

    inventory = read_inventory(gradio_site)
    assert (inventory.project, inventory.version) == ("gradio", gr.__version__)
    assert unresolved(inventory, site_ids(gradio_site)) == []
    roles = by_role(inventory)
    documented = [e["class"] for e in documentation.generate_documentation()["component"]
                  if hasattr(e["class"], "EVENTS")]
    for cls in documented:
        owner = public_name(gr, cls)
        assert roles["py:class"][owner] == f"components/{cls.__name__.lower()}/"
        for name in own_parameters(cls):
            assert f"{owner}({name})" in roles["py:parameter"], (owner, name)
        for event in cls.EVENTS:
            assert f"{owner}.{event}" in roles["py:method"], (owner, event)
    assert roles["py:parameter"]["gradio.Textbox(lines)"] == "components/textbox/#param-lines"
    assert roles["py:method"]["gradio.Blocks.launch"] == "building/blocks/#gradio.Blocks.launch"
    uris = [obj.uri_expanded for obj in inventory.objects if obj.domain == "py"]
    assert len(uris) == len(set(uris)), "no two objects share an anchor"
