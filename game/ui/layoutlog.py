"""What a frame drew where, as boxes, for tests that check a layout (nothing clipped, nothing
covered, the focused control visible) without comparing screenshots.

    log = LayoutLog()
    app.rend.log = log              # widgets report their boxes while this is set
    app.surface = RecordingSurface(app.surface.get_size(), log)  # text blits report too
    app.draw()
    problems = check(log, app.surface.get_rect())

The renderer's cost while no log is set is one `is None` test per widget drawn. Text is found
by its surface: every label and line comes from `Renderer.text`, which tells the log the ids of
the surfaces it hands out; a text box is the ink's bounding box, so line spacing never counts
as an overlap. Controls (buttons) report their whole rectangle and the text inside them is not
reported again; cards report as containers, which may hold anything.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional

import pygame


@dataclass
class Box:
    kind: str  # text | control | notice | container
    rect: pygame.Rect  # where it was drawn
    visible: pygame.Rect  # the part inside the clip in force (empty when clipped away)
    layer: int  # the screen's place in the stack; notifications are drawn last
    label: str = ""
    focused: bool = False

    def __repr__(self) -> str:
        tag = " focused" if self.focused else ""
        return f"<{self.kind}{tag} {self.label[:40]!r} at {tuple(self.rect)} layer {self.layer}>"


class LayoutLog:
    """The boxes of one frame. App.draw starts a frame and tells the log which screen of the
    stack (its layer) is drawing."""

    FEED = 10_000  # the notifications' layer: above every screen

    def __init__(self) -> None:
        self.boxes: List[Box] = []
        self.layer = 0
        self.text_ids: Dict[int, str] = {}  # id of a surface Renderer.text made -> its text
        self._quiet = 0
        self._ink: Dict[int, pygame.Rect] = {}
        self._keep: Dict[int, pygame.Surface] = {}

    def text_made(self, surf: pygame.Surface, text: str) -> None:
        """Renderer.text made or reused `surf` for `text` ("" for a glyph of a number that
        reports itself whole)."""
        self.text_ids[id(surf)] = text
        self._keep[id(surf)] = surf  # held, so an id is never reused by another surface

    def start_frame(self) -> None:
        self.boxes = []
        self.layer = 0

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Inside a control: what it draws belongs to it and is not reported again."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    def add(self, surf: pygame.Surface, kind: str, rect: pygame.Rect, label: str = "",
            focused: bool = False) -> None:
        if self._quiet:
            return
        rect = pygame.Rect(rect)
        clip = surf.get_clip()
        self.boxes.append(Box(kind, rect, rect.clip(clip), self.layer, label, focused))

    def text_blit(self, surf: pygame.Surface, src: pygame.Surface, dest,
                  area: Optional[pygame.Rect]) -> None:
        label = self.text_ids.get(id(src))
        if not label or not label.strip() or self._quiet:
            return
        ink = self._ink.get(id(src))
        if ink is None:
            ink = self._ink[id(src)] = src.get_bounding_rect()
        if area is not None:
            ink = ink.clip(pygame.Rect(area))
            ink.move_ip(-pygame.Rect(area).x, -pygame.Rect(area).y)
        if ink.w <= 0 or ink.h <= 0:
            return
        x, y = (dest[0], dest[1]) if not isinstance(dest, pygame.Rect) else dest.topleft
        self.add(surf, "text", ink.move(x, y), label)


class RecordingSurface(pygame.Surface):
    """A drawing surface that reports every text blit to its log (tests draw a frame into it
    in place of the window)."""

    def __init__(self, size, log: LayoutLog):
        super().__init__(size)
        self.log = log

    def blit(self, source, dest=(0, 0), area=None, special_flags=0):
        self.log.text_blit(self, source, dest, area)
        if area is None:
            return super().blit(source, dest, None, special_flags)
        return super().blit(source, dest, area, special_flags)


# ---- the checks ----------------------------------------------------------------------------

CHECKED = ("text", "control", "notice")


def check(log: LayoutLog, window: pygame.Rect, top_layer: int, slack: int = 1) -> List[str]:
    """Problems in the frame's layout, as sentences (an empty list: the layout is clean).
    Only the top screen and the notifications count: screens under a dialog are dimmed."""
    boxes = [b for b in log.boxes if b.layer >= top_layer and b.kind in CHECKED]
    out: List[str] = []
    for b in boxes:
        if b.visible.w > 0 and b.visible.h > 0 and not window.contains(b.visible):
            out.append(f"{b} runs off the window")
    shown = [b for b in boxes if b.visible.w > 0 and b.visible.h > 0]
    for b in shown:  # views scroll up and down only: text cut at a side is cut off
        if b.kind == "text" and (b.visible.left > b.rect.left or b.visible.right < b.rect.right):
            out.append(f"{b} is cut off at the side")
    for i, a in enumerate(shown):
        ra = a.visible.inflate(-2 * slack, -2 * slack)
        for b in shown[i + 1:]:
            if ra.colliderect(b.visible.inflate(-2 * slack, -2 * slack)):
                out.append(f"{a} overlaps {b}")
    focused = [b for b in log.boxes if b.focused and b.layer >= top_layer]
    for f in focused:
        if f.visible != f.rect or not window.contains(f.rect):
            out.append(f"the focused control {f} is not wholly visible")
    return out


def focused_box(log: LayoutLog, top_layer: int) -> Optional[Box]:
    return next((b for b in log.boxes if b.focused and b.layer >= top_layer), None)
