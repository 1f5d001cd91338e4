"""What a built site would make a browser load from other hosts, with the fix for each.

docsgen's promise is a site that works from its own files ("no CDN at run time"); a theme default
(mkdocs-material's Google Fonts) or an `extra_css` URL breaks it silently. This reads every built page and
style sheet for what a browser fetches on its own (style sheets, scripts, images, fonts, frames, media,
preconnects; not links a reader may follow) and names what points elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

# (tag, attribute) pairs whose URL the browser loads without the reader doing anything.
LOADED = {
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
    ("iframe", "src"), ("audio", "src"), ("video", "src"), ("video", "poster"), ("embed", "src"),
    ("object", "data"), ("track", "src"), ("input", "src"),
}
LOADED_LINK_RELS = {"stylesheet", "preload", "modulepreload", "icon", "preconnect", "dns-prefetch", "manifest",
                    "apple-touch-icon", "prefetch"}
CSS_URL = re.compile(r"""(?:@import\s+(?:url\()?|url\()\s*['"]?([^'")\s]+)""", re.IGNORECASE)
FONT_HOSTS = ("fonts.googleapis.com", "fonts.gstatic.com")


@dataclass
class ForeignLoad:
    url: str
    files: list[str] = field(default_factory=list)  # site-relative paths of the files that load it

    @property
    def host(self) -> str:
        return urlsplit(self.url if "//" in self.url else "//" + self.url).netloc

    def message(self) -> str:
        where = f"{self.files[0]}" + (f" and {len(self.files) - 1} other files" if len(self.files) > 1 else "")
        return f"the built site loads {self.url} from another host ({where}): {self.fix()}"

    def fix(self) -> str:
        if self.host in FONT_HOSTS:
            return ("mkdocs-material's web fonts; set `theme.font: false` in mkdocs.yml for the system fonts, or "
                    "put the font files in docs/ and declare them in an extra_css file")
        return "copy the file into docs/ and refer to it by a relative path, or remove it"


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and LOADED_LINK_RELS & set(values.get("rel", "").lower().split()):
            self.urls.append(values.get("href", ""))
        for name, value in values.items():
            if (tag, name) in LOADED:
                self.urls += _srcset(value) if name == "srcset" else [value]
            elif name == "style":
                self.urls += css_urls(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += css_urls(data)


def _srcset(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def css_urls(text: str) -> list[str]:
    return CSS_URL.findall(text)


def page_urls(html: str) -> list[str]:
    parser = _Loads()
    parser.feed(html)
    return parser.urls


def is_foreign(url: str, own_host: str) -> bool:
    """An absolute http(s) or protocol-relative URL of a host other than the site's own."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https", "") or not parts.netloc:
        return False
    return parts.netloc.lower() != own_host.lower()


def foreign_loads(site_dir: Path, site_url: str | None = None) -> list[ForeignLoad]:
    """Every URL of another host that a built page or style sheet makes the browser load, in a fixed order."""
    own_host = urlsplit(site_url or "").netloc
    found: dict[str, ForeignLoad] = {}
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in (".html", ".css") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        urls = page_urls(text) if path.suffix == ".html" else css_urls(text)
        for url in urls:
            if is_foreign(url, own_host):
                files = found.setdefault(url, ForeignLoad(url)).files
                name = path.relative_to(site_dir).as_posix()
                if name not in files[-1:]:
                    files.append(name)
    return list(found.values())
