"""`standing report SAVE [--form teacher|handout] [-o FILE]`: a saved run as a printable report.

Two forms: the teacher's record (the default, as before: everything, with the facilitator notes
and the guide; `--what-if SAVE` adds runs rewound from the same one) and the student handout
(one or two A4 pages a class can take home: no notes, no guide).

SAVE is a save file written by the game (`{"save_format": 1, "pack_path", "pack_id", "state"}`,
see game/saves.py) or a bare run state (`GameState.to_dict()`). The pack is the one given with
--pack, else the save's `pack_path`, else the bundled or user pack with the save's pack id.
Exit 0 when written, 2 when the save or its pack cannot be used.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Dict, Optional, Sequence, Tuple

from ..engine.model import Pack
from ..engine.state import GameState, StateError
from ..fsutil import atomic_write
from ..i18n import _
from ..packs.cache import load_cached
from ..packs.discover import list_packs


# What replaying a save with fields of the wrong type or out of range can raise.
DAMAGE = (KeyError, IndexError, TypeError, ValueError, AttributeError, OverflowError,
          RecursionError, ZeroDivisionError)


class ReportError(Exception):
    """Why no report can be made, as a sentence for the teacher."""


def register(sub: "argparse._SubParsersAction") -> None:
    p = sub.add_parser("report", help=_("write a printable HTML report of a saved run"),
                       description=_(
                           "Write a saved run as one self-contained, printable HTML page. The "
                           "teacher's record (default) holds everything: the choices and every "
                           "option on offer, what the system recorded versus what really "
                           "happened, the score chart, the regime, the discussion prompts, the "
                           "facilitator notes and guide. The student handout holds, on one or "
                           "two A4 pages, the choices made, the chart, the records versus the "
                           "truth and the prompts with lines to write on. Exit 0 when written, "
                           "2 on a missing or damaged save or a save that does not fit its "
                           "pack."))
    p.add_argument("save", metavar="SAVE", help=_("a save file (.json) written by the game"))
    p.add_argument("--form", choices=("teacher", "handout"), default="teacher",
                   help=_("teacher: the teacher's record (default); handout: the student "
                          "handout"))
    p.add_argument("--what-if", metavar="SAVE", action="append", default=[], dest="what_if",
                   help=_("a run rewound from SAVE's run and played another way, added to the "
                          "teacher's record beside it (repeatable)"))
    p.add_argument("-o", "--output", metavar="FILE",
                   help=_("where to write the report (default: SAVE with .html, or "
                          "-handout.html for the handout; - for stdout)"))
    p.add_argument("--pack", metavar="PATH",
                   help=_("the pack folder or .zip the run was played in (default: the path "
                          "kept in the save, else the installed pack)"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.what_if and args.form != "teacher":
        print(_("standing report: --what-if runs go in the teacher's record (--form teacher)"),
              file=sys.stderr)
        return 2
    try:
        html = build(args.save, args.pack, args.form, args.what_if)
    except ReportError as e:
        print(_("standing report: {problem}").format(problem=e), file=sys.stderr)
        return 2
    return _write(html, args.output or default_output(args.save, args.form))


def default_output(save: str, form: str) -> str:
    path = Path(save)
    return str(path.with_suffix(".html") if form == "teacher" else
               path.with_name(f"{path.stem}-handout.html"))


def build(save: str, pack_path: Optional[str] = None, form: str = "teacher",
          what_ifs: Sequence[str] = ()) -> str:
    """The report's HTML for a save file (and the what-if runs rewound from it, for the
    teacher's record); ReportError says why there is none."""
    from ..report import render_handout, render_teacher_record
    state_data, saved_path, pack_id, digest, lang = read_save(Path(save))
    pack = find_pack(pack_path or saved_path, pack_id, lang)
    from ..ui.language import apply
    apply("", pack.info.language)  # the report's own words in the run's language, when we have them
    runs = [_state(pack, state_data, digest)]
    for other in what_ifs:
        other_data, _path, _id, other_digest, _lang = read_save(Path(other))
        runs.append(_state(pack, other_data, other_digest))
    try:
        if form == "handout":
            return render_handout(pack, runs[0])
        return render_teacher_record(pack, runs)
    except StateError as e:
        which = _which(save, what_ifs)
        # Translators: {run} is a save file's name, or "FILE or a --what-if run".
        raise ReportError(_("{run}: this run does not fit the pack '{title}' (it may have "
                            "changed since): {reason}").format(
                                run=which, title=pack.info.title, reason=e)) from None
    except DAMAGE as e:
        # The save check (game.saves.check) is the trust boundary; this catches what gets past
        # it, so an edited save is told as damaged, never a traceback.
        raise ReportError(_("{run}: the saved run is damaged ({reason})").format(
            run=_which(save, what_ifs), reason=f"{type(e).__name__}: {str(e)[:200]}")) from None


def _which(save: str, what_ifs: Sequence[str]) -> str:
    return _("{save} or a --what-if run").format(save=save) if what_ifs else save


def _write(html: str, output: str) -> int:
    if output == "-":
        sys.stdout.write(html)
        return 0
    try:
        atomic_write(Path(output), html.encode("utf-8"))
    except OSError as e:
        print(_("standing report: cannot write {file}: {reason}").format(
            file=output, reason=e.strerror or e), file=sys.stderr)
        return 2
    print(_("wrote {file}").format(file=output))
    return 0


def read_save(path: Path) -> Tuple[Dict[str, Any], Optional[str], str, Optional[str],
                                   Optional[str]]:
    """(state dict, pack path or None, pack id, pack digest or None, the language the run was
    played in or None) from a save file or a bare state file, through the save check
    (game/savecheck.py)."""
    from ..savecheck import SaveDamaged, SaveError, check_save, check_state, parse, read_bounded
    try:
        data = parse(read_bounded(path))
    except FileNotFoundError:
        raise ReportError(_("{path}: no such save file").format(path=path)) from None
    except SaveDamaged as e:
        raise ReportError(_("{path}: not a readable save (the file is damaged: {reason})").format(
            path=path, reason=e.reason)) from None
    try:
        if isinstance(data, dict) and "save_format" in data:
            check_save(data)
            return (data["state"], data["pack_path"], data["pack_id"], data.get("pack_digest"),
                    data.get("pack_language"))
        if isinstance(data, dict) and isinstance(data.get("pack_id"), str) and "history" in data:
            return check_state(data), None, data["pack_id"], None, None
    except SaveDamaged as e:
        raise ReportError(_("{path}: the saved run is damaged: {reason}").format(
            path=path, reason=e.reason)) from None
    except SaveError as e:
        raise ReportError(_("{path}: {problem}").format(path=path, problem=e)) from None
    raise ReportError(_("{path}: not a save file written by Standing").format(path=path))


def find_pack(path: Optional[str], pack_id: str, lang: Optional[str] = None) -> Pack:
    """The pack at `path` when it exists, else the installed pack whose id is `pack_id`; in
    its translation into `lang` when it has one."""
    if path and Path(path).exists():
        return _load(path, lang)
    for entry in list_packs():
        if entry.info is not None and entry.info.id == pack_id:
            return _load(entry.path, lang)
    if path:
        raise ReportError(_("cannot find the pack `{id}` this run was played in (not at "
                            "{path}); give it with --pack PATH").format(id=pack_id, path=path))
    raise ReportError(_("cannot find the pack `{id}` this run was played in; give it with "
                        "--pack PATH").format(id=pack_id))


def _load(path: str, lang: Optional[str] = None) -> Pack:
    from ..packs.translation import played_in
    result = played_in(load_cached(path), lang)
    if not result.ok or result.pack is None:
        raise ReportError(_("the pack at {path} has errors; `standing validate {path}` lists "
                            "them").format(path=path))
    return result.pack


def _state(pack: Pack, data: Dict[str, Any], digest: Optional[str] = None) -> GameState:
    """The run as its pack replays it (game/savecheck.py `fit`)."""
    from ..savecheck import SaveError, fit
    if data["pack_id"] != pack.id:
        raise ReportError(_("this run was played in pack `{played}`, not `{given}`").format(
            played=data["pack_id"], given=pack.id))
    try:
        return fit(pack, data, digest)
    except SaveError as e:
        raise ReportError(_("this run does not fit the pack '{title}': {reason}").format(
            title=pack.info.title, reason=e)) from None
