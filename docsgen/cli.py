"""Command line: ``python -m docsgen inspect LIBRARY --json``, ``python -m docsgen diff OLD.json NEW.json``,
``python -m docsgen share encode|decode [FILE]``."""

from __future__ import annotations

import argparse
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

    args = parser.parse_args(argv)
    return args.run(args)


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
