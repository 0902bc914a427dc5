"""`standing import-twee STORY.twee -o my-pack`: a Twine story as a pack that validates.

Passages become scenes, links choices, and the common Harlowe and SugarCube variable and `if`
macros become variables, effects, `show_if` and `{if}` text. Everything else is listed with its
line and column. Exit 0 when all of it converted, 1 when something is listed, 2 when the input
cannot be used or the pack cannot be written.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..packs import load_pack
from ..packs.template import slugify
from ..twine import Converter, TwineError, read_story
from ..twine.emit import render, write


def register(sub) -> None:
    p = sub.add_parser("import-twee", help="convert a Twine story (Twee 3 or published HTML)",
                       description="Convert a Twine story (a Twee 3 file, or a Twine 2 "
                       "published HTML file) into a Standing pack in DIR, and list with line "
                       "numbers what could not be converted. Exit 0 when everything "
                       "converted, 1 when something is listed, 2 when the input is unusable.")
    p.add_argument("story", metavar="STORY", help="the .twee/.tw or .html file")
    p.add_argument("-o", "--output", metavar="DIR", required=True,
                   help="the pack folder to write (missing or empty; its name is the pack id)")
    p.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path, folder = Path(args.story), Path(args.output)
    try:
        conv = Converter(read_story(path)).run()
    except TwineError as e:
        where = f"{path}:{e.line}:{e.column}" if e.line else str(path)
        print(f"{where}: error: {e.message}", file=sys.stderr)
        return 2
    pack_id = slugify(folder.resolve().name)
    files = render(conv, pack_id, path.name)
    try:
        refused = write(files, folder, args.force)
    except OSError as e:
        print(f"standing import-twee: cannot write {folder}: {e.strerror or e}", file=sys.stderr)
        return 2
    if refused:
        print(f"standing import-twee: {refused}", file=sys.stderr)
        return 2
    for line, col, what in conv.problems:
        print(f"{path}:{line}:{col}: not converted: {what}")
    result = load_pack(str(folder))
    for d in result.diagnostics:
        print(d.format(), file=sys.stderr if d.severity == "error" else sys.stdout)
    endings = sum(1 for sc in conv.scenes if sc.ending or sc.fallback)
    listed = len(conv.problems)
    print(f"Wrote {folder} ('{conv.title}', id `{pack_id}`): {len(conv.scenes)} scenes, "
          f"{endings} endings, {len(conv.names.vars)} variables; "
          + (f"{listed} not converted, listed above" if listed else "everything converted"))
    if not result.ok:
        print("standing import-twee: the pack does not validate; please report this with the "
              "story file", file=sys.stderr)
        return 2
    print(f"Next: write each ending's debrief and prompts (marked TODO), then "
          f"`standing validate {folder}` and `standing play {folder} --text`")
    return 1 if conv.problems else 0
