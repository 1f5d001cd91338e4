"""early.js goes inline at the top of the pages that have a live demo, and only those."""

from __future__ import annotations

from docsgen.bundle import with_early_script

HEAD = '<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>T</title>\n'
DEMO = '<section class="dgl-demo" aria-label="Live demo: Text" data-docsgen-demo>'


def page(body: str, head: str = HEAD) -> str:
    return f"{head}</head>\n<body>{body}</body></html>"


def test_a_page_without_a_demo_is_unchanged():
    html = page("<p>Text has a <code>data-docsgen-demo</code> attribute.</p>")
    assert with_early_script(html, "../_docsgen/runtime/") == html


def test_the_script_follows_the_charset_and_names_the_runtime():
    html = with_early_script(page(DEMO), "../../_docsgen/runtime/")
    charset_end = html.index('<meta charset="utf-8">') + len('<meta charset="utf-8">')
    assert html[charset_end:].startswith('<script data-runtime="../../_docsgen/runtime/">')
    assert html.index("<title>") > html.index("</script>")  # before anything else in <head>
    assert "window.__docsgenEarly" in html


def test_the_playground_page_gets_it_too():
    assert "__docsgenEarly" in with_early_script(page('<div data-docsgen-playground>'), "_docsgen/runtime/")


def test_without_a_charset_it_opens_the_head():
    html = with_early_script(page(DEMO, head="<html><head lang=en>"), "x/")
    assert html.startswith('<html><head lang=en><script data-runtime="x/">')


def test_the_url_is_escaped_and_comments_are_left_out():
    html = with_early_script(page(DEMO), 'a"b/')
    script = html[html.index("<script"): html.index("</script>")]
    assert 'data-runtime="a&#34;b/"' in script
    assert not [line for line in script.splitlines() if line.lstrip().startswith("//")]
