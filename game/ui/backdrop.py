"""A screen's unchanging floor, made once: the pastel background with its cards already on it.

A full-window frame at 1920x1080 otherwise pays every frame for the background blit and then for
each large card again (a rounded rectangle filled pixel by pixel, or a per-pixel alpha blit of a
shadowed card: together over 1 ms). Composited once per layout, the floor is one opaque blit.

    floor = backdrop(rend, surf, [(card_rect, fill, radius, edge)])  # blits it and returns it
    surf.blit(floor, rect, rect)  # later: put a card back, e.g. before drawing it again
"""
from __future__ import annotations

from typing import Optional, Sequence, Tuple

import pygame

from .theme import Colour
from .widgets import Renderer

Card = Tuple[pygame.Rect, Colour, int, Optional[Colour]]  # rect, fill, radius, edge


def backdrop(rend: Renderer, surf: pygame.Surface, cards: Sequence[Card]) -> pygame.Surface:
    """Blit the background with `cards` on it (in order, as `Renderer.blit_card` draws them)
    onto `surf`, and return that floor. One floor is kept per renderer (a full-window surface
    is megabytes): it is remade when the window, the palette or a card changes."""
    t = rend.theme
    key = (t.w, t.h, t.pal, t.settings.contrast,
           tuple((tuple(r), fill, radius, edge) for r, fill, radius, edge in cards))
    held = getattr(rend, "_backdrop", None)
    if held is None or held[0] != key:
        floor = rend.background(t.w, t.h).copy()
        log, rend.log = rend.log, None  # the boxes are reported on the real surface, below
        try:
            for rect, fill, radius, edge in cards:
                rend.blit_card(floor, rect, fill, radius, edge)
        finally:
            rend.log = log
        held = rend._backdrop = (key, floor)
    floor = held[1]
    surf.blit(floor, (0, 0))
    if rend.log is not None:
        for rect, fill, _radius, edge in cards:
            if _noted(rend, fill, edge):
                rend.note(surf, "container", rect)
    return floor


def _noted(rend: Renderer, fill: Colour, edge: Optional[Colour]) -> bool:
    """Whether `blit_card` reports this card to the layout log (it reports the cards it
    blits, not the opaque ones it draws straight onto the target)."""
    opaque = rend.theme.pal.shadow_alpha <= 0 and len(fill) == 3 and \
        (edge is None or len(edge) == 3)
    return not opaque
