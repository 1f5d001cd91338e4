"""The live-demo pages' first script (playground/src/early.js), inlined at the top of their <head>.

It must run before the page's style sheets and scripts load, so it is inlined rather than linked (a request
would cost a round trip before the worker can start); see early.js for what it does.

The same pages get mkdocs-material's scripts held: from the theme's bundle to the end of the page, every
classic script is made inert (its type says so; the bundle is still fetched early, by a preload link) and
early.js runs them, in their order, once Python has loaded for a demo in view (or at once when none is).
Module and async scripts are left as they are: they never blocked the page.
"""

from __future__ import annotations

import functools
import re

from markupsafe import escape

from .npm import playground_dir

# Pages that hold a live demo or the playground (their markup: docsgen/templates/*.html.j2).
_LIVE = re.compile(r"<[^>]+\bdata-docsgen-(?:demo|playground)\b")
# mkdocs-material's bundle, the first of the scripts that early.js may run later.
_THEME_BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.\w+\.min\.js"')
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""([\w-]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_CLASSIC_TYPES = {None, "", "text/javascript", "application/javascript"}
HELD_TYPE = "text/x-docsgen-later"
# After the charset declaration, which must stay within the first 1024 bytes of the page; else after <head>.
_ANCHORS = (re.compile(r"<meta charset=[^>]*>", re.IGNORECASE), re.compile(r"<head\b[^>]*>", re.IGNORECASE))


@functools.cache
def _source() -> str:
    """early.js without its comment lines and indentation: it goes into every page with a demo."""
    kept, in_comment = [], False
    for line in (playground_dir() / "src" / "early.js").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("/*"):
            in_comment = True
        if not in_comment and line and not line.startswith("//"):
            kept.append(line)
        if in_comment and line.endswith("*/"):
            in_comment = False
    return "\n".join(kept)


def with_early_script(html: str, runtime_url: str) -> str:
    """``html`` with early.js inlined after its charset (or <head>) when it has a live demo, else unchanged.

    ``runtime_url``: the site's ``_docsgen/runtime/`` relative to the page.
    """
    if not _LIVE.search(html):
        return html
    if not any(pattern.search(html) for pattern in _ANCHORS):
        return html
    html, held = _hold_theme_scripts(html)
    anchor = next(found for pattern in _ANCHORS if (found := pattern.search(html)))
    # data-theme-held: early.js gives the page the theme's styles for JavaScript at once (see there).
    flag = " data-theme-held" if held else ""
    tag = f'<script data-runtime="{escape(runtime_url)}"{flag}>{_source()}</script>'
    return html[: anchor.end()] + tag + html[anchor.end():]


def _hold_theme_scripts(html: str) -> tuple[str, bool]:
    """The page with the theme's classic scripts inert and preloaded, and the call that runs them at the end
    of the body (and whether there were any)."""
    bundle = _THEME_BUNDLE.search(html)
    end = html.rfind("</body>")
    if bundle is None or end < bundle.start():
        return html, False
    parts = []
    at = 0
    for script in _SCRIPT.finditer(html, bundle.start(), end):
        attributes = {name.lower(): value for name, value in _ATTRIBUTE.findall(script.group(1))}
        type_ = attributes.get("type", "").strip("\"'").lower() or None
        if type_ not in _CLASSIC_TYPES or "async" in attributes:
            continue
        parts.append(html[at: script.start()])
        parts.append(_held(script.group(2), attributes))
        at = script.end()
    parts.append(html[at:end] + "<script>__docsgenEarly.theme()</script>" + html[end:])
    return "".join(parts), True


def _held(body: str, attributes: dict[str, str]) -> str:
    """An inert copy of one script (early.js restores its type), with a preload link when it has a source.

    ``attributes``: the script's, as parsed (values keep their quotes; a bare attribute has "").
    """
    kept = "".join(f" {name}={value}" if value else f" {name}" for name, value in attributes.items() if name != "type")
    preload = ""
    if "src" in attributes:
        crossorigin = " crossorigin" if "crossorigin" in attributes else ""
        preload = f'<link rel="preload" as="script" href={attributes["src"]}{crossorigin}>'
    return f'{preload}<script type="{HELD_TYPE}"{kept}>{body}</script>'

