"""Docstring text (untrusted Markdown) -> safe HTML.

Raw HTML in docstrings is shown as text, never passed through: markdown-it-py runs with
``html`` off, and its link validation drops ``javascript:`` and similar URLs. Bare ``https://`` URLs
become links (linkify, through the same validation), except on names reserved for examples.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markupsafe import Markup

from ..docstrings import TYPE_MARK_RE

# Private-use characters cannot occur in real docstrings' type marks and pass through markdown-it untouched.
_OPEN, _CLOSE = "\ue000", "\ue001"
_PLACEHOLDER_RE = re.compile(f"{_OPEN}(\\d+){_CLOSE}")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "typographer": False, "linkify": True})
    parser.enable(["table", "linkify"])
    # Only URLs written with their scheme: a fuzzy match would make `run.py` and `gr.Blocks` links.
    parser.linkify.set({"fuzzy_link": False, "fuzzy_email": False, "fuzzy_ip": False})
    # A bare URL on a name reserved for examples (https://example.com/myapp) is a placeholder, not a place
    # to go: it stays text. Written as a Markdown link, it is still a link. markdown-it finds bare URLs
    # with both methods (the inline rule at a scheme, the core rule in the rest of the text).
    linkify, match, match_at_start = parser.linkify, parser.linkify.match, parser.linkify.match_at_start
    linkify.match = lambda text: [m for m in match(text) or [] if not _placeholder(m.url)] or None
    linkify.match_at_start = lambda text: None if (m := match_at_start(text)) and _placeholder(m.url) else m
    return parser


# RFC 2606 and RFC 6761: names that never belong to a real site.
_RESERVED = re.compile(r"(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$")


def _placeholder(url: str) -> bool:
    return bool(_RESERVED.search((urlsplit(url).hostname or "").rstrip(".")))


def markdown(text: str, inline: bool = False) -> Markup:
    """Render Markdown from a docstring; ``{str}``-style marks become type badges."""
    if not text:
        return Markup("")
    text = text.replace(_OPEN, "").replace(_CLOSE, "")
    marks: list[str] = []

    def stash(match: re.Match[str]) -> str:
        marks.append(match.group(1))
        return f"{_OPEN}{len(marks) - 1}{_CLOSE}"

    source = TYPE_MARK_RE.sub(stash, text)
    rendered = _parser().renderInline(source) if inline else _parser().render(source)
    rendered = _PLACEHOLDER_RE.sub(lambda m: _type_badge(marks[int(m.group(1))]), rendered)
    return Markup(rendered.strip())


def _type_badge(name: str) -> str:
    return f'<code class="dg-type">{html.escape(name)}</code>'


def plain(text: str) -> str:
    """Docstring text without Markdown or type marks, for one-line summaries and tooltips."""
    text = TYPE_MARK_RE.sub(lambda m: m.group(1), text or "")
    text = re.sub(r"[`*_]", "", text)
    return " ".join(text.split())


def summary(text: str, limit: int = 160) -> str:
    first = plain((text or "").split("\n\n", 1)[0])
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"
