"""The student handout: one run on one or two A4 pages, for a class to take home.

What the class made of the story and nothing a teacher keeps: the choices made, the score
chart, what the system recorded beside what really happened, and the discussion prompts with
ruled lines to write on. No facilitator notes, no guide, no other options or rating maths.
"""
from __future__ import annotations

from typing import Any, List, Mapping, Optional, Sequence, Tuple

from ..engine.debrief import Debrief, build_debrief
from ..engine.model import Pack
from ..engine.state import GameState
from . import parts
from .html import page
from ..i18n import _, pgettext
from .safe import Markup, html, join, trusted

CHART_HEIGHT = 145  # a little flatter than the record's, so two pages hold a long run


def render_handout(pack: Pack, state: GameState,
                   tallies: Optional[Mapping[str, Any]] = None) -> str:
    """The handout as HTML text. `tallies` defaults to the class votes kept in the run.
    Raises StateError when `state` is not a run of `pack`."""
    d = build_debrief(pack, state, tallies)
    body = [_header(pack, d), parts.chart(d, height=CHART_HEIGHT, legend=""),
            parts.choices(d, full=False, heading=_("What we chose")),
            parts.records(d, full=False), _discussion(d)]
    # Translators: the handout's title in the browser; `title` is the pack's.
    return page(pack, _("{title}: class handout").format(title=pack.info.title), "handout", body)


def _header(pack: Pack, d: Debrief) -> Markup:
    return html('<header>\n<p class="fill">{name} <span></span> {klass} <span class="short"></span> '
                '{date} <span class="short"></span></p>\n<p class="kicker">{kicker}'
                '</p>\n<h1>{title}</h1>\n<p class="sub">{line}</p>\n{summary}\n</header>',
                # Translators: blanks on the handout for a student to write on.
                name=_("Name"), klass=pgettext("school class", "Class"), date=_("Date"),
                # Translators: HTML; keep the &middot; entity (or write the character).
                kicker=trusted(_("Standing &middot; class handout")),
                title=pack.info.title, line=parts.run_line(pack, d), summary=parts.summary(d))


def _discussion(d: Debrief) -> Markup:
    """The prompts of the ending the run stands at, with ruled lines to write on. A run through
    several episodes first lists the earlier endings' prompts, talked over at their own
    debriefs, without lines: with every prompt ruled, a three-episode run needs three pages."""
    groups = _prompt_groups(d)
    *earlier, (head, prompts) = groups
    lines = 4 if len(prompts) <= 3 and not earlier else 3
    told = [html('<div class="talk earlier">\n<h3>{}</h3>\n<ol class="prompts">{}</ol>\n'
                 "</div>", h, join(html("<li>{}</li>", p) for p in ps)) for h, ps in earlier]
    return html('<section class="discussion-part">\n<h2>{talk}</h2>\n{told}\n'
                '<div class="talk{wide}">\n<h3>{head}</h3>\n<ol class="prompts">{items}</ol>\n'
                "</div>\n</section>", talk=_("Talk about it"), told=join(told, "\n"), head=head,
                wide=" two-columns" if len(prompts) > 1 and earlier else "",
                items=join(html("<li>{}{}</li>", p, _ruled(lines)) for p in prompts))


def _prompt_groups(d: Debrief) -> List[Tuple[str, Sequence[str]]]:
    groups: List[Tuple[str, Sequence[str]]] = [
        # Translators: `tone` is how the ending feels: hopeful, bleak or mixed.
        (_("Ending: {title} ({tone})").format(title=e.title, tone=parts.tone_word(e.tone)),
         e.prompts)
        for e in d.endings if e.prompts]
    if groups:
        return groups
    if d.pauses:
        return [(_("Questions from the pauses in the story"), d.pauses)]
    return [(_("The story has not reached an ending yet"),
             (_("What do you expect to happen next, and why?"),))]


def _ruled(n: int) -> Markup:
    return html('<span class="ruled">{}</span>', join([html("<span></span>")] * n))
