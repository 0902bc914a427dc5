"""`standing play [PACK]`: the game window, or the terminal front end with --text."""
from __future__ import annotations

import sys

from ..packs.cache import load_cached
from ..packs.discover import default_entry


def register(sub) -> None:
    p = sub.add_parser("play", help="play a pack (the window, or --text in the terminal)",
                       description="Play a pack folder or .zip. Without a PACK the window opens "
                       "on the pack picker; with --text and no PACK, the first bundled pack.")
    p.add_argument("pack", nargs="?", help="a pack folder or .zip")
    p.add_argument("--text", action="store_true", help="play in the terminal (plain text)")
    p.add_argument("--episode", help="start at this episode id")
    p.add_argument("--seed", type=int, help="random seed, for a reproducible run")
    p.add_argument("--projector", action="store_true", help="classroom projector mode")
    p.set_defaults(run=run)


def default_pack() -> str:
    entry = default_entry()
    if entry is None:
        raise SystemExit("no playable pack found; name one: standing play --text PATH")
    return entry.path


def run(args) -> int:
    if not args.text:
        from ..ui.app import run_window
        return run_window(args)
    return run_text(args.pack or default_pack(), args.episode, args.seed)


def run_text(path: str, episode, seed) -> int:
    from ..engine import Runtime
    from ..text.play import TextPlayer
    result = load_cached(path)
    if not result.ok:
        for d in result.diagnostics:
            print(d.format(), file=sys.stderr)
        print(f"{path}: cannot be played until these errors are fixed", file=sys.stderr)
        return 2
    pack = result.pack
    if episode and episode not in [e.id for e in pack.episodes]:
        print(f"{path}: no episode `{episode}`; episodes are "
              + ", ".join(e.id for e in pack.episodes), file=sys.stderr)
        return 2
    rt = Runtime.start(pack, episode, seed)
    return TextPlayer(rt, sys.stdin, sys.stdout).run()
