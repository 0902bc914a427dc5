"""`standing graph PATH -o FILE`: the story map as .dot, .mmd (Mermaid), .svg or .png."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cli import load_for_command
from ..i18n import _, format_list
from ..packs.graph import (FORMATS, GraphvizFailed, GraphvizMissing, build, format_for,
                           text_for, write)


def register(sub) -> None:
    p = sub.add_parser(
        "graph", help=_("draw the story map (scenes, choices, endings) as dot/mmd/svg/png"),
        description=_("Draw a pack's story map: scenes grouped by episode, choices as labelled "
                      "arrows (conditional ones dashed, with their condition), endings with a "
                      "double border coloured by tone, unreachable scenes greyed. .dot and .mmd "
                      "(Mermaid, which GitHub and many editors show) need nothing else; .svg "
                      "and .png need Graphviz's `dot`. Without -o, prints DOT (or --format mmd) "
                      "to the terminal."))
    p.add_argument("path", metavar="PATH", help=_("a pack folder or .zip"))
    p.add_argument("-o", "--output", metavar="FILE",
                   help=_("where to write; the extension picks the format ({formats})").format(
                       formats=_extensions()))
    p.add_argument("--format", choices=FORMATS, help=_("the format, whatever the extension"))
    p.set_defaults(run=run)


def _extensions() -> str:
    return format_list(["." + f for f in FORMATS], "or")


def run(args: argparse.Namespace) -> int:
    fmt = args.format or (format_for(args.output) if args.output else "dot")
    if fmt is None:
        print(_("{file}: unknown extension; use one of {formats} (or --format)").format(
            file=args.output, formats=_extensions()), file=sys.stderr)
        return 2
    pack = load_for_command(args.path, "drawing the map")
    if pack is None:
        return 2
    if not args.output or args.output == "-":
        if fmt not in ("dot", "mmd"):
            print(_("--format {format} writes a picture: give a file with -o").format(
                format=fmt), file=sys.stderr)
            return 2
        sys.stdout.write(text_for(build(pack), fmt))
        return 0
    try:
        write(pack, Path(args.output), fmt)
    except (GraphvizMissing, GraphvizFailed) as e:
        print(_("standing graph: {problem}").format(problem=e), file=sys.stderr)
        return 2
    except OSError as e:
        # Translators: {reason} is the system's own message, e.g. "Permission denied".
        print(_("standing graph: cannot write {file}: {reason}").format(
            file=args.output, reason=e.strerror), file=sys.stderr)
        return 2
    print(_("wrote {file}").format(file=args.output))
    return 0
