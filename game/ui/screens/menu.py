"""The pause menu over the play screen (Esc): resume, save, load, history, settings, title."""
from __future__ import annotations

import pygame

from ...i18n import _
from ..widgets import Button
from .base import Screen


class Panel(Screen):
    """An overlay: a centred card over the dimmed screen beneath."""
    overlay = True
    heading = ""

    intro = ""  # a paragraph under the heading (dialogs)
    hint = ""  # a line of keys, right of the heading when it fits there, else under it

    def panel_layout(self, width: int, footer: int = 0, gap: int = 10) -> None:
        """Lay the card out: heading, intro, the buttons in a column. When they would not
        all show (large or projector text), the card widens, then the buttons go two to a
        row; only then does the list scroll."""
        t = self.theme
        for cols, grow in ((1, 1.0), (1, 1.5), (2, 2.0)):
            total = self._panel_try(min(t.px(width * grow), t.w - t.px(60)), cols, footer, gap)
            if total + t.px(64) + footer <= t.h - t.px(40):
                break
        self.scroll.content_h = total - self._top + t.px(24)
        self.scrolls = self.scroll.content_h > self.scroll.view.h
        self.scroll.clamp()
        if self.scrolls and 0 <= self.focus < len(self.buttons):  # the focus starts in view
            b, top = self.buttons[self.focus], self.scroll.view.y
            self.scroll.reveal(b.rect.top - top, b.rect.bottom - top, self.theme.px(12))

    def _panel_try(self, w: int, cols: int, footer: int, gap: int) -> int:
        """Place everything for a card `w` wide with `cols` buttons a row; returns the height
        the content needs."""
        t = self.theme
        head = self.rend.label("heading", "h2", self.heading, t.pal.text)
        self._head = head
        inner_w = w - t.px(64)
        self._intro = self.rend.block(self.intro, inner_w, "body", "body", 1.4) \
            if self.intro else None
        top = head.get_height() + t.px(22)
        self._hint = self.rend.label("body", "tiny", self.hint, t.pal.muted) if self.hint else None
        self._hint_below = self._hint is not None and \
            head.get_width() + t.px(24) + self._hint.get_width() > inner_w
        if self._hint_below:
            top += self._hint.get_height() + t.px(6)
        if self._intro is not None:
            top += self._intro.height + t.px(18)
        self._top = top
        g = t.px(gap)
        col_w = (inner_w - g * (cols - 1)) // cols
        for b in self.buttons:
            b.compact = True
        heights = [b.measure(self.rend, col_w) for b in self.buttons]
        rows = [heights[i:i + cols] for i in range(0, len(heights), cols)]
        total = top + sum(max(r) for r in rows) + g * (len(rows) - 1)
        h = min(total + t.px(64) + footer, t.h - t.px(40))
        self.card = pygame.Rect((t.w - w) // 2, (t.h - h) // 2, w, h)
        y = self.card.y + t.px(32) + top
        self.scroll.view = pygame.Rect(self.card.x, y - t.px(8), w,
                                       self.card.bottom - y - footer)
        for i, b in enumerate(self.buttons):
            row = rows[i // cols]
            b.rect = pygame.Rect(self.card.x + t.px(32) + (i % cols) * (col_w + g), y,
                                 col_w, max(row))
            if i % cols == cols - 1 or i == len(self.buttons) - 1:
                y += max(row) + g
        return total

    def toast_anchor(self):
        return self.strip_clear_of(self.card)

    def draw(self, surf: pygame.Surface) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        r.blit_card(surf, self.card, pal.card, t.px(28), pal.card_edge if not t.contrast
                    else pal.text, edge_w=2 if t.contrast else 1)
        surf.blit(self._head, (self.card.x + t.px(32), self.card.y + t.px(28)))
        below = self.card.y + t.px(28) + self._head.get_height()
        if self._hint is not None:
            if self._hint_below:
                surf.blit(self._hint, (self.card.x + t.px(32), below + t.px(2)))
                below += self._hint.get_height() + t.px(6)
            else:
                surf.blit(self._hint, (self.card.right - t.px(32) - self._hint.get_width(),
                                       below - self._hint.get_height()))
        if self._intro is not None:
            self._intro.draw(r, surf, self.card.x + t.px(32), below + t.px(14), pal.text)
        surf.set_clip(self.scroll.view.inflate(0, t.px(8)))
        self.draw_buttons(surf)
        surf.set_clip(None)


class PauseMenu(Panel):
    name = "menu"

    def layout(self) -> None:
        app = self.app
        self.heading = _("Paused")  # here, not at import: it follows a change of language
        self.buttons = [
            Button(_("Resume"), app.pop, kind="primary"),
            Button(_("Save game"), self.save),
            Button(_("Load game"), self.load),
            Button(_("Story so far"), self.history, sub=_("Earlier passages and your choices")),
            Button(_("Debrief so far"), self.debrief, sub=_("Records, score chart, the algorithm")),
            Button(_("Settings"), self.settings),
            Button(_("Title screen"), app.home, sub=_("Your game is autosaved")),
            # Translators: leaves the game (closes the window)
            Button(_("Quit"), app.quit),
        ]
        self.panel_layout(520)

    def save(self) -> None:
        from .saves import SavesScreen
        self.app.replace(SavesScreen(self.app, saving=True))

    def load(self) -> None:
        from .saves import SavesScreen
        self.app.replace(SavesScreen(self.app, saving=False))

    def history(self) -> None:
        from .history import HistoryScreen
        self.app.replace(HistoryScreen(self.app))

    def debrief(self) -> None:
        from .debrief import DebriefScreen
        self.app.replace(DebriefScreen(self.app))

    def settings(self) -> None:
        from .settings import SettingsScreen
        self.app.replace(SettingsScreen(self.app))

    def spoken(self) -> str:
        return _("Paused. Resume, save, load, story so far, debrief so far, settings, title "
                 "screen or quit.")


class ConfirmDialog(Panel):
    """A question with a few answers, over the screen that asked. Keyboard first: arrows move,
    Enter answers, Esc is the last (safe) answer. The safe answer has the focus at first."""
    name = "confirm"

    def __init__(self, app, heading: str, intro: str, answers, focus: int = -1):
        super().__init__(app)
        self.heading, self.intro = heading, intro
        self._answers = list(answers)  # (label, action or None, sub)
        self.focus = focus % len(self._answers)

    def layout(self) -> None:
        self.buttons = [Button(label, self._answer(action), sub=sub,
                               kind="primary" if i == 0 else "normal")
                        for i, (label, action, sub) in enumerate(self._answers)]
        self.panel_layout(620)

    def _answer(self, action):
        def go() -> None:
            self.app.pop()
            if action is not None:
                action()
        return go

    def back(self) -> None:
        self.buttons[-1].action()

    def spoken(self) -> str:
        # Translators: a dialog read aloud: its question, its explanation, then its answers
        # (the answers are joined by the next string)
        return _("{heading} {intro} {answers}.").format(
            heading=self.heading, intro=self.intro,
            # Translators: between the answers of a dialog read aloud ("Save. Cancel")
            answers=_(". ").join(b.label for b in self.buttons))
