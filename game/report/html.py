"""The report's page: one self-contained HTML document around the parts of either form.

Self-contained on purpose: the stylesheet and the chart (SVG) are inline, there is no script,
no image, no font or link to fetch, so the file opens the same on any machine, offline, years
later, and prints cleanly on A4. All pack and save text is escaped (game.report.safe); the
facilitator guide's Markdown goes through game.report.markdown, which escapes before it marks up.

The report holds no names or personal data: a run has none (the game never asks), only the
choices made and the pack's own text.
"""
from __future__ import annotations

import re
from typing import Any, Mapping, Optional, Sequence

from .. import __version__
from ..engine.model import Pack
from ..engine.state import GameState
from ..packs.sources import SourceError, guide_bytes
from .markdown import markdown_to_html
from ..i18n import _, current
from .safe import Markup, html, join, trusted, when
from .style import css

_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,6}")


def page(pack: Pack, title: str, form: str, body: Sequence[Markup]) -> str:
    """The whole document for one form ("handout" or "teacher")."""
    return str(html('<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
                '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                "<title>{title}</title>\n<style>{style}</style>\n</head>\n"
                '<body class="{form}">\n{body}\n</body>\n</html>\n',
                lang=_language(current()), title=title, style=trusted(css(form)),
                form=form, body=join((b for b in body if b), "\n")))


def _language(tag: str) -> str:
    """`tag` when it is a plausible BCP 47 tag, else "und" (undetermined), so screen readers
    and hyphenation never get nonsense. The page is in the language of the game's own words
    (the headings, labels and sentences around the pack's text)."""
    if not tag:
        return "en"
    return tag if _LANGUAGE.fullmatch(tag) else "und"


def render_report(pack: Pack, state: GameState, tallies: Optional[Mapping[str, Any]] = None,
                  guide: Optional[str] = None) -> str:
    """The teacher's record of one run (the report as it always was: everything)."""
    from .teacher import render_teacher_record
    return render_teacher_record(pack, [state], tallies, guide)


def read_guide(pack: Pack) -> str:
    """The pack's facilitator guide (Markdown), or "" when it has none or it cannot be read."""
    if not pack.info.guide or not pack.root:
        return ""
    try:
        data = guide_bytes(pack.root, pack.info.guide)  # the one reader of guides: .md, capped
    except (SourceError, OSError):
        return ""
    return data.decode("utf-8", errors="replace") if data else ""


def guide(markdown: str) -> Markup:
    # markdown_to_html escapes the text before it adds its own few tags (game/report/markdown.py)
    return when(markdown.strip(), '<section class="guide-part guide">\n<h2>{}'
                "</h2>\n{}\n</section>", _("Facilitator guide"), trusted(markdown_to_html(markdown)))


def footer(pack: Pack) -> Markup:
    # Translators: HTML; `id` and `pack_version` name the pack's version, `licence` its
    # licence. Keep the &...; entities (or write the characters).
    return html("<footer>" + _("Made with Standing {version} from the pack &ldquo;{title}&rdquo; "
                               "({id} {pack_version}, licence {licence}). This report holds no "
                               "names or personal data: only the choices made in the game and "
                               "the pack's own text.") + "</footer>", version=__version__, title=pack.info.title, id=pack.id,
                pack_version=pack.info.version, licence=pack.info.shown_licence)
