"""`standing validate PATH...`: the loader's checks plus the static story checks."""
from __future__ import annotations

import json
import sys

from ..i18n import _, ngettext
from ..packs import load_pack
from ..packs.discover import expand_paths
from ..packs.plans import read_plans


def register(sub) -> None:
    p = sub.add_parser("validate", help=_("check packs and report every problem"),
                       description=_("Check packs (folders or .zip) and report every problem "
                                     "with file:line:column. Exit 0 when valid, 1 on warnings "
                                     "with --strict, 2 on errors."))
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help=_("a pack folder or .zip, or a folder of packs such as story/"))
    p.add_argument("--strict", action="store_true", help=_("exit 1 when there are warnings"))
    p.add_argument("--json", action="store_true", help=_("print diagnostics as JSON"))
    p.add_argument("--quiet", "-q", action="store_true", help=_("print only problems"))
    p.set_defaults(run=run)


def run(args) -> int:
    errors = warnings = 0
    results = []
    for path in expand_paths(args.paths):
        r = load_pack(path)
        if r.source is not None:  # the story test plans are checked too (they never block play)
            r.diagnostics.extend(read_plans(r.source)[1])
        errors += sum(d.count for d in r.errors)  # with those not listed one by one
        warnings += sum(d.count for d in r.warnings)
        results.append({"path": path, "ok": r.ok,
                        "diagnostics": [d.to_json() for d in r.diagnostics]})
        if not args.json:
            _print_result(path, r, args.quiet)
    if args.json:
        json.dump({"packs": results, "errors": errors, "warnings": warnings}, sys.stdout,
                  indent=2)
        print()
    elif len(results) > 1 or errors or warnings:
        # Translators: the last line of a validation, e.g. "3 packs: 1 error, 2 warnings".
        print(_("{packs}: {errors}, {warnings}").format(
            packs=ngettext("{n} pack", "{n} packs", len(results)).format(n=len(results)),
            errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
            warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings)))
    if errors:
        return 2
    return 1 if warnings and args.strict else 0


def _print_result(path: str, r, quiet: bool) -> None:
    for d in r.diagnostics:
        print(d.format())
        print()
    if r.ok and not quiet:
        p = r.pack
        endings = len(p.endings())
        # Translators: a pack that validates, e.g. "story/x: ok - 'Title', 2 episodes, 11
        # scenes, 2 endings".
        print(_("{path}: ok - '{title}', {episodes}, {scenes}, {endings}").format(
            path=path, title=p.info.title,
            episodes=ngettext("{n} episode", "{n} episodes", len(p.episodes)).format(
                n=len(p.episodes)),
            scenes=ngettext("{n} scene", "{n} scenes", len(p.scenes)).format(n=len(p.scenes)),
            endings=ngettext("{n} ending", "{n} endings", endings).format(n=endings)))
