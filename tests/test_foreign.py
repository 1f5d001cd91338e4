"""The build names what a built site would make a browser load from other hosts (docsgen/foreign.py)."""

from __future__ import annotations

from pathlib import Path

from docsgen.foreign import foreign_loads

from .conftest import FIXTURES, run_mkdocs, write_site_config

PAGE = """<!doctype html><html><head>
<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>
<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
<link rel="stylesheet" href="assets/local.css">
<link rel="canonical" href="https://elsewhere.example/page/">
<script src="https://cdn.example/lib.js"></script>
<script src="js/own.js"></script>
<style>body { background: url('https://img.example/bg.png'); }</style>
</head><body>
<a href="https://reader.example/follow-me">a link the reader may follow</a>
<img src="https://docs.example/self.png" alt="the site's own absolute URL">
<img srcset="small.png 1x, //img.example/big.png 2x" alt="">
<p style="background-image: url(https://img.example/inline.png)">x</p>
<video poster="https://media.example/poster.jpg"></video>
</body></html>"""


def test_every_kind_of_load_is_found_and_links_are_not(tmp_path: Path):
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text(PAGE)
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "theme.css").write_text('@import url("https://fonts.example/f.css");\n'
                                                    "a { background: url(img/local.png) }")
    loads = {load.url: load.files for load in foreign_loads(tmp_path, "https://docs.example/")}
    assert loads == {
        "https://fonts.example/f.css": ["assets/theme.css"],
        **{url: ["index.html", "sub/index.html"] for url in [
            "https://fonts.gstatic.com", "https://fonts.googleapis.com/css?family=Roboto",
            "https://cdn.example/lib.js", "https://img.example/bg.png", "//img.example/big.png",
            "https://img.example/inline.png", "https://media.example/poster.jpg",
        ]},
    }


def test_the_fix_is_named(tmp_path: Path):
    (tmp_path / "index.html").write_text(PAGE)
    messages = {load.host: load.message() for load in foreign_loads(tmp_path)}
    assert "`theme.font: false`" in messages["fonts.googleapis.com"]
    assert "index.html" in messages["cdn.example"] and "relative path" in messages["cdn.example"]


def test_a_site_on_material_defaults_is_warned_about_its_web_fonts(tmp_path: Path):
    """mkdocs-material's default font loads from Google; with `font: false` nothing leaves the site."""
    config = write_site_config(tmp_path / "default", "widgetlib", "widgetlib.Widget")
    config.write_text(config.read_text().replace("  font: false\n", ""))  # the theme's default fonts
    result = run_mkdocs(config, tmp_path / "default" / "site", extra_path=FIXTURES)
    assert result.returncode == 0, result.stderr[-2000:]
    warned = [line for line in result.stderr.splitlines() if "from another host" in line]
    assert any("https://fonts.googleapis.com/" in line and "`theme.font: false`" in line for line in warned), warned

    config = write_site_config(tmp_path / "quiet", "widgetlib", "widgetlib.Widget")
    assert "  font: false\n" in config.read_text()
    result = run_mkdocs(config, tmp_path / "quiet" / "site", extra_path=FIXTURES)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "from another host" not in result.stderr
