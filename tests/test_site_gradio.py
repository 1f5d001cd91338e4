"""The repository's gradio site, built for real with `mkdocs build --strict`, checked against gradio."""

from __future__ import annotations

import ast
import inspect
import json
import os
import re
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

gr = pytest.importorskip("gradio")
from gradio_client import documentation  # noqa: E402

DOCUMENTED = [e["class"] for e in documentation.generate_documentation()["component"] if hasattr(e["class"], "EVENTS")]


def page(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def installed(value):
    """Defaults that are paths into site-packages are shown from there on, without the machine's prefix."""
    if isinstance(value, str) and os.path.isabs(value) and "site-packages" + os.sep in value:
        return "<site-packages>" + os.sep + value.split("site-packages" + os.sep, 1)[1]
    return value


def unique(items) -> list[str]:
    return list(dict.fromkeys(str(i) for i in items))


@pytest.mark.parametrize("cls", DOCUMENTED, ids=lambda c: c.__name__)
def test_component_page_lists_every_parameter_with_its_default(gradio_site, cls):
    soup = page(gradio_site, f"components/{cls.__name__.lower()}")
    assert soup.h1.get_text(strip=True).startswith(cls.__name__)
    table = soup.select_one("table.dg-params")
    rows = {tr["id"].removeprefix("param-"): tr for tr in table.select("tbody tr")}
    signature = inspect.signature(cls.__init__)
    expected = [n for n in signature.parameters if n != "self" and not n.startswith("_")]
    assert list(rows) == expected
    for name, row in rows.items():
        default = signature.parameters[name].default
        shown = row.select_one(".dg-param-default").get_text(strip=True)
        if signature.parameters[name].kind in (inspect.Parameter.VAR_KEYWORD, inspect.Parameter.VAR_POSITIONAL):
            assert shown == "" and row.select_one(".dg-param-name").get_text().count("*") >= 1
            continue
        if default is inspect.Parameter.empty:
            assert shown == "required"
            continue
        try:
            assert ast.literal_eval(shown) == installed(default), name
        except (ValueError, SyntaxError):
            assert shown, name
        assert row.select_one(f'a[href="#param-{name}"]'), "every parameter has an anchor link"


@pytest.mark.parametrize("cls", DOCUMENTED, ids=lambda c: c.__name__)
def test_component_page_lists_its_events(gradio_site, cls):
    soup = page(gradio_site, f"components/{cls.__name__.lower()}")
    shown = [tr["id"].removeprefix("event-") for tr in soup.select("table.dg-events tbody tr")]
    assert shown == unique(cls.EVENTS)
    listener_table = soup.select("table.dg-params")[1]
    assert listener_table.select_one("tr#listener-fn") and listener_table.select_one("tr#listener-inputs")


def test_events_table_equals_EVENTS_for_every_row(gradio_site):
    soup = page(gradio_site, "components/events")
    table = soup.select_one("table.dg-events-matrix")
    columns = [th.get_text(strip=True) for th in table.select("thead th")][1:]
    all_events = {str(e) for cls in DOCUMENTED for e in cls.EVENTS}
    assert sorted(columns) == sorted(all_events)
    counts = [sum(name in map(str, cls.EVENTS) for cls in DOCUMENTED) for name in columns]
    assert counts == sorted(counts, reverse=True), "most supported events first"
    rows = table.select("tbody tr")
    assert [tr.th.get_text(strip=True) for tr in rows] == [cls.__name__ for cls in DOCUMENTED]
    for cls, row in zip(DOCUMENTED, rows, strict=True):
        marks = [td.get_text(strip=True) for td in row.select("td")]
        expected = ["✓" if name in map(str, cls.EVENTS) else "✗" for name in columns]
        assert marks == expected, cls.__name__
        link = row.th.a["href"]
        assert (gradio_site / "components" / link.strip("./").split("/")[-1] / "index.html").exists() or link


def test_event_columns_link_to_descriptions(gradio_site):
    soup = page(gradio_site, "components/events")
    for th in soup.select("table.dg-events-matrix thead th a"):
        target = th["href"].lstrip("#")
        assert soup.find(id=target) is not None, target


def test_template_shortcut_shows_what_it_sets(gradio_site):
    soup = page(gradio_site, "components/textbox")
    text = soup.select_one("table.dg-shortcuts").get_text(" ", strip=True)
    assert "gradio.TextArea" in text and "lines=7" in text and '"textbox"' in text


def test_description_tags_are_not_prose(gradio_site):
    soup = page(gradio_site, "components/textbox")
    description = soup.select_one(".dg-description").get_text(" ", strip=True)
    assert "Demos:" not in description and "Guides:" not in description
    assert "hello_world" in soup.select_one(".dg-tags").get_text()


def test_type_marks_are_shown_as_types(gradio_site):
    soup = page(gradio_site, "components/textbox")
    behaviour = soup.select(".dg-behaviour")[0]
    assert "{str}" not in behaviour.get_text()
    assert behaviour.select_one("code.dg-type").get_text() in ("str", "str | None")


def test_navigation_sections_in_order(gradio_site):
    soup = page(gradio_site, "components/textbox")
    nav = soup.select_one("nav.md-nav--primary")
    labels = [label.get_text(strip=True) for label in nav.select("li.md-nav__item--section > label, "
                                                                  "li.md-nav__item--section > a, "
                                                                  "li.md-nav__item--section > div a")]
    text = nav.get_text(" ", strip=True)
    positions = [text.find(section) for section in ("Building", "Layout", "Components", "Helpers", "Modals",
                                                     "Routes", "Other")]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), (positions, labels[:10])


def test_previous_and_next_links(gradio_site):
    soup = page(gradio_site, "components/textbox")
    footer = soup.select_one("nav.md-footer__inner")
    assert footer.select_one("a.md-footer__link--prev") and footer.select_one("a.md-footer__link--next")


def test_search_indexes_parameter_names(gradio_site):
    index = json.loads((gradio_site / "search" / "search_index.json").read_text())
    textbox = [d for d in index["docs"] if d["location"].startswith("components/textbox/")]
    assert any("max_lines" in d["text"] for d in textbox)


def test_light_and_dark_palettes(gradio_site):
    soup = page(gradio_site, "components/textbox")
    schemes = {i.get("data-md-color-scheme") for i in soup.select("input[data-md-color-scheme]")}
    assert {"default", "slate"} <= schemes


def test_model_json_is_published(gradio_site):
    data = json.loads((gradio_site / "model.json").read_text())
    assert data["library"] == {"name": "gradio", "version": gr.__version__, "framework": "gradio"}
    assert len(data["components"]) == len(DOCUMENTED)


def test_other_groups_have_pages(gradio_site):
    soup = page(gradio_site, "building/blocks")
    assert soup.h1.get_text(strip=True).startswith("Blocks")
    assert soup.select_one("tr#param-title")
    assert soup.find(id="launch"), "documented methods have sections"
    assert (gradio_site / "layout" / "row" / "index.html").exists()
    assert (gradio_site / "modals" / "error" / "index.html").exists()
    assert (gradio_site / "helpers" / "cache" / "index.html").exists()
    assert (gradio_site / "helpers" / "cache-class" / "index.html").exists()


def test_components_index_has_flow_and_grid(gradio_site):
    soup = page(gradio_site, "components")
    assert soup.select_one("figure.dg-flow")
    cards = soup.select("a.dg-card")
    assert [c.strong.get_text() for c in cards] == [cls.__name__ for cls in DOCUMENTED]


def test_every_internal_link_and_anchor_resolves(gradio_site):
    """Links written by our templates bypass MkDocs' link validation, so check them all here."""
    soups = {p.relative_to(gradio_site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
             for p in gradio_site.rglob("*.html")}
    ids = {rel: {tag["id"] for tag in soup.select("[id]")} for rel, soup in soups.items()}
    broken = []
    for rel, soup in soups.items():
        for a in soup.select(".md-content a[href]"):
            target = urlsplit(urljoin("/" + rel, a["href"]))
            if target.scheme not in ("", "http") or target.netloc:
                continue  # another site
            path = unquote(target.path).lstrip("/")
            path = path + "index.html" if path.endswith("/") or not path else path
            if path not in soups or (target.fragment and target.fragment not in ids[path]):
                broken.append((rel, a["href"]))
    assert broken == []


@pytest.mark.parametrize("cls", DOCUMENTED, ids=lambda c: c.__name__)
def test_the_full_signature_folds_and_equals_inspect(gradio_site, cls):
    soup = page(gradio_site, f"components/{cls.__name__.lower()}")
    details = soup.select_one(".dg-usage details.dg-signature")
    assert details is not None and not details.has_attr("open"), "folded until the reader opens it"
    exported = getattr(gr, cls.__name__, None) is cls
    qualname = f"gradio.{cls.__name__}" if exported else f"{cls.__module__}.{cls.__qualname__}"
    assert details.summary.code.get_text() == f"{qualname}(···)"
    parameters = [p for n, p in inspect.signature(cls.__init__).parameters.items()
                  if n != "self" and not n.startswith("_")]
    code = details.pre.get_text()
    assert code.startswith(f"import gradio\n{qualname}(\n") and code.endswith("\n)")
    assert [a.get_text() for a in details.pre.select("a")] == [p.name for p in parameters]
    assert all(a["href"] == f"#param-{a.get_text()}" for a in details.pre.select("a"))
    lines = [line.strip() for line in code.splitlines()[2:-1]]
    names = [line.split(":")[0].split("=")[0].lstrip("*") for line in lines]
    expected = []
    for p in parameters:
        if p.kind is inspect.Parameter.KEYWORD_ONLY and "*," not in expected and not any(
                q.kind is inspect.Parameter.VAR_POSITIONAL for q in parameters):
            expected.append("*,")
        expected.append(p.name)
    assert [("*," if line == "*," else name) for line, name in zip(lines, names, strict=True)] == expected


def test_events_compact_view_equals_EVENTS_for_every_row(gradio_site):
    soup = page(gradio_site, "components/events")
    table = soup.select_one("table.dg-events-compact")
    columns = [th.get_text(strip=True) for th in table.select("thead th.dg-event-col")]
    counts = {name: sum(name in map(str, cls.EVENTS) for cls in DOCUMENTED) for name in
              {str(e) for cls in DOCUMENTED for e in cls.EVENTS}}
    assert [counts[c] for c in columns] == sorted((counts[c] for c in columns), reverse=True)
    assert min(counts[c] for c in columns) > max(n for e, n in counts.items() if e not in columns)
    assert len(columns) <= 12, "fits at 1280 px"
    rows = table.select("tbody tr")
    assert [tr.th.get_text(strip=True) for tr in rows] == [cls.__name__ for cls in DOCUMENTED]
    for cls, row in zip(DOCUMENTED, rows, strict=True):
        cells = row.select("td.dg-yes, td.dg-no")
        assert [td["data-event"] for td in cells] == columns
        checked = [td["data-event"] for td in cells if td.get_text(strip=True) == "✓"]
        assert [td["data-event"] for td in row.select("td.dg-yes")] == checked
        others = [a.get_text(strip=True) for a in row.select("td.dg-other a")]
        assert sorted(checked + others) == sorted(unique(cls.EVENTS)), cls.__name__
        assert not set(others) & set(columns)
        assert all(a["href"] == f"#event-{a.get_text(strip=True)}" for a in row.select("td.dg-other a"))


def test_listener_names_do_not_break(gradio_site):
    soup = page(gradio_site, "components/multimodaltextbox")
    cells = soup.select("table.dg-events tbody td:first-child")
    assert cells and all("dg-listener" in td["class"] for td in cells)
    css = next(gradio_site.rglob("docsgen.css")).read_text()
    assert ".md-typeset td.dg-listener code { white-space: nowrap; }" in css


def test_bare_urls_in_descriptions_are_links(gradio_site):
    soup = page(gradio_site, "components/textbox")
    urls = re.findall(r"https?://[^\s)]+[^\s).,]", gr.Textbox.select.__doc__ or "")
    assert urls, "gradio's Textbox.select names a URL"
    links = [a["href"] for a in soup.select("tr#event-select a")]
    assert set(urls) <= set(links)


def test_demos_and_guides_are_named_as_code_with_where_they_live(gradio_site):
    soup = page(gradio_site, "components/textbox")
    tags = documentation.document_cls(gr.Textbox)[1]
    box = soup.select_one(".dg-tags")
    paragraphs = box.select("p")
    demos = next(p for p in paragraphs if p.get_text().startswith("Demos:"))
    assert [c.get_text() for c in demos.select("code")] == [d.strip() for d in tags["demos"].split(",")]
    guides = next(p for p in paragraphs if p.get_text().startswith("Guides:"))
    assert [c.get_text() for c in guides.select("code")] == [g.strip() for g in tags["guides"].split(",")]
    where = " ".join(p.get_text(" ", strip=True) for p in box.select("p.dg-tag-where"))
    assert "demo/ name /run.py" in where and "gradio.app" in where


def test_navigation_starts_with_gradio_and_docsgen_comes_after_it(gradio_site):
    soup = page(gradio_site, "components/textbox")
    nav = soup.select_one("nav.md-nav--primary > ul.md-nav__list")
    top = [li.find(["label", "a"]).get_text(strip=True) for li in nav.select(":scope > li")]
    first = nav.select_one(":scope > li a")
    assert first.get_text(strip=True) == "Introduction" and first["href"].rstrip("/").endswith("..")
    assert top[1:8] == ["Building", "Layout", "Components", "Helpers", "Modals", "Routes", "Other"]
    assert top.index("Playground") > top.index("Other") and top[-1] == "About docsgen", top
    about = nav.select(":scope > li")[-1]
    pages = {a["href"].rstrip("/").split("/")[-1] for a in about.select("a[href]")}
    assert {"model", "versions", "performance", "packages", "security"} <= pages
    index = page(gradio_site, "")
    assert not [a["href"] for a in index.select("article a[href]") if a["href"].rstrip("/") in
                ("https://github.com", "http://github.com", "#", "")]


def test_no_link_goes_to_a_name_reserved_for_examples(gradio_site):
    """gradio's docstrings name https://example.com/myapp and the like as examples: text, not links."""
    placeholders = re.compile(r"^https?://([^/]*\.)?(example\.(com|org|net)|localhost)([:/]|$)")
    found = [(p.relative_to(gradio_site).as_posix(), a["href"]) for p in gradio_site.rglob("*.html")
             for a in BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").select("a[href]")
             if placeholders.match(a["href"])]
    assert found == []
    assert "https://example.com/myapp" in page(gradio_site, "routes/mount_gradio_app").get_text()


def test_instant_navigation_is_on(gradio_site):
    config = json.loads(page(gradio_site, "components/textbox").select_one("script#__config").get_text())
    assert "navigation.instant" in config["features"]
