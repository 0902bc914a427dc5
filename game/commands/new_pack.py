"""`standing new-pack DIR --title "..."`: a small, valid pack whose comments teach the format."""
from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from ..packs import load_pack
from ..packs.template import ScaffoldError, scaffold

# The guide ships in the source repository, not inside an installed package.
GUIDE_URL = "docs/authoring.md in the Standing source repository"


def register(sub) -> None:
    p = sub.add_parser("new-pack", help="start a new pack from a commented template",
                       description="Write a new pack into DIR (missing or empty): pack.yaml, "
                       "two short episodes and a facilitator guide, every key explained in a "
                       "comment. It validates clean and plays to an ending; change it from there.")
    p.add_argument("folder", metavar="DIR", help="the folder to create")
    p.add_argument("--title", help="the pack's title (default: from the folder name)")
    p.add_argument("--id", dest="pack_id", help="the pack id (default: from the folder name)")
    p.add_argument("--author", default="Your Name", help="the author's name")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    try:
        written = scaffold(folder, args.title, args.pack_id, args.author)
    except ScaffoldError as e:
        print(f"standing new-pack: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"standing new-pack: cannot write {folder}: {e.strerror}", file=sys.stderr)
        return 2
    result = load_pack(str(folder))
    if not result.ok:  # only possible if the template itself is broken: say so plainly
        for d in result.diagnostics:
            print(d.format(), file=sys.stderr)
        print("standing new-pack: the template did not validate; please report this bug",
              file=sys.stderr)
        return 2
    assert result.pack is not None
    print(f"Created {folder} ('{result.pack.info.title}', id `{result.pack.id}`, from the "
          f"folder's name unless --id is given):")
    for path in written:
        if ".schema" not in path.parts:
            print(f"  {path}")
    q = shlex.quote(str(folder))
    print(f"""
Next steps:
  standing play {q} --text        play it in the terminal
  standing validate {q}           check it after every change
  standing playtest {q}           play it 1,000 times; lists what never happens
  standing graph {q} -o map.svg   draw the story map (.dot and .mmd need no Graphviz)
The authoring guide: {GUIDE_URL}""")
    return 0
