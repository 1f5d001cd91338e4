"""Docstrings, annotations, defaults, tags and names are text: markup in them never becomes markup
in the site (pages, tables, navigation, search index, JSON model), and broken components warn."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

HOSTILE_MARKERS = ("window.__pwned",)


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
                "twice": ["value"], "bare": []}
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
