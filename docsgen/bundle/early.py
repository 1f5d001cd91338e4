"""The live-demo pages' first script (playground/src/early.js), inlined at the top of their <head>.

It must run before the page's style sheets and scripts load, so it is inlined rather than linked (a request
would cost a round trip before the worker can start); see early.js for what it does.
"""

from __future__ import annotations

import functools
import re

from markupsafe import escape

from .npm import playground_dir

# Pages that hold a live demo or the playground (their markup: docsgen/templates/*.html.j2).
_LIVE = re.compile(r"<[^>]+\bdata-docsgen-(?:demo|playground)\b")
# After the charset declaration, which must stay within the first 1024 bytes of the page; else after <head>.
_ANCHORS = (re.compile(r"<meta charset=[^>]*>", re.IGNORECASE), re.compile(r"<head\b[^>]*>", re.IGNORECASE))


@functools.cache
def _source() -> str:
    """early.js without its comment lines and indentation: it goes into every page with a demo."""
    lines = (playground_dir() / "src" / "early.js").read_text(encoding="utf-8").splitlines()
    return "\n".join(line.strip() for line in lines if line.strip() and not line.strip().startswith("//"))


def with_early_script(html: str, runtime_url: str) -> str:
    """``html`` with early.js inlined after its charset (or <head>) when it has a live demo, else unchanged.

    ``runtime_url``: the site's ``_docsgen/runtime/`` relative to the page.
    """
    if not _LIVE.search(html):
        return html
    anchor = next((found for pattern in _ANCHORS if (found := pattern.search(html))), None)
    if anchor is None:
        return html
    tag = f'<script data-runtime="{escape(runtime_url)}">{_source()}</script>'
    return html[: anchor.end()] + tag + html[anchor.end():]
