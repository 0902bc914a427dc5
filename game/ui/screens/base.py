"""The screen base: a list of focusable buttons, keyboard and mouse focus, optional scrolling.

Every screen gets the same input contract: arrows or Tab move focus, Enter or Space activate,
1 to 9 pick a numbered button, Esc goes back, the mouse hovers and clicks, the wheel scrolls.
Focus is always drawn, so keyboard players always know where they are.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional

import pygame

from ...i18n import _
from ..widgets import Button, Scroll

if TYPE_CHECKING:
    from ..app import App

ACTIVATE = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
DIGITS = {getattr(pygame, f"K_{i}"): i for i in range(1, 10)}
DIGITS.update({getattr(pygame, f"K_KP{i}"): i for i in range(1, 10)})


class Screen:
    name = "screen"
    scrolls = False  # buttons live in a scrolled content area

    def __init__(self, app: "App"):
        self.app = app
        self.buttons: List[Button] = []
        self.focus = 0
        self.scroll = Scroll()
        self._pressed: Optional[int] = None

    # ---- to override -----------------------------------------------------------------

    def layout(self) -> None:
        """Build or place buttons for the current window size and settings."""

    def draw(self, surf: pygame.Surface) -> None:
        raise NotImplementedError

    def update(self, dt: float) -> bool:
        """Advance animations by dt seconds; True when the screen must be redrawn."""
        return False

    @property
    def animating(self) -> bool:
        return False

    def back(self) -> None:
        self.app.pop()

    def spoken(self) -> str:
        """What self-voicing reads when the screen appears."""
        return ""

    def on_key(self, e: pygame.event.Event) -> bool:
        """Screen-specific keys, before the common ones. True when handled."""
        return False

    def entered(self) -> None:
        """Called when the screen becomes the top of the stack again."""

    shows_news = False  # ratings and records show here (the play screen); elsewhere they wait

    def toast_anchor(self):
        """Where notifications stack: (right, edge, down[, how many at once]) with `edge`
        their top when `down` and their bottom otherwise; a Rect for a band where they show
        as compact one-line pills; None for the default, rising from the window's bottom
        right; False when there is no room (they wait, without ageing)."""
        return None

    def strip_clear_of(self, card: pygame.Rect):
        """For a modal card: the larger free strip above or below it, as a band for one-line
        notifications, or False when neither holds a line (they wait for the card to close)."""
        t = self.theme
        m = t.px(14)  # clear of the card's edge, shadow and focus rings
        above = pygame.Rect(card.x, m, card.w, card.y - 2 * m)
        below = pygame.Rect(card.x, card.bottom + m, card.w, t.h - card.bottom - 2 * m)
        band = max(above, below, key=lambda r: r.h)
        return band if band.h >= self.app.feed.line_height() else False

    # ---- common input ----------------------------------------------------------------

    @property
    def rend(self):
        return self.app.rend

    @property
    def theme(self):
        return self.app.theme

    def to_screen(self, r: pygame.Rect) -> pygame.Rect:
        return r.move(0, -self.scroll.offset) if self.scrolls else r

    def focused(self) -> Optional[Button]:
        if 0 <= self.focus < len(self.buttons):
            return self.buttons[self.focus]
        return None

    def set_focus(self, i: int, speak: bool = True) -> None:
        if not self.buttons:
            return
        i %= len(self.buttons)
        changed = i != self.focus
        self.focus = i
        b = self.buttons[i]
        if self.scrolls:
            top = self.scroll.view.y
            self.scroll.reveal(b.rect.top - top, b.rect.bottom - top)
        if changed and speak:
            self.app.speak_button(b)
        self.app.dirty = True

    def activate(self, i: int) -> None:
        if not 0 <= i < len(self.buttons):
            return
        b = self.buttons[i]
        self.set_focus(i, speak=False)
        if not b.enabled:
            self.refused(b)
            return
        self.app.sound.play("select")
        if b.action:
            b.action()

    def refused(self, b: Button) -> None:
        """A locked button was picked: say why, never act."""
        self.app.sound.play("locked")
        # Translators: {reason} says why a greyed button cannot be picked now
        self.app.toast(_("Locked: {reason}").format(reason=b.sub or _("not available")),
                       kind="locked")

    def handle(self, e: pygame.event.Event) -> bool:
        if e.type == pygame.KEYDOWN:
            return self.on_key(e) or self.key(e)
        if e.type == pygame.MOUSEMOTION:
            return self.hover(e.pos)
        if e.type == pygame.MOUSEBUTTONDOWN and e.button == 1:
            i = self.hit(e.pos)
            self._pressed = i
            return i is not None
        if e.type == pygame.MOUSEBUTTONUP and e.button == 1:
            i, self._pressed = self.hit(e.pos), self._pressed
            if i is not None and i == self._pressed:
                self.activate(i)
                return True
            return False
        if e.type == pygame.MOUSEWHEEL:
            return self.wheel(e.y)
        return False

    def key(self, e: pygame.event.Event) -> bool:
        k = e.key
        shift = bool(e.mod & pygame.KMOD_SHIFT)
        if k == pygame.K_ESCAPE:
            self.back()
        elif k in (pygame.K_DOWN, pygame.K_RIGHT) or (k == pygame.K_TAB and not shift):
            self.set_focus(self.focus + 1)
        elif k in (pygame.K_UP, pygame.K_LEFT) or (k == pygame.K_TAB and shift):
            self.set_focus(self.focus - 1)
        elif k in ACTIVATE:
            self.activate(self.focus)
        elif k in DIGITS:
            n = DIGITS[k]
            for i, b in enumerate(self.buttons):
                if b.number == n:
                    self.activate(i)
                    break
            else:
                return False
        elif k in (pygame.K_PAGEDOWN, pygame.K_PAGEUP) and self.scrolls:
            sign = 1 if k == pygame.K_PAGEDOWN else -1
            return self.scroll.by(sign * self.scroll.view.h * 3 // 4)
        elif k == pygame.K_HOME and self.buttons:
            self.set_focus(0)
        elif k == pygame.K_END and self.buttons:
            self.set_focus(len(self.buttons) - 1)
        else:
            return False
        return True

    def hit(self, pos) -> Optional[int]:
        if self.scrolls and not self.scroll.view.collidepoint(pos):
            return None
        for i, b in enumerate(self.buttons):
            if self.to_screen(b.rect).collidepoint(pos):
                return i
        return None

    def hover(self, pos) -> bool:
        i = self.hit(pos)
        if i is not None and i != self.focus:
            self.focus = i
            self.app.speak_button(self.buttons[i])
            return True
        return False

    def wheel(self, y: int) -> bool:
        if not self.scrolls:
            return False
        return self.scroll.by(-y * self.theme.px(60))

    # ---- drawing helpers -------------------------------------------------------------

    def draw_buttons(self, surf: pygame.Surface) -> None:
        clip = self.scroll.view if self.scrolls else None
        for i, b in enumerate(self.buttons):
            r = self.to_screen(b.rect)
            if clip is not None and not r.colliderect(clip):
                continue
            b.draw(self.rend, surf, r, i == self.focus, self._pressed == i)

    def stack_buttons(self, x: int, y: int, width: int, gap: int) -> int:
        """Measure and place the buttons in a column; returns the y below the last."""
        for b in self.buttons:
            h = b.measure(self.rend, width)
            b.rect = pygame.Rect(x, y, width, h)
            y += h + gap
        return y
