"""`standing screenshot PACK --choices 1,2,1 -o shot.png`: a screen as a PNG, no display needed."""
from __future__ import annotations

import sys

from ..i18n import _
from ..cli_argparse import whole


def register(sub) -> None:
    p = sub.add_parser("screenshot", help=_("render a screen of the game to a PNG (no "
                                            "display)"),
                       description=_("Play PACK through --choices (1-based, as the buttons "
                                     "show them; on an ending, 1 continues to the next "
                                     "episode) and save the screen as a PNG. Works without a "
                                     "display."))
    p.add_argument("pack", nargs="?",
                   help=_("a pack folder or .zip (optional for --screen title)"))
    p.add_argument("--choices", default="",
                   help=_("comma-separated choice numbers, e.g. 1,2,1"))
    p.add_argument("-o", "--output", default="screenshot.png", help=_("the PNG to write"))
    # Translators: the words before "(default)" are the screens' names, typed as they are.
    p.add_argument("--screen", default="play",
                   help=_("play (default), ending, debrief, title, picker, settings, saves, "
                          "history, menu"))
    p.add_argument("--size", default="1280x720",
                   help=_("window size, e.g. 1920x1080 (at least 960x540, the window's "
                          "minimum)"))
    p.add_argument("--seed", type=whole("--seed"), default=1, help=_("random seed (default 1)"))
    p.add_argument("--text-size", type=whole("--text-size"), choices=range(4),
                   help=_("0 small to 3 extra large"))
    p.add_argument("--contrast", action="store_true", help=_("the high-contrast theme"))
    p.add_argument("--projector", action="store_true", help=_("projector mode"))
    p.add_argument("--lang", metavar="TAG", help=_("the pack's translation into this language, "
                                                   "e.g. zh-Hans (PACK/translations/TAG.yaml)"))
    p.add_argument("--words", metavar="TAG", choices=("en", "de", "es", "zh-Hans"),
                   help=_("the game's own words in this language, as Settings > Language "
                          "chooses them (default: Automatic)"))
    p.set_defaults(run=run)


def parse_choices(raw: str):
    out = []
    for part in raw.replace(" ", "").split(","):
        if not part:
            continue
        if not part.isdigit() or int(part) < 1:
            raise ValueError(_("`{part}` is not a choice number (1, 2, 3...)").format(part=part))
        out.append(int(part))
    return out


def run(args) -> int:
    from ..ui import session
    from ..ui.settings import Settings
    from ..ui.shots import ShotError, render_shot
    session.LANGUAGE = getattr(args, "lang", None)  # the window's loads apply the translation (as `play --lang`)
    try:
        choices = parse_choices(args.choices)
        w, h = (int(v) for v in args.size.lower().split("x"))
    except ValueError as e:
        print(_("standing screenshot: {problem}").format(
            problem=e or _("bad --size (use WIDTHxHEIGHT)")), file=sys.stderr)
        return 2
    from ..ui.theme import MIN_H, MIN_W
    if w < MIN_W or h < MIN_H:
        print(_("standing screenshot: --size {size} is smaller than the game window's "
                "minimum, {minimum}; the game never lays out smaller").format(
                    size=f"{w}x{h}", minimum=f"{MIN_W}x{MIN_H}"), file=sys.stderr)
        return 2
    settings = Settings(text_speed=3, high_contrast=args.contrast, projector=args.projector)
    settings.language = getattr(args, "words", None) or ""
    if args.text_size is not None:
        settings.text_size = args.text_size
    if not args.pack and args.screen not in ("title", "picker", "settings"):
        print(_("standing screenshot: give a PACK (only title, picker and settings need "
                "none)"), file=sys.stderr)
        return 2
    try:
        out = render_shot(args.pack, choices, args.output, (w, h),
                          args.screen, args.seed, settings)
    except ShotError as e:
        print(_("standing screenshot: {problem}").format(problem=e), file=sys.stderr)
        return 2
    print(out)
    return 0
