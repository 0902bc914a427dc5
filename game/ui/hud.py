"""The profile panel: your score (large, animated when it moves), tier badge, perks and penalties,
and the category breakdown when the regime lets you see it."""
from __future__ import annotations

from typing import Optional

import pygame

from .. import i18n
from ..engine.numbers import breakdown_rows, delta_text
from ..i18n import _
from .theme import mix
from .widgets import Renderer, Scroll, chip

COUNT_TIME = 1.1  # seconds for the number to roll to its new value
DELTA_TIME = 2.6  # how long the +0.012 chip stays


def ease_out(t: float) -> float:
    return 1 - (1 - t) ** 3


class ScoreAnim:
    """The shown score rolls from the old value to the new one, tinted by direction."""

    def __init__(self, value: float):
        self.start = self.target = self.shown = value
        self.t = 1.0
        self.age = DELTA_TIME
        self.delta = 0.0

    def move(self, old: float, new: float, motion: bool) -> None:
        self.start, self.target, self.delta = old, new, new - old
        self.t = 0.0 if motion else 1.0
        self.shown = old if motion else new
        self.age = 0.0

    def snap(self, value: float) -> None:
        self.start = self.target = self.shown = value
        self.t, self.age = 1.0, DELTA_TIME

    @property
    def animating(self) -> bool:
        return self.t < 1.0 or self.age < DELTA_TIME

    def update(self, dt: float) -> bool:
        """True when what the panel shows moved: the number rolled, or the +0.012 chip went.
        While only the chip's time runs (always, with reduced motion) nothing is redrawn."""
        if not self.animating:
            return False
        rolling, direction = self.t < 1.0, self.direction
        self.t = min(1.0, self.t + dt / COUNT_TIME)
        self.age += dt
        self.shown = self.start + (self.target - self.start) * ease_out(self.t)
        return rolling or self.direction != direction

    @property
    def direction(self) -> int:
        if self.age >= DELTA_TIME or self.delta == 0:
            return 0
        return 1 if self.delta > 0 else -1


class ProfilePanel:
    def __init__(self, rend: Renderer):
        self.rend = rend
        self.scroll = Scroll()
        self.rect = pygame.Rect(0, 0, 1, 1)
        self._held = None  # (key, pixels, where) of the part below the score (_below_score)

    def draw(self, surf: pygame.Surface, rt, anim: ScoreAnim, reduced_motion: bool,
             again: bool = True, floor: Optional[pygame.Surface] = None) -> None:
        """`floor`: the screen's backdrop (game/ui/backdrop.py), already blitted with this
        panel's card on it; the card is then only put back when the panel draws again."""
        t, pal, r = self.rend.theme, self.rend.theme.pal, self.rend
        rect = self.rect
        if floor is None:
            r.blit_card(surf, rect, pal.card, t.px(28), pal.card_edge)
        elif not again:
            surf.blit(floor, rect, rect)
        pad = t.px(26)
        inner = pygame.Rect(rect.x + pad, rect.y + pad, rect.w - 2 * pad, rect.h - 2 * pad)
        cue = r.label("bold", "tiny", _("More below: scroll here"), pal.accent)
        if cue.get_width() + t.px(24) > inner.w:  # a narrow panel (projector, small room)
            # Translators: the short form of "More below: scroll here", for a narrow panel.
            cue = r.label("bold", "tiny", _("More below"), pal.accent)
        strip_h = cue.get_height() + t.px(22)
        more = self.scroll.offset < self.scroll.max_offset
        if more:  # the content stops above the cue's strip, so the cue covers nothing
            inner.h -= strip_h
        self.scroll.view = inner.inflate(t.px(16), 0).move(t.px(8), 0)  # the bar in the margin
        surf.set_clip(inner.inflate(t.px(8), 0))
        y = inner.y - self.scroll.offset
        y = self._score(surf, inner.x, y, inner.w, rt, anim)
        y = self._below_score(surf, inner, y, rt)
        surf.set_clip(None)
        self.scroll.content_h = y + self.scroll.offset - inner.y
        self.scroll.clamp()
        if again and more != (self.scroll.offset < self.scroll.max_offset):
            self.draw(surf, rt, anim, reduced_motion, again=False, floor=floor)  # the first frame learns the height
            return
        self.scroll.draw_bar(surf, t)
        if more:
            self._more_cue(surf, inner, cue)

    def _below_score(self, surf: pygame.Surface, inner: pygame.Rect, y: int, rt) -> int:
        """The tier and the breakdown, drawn once and then copied while they stay the same:
        with the score rolling they are redrawn every frame, ~0.2 ms of text at 1920x1080."""
        t = self.rend.theme
        clip = surf.get_clip()
        key = (tuple(inner), tuple(clip), y, self.scroll.offset, id(rt.pack), rt.tier,
               rt.breakdown(), bool(rt.state.friends), t.pal, t.ui, t.settings.text_size,
               t.settings.projector, i18n.current())
        held = self._held
        if held is not None and held[0] == key and self.rend.log is None:
            surf.blit(held[1], held[2])
            return held[3]
        top = y
        y = self._tier(surf, inner.x, y + t.px(16), inner.w, rt)
        y = self._breakdown(surf, inner.x, y + t.px(18), inner.w, rt)
        area = pygame.Rect(clip.x, top, clip.w, clip.bottom - top).clip(clip)
        self._held = (key, surf.subsurface(area).copy(), area, y) if area.h > 0 else None
        return y

    def _more_cue(self, surf: pygame.Surface, inner: pygame.Rect, cue: pygame.Surface) -> None:
        """Say plainly that the panel holds more than fits (projector mode, small windows)."""
        t, pal = self.rend.theme, self.rend.theme.pal
        strip = pygame.Rect(inner.x, inner.bottom, inner.w, cue.get_height() + t.px(22))
        at = cue.get_rect(midtop=(strip.centerx + t.px(8), strip.y + t.px(8)))
        surf.blit(cue, at)
        s = t.px(5)  # a small down-pointing triangle before the words (no glyph needed)
        cx, cy = at.x - t.px(10), at.centery
        pygame.draw.polygon(surf, pal.accent, [(cx - s, cy - s // 2), (cx + s, cy - s // 2),
                                               (cx, cy + s // 2 + 1)])

    def _score(self, surf, x: int, y: int, w: int, rt, anim: ScoreAnim) -> int:
        t, pal, r = self.rend.theme, self.rend.theme.pal, self.rend
        label = r.label("bold", "tiny", _("YOUR STANDING"), pal.muted)
        surf.blit(label, (x, y))
        y += label.get_height() + t.px(2)
        colour = {1: pal.up, -1: pal.down}.get(anim.direction, pal.text)
        fmt = rt.pack.regime.scale.fmt
        px = min(t.text_px("score"), t.px(96))
        text = fmt(anim.shown)
        width = r.glyphs("display", px, text, colour, surf, (x - t.px(3), y))
        line_h = t.font_px("display", px).get_linesize()
        if anim.direction:
            change = delta_text(rt.pack.regime.scale.decimals, anim.start, anim.target)
            d = r.label("bold", "small", change, pal.on_signal)
            dr = d.get_rect().inflate(t.px(16), t.px(6))
            dr.topleft = (x + width + t.px(8), y + line_h // 2 - dr.h // 2)
            if dr.right <= x + w:
                pygame.draw.rect(surf, colour, dr, border_radius=dr.h // 2)
                surf.blit(d, d.get_rect(center=dr.center))
        y += line_h
        scale = rt.pack.regime.scale
        if scale.min == 1 and scale.max == 5:
            r.stars(surf, x, y, anim.shown, t.px(26))
            y += t.px(30)
        else:
            y = self._gauge(surf, x, y + t.px(4), w, rt, anim.shown)
        return y

    def _gauge(self, surf, x: int, y: int, w: int, rt, value: float) -> int:
        """For a 350 to 950 regime: a bar with tier thresholds and your position."""
        t, pal = self.rend.theme, self.rend.theme.pal
        scale = rt.pack.regime.scale
        h = t.px(10)
        bar = pygame.Rect(x, y, w, h)
        pygame.draw.rect(surf, pal.star_empty, bar, border_radius=h // 2)
        frac = (value - scale.min) / scale.span if scale.span else 0
        fill = bar.copy()
        fill.w = max(h, round(w * max(0.0, min(1.0, frac))))
        pygame.draw.rect(surf, pal.star, fill, border_radius=h // 2)
        for tier in rt.pack.regime.tiers[1:]:
            tx = x + round(w * (tier.min - scale.min) / scale.span)
            pygame.draw.line(surf, pal.muted, (tx, y - t.px(3)), (tx, y + h + t.px(2)), 2)
        return y + h + t.px(12)

    def _tier(self, surf, x: int, y: int, w: int, rt) -> int:
        t, pal, r = self.rend.theme, self.rend.theme.pal, self.rend
        tier = rt.tier
        badge = chip(r, surf, x, y, tier.name.upper(), pal.accent, pal.accent_text, "small")
        nxt = self._next_tier(rt)
        if nxt:
            s = r.label("body", "tiny", nxt, pal.muted)
            if badge.right + t.px(10) + s.get_width() <= x + w:
                surf.blit(s, (badge.right + t.px(10), badge.centery - s.get_height() // 2))
                y = badge.bottom
            else:  # under the badge, wrapped: a translated tier name can be long
                b = r.block(nxt, w, "tiny", "body", 1.2)
                b.draw(r, surf, x, badge.bottom + t.px(6), pal.muted)
                y = badge.bottom + t.px(6) + b.height
        else:
            y = badge.bottom
        y += t.px(12)
        y = self._list(surf, x, y, w, _("Perks"), tier.perks, pal.up, _("No perks at this tier"))
        if tier.penalties:
            y = self._list(surf, x, y + t.px(8), w, _("Penalties"), tier.penalties, pal.down, "")
        return y

    def _next_tier(self, rt) -> str:
        regime = rt.pack.regime
        rank = regime.tier_rank(rt.tier.id)
        if rank + 1 < len(regime.tiers):
            up = regime.tiers[rank + 1]
            # Translators: the next tier and the score it starts at ("Trusted from 4.0").
            return _("{tier} from {score}").format(tier=up.name, score=regime.scale.fmt(up.min))
        return _("The top tier")

    def _list(self, surf, x: int, y: int, w: int, title: str, items, colour,
              empty: str) -> int:
        t, pal, r = self.rend.theme, self.rend.theme.pal, self.rend
        head = r.label("bold", "small", title, pal.text)
        surf.blit(head, (x, y))
        y += head.get_height() + t.px(4)
        if not items and empty:
            b = r.block(empty, w, "small", "italic", 1.25)  # wraps: translations run longer
            b.draw(r, surf, x, y, pal.muted)
            return y + b.height + t.px(2)
        for item in items:
            b = r.block(item, w - t.px(18), "small", "body", 1.25)
            pygame.draw.circle(surf, colour, (x + t.px(5), y + b.line_h // 2 + 1), t.px(4))
            b.draw(r, surf, x + t.px(18), y, pal.text)
            y += b.height + t.px(3)
        return y

    def _breakdown(self, surf, x: int, y: int, w: int, rt) -> int:
        t, pal, r = self.rend.theme, self.rend.theme.pal, self.rend
        regime = rt.pack.regime
        pygame.draw.line(surf, mix(pal.card_edge, pal.muted, 0.3), (x, y), (x + w, y), 1)
        y += t.px(14)
        head = r.block(_("How the system sees you"), w, "small", "bold", 1.2)  # wraps if narrow
        head.draw(r, surf, x, y, pal.text)
        y += head.height + t.px(6)
        if not regime.visible:
            b = r.block(_("The system does not show how it reached this number. The debrief "
                          "will."), w, "small", "italic", 1.3)
            b.draw(r, surf, x, y, pal.muted)
            return y + b.height
        bd = rt.breakdown()
        span = regime.scale.span or 1.0
        rows = breakdown_rows(regime, bd)
        friends = 1 + len(regime.categories)  # the row after the categories (its label may
        # be translated, so it is found by place)
        y = self._row(surf, x, y, w, rows[0][0], rows[0][1], None)
        for i, (label, text, v) in enumerate(rows[1:], 1):
            if i != friends or rt.state.friends or regime.association:
                y = self._row(surf, x, y, w, label, text, v / (span * 0.1))
        return y

    def _row(self, surf, x: int, y: int, w: int, label: str, value: str,
             bar: Optional[float]) -> int:
        t, pal, r = self.rend.theme, self.rend.theme.pal, self.rend
        from .notifications import elide
        tight = t.settings.projector  # big text: one line a row, the value's colour for the bar
        colour = pal.text
        if tight and bar:
            colour = pal.up if bar > 0 else pal.down
        v = r.label("bold", "small", value, colour)
        room = w - v.get_width() - t.px(12)
        # One line a row: a long category name ends in "…" rather than wrapping the panel
        # past its bottom.
        short = elide(label, room, lambda s: r.label("body", "small", s, pal.muted).get_width())
        b = r.label("body", "small", short, pal.muted)
        surf.blit(b, (x, y))
        surf.blit(v, (x + w - v.get_width(), y))
        y += max(b.get_height(), v.get_height()) + t.px(2)
        if bar is not None and not tight:
            track = pygame.Rect(x, y, w, t.px(4))
            pygame.draw.rect(surf, pal.star_empty, track, border_radius=2)
            mid = track.centerx
            length = round(min(1.0, abs(bar)) * w / 2)
            if length:
                fill = pygame.Rect(mid if bar > 0 else mid - length, y, length, t.px(4))
                pygame.draw.rect(surf, pal.up if bar > 0 else pal.down, fill, border_radius=2)
            pygame.draw.line(surf, pal.muted, (mid, y - 2), (mid, y + t.px(4) + 1), 1)
            y += t.px(10)
        return y + t.px(4)
