"""early.js goes inline at the top of the pages that have a live demo, and only those."""

from __future__ import annotations

import re

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


# The end of an mkdocs-material page: its config, its bundle, the site's extra scripts.
THEME_END = (
    '<script id="__config" type="application/json">{"base": "../.."}</script>\n'
    '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>\n'
    '<script src="../../extra.js" defer></script>\n'
    '<script>document$.subscribe(() => {})</script>\n'
    '<script src="../../async.js" async></script>\n'
    '<script src="../../_docsgen/runtime/demos.js" type="module"></script>\n'
    '<script type="text/javascript" src="../../typed.js"></script>\n'
)


def held(html: str) -> list[str]:
    return re.findall(r'<script type="text/x-docsgen-later"[^>]*>.*?</script>', html, re.DOTALL)


def test_the_theme_s_classic_scripts_are_held_in_their_order():
    html = with_early_script(page(DEMO + THEME_END), "../../_docsgen/runtime/")
    assert held(html) == [
        '<script type="text/x-docsgen-later" src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>',
        '<script type="text/x-docsgen-later" src="../../extra.js" defer></script>',
        '<script type="text/x-docsgen-later">document$.subscribe(() => {})</script>',
        '<script type="text/x-docsgen-later" src="../../typed.js"></script>',
    ]
    # What never blocked the page is left alone; the theme's config is data.
    for kept in ('<script src="../../async.js" async></script>', '<script id="__config" type="application/json">',
                 '<script src="../../_docsgen/runtime/demos.js" type="module"></script>'):
        assert kept in html
    # early.js is called after them, last thing in the body, and told that it holds the theme.
    assert html.endswith("<script>__docsgenEarly.theme()</script></body></html>")
    assert '<script data-runtime="../../_docsgen/runtime/" data-theme-held>' in html


def test_held_scripts_with_a_source_are_still_fetched_early():
    html = with_early_script(page(DEMO + THEME_END), "../../_docsgen/runtime/")
    preloads = re.findall(r'<link rel="preload" as="script" href="([^"]+)">', html)
    assert preloads == ["../../assets/javascripts/bundle.a5f9d56c.min.js", "../../extra.js", "../../typed.js"]
    assert html.index('href="../../extra.js"') < html.index('src="../../extra.js"')


def test_scripts_before_the_theme_bundle_and_other_themes_are_left_alone():
    before = '<script src="../../head.js"></script>'
    html = with_early_script(page(before + DEMO + THEME_END), "x/")
    assert before in html
    other_theme = page(DEMO + '<script src="js/theme.js"></script>')
    html = with_early_script(other_theme, "x/")
    assert '<script src="js/theme.js"></script>' in html and "__docsgenEarly.theme()" not in html
    assert "data-theme-held" not in html


def test_pages_without_a_demo_keep_the_theme_as_it_is():
    html = page("<p>No demo.</p>" + THEME_END)
    assert with_early_script(html, "x/") == html
