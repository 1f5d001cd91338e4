"""Generated pages as files, for a site engine that runs no docsgen plugin (Zensical): ``python -m docsgen
generate`` writes them into the docs before the engine's build, and ``python -m docsgen finish`` adds after
it what the plugin adds while building (docsgen/cli.py).

Each page is its Markdown with every HTML fragment in place, wrapped in one ``<div>``: a raw HTML block,
which Python-Markdown passes through untouched, so the library's text is never read as Markdown.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .site import Page

_FRAGMENT_RE = re.compile(r"<!--dg-fragment:(\d+)-->")


def page_markdown(page: Page) -> str:
    """The page's Markdown with its fragments in place, each a raw HTML block."""

    def block(match: re.Match[str]) -> str:
        return f'<div class="dg-fragment" markdown="0">\n{page.fragments[int(match.group(1))]}\n</div>'

    return _FRAGMENT_RE.sub(block, page.content)


def write_pages(pages: list[Page], docs_dir: Path) -> list[Path]:
    """Write every page under ``docs_dir`` at its path; the files written."""
    written = []
    for page in pages:
        target = docs_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_markdown(page), encoding="utf-8")
        written.append(target)
    return written


def nav_yaml(pages: list[Page], extra: list[Page]) -> str:
    """The nav entries for the generated pages, in mkdocs.yml's YAML: one section per reference section."""
    lines: list[str] = [f"  - {_quoted(page.title)}: {_quoted(page.path)}" for page in extra]
    section = None
    for page in pages:
        if page.section != section:
            section = page.section
            lines.append(f"  - {_quoted(section)}:")
        lines.append(f"    - {_quoted(page.title)}: {_quoted(page.path)}")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one): titles are the library's text."""
    return json.dumps(text, ensure_ascii=False)
