"""Model -> pages. Pure functions of the model: no library import, no mkdocs."""

from .site import Page, RenderOptions, render_site

__all__ = ["Page", "RenderOptions", "render_site"]
