"""Command line: ``python -m docsgen inspect LIBRARY --json``, ``python -m docsgen diff OLD.json NEW.json``,
``python -m docsgen share encode|decode [FILE]``, and for site engines without plugins (Zensical)
``python -m docsgen generate LIBRARY --out DOCS/FOLDER`` before the build, ``python -m docsgen finish LIBRARY SITE``
after it."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .diff import compare, render_markdown
from .introspect import DiscoveryError, LibraryImportError, inspect_library
from .model import Library
from .sharelink import ShareLinkError, code_from_hash
from .sharelink import decode as decode_link
from .sharelink import encode as encode_link


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m docsgen", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    inspect_cmd = commands.add_parser("inspect", help="read a library and print its documentation model")
    inspect_cmd.add_argument("library", help="import name of the library, e.g. gradio")
    inspect_cmd.add_argument(
        "--base-class", help="dotted path of the component base class (libraries without a registry)"
    )
    inspect_cmd.add_argument("--json", action="store_true", help="print the model as JSON (the default is a summary)")
    inspect_cmd.set_defaults(run=_inspect)

    diff_cmd = commands.add_parser("diff", help="what changed between two models (files written by inspect --json)")
    diff_cmd.add_argument("old", help="the older model.json")
    diff_cmd.add_argument("new", help="the newer model.json")
    diff_cmd.add_argument("--format", choices=["markdown", "json"], default="markdown")
    diff_cmd.set_defaults(run=_diff)

    share_cmd = commands.add_parser("share", help="encode a program as a playground share link, or decode one")
    share_cmd.add_argument("action", choices=["encode", "decode"])
    share_cmd.add_argument("file", nargs="?", help="program (encode) or link / #code= value (decode); default stdin")
    share_cmd.add_argument("--url", default="", help="encode: the playground's URL to put before #code=")
    share_cmd.set_defaults(run=_share)

    _add_engine_commands(commands)
    args = parser.parse_args(argv)
    return args.run(args)


def _add_engine_commands(commands: argparse._SubParsersAction) -> None:
    generate_cmd = commands.add_parser("generate", help="write the generated pages into the docs (no plugin needed)")
    generate_cmd.add_argument("library", help="import name of the library, e.g. gradio")
    generate_cmd.add_argument("--base-class", help="dotted path of the component base class")
    generate_cmd.add_argument("--live-demos", action="store_true", help="a live demo on every component page")
    generate_cmd.add_argument("--out", required=True, help="folder of the docs for the pages, e.g. docs/reference")
    generate_cmd.add_argument("--docs-dir", default="docs", help="the site's docs folder (default: docs)")
    generate_cmd.set_defaults(run=_generate)

    finish_cmd = commands.add_parser("finish", help="after the engine's build: objects.inv, the live demos' runtime")
    finish_cmd.add_argument("library", help="import name of the library, as given to generate")
    finish_cmd.add_argument("site", help="the built site's folder")
    finish_cmd.add_argument("--pyodide-packages-url", default="true",
                            help="where to download the Pyodide distribution's packages: true (its CDN), a URL, "
                                 "or false (stand-ins)")
    finish_cmd.add_argument("--pyodide-dir", help="a local Pyodide distribution")
    finish_cmd.set_defaults(run=_finish)


def _inspect(args: argparse.Namespace) -> int:
    try:
        result = inspect_library(args.library, args.base_class)
    except (LibraryImportError, DiscoveryError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in result.problems:
        if problem.level == "warning":
            print(f"warning: {problem}", file=sys.stderr)
    library = result.library
    if args.json:
        print(library.to_json())
        return 0
    count = len(library.components)
    print(f"{library.library.name} {library.library.version}: {count} component{'' if count == 1 else 's'}")
    for component in library.components:
        print(f"  {component.name:<20} {len(component.params):>3} parameters  {len(component.events):>3} events")
    return 0


def _diff(args: argparse.Namespace) -> int:
    models = []
    for path in (args.old, args.new):
        try:
            models.append(Library.from_json(Path(path).read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            print(f"error: cannot read the model {path}: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 2
    changes = compare(*models)
    print(changes.to_json() if args.format == "json" else render_markdown(changes), end="")
    return 0


def _share(args: argparse.Namespace) -> int:
    text = Path(args.file).read_text(encoding="utf-8") if args.file else sys.stdin.read()
    if args.action == "encode":
        print(f"{args.url}#code={encode_link(text)}")
        return 0
    link = text.strip()
    # A whole URL, a bare fragment or just the value after `#code=`.
    code = code_from_hash("#" + link.split("#", 1)[1]) if "#" in link else link
    try:
        if code is None:
            raise ShareLinkError("the link has no #code= part")
        sys.stdout.write(decode_link(code))
    except ShareLinkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


# What `generate` tells `finish` (in the docs, so the engine copies it into the site).
GENERATED = "_docsgen/generated.json"


def _generate(args: argparse.Namespace) -> int:
    from . import build
    from .render import RenderOptions
    from .render.standalone import nav_yaml, write_pages

    docs, out = Path(args.docs_dir).resolve(), Path(args.out).resolve()
    if not out.is_relative_to(docs):
        print(f"error: --out {args.out} is not inside the docs folder {args.docs_dir}", file=sys.stderr)
        return 2
    prefix = out.relative_to(docs).as_posix().strip(".")
    request = build.SiteRequest(args.library, args.base_class, RenderOptions(args.live_demos, prefix))
    try:
        site = build.generate(request)
    except (LibraryImportError, DiscoveryError, build.SiteError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    written = write_pages(site.all_pages, docs)
    for path, text in ((build.STYLESHEET, build.stylesheet()), (build.MODEL_PATH, site.model_json),
                       (GENERATED, json.dumps({"library": args.library, "base_class": args.base_class,
                                               "live_demos": args.live_demos, "prefix": prefix}))):
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    print(f"# {len(written)} pages written under {args.docs_dir}; add to the site's configuration:")
    print("nav:\n" + nav_yaml(site.pages, site.extra_pages) + _assets_yaml(args.live_demos), end="")
    return 0


def _assets_yaml(live_demos: bool) -> str:
    from . import build, bundle

    css = [build.STYLESHEET, *(bundle.PAGE_ASSETS["css"] if live_demos else [])]
    lines = ["extra_css:", *(f"  - {path}" for path in css)]
    if live_demos:
        lines += ["extra_javascript:", *(f"  - path: {path}\n    type: module" for path in bundle.PAGE_ASSETS["js"])]
    return "\n".join(lines) + "\n"


def _finish(args: argparse.Namespace) -> int:
    from . import build
    from .render import RenderOptions
    from .render.inventory import FILE_NAME, site_inventory
    from .render.standalone import write_text_files
    from .render.text import LLMS_TXT

    site_dir = Path(args.site)
    try:
        settings = json.loads((site_dir / GENERATED).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"error: {site_dir} has no {GENERATED}: run `python -m docsgen generate` first ({exc})",
              file=sys.stderr)
        return 2
    request = build.SiteRequest(args.library, settings["base_class"],
                                RenderOptions(settings["live_demos"], settings["prefix"]),
                                model_path=str(site_dir / build.MODEL_PATH))
    site = build.generate(request)
    (site_dir / FILE_NAME).write_bytes(site_inventory(site.inspection.library, site.all_pages))
    print(f"{FILE_NAME} written")
    library = site.inspection.library
    write_text_files(site_dir, library, request.options, f"{library.library.name} reference")
    print(f"{LLMS_TXT} and the reference pages' Markdown copies written")
    return _finish_live_demos(args, site_dir) if settings["live_demos"] else 0


def _finish_live_demos(args: argparse.Namespace, site_dir: Path) -> int:
    from . import bundle

    url = {"true": True, "false": False}.get(args.pyodide_packages_url.lower(), args.pyodide_packages_url)
    options = bundle.RuntimeOptions(pyodide_dir=Path(args.pyodide_dir) if args.pyodide_dir else None,
                                    pyodide_packages_url=url)
    try:
        report = bundle.build_runtime(args.library, site_dir, options)
    except bundle.RuntimeUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    runtime = site_dir / bundle.OUT / "runtime"
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        early = bundle.with_early_script(html, os.path.relpath(runtime, page.parent).replace(os.sep, "/") + "/")
        if early != html:
            page.write_text(early, encoding="utf-8")
    print(f"live demos: {report.summary()}")
    for problem in report.problems():
        print(f"warning: {problem}", file=sys.stderr)
    return 0
