"""The plugin options behind versioned builds, in a real `mkdocs build` of a library that is not
installed: `model` renders a saved model without importing, `changes_since` adds the page
"What changed since X"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from docsgen.model import Component, Event, Library, LibraryInfo, Parameter

pytestmark = pytest.mark.slow

LIBRARY = "nosuchlib_for_docsgen"  # importing it would fail: the site must come from the model


def model(version: str, events: list[str], params: list[Parameter], extra: list[str]) -> Library:
    components = [Component("Textbox", f"{LIBRARY}.Textbox", "A box.", params, [Event(e) for e in events])]
    components += [Component(name, f"{LIBRARY}.{name}", "Another.") for name in extra]
    return Library(LibraryInfo(LIBRARY, version), components)


OLD = model("1.0", ["change"], [Parameter("lines", "int", "1")], ["Slider"])
NEW = model(
    "2.0", ["change", "copy"], [Parameter("lines", "int", "2"), Parameter("max_length", "int", "None")], ["Dialog"]
)


def build(tmp_path: Path, plugin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"""site_name: test
theme: {{name: material}}
plugins:
  - docsgen:
      library: {LIBRARY}
      model: !ENV DOCSGEN_MODEL
      changes_since: !ENV DOCSGEN_CHANGES_SINCE
      history: !ENV DOCSGEN_HISTORY
{plugin}extra:
  version: {{provider: mike}}
""",
        encoding="utf-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )


@pytest.fixture
def models(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(OLD.to_json(), encoding="utf-8")
    new.write_text(NEW.to_json(), encoding="utf-8")
    return old, new


def test_site_from_a_model_with_its_changes_page(tmp_path: Path, models: tuple[Path, Path]) -> None:
    old, new = models
    done = build(tmp_path, DOCSGEN_MODEL=str(new), DOCSGEN_CHANGES_SINCE=str(old))
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    assert Library.from_json((site / "model.json").read_text(encoding="utf-8")) == NEW
    html = (site / "changes" / "index.html").read_text(encoding="utf-8")
    assert f"What changed since {LIBRARY} 1.0" in html
    assert 'href="../components/dialog/"' in html  # new component, linked to its page
    assert "Slider" in html and 'href="../components/slider/"' not in html  # removed: no page
    assert "Events added: <code>copy</code>" in html
    assert "<code>max_length: int = None</code>" in html
    assert "<code>1</code> → <code>2</code>" in html
    assert 'href="changes/"' in (site / "index.html").read_text(encoding="utf-8")  # in the navigation


def test_without_changes_since_there_is_no_changes_page(tmp_path: Path, models: tuple[Path, Path]) -> None:
    done = build(tmp_path, DOCSGEN_MODEL=str(models[1]), DOCSGEN_CHANGES_SINCE="")
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "site" / "changes").exists()


def test_unreadable_models_stop_the_build_with_their_path(tmp_path: Path, models: tuple[Path, Path]) -> None:
    missing = tmp_path / "missing.json"
    done = build(tmp_path, DOCSGEN_MODEL=str(models[1]), DOCSGEN_CHANGES_SINCE=str(missing))
    assert done.returncode != 0
    assert "missing.json" in done.stderr
    done = build(tmp_path, DOCSGEN_MODEL=str(missing))
    assert done.returncode != 0
    assert "missing.json" in done.stderr and "`model`" in done.stderr


def test_history_on_the_pages_of_a_site_from_models(tmp_path: Path, models: tuple[Path, Path]) -> None:
    old, new = models
    deployed = tmp_path / "deployed"
    deployed.mkdir()
    (deployed / "1.0.json").write_text(old.read_text(encoding="utf-8"), encoding="utf-8")
    done = build(tmp_path, DOCSGEN_MODEL=str(new), DOCSGEN_HISTORY=str(deployed))
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "components" / "textbox" / "index.html").read_text(encoding="utf-8")
    row = html.split('<tr id="param-max_length">', 1)[1].split("</tr>", 1)[0]
    assert "Added in 2.0" in row
    row = html.split('<tr id="param-lines">', 1)[1].split("</tr>", 1)[0]
    assert "default changed in 2.0: <code>1</code> → <code>2</code>" in row
    assert "Added in 2.0" in html.split('<tr id="event-copy">', 1)[1].split("</tr>", 1)[0]
    dialog = (tmp_path / "site" / "components" / "dialog" / "index.html").read_text(encoding="utf-8")
    assert "Added in 2.0" in dialog
    done = build(tmp_path, DOCSGEN_MODEL=str(new), DOCSGEN_HISTORY=str(tmp_path / "nowhere"))
    assert done.returncode != 0 and "nowhere" in done.stderr


def test_a_site_from_a_model_says_its_demos_are_off_and_why(tmp_path: Path, models: tuple[Path, Path]) -> None:
    # live_demos asked for, but the library is not installed: no runtime, and each page says why.
    done = build(tmp_path, "      live_demos: true\n", DOCSGEN_MODEL=str(models[1]))
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "components" / "textbox" / "index.html").read_text(encoding="utf-8")
    assert "No live demo in this version" in html
    assert f"built from {LIBRARY}&#39;s saved model, without {LIBRARY} installed" in html
    assert not (tmp_path / "site" / "_docsgen" / "runtime").exists()
    missing = tmp_path / "no-runtime"
    missing.mkdir()
    done = build(tmp_path, "      live_demos: true\n      runtime_dir: " + str(missing) + "\n",
                 DOCSGEN_MODEL=str(models[1]))
    assert done.returncode != 0 and "runtime_dir" in done.stderr
