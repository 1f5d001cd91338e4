"""Build several releases of the documented library side by side and deploy them with mike.

    python -m docsgen.versions [VERSION ...] [--config versions.toml] [--venvs DIR]

Each release gets its own virtual environment (``<venvs>/<library>-<version>``, kept for the
next run) with ``<library>==<version>``, the pins the config lists for it, this project and
mike. ``mike deploy`` then builds the site from that environment into the local ``gh-pages``
branch, with ``DOCSGEN_CHANGES_SINCE`` naming the model of the previous deployed release (read
from the branch, so that release need not be installed again). At the end the newest deployed
release gets the alias ``latest``, which is the default. A release that cannot be installed,
imported or built is reported with the reason and skipped; the exit status is then 1.

For CI the work splits in two (docs/versions.md): ``--models-only DIR`` installs each release
and writes its model to ``DIR/<version>.json`` (one job per release, in parallel), and
``--from-models DIR`` deploys every model found there from one environment without any
release installed (``DOCSGEN_MODEL``: the plugin renders the model instead of importing).

Only the standard library here: this runs in a small environment that has neither mkdocs nor
the documented library.
"""

from __future__ import annotations

import argparse
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
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
ASSET_DIR = "_docsgen"  # the site's folder of docsgen's files, the live demos' runtime among them
CHANGES_ENV = "DOCSGEN_CHANGES_SINCE"  # read by mkdocs.yml: `changes_since: !ENV DOCSGEN_CHANGES_SINCE`
MODEL_ENV = "DOCSGEN_MODEL"  # read by mkdocs.yml: `model: !ENV DOCSGEN_MODEL`
RUNTIME_ENV = "DOCSGEN_RUNTIME_DIR"  # read by mkdocs.yml: `runtime_dir: !ENV DOCSGEN_RUNTIME_DIR`
RUNTIME_SUFFIX = ".runtime"  # beside <version>.json: that release's live-demo runtime (--models-only --demos)
HISTORY_ENV = "DOCSGEN_HISTORY"  # read by mkdocs.yml: `history: !ENV DOCSGEN_HISTORY` (a folder of models)
# At the root of the branch: every file that two versions' folders have the same (Pyodide's core, wheels,
# the theme's assets) is stored once, as STORE/<git blob id>/<name>, and each version's copy becomes a
# symbolic link to it, as mike's own aliases are (docs/versions.md). The folder belongs to no version, so
# `mike delete` of one version leaves every other version's files in place.
STORE = "_docsgen-shared"
SHARE_MIN_BYTES = 1024  # a link is a tree entry too: smaller files are not worth one
SITE_ENV = "site"  # the environment that builds sites from models: the project, mkdocs, mike
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


_COMPARISONS: dict[str, Callable[[tuple, tuple], bool]] = {
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
}


def pin_applies(key: str, version: str) -> bool:
    """A pins key: a version prefix by whole components (``"4"``: 4.44.1, not 40.1), or
    comparisons that must all hold (``">=5.0, <5.7.1"``)."""
    if key.strip()[:1] not in "<>=!":
        parts = key.strip().split(".")
        return version.split(".")[: len(parts)] == parts
    for clause in key.split(","):
        match = re.fullmatch(r"\s*(>=|<=|==|!=|>|<)\s*(\S+)\s*", clause)
        if not match:
            raise ValueError(f'pins key {key!r}: cannot read {clause.strip()!r} (use e.g. ">=5.0, <5.7.1")')
        if not _COMPARISONS[match.group(1)](version_key(version), version_key(match.group(2))):
            return False
    return True


def pins_for(version: str, pins: dict[str, list[str]]) -> list[str]:
    """The requirements of every pins key that applies to ``version``, in the file's order."""
    result: list[str] = []
    for key, requirements in pins.items():
        if pin_applies(key, version):
            result += [r for r in requirements if r not in result]
    return result


def requirements(config: Config, version: str, project: Path, site: bool = True) -> list[str]:
    """pip arguments for one release's environment; ``site``: with what builds and deploys the site."""
    pinned = [f"{config.library}=={version}", *pins_for(version, config.pins)]
    return [*pinned, *site_requirements(project)] if site else [*pinned, "-e", str(project)]


def site_requirements(project: Path) -> list[str]:
    return [*SITE_REQUIREMENTS, "-e", f"{project}[mkdocs]"]


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


@dataclass
class Shared:
    """What ``share_files`` did: version files now links, files in the store, store files removed."""

    linked: int = 0
    stored: int = 0
    pruned: int = 0
    commit: str = ""  # the new commit on the branch; empty when nothing changed


@dataclass(frozen=True)
class _Entry:
    mode: str
    sha: str
    size: int
    path: str


def _tree(repo: Path, branch: str) -> list[_Entry]:
    listing = git(repo, "ls-tree", "-r", "-l", "-z", "--full-tree", branch)
    if listing.returncode != 0:
        return []
    entries = []
    for record in filter(None, listing.stdout.split("\0")):
        meta, path = record.split("\t", 1)
        mode, _, sha, size = meta.split()
        entries.append(_Entry(mode, sha, int(size) if size.isdigit() else 0, path))
    return entries


def _blobs(repo: Path, shas: list[str]) -> dict[str, str]:
    """The text of each blob (symbolic links' targets), read in one ``git cat-file --batch``."""
    if not shas:
        return {}
    done = subprocess.run(["git", "cat-file", "--batch"], cwd=repo, input="\n".join(shas).encode() + b"\n",
                          capture_output=True, check=True)
    texts, rest = {}, done.stdout
    for sha in shas:
        header, rest = rest.split(b"\n", 1)
        size = int(header.split()[2])  # bytes, so read as bytes
        texts[sha], rest = rest[:size].decode("utf-8", errors="replace"), rest[size + 1 :]
    return texts


def link_target(link: str, target: str) -> str:
    """Where a symbolic link at ``link`` (a path in the branch) points, as a path in the branch."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(link), target))


def share_files(repo: Path, branch: str = BRANCH, min_bytes: int = SHARE_MIN_BYTES) -> Shared:
    """Store once every file that two version folders of the branch have the same, or that the store
    has already, and make each copy a relative symbolic link to it; remove store files no link uses
    (a version deleted since). One commit on the branch; the URLs of every page stay as they were.

    Git already keeps one object per content: what this saves is the tree that a checkout, an upload
    of the site or a static host writes out, once per version without it."""
    entries = _tree(repo, branch)
    files = [e for e in entries if e.mode in ("100644", "100755") and "/" in e.path
             and not e.path.startswith((STORE + "/", ".")) and e.size >= min_bytes]
    stored = {e.path: e for e in entries if e.path.startswith(STORE + "/")}
    links = [e for e in entries if e.mode == "120000"]
    copies: dict[str, int] = {}
    for e in files:
        copies[e.sha] = copies.get(e.sha, 0) + 1
    in_store = {posixpath.basename(posixpath.dirname(path)) for path in stored}
    to_link = [e for e in files if copies[e.sha] > 1 or e.sha in in_store]
    # Each (content, name) once: a server picks the content type by the name.
    wanted = {f"{STORE}/{e.sha}/{posixpath.basename(e.path)}": e for e in to_link}
    targets = _blobs(repo, sorted({e.sha for e in links}))
    used = {link_target(e.path, targets[e.sha]) for e in links} | set(wanted)
    pruned = [path for path in stored if path not in used]
    new_store = [path for path in wanted if path not in stored]
    if not (to_link or pruned or new_store):
        return Shared(stored=len(stored))
    with tempfile.TemporaryDirectory(prefix="docsgen-share-") as scratch:
        lines = [f"0 {'0' * 40}\t{path}" for path in pruned]
        lines += [f"{wanted[path].mode} {wanted[path].sha}\t{path}" for path in new_store]
        link_texts = {}
        for e in to_link:
            store_path = f"{STORE}/{e.sha}/{posixpath.basename(e.path)}"
            link_texts[e.path] = posixpath.relpath(store_path, posixpath.dirname(e.path))
        link_shas = _hash_texts(repo, sorted(set(link_texts.values())), Path(scratch))
        lines += [f"120000 {link_shas[text]}\t{path}" for path, text in link_texts.items()]
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(scratch) / "index"), **_identity(repo)}

        def plumbing(*args: str, stdin: str | None = None) -> str:
            done = subprocess.run(["git", *args], cwd=repo, input=stdin, capture_output=True, text=True,
                                  env=env, check=True)
            return done.stdout.strip()

        head = plumbing("rev-parse", f"refs/heads/{branch}")
        plumbing("read-tree", head)
        plumbing("update-index", "--index-info", stdin="\n".join(lines) + "\n")
        tree = plumbing("write-tree")
        message = f"Share {len(to_link)} files that versions have the same ({STORE}/)"
        commit = plumbing("commit-tree", tree, "-p", head, "-m", message)
        plumbing("update-ref", f"refs/heads/{branch}", commit, head)
    return Shared(len(to_link), len(stored) + len(new_store) - len(pruned), len(pruned), commit)


def _hash_texts(repo: Path, texts: list[str], scratch: Path) -> dict[str, str]:
    """Write each text as a blob (a link's target), all in one ``git hash-object``."""
    if not texts:
        return {}
    paths = []
    for index, text in enumerate(texts):
        path = scratch / f"link-{index}"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    done = subprocess.run(["git", "hash-object", "-w", "--stdin-paths"], cwd=repo, input="\n".join(paths) + "\n",
                          capture_output=True, text=True, check=True)
    return dict(zip(texts, done.stdout.split(), strict=True))


def _identity(repo: Path) -> dict[str, str]:
    """commit-tree needs an author as well as a committer."""
    env = committer_env(repo)
    if "GIT_COMMITTER_NAME" in env and not os.environ.get("GIT_AUTHOR_NAME"):
        env["GIT_AUTHOR_NAME"] = env["GIT_COMMITTER_NAME"]
    if "GIT_COMMITTER_EMAIL" in env and not os.environ.get("GIT_AUTHOR_EMAIL"):
        env["GIT_AUTHOR_EMAIL"] = env["GIT_COMMITTER_EMAIL"]
    return env


# --- environments and steps --------------------------------------------------------------------


@dataclass
class Builder:
    repo: Path
    config: Config
    venvs: Path  # one environment per release (``gradio-6.31.0``) and ``site`` for --from-models
    logs: Path  # one log file per release or environment, named in every error message
    share: bool = True  # store files that versions have the same once (share_files)

    def env_name(self, version: str) -> str:
        return f"{self.config.library}-{version}"

    def python(self, env: str) -> Path:
        return self.venvs / env / "bin" / "python"

    def tool(self, env: str, name: str) -> Path:
        """A command installed in an environment (mike has no ``python -m mike``)."""
        return self.python(env).parent / name

    def activated(self, env: str) -> dict[str, str]:
        """mike runs ``mkdocs`` from PATH: the environment's commands must come first."""
        bin_dir = self.python(env).parent
        return {"PATH": os.pathsep.join([str(bin_dir), os.environ.get("PATH", "")]), "VIRTUAL_ENV": str(bin_dir.parent)}

    def log_file(self, label: str) -> Path:
        return self.logs / f"{label}.log"

    def run(
        self, label: str, step: str, args: list[str], env: dict[str, str] | None = None, stdout: Path | None = None
    ) -> None:
        """Run one step, its output (stdout: to ``stdout`` if given) appended to the label's log.

        Raises StepError naming the label, the step and the reason line of the output."""
        log = self.log_file(label)
        with log.open("a", encoding="utf-8") as out:
            out.write(f"\n$ {' '.join(args)}\n")
            out.flush()
            start = out.tell()
            target = stdout.open("w", encoding="utf-8") if stdout else out
            with target:
                done = subprocess.run(args, cwd=self.repo, stdout=target, stderr=out, env={**os.environ, **(env or {})})
        if done.returncode != 0:
            # Only this step's output: pip prints harmless "ERROR:" lines in steps that succeed.
            with log.open("rb") as f:
                f.seek(start)
                reason = failure_reason(f.read().decode("utf-8", errors="replace"))
            raise StepError(f"{label.replace('-', ' ', 1)}: {step} failed: {reason} (full output: {log})")

    def install(self, label: str, env: str, requirements: list[str]) -> None:
        python = self.python(env)
        if not python.exists():
            self.run(label, "creating its environment", [sys.executable, "-m", "venv", str(python.parent.parent)])
        self.run(
            label, "installing", [str(python), "-m", "pip", "install", "--disable-pip-version-check", *requirements]
        )

    def install_release(self, version: str, site: bool = True) -> None:
        """``<library>==<version>`` and its pins, and this project (with mkdocs and mike if ``site``)."""
        label = self.env_name(version)
        self.install(label, label, requirements(self.config, version, self.repo, site))
        lib = self.config.library
        self.run(label, f"importing {lib}", [str(self.python(label)), "-c", f"import {lib}; print({lib}.__file__)"])

    def inspect(self, version: str, target: Path) -> None:
        """The release's model, as ``python -m docsgen inspect --json`` prints it, into ``target``."""
        label = self.env_name(version)
        args = [str(self.python(label)), "-m", "docsgen", "inspect", self.config.library, "--json"]
        self.run(label, "inspecting", args, stdout=target)

    def build_runtime(self, version: str, model: Path, runtime: Path) -> None:
        """``mkdocs build`` of the release's site in its environment; keep its model and its ``_docsgen``."""
        label = self.env_name(version)
        with tempfile.TemporaryDirectory(prefix="docsgen-site-") as site:
            args = [str(self.tool(label, "mkdocs")), "build", "--config-file", self.config.mkdocs_config, "-d", site]
            self.run(label, "building its site", args, {**QUIET, **self.activated(label)})
            shutil.copyfile(Path(site) / MODEL_PATH, model)
            shutil.rmtree(runtime, ignore_errors=True)
            if (Path(site) / ASSET_DIR / "runtime" / "manifest.json").is_file():
                shutil.copytree(Path(site) / ASSET_DIR, runtime)

    def deploy(self, label: str, env: str, version: str, changes_since: Path | None, model: Path | None = None,
               history: Path | None = None, runtime: Path | None = None) -> None:
        """``mike deploy <version>`` with the mkdocs of ``env``; from ``model`` instead of the library if given;
        ``history``: a folder of the deployed releases' models. Then files the same as another version's
        are shared (``share_files``)."""
        variables = {
            **committer_env(self.repo),
            **QUIET,
            **self.activated(env),
            CHANGES_ENV: str(changes_since or ""),
            MODEL_ENV: str(model or ""),
            HISTORY_ENV: str(history or ""),
            RUNTIME_ENV: str(runtime or ""),
        }
        message = f"Deploy {self.config.library} {version} docs"
        args = [str(self.tool(env, "mike")), "deploy", "--config-file", self.config.mkdocs_config, "--message", message]
        self.run(label, "mike deploy", [*args, version], variables)
        if self.share:
            share_files(self.repo)

    def set_latest(self, version: str, env: str, model: Path | None = None) -> None:
        """Point ``latest`` at ``version`` and make it the default, with the mike of ``env``.

        mike loads the MkDocs config, so the plugin runs: ``model`` where ``env`` has no release."""
        mike = [str(self.tool(env, "mike"))]
        variables = {**committer_env(self.repo), **QUIET, **self.activated(env), MODEL_ENV: str(model or "")}
        config = ["--config-file", self.config.mkdocs_config]
        self.run(env, f"setting {LATEST}", [*mike, "alias", *config, "--update-aliases", version, LATEST], variables)
        self.run(env, "setting the default", [*mike, "set-default", *config, LATEST], variables)


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


def deployed_models(repo: Path, scratch: Path, branch: str = BRANCH) -> Path:
    """A new folder of the models of every release on the branch, for ``history`` (releases newer
    than the one being built are ignored by the history itself)."""
    folder = Path(tempfile.mkdtemp(prefix="history-", dir=scratch))
    for entry in deployed(repo, branch):
        deployed_model(repo, entry["version"], folder / f"{entry['version']}.json", branch)
    return folder


def previous_model(builder: Builder, version: str, scratch: Path) -> tuple[str | None, Path | None]:
    """The previous deployed release and a copy of its model from the branch (None, None: none)."""
    previous = previous_version(version, [entry["version"] for entry in deployed(builder.repo)])
    if previous is None:
        return None, None
    return previous, deployed_model(builder.repo, previous, scratch / f"{previous}.json")


def timed(outcome: Outcome, attribute: str, step: Callable[[], object]) -> None:
    start = time.monotonic()
    step()
    setattr(outcome, attribute, time.monotonic() - start)


def build_one(builder: Builder, version: str, scratch: Path) -> Outcome:
    """Install one release in its environment and deploy its site built there."""
    outcome = Outcome(version)
    label = builder.env_name(version)
    try:
        builder.log_file(label).unlink(missing_ok=True)
        timed(outcome, "install_seconds", lambda: builder.install_release(version))
        outcome.changes_since, model = previous_model(builder, version, scratch)
        history = deployed_models(builder.repo, scratch)
        timed(outcome, "build_seconds", lambda: builder.deploy(label, label, version, model, history=history))
    except StepError as exc:
        outcome.error = str(exc)
    return outcome


def model_one(builder: Builder, version: str, out_dir: Path, demos: bool = False) -> Outcome:
    """Install one release and write its model to ``<out_dir>/<version>.json``; with ``demos``, build its site
    there too and keep the live demos' runtime (the site's ``_docsgen``) as ``<out_dir>/<version>.runtime``,
    which ``--from-models`` puts into that release's site: only where the release is installed can the
    build pack it for the browser."""
    outcome = Outcome(version)
    label = builder.env_name(version)
    model, runtime = out_dir / f"{version}.json", out_dir / f"{version}{RUNTIME_SUFFIX}"
    try:
        builder.log_file(label).unlink(missing_ok=True)
        timed(outcome, "install_seconds", lambda: builder.install_release(version, site=demos))
        if demos:
            timed(outcome, "build_seconds", lambda: builder.build_runtime(version, model, runtime))
        else:
            timed(outcome, "build_seconds", lambda: builder.inspect(version, model))
    except StepError as exc:
        outcome.error = str(exc)
        model.unlink(missing_ok=True)  # no half-written model for the deploy
        shutil.rmtree(runtime, ignore_errors=True)
    return outcome


def model_version(path: Path) -> str:
    """The documented release a model file is of (``library.version``), else the file's name."""
    try:
        return str(json.loads(path.read_text(encoding="utf-8"))["library"]["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return path.stem


def deploy_model(builder: Builder, version: str, model: Path, scratch: Path) -> Outcome:
    """Deploy the site of one release from its model file, with the shared ``site`` environment."""
    outcome = Outcome(version)
    label = builder.env_name(version)
    try:
        builder.log_file(label).unlink(missing_ok=True)
        outcome.changes_since, since = previous_model(builder, version, scratch)
        history = deployed_models(builder.repo, scratch)
        runtime = model.with_suffix(RUNTIME_SUFFIX)
        runtime = runtime.resolve() if runtime.is_dir() else None
        timed(outcome, "build_seconds",
              lambda: builder.deploy(label, SITE_ENV, version, since, model.resolve(), history, runtime))
    except StepError as exc:
        outcome.error = str(exc)
    return outcome


def finish(builder: Builder, outcomes: list[Outcome], env: str | None, model: Path | None = None) -> list[Outcome]:
    """``latest`` -> the newest deployed release (this run's or an earlier one's), the default."""
    top = newest([entry["version"] for entry in deployed(builder.repo)])
    if env is not None and top:
        try:
            builder.set_latest(top, env, model)
        except StepError as exc:
            outcomes.append(Outcome(LATEST, error=str(exc)))
    return outcomes


def each_release(versions: Sequence[str], label: str, step: Callable[[str], Outcome]) -> list[Outcome]:
    """Oldest first, so that each release is compared with the one before it."""
    outcomes = []
    for version in sorted(dict.fromkeys(versions), key=version_key):
        print(f"==> {label} {version}", flush=True)
        outcomes.append(step(version))
        print(f"    {summary_line(outcomes[-1])}", flush=True)
    return outcomes


def build_versions(builder: Builder, versions: Sequence[str]) -> list[Outcome]:
    with tempfile.TemporaryDirectory(prefix="docsgen-versions-") as scratch:
        outcomes = each_release(versions, builder.config.library, lambda v: build_one(builder, v, Path(scratch)))
    built = [o.version for o in outcomes if o.ok]
    return finish(builder, outcomes, builder.env_name(built[-1]) if built else None)


def write_models(builder: Builder, versions: Sequence[str], out_dir: Path, demos: bool = False) -> list[Outcome]:
    out_dir.mkdir(parents=True, exist_ok=True)
    return each_release(versions, builder.config.library, lambda v: model_one(builder, v, out_dir, demos))


def deploy_models(builder: Builder, models_dir: Path) -> list[Outcome]:
    models = {model_version(path): path for path in sorted(models_dir.glob("*.json"))}
    if not models:
        return [Outcome(str(models_dir), error=f"no model files (<version>.json) in {models_dir}")]
    try:
        builder.install(SITE_ENV, SITE_ENV, site_requirements(builder.repo))
    except StepError as exc:
        return [Outcome(SITE_ENV, error=str(exc))]
    with tempfile.TemporaryDirectory(prefix="docsgen-versions-") as scratch:

        def step(version: str) -> Outcome:
            return deploy_model(builder, version, models[version], Path(scratch))

        outcomes = each_release(list(models), f"{builder.config.library} (from its model)", step)
    done = [models[o.version] for o in outcomes if o.ok]
    return finish(builder, outcomes, SITE_ENV if done else None, done[-1].resolve() if done else None)


def share_summary(shared: Shared) -> str:
    return (f"{BRANCH}: {shared.linked} files linked to {STORE}/, which holds {shared.stored}; "
            f"{shared.pruned} no longer used removed")


def summary_line(outcome: Outcome) -> str:
    if not outcome.ok:
        return f"FAILED: {outcome.error}"
    since = f"; what changed since {outcome.changes_since}" if outcome.changes_since else ""
    return f"done: install {outcome.install_seconds:.1f} s, build {outcome.build_seconds:.1f} s{since}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m docsgen.versions",
        description=__doc__.split("\n\n")[0],
        epilog="--models-only and --from-models split the work for CI (docs/versions.md).",
    )
    parser.add_argument("versions", nargs="*", help="releases to build (default: the config's list)")
    parser.add_argument("--config", default=CONFIG_FILE, help="the versions file (default: %(default)s)")
    parser.add_argument("--venvs", default=".nox/versions", help="where the environments live (kept)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--models-only", metavar="DIR", help="only install each release and write DIR/<version>.json")
    mode.add_argument("--from-models", metavar="DIR", help="deploy every DIR/<version>.json; installs no release")
    mode.add_argument("--share-only", action="store_true",
                      help=f"only share identical files in {BRANCH} and drop unused ones (after `mike delete`)")
    parser.add_argument("--demos", action="store_true",
                        help="with --models-only: build each release's site there and keep its live demos' runtime")
    parser.add_argument("--no-share", action="store_true", help=f"keep a copy of every file per version ({STORE}/)")
    args = parser.parse_args(argv)
    repo = Path.cwd()
    config = load_config(repo / args.config)
    venvs = Path(args.venvs).resolve()
    venvs.mkdir(parents=True, exist_ok=True)
    builder = Builder(repo, config, venvs, venvs, share=not args.no_share)
    if args.share_only:
        print(share_summary(share_files(repo)))
        return 0
    if args.from_models:
        return report(deploy_models(builder, Path(args.from_models)), deployed(repo))
    versions = args.versions or config.versions
    if not versions:
        parser.error(f"no versions given and none listed in {args.config}")
    if args.models_only:
        return report(write_models(builder, versions, Path(args.models_only), args.demos), None)
    return report(build_versions(builder, versions), deployed(repo))


def report(outcomes: Sequence[Outcome], entries: Sequence[dict] | None) -> int:
    print("\nversion      install    build  result")
    for o in outcomes:
        result = "ok" if o.ok else f"FAILED: {o.error}"
        print(f"{o.version:<12} {o.install_seconds:>6.1f} s {o.build_seconds:>6.1f} s  {result}")
    if entries is not None:
        print(f"\n{BRANCH} now holds: {', '.join(_entry_text(e) for e in entries) or 'nothing'}")
    failed = [o.version for o in outcomes if not o.ok]
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


def _entry_text(entry: dict) -> str:
    aliases = entry.get("aliases") or []
    return f"{entry['version']} ({', '.join(aliases)})" if aliases else entry["version"]


if __name__ == "__main__":
    sys.exit(main())
