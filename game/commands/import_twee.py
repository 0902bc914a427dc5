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

from ..i18n import _, ngettext
from ..packs import load_pack
from ..packs.template import slugify
from ..twine import Converter, TwineError, read_story
from ..twine.emit import render, write


def register(sub) -> None:
    p = sub.add_parser("import-twee", help=_("convert a Twine story (Twee 3 or published HTML)"),
                       description=_("Convert a Twine story (a Twee 3 file, or a Twine 2 "
                                     "published HTML file) into a Standing pack in DIR, and "
                                     "list with line numbers what could not be converted. Exit "
                                     "0 when everything converted, 1 when something is listed, "
                                     "2 when the input is unusable."))
    p.add_argument("story", metavar="STORY", help=_("the .twee/.tw or .html file"))
    p.add_argument("-o", "--output", metavar="DIR", required=True,
                   help=_("the pack folder to write (missing or empty; its name is the pack "
                          "id)"))
    p.add_argument("--force", action="store_true",
                   help=_("write into a folder that is not empty"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path, folder = Path(args.story), Path(args.output)
    try:
        conv = Converter(read_story(path)).run()
    except TwineError as e:
        where = f"{path}:{e.line}:{e.column}" if e.line else str(path)
        # Translators: {where} is FILE or FILE:LINE:COLUMN; "error" as in a compiler's message.
        print(_("{where}: error: {message}").format(where=where, message=e.message),
              file=sys.stderr)
        return 2
    pack_id = slugify(folder.resolve().name)
    files = render(conv, pack_id, path.name)
    try:
        refused = write(files, folder, args.force)
    except OSError as e:
        print(_("standing import-twee: cannot write {folder}: {reason}").format(
            folder=folder, reason=e.strerror or e), file=sys.stderr)
        return 2
    if refused:
        print(_("standing import-twee: {problem}").format(problem=refused), file=sys.stderr)
        return 2
    for line, col, what in conv.problems:
        # Translators: {what} describes a piece of the Twine story, e.g. "the macro `<<audio>>`".
        print(_("{where}: not converted: {what}").format(where=f"{path}:{line}:{col}", what=what))
    result = load_pack(str(folder))
    for d in result.diagnostics:
        print(d.format(), file=sys.stderr if d.severity == "error" else sys.stdout)
    endings = sum(1 for sc in conv.scenes if sc.ending or sc.fallback)
    listed = len(conv.problems)
    print(_wrote(folder, conv.title, pack_id, len(conv.scenes), endings, len(conv.names.vars),
                 listed))
    if not result.ok:
        print(_("standing import-twee: the pack does not validate; please report this with the "
                "story file"), file=sys.stderr)
        return 2
    print(_("Next: write each ending's debrief and prompts (marked TODO), then "
            "`standing validate {folder}` and `standing play {folder} --text`").format(
                folder=folder))
    return 1 if conv.problems else 0


def _wrote(folder: Path, title: str, pack_id: str, scenes: int, endings: int, variables: int,
           listed: int) -> str:
    """The summary line, e.g. "Wrote my-pack ('Title', id `my-pack`): 5 scenes, 2 endings, 1
    variable; everything converted"."""
    rest = ngettext("{n} not converted, listed above", "{n} not converted, listed above",
                    listed).format(n=listed) if listed else _("everything converted")
    # Translators: the summary after an import, e.g. "Wrote my-pack ('Title', id `my-pack`):
    # 5 scenes, 2 endings, 1 variable; everything converted".
    return _("Wrote {folder} ('{title}', id `{id}`): {scenes}, {endings}, {variables}; "
             "{rest}").format(
        folder=folder, title=title, id=pack_id,
        scenes=ngettext("{n} scene", "{n} scenes", scenes).format(n=scenes),
        endings=ngettext("{n} ending", "{n} endings", endings).format(n=endings),
        variables=ngettext("{n} variable", "{n} variables", variables).format(n=variables),
        rest=rest)
