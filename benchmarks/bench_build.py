"""Build benchmark for the gradio site: where the time of `mkdocs build` goes.

Prints: importing the library, docsgen's introspection and rendering (median of N runs, the
library already imported), a full cold build, and the rebuild `mkdocs serve` does after a page
in docs/ is edited (median of N). Run with `nox -s bench`.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_of(runs: int, fn) -> tuple[float, list[float]]:
    samples = [timed(fn) for _ in range(runs)]
    return statistics.median(samples), samples


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--library", default="gradio")
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from docsgen import build as site_build
    from docsgen.introspect import inspect_library
    from docsgen.render import RenderOptions, render_site

    rows: list[tuple[str, float, str]] = []
    rows.append(("import the library (once)", timed(lambda: importlib.import_module(args.library)), ""))

    introspect, samples = median_of(args.runs, lambda: inspect_library(args.library))
    rows.append(("docsgen: introspection", introspect, _spread(samples)))
    model = inspect_library(args.library).library
    render, samples = median_of(args.runs, lambda: render_site(model, RenderOptions()))
    rows.append(("docsgen: rendering", render, _spread(samples)))
    rows.append(("docsgen's own work (introspection + rendering)", introspect + render, "target <= 1 s"))

    def full_build() -> None:
        site_build._inspections.clear()
        site_build._sites.clear()
        build(load_config(args.config))

    runtime_seconds = _time_live_demo_runtime()
    cold = timed(full_build)
    runtime = sum(runtime_seconds)
    rows.append(("full build, library already imported", cold, ""))
    rows.append(("  of which the live-demo runtime (Pyodide, wheels; caches warm)", runtime, ""))
    rows.append(("  of which mkdocs' own work (the rest)", cold - introspect - render - runtime, ""))

    page = ROOT / "docs" / "index.md"

    def rebuild_after_edit() -> None:
        page.touch()
        build(load_config(args.config))  # what `mkdocs serve` does on a change: reload config, build

    rebuild, samples = median_of(args.runs, rebuild_after_edit)
    rows.append(("rebuild after an edit, `mkdocs serve`", rebuild, _spread(samples)))

    # As `mkdocs serve --dirty` (nox -s docs): the plugins get on_startup once and, since they define
    # it, MkDocs keeps their instances for the config reloaded on every rebuild.
    site_dir = tempfile.mkdtemp(prefix="docsgen-bench-")
    first = load_config(args.config, site_dir=site_dir)
    first.plugins.on_startup(command="serve", dirty=True)
    build(first, dirty=True)

    def dirty_rebuild_after_edit() -> None:
        page.touch()
        build(load_config(args.config, site_dir=site_dir), dirty=True)

    dirty, samples = median_of(args.runs, dirty_rebuild_after_edit)
    rows.append(("rebuild after an edit, `mkdocs serve --dirty` (nox -s docs)", dirty,
                 _spread(samples) + "; target <= 1.5 s"))

    print(f"\ndocsgen build benchmark: {args.library}, Python {sys.version.split()[0]}, median of {args.runs}\n")
    width = max(len(name) for name, _, _ in rows)
    for name, seconds, note in rows:
        print(f"  {name:<{width}}  {seconds:7.3f} s  {note}")
    return 0


def _time_live_demo_runtime() -> list[float]:
    """Time the plugin's calls of bundle.build_runtime (what live demos add to a build)."""
    from docsgen import plugin

    samples: list[float] = []
    original = plugin.bundle.build_runtime

    def timed_build_runtime(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            samples.append(time.perf_counter() - start)

    plugin.bundle.build_runtime = timed_build_runtime
    return samples


def _spread(samples: list[float]) -> str:
    return f"min {min(samples):.3f} / max {max(samples):.3f}"


if __name__ == "__main__":
    sys.exit(main())
