"""Warn when a pack's text holds characters no font on this machine can draw (SP050).

The window would show them as empty boxes. Checked per text as it loads; one warning per script,
at the first place that script's undrawable characters appear, so a whole pack in a script
without a font gives one line to act on, not thousands.
"""
from __future__ import annotations

from functools import lru_cache, partial
from typing import TYPE_CHECKING, Set

import yaml

from .. import fontsource, textflow
from ..i18n import _

if TYPE_CHECKING:
    from .spec import Ctx


@lru_cache(maxsize=4096)
def _drawable(ch: str) -> bool:
    return fontsource.can_draw(ch)


def check_glyphs(value: str, node: yaml.Node, ctx: "Ctx") -> None:
    """Report SP050 at the first undrawable character of each script not yet reported."""
    if value.isascii():  # the bundled Latin fonts draw all of ASCII
        return
    reported: Set[str] = ctx.report.__dict__.setdefault("_scripts_without_font", set())
    for i, ch in enumerate(value):
        if ch.isascii() or not textflow.needs_glyph(ch) or _drawable(ch):
            continue
        script = textflow.script_of(ch)
        if script in reported:
            continue
        reported.add(script)
        from .spec import inner_position
        ctx.report.add("no-font", partial(inner_position, ctx, node, value, i),
                       # Translators: {char} is the character in quotes, {code} its code
                       # point (U+A9B2), {script} the name of its script (Javanese).
                       _("no font on this machine can draw {char} ({code}, {script} script): "
                         "the window would show an empty box").format(
                           char=repr(ch), code=f"U+{ord(ch):04X}",
                           script=textflow.script_name(script)),
                       _("install a font for this script (on Linux, a Noto package such as "
                         "fonts-noto-core), or write the text without it"))
