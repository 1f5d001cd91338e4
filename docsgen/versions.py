"""Build several releases of the documented library side by side and deploy them with mike.

    python -m docsgen.versions [VERSION ...] [--config versions.toml] [--venvs DIR]

Each release gets its own virtual environment (``<venvs>/<library>-<version>``, kept for the
next run) with ``<library>==<version>``, the pins the config lists for it, this project and
mike. ``mike deploy`` then builds the site from that environment into the local ``gh-pages``
branch, with ``DOCSGEN_CHANGES_SINCE`` naming the model of the previous deployed release (read
from the branch, so that release need not be installed again). At the end the newest deployed
release gets the alias ``latest``, which is the default. A release that cannot be installed,
imported or built is reported with the reason and skipped; the exit status is then 1.

Only the standard library here: this runs in a small environment that has neither mkdocs nor
the documented library.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

CONFIG_FILE = "versions.toml"
BRANCH = "gh-pages"
LATEST = "latest"
MODEL_PATH = "model.json"  # where the docsgen plugin writes the model in every site
CHANGES_ENV = "DOCSGEN_CHANGES_SINCE"  # read by mkdocs.yml: `changes_since: !ENV DOCSGEN_CHANGES_SINCE`
QUIET = {"NO_MKDOCS_2_WARNING": "1"}  # mkdocs 1.6 prints a banner about its successor otherwise
SITE_REQUIREMENTS = ["mike>=2.1"]  # besides this project's `mkdocs` extra


@dataclass
class Config:
    library: str = "gradio"
    versions: list[str] = field(default_factory=list)
    pins: dict[str, list[str]] = field(default_factory=dict)
    mkdocs_config: str = "mkdocs.yml"


@dataclass
class Outcome:
    """What happened to one release: ``error`` is empty when it was deployed."""

    version: str
    error: str = ""
    install_seconds: float = 0.0
    build_seconds: float = 0.0
    changes_since: str | None = None

    @property
    def ok(self) -> bool:
        return not self.error


class StepError(Exception):
    """One step of one release failed; the message says which and why."""


def load_config(path: Path) -> Config:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Config(
        library=data.get("library", "gradio"),
        versions=[str(v) for v in data.get("versions", [])],
        pins={str(k): [str(r) for r in v] for k, v in data.get("pins", {}).items()},
        mkdocs_config=data.get("mkdocs_config", "mkdocs.yml"),
    )


def version_key(version: str) -> tuple[tuple[int, ...], int, str]:
    """Sort key: release numbers, then pre-releases (``6.0.0b1``) before the release itself."""
    match = re.match(r"v?(\d+(?:\.\d+)*)(.*)$", version)
    if not match:
        return ((), 0, version)
    numbers = tuple(int(n) for n in match.group(1).split("."))
    # Drop trailing zeros so 6.0 == 6.0.0.
    while numbers and numbers[-1] == 0:
        numbers = numbers[:-1]
    suffix = match.group(2)
    return (numbers, 0 if suffix else 1, suffix)


def pins_for(version: str, pins: dict[str, list[str]]) -> list[str]:
    """The requirements of every pin key that is a prefix of ``version`` by whole components:
    ``"4"`` applies to 4.44.1 but not to 40.1; shorter keys first."""
    parts = version.split(".")
    result: list[str] = []
    for key in sorted(pins, key=lambda k: len(k.split("."))):
        if key.split(".") == parts[: len(key.split("."))]:
            result += [r for r in pins[key] if r not in result]
    return result


def requirements(config: Config, version: str, project: Path) -> list[str]:
    """pip arguments for one release's environment."""
    pinned = [f"{config.library}=={version}", *pins_for(version, config.pins)]
    return [*pinned, *SITE_REQUIREMENTS, "-e", f"{project}[mkdocs]"]


def previous_version(version: str, deployed: Sequence[str]) -> str | None:
    """The newest deployed release older than ``version``: the one "What changed since" names."""
    older = [v for v in deployed if version_key(v) < version_key(version)]
    return max(older, key=version_key) if older else None


def newest(versions: Sequence[str]) -> str | None:
    return max(versions, key=version_key) if versions else None


# --- git and the gh-pages branch ---------------------------------------------------------------


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)


def deployed(repo: Path, branch: str = BRANCH) -> list[dict]:
    """The entries of ``versions.json`` on the branch (mike's format), or none."""
    shown = git(repo, "show", f"{branch}:versions.json")
    return json.loads(shown.stdout) if shown.returncode == 0 else []


def deployed_model(repo: Path, version: str, target: Path, branch: str = BRANCH) -> Path | None:
    """Copy ``<version>/model.json`` from the branch to ``target``; None when it has none."""
    shown = git(repo, "show", f"{branch}:{version}/{MODEL_PATH}")
    if shown.returncode != 0:
        return None
    target.write_text(shown.stdout, encoding="utf-8")
    return target


def committer_env(repo: Path) -> dict[str, str]:
    """mike commits to gh-pages; a fresh CI machine often has no git identity."""
    env: dict[str, str] = {}
    if not os.environ.get("GIT_COMMITTER_NAME") and not git(repo, "config", "user.name").stdout.strip():
        env["GIT_COMMITTER_NAME"] = "docsgen versions"
    if not os.environ.get("GIT_COMMITTER_EMAIL") and not git(repo, "config", "user.email").stdout.strip():
        env["GIT_COMMITTER_EMAIL"] = "docsgen@localhost"
    return env


# --- one release --------------------------------------------------------------------------------


@dataclass
class Builder:
    repo: Path
    config: Config
    venvs: Path
    log: Path  # one log file per release, named in every error message

    def python(self, version: str) -> Path:
        return self.venvs / f"{self.config.library}-{version}" / "bin" / "python"

    def tool(self, version: str, name: str) -> Path:
        """A command installed in the release's environment (mike has no ``python -m mike``)."""
        return self.python(version).parent / name

    def activated(self, version: str) -> dict[str, str]:
        """mike runs ``mkdocs`` from PATH: the release's environment must come first."""
        bin_dir = str(self.python(version).parent)
        return {
            "PATH": os.pathsep.join([bin_dir, os.environ.get("PATH", "")]),
            "VIRTUAL_ENV": str(self.python(version).parent.parent),
        }

    def run(self, version: str, step: str, args: list[str], env: dict[str, str] | None = None) -> None:
        """Run one step, appending its output to the release's log; raise StepError on failure."""
        log = self.log_file(version)
        with log.open("a", encoding="utf-8") as out:
            out.write(f"\n$ {' '.join(args)}\n")
            out.flush()
            start = out.tell()
            done = subprocess.run(
                args, cwd=self.repo, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
            )
        if done.returncode != 0:
            # Only this step's output: pip prints harmless "ERROR:" lines in steps that succeed.
            with log.open("rb") as f:
                f.seek(start)
                reason = failure_reason(f.read().decode("utf-8", errors="replace"))
            raise StepError(f"{self.config.library} {version}: {step} failed: {reason} (full output: {log})")

    def log_file(self, version: str) -> Path:
        return self.log / f"{self.config.library}-{version}.log"

    def install(self, version: str) -> None:
        python = self.python(version)
        if not python.exists():
            self.run(version, "creating its environment", [sys.executable, "-m", "venv", str(python.parent.parent)])
        pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check"]
        self.run(version, "installing", [*pip, *requirements(self.config, version, self.repo)])

    def check_import(self, version: str) -> None:
        lib = self.config.library
        probe = f"import {lib}; print({lib}.__file__)"
        self.run(version, f"importing {lib}", [str(self.python(version)), "-c", probe])

    def deploy(self, version: str, changes_since: Path | None) -> None:
        env = {
            **committer_env(self.repo),
            **QUIET,
            **self.activated(version),
            CHANGES_ENV: str(changes_since) if changes_since else "",
        }
        mike = [str(self.tool(version, "mike"))]
        message = f"Deploy {self.config.library} {version} docs"
        self.run(
            version,
            "mike deploy",
            [*mike, "deploy", "--config-file", self.config.mkdocs_config, "--message", message, version],
            env,
        )

    def set_latest(self, version: str, via: str) -> None:
        """Point ``latest`` at ``version`` and make it the default, with mike from ``via``'s env."""
        mike = [str(self.tool(via, "mike"))]
        env = {**committer_env(self.repo), **QUIET, **self.activated(via)}
        config = ["--config-file", self.config.mkdocs_config]
        self.run(via, f"setting {LATEST}", [*mike, "alias", *config, "--update-aliases", version, LATEST], env)
        self.run(via, "setting the default", [*mike, "set-default", *config, LATEST], env)


def failure_reason(output: str) -> str:
    """The line of a failed step's output that says why: pip's ERROR, a traceback's last line."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("ERROR:") and "(from versions:" not in line]
    if errors:
        return errors[-1][len("ERROR:") :].strip()
    exception = re.compile(r"^([A-Za-z_][\w.]*(Error|Exception|Exit)|Aborted!?)\b")
    found = [line for line in lines if exception.match(line)]
    if found:
        return found[-1][:500]
    return lines[-1][:500] if lines else "no output"


def build_one(builder: Builder, version: str, scratch: Path) -> Outcome:
    outcome = Outcome(version)
    start = time.monotonic()
    try:
        builder.log_file(version).unlink(missing_ok=True)
        builder.install(version)
        builder.check_import(version)
        outcome.install_seconds = time.monotonic() - start
        previous = previous_version(version, [entry["version"] for entry in deployed(builder.repo)])
        model = deployed_model(builder.repo, previous, scratch / f"{previous}.json") if previous else None
        outcome.changes_since = previous if model else None
        start = time.monotonic()
        builder.deploy(version, model)
        outcome.build_seconds = time.monotonic() - start
    except StepError as exc:
        outcome.error = str(exc)
    return outcome


def build_versions(builder: Builder, versions: Sequence[str]) -> list[Outcome]:
    """Oldest first, so each release is compared with the one before it."""
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="docsgen-versions-") as scratch:
        for version in sorted(dict.fromkeys(versions), key=version_key):
            print(f"==> {builder.config.library} {version}", flush=True)
            outcome = build_one(builder, version, Path(scratch))
            print(f"    {summary_line(outcome)}", flush=True)
            outcomes.append(outcome)
    built = [o.version for o in outcomes if o.ok]
    top = newest([entry["version"] for entry in deployed(builder.repo)])
    if built and top:
        try:
            builder.set_latest(top, via=built[-1])
        except StepError as exc:
            outcomes.append(Outcome(LATEST, error=str(exc)))
    return outcomes


def summary_line(outcome: Outcome) -> str:
    if not outcome.ok:
        return f"FAILED: {outcome.error}"
    since = f"; what changed since {outcome.changes_since}" if outcome.changes_since else ""
    return f"deployed: install {outcome.install_seconds:.1f} s, build {outcome.build_seconds:.1f} s{since}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m docsgen.versions", description=__doc__.split("\n\n")[0])
    parser.add_argument("versions", nargs="*", help="releases to build (default: the config's list)")
    parser.add_argument("--config", default=CONFIG_FILE, help="the versions file (default: %(default)s)")
    parser.add_argument("--venvs", default=".nox/versions", help="where the environments live (kept)")
    args = parser.parse_args(argv)
    repo = Path.cwd()
    config = load_config(repo / args.config)
    versions = args.versions or config.versions
    if not versions:
        parser.error(f"no versions given and none listed in {args.config}")
    venvs = Path(args.venvs).resolve()
    venvs.mkdir(parents=True, exist_ok=True)
    outcomes = build_versions(Builder(repo, config, venvs, venvs), versions)
    return report(outcomes, deployed(repo))


def report(outcomes: Sequence[Outcome], entries: Sequence[dict]) -> int:
    print("\nversion      install    build  result")
    for o in outcomes:
        result = "deployed" if o.ok else f"FAILED: {o.error}"
        print(f"{o.version:<12} {o.install_seconds:>6.1f} s {o.build_seconds:>6.1f} s  {result}")
    listed = ", ".join(_entry_text(e) for e in entries)
    print(f"\n{BRANCH} now holds: {listed or 'nothing'}")
    failed = [o.version for o in outcomes if not o.ok]
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


def _entry_text(entry: dict) -> str:
    aliases = entry.get("aliases") or []
    return f"{entry['version']} ({', '.join(aliases)})" if aliases else entry["version"]


if __name__ == "__main__":
    sys.exit(main())
