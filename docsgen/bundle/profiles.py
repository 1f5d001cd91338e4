"""What a particular library needs to run in the browser, beyond its own files."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    exclude: tuple[str, ...] = ()  # glob patterns (wheel paths) left out of the library's wheel
    shims: tuple[str, ...] = ()  # modules of docsgen_runtime.shims installed before the import


PROFILES = {
    # A slim gradio: no front-end templates (63 MB), media, changelog or type stubs.
    "gradio": Profile(
        exclude=(
            "gradio/templates/*",
            "gradio/_frontend_code/*",
            "gradio/node/*",
            "gradio/media_assets/*",
            "gradio/CHANGELOG.md",
            "*.pyi",
        ),
        shims=("gradio",),
    ),
}


def profile_for(library: str) -> Profile:
    return PROFILES.get(library.split(".")[0], Profile())
