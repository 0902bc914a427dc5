"""`standing new-pack DIR --title "..."`: a small, valid pack whose comments teach the format."""
from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from ..i18n import N_, _
from ..packs import load_pack
from ..packs.template import ScaffoldError, scaffold

# The guide ships in the source repository, not inside an installed package.
GUIDE_URL = N_("docs/authoring.md in the Standing source repository")


def register(sub) -> None:
    p = sub.add_parser("new-pack", help=_("start a new pack from a commented template"),
                       description=_("Write a new pack into DIR (missing or empty): pack.yaml, "
                                     "two short episodes and a facilitator guide, every key "
                                     "explained in a comment. It validates clean and plays to "
                                     "an ending; change it from there."))
    p.add_argument("folder", metavar="DIR", help=_("the folder to create"))
    p.add_argument("--title", help=_("the pack's title (default: from the folder name)"))
    p.add_argument("--id", dest="pack_id",
                   help=_("the pack id (default: from the folder name)"))
    p.add_argument("--author", default="Your Name", help=_("the author's name"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    try:
        written = scaffold(folder, args.title, args.pack_id, args.author)
    except ScaffoldError as e:
        print(_("standing new-pack: {problem}").format(problem=e), file=sys.stderr)
        return 2
    except OSError as e:
        print(_("standing new-pack: cannot write {folder}: {reason}").format(
            folder=folder, reason=e.strerror), file=sys.stderr)
        return 2
    result = load_pack(str(folder))
    if not result.ok:  # only possible if the template itself is broken: say so plainly
        for d in result.diagnostics:
            print(d.format(), file=sys.stderr)
        print(_("standing new-pack: the template did not validate; please report this bug"),
              file=sys.stderr)
        return 2
    assert result.pack is not None
    print(_("Created {folder} ('{title}', id `{id}`, from the folder's name unless --id is "
            "given):").format(folder=folder, title=result.pack.info.title, id=result.pack.id))
    for path in written:
        if ".schema" not in path.parts:
            print(f"  {path}")
    q = shlex.quote(str(folder))
    print()
    # Translators: keep the commands as they are and the explanations lined up after them.
    print(_("""Next steps:
  standing play {folder} --text        play it in the terminal
  standing validate {folder}           check it after every change
  standing playtest {folder}           play it 1,000 times; lists what never happens
  standing graph {folder} -o map.svg   draw the story map (.dot and .mmd need no Graphviz)
The authoring guide: {guide}""").format(folder=q, guide=_(GUIDE_URL)))
    return 0
