"""What particular libraries and packages need to run in the browser, beyond their own files.

Everything here is knowledge about one library or one package; the resolver, the build and the bridge
stay neutral and only read these tables.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    exclude: tuple[str, ...] = ()  # glob patterns (wheel paths) left out of the library's wheel
    shims: tuple[str, ...] = ()  # modules of docsgen_runtime.shims installed before the import
    # Requirements Pyodide needs that the metadata hides from it (markers that drop them on emscripten).
    requires: tuple[str, ...] = ()
    # Packages whose version pin is waived for the Pyodide distribution's build (what it has is enough).
    relaxed: tuple[str, ...] = ()


PROFILES = {
    "gradio": Profile(
        # A slim gradio: no front-end templates (63 MB), media, changelog or type stubs.
        exclude=(
            "gradio/templates/*",
            "gradio/_frontend_code/*",
            "gradio/node/*",
            "gradio/media_assets/*",
            "gradio/CHANGELOG.md",
            "*.pyi",
        ),
        shims=("gradio",),
        # huggingface_hub imports httpcore2 at the top of hf_api.py, but httpx2 drops httpcore2 (and
        # truststore, which httpcore2 needs) from its requirements on emscripten.
        requires=("httpcore2", "truststore"),
        # gradio asks for brotli>=1.2.1; Pyodide 314's distribution has 1.2.0. Only gradio's server
        # compresses responses with it, which no demo runs.
        relaxed=("brotli",),
    ),
}

# Distributions whose C extensions are optional (each falls back to its pure-Python code): with no
# Pyodide build of them, the copy installed for the build is packed without its extension modules.
PURE_FALLBACKS = frozenset({"markupsafe", "pyyaml"})


def profile_for(library: str) -> Profile:
    return PROFILES.get(library.split(".")[0], Profile())
