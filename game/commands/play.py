"""`standing play [PACK]`: the game window, or the terminal front end with --text."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import List, Optional

from ..cli import load_for_command
from ..i18n import _
from ..cli_argparse import whole


def register(sub) -> None:
    p = sub.add_parser("play", help=_("play a pack (the window, or --text in the terminal)"),
                       description=_("Play a pack folder or .zip. Without a PACK the window "
                                     "opens on the title screen; with --text and no PACK, the "
                                     "tutorial."))
    p.add_argument("pack", nargs="?", help=_("a pack folder or .zip"))
    p.add_argument("--text", action="store_true", help=_("play in the terminal (plain text)"))
    p.add_argument("--episode", help=_("start at this episode id"))
    p.add_argument("--seed", type=whole("--seed"), help=_("random seed, for a reproducible run"))
    p.add_argument("--save", metavar="FILE",
                   help=_("with --text: keep the run in FILE (a save `standing report FILE` "
                          "reads), written after every choice"))
    p.add_argument("--no-autosave", action="store_true",
                   help=_("with --text: do not write the pack's autosave (the one the "
                          "window's Continue resumes)"))
    p.add_argument("--lang", metavar="TAG", help=_("play the pack's translation into this "
                                                   "language, e.g. zh-Hans "
                                                   "(PACK/translations/TAG.yaml)"))
    p.add_argument("--projector", action="store_true", help=_("classroom projector mode"))
    p.add_argument("--presenter", action="store_true",
                   help=_("with two displays, a teacher's window (notes, vote, timer) beside "
                          "the projector's; with one, F2 shows the notes"))
    p.add_argument("--audience-display", type=whole("--audience-display"), metavar="N",
                   help=_("the display the class sees, counted from 0 (default: the setting, "
                          "else the last display)"))
    p.add_argument("--phones", action="store_true",
                   help=_("the class votes from their phones (a vote server on this computer; "
                          "F6 turns it on or off in the window)"))
    p.add_argument("--lan", action="store_true",
                   help=_("with --phones, listen on the room's network (default: this "
                          "computer only)"))
    p.set_defaults(run=run)


def no_display() -> str:
    """Why the window cannot open here, or "" (on Linux without X11 or Wayland, SDL would
    otherwise fall back to an invisible off-screen window and seem to hang)."""
    if not sys.platform.startswith("linux") or os.environ.get("SDL_VIDEODRIVER"):
        return ""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return ""
    return _("standing: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the game "
             "window cannot open.\nPlay in the terminal instead: standing play --text [PACK]")


def default_pack() -> str:
    from ..packs.discover import default_entry  # not before the window's first frame
    entry = default_entry()
    if entry is None:
        raise SystemExit(_("no playable pack found; name one: standing play --text PATH"))
    return entry.path


def run(args) -> int:
    if not args.text:
        problem = no_display()
        if problem:
            print(problem, file=sys.stderr)
            return 2
        if getattr(args, "lang", None):  # imported only then: the title's first frame needs no engine
            from ..ui import session
            session.LANGUAGE = args.lang
        from ..ui.app import run_window
        return run_window(args)
    return run_text(args.pack or default_pack(), args.episode, args.seed, args.save,
                    not args.no_autosave, getattr(args, "lang", None))


def text_saver(path: str, save_to: Optional[str], autosave: bool):
    """What the terminal player calls after every change: the pack's autosave (as the
    window's) and --save FILE; a failure is said once and never stops play."""
    from .. import saves
    from ..fsutil import atomic_write
    failed: List[str] = []

    def saved(rt) -> Optional[str]:
        try:
            if autosave:
                saves.write(saves.AUTO, rt, str(Path(path).resolve()))
            if save_to:
                data = json.dumps(saves.to_dict(rt, str(Path(path).resolve())),
                                  ensure_ascii=False, indent=1)
                atomic_write(Path(save_to), data.encode("utf-8"))
        except OSError as e:
            if not failed:
                failed.append(str(e))
                return _("(Saving failed: {reason}. Play goes on unsaved.)").format(
                    reason=e.strerror or e)
        return None

    return saved


def run_text(path: str, episode, seed, save_to: Optional[str] = None,
             autosave: bool = True, lang: Optional[str] = None) -> int:
    from ..engine import Runtime
    from ..text.play import TextPlayer
    pack = load_for_command(path, "playing", cached=True, lang=lang, automatic=True)
    if pack is None:
        return 2
    if episode and episode not in [e.id for e in pack.episodes]:
        print(_("{path}: no episode `{episode}`; episodes are {episodes}").format(
            path=path, episode=episode, episodes=", ".join(e.id for e in pack.episodes)),
            file=sys.stderr)
        return 2
    from ..ui.language import apply  # pure: no pygame
    apply("", pack.info.language)  # the game's words in the pack's language, when it has them
    rt = Runtime.start(pack, episode, seed)
    return TextPlayer(rt, sys.stdin, sys.stdout, saved=text_saver(path, save_to, autosave)).run()
