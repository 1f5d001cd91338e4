"""The Pyodide distribution's package files at build time: downloaded from a URL, checked against the
lockfile's sha256, cached; refused when they differ or stop short; the resolver vendors them instead of
docsgen's stand-ins, and says when it cannot get them. A server on 127.0.0.1 plays the distribution."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
import yaml
import yaml_env_tag

from docsgen.bundle.build import RuntimeOptions, RuntimeReport, _distribution, not_downloaded_message
from docsgen.bundle.distribution import DistributionPackages, PackageRefused, PackageUnavailable, official_url
from docsgen.bundle.index import LockEntry, PyodideLock
from docsgen.bundle.local import LocalPacker
from docsgen.bundle.pyodide import PyodideCore
from docsgen.bundle.resolve import MISSING, REMOTE, VENDORED, Resolver
from docsgen.bundle.wheels import pack_directory
from docsgen.plugin import _packages_url
from tests.distribution_server import Distribution, lock_entry, serving

ROOT = Path(__file__).resolve().parent.parent


def own_wheel(tmp_path: Path, name: str, body: str = "VALUE = 1\n") -> Path:
    """A small pure-Python wheel of our own."""
    source = tmp_path / "src" / name
    source.mkdir(parents=True)
    (source / "__init__.py").write_text(body)
    return pack_directory(name, "1.0", name.replace("-", "_"), source, tmp_path / "built").path


def entry_of(path: Path, sha256: str | None = None, depends: tuple[str, ...] = ()) -> LockEntry:
    data = path.read_bytes()
    return LockEntry(path.name.split("-")[0], "1.0", path.name, depends, "package",
                     sha256 or hashlib.sha256(data).hexdigest())


def cached_files(cache: Path) -> list[Path]:
    return [p for p in cache.rglob("*") if p.is_file()] if cache.exists() else []


@pytest.fixture
def wheel(tmp_path: Path) -> Path:
    return own_wheel(tmp_path, "dgpure")


def test_a_download_is_checked_cached_and_then_served_offline(tmp_path: Path, wheel: Path):
    dist = Distribution()
    dist.add(wheel)
    with serving(dist) as url:
        path = DistributionPackages(url, tmp_path / "cache").fetch(entry_of(wheel))
    assert path.read_bytes() == wheel.read_bytes() and dist.requests == [wheel.name]
    assert cached_files(tmp_path / "cache") == [path]
    # The server is gone: the cache serves, without asking anyone.
    again = DistributionPackages(url, tmp_path / "cache").fetch(entry_of(wheel))
    assert again == path and dist.requests == [wheel.name]


def test_a_tampered_file_is_refused_with_both_hashes_and_not_cached(tmp_path: Path, wheel: Path):
    dist = Distribution(files={wheel.name: wheel.read_bytes() + b"tampered"})
    expected = hashlib.sha256(wheel.read_bytes()).hexdigest()
    served = hashlib.sha256(dist.files[wheel.name]).hexdigest()
    with serving(dist) as url, pytest.raises(PackageRefused) as info:
        DistributionPackages(url, tmp_path / "cache", lockfile="the-lock.json").fetch(entry_of(wheel))
    message = str(info.value)
    assert wheel.name in message and expected in message and served in message and "the-lock.json" in message
    assert cached_files(tmp_path / "cache") == []


def test_a_truncated_download_never_enters_the_cache(tmp_path: Path, wheel: Path):
    dist = Distribution(truncated={wheel.name})
    dist.add(wheel)
    with serving(dist) as url, pytest.raises(PackageUnavailable, match="stopped after"):
        DistributionPackages(url, tmp_path / "cache").fetch(entry_of(wheel))
    assert cached_files(tmp_path / "cache") == []


def test_a_cached_file_that_changed_is_fetched_again(tmp_path: Path, wheel: Path):
    dist = Distribution()
    dist.add(wheel)
    with serving(dist) as url:
        packages = DistributionPackages(url, tmp_path / "cache")
        path = packages.fetch(entry_of(wheel))
        path.write_bytes(b"rotten")
        assert packages.fetch(entry_of(wheel)).read_bytes() == wheel.read_bytes()
    assert dist.requests == [wheel.name, wheel.name]


def test_no_server_and_no_cache_is_unavailable_and_asked_only_once(tmp_path: Path, wheel: Path):
    with serving(Distribution()) as url:
        pass  # a port nobody listens on any more
    packages = DistributionPackages(url, tmp_path / "cache")
    with pytest.raises(PackageUnavailable, match=r"cannot reach 127\.0\.0\.1") as first:
        packages.fetch(entry_of(wheel))
    start = time.monotonic()
    with pytest.raises(PackageUnavailable) as second:
        packages.fetch(entry_of(own_wheel(tmp_path / "b", "other")))
    assert str(second.value) == str(first.value)  # one reason for the build's message, said once
    assert time.monotonic() - start < 0.5
    assert cached_files(tmp_path / "cache") == []


def test_an_entry_without_a_hash_is_refused(tmp_path: Path, wheel: Path):
    entry = LockEntry("dgpure", "1.0", wheel.name, (), "package", "")
    with pytest.raises(PackageRefused, match="no sha256"):
        DistributionPackages("http://127.0.0.1:9/", tmp_path).fetch(entry)


def test_a_404_names_the_url(tmp_path: Path, wheel: Path):
    with serving(Distribution()) as url, pytest.raises(PackageUnavailable, match="HTTP 404") as info:
        DistributionPackages(url, tmp_path).fetch(entry_of(wheel))
    assert wheel.name in str(info.value)


def distribution_of(tmp_path: Path) -> tuple[Distribution, PyodideLock]:
    """A 'numpy' (a pure wheel of our own under that name) that depends on dgpure, and dgpure."""
    dist = Distribution()
    numpy = own_wheel(tmp_path, "numpy", "REAL = True\n")
    pure = own_wheel(tmp_path, "dgpure")
    packages = {
        "numpy": lock_entry(dist.add(numpy), numpy.read_bytes(), ["dgpure"]),
        "dgpure": lock_entry(dist.add(pure), pure.read_bytes()),
    }
    return dist, PyodideLock({"info": {"abi_version": "2026_0"}, "packages": packages})


def resolver(tmp_path: Path, lock: PyodideLock, url: str, **options) -> Resolver:
    return Resolver(indexes=[], lock=lock, installed=lambda n: None, packer=LocalPacker(tmp_path / "packed"),
                    packages=DistributionPackages(url, tmp_path / "cache"), **options)


def test_the_resolver_vendors_the_real_package_and_its_depends_instead_of_a_stand_in(tmp_path: Path):
    dist, lock = distribution_of(tmp_path)
    with serving(dist) as url:
        found = {p.name: p for p in resolver(tmp_path, lock, url).resolve(["numpy"], "mylib")}
    assert [found[n].status for n in ("numpy", "dgpure")] == [VENDORED, VENDORED]
    assert found["numpy"].source == "pyodide-dist" and "sha256 checked" in found["numpy"].note
    assert found["numpy"].file.parent.parent == tmp_path / "cache"
    report = RuntimeReport("mylib", "314.0.7", list(found.values()), "textarea", packages_url=url)
    assert report.standins == [] and "2 from the Pyodide distribution" in report.summary()
    assert "stand-in" not in report.summary()


def test_unreachable_packages_are_missing_and_named_or_load_from_the_base_url(tmp_path: Path):
    _dist, lock = distribution_of(tmp_path)
    offline = resolver(tmp_path, lock, "http://127.0.0.1:9/full/")
    found = {p.name: p for p in offline.resolve(["numpy"], "mylib")}
    assert found["numpy"].status == MISSING and found["dgpure"].status == MISSING  # depends followed still
    assert [name for name, _ in offline.not_downloaded] == ["numpy", "dgpure"]
    remote = resolver(tmp_path, lock, "http://127.0.0.1:9/full/", base_url="https://cdn.example/full/")
    found = {p.name: p for p in remote.resolve(["numpy"], "mylib")}
    assert found["numpy"].status == REMOTE and remote.not_downloaded == []
    assert any("pyodide_base_url" in w for w in remote.warnings)


def test_the_message_names_the_packages_the_url_and_the_ways_out(tmp_path: Path):
    packages = DistributionPackages("https://cdn.example/full/", tmp_path / "cache")
    message = not_downloaded_message("gradio", [("numpy", "no network"), ("pandas", "no network")], packages)
    assert "numpy, pandas" in message and "https://cdn.example/full/" in message and "no network" in message
    assert "`pyodide_dir`" in message and "build once where" in message and str(tmp_path / "cache") in message


def test_the_default_url_is_pyodides_own_for_the_version_in_use(tmp_path: Path):
    core = PyodideCore(tmp_path, "314.0.8", "3.14.2", "pyodide_dir")
    assert _distribution(RuntimeOptions(), core, tmp_path).url == "https://cdn.jsdelivr.net/pyodide/v314.0.8/full/"
    assert _distribution(RuntimeOptions(pyodide_packages_url=False), core, tmp_path) is None
    mirror = _distribution(RuntimeOptions(pyodide_packages_url="https://mirror.example/p/"), core, tmp_path)
    assert mirror.url == "https://mirror.example/p/"
    assert official_url("ABI 2026_0", "314.0.7") == "https://cdn.jsdelivr.net/pyodide/v314.0.7/full/"
    assert _packages_url(None) is True and _packages_url(False) is False


def test_pyodide_mjs_uses_the_same_default_url():
    """The npm package's own fallback CDN (when npm's copy is in the cache)."""
    from tests.live_support import cache_dir

    found = sorted(cache_dir().glob("npm/*/node_modules/pyodide/pyodide.mjs"))
    if not found:
        pytest.skip("npm's pyodide is not in docsgen's cache")
    assert "https://cdn.jsdelivr.net/pyodide/v${" in found[-1].read_text() and "}/full/" in found[-1].read_text()


def test_the_repositorys_site_does_not_download_unless_told(monkeypatch: pytest.MonkeyPatch):
    """CI's machine cannot reach the CDN: mkdocs.yml reads the URL from the environment, off by default."""
    loader = yaml_env_tag.add_env_tag(type("Loader", (yaml.SafeLoader,), {}))

    def option() -> object:
        config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=loader)
        return next(p["docsgen"] for p in config["plugins"] if isinstance(p, dict))["pyodide_packages_url"]

    monkeypatch.delenv("DOCSGEN_PYODIDE_PACKAGES_URL", raising=False)
    assert option() is False
    monkeypatch.setenv("DOCSGEN_PYODIDE_PACKAGES_URL", "true")
    assert option() is True
