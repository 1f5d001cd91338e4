"""Sessions: docs (build + serve), build (strict), tests, lint, bench.

The two commands of the README work on a fresh machine: `python3 -m pip install nox && nox -s docs`
and `python3 -m pip install nox && nox -s tests`.
"""

from __future__ import annotations

import os
import shutil

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["lint", "tests"]

GRADIO = "gradio==6.31.0"
SITE_DEPS = ["-e", ".[mkdocs]"]
# gradio_pdf: a real third-party gradio library from PyPI, documented by tests/browser/test_third_party_gradio.py.
TEST_DEPS = ["pytest>=8", "pytest-timeout", "beautifulsoup4", "hypothesis", "playwright", "gradio_pdf==0.0.24",
             "sphobjinv", "properdocs", "zensical",
             "mike>=2.1"]  # tests/test_versions_share.py deploys and deletes versions with it


def install_site(session: nox.Session, *extra: str) -> None:
    session.install(*SITE_DEPS, GRADIO, *extra)


DEBIAN_PACKAGES = {"chromium": "chromium", "npm": "nodejs npm"}


def ensure_tools(session: nox.Session, *tools: str) -> None:
    """Browser tests drive Debian's Chromium (Playwright cannot download browsers here); live demos
    fetch Pyodide with npm. Installed with apt-get when missing and we are root."""
    missing = [DEBIAN_PACKAGES[tool] for tool in tools if not shutil.which(tool)]
    if not missing:
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        session.run("apt-get", "update", "-qq", external=True)
        session.run("apt-get", "install", "-y", "-qq", *" ".join(missing).split(), external=True)
    else:
        session.warn(f"missing: {', '.join(missing)}: run `sudo apt-get install -y {' '.join(missing)}`")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the gradio site and serve it on http://127.0.0.1:8000 (rebuilds on edits; `-- --clean`: all pages)."""
    ensure_tools(session, "npm")
    install_site(session)
    # --dirty: an edit rebuilds only the edited page (the generated pages and the live demos' runtime are kept),
    # 2-5 s instead of 10 s for every page on 2 cores (benchmarks/bench_build.py). MkDocs warns about it once,
    # rightly: the other pages keep the navigation of the first build (a renamed or added page shows there
    # after a restart). `nox -s docs -- --clean` rebuilds every page on every edit instead.
    clean = "--clean" in session.posargs or "-c" in session.posargs
    if not clean:
        session.log("Serving with `mkdocs serve --dirty`: an edit rebuilds only that page, so MkDocs warns that "
                    "other pages' navigation may lag until a restart; `nox -s docs -- --clean` rebuilds them all.")
    session.run("mkdocs", "serve", *([] if clean else ["--dirty"]), "--dev-addr", "127.0.0.1:8000",
                *session.posargs, env={"NO_MKDOCS_2_WARNING": "1"})


@nox.session
def build(session: nox.Session) -> None:
    """Build the gradio site with `mkdocs build --strict` into site/."""
    ensure_tools(session, "npm")
    install_site(session)
    session.run("mkdocs", "build", "--strict", *session.posargs, env={"NO_MKDOCS_2_WARNING": "1"})


@nox.session
def tests(session: nox.Session) -> None:
    """Unit, integration (real mkdocs builds) and browser tests (real Chromium)."""
    ensure_tools(session, "chromium", "npm")
    install_site(session, *TEST_DEPS)
    session.run("pytest", *(session.posargs or ["-q"]), env={"NO_MKDOCS_2_WARNING": "1"})


@nox.session
def lint(session: nox.Session) -> None:
    session.install("ruff")
    session.run("ruff", "check", ".")


@nox.session
def bench(session: nox.Session) -> None:
    """Print build timings for the gradio site (see benchmarks/)."""
    install_site(session)
    session.run("python", "benchmarks/bench_build.py", *session.posargs, env={"NO_MKDOCS_2_WARNING": "1"})
    # Live demos in Chromium: first output vs a bare Pyodide boot, warm runs, Stop, bytes; the table also
    # goes into docs/performance.md.
    ensure_tools(session, "chromium", "npm")
    session.install("playwright")
    session.run("python", "benchmarks/bench_demo.py", "--write-docs", env={"NO_MKDOCS_2_WARNING": "1"})


@nox.session
def example(session: nox.Session) -> None:
    """Build the example library's site (live demos on) and serve it on http://127.0.0.1:8000."""
    ensure_tools(session, "npm")
    session.install(*SITE_DEPS, "./tests/examplelib")
    site = os.path.abspath("tests/examplelib/site")  # mkdocs reads -d relative to the config file
    session.run("mkdocs", "build", "-f", "tests/examplelib/mkdocs.yml", "-d", site, env={"NO_MKDOCS_2_WARNING": "1"})
    session.run("python", "-m", "docsgen.bundle.serve", site, "--port", "8000")


@nox.session
def versions(session: nox.Session) -> None:
    """Build gradio releases side by side with mike into the local gh-pages branch (docs/versions.md).

    `nox -s versions -- 4.44.1 5.49.1 6.31.0`; with no versions, those listed in versions.toml. Each
    release gets its own environment under .nox/versions/ (kept), made by docsgen/versions.py.
    """
    # versions.py needs only the standard library (tomli before Python 3.11) and runs from the checkout.
    session.install("tomli; python_version < '3.11'")
    session.run("python", "-m", "docsgen.versions", *session.posargs, env={"NO_MKDOCS_2_WARNING": "1"})
