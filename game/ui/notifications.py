"""Floating notifications: ratings arriving from people, records, tier changes, messages.

Where they float is the top screen's choice (`Screen.toast_anchor`): on the play screen they
stack down from the top right of the passage column, so the score panel, its tier and its
breakdown stay in sight while the number moves; elsewhere they rise from the bottom right.
Each toast is drawn once into its own surface when it arrives; animating it is only moving and
fading that surface, so a busy feed costs a few blits a frame.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

import pygame

from .theme import person_colour
from .widgets import Renderer, draw_avatar, draw_lock

SLIDE, FADE = 0.28, 0.45  # seconds
LIFE = 4.2
MAX_SHOWN = 3


@dataclass
class Toast:
    surf: pygame.Surface
    life: float = LIFE
    age: float = 0.0

    @property
    def done(self) -> bool:
        return self.age >= self.life

    def alpha(self, motion: bool) -> int:
        if not motion:
            return 255
        left = self.life - self.age
        return 255 if left > FADE else max(0, int(255 * left / FADE))

    def slide(self, motion: bool) -> float:
        """0 = in place, 1 = fully off (to the right, or above for a top-anchored feed)."""
        if not motion or self.age >= SLIDE:
            return 0.0
        t = self.age / SLIDE
        return (1 - t) ** 3


class Feed:
    def __init__(self, rend: Renderer):
        self.rend = rend
        self.toasts: List[Toast] = []
        self.rects: List[pygame.Rect] = []  # where the last draw put each toast (newest first)
        self.last_text = ""  # the newest message as read aloud or tested ("Title: text")

    @property
    def width(self) -> int:
        return self.rend.theme.px(340)

    def shown_width(self) -> int:
        """The widest toast on screen (at least the usual width)."""
        return max([self.width] + [t.surf.get_width() - 24 for t in self.toasts])

    def clear(self) -> None:
        self.toasts.clear()

    # ---- making toasts ---------------------------------------------------------------

    def rating(self, name: str, key: str, stars: float, rater_text: str, weight: float,
               count: int = 1) -> None:
        t, pal, r = self.rend.theme, self.rend.theme.pal, self.rend
        pad, av, star = t.px(11), t.px(19), t.px(17)
        title = f"{count} × {name}" if count > 1 else name
        head = r.label("bold", "small", title, pal.text)
        score = r.label("body", "tiny", rater_text, pal.muted)
        note = r.label("body", "tiny", f"counted ×{weight:.2f}", pal.muted)
        x0 = pad + 2 * av + t.px(12)
        stars_w = 5 * star + 4 * (star // 6)
        w = max(self.width, x0 + max(head.get_width() + t.px(24) + score.get_width(),
                                     stars_w + t.px(10) + note.get_width()) + pad)
        h = pad * 2 + head.get_height() + t.px(2) + star
        surf = self._card(w, h)
        draw_avatar(r, surf, (12 + pad + av, 12 + h // 2), av, name,
                    person_colour(key or name, t.contrast))
        x, y = 12 + x0, 12 + pad
        surf.blit(head, (x, y))
        sx = x + head.get_width() + t.px(8)
        r_star = r.star(t.px(13), pal.muted)
        surf.blit(r_star, (sx, y + (head.get_height() - r_star.get_height()) // 2))
        surf.blit(score, (sx + t.px(16), y + (head.get_height() - score.get_height()) // 2))
        y += head.get_height() + t.px(2)
        sw = r.stars(surf, x, y, stars, star)
        surf.blit(note, (x + sw + t.px(10), y + (star - note.get_height()) // 2))
        self._add(surf)

    def message(self, text: str, kind: str = "info", title: str = "") -> None:
        t, pal, r = self.rend.theme, self.rend.theme.pal, self.rend
        w, pad = self.width, t.px(11)
        icon = t.px(24)
        inner = w - 2 * pad - icon - t.px(12)
        head = None
        self.last_text = f"{title}: {text}" if title else text
        body = r.block(f"**{title}:** {text}" if title else text, inner, "small", "body", 1.3)
        h = pad * 2 + body.height
        h = max(h, pad * 2 + icon)
        surf = self._card(w, h)
        colour = {"up": pal.up, "down": pal.down, "locked": pal.locked_text}.get(kind, pal.accent)
        c = (12 + pad + icon // 2, 12 + h // 2)
        if kind == "locked":
            pygame.draw.circle(surf, colour, c, icon // 2, t.px(2))
            draw_lock(surf, c, t.px(14), colour)
        else:
            pygame.draw.circle(surf, colour, c, icon // 2)
            self._glyph(surf, c, kind, icon)
        x, y = 12 + pad + icon + t.px(12), 12 + pad
        if head:
            head.draw(r, surf, x, y, pal.text)
            y += head.height + t.px(2)
        body.draw(r, surf, x, y, pal.text)
        self._add(surf)

    def _glyph(self, surf: pygame.Surface, c, kind: str, size: int) -> None:
        """An arrow for up or down, a dot otherwise; drawn, as the fonts have no arrows."""
        pal = self.rend.theme.pal
        fg = pal.accent_text if kind not in ("up", "down") else pal.on_signal
        s = size // 4
        if kind in ("up", "down"):
            d = -1 if kind == "up" else 1
            pts = [(c[0] - s, c[1] - d * s // 2), (c[0] + s, c[1] - d * s // 2),
                   (c[0], c[1] + d * s)]
            pygame.draw.polygon(surf, fg, pts)
        else:
            pygame.draw.circle(surf, fg, c, max(2, s // 2))

    def _card(self, w: int, h: int) -> pygame.Surface:
        pal = self.rend.theme.pal
        surf = pygame.Surface((w + 24, h + 24), pygame.SRCALPHA)
        card = self.rend.card(w, h, pal.card, self.rend.theme.px(18), pal.card_edge)
        off = (w + 24 - card.get_width()) // 2  # the card has no shadow margin in high contrast
        surf.blit(card, (off, off))
        return surf

    def _add(self, surf: pygame.Surface) -> None:
        self.toasts.append(Toast(surf))
        del self.toasts[:-MAX_SHOWN]

    # ---- running ---------------------------------------------------------------------

    def update(self, dt: float) -> bool:
        """Age the toasts; True when something visible changed."""
        if not self.toasts:
            return False
        for toast in self.toasts:
            toast.age += dt
        before = len(self.toasts)
        self.toasts = [t for t in self.toasts if not t.done]
        return True if self.animating else before != len(self.toasts)

    @property
    def animating(self) -> bool:
        motion = not self.rend.theme.settings.reduced_motion
        return motion and bool(self.toasts)

    def next_change(self) -> Optional[float]:
        """Seconds until the next toast expires (for the idle wait), or None."""
        if not self.toasts:
            return None
        return max(0.0, min(t.life - t.age for t in self.toasts))

    def stack_height(self) -> int:
        """The height of the whole stack as drawn, gaps included."""
        gap = self.rend.theme.px(8)
        return sum(t.surf.get_height() - 24 + gap for t in self.toasts) - (gap if self.toasts
                                                                              else 0)

    def draw(self, surf: pygame.Surface, right: int, edge: int, down: bool = False,
             sideways: bool = True) -> None:
        """Stack the toasts against `right`: up from `edge` (a bottom, newest lowest) or, with
        `down`, down from `edge` (a top, newest highest). They slide in (from the right, or
        with `sideways` off from the anchor's side) and fade out; under reduced motion they
        simply appear and disappear."""
        motion = not self.rend.theme.settings.reduced_motion
        gap = self.rend.theme.px(8)
        y = edge
        self.rects = []
        for toast in reversed(self.toasts):  # newest first: nearest the anchor
            h = toast.surf.get_height() - 24
            w = toast.surf.get_width() - 24
            x = right - w
            slide = toast.slide(motion)
            toast.surf.set_alpha(toast.alpha(motion))
            if down:
                top = y
                y += h + gap
            else:
                y -= h
                top = y
                y -= gap
            if sideways:
                x += int(slide * self.width * 1.2)
            else:
                top += int(slide * (h + gap)) * (-1 if down else 1)
            surf.blit(toast.surf, (x - 12, top - 12))
            self.rects.append(pygame.Rect(x, top, w, h))
