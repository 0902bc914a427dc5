"""The score chart shared by the debrief, what-if and the algorithm lab: one line per run, the tier
thresholds drawn across as dashed lines with their names, episodes marked where they begin.

The chart is drawn into one surface when its data, size or theme changes (shapes supersampled
for smooth lines, text drawn afterwards at full sharpness) and only blitted otherwise:

    chart = ScoreChart(app.rend)
    surf = chart.surface((w, h), [Line(scores, colour, "This run")], regime, low, high, episodes)
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import pygame

from .. import i18n
from ..engine.debrief import EpisodeSpan, thresholds
from ..i18n import _
from ..engine.model import Regime
from .theme import Colour, mix
from .widgets import Renderer

SS = 2  # supersampling factor for lines and dots


@dataclass(frozen=True)
class Line:
    scores: Tuple[float, ...]
    colour: Colour
    label: str = ""
    dashed: bool = False
    solid_until: Optional[int] = None  # points after this index are drawn faded (lab: blocked)


def second_colour(pal) -> Colour:
    """A colour for the other run, distinct from the accent in both themes."""
    return (120, 220, 255) if pal.bg_top == (0, 0, 0) else (62, 128, 190)


class ScoreChart:
    def __init__(self, rend: Renderer):
        self.rend = rend
        self._key = None
        self._surf: Optional[pygame.Surface] = None
        self.renders = 0  # how many times the chart was drawn (tests check it is cached)
        self.plot = pygame.Rect(0, 0, 1, 1)  # where the plot area is, inside the surface

    def surface(self, size: Tuple[int, int], lines: Sequence[Line], regime: Regime, low: float,
                high: float, episodes: Sequence[EpisodeSpan] = (),
                marker: Optional[int] = None) -> pygame.Surface:
        t = self.rend.theme
        key = (size, tuple(lines), id(regime), regime.tiers, low, high, tuple(episodes), marker,
               t.pal, t.text_px("small"), i18n.current())
        if key != self._key or self._surf is None:
            self._surf = self._draw(size, lines, regime, low, high, episodes, marker)
            self._key = key
            self.renders += 1
        return self._surf

    # ---- drawing ---------------------------------------------------------------------------

    def _draw(self, size, lines, regime, low, high, episodes, marker) -> pygame.Surface:
        t, pal, r = self.rend.theme, self.rend.theme.pal, self.rend
        w, h = max(80, size[0]), max(60, size[1])
        surf = pygame.Surface((w, h), pygame.SRCALPHA)
        fmt = regime.scale.fmt
        if high - low < 1e-9:
            low, high = low - 0.5, high + 0.5
        tiers = thresholds(regime, low, high)
        n = max((len(ln.scores) for ln in lines), default=1)
        small = t.text_px("small")
        tiny = t.text_px("tiny")
        # Margins: values on the left, tier names on the right, legend/episodes above, steps below.
        ylabels = [fmt(low), fmt(high)] + [fmt(tr.min) for tr in tiers]
        left = max(r.text("body", tiny, s, pal.muted).get_width() for s in ylabels) + t.px(12)
        names = [tr.name for tr in tiers if tr.min > regime.scale.min]
        right = max([r.text("bold", small, s, pal.text).get_width() for s in names] + [0]) + \
            t.px(16)
        top = r.text("bold", small, "X", pal.text).get_height() + t.px(14)
        bottom = r.text("body", tiny, "0", pal.muted).get_height() + t.px(12)
        plot = pygame.Rect(left, top, max(20, w - left - right), max(20, h - top - bottom))
        self.plot = plot

        def x_of(i: int) -> float:
            return plot.x + (plot.w * i / (n - 1) if n > 1 else plot.w / 2)

        def y_of(v: float) -> float:
            return plot.y + (high - v) / (high - low) * plot.h

        # The plot area and the tier bands (each band faintly tinted; the top tier warmest).
        fill = pal.chip if not t.contrast else (18, 18, 18)
        pygame.draw.rect(surf, fill, plot, border_radius=t.px(6))
        edge = pal.card_edge if not t.contrast else (110, 110, 110)
        pygame.draw.rect(surf, edge, plot, 1, border_radius=t.px(6))

        # Shapes at SS x, then scaled down once.
        big = pygame.Surface((w * SS, h * SS), pygame.SRCALPHA)
        for tr in tiers:
            if tr.min <= regime.scale.min:
                continue
            y = y_of(tr.min) * SS
            _dashed(big, pal.muted if not t.contrast else (200, 200, 200),
                    (plot.x * SS, y), (plot.right * SS, y), 2 * SS, 12 * SS, 8 * SS)
        for span in list(episodes)[1:]:
            x = x_of(span.first) * SS
            pygame.draw.line(big, mix(pal.muted, fill, 0.45), (x, plot.y * SS),
                             (x, plot.bottom * SS), SS)
        if marker is not None and 0 <= marker < n:
            x = x_of(marker) * SS
            _dashed(big, pal.down, (x, plot.y * SS), (x, plot.bottom * SS), 2 * SS, 8 * SS, 6 * SS)
        k = max(1.0, t.settings.text_scale)  # thicker on a projector, as the text is larger
        width = max(2, t.px(3 * k)) * SS
        dot = max(3, t.px(5 * k)) * SS
        for ln in lines:
            pts = [(x_of(i) * SS, y_of(v) * SS) for i, v in enumerate(ln.scores)]
            if not pts:
                continue
            faded = mix(ln.colour, fill, 0.6)
            for i in range(len(pts) - 1):
                colour = ln.colour if ln.solid_until is None or i < ln.solid_until else faded
                if ln.dashed:
                    _dashed(big, colour, pts[i], pts[i + 1], width, 10 * SS, 7 * SS)
                else:
                    pygame.draw.line(big, colour, pts[i], pts[i + 1], width)
                    pygame.draw.circle(big, colour, pts[i + 1], width // 2)
            for i, p in enumerate(pts):
                colour = ln.colour if ln.solid_until is None or i <= ln.solid_until else faded
                if ln.dashed:
                    pygame.draw.circle(big, fill, p, dot)
                    pygame.draw.circle(big, colour, p, dot, max(1, width // 2))
                else:
                    pygame.draw.circle(big, colour, p, dot)
        surf.blit(pygame.transform.smoothscale(big, (w, h)), (0, 0))

        # Text, sharp: tier names at the right, values at the left (thresholds first; the
        # band's ends only where they do not collide with a threshold's value).
        taken: List[pygame.Rect] = []
        names: List[pygame.Rect] = []
        for tr in sorted(tiers, key=lambda tr: -tr.min):  # top down, nudging clashes apart
            y = round(y_of(tr.min))
            if tr.min > regime.scale.min:
                name = r.text("bold", small, tr.name, pal.text)
                rect = name.get_rect(midleft=(plot.right + t.px(8), y))
                if names and rect.top < names[-1].bottom:
                    rect.top = names[-1].bottom
                if rect.bottom <= h:
                    surf.blit(name, rect)
                    names.append(rect)
            v = r.text("body", tiny, fmt(tr.min), pal.text)
            rect = v.get_rect(midright=(plot.x - t.px(8), y))
            if not any(rect.colliderect(o.inflate(0, t.px(4))) for o in taken):
                surf.blit(v, rect)
                taken.append(rect)
        # The band below the lowest line drawn belongs to a tier too: name it when there is room.
        lowest = regime.tier_for(low)
        drawn = [tr.min for tr in tiers if tr.min > regime.scale.min]
        band_top = y_of(min(drawn)) if drawn else plot.y
        name = r.text("body", small, lowest.name, pal.muted)
        rect = name.get_rect(midleft=(plot.right + t.px(8), round((band_top + plot.bottom) / 2)))
        if plot.bottom - band_top > name.get_height() + t.px(6) and lowest.min <= low + 1e-9 \
                and not any(rect.colliderect(o) for o in names):
            surf.blit(name, rect)
        for value in (high, low):
            s = r.text("body", tiny, fmt(value), pal.muted)
            rect = s.get_rect(midright=(plot.x - t.px(8), round(y_of(value))))
            rect.clamp_ip(surf.get_rect())
            if not any(rect.colliderect(o.inflate(0, t.px(4))) for o in taken):
                surf.blit(s, rect)
                taken.append(rect)
        step_every = max(1, math.ceil(n / max(2, plot.w // t.px(44))))
        for i in range(n):
            if i % step_every and i != n - 1:
                continue
            # Translators: the chart's first step, before any choice (then 1, 2, 3...).
            s = r.text("body", tiny, _("start") if i == 0 else str(i), pal.muted)
            rect = s.get_rect(midtop=(round(x_of(i)), plot.bottom + t.px(6)))
            rect.clamp_ip(surf.get_rect())
            surf.blit(s, rect)
        # Legend (when there is more than one line) and episode titles along the top.
        x = plot.x
        if len(lines) > 1 or any(ln.label for ln in lines):
            for ln in lines:
                if not ln.label:
                    continue
                cy = top // 2 - t.px(3)
                if ln.dashed:
                    _dashed(surf, ln.colour, (x, cy), (x + t.px(28), cy), max(2, t.px(3)),
                            t.px(7), t.px(5))
                else:
                    pygame.draw.line(surf, ln.colour, (x, cy), (x + t.px(28), cy),
                                     max(2, t.px(3)))
                s = r.text("bold", small, ln.label, pal.text)
                surf.blit(s, (x + t.px(36), cy - s.get_height() // 2))
                x += t.px(36) + s.get_width() + t.px(24)
        if len(episodes) > 1:
            for span in episodes:
                sx = round(x_of(span.first)) + t.px(6)
                s = r.text("body", tiny, span.title, pal.muted)
                if sx + s.get_width() < plot.right and sx > x:
                    surf.blit(s, (sx, plot.y + t.px(4)))
        return surf


def _dashed(surf: pygame.Surface, colour, a, b, width: int, dash: int, gap: int) -> None:
    (x1, y1), (x2, y2) = a, b
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 1:
        return
    dx, dy = (x2 - x1) / length, (y2 - y1) / length
    pos = 0.0
    while pos < length:
        end = min(length, pos + dash)
        pygame.draw.line(surf, colour, (x1 + dx * pos, y1 + dy * pos),
                         (x1 + dx * end, y1 + dy * end), width)
        pos = end + gap
