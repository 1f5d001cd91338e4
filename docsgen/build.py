"""The site build, independent of any site engine: library -> model -> pages, computed once.

``mkdocs serve`` rebuilds in the same process; the cache here lives in the module, so a rebuild
after editing a hand-written page neither re-imports nor re-reads the library.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from . import diff, history
from .introspect import DiscoveryError, Inspection, inspect_library
from .model import Library
from .render import Page, RenderOptions, render_site

ASSET_DIR = "_docsgen"
STYLESHEET = f"{ASSET_DIR}/docsgen.css"
MODEL_PATH = "model.json"


class SiteError(Exception):
    """A problem with the build's configuration or inputs, for the user to fix; the message says how."""


@dataclass(frozen=True)
class SiteRequest:
    library: str
    base_class: str | None = None
    options: RenderOptions = field(default_factory=RenderOptions)
    model_path: str | None = None  # a saved model.json to render instead of importing the library
    changes_since: str | None = None  # an older site's model.json: adds "What changed since X"
    # A folder of the deployed releases' model.json files (any names ending in .json): each page says
    # when what it documents appeared and last changed among them (docsgen.history).
    history_dir: str | None = None


@dataclass(frozen=True)
class GeneratedSite:
    inspection: Inspection
    pages: list[Page]  # the reference, in navigation order, each with its section
    extra_pages: list[Page]  # pages outside the reference sections (what changed, playground)

    @cached_property
    def model_json(self) -> str:
        """The model as published at ``model.json``, serialised once per site, not per rebuild."""
        return self.inspection.library.to_json()

    @property
    def all_pages(self) -> list[Page]:
        return [*self.pages, *self.extra_pages]


_inspections: dict[tuple[str, str | None], Inspection] = {}
_sites: dict[SiteRequest, GeneratedSite] = {}


def generate(request: SiteRequest) -> GeneratedSite:
    """The inspection and pages for a request, from the cache when the same request was seen."""
    if request not in _sites:
        inspection = _inspect(request)
        pages = render_site(inspection.library, request.options, _history(request, inspection.library))
        extra = _changes_pages(request, inspection.library, pages)
        if request.options.live_demos:
            extra.append(_playground_page(inspection.library))
        _sites[request] = GeneratedSite(inspection, pages, extra)
    return _sites[request]


def _inspect(request: SiteRequest) -> Inspection:
    if request.model_path:
        return Inspection(_read_model(request.model_path, "model"), [])
    key = (request.library, request.base_class)
    if key not in _inspections:
        try:
            _inspections[key] = inspect_library(request.library, request.base_class)
        except DiscoveryError as exc:
            raise SiteError(str(exc)) from exc
    return _inspections[key]


def _read_model(path: str, option: str) -> Library:
    try:
        return Library.from_json(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SiteError(f"docsgen: cannot read the model {path!r} (option `{option}`): {exc}") from exc


def _history(request: SiteRequest, library: Library) -> history.History | None:
    """The history among the models in ``history_dir``; None when unset (or "" from `!ENV`)."""
    if not request.history_dir:
        return None
    folder = Path(request.history_dir)
    if not folder.is_dir():
        raise SiteError(f"docsgen: the history folder {request.history_dir!r} (option `history`) is not a folder")
    models = [_read_model(str(path), "history") for path in sorted(folder.glob("*.json"))]
    return history.compute(library, models)


def _changes_pages(request: SiteRequest, library: Library, pages: list[Page]) -> list[Page]:
    """The page "What changed since X" when ``changes_since`` names an older site's model.json."""
    if not request.changes_since:  # unset, or "" from `!ENV` when there is no older release
        return []
    old = _read_model(request.changes_since, "changes_since")
    components = {page.title: page.path for page in pages if page.section == "Components"}
    groups: dict[str, dict[str, str]] = {}
    for page in pages:
        if page.section != "Components":
            groups.setdefault(page.section, {})[page.title] = page.path
    prefix = request.options.prefix.strip("/")
    path = f"{prefix}/{diff.PAGE_PATH}" if prefix else diff.PAGE_PATH
    title, content = diff.site_page(old, library, components, path, groups)
    return [Page(path, title, "", content)]


def _playground_page(library: Library) -> Page:
    from . import bundle  # the bundle is only needed with live demos

    html = bundle.playground_html(library, base_url="../")
    return Page(bundle.PLAYGROUND_PATH, "Playground", "", "# Playground\n\n<!--dg-fragment:0-->\n", (html,))


def demos_off_note(library: str) -> str:
    """What a page built from a saved model says where its live demo would be: why there is none."""
    return (
        f"This version of the site was built from {library}'s saved model, without {library} installed, so it "
        f"has no live demos: they run {library}'s own code in the browser, which the build packs from the "
        "installed release. Build this version where it is installed (or pass that build's runtime, plugin "
        "option `runtime_dir`) to have them."
    )


def copy_runtime(runtime_dir: Path, site_dir: Path) -> None:
    """A runtime built with the release installed (another build's ``_docsgen`` folder) into this site."""
    if not (runtime_dir / "runtime" / "manifest.json").is_file():
        raise SiteError(f"docsgen: {runtime_dir} (option `runtime_dir`) has no runtime/manifest.json: it must be "
                        f"the {ASSET_DIR} folder of a site built with live demos")
    shutil.copytree(runtime_dir, site_dir / ASSET_DIR, dirs_exist_ok=True)


def stylesheet() -> str:
    return resources.files("docsgen").joinpath("assets/docsgen.css").read_text(encoding="utf-8")
