"""Generated pages as files, for a site engine that runs no docsgen plugin (Zensical): ``python -m docsgen
generate`` writes them into the docs before the engine's build, and ``python -m docsgen finish`` adds after
it what the plugin adds while building (docsgen/cli.py).

Each page is its Markdown with every HTML fragment in place, wrapped in one ``<div>``: a raw HTML block,
which Python-Markdown passes through untouched, so the library's text is never read as Markdown. Zensical
reads a relative link in raw HTML from the Markdown file's folder (as a Markdown link), where the plugin's
pages link from their URL: the fragments' links are rewritten to the target's file (``../events/`` from
``components/file.md`` becomes ``events.md``), which the engine turns into the page's URL.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..model import Library
from .inventory import page_url
from .site import Page, RenderOptions
from .text import site_text_files

_FRAGMENT_RE = re.compile(r"<!--dg-fragment:(\d+)-->")
_HREF_RE = re.compile(r'(\shref=")([^"#:]+)((?:#[^"]*)?")')


def page_markdown(page: Page, files: dict[str, str] | None = None) -> str:
    """The page's Markdown with its fragments in place, each a raw HTML block.

    ``files``: URL (from the site root) -> file of every page, for the links (``source_links``).
    """

    def block(match: re.Match[str]) -> str:
        fragment = source_links(page, page.fragments[int(match.group(1))], files or {})
        return f'<div class="dg-fragment" markdown="0">\n{fragment}\n</div>'

    return _FRAGMENT_RE.sub(block, page.content)


def source_links(page: Page, html: str, files: dict[str, str]) -> str:
    """Relative links of ``html`` (written from the page's URL) as paths from the page's file: to the
    target page's file when the target is a page, else to the target itself."""
    base = "/" + page_url(page.path)
    folder = posixpath.dirname(page.path)

    def rewrite(match: re.Match[str]) -> str:
        if match.group(2).startswith("/"):
            return match.group(0)
        target = urlsplit(urljoin(base, match.group(2))).path.lstrip("/")
        file = files.get(target, target or ".")
        return match.group(1) + posixpath.relpath(file, folder or ".") + match.group(3)

    return _HREF_RE.sub(rewrite, html)


def write_pages(pages: list[Page], docs_dir: Path) -> list[Path]:
    """Write every page under ``docs_dir`` at its path; the files written."""
    files = {page_url(page.path): page.path for page in pages}
    written = []
    for page in pages:
        target = docs_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_markdown(page, files), encoding="utf-8")
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


def write_text_files(site_dir: Path, library: Library, options: RenderOptions, title: str) -> None:
    """After the engine's build: llms.txt and the Markdown copy of every reference page, as the plugin writes
    them (directory URLs, as for objects.inv)."""
    for path, text in site_text_files(library, options, title).items():
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_text(text, encoding="utf-8")
