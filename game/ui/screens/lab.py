"""The algorithm lab: the regime's weights as sliders; every change rescores the same choices at
once (game.engine.lab, a few milliseconds) and shows the original and rescored lines on one
chart, the final score and tier under each, and the doors that would have opened or closed.

Keys: Up/Down pick a weight, Left/Right change it (Shift: ten steps), R resets the picked one,
0 resets them all, Esc goes back. The mouse drags a slider's handle or clicks its track.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

import pygame

from ...engine.debrief import score_series
from ...engine.lab import LabResult, lab_for
from ...engine.model import Regime
from ...engine.numbers import breakdown_rows
from ...i18n import N_, _, localize_number, ngettext
from ..chart import Line, ScoreChart, second_colour
from ..widgets import Button, TextBlock
from .base import Screen
from .debrief import row_buttons, shown_delta

# How a choice was met (DoorChange.was / .now), as the lab names it.
# Translators: how a choice was met in the algorithm lab: open, locked or hidden
DOOR_STATES = {"open": N_("open"), "locked": N_("locked"), "hidden": N_("hidden")}


def door_state(state: str) -> str:
    return _(DOOR_STATES[state]) if state in DOOR_STATES else state


def nice_step(span: float) -> float:
    """A round step near span / 200: 0.02 for a 4-point star scale, 5 for 350 to 950."""
    raw = span / 200 if span > 0 else 0.01
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


@dataclass
class Slider:
    """One weight. `label` and `hint` are the catalogue's English (marked with N_, looked up
    when shown, see `title`), except a category's label, which is the pack's own."""
    key: str  # "cat:<id>", "tier:<id>", "prior", "rater_influence", "association", "half_life"
    label: str
    lo: float
    hi: float
    step: float
    original: float
    value: float
    hint: str = ""
    tier: str = ""  # a tier slider's tier name, from the pack

    def title(self) -> str:
        """The label in the player's language."""
        if self.key.startswith("cat:"):
            return self.label
        return _(self.label).format(tier=self.tier)

    @property
    def changed(self) -> bool:
        return abs(self.value - self.original) > 1e-9

    def set(self, v: float) -> bool:
        v = min(self.hi, max(self.lo, v))
        if v not in (self.lo, self.hi):
            v = self.original + round((v - self.original) / self.step) * self.step
            v = min(self.hi, max(self.lo, v))
        v = round(v, 9)
        if abs(v - self.value) < 1e-12:
            return False
        self.value = v
        return True

    def fraction(self, v: Optional[float] = None) -> float:
        v = self.value if v is None else v
        return (v - self.lo) / (self.hi - self.lo) if self.hi > self.lo else 0.0


def sliders_for(regime: Regime) -> List[Slider]:
    sc = regime.scale
    out = [Slider(f"cat:{c.id}", c.label, 0.0, max(2.0, math.ceil(c.weight * 2)), 0.05,
                  c.weight, c.weight, N_("how much this kind of record counts"))
           for c in regime.categories]
    out.append(Slider("rater_influence", N_("Rater influence"), 0.0,
                      max(4.0, regime.rater_influence * 2), 0.25,
                      regime.rater_influence, regime.rater_influence,
                      N_("0: every rating counts the same")))
    out.append(Slider("prior", N_("Prior (ratings the start is worth)"), 0.0,
                      max(60.0, math.ceil(regime.prior * 3)), 1.0, regime.prior, regime.prior,
                      N_("how hard the number is to move")))
    out.append(Slider("association", N_("Friends' pull"), 0.0, 1.0, 0.05, regime.association,
                      regime.association, N_("how hard friends' scores pull yours")))
    out.append(Slider("half_life", N_("Fading (half-life in choices)"), 0.0,
                      max(24.0, math.ceil(regime.half_life * 3)), 1.0, regime.half_life,
                      regime.half_life, N_("0: records never fade")))
    step = nice_step(sc.span)
    for tr in regime.tiers[1:]:
        # Translators: an algorithm lab slider: the score where the tier {tier} begins
        out.append(Slider(f"tier:{tr.id}", N_("{tier} starts at"), sc.min, sc.max, step,
                          tr.min, tr.min, N_("the score this tier's doors need"), tr.name))
    return out


def overrides_of(sliders: List[Slider]) -> Dict[str, Any]:
    """Only what changed, in the form Lab.rescore takes."""
    o: Dict[str, Any] = {"categories": {}, "tiers": {}}
    for s in sliders:
        if not s.changed:
            continue
        if s.key.startswith("cat:"):
            o["categories"][s.key[4:]] = s.value
        elif s.key.startswith("tier:"):
            o["tiers"][s.key[5:]] = s.value
        else:
            o[s.key] = s.value
    return o


class LabScreen(Screen):
    name = "lab"

    def __init__(self, app):
        super().__init__(app)
        sess = app.session
        self.pack, self.state = sess.pack, sess.rt.state
        self.regime = self.pack.regime
        self.lab = lab_for(self.pack, self.state)  # one replay; then each rescore is quick
        self.sliders = sliders_for(self.regime)
        if not self.state.ratings:  # nobody rated anyone (a Sesame-style regime): these do nothing
            self.sliders = [s for s in self.sliders if s.key not in ("prior", "rater_influence")]
        self.sel = 0  # the picked slider; len(sliders) and beyond are the buttons
        self.chart = ScoreChart(app.rend)
        self._drag: Optional[int] = None
        self.base: LabResult = self.lab.rescore({})  # the pack's own rules: the reference
        self.result: LabResult = self.base
        self.episodes = score_series(self.pack, self.state).episodes
        self.focus = -1

    # ---- values ----------------------------------------------------------------------

    def fmt(self, s: Slider, v: Optional[float] = None) -> str:
        v = s.value if v is None else v
        if s.key.startswith("tier:"):
            return self.regime.scale.fmt(v)
        if s.key == "half_life":
            return _("never fades") if v <= 0 else localize_number(f"{v:g}")
        if s.key == "prior":
            return localize_number(f"{v:g}")
        return localize_number(f"{v:.2f}")

    def change(self, i: int, value: float) -> None:
        if self.sliders[i].set(value):
            self.rescore()

    def rescore(self) -> None:
        self.result = self.lab.rescore(overrides_of(self.sliders))
        self._results()
        self.app.dirty = True

    def reset(self, i: Optional[int] = None) -> None:
        for j, s in enumerate(self.sliders):
            if i is None or i == j:
                s.value = s.original
        self.rescore()

    # ---- layout ----------------------------------------------------------------------

    def layout(self) -> None:
        t, r, pal = self.theme, self.rend, self.theme.pal
        margin = t.px(30)
        self.head = r.label("heading", "h2", _("Algorithm lab"), pal.text)
        top = t.px(22) + self.head.get_height() + t.px(12)
        self.buttons = [Button(_("Reset all"), lambda: self.reset(None), kind="quiet"),
                        Button(_("Back to the debrief"), self.app.pop, kind="quiet")]
        left_w = max(t.px(360), min(t.px(470), int(t.w * 0.38)))
        bh = row_buttons(self, self.buttons, margin, 0, left_w, t.px(10))
        by = t.h - t.px(16) - bh
        for b in self.buttons:
            b.rect.y += by
        self.list_rect = pygame.Rect(margin, top, left_w, by - t.px(12) - top)
        label_h = r.label("bold", "small", "X", (0, 0, 0)).get_height()
        self.row_h = label_h + t.px(34)
        self.list_scroll = 0
        self.right = pygame.Rect(margin + left_w + t.px(24), top,
                                 t.w - 2 * margin - left_w - t.px(24), t.h - top - t.px(16))
        self._results()
        self._reveal()

    def _results(self) -> None:
        """The text under the chart, rebuilt on each change (cached blocks make it cheap)."""
        t, r = self.theme, self.rend
        res = self.result
        fmt = self.regime.scale.fmt
        w = self.right.w - t.px(32)
        self.chart_h = max(t.px(180), min(t.px(300), self.right.h * 9 // 20))
        base = self.base.final.score
        # Translators: the lab's result: the real final score and tier, the score and tier
        # under the changed rules, and the change; ** marks bold
        lines = [_("**Final score** {score} {tier}  \u00b7  **now** {new_score} {new_tier}  "
                   "({change})").format(
            score=fmt(base), tier=res.original_tier.name, new_score=fmt(res.final.score),
            new_tier=res.tier.name, change=shown_delta(self.regime, base, res.final.score))]
        if res.blocked_at is not None:
            lines.append(_("From choice {step} on, the real run could not have happened: a "
                           "choice the player took would have been locked. Past it, the line "
                           "shows only what the same choices would have scored.").format(
                               step=res.blocked_at))
        blocks: List[TextBlock] = [r.block(s, w, "small", "body", 1.35) for s in lines]
        self.summary = blocks
        doors: List[TextBlock] = []
        if res.doors:
            for d in res.doors[:6]:
                doors.append(r.block(self._door(d), w - t.px(24), "small", "body", 1.3))
            if len(res.doors) > 6:
                more = len(res.doors) - 6
                # Translators: after the first six doors listed, how many more there are
                doors.append(r.block(ngettext("and {count} more", "and {count} more", more)
                                     .format(count=more), w - t.px(24), "small", "italic", 1.3))
        else:
            doors.append(r.block(_("No door would open or close: every choice offered was "
                                   "locked or open just as before."), w - t.px(24), "small",
                                 "italic", 1.3))
        self.doors = doors
        # The final score taken apart, as it happened and under the class's rules.
        a, b = self.base.final, res.final
        before, after = breakdown_rows(self.regime, a), breakdown_rows(self.regime, b)
        labels = [row[0] for row in before] + \
            [row[0] for row in after if row[0] not in {r[0] for r in before}]
        was, now = ({row[0]: row[1] for row in rs} for rs in (before, after))
        rows = [(label, was.get(label, "0"), now.get(label, "0")) for label in labels]
        rows.append((_("Score"), fmt(a.score), fmt(b.score)))  # drawn in bold: the total
        self.parts = rows

    @staticmethod
    def _door(d) -> str:
        """One door that would open or close, in a line (** marks bold)."""
        state = door_state(d.now)
        # Translators: a door's new state ("locked") and the reason the player would read
        now = _("**{state}:** {reason}").format(state=state, reason=d.reason) if d.reason \
            else _("**{state}**").format(state=state)
        # Translators: {step} numbers the choice, {choice} is its text, {was} and {now} are
        # how it was met and would be met now (open, locked, hidden; {now} in bold)
        line = _("**Choice {step}: {choice}**  was {was}, now {now}").format(
            step=d.step, choice=d.text, was=door_state(d.was), now=now)
        # Translators: after a door the player really took
        return _("{door}  (the player took it)").format(door=line) if d.taken else line

    # ---- input -----------------------------------------------------------------------

    @property
    def on_slider(self) -> bool:
        return self.sel < len(self.sliders)

    def pick(self, i: int) -> None:
        n = len(self.sliders) + len(self.buttons)
        self.sel = i % n
        self.focus = self.sel - len(self.sliders) if not self.on_slider else -1
        self._reveal()
        if self.on_slider:
            s = self.sliders[self.sel]
            # Translators: read aloud: a slider's name, its value, then what it does
            self.app.speech.say(_("{slider}: {value}. {hint}").format(
                slider=s.title(), value=self.fmt(s), hint=_(s.hint)))
        else:
            self.app.speak_button(self.buttons[self.focus])
        self.app.dirty = True

    def _reveal(self) -> None:
        if not self.on_slider:
            return
        top = self.sel * self.row_h
        if top < self.list_scroll:
            self.list_scroll = top
        elif top + self.row_h > self.list_scroll + self.list_rect.h:
            self.list_scroll = top + self.row_h - self.list_rect.h

    def key(self, e) -> bool:
        k = e.key
        shift = bool(e.mod & pygame.KMOD_SHIFT)
        if k == pygame.K_ESCAPE:
            self.back()
        elif k == pygame.K_DOWN or (k == pygame.K_TAB and not shift):
            self.pick(self.sel + 1)
        elif k == pygame.K_UP or (k == pygame.K_TAB and shift):
            self.pick(self.sel - 1)
        elif k in (pygame.K_LEFT, pygame.K_RIGHT) and self.on_slider:
            s = self.sliders[self.sel]
            d = (1 if k == pygame.K_RIGHT else -1) * s.step * (10 if shift else 1)
            self.change(self.sel, s.value + d)
        elif k == pygame.K_HOME and self.on_slider:
            self.change(self.sel, self.sliders[self.sel].lo)
        elif k == pygame.K_END and self.on_slider:
            self.change(self.sel, self.sliders[self.sel].hi)
        elif k == pygame.K_r and self.on_slider:
            self.reset(self.sel)
        elif k in (pygame.K_0, pygame.K_KP0):
            self.reset(None)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and not self.on_slider:
            self.activate(self.focus)
        else:
            return False
        return True

    def _track(self, i: int) -> pygame.Rect:
        t = self.theme
        y = self.list_rect.y + i * self.row_h - self.list_scroll
        label_h = self.row_h - t.px(34)
        return pygame.Rect(self.list_rect.x + t.px(14), y + label_h + t.px(14),
                           self.list_rect.w - t.px(28), t.px(10))

    def _value_at(self, i: int, x: int) -> float:
        s = self.sliders[i]
        tr = self._track(i)
        f = min(1.0, max(0.0, (x - tr.x) / max(1, tr.w)))
        return s.lo + f * (s.hi - s.lo)

    def handle(self, e) -> bool:
        if e.type == pygame.MOUSEBUTTONDOWN and e.button == 1 and self.list_rect.collidepoint(
                e.pos):
            i = (e.pos[1] - self.list_rect.y + self.list_scroll) // self.row_h
            if 0 <= i < len(self.sliders):
                self.sel, self.focus = i, -1
                self._drag = i
                if self._track(i).inflate(self.theme.px(16), self.theme.px(30)).collidepoint(
                        e.pos):
                    self.change(i, self._value_at(i, e.pos[0]))
                self.app.dirty = True
                return True
        if e.type == pygame.MOUSEMOTION and self._drag is not None:
            if e.buttons and e.buttons[0]:
                self.change(self._drag, self._value_at(self._drag, e.pos[0]))
                return True
            self._drag = None
        if e.type == pygame.MOUSEBUTTONUP and e.button == 1 and self._drag is not None:
            self._drag = None
            return True
        if e.type == pygame.MOUSEWHEEL and self.list_rect.collidepoint(pygame.mouse.get_pos()):
            most = max(0, len(self.sliders) * self.row_h - self.list_rect.h)
            self.list_scroll = max(0, min(most, self.list_scroll - e.y * self.theme.px(50)))
            return True
        return super().handle(e)

    def hover(self, pos) -> bool:
        i = self.hit(pos)
        if i is not None and (self.on_slider or i != self.focus):
            self.sel = len(self.sliders) + i
            self.focus = i
            return True
        return False

    def spoken(self) -> str:
        return _("Algorithm lab. Up and down pick a weight, left and right change it; the "
                 "same choices are scored again at once. Final score now {score}.").format(
                     score=self.regime.scale.fmt(self.result.final.score))

    # ---- drawing ---------------------------------------------------------------------

    def draw(self, surf: pygame.Surface) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        surf.blit(r.background(t.w, t.h), (0, 0))
        surf.blit(self.head, (t.px(30), t.px(22)))
        sub_x = t.px(30) + self.head.get_width() + t.px(16)
        sub = self._fit(_("The same choices, scored again under your rules"), "body",
                        ("small", "tiny"), t.w - t.px(30) - sub_x, pal.muted, cut=False)
        if sub is not None:  # a translation too long for the line leaves the heading alone
            surf.blit(sub, (sub_x, t.px(22) + self.head.get_height() - sub.get_height() - t.px(4)))
        sub_w = sub.get_width() if sub is not None else 0
        # Translators: the lab's keys; Up, Down, Left, Right, Shift, R and 0 are keys
        hint = r.label("body", "tiny", _("Up/Down pick  \u00b7  Left/Right change (Shift: x10)  "
                                         "\u00b7  R reset one  \u00b7  0 reset all"), pal.muted)
        if t.w - t.px(30) - hint.get_width() > sub_x + sub_w + t.px(24):
            surf.blit(hint, (t.w - t.px(30) - hint.get_width(),
                             t.px(22) + self.head.get_height() - hint.get_height() - t.px(4)))
        self._draw_sliders(surf)
        self._draw_right(surf)
        self.draw_buttons(surf)

    def _draw_sliders(self, surf) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        box = self.list_rect
        r.blit_card(surf, box.inflate(t.px(12), t.px(12)), pal.card, t.px(20), pal.card_edge)
        surf.set_clip(box)
        for i, s in enumerate(self.sliders):
            y = box.y + i * self.row_h - self.list_scroll
            if y + self.row_h < box.y or y > box.bottom:
                continue
            row = pygame.Rect(box.x, y, box.w, self.row_h - t.px(4))
            sel = i == self.sel
            if sel:
                pygame.draw.rect(surf, pal.button_hover, row, border_radius=t.px(12))
                pygame.draw.rect(surf, pal.accent, row, pal.focus_width, border_radius=t.px(12))
            colour = pal.accent if s.changed and not t.contrast else pal.text
            val = r.label("bold", "small", self.fmt(s), colour)
            lab = self._slider_label(s, row.w - t.px(40) - val.get_width())
            surf.blit(lab, (row.x + t.px(14), row.y + t.px(8)))
            surf.blit(val, (row.right - t.px(14) - val.get_width(), row.y + t.px(8)))
            tr = self._track(i)
            pygame.draw.rect(surf, pal.star_empty, tr, border_radius=tr.h // 2)
            fx = tr.x + round(tr.w * s.fraction())
            ox = tr.x + round(tr.w * s.fraction(s.original))
            lo, hi = sorted((fx, ox))
            if hi > lo:
                pygame.draw.rect(surf, pal.accent, pygame.Rect(lo, tr.y, hi - lo, tr.h),
                                 border_radius=tr.h // 2)
            pygame.draw.line(surf, pal.muted, (ox, tr.y - t.px(5)), (ox, tr.bottom + t.px(4)),
                             max(2, t.px(2)))  # the pack's own value
            knob = max(t.px(10), tr.h)
            pygame.draw.circle(surf, pal.accent if sel or s.changed else pal.muted,
                               (fx, tr.centery), knob)
            pygame.draw.circle(surf, pal.card, (fx, tr.centery), knob - t.px(4))
        surf.set_clip(None)

    def _slider_label(self, s: "Slider", room: int) -> pygame.Surface:
        """The slider's name, smaller and then cut with "…" when a long one (a pack's
        category, a translation) would run into its value."""
        label = self._fit(s.title(), "bold" if s.changed else "body", ("small", "tiny"), room,
                          self.theme.pal.text)
        assert label is not None  # cut=True always gives a label
        return label

    def _fit(self, text: str, role: str, sizes, room: int, colour, cut: bool = True
             ) -> Optional[pygame.Surface]:
        """`text` on one line at the first of `sizes` that fits `room` pixels; past the last,
        cut with "…" (or None when `cut` is false)."""
        r = self.rend
        for size in sizes:
            lab = r.label(role, size, text, colour)
            if lab.get_width() <= room:
                return lab
        if not cut:
            return None
        from ..notifications import elide
        px = self.theme.text_px(sizes[-1])
        return r.label(role, sizes[-1], elide(text, room, lambda x: r.measure(role, px, x)),
                       colour)

    def _draw_right(self, surf) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        box = self.right
        r.blit_card(surf, box, pal.card, t.px(20), pal.card_edge)
        x, y = box.x + t.px(16), box.y + t.px(12)
        w = box.w - t.px(32)
        res = self.result
        lines = [Line(res.original, second_colour(pal), _("As it happened"), dashed=True),
                 Line(res.scores, pal.accent, _("Under your rules"),
                      solid_until=(res.blocked_at - 1) if res.blocked_at else None)]
        img = self.chart.surface((w, self.chart_h), lines, res.regime, res.low, res.high,
                                 self.episodes)
        surf.blit(img, (x, y))
        y += self.chart_h + t.px(10)
        surf.set_clip(box)
        for b in self.summary:
            b.draw(r, surf, x, y, pal.text if res.blocked_at is None or b is self.summary[0]
                   else pal.down)
            y += b.height + t.px(6)
        head = r.block(_("Doors that would open or close"), w, "h3", "heading", 1.2)
        head.draw(r, surf, x, y + t.px(4), pal.text)
        y += head.height + t.px(12)
        for i, b in enumerate(self.doors):
            d = res.doors[i] if i < len(res.doors) and i < 6 else None
            if d is not None:
                colour = pal.up if d.opened else pal.down
                pygame.draw.rect(surf, colour, pygame.Rect(x, y + t.px(2), t.px(6),
                                                           b.height - t.px(2)),
                                 border_radius=t.px(3))
            b.draw(r, surf, x + t.px(18), y, pal.text if d is not None else pal.muted)
            y += b.height + t.px(8)
        self._draw_parts(surf, x, y + t.px(10), w)
        surf.set_clip(None)

    def _draw_parts(self, surf, x: int, y: int, w: int) -> None:
        """The final score taken apart: as it happened beside under your rules."""
        t, pal, r = self.theme, self.theme.pal, self.rend
        head = r.label("heading", "h3", _("The final score, taken apart"), pal.text)
        row = r.label("bold", "small", "X", pal.text).get_height() + t.px(4)
        if y + head.get_height() + t.px(8) + row * (len(self.parts) + 1) > self.right.bottom:
            return  # no room (projector text): the chart and the doors come first
        surf.blit(head, (x, y))
        y += head.get_height() + t.px(8)
        col_b = x + w
        col_a = col_b - max(t.px(120), w // 5)
        # Translators: the two columns' headings: the real run, and under the changed rules
        heads = ("", _("as it happened"), _("your rules"))
        last = len(self.parts)
        for i, (label, before, now) in enumerate([heads] + self.parts):
            first = not i
            role = "bold" if first or i == last else "body"
            ls = r.label(role, "small", label, pal.muted if not first else pal.text)
            a = r.label(role, "small" if not first else "tiny", before, pal.muted)
            b = r.label(role, "small" if not first else "tiny", now,
                        pal.text if before == now or first else pal.accent
                        if not t.contrast else pal.accent)
            h = max(ls.get_height(), a.get_height())
            if y + h > self.right.bottom - t.px(8):
                break
            surf.blit(ls, (x, y))
            surf.blit(a, (col_a - a.get_width(), y))
            surf.blit(b, (col_b - b.get_width(), y))
            y += h + t.px(4)
