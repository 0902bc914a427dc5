"""Floating notifications: ratings arriving from people, records, tier changes, messages.

Where they float is the top screen's choice (`Screen.toast_anchor`): on the play screen they
never cover the passage, the choices or the score panel: they stack in the free space under
the choices when there is room, else they become compact one-line pills in the header band,
one or two at a time with the rest queued (queued ones do not age); elsewhere they rise from
the bottom right.
Each toast is drawn once into its own surface when it arrives; animating it is only moving and
fading that surface, so a busy feed costs a few blits a frame.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

import pygame

from ..i18n import _, localize_number
from .theme import person_colour
from .widgets import Renderer, draw_avatar, draw_lock

SLIDE, FADE = 0.28, 0.45  # seconds
LIFE = 4.2
MAX_SHOWN = 3
MAX_QUEUED = 8  # beyond this the oldest waiting notification is dropped


@dataclass
class Toast:
    surf: pygame.Surface
    life: float = LIFE
    age: float = 0.0
    # The compact one-line form (the header band): ("rating", name, key, stars, text, tail)
    # or ("message", kind, head, text, tail).
    line: tuple = ()
    answer: bool = False  # feedback on what the player just did (App.toast), not news
    _compact: Optional[tuple] = None  # (width, surface) of the last compact render

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
        # How many notifications are on screen at once; the rest wait their turn and do not
        # age. Set by the last draw (the space there was), so the queue follows the layout.
        self.capacity = MAX_SHOWN
        self.band = False  # the last draw was the compact header band
        self.urgent = False  # while set, new messages go to the front of the queue
        # Set by each draw from the top screen: news (ratings, records) shows only where a
        # screen keeps a place for it (the play screen); elsewhere it waits without ageing,
        # and over a modal card nothing shows unless the card leaves a strip free.
        self.news_held = False
        self.held = False

    @property
    def width(self) -> int:
        return self.rend.theme.px(340)

    def shown_width(self) -> int:
        """The widest toast on screen (at least the usual width)."""
        return max([self.width] + [t.surf.get_width() - 24 for t in self.toasts])

    def clear(self) -> None:
        self.toasts.clear()
        self.rects = []

    @property
    def shown(self) -> List[Toast]:
        """The notifications on screen now (oldest first); the others are queued."""
        return [] if self.held else self.pool[:max(1, self.capacity)]

    @property
    def pool(self) -> List[Toast]:
        """The notifications that may show on this screen, in turn."""
        return [t for t in self.toasts if t.answer] if self.news_held else self.toasts

    def hold(self, held: bool, news_held: bool) -> None:
        self.held, self.news_held = held, news_held
        if held:
            self.rects = []

    def next_scene(self) -> None:
        """A new choice was made: news still waiting from the last one and answers to what
        the player did before it are dropped (the history and the debrief keep the news),
        and news on screen ends soon, so the feed never runs a scene behind."""
        shown = self.shown
        self.toasts = [t for t in self.toasts if t in shown and not t.answer]
        for t in self.toasts:
            t.age = max(t.age, t.life - FADE)

    # ---- making toasts ---------------------------------------------------------------

    def rating(self, name: str, key: str, stars: float, rater_text: str, weight: float,
               count: int = 1) -> None:
        t, pal, r = self.rend.theme, self.rend.theme.pal, self.rend
        pad, av, star = t.px(11), t.px(19), t.px(17)
        # Translators: {count} ratings from the same kind of person ("3 × Neighbour").
        title = _("{count} × {name}").format(count=count, name=name) if count > 1 else name
        head = r.label("bold", "small", title, pal.text)
        score = r.label("body", "tiny", rater_text, pal.muted)
        # Translators: how much a rating weighs in the score ("counted ×0.85").
        counted = _("counted \u00d7{weight}").format(weight=localize_number(f"{weight:.2f}"))
        note = r.label("body", "tiny", counted, pal.muted)
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
        # Translators: a rating in one line: who rated, and their own score in brackets.
        line = _("{name} ({score})").format(name=title, score=rater_text)
        self._add(surf, ("rating", name, key, stars, line, counted))

    def inner_width(self) -> int:
        """The width a message's text wraps to."""
        t = self.rend.theme
        return self.width - 2 * t.px(11) - t.px(24) - t.px(12)

    def fit_path(self, path: str) -> str:
        """A file path elided in the middle so it fits on one line of a message
        ("/home/…/reports/tutorial-20261125-1912.html"), keeping its file name."""
        px = self.rend.theme.text_px("small")
        return elide_middle(path, self.inner_width() - 2,
                            lambda s: self.rend.measure("body", px, s))

    def message(self, text: str, kind: str = "info", title: str = "",
                tail: str = "") -> None:
        """A message card. `tail` is kept whole in the compact one-line form (where the text
        is elided), e.g. a record's impact."""
        t, pal, r = self.rend.theme, self.rend.theme.pal, self.rend
        w, pad = self.width, t.px(11)
        icon = t.px(24)
        inner = w - 2 * pad - icon - t.px(12)
        head = None
        # Translators: a notification's title, before its text ("Phones off: ...").
        lead = _("{title}:").format(title=title) if title else ""
        self.last_text = f"{lead} {text}" if title else text
        body = r.block(f"**{lead}** {text}" if title else text, inner, "small", "body", 1.3)
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
        self._add(surf, ("message", kind, lead, text, tail))

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

    def _add(self, surf: pygame.Surface, line: tuple = ()) -> None:
        toast = Toast(surf, line=line, answer=self.urgent)
        if self.urgent:  # an answer to what the player just did: shown now, not queued
            self.toasts.insert(0, toast)
        else:
            self.toasts.append(toast)
        del self.toasts[:-MAX_QUEUED]

    def fits(self, height: int) -> int:
        """How many notifications, oldest first, stack (as cards) within `height`."""
        gap, used, n = self.rend.theme.px(8), 0, 0
        for toast in self.pool[:MAX_SHOWN]:
            used += toast.surf.get_height() - 24 + (gap if n else 0)
            if used > height:
                break
            n += 1
        return n

    # ---- the compact form ------------------------------------------------------------

    def line_height(self) -> int:
        t = self.rend.theme
        return self.rend.label("body", "tiny", "Xg", (0, 0, 0)).get_height() + t.px(8)

    def compact(self, toast: Toast, width: int) -> pygame.Surface:
        """The toast as a one-line pill at most `width` wide: stars or an icon, then its text
        elided at the end (the tail, such as an impact, always shown whole)."""
        if toast._compact is not None and toast._compact[0] == width:
            return toast._compact[1]
        t, pal, r = self.rend.theme, self.rend.theme.pal, self.rend
        h = self.line_height()
        pad, gap = t.px(10), t.px(6)
        line = toast.line or ("message", "info", "", "", "")
        star = max(6, h - t.px(14))
        if line[0] == "rating":
            _, name, key, value, text, tail = line
            lead_w = 5 * star + 4 * (star // 6)
            head, text = text, ""
        else:
            _, kind, head, text, tail = line
            lead_w = h - t.px(12)
        # The space before the dot is a gap, not text: a line's leading spaces are not drawn.
        tail_s = r.label("body", "tiny", f"\u00b7  {tail}" if tail else "", pal.muted)
        tail_gap = t.px(8) if tail else 0
        room = width - 2 * pad - lead_w - gap - tail_gap - tail_s.get_width()
        if line[0] == "rating" and r.label("bold", "tiny", head, pal.text).get_width() > room:
            head = name  # the rater's own score goes before their name is cut
        head_s, text_s = self._fit(head, text, max(t.px(20), room))
        w = min(width, 2 * pad + lead_w + gap + head_s.get_width() + text_s.get_width()
                + tail_gap + tail_s.get_width())
        surf = pygame.Surface((w, h), pygame.SRCALPHA)
        pygame.draw.rect(surf, pal.card, surf.get_rect(), border_radius=h // 2)
        pygame.draw.rect(surf, pal.card_edge if not t.contrast else pal.text, surf.get_rect(),
                         1 if not t.contrast else 2, border_radius=h // 2)
        x, cy = pad, h // 2
        if line[0] == "rating":
            r.stars(surf, x, cy - star // 2, value, star)
        else:
            colour = {"up": pal.up, "down": pal.down,
                      "locked": pal.locked_text}.get(kind, pal.accent)
            c = (x + lead_w // 2, cy)
            if kind == "locked":
                pygame.draw.circle(surf, colour, c, lead_w // 2, t.px(2))
                draw_lock(surf, c, max(6, lead_w * 3 // 5), colour)
            else:
                pygame.draw.circle(surf, colour, c, lead_w // 2)
                self._glyph(surf, c, kind, lead_w)
        x += lead_w + gap
        for s in (head_s, text_s, tail_s):
            x += tail_gap if s is tail_s else 0
            surf.blit(s, (x, cy - s.get_height() // 2))
            x += s.get_width()
        toast._compact = (width, surf)
        return surf

    def _fit(self, head: str, text: str, room: int):
        """Bold `head` then plain `text`, elided with "…" to fit `room` pixels."""
        pal, r = self.rend.theme.pal, self.rend
        bold = lambda s: r.label("bold", "tiny", s, pal.text)  # noqa: E731
        plain = lambda s: r.label("body", "tiny", s, pal.text)  # noqa: E731
        sep = " " if head and text else ""
        hs = bold(head)
        if hs.get_width() > room:
            return bold(elide(head, room, lambda s: bold(s).get_width())), plain("")
        ts = plain(sep + text)
        if hs.get_width() + ts.get_width() <= room:
            return hs, ts
        left = room - hs.get_width()
        cut = elide(sep + text, left, lambda s: plain(s).get_width())
        return hs, plain(cut if cut.strip(" \u2026") else "\u2026")

    def draw_band(self, surf: pygame.Surface, band: pygame.Rect) -> None:
        """The compact form: one-line pills right-aligned in `band` (the header), one or two
        at a time as the band's height allows, the rest queued. They slide in a little from
        the right and fade out; under reduced motion they simply appear and disappear."""
        motion = not self.rend.theme.settings.reduced_motion
        h, gap = self.line_height(), self.rend.theme.px(4)
        n = max(1, min(2, (band.h + gap) // (h + gap)))
        self.capacity, self.band = n, True
        shown = self.shown
        y = band.y + max(0, (band.h - (len(shown) * (h + gap) - gap)) // 2)
        self.rects = []
        for toast in shown:
            pill = self.compact(toast, band.w)
            pill.set_alpha(toast.alpha(motion))
            rect = pygame.Rect(band.right - pill.get_width(), y, pill.get_width(), h)
            rect.x += int(toast.slide(motion) * pill.get_width() * 0.5)  # in from the right
            surf.blit(pill, rect)
            self.rend.note(surf, "notice", rect, _said(toast))
            self.rects.append(rect)
            y += h + gap

    # ---- running ---------------------------------------------------------------------

    def update(self, dt: float) -> bool:
        """Age the toasts; True when something visible changed."""
        if not self.toasts:
            return False
        for toast in self.shown:  # queued ones wait without ageing
            toast.age += dt
        before = len(self.toasts)
        self.toasts = [t for t in self.toasts if not t.done]
        return True if self.animating else before != len(self.toasts)

    @property
    def animating(self) -> bool:
        motion = not self.rend.theme.settings.reduced_motion
        return motion and bool(self.shown)

    def next_change(self) -> Optional[float]:
        """Seconds until the next toast expires (for the idle wait), or None."""
        if not self.shown:
            return None
        return max(0.0, min(t.life - t.age for t in self.shown))

    def stack_height(self) -> int:
        """The height of the stack as drawn (what is on screen at once), gaps included."""
        gap = self.rend.theme.px(8)
        shown = self.shown[:MAX_SHOWN]
        return sum(t.surf.get_height() - 24 + gap for t in shown) - (gap if shown else 0)

    def draw(self, surf: pygame.Surface, right: int, edge: int, down: bool = False,
             sideways: bool = True, capacity: Optional[int] = MAX_SHOWN) -> None:
        """Stack the toasts against `right`: up from `edge` (a bottom, newest lowest) or, with
        `down`, down from `edge` (a top, newest highest). They slide in (from the right, or
        with `sideways` off from the anchor's side) and fade out; under reduced motion they
        simply appear and disappear."""
        motion = not self.rend.theme.settings.reduced_motion
        gap = self.rend.theme.px(8)
        y = edge
        self.rects = []
        self.band = False
        if capacity is not None:
            self.capacity = max(1, capacity)
        for toast in reversed(self.shown):  # newest first: nearest the anchor
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
            self.rend.note(surf, "notice", self.rects[-1], _said(toast))


def _said(toast: Toast) -> str:
    return " ".join(str(p) for p in toast.line[1:] if isinstance(p, str))


def elide(text: str, room: int, width) -> str:
    """`text` cut at the end with "…" so that `width(result)` fits `room` pixels."""
    if width(text) <= room:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if width(text[:mid].rstrip() + "\u2026") <= room:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "\u2026"


def elide_middle(text: str, room: int, width) -> str:
    """`text` with its middle replaced by "…" so it fits `room` pixels. A path keeps its file
    name whole and as many trailing folders as fit ("/home/…/reports/tutorial-1912.html")."""
    if width(text) <= room:
        return text
    sep = "/" if "/" in text else ("\\" if "\\" in text else "")
    if sep:
        parts = text.split(sep)
        for k in range(len(parts) - 1, 0, -1):
            tail = "\u2026" + sep + sep.join(parts[-k:])
            if width(tail) <= room:
                head = ""
                for ch in text:  # as much of the start as still fits
                    if width(head + ch + tail) > room:
                        break
                    head += ch
                return head + tail
    keep = len(text)
    while keep > 2:
        keep -= 1
        head = keep // 3
        out = text[:head] + "\u2026" + text[len(text) - (keep - head):]
        if width(out) <= room:
            return out
    return "\u2026"
