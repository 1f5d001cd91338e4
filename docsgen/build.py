"""The site build, independent of any site engine: library -> model -> pages, computed once.

``mkdocs serve`` recreates its plugins on every rebuild; the cache here lives in the module,
so a rebuild after editing a hand-written page neither re-imports nor re-reads the library.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property
from importlib import resources

from .introspect import Inspection, inspect_library
from .render import Page, RenderOptions, render_site

log = logging.getLogger(__name__)

ASSET_DIR = "_docsgen"
STYLESHEET = f"{ASSET_DIR}/docsgen.css"
MODEL_PATH = "model.json"


@dataclass(frozen=True)
class SiteRequest:
    library: str
    base_class: str | None
    options: RenderOptions


@dataclass(frozen=True)
class GeneratedSite:
    inspection: Inspection
    pages: list[Page]

    @cached_property
    def model_json(self) -> str:
        """The model as published at ``model.json``, serialised once per site, not per rebuild."""
        return self.inspection.library.to_json()


_inspections: dict[tuple[str, str | None], Inspection] = {}
_sites: dict[SiteRequest, GeneratedSite] = {}


def generate(request: SiteRequest) -> GeneratedSite:
    """The inspection and pages for a request, from the cache when the same request was seen."""
    site = _sites.get(request)
    if site is None:
        key = (request.library, request.base_class)
        if key not in _inspections:
            _inspections[key] = inspect_library(request.library, request.base_class)
        inspection = _inspections[key]
        site = GeneratedSite(inspection, render_site(inspection.library, request.options))
        _sites[request] = site
    return site


def stylesheet() -> str:
    return resources.files("docsgen").joinpath("assets/docsgen.css").read_text(encoding="utf-8")
