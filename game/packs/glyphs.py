"""Warn when a pack's text holds characters no font on this machine can draw (SP050).

The window would show them as empty boxes. Checked per text as it loads; one warning per script,
at the first place that script's undrawable characters appear, so a whole pack in a script
without a font gives one line to act on, not thousands.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Set

import yaml

from .. import fontsource, textflow


@lru_cache(maxsize=4096)
def _drawable(ch: str) -> bool:
    return fontsource.can_draw(ch)


def check_glyphs(value: str, node: yaml.Node, ctx) -> None:
    """Report SP050 for the first undrawable character of a script not yet reported."""
    if value.isascii():  # the bundled Latin fonts draw all of ASCII
        return
    reported: Set[str] = ctx.report.__dict__.setdefault("_scripts_without_font", set())
    i, ch = textflow.first_undrawable(value, lambda c: c.isascii() or _drawable(c))
    while i >= 0:
        script = textflow.script_of(ch)
        if script not in reported:
            reported.add(script)
            from .spec import inner_position
            ctx.report.add("no-font", lambda: inner_position(ctx, node, value, i),
                           f"no font on this machine can draw {ch!r} (U+{ord(ch):04X}, "
                           f"{textflow.script_name(script)} script): the window would show "
                           "an empty box", "install a font for this script (on Linux, a "
                           "Noto package such as fonts-noto-core), or write the text without it")
            return
        rest = textflow.first_undrawable(value[i + 1:], lambda c: c.isascii() or _drawable(c)
                                         or textflow.script_of(c) in reported)
        i, ch = (i + 1 + rest[0], rest[1]) if rest[0] >= 0 else (-1, "")
