"""MkDocs plugin ``docsgen``: a thin adapter from MkDocs' events to ``docsgen.build``."""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import jinja2.bccache
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import get_relative_url

from . import build, bundle
from .foreign import foreign_loads
from .introspect import LibraryImportError
from .render import Page, RenderOptions
from .render.inventory import FILE_NAME as INVENTORY_FILE
from .render.inventory import site_inventory
from .render.text import LinkedPage, site_text_files

log = logging.getLogger("mkdocs.plugins.docsgen")


class DocsgenConfig(base.Config):
    library = c.Type(str, default="gradio")
    base_class = c.Optional(c.Type(str))
    prefix = c.Type(str, default="")
    nav = c.Type(bool, default=True)
    live_demos = c.Type(bool, default=False)
    pyodide_dir = c.Optional(c.Type(str))  # a local Pyodide distribution (offline builds, numpy & co)
    pyodide_base_url = c.Optional(c.Type(str))  # where lockfile packages not in the site load from
    # Where the build downloads the Pyodide distribution's packages (numpy & co) to vendor them, checked
    # against the lockfile; unset: Pyodide's own URL for its version; false: none (stand-ins instead).
    pyodide_packages_url = c.Optional(c.Type((str, bool)))
    # Seconds a demo run or playground request may take before Python is stopped and restarted; 0: none.
    run_time_limit = c.Type((int, float), default=10)
    # Path of an older site's model.json: adds the page "What changed since X" (docs/versions.md).
    changes_since = c.Optional(c.Type(str))
    # A saved model.json to render instead of importing `library` (docs/versions.md, CI recipe).
    model = c.Optional(c.Type(str))
    # A folder of the deployed releases' model.json files: history on every page (docs/versions.md).
    history = c.Optional(c.Type(str))
    # With `model`: the `_docsgen` folder of a build of the same release where it was installed (its live
    # demos' runtime), copied into the site; without one, a site from a model says that its demos are off.
    runtime_dir = c.Optional(c.Type(str))


class DocsgenPlugin(BasePlugin[DocsgenConfig]):
    def __init__(self) -> None:
        self.site: build.GeneratedSite | None = None
        self.pages_by_path: dict[str, Page] = {}
        self.render_options = RenderOptions()
        self.dirty = False
        self.runtime_site_dir: str | None = None
        # The nav's hand-written pages, in its order, for llms.txt.
        self.hand_written: list[MkDocsPage] = []

    @property
    def live(self) -> bool:
        """Live demos need the installed library, or a runtime built where it was (``runtime_dir``)."""
        return self.config.live_demos and (not self.config.model or bool(self.config.runtime_dir))

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds.
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.render_options = RenderOptions(live_demos=self.live, prefix=self.config.prefix,
                                            demos_note=build.demos_off_note(self.config.library)
                                            if self.config.live_demos and not self.live else "")
        request = build.SiteRequest(
            library=self.config.library,
            base_class=self.config.base_class,
            options=self.render_options,
            model_path=self.config.model,
            changes_since=self.config.changes_since,
            history_dir=self.config.history,
        )
        try:
            self.site = build.generate(request)
        except (LibraryImportError, build.SiteError) as exc:
            raise PluginError(str(exc)) from exc
        self._report()
        # For the outdated-version banner of overrides/main.html.
        info = self.site.inspection.library.library
        config.extra.setdefault("docsgen", {"library": info.name, "version": info.version})
        _version_selector_only_under_mike(config)
        if self.config.nav:
            hand_written = config.nav or _hand_written_nav(config.docs_dir)
            config.nav = _place_nav(hand_written, _generated_nav(self.site.pages, self.site.extra_pages))
        elif config.nav:
            config.nav = _place_nav(config.nav, [])
        config.extra_css.append(build.STYLESHEET)
        if self.live:
            _add_live_demo_assets(config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site is not None
        self.pages_by_path = {page.path: page for page in self.site.all_pages}
        for page in self.site.all_pages:
            files.append(self._page_file(page, config))
        files.append(File.generated(config, build.STYLESHEET, content=build.stylesheet()))
        files.append(File.generated(config, build.MODEL_PATH, content=self.site.model_json))
        return files

    def _page_file(self, page: Page, config: MkDocsConfig) -> File:
        if not self.dirty:
            return File.generated(config, page.path, content=page.content)
        # `serve --dirty` rebuilds only files newer than their output: keep unchanged pages on disk
        # with their old modification time, so editing one hand-written page rebuilds just that page.
        cache = Path(config.config_file_path or ".").parent / ".cache" / "docsgen" / "pages"
        source = cache / page.path
        if not source.exists() or source.read_text(encoding="utf-8") != page.content:
            source.parent.mkdir(parents=True, exist_ok=True)
            source.write_text(page.content, encoding="utf-8")
        return File(page.path, str(cache), config.site_dir, config.use_directory_urls)

    def on_nav(self, nav: Navigation, **kwargs: Any) -> Navigation:
        self.hand_written = [page for page in nav.pages if page.file.src_uri not in self.pages_by_path]
        return nav

    def on_env(self, env: jinja2.Environment, **kwargs: Any) -> jinja2.Environment:
        # MkDocs makes a new theme environment per build, so `mkdocs serve` recompiled every theme
        # template on each rebuild; compiled code is kept per process (checked against the source).
        env.bytecode_cache = _THEME_BYTECODE
        return env

    def on_page_content(self, html: str, page: MkDocsPage, **kwargs: Any) -> str:
        generated = self.pages_by_path.get(page.file.src_uri)
        return generated.finish(html) if generated else html

    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        if not self.live:
            return output
        return bundle.with_early_script(output, get_relative_url(f"{bundle.OUT}/runtime/", page.url))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.site is not None
        inventory = site_inventory(self.site.inspection.library, self.site.all_pages, config.use_directory_urls)
        Path(config.site_dir, INVENTORY_FILE).write_bytes(inventory)
        self._write_text_files(config)
        for load in foreign_loads(Path(config.site_dir), config.site_url):
            log.warning("docsgen: %s", load.message())
        if not self.live:
            return
        if self.config.runtime_dir:
            try:
                build.copy_runtime(Path(self.config.runtime_dir), Path(config.site_dir))
            except build.SiteError as exc:
                raise PluginError(str(exc)) from exc
            log.info("docsgen: live demos: the runtime in %s, built where the release was installed",
                     self.config.runtime_dir)
            return
        if self.dirty and self.runtime_site_dir == config.site_dir:
            return  # `serve --dirty` keeps the site directory: the runtime from the first build is there
        options = bundle.RuntimeOptions(
            pyodide_dir=Path(self.config.pyodide_dir) if self.config.pyodide_dir else None,
            pyodide_base_url=self.config.pyodide_base_url,
            pyodide_packages_url=_packages_url(self.config.pyodide_packages_url),
            run_time_limit=float(self.config.run_time_limit),
        )
        try:
            report = bundle.build_runtime(self.config.library, Path(config.site_dir), options)
        except bundle.RuntimeUnavailable as exc:
            raise PluginError(str(exc)) from exc
        self.runtime_site_dir = config.site_dir
        log.info("docsgen: live demos: %s (`mkdocs build -v` lists the packages)", report.summary())
        log.debug("docsgen: packages for Pyodide\n%s", report.table())
        for note in report.warnings:
            log.info("docsgen: live demos: %s", note)
        for problem in report.problems():
            log.warning("docsgen: live demos: %s", problem)

    def _write_text_files(self, config: MkDocsConfig) -> None:
        """llms.txt and the Markdown copy of every reference page (docsgen/render/text.py)."""
        assert self.site is not None
        others = [LinkedPage(page.title or page.file.name, quote(page.url) or "./") for page in self.hand_written]
        files = site_text_files(self.site.inspection.library, self.render_options, config.site_name,
                                config.site_description or "", config.use_directory_urls, others)
        for path, text in files.items():
            target = Path(config.site_dir, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")

    def _report(self) -> None:
        assert self.site is not None
        inspection = self.site.inspection
        for problem in inspection.problems:
            if problem.level == "warning":
                log.warning("docsgen: %s", problem)
            else:
                log.debug("docsgen: %s", problem)
        notes = len(inspection.problems) - sum(p.level == "warning" for p in inspection.problems)
        lib = inspection.library.library
        log.info(
            "docsgen: %s %s: %d components, %d pages; %d notes on missing docs (see `mkdocs build -v`)",
            lib.name, lib.version, len(inspection.library.components), len(self.site.pages), notes,
        )


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_THEME_BYTECODE = _MemoryBytecodeCache()


# What mike sets while `mike deploy` builds a version (mike.mkdocs_utils.docs_version_var).
MIKE_VERSION_VARIABLE = "MIKE_DOCS_VERSION"


def _version_selector_only_under_mike(config: MkDocsConfig) -> None:
    """mkdocs-material's version selector (``extra.version.provider: mike``) fetches ``../versions.json`` on
    every page, which only a mike deployment has: `mkdocs build` and `serve` would show a 404 for it on every
    page. So the selector is kept only while `mike deploy` builds, which the environment says."""
    version = config.extra.get("version")
    if isinstance(version, dict) and version.get("provider") == "mike" and not os.environ.get(MIKE_VERSION_VARIABLE):
        del config.extra["version"]
        log.debug("docsgen: version selector off: this is not a `mike deploy`, so there is no versions.json")


def _packages_url(value: str | bool | None) -> str | bool:
    """Unset (or `!ENV` of an unset variable) is the default: Pyodide's own URL."""
    return True if value is None else value


def _add_live_demo_assets(config: MkDocsConfig) -> None:
    config.extra_css.extend(bundle.PAGE_ASSETS["css"])
    for path in bundle.PAGE_ASSETS["js"]:
        script = c.ExtraScriptValue(path)
        script.type = "module"
        config.extra_javascript.append(script)


def _hand_written_nav(docs_dir: str) -> list[Any]:
    """What MkDocs would list without a nav: the Markdown files of docs_dir, index first."""
    root = Path(docs_dir)
    paths = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))
    return sorted(paths, key=lambda p: (p != "index.md", p.count("/"), p))


def _nav_title(title: str) -> str:
    """Themes show nav titles as HTML, and strip tags (unescaping) for <title>: a title is the
    library's text (a class name), so it loses angle brackets and is escaped."""
    return html.escape(title.replace("<", "").replace(">", ""))


# A nav entry that stands for the generated sections: they go where it is, instead of after the nav.
NAV_MARKER = "docsgen-reference"


def _generated_nav(pages: list[Any], extra_pages: list[Any]) -> list[Any]:
    """One section per generated section, in page order, then the pages outside them (playground, changes)."""
    sections: dict[str, list[Any]] = {}
    for page in pages:
        sections.setdefault(page.section, []).append({_nav_title(page.title): page.path})
    return [{section: items} for section, items in sections.items()] + [
        {_nav_title(page.title): page.path} for page in extra_pages
    ]


def _place_nav(nav: list[Any], generated: list[Any]) -> list[Any]:
    """The configured nav with ``generated`` at its top-level ``NAV_MARKER`` entry, else after it."""
    if NAV_MARKER not in nav:
        return [*nav, *generated]
    at = nav.index(NAV_MARKER)
    return [*nav[:at], *generated, *(entry for entry in nav[at + 1:] if entry != NAV_MARKER)]
