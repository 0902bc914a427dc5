"""What if: rewind to any earlier choice and take another branch, then compare the two runs.

The first rewind keeps the run as it was (`session.original`), so the comparison is there after
the new branch ends, from the ending, the debrief or this screen. The rewind replays the run
from its seed (Runtime.rewind), so everything before the chosen step is exactly as it was.

    WhatIfScreen: the run's choices; Enter on one goes back to just before it.
    CompareScreen: both score lines on one chart, where the runs parted, the choices that
                   differed side by side, and where each ended.
"""
from __future__ import annotations

import copy
from typing import List, Optional, Tuple

import pygame

from ...engine.compare import ChoiceLine, Comparison, compare_runs
from ...engine.runtime import shown_label
from ...engine.state import StateError
from ...i18n import _, ngettext
from ..chart import Line, ScoreChart, second_colour
from ..projector import prune
from ..theme import mix
from ..widgets import Button, TextBlock
from .base import Screen
from .debrief import row_buttons, shown_delta


def rewind_to(app, step: int) -> None:
    """Go back to just before choice `step` (1-based), keeping the first run for comparison,
    and continue playing from there."""
    from .play import PlayScreen
    sess = app.session
    rt = sess.rt
    if not 1 <= step <= len(rt.state.history):
        return
    if sess.original is None:
        sess.original = rt.state.clone()
    target = rt.state.history[step - 1]
    rt.rewind(step - 1)
    rt.state.extra = copy.deepcopy(rt.state.extra)  # never share the tallies with run A
    prune(rt.state, step - 1)  # the votes after this point are to be taken again
    if rt.state.scene != target.scene and rt.scene.ending is not None and rt.next_episode:
        rt.begin_next_episode()  # the choice was the first of the next episode
    sess.autosave()
    app.feed.clear()
    app.home()
    play = PlayScreen(app)
    app.enter_game(play)
    app.toast(_("Back before choice {step}. The first run is kept for comparison.").format(
        step=step), "info", _("What if"))


class WhatIfScreen(Screen):
    name = "whatif"
    scrolls = True

    def layout(self) -> None:
        t, r, pal = self.theme, self.rend, self.theme.pal
        sess = self.app.session
        w = min(t.px(980), t.w - t.px(72))
        x = (t.w - w) // 2
        self.x, self.w = x, w
        y = t.px(30)
        self.kicker = r.label("bold", "tiny", _("WHAT IF"), pal.accent)
        self.head = r.label("heading", "h2", _("Rewind to an earlier choice"), pal.text)
        self.intro = r.block(_("Pick a choice to go back to just before it. The run replays "
                               "exactly from its seed, so everything up to there is the same; "
                               "from there the class can take another branch. Your first run is "
                               "kept, and the two can be compared at any time."),
                             w, "small", "body", 1.35)
        self.top_y = y
        y += self.kicker.get_height() + t.px(4) + self.head.get_height() + t.px(8) + \
            self.intro.height + t.px(16)
        self.scroll.view = pygame.Rect(x - t.px(10), y, w + t.px(20), t.h - y - t.px(20))
        fmt = sess.pack.regime.scale.fmt
        self.buttons = []
        if sess.original is not None:
            self.buttons.append(Button(_("Compare with the first run"), self.compare,
                                       kind="primary", sub=_("Both score lines on one chart, the "
                                                             "choices that differed")))
        hist = sess.rt.state.history
        titles = {e.id: e.title for e in sess.pack.episodes}
        for s in hist:
            self.buttons.append(Button(
                f"{s.index}.  {shown_label(s.text)}", (lambda n=s.index: rewind_to(self.app, n)),
                # Translators: under a past choice: its episode, the score before and after it
                sub=_("{episode}  \u00b7  {before} to {after}  \u00b7  rewind to just before "
                      "this choice").format(episode=titles.get(s.episode, s.episode),
                                            before=fmt(s.score_before), after=fmt(s.score_after)),
                kind="choice"))
        if not hist:
            self.buttons.append(Button(_("Nothing to rewind yet"), None, enabled=False,
                                       sub=_("Make a choice first")))
        self.buttons.append(Button(_("Back"), self.app.pop, kind="quiet"))
        end = self.stack_buttons(x, y + t.px(8), w, t.px(10))
        self.scroll.content_h = end - y + t.px(10)
        self.scroll.clamp()
        if not getattr(self, "_focused", False) and hist:
            # start on the comparison when there is one, else on the most recent choice
            self._focused = True
            self.set_focus(0 if sess.original is not None else len(self.buttons) - 2,
                           speak=False)

    def compare(self) -> None:
        self.app.push(CompareScreen(self.app))

    def spoken(self) -> str:
        n = len(self.app.session.rt.state.history)
        return ngettext("What if. Rewind to an earlier choice. {n} choice so far. Pick one to go "
                        "back to just before it.",
                        "What if. Rewind to an earlier choice. {n} choices so far. Pick one to go "
                        "back to just before it.", n).format(n=n)

    def draw(self, surf: pygame.Surface) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        surf.blit(r.background(t.w, t.h), (0, 0))
        y = self.top_y
        surf.blit(self.kicker, (self.x, y))
        y += self.kicker.get_height() + t.px(4)
        surf.blit(self.head, (self.x, y))
        y += self.head.get_height() + t.px(8)
        self.intro.draw(r, surf, self.x, y, pal.muted)
        surf.set_clip(self.scroll.view)
        self.draw_buttons(surf)
        surf.set_clip(None)
        self.scroll.draw_bar(surf, t)


class CompareScreen(Screen):
    """Run A (before the rewind) beside run B (the branch taken)."""
    name = "compare"

    def __init__(self, app):
        super().__init__(app)
        self.chart = ScoreChart(app.rend)
        sess = app.session
        self._problem: Optional[str] = None  # why the runs cannot be compared
        self.c: Optional[Comparison] = None
        try:
            self.c = compare_runs(sess.pack, sess.original, sess.rt.state)
        except (StateError, TypeError, AttributeError) as e:
            self._problem = str(e)

    @property
    def error(self) -> str:
        if self._problem is None:
            return ""
        # Translators: {problem} is a technical reason, in English
        return _("The runs cannot be compared: {problem}").format(problem=self._problem)

    def layout(self) -> None:
        t, r, pal = self.theme, self.rend, self.theme.pal
        w = min(t.px(1120), t.w - t.px(72))
        x = (t.w - w) // 2
        self.x, self.w = x, w
        self.head = r.label("heading", "h2", _("Two runs compared"), pal.text)
        self.buttons = [Button(_("Debrief of this run"), self.debrief),
                        Button(_("Rewind again"), self.rewind),
                        Button(_("Back"), self.app.pop, kind="quiet")]
        foot = row_buttons(self, self.buttons, x, 0, w, t.px(10), centre=True)
        fy = t.h - t.px(18) - foot
        for b in self.buttons:
            b.rect.y += fy
        top = t.px(26) + self.head.get_height() + t.px(12)
        self.scroll.view = pygame.Rect(x, top, w, fy - t.px(16) - top)
        self.items: List[Tuple[str, object, int]] = []
        inner = w - t.px(24)
        self.inner = inner
        y = 0
        if self.c is None:
            b = r.block(self.error or _("Nothing to compare yet."), inner, "body", "body")
            self.items.append(("text", (b, pal.down), y))
            self.scroll.content_h = b.height
            return
        c = self.c
        regime = self.app.session.pack.regime
        ch = max(t.px(200), min(t.px(320), self.scroll.view.h * 9 // 20))
        self.items.append(("chart", ch, y))
        y += ch + t.px(14)
        half = (inner - t.px(16)) // 2
        cards = []
        for label, run in ((_("FIRST RUN"), c.a), (_("THIS RUN"), c.b)):
            cards.append((label, r.block(run_card(run), half - t.px(28), "body", "body", 1.35)))
        card_h = max(b.height for _, b in cards) + r.label("bold", "tiny", "X", (0, 0, 0)) \
            .get_height() + t.px(36)
        self.items.append(("runs", (cards, half, card_h), y))
        y += card_h + t.px(14)
        delta = shown_delta(regime, c.a.final_score, c.b.final_score)
        b = r.block(parting(c, delta), inner, "body", "bold", 1.35)
        self.items.append(("text", (b, pal.text), y))
        y += b.height + t.px(12)
        if c.differing:
            h = r.label("bold", "small", "X", (0, 0, 0)).get_height() + t.px(10)
            self.items.append(("cols", (half,), y))
            y += h
        for pair in c.differing:
            a = self._side(pair.a, half)
            bb = self._side(pair.b, half)
            rh = max(a.height, bb.height) + t.px(20)
            self.items.append(("pair", (pair.step, a, bb, half, rh), y))
            y += rh + t.px(8)
        self.scroll.content_h = y + t.px(10)
        self.scroll.clamp()

    def _side(self, line: Optional[ChoiceLine], half: int) -> TextBlock:
        fmt = self.app.session.pack.regime.scale.fmt
        if line is None:
            text = _("(this run had ended)")
        else:
            # Translators: the score before and after a choice
            moved = _("{before} to {after}").format(before=fmt(line.score_before),
                                                    after=fmt(line.score_after))
            text = f"**{line.text}**\n{moved}"
        return self.rend.block(text, half - self.theme.px(70), "small", "body", 1.3)

    def debrief(self) -> None:
        from .debrief import DebriefScreen
        self.app.replace(DebriefScreen(self.app))

    def rewind(self) -> None:
        self.app.replace(WhatIfScreen(self.app))

    def spoken(self) -> str:
        c = self.c
        if c is None:
            return self.error
        n = len(c.differing)
        # Translators: read aloud; {first_tier} and {this_tier} are names of score tiers
        return ngettext("Two runs compared. The first ended at {first_score}, {first_tier}. This "
                        "run ended at {this_score}, {this_tier}. {n} choice differed.",
                        "Two runs compared. The first ended at {first_score}, {first_tier}. This "
                        "run ended at {this_score}, {this_tier}. {n} choices differed.", n).format(
            n=n, first_score=c.a.final_text, first_tier=c.a.tier.name,
            this_score=c.b.final_text, this_tier=c.b.tier.name)

    def on_key(self, e) -> bool:
        if e.key == pygame.K_DOWN:
            return self.scroll.by(self.theme.px(70)) or True
        if e.key == pygame.K_UP:
            return self.scroll.by(-self.theme.px(70)) or True
        if e.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.set_focus(self.focus + (1 if e.key == pygame.K_RIGHT else -1))
            return True
        return False

    def wheel(self, y: int) -> bool:
        return self.scroll.by(-y * self.theme.px(60))

    # ---- drawing ---------------------------------------------------------------------

    def draw(self, surf: pygame.Surface) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        surf.blit(r.background(t.w, t.h), (0, 0))
        surf.blit(self.head, (self.x, t.px(26)))
        view = self.scroll.view
        r.blit_card(surf, view.inflate(t.px(28), t.px(20)), pal.card, t.px(22), pal.card_edge)
        surf.set_clip(view)
        off = view.y - self.scroll.offset
        for kind, payload, y in self.items:
            getattr(self, "_d_" + kind)(surf, view.x + t.px(8), y + off, payload)
        surf.set_clip(None)
        self.scroll.draw_bar(surf, t)
        self.draw_buttons(surf)

    def _colours(self):
        pal = self.theme.pal
        return second_colour(pal), pal.accent

    def _d_chart(self, surf, x, y, h) -> None:
        c = self.c
        ca, cb = self._colours()
        lines = [Line(c.a.series.scores, ca, _("First run"), dashed=True),
                 Line(c.b.series.scores, cb, _("This run"))]
        marker = c.divergence.step - 1 if c.divergence is not None else None
        img = self.chart.surface((self.inner, h), lines, self.app.session.pack.regime, c.low,
                                 c.high, c.b.series.episodes, marker)
        surf.blit(img, (x, y))

    def _d_text(self, surf, x, y, payload) -> None:
        block, colour = payload
        block.draw(self.rend, surf, x, y, colour, clip=self.scroll.view)

    def _d_runs(self, surf, x, y, payload) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        cards, half, h = payload
        for i, ((label, block), colour) in enumerate(zip(cards, self._colours())):
            rect = pygame.Rect(x + i * (half + t.px(16)), y, half, h)
            pygame.draw.rect(surf, pal.chip if t.contrast else mix(pal.card, colour, 0.1), rect,
                             border_radius=t.px(12))
            pygame.draw.rect(surf, colour, rect, 2, border_radius=t.px(12))
            head = r.label("bold", "tiny", label, colour if t.contrast else pal.text)
            surf.blit(head, (rect.x + t.px(14), rect.y + t.px(12)))
            block.draw(r, surf, rect.x + t.px(14), rect.y + t.px(20) + head.get_height(),
                       pal.text)

    def _d_cols(self, surf, x, y, payload) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        (half,) = payload
        for i, label in enumerate((_("The first run chose"), _("This run chose"))):
            s = r.label("bold", "small", label, pal.muted)
            surf.blit(s, (x + i * (half + t.px(16)) + t.px(56), y))

    def _d_pair(self, surf, x, y, payload) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        step, a, b, half, h = payload
        for i, (block, colour) in enumerate(zip((a, b), self._colours())):
            rect = pygame.Rect(x + i * (half + t.px(16)), y, half, h)
            pygame.draw.rect(surf, pal.chip, rect, border_radius=t.px(10))
            pygame.draw.rect(surf, colour, pygame.Rect(rect.x, rect.y, t.px(6), rect.h),
                             border_radius=t.px(3))
            n = r.label("bold", "small", str(step), pal.text)
            surf.blit(n, (rect.x + t.px(20), rect.y + t.px(10)))
            block.draw(r, surf, rect.x + t.px(56), rect.y + t.px(10), pal.text)


def run_card(run) -> str:
    """A run's card on the comparison: its score, tier and length, then where it ended."""
    # Translators: ** marks bold; {tier} is the name of a score tier
    head = ngettext("Score **{score}**  \u00b7  {tier}  \u00b7  {n} choice",
                    "Score **{score}**  \u00b7  {tier}  \u00b7  {n} choices", run.steps).format(
        score=run.final_text, tier=run.tier.name, n=run.steps)
    if run.ending is None:
        return head + "\n" + _("Ended: not at an ending yet")
    # Translators: {ending} is the title of the ending the run reached
    return head + "\n" + _("Ended: {ending}").format(ending=run.ending.title)


def parting(c: Comparison, delta: str) -> str:
    """Where two runs parted, and how this run's score ended against the first's (`delta`, the
    change as the player reads it: "+12", "\u22120.136")."""
    n = c.shared
    if c.divergence is not None and n == 0:
        # Translators: {delta} is a signed change of score ("+12", "−0.4")
        text = _("The runs parted at once. This run ended {delta} against the first.")
    elif c.divergence is not None:
        text = ngettext("The runs shared their first choice and parted at choice {step}. This "
                        "run ended {delta} against the first.",
                        "The runs shared their first {n} choices and parted at choice {step}. "
                        "This run ended {delta} against the first.", n)
    elif not c.pairs:
        return _("These two runs made the same choices.")
    else:
        text = ngettext("The runs shared their first choice; one then went further. This run "
                        "ended {delta} against the first.",
                        "The runs shared their first {n} choices; one then went further. This "
                        "run ended {delta} against the first.", n)
    step = c.divergence.step if c.divergence is not None else 0
    return text.format(n=n, step=step, delta=delta)
