"""Drawing helpers shared by every screen: cached text, wrapped rich text, cards, stars, buttons.

Caching is the point of this module. Text is rendered once per (font, text, colour); wrapped
layouts once per (text, width, font); cards, shadows and stars once per size and colour. A frame
that only blits cached surfaces costs well under a millisecond at 1280x720.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

import pygame

from . import textlayout
from .textlayout import Line, Run, TextBlock
from .theme import Colour, Theme, mix

Surface = pygame.Surface
_CACHE_LIMIT = 600


class Renderer:
    """Owns every cache; one per app, cleared when the theme or window changes."""

    def __init__(self, theme: Theme):
        self.theme = theme
        self.fonts = textlayout.fonts_of(theme)
        self._text: Dict[tuple, Surface] = {}
        self._blocks: Dict[tuple, "TextBlock"] = {}
        self._shapes: Dict[tuple, Surface] = {}
        self.log = None  # a game.ui.layoutlog.LayoutLog while a test records boxes

    def note(self, surf: Surface, kind: str, rect: pygame.Rect, label: str = "",
             focused: bool = False) -> None:
        """Report a laid-out box to the layout log, when one is recording (tests)."""
        if self.log is not None:
            self.log.add(surf, kind, rect, label, focused)

    def clear(self) -> None:
        self._text.clear()
        self._blocks.clear()
        self._shapes.clear()

    # ---- text ------------------------------------------------------------------------

    def text(self, role: str, px: int, text: str, colour: Colour) -> Surface:
        key = (role, px, text, colour)
        s = self._text.get(key)
        if s is None:
            if len(self._text) > _CACHE_LIMIT:
                self._text.clear()  # cheaper than LRU bookkeeping; refills within a frame
            if text.isascii():  # the bundled Latin fonts draw all of ASCII
                s = self.theme.font_px(role, px).render(text, True, colour)
            else:
                s = self._line_surface(textlayout.single_line(self.fonts, role, px, text), px,
                                       role, colour)
            self._text[key] = s
        if self.log is not None:
            self.log.text_made(s, text)
        return s

    def _line_surface(self, line: Line, px: int, role: str, colour: Colour) -> Surface:
        """One laid-out line (runs in several fonts and directions) drawn onto one surface."""
        if len(line.runs) == 1 and not line.runs[0].font:
            return self.theme.font_px(role, px).render(line.runs[0].text, True, colour)
        parts = [self.run_surface(r, px, colour) for r in line.runs]
        # the role font's box and baseline, so screens align this label as any other; a
        # fallback's taller line box is mostly empty space and is cut
        h = self.theme.font_px(role, px).get_height()
        out = pygame.Surface((max(1, max(r.x + r.width for r in line.runs)), h), pygame.SRCALPHA)
        for run, part in zip(line.runs, parts):
            out.blit(part, (run.x, run.dy))
        return out

    def run_surface(self, run: Run, px: int, colour: Colour) -> Surface:
        """One run of a laid-out line, in its own font, shaped in its own direction."""
        if not run.font:  # the role's own font: the same cache (and the same path) as labels
            return self.text(run.role, px, run.text, colour)
        key = (run.font, run.script, run.role, px, run.text, colour)
        s = self._text.get(key)
        if s is None:
            s = self.fonts.font(run.role, px, run.font, run.script).render(run.text, True, colour)
            self._text[key] = s
        if self.log is not None:
            self.log.text_made(s, run.text)
        return s

    def measure(self, role: str, px: int, text: str) -> int:
        """The width `text` takes on one line (with the same fonts as `text()`)."""
        if text.isascii():
            return self.theme.font_px(role, px).size(text)[0]
        runs = textlayout.single_line(self.fonts, role, px, text).runs
        return max((r.x + r.width for r in runs), default=0)

    def label(self, role: str, kind: str, text: str, colour: Colour) -> Surface:
        return self.text(role, self.theme.text_px(kind), text, colour)

    def block(self, text: str, width: int, kind: str = "body", role: str = "body",
              leading: float = 1.45) -> "TextBlock":
        px = self.theme.text_px(kind)
        key = (text, width, px, role, leading)
        b = self._blocks.get(key)
        if b is None:
            if len(self._blocks) > 200:
                self._blocks.clear()
            b = textlayout.layout(self.fonts, spans, text, width, px, role, leading)
            self._blocks[key] = b
        return b

    def glyphs(self, role: str, px: int, text: str, colour: Colour, surf: Surface,
               pos: Tuple[int, int]) -> int:
        """Draw `text` glyph by glyph from cached glyphs (for numbers that change every frame,
        which would otherwise render a new surface each frame). Returns the width drawn."""
        font = self.theme.font_px(role, px)
        x, y = pos
        for ch in text:
            g = self.text(role, px, ch, colour)
            if self.log is not None:
                self.log.text_made(g, "")  # the whole number is one box, below
            surf.blit(g, (x, y))
            m = font.metrics(ch)[0]
            x += m[4] if m else g.get_width()
        self.note(surf, "text", pygame.Rect(pos[0], y, x - pos[0], font.get_height()), text)
        return x - pos[0]

    def glyphs_width(self, role: str, px: int, text: str) -> int:
        font = self.theme.font_px(role, px)
        return sum((m[4] if m else 0) for m in font.metrics(text))

    # ---- shapes ----------------------------------------------------------------------

    def card(self, w: int, h: int, fill: Colour, radius: int, edge: Optional[Colour] = None,
             shadow: bool = True, edge_w: int = 1) -> Surface:
        """A rounded card with a soft drop shadow, cached by size and colour."""
        shadow = shadow and self.theme.pal.shadow_alpha > 0
        key = ("card", w, h, fill, radius, edge, shadow, edge_w)
        s = self._shapes.get(key)
        if s is None:
            pad = 12 if shadow else 0
            s = Surface((w + 2 * pad, h + 2 * pad), pygame.SRCALPHA)
            if shadow:
                a = self.theme.pal.shadow_alpha
                for i in range(6, 0, -1):  # stacked translucent rects read as a blur
                    r = pygame.Rect(pad - i, pad - i + 4, w + 2 * i, h + 2 * i)
                    pygame.draw.rect(s, (60, 30, 60, a // (i + 1)), r, border_radius=radius + i)
            body = pygame.Rect(pad, pad, w, h)
            pygame.draw.rect(s, fill, body, border_radius=radius)
            if edge:
                pygame.draw.rect(s, edge, body, edge_w, border_radius=radius)
            self._shapes[key] = s
        return s

    def blit_card(self, surf: Surface, rect: pygame.Rect, fill: Colour, radius: int,
                  edge: Optional[Colour] = None, shadow: bool = True, edge_w: int = 1) -> None:
        if not (shadow and self.theme.pal.shadow_alpha > 0) and len(fill) == 3 and \
                (edge is None or len(edge) == 3):
            # Opaque and unshadowed (high contrast, projector): drawn straight onto the
            # target, the same pixels as the cached card without a per-pixel alpha blit,
            # which costs ~1 ms for a large card at 1920x1080.
            pygame.draw.rect(surf, fill, rect, border_radius=radius)
            if edge:
                pygame.draw.rect(surf, edge, rect, edge_w, border_radius=radius)
            return
        c = self.card(rect.w, rect.h, fill, radius, edge, shadow, edge_w)
        self.note(surf, "container", rect)
        pad = (c.get_width() - rect.w) // 2
        surf.blit(c, (rect.x - pad, rect.y - pad))

    def star(self, size: int, colour: Colour) -> Surface:
        key = ("star", size, colour)
        s = self._shapes.get(key)
        if s is None:
            big = Surface((size * 4, size * 4), pygame.SRCALPHA)
            c = size * 2
            pts = []
            for i in range(10):
                r = c * (0.98 if i % 2 == 0 else 0.42)
                a = -math.pi / 2 + i * math.pi / 5
                pts.append((c + r * math.cos(a), c + r * math.sin(a) + size * 0.1))
            pygame.draw.polygon(big, colour, pts)
            s = pygame.transform.smoothscale(big, (size, size))  # supersampled: smooth edges
            self._shapes[key] = s
        return s

    def stars(self, surf: Surface, x: int, y: int, value: float, size: int,
              gap: Optional[int] = None) -> int:
        """Five stars filled to `value` (0 to 5). Returns the width drawn."""
        pal = self.theme.pal
        gap = size // 6 if gap is None else gap
        full, empty = self.star(size, pal.star), self.star(size, pal.star_empty)
        for i in range(5):
            sx = x + i * (size + gap)
            fill = max(0.0, min(1.0, value - i))
            if fill < 1:
                surf.blit(empty, (sx, y))
            if fill > 0:
                surf.blit(full, (sx, y), pygame.Rect(0, 0, round(size * fill), size))
        return 5 * size + 4 * gap

    def background(self, w: int, h: int) -> Surface:
        """The soft pastel backdrop: a vertical gradient with two blurred colour blobs."""
        pal = self.theme.pal
        key = ("bg", w, h, pal)
        s = self._shapes.get(key)
        if s is None:
            small = Surface((160, 90))
            for yy in range(90):
                pygame.draw.line(small, mix(pal.bg_top, pal.bg_bottom, yy / 89), (0, yy), (159, yy))
            if pal.blob_a != pal.bg_top:
                for colour, centre, radius in ((pal.blob_a, (30, 18), 46), (pal.blob_b, (138, 78), 52)):
                    blob = Surface((160, 90), pygame.SRCALPHA)
                    for i in range(radius, 0, -2):  # concentric rings: a soft radial glow
                        alpha = int(170 * (1 - i / radius) ** 1.6)
                        pygame.draw.circle(blob, colour + (alpha,), centre, i)
                    small.blit(blob, (0, 0))
            s = pygame.transform.smoothscale(small, (w, h)).convert()
            self._shapes[key] = s
        return s


# ---- rich text layout (game/ui/textlayout.py) -----------------------------------------------

def spans(text: str, role: str) -> List[Tuple[str, str]]:
    """Split a paragraph into (text, role) spans: `**bold**` and `*italic*` (the engine's
    emphasis rules, shared with the terminal front end)."""
    if "*" not in text:  # no emphasis possible: the first frame need not import the engine
        return [(text, role)] if text else []
    from ..engine.text import emphasis
    return [(part, style or role) for part, style in emphasis(text) if part]


def layout(theme: Theme, text: str, width: int, px: int, role: str = "body",
           leading: float = 1.45) -> TextBlock:
    """Wrap `text` in `width` pixels at `px` (uncached: the Renderer's `block` caches)."""
    return textlayout.layout(textlayout.fonts_of(theme), spans, text, width, px, role, leading)


# ---- scrolling ----------------------------------------------------------------------------

class Scroll:
    """A vertical scroll offset for content taller than its view."""

    def __init__(self) -> None:
        self.view = pygame.Rect(0, 0, 1, 1)
        self.content_h = 0
        self.offset = 0

    @property
    def max_offset(self) -> int:
        return max(0, self.content_h - self.view.h)

    def clamp(self) -> None:
        self.offset = max(0, min(self.max_offset, self.offset))

    def by(self, dy: int) -> bool:
        before = self.offset
        self.offset += dy
        self.clamp()
        return self.offset != before

    def reveal(self, top: int, bottom: int, margin: int = 16) -> None:
        """Scroll so content rows top..bottom are visible."""
        if top - margin < self.offset:
            self.offset = top - margin
        elif bottom + margin > self.offset + self.view.h:
            self.offset = bottom + margin - self.view.h
        self.clamp()

    def draw_bar(self, surf: Surface, theme: Theme) -> None:
        if self.max_offset <= 0:
            return
        v = self.view
        track_h = v.h - theme.px(8)
        h = max(theme.px(30), round(track_h * v.h / self.content_h))
        y = v.y + theme.px(4) + round((track_h - h) * self.offset / self.max_offset)
        r = pygame.Rect(v.right - theme.px(7), y, theme.px(5), h)
        pygame.draw.rect(surf, mix(theme.pal.muted, theme.pal.card, 0.4), r,
                         border_radius=theme.px(3))


# ---- buttons ------------------------------------------------------------------------------

@dataclass
class Button:
    label: str
    action: Optional[Callable[[], None]] = None
    sub: str = ""  # a second line: a locked choice's reason, a slot's details
    enabled: bool = True
    number: Optional[int] = None  # shown as a badge; the digit key picks it
    kind: str = "normal"  # normal | primary | choice | quiet
    speak: str = ""  # what self-voicing says, when the label alone is not enough
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    value: str = ""  # a setting's current value, drawn at the right
    compact: bool = False  # less padding (menus that must fit a small window)
    badge: str = ""  # shown in the badge instead of the number (projector letters A, B, C)
    size: str = "choice"  # the label's text size (theme.SIZES)

    def measure(self, rend: Renderer, width: int) -> int:
        """Lay the label out for `width`; returns the height the button needs."""
        t = rend.theme
        self._pad = t.px(18)
        self._badge = max(t.px(34), round(t.text_px("small") * 1.55)) \
            if self.number is not None or self.badge else 0
        inner = width - 2 * self._pad - (self._badge + t.px(14) if self._badge else 0)
        if self.value:
            inner -= rend.measure("bold", t.text_px("choice"), self.value) + t.px(20)
        role = "bold" if self.kind in ("primary", "normal") else "body"
        self._block = rend.block(self.label, max(40, inner), self.size, role, 1.3)
        self._sub = rend.block(self.sub, max(40, inner), "small", "italic", 1.3) \
            if self.sub else None
        h = self._block.height + (self._sub.height + t.px(4) if self._sub else 0)
        if self.compact:
            return max(t.px(42), h + 2 * t.px(8))
        return max(t.px(52), h + 2 * t.px(13))

    def draw(self, rend: Renderer, surf: Surface, rect: pygame.Rect, focused: bool,
             pressed: bool = False) -> None:
        if rend.log is None:
            self._draw(rend, surf, rect, focused, pressed)
            return
        rend.note(surf, "control", rect, self.label, focused)
        with rend.log.quiet():
            self._draw(rend, surf, rect, focused, pressed)

    def _draw(self, rend: Renderer, surf: Surface, rect: pygame.Rect, focused: bool,
              pressed: bool) -> None:
        t, pal = rend.theme, rend.theme.pal
        radius = t.px(16)
        fill, fg = pal.button, pal.text
        if not self.enabled:
            fill, fg = pal.locked, pal.locked_text
        elif self.kind == "primary" and focused:
            fill, fg = pal.accent, pal.accent_text
        elif self.kind == "primary":
            fg = pal.accent  # filled only while focused, so only one control ever looks chosen
        elif focused:
            fill = pal.button_hover
        edge = pal.card_edge if not t.contrast else (pal.accent if focused else pal.muted)
        edge_w = 1
        if self.kind == "primary" and self.enabled and not focused:
            edge, edge_w = pal.accent, max(2, t.px(2))
        rend.blit_card(surf, rect, fill, radius, edge, shadow=self.enabled and not pressed,
                       edge_w=edge_w)
        if focused:
            ring = rect.inflate(t.px(8), t.px(8))
            pygame.draw.rect(surf, pal.accent if self.kind != "primary" else pal.text, ring,
                             pal.focus_width, border_radius=radius + t.px(4))
        x = rect.x + self._pad
        y = rect.y + (rect.h - self._block.height - (self._sub.height + t.px(4)
                                                     if self._sub else 0)) // 2
        if self._badge:
            self._draw_badge(rend, surf, rect, x, fg, self.kind == "primary" and focused)
            x += self._badge + t.px(14)
        self._block.draw(rend, surf, x, y, fg)
        if self._sub:
            self._sub.draw(rend, surf, x, y + self._block.height + t.px(4),
                           pal.locked_text if not self.enabled else
                           fg if self.kind == "primary" else pal.muted)
        if self.value:
            v = rend.label("bold", "choice", self.value,
                           pal.accent if self.enabled and not t.contrast else fg)
            surf.blit(v, (rect.right - self._pad - v.get_width(), rect.centery - v.get_height() // 2))

    def _draw_badge(self, rend: Renderer, surf: Surface, rect: pygame.Rect, x: int,
                    fg: Colour, on_accent: bool = False) -> None:
        t, pal = rend.theme, rend.theme.pal
        c = (x + self._badge // 2, rect.centery)
        if self.enabled:  # on a filled (accent) button the badge inverts, so it still shows
            ring, ink = (pal.accent_text, pal.accent) if on_accent else (pal.accent,
                                                                          pal.accent_text)
            pygame.draw.circle(surf, ring, c, self._badge // 2)
            n = rend.label("bold", "small", self.badge or str(self.number), ink)
            surf.blit(n, n.get_rect(center=c))
        else:
            pygame.draw.circle(surf, pal.locked_text, c, self._badge // 2, t.px(2))
            if self.badge:  # a lettered choice keeps its letter: the class may still vote for it
                n = rend.label("bold", "small", self.badge, pal.locked_text)
                surf.blit(n, n.get_rect(center=c))
            else:
                draw_lock(surf, c, t.px(16), pal.locked_text)


def draw_lock(surf: Surface, centre: Tuple[int, int], size: int, colour: Colour) -> None:
    """A small padlock drawn with primitives (the bundled fonts have no lock glyph)."""
    cx, cy = centre
    body = pygame.Rect(0, 0, size * 3 // 4, size * 9 // 16)
    body.center = (cx, cy + size // 6)
    pygame.draw.rect(surf, colour, body, border_radius=max(1, size // 8))
    shackle = pygame.Rect(0, 0, size // 2, size // 2)
    shackle.midbottom = (cx, body.top + size // 8)
    pygame.draw.arc(surf, colour, shackle, 0, math.pi, max(2, size // 8))
    pygame.draw.line(surf, colour, (shackle.left + 1, shackle.centery), (shackle.left + 1, body.top),
                     max(2, size // 8))
    pygame.draw.line(surf, colour, (shackle.right - 2, shackle.centery),
                     (shackle.right - 2, body.top), max(2, size // 8))


def initials(name: str) -> str:
    skip = {"a", "an", "the", "some"}
    parts = [p for p in name.replace("-", " ").split() if p[:1].isalpha() and p not in skip]
    return "".join(p[0].upper() for p in parts[:2]) or "?"


def draw_avatar(rend: Renderer, surf: Surface, centre: Tuple[int, int], radius: int,
                name: str, colour: Colour) -> None:
    pal = rend.theme.pal
    pygame.draw.circle(surf, colour, centre, radius)
    if rend.theme.contrast:
        pygame.draw.circle(surf, pal.text, centre, radius, 2)
    txt = rend.text("heading", max(10, int(radius * 0.8)), initials(name),
                    (0, 0, 0) if rend.theme.contrast else (70, 50, 80))
    surf.blit(txt, txt.get_rect(center=centre))


def chip(rend: Renderer, surf: Surface, x: int, y: int, text: str, fill: Colour,
         fg: Colour, kind: str = "small", role: str = "bold") -> pygame.Rect:
    """A pill-shaped label (tier badges, fact kinds). Returns its rect."""
    t = rend.theme
    s = rend.label(role, kind, text, fg)
    r = pygame.Rect(x, y, s.get_width() + t.px(24), s.get_height() + t.px(8))
    pygame.draw.rect(surf, fill, r, border_radius=r.h // 2)
    if t.contrast:
        pygame.draw.rect(surf, fg, r, 2, border_radius=r.h // 2)
    surf.blit(s, (r.x + t.px(12), r.y + t.px(4)))
    return r
