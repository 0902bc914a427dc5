"""`standing translate PACK --lang LANG`: write or update PACK/translations/LANG.yaml, the file
a translator fills in (game/packs/translation.py; docs/pack-format.md, "Translations")."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Tuple

from ..cli import EXIT_ERRORS, load_for_command
from ..i18n import _

if TYPE_CHECKING:
    from ..packs.spec import Obj, Spec


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = sub.add_parser("translate", help=_("write or update the translation file of a pack"),
                       description=_("Write PACK/translations/LANG.yaml with every text of the "
                                     "pack, its source and a fingerprint of it, ready to fill "
                                     "in. If the file exists, add what is new and refresh the "
                                     "sources, keeping every translation already made."))
    p.add_argument("pack", help=_("a pack folder"))
    p.add_argument("--lang", required=True,
                   help=_("a BCP 47 language tag, e.g. zh-Hans or de"))
    p.add_argument("--out", metavar="FILE",
                   help=_("write here instead (`-`: standard output)"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..fsutil import atomic_write
    from ..packs import langtag
    from ..packs.translation import TRANSLATION, path_for, skeleton
    problem = langtag.check(args.lang)
    if problem:
        # Translators: {problem} says what is wrong with the language tag, {hint} what to do.
        print(_("standing translate: {problem}; {hint}").format(
            problem=problem[0], hint=problem[1]), file=sys.stderr)
        return EXIT_ERRORS
    folder = Path(args.pack)
    if not folder.is_dir() and args.out is None:
        print(_("{path}: translate a pack folder (unzip it first), or give --out FILE").format(
            path=args.pack), file=sys.stderr)
        return EXIT_ERRORS
    pack = load_for_command(args.pack, "translating")
    if pack is None:
        return EXIT_ERRORS
    if langtag.same(args.lang, pack.info.language):
        # Translators: {lang} is a language tag such as zh-Hans.
        print(_("{path}: this pack is written in {lang}; a translation into its own language is "
                "not needed").format(path=args.pack, lang=pack.info.language), file=sys.stderr)
        return EXIT_ERRORS
    target = folder / path_for(args.lang)
    readable, old = _existing(target, TRANSLATION) if target.is_file() else (True, None)
    if not readable:
        return EXIT_ERRORS
    text = skeleton(pack, args.lang, old)
    if args.out == "-":
        sys.stdout.write(text)
        return 0
    out = Path(args.out) if args.out else target
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(out, text.encode("utf-8"))
    print(_("wrote {file}").format(file=out), file=sys.stderr)
    return 0


def _existing(target: Path, spec: "Spec") -> Tuple[bool, Optional["Obj"]]:
    """(True, the file as it is, converted), or (False, None) after printing why it cannot be
    read, so that an update never overwrites a file it could not understand."""
    from ..packs.diagnostics import Report
    from ..packs.loader import convert_bytes
    report = Report()
    data = convert_bytes(target.read_bytes(), str(target), spec, report)
    if data is None or report.errors:
        for d in report.sorted():
            print(d.format() + "\n", file=sys.stderr)
        print(_("{path}: fix these errors first; the file was left as it is").format(
            path=target), file=sys.stderr)
        return False, None
    return True, data
