"""docsgen as a user gets it: a wheel built from this tree, installed into a fresh virtual environment,
carries every file the package reads besides its modules and builds a site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from .conftest import FIXTURES, ROOT, write_site_config

pytestmark = pytest.mark.slow

# What a working tree holds besides its sources: nothing of it belongs in a build.
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".nox", "site", "build", "dist", "node_modules", ".cache", "*.egg-info", "__pycache__", ".*_cache"
)
# The browser runtime's files that the wheel carries inside the package (setup.py).
PLAYGROUND_FILES = ("package.json", "package-lock.json", "src")


@dataclass(frozen=True)
class Installed:
    wheel: Path
    python: Path  # of the fresh environment
    work: Path  # a folder outside the source tree, where `import docsgen` cannot find the sources


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    env = env or clean_env()
    done = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, f"{command}:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def requirements() -> list[str]:
    """docsgen's own requirements and those of its `mkdocs` extra, as pyproject.toml names them."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["mkdocs"]]


def clean_env() -> dict[str, str]:
    """The environment without a PYTHONPATH that could reach this tree's sources (pip would take them
    for an installed docsgen, and Python would import them)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return {**env, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    # Built from a copy: a build writes build/ and docsgen.egg-info next to the sources it reads.
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", work / "dist", source, cwd=work)
    (wheel,) = (work / "dist").glob("docsgen-*.whl")
    run(sys.executable, "-m", "venv", "--without-pip", work / "venv", cwd=work)
    python = work / "venv" / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", python, "install", "-q"]
    run(*pip, *requirements(), cwd=work)
    run(*pip, "--no-deps", wheel, cwd=work)
    return Installed(wheel, python, work)


def package_files() -> set[str]:
    """Every file of docsgen/ in this tree, and the playground files, where the wheel should hold them."""
    def files(folder: Path, prefix: str) -> set[str]:
        return {
            f"{prefix}/{path.relative_to(folder).as_posix()}"
            for path in folder.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith(".")
        }

    shipped = files(ROOT / "docsgen", "docsgen")
    for name in PLAYGROUND_FILES:
        path = ROOT / "playground" / name
        shipped |= files(path, f"docsgen/playground/{name}") if path.is_dir() else {f"docsgen/playground/{name}"}
    return shipped


def test_the_wheel_carries_every_file_of_the_package(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    missing = sorted(package_files() - names)
    assert not missing, f"not in the wheel (pyproject.toml's package-data, setup.py): {missing}"


def test_the_installed_package_finds_its_playground(installed: Installed) -> None:
    shown = run(
        installed.python, "-c",
        "import docsgen, docsgen.bundle.npm as npm; print(docsgen.__file__); print(npm.playground_dir())",
        cwd=installed.work,
    )
    package, playground = (Path(line) for line in shown.splitlines())
    venv = installed.python.parent.parent
    assert venv in package.parents, "docsgen came from the source tree, not from the wheel"
    assert playground == package.parent / "playground"
    assert (playground / "package.json").is_file() and (playground / "src" / "worker.js").is_file()


def test_a_site_builds_with_the_installed_package(installed: Installed) -> None:
    folder = installed.work / "widgets"
    config = write_site_config(folder, "widgetlib", "widgetlib.Widget")
    env = {**clean_env(), "PYTHONPATH": str(FIXTURES)}
    run(installed.python, "-m", "mkdocs", "build", "-q", "-f", config, "-d", folder / "site", cwd=folder, env=env)
    site = folder / "site"
    assert "Slider" in (site / "components" / "slider" / "index.html").read_text(encoding="utf-8")
    assert (site / "_docsgen" / "docsgen.css").read_text(encoding="utf-8").strip()  # docsgen/assets
