"""The `standing` command line. Each sub-command lives in game/commands/<name>.py and exposes
`register(subparsers)`; this module finds them, so adding a command touches no shared file."""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from typing import TYPE_CHECKING, List, Optional

from . import __version__, commands, i18n
from .i18n import N_, _

if TYPE_CHECKING:
    from .engine.model import Pack
from .cli_argparse import ArgumentParser
from .cli_argparse import install as install_argparse
from .text.escape import safe_output

EXIT_OK, EXIT_WARNINGS, EXIT_ERRORS = 0, 1, 2

# What a command says when its pack has errors, by what the command was about to do.
NOT_LOADED = {
    "playing": N_("{path}: fix these errors before playing (`standing validate {path}`)"),
    "playtesting": N_("{path}: fix these errors before playtesting (`standing validate {path}`)"),
    "drawing the map": N_("{path}: fix these errors before drawing the map "
                          "(`standing validate {path}`)"),
    "translating": N_("{path}: fix these errors before translating (`standing validate {path}`)"),
}


def load_for_command(path: str, purpose: str, cached: bool = False,
                     lang: Optional[str] = None, automatic: bool = False) -> Optional["Pack"]:
    """The pack at `path` (translated into `lang` if given; with `automatic`, into the
    system's language when it has that translation, as the window's Automatic), or None after
    printing its errors and what to do (for commands that need a pack without errors: play,
    playtest, graph); `purpose` is a key of NOT_LOADED."""
    from .packs import load_pack
    from .packs.cache import load_cached
    result = load_cached(path) if cached else load_pack(path)
    if lang:
        from .packs.translation import translated
        result = translated(result, lang)
    elif automatic:
        from .ui.language import played_in
        result = played_in(result, "")
    if result.ok:
        return result.pack
    for d in result.errors:
        print(d.format() + "\n", file=sys.stderr)
    said = NOT_LOADED.get(purpose, N_("{path}: fix these errors first (`standing validate "
                                      "{path}`)"))
    print(_(said).format(path=path), file=sys.stderr)
    return None


def build_parser(only: Optional[str] = None) -> argparse.ArgumentParser:
    """The whole command line, or with `only` just that command (the others' modules import
    the loader, the report and the rest: `standing play` opens its window without them)."""
    p = ArgumentParser(prog="standing", description=_(
        "Standing: a narrative game about living under a public rating. With no command, "
        "opens the game."))
    p.add_argument("--version", action="version", version=f"standing {__version__}",
                   help=_("show program's version number and exit"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    names = [only] if only else sorted(m.name for m in pkgutil.iter_modules(commands.__path__))
    for name in names:
        importlib.import_module(f"{commands.__name__}.{name}").register(sub)
    return p


def main(argv: Optional[List[str]] = None) -> int:
    i18n.set_language("")  # the system's; before any parser is built (argparse's help is)
    install_argparse()
    argv = (sys.argv[1:] if argv is None else argv) or ["play"]
    parser = build_parser("play" if argv[0] == "play" else None)
    args = parser.parse_args(argv)
    try:
        with safe_output():
            return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `standing validate ... | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
