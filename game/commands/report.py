"""`standing report SAVE -o report.html`: a saved run as a printable classroom report.

SAVE is a save file written by the game (`{"save_format": 1, "pack_path", "pack_id", "state"}`,
see game/saves.py) or a bare run state (`GameState.to_dict()`). The pack is the one given with
--pack, else the save's `pack_path`, else the bundled or user pack with the save's pack id.
Exit 0 when written, 2 when the save or its pack cannot be used.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

from ..engine.model import Pack
from ..engine.state import GameState, StateError
from ..fsutil import atomic_write
from ..packs.cache import load_cached
from ..packs.discover import list_packs


class ReportError(Exception):
    """Why no report can be made, as a sentence for the teacher."""


def register(sub: "argparse._SubParsersAction") -> None:
    p = sub.add_parser("report", help="write a printable HTML report of a saved run",
                       description="Write a saved run as one self-contained, printable HTML "
                       "page: the choices, what the system recorded versus what really "
                       "happened, the score chart, the regime, the discussion prompts and the "
                       "facilitator guide. Exit 0 when written, 2 on a missing or damaged "
                       "save or a save that does not fit its pack.")
    p.add_argument("save", metavar="SAVE", help="a save file (.json) written by the game")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="where to write the report (default: SAVE with .html; - for stdout)")
    p.add_argument("--pack", metavar="PATH", help="the pack folder or .zip the run was played "
                   "in (default: the path kept in the save, else the installed pack)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        html = build(args.save, args.pack)
    except ReportError as e:
        print(f"standing report: {e}", file=sys.stderr)
        return 2
    return _write(html, args.output or str(Path(args.save).with_suffix(".html")))


def build(save: str, pack_path: Optional[str] = None) -> str:
    """The report's HTML for a save file; ReportError says why there is none."""
    from ..report import render_report
    state_data, saved_path, pack_id, digest = read_save(Path(save))
    pack = find_pack(pack_path or saved_path, pack_id)
    state = _state(pack, state_data, digest)
    try:
        return render_report(pack, state)
    except StateError as e:
        raise ReportError(f"{save}: this run does not fit the pack '{pack.info.title}' "
                          f"(it may have changed since): {e}") from None


def _write(html: str, output: str) -> int:
    if output == "-":
        sys.stdout.write(html)
        return 0
    try:
        atomic_write(Path(output), html.encode("utf-8"))
    except OSError as e:
        print(f"standing report: cannot write {output}: {e.strerror or e}", file=sys.stderr)
        return 2
    print(f"wrote {output}")
    return 0


def read_save(path: Path) -> Tuple[Dict[str, Any], Optional[str], str, Optional[str]]:
    """(state dict, pack path or None, pack id, pack digest or None) from a save file or a
    bare state file, through the save check (game/savecheck.py)."""
    from ..savecheck import SaveDamaged, SaveError, check_save, check_state, parse, read_bounded
    try:
        data = parse(read_bounded(path))
    except FileNotFoundError:
        raise ReportError(f"{path}: no such save file") from None
    except SaveDamaged as e:
        raise ReportError(f"{path}: not a readable save (the file is damaged: {e.reason})") \
            from None
    try:
        if isinstance(data, dict) and "save_format" in data:
            check_save(data)
            return data["state"], data["pack_path"], data["pack_id"], data.get("pack_digest")
        if isinstance(data, dict) and isinstance(data.get("pack_id"), str) and "history" in data:
            return check_state(data), None, data["pack_id"], None
    except SaveDamaged as e:
        raise ReportError(f"{path}: the saved run is damaged: {e.reason}") from None
    except SaveError as e:
        raise ReportError(f"{path}: {e}") from None
    raise ReportError(f"{path}: not a save file written by Standing")


def find_pack(path: Optional[str], pack_id: str) -> Pack:
    """The pack at `path` when it exists, else the installed pack whose id is `pack_id`."""
    if path and Path(path).exists():
        return _load(path)
    for entry in list_packs():
        if entry.info is not None and entry.info.id == pack_id:
            return _load(entry.path)
    where = f" (not at {path})" if path else ""
    raise ReportError(f"cannot find the pack `{pack_id}` this run was played in{where}; "
                      "give it with --pack PATH")


def _load(path: str) -> Pack:
    result = load_cached(path)
    if not result.ok or result.pack is None:
        raise ReportError(f"the pack at {path} has errors; `standing validate {path}` lists them")
    return result.pack


def _state(pack: Pack, data: Dict[str, Any], digest: Optional[str] = None) -> GameState:
    """The run as its pack replays it (game/savecheck.py `fit`)."""
    from ..savecheck import SaveError, fit
    if data["pack_id"] != pack.id:
        raise ReportError(f"this run was played in pack `{data['pack_id']}`, not `{pack.id}`")
    try:
        return fit(pack, data, digest)
    except SaveError as e:
        raise ReportError(f"this run does not fit the pack '{pack.info.title}': {e}") from None
