"""The backlog: every earlier passage of this run with the choice you made and how your number
moved, newest at the bottom (scrolled there on opening)."""
from __future__ import annotations

import pygame

from ...i18n import _, ngettext
from .base import Screen


class HistoryScreen(Screen):
    name = "history"
    scrolls = True
    overlay = True

    def __init__(self, app):
        super().__init__(app)
        self.entries = app.session.backlog() if app.session else []
        self._scrolled = False

    def layout(self) -> None:
        t, r = self.theme, self.rend
        w = min(t.px(860), t.w - t.px(80))
        self.card = pygame.Rect((t.w - w) // 2, t.px(30), w, t.h - t.px(60))
        pad = t.px(32)
        self.head = r.label("heading", "h2", _("The story so far"), t.pal.text)
        # Translators: keys of the history card; Esc, H and W are key names (keep them)
        hint = _("Esc or H to close  ·  W what if (rewind)  ·  wheel or arrows scroll")
        self.hint = r.label("body", "tiny", hint, t.pal.muted)
        # The hint sits right of the heading when both fit on the line, else under it.
        self.hint_below = self.head.get_width() + t.px(24) + self.hint.get_width() > w - 2 * pad
        top = self.card.y + pad + self.head.get_height() + t.px(16)
        if self.hint_below:
            top += self.hint.get_height() + t.px(6)
        self.scroll.view = pygame.Rect(self.card.x + pad, top, w - 2 * pad,
                                       self.card.bottom - top - t.px(20))
        inner = w - 2 * pad - t.px(16)
        fmt = self.app.session.pack.regime.scale.fmt if self.app.session else str
        self.rows = []
        y = top
        for e in self.entries:
            speaker = r.label("bold", "small", e["speaker"], t.pal.accent) if e["speaker"] else None
            text = r.block(e["text"], inner, "body", "body", 1.45)
            choice = r.block(chose_line(e, fmt), inner - t.px(20), "small", "italic", 1.3)
            self.rows.append((y, speaker, text, choice))
            y += (speaker.get_height() + t.px(4) if speaker else 0) + text.height + t.px(10)
            y += choice.height + t.px(26)
        if not self.entries:
            self.rows.append((y, None, r.block(_("Nothing yet: your choices will appear here."),
                                               inner, "body", "italic"), None))
            y += t.px(40)
        self.scroll.content_h = y - top
        self.buttons = []
        if not self._scrolled:
            self.scroll.offset = self.scroll.max_offset  # open at the most recent passage
            self._scrolled = True
        self.scroll.clamp()

    def key(self, e) -> bool:
        step = self.theme.px(60)
        if e.key == pygame.K_DOWN:
            return self.scroll.by(step) or True
        if e.key == pygame.K_UP:
            return self.scroll.by(-step) or True
        if e.key in (pygame.K_h, pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_BACKSPACE):
            self.app.pop()
            return True
        if e.key == pygame.K_w and self.app.session is not None:
            from .whatif import WhatIfScreen  # rewind to one of these choices
            self.app.replace(WhatIfScreen(self.app))
            return True
        return super().key(e)

    def spoken(self) -> str:
        if not self.entries:
            return _("The story so far. Nothing yet.")
        last, n = self.entries[-1], len(self.entries)
        # Translators: read aloud; {text} is the latest passage, {choice} the choice made there
        return ngettext("The story so far. {n} passage. Most recent: {text} You chose: {choice}.",
                        "The story so far. {n} passages. Most recent: {text} You chose: "
                        "{choice}.", n).format(n=n, text=last["text"], choice=last["choice"])

    def draw(self, surf: pygame.Surface) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        r.blit_card(surf, self.card, pal.card, t.px(28), pal.card_edge)
        surf.blit(self.head, (self.card.x + t.px(32), self.card.y + t.px(28)))
        if self.hint_below:
            at = (self.card.x + t.px(32), self.card.y + t.px(34) + self.head.get_height())
        else:
            at = (self.card.right - t.px(32) - self.hint.get_width(),
                  self.card.y + t.px(28) + self.head.get_height() - self.hint.get_height())
        surf.blit(self.hint, at)
        surf.set_clip(self.scroll.view)
        x = self.scroll.view.x
        off = -self.scroll.offset
        for y, speaker, text, choice in self.rows:
            y += off
            if y > self.scroll.view.bottom:
                break
            if speaker is not None:
                surf.blit(speaker, (x, y))
                y += speaker.get_height() + t.px(4)
            text.draw(r, surf, x, y, pal.text, clip=self.scroll.view)
            y += text.height + t.px(10)
            if choice is not None:
                bar = pygame.Rect(x, y - t.px(2), t.px(4), choice.height + t.px(4))
                pygame.draw.rect(surf, pal.accent, bar, border_radius=2)
                choice.draw(r, surf, x + t.px(16), y, pal.muted)
        surf.set_clip(None)
        self.scroll.draw_bar(surf, t)


def chose_line(entry: dict, fmt) -> str:
    """ "You chose: X", with the score's move only when the shown number moved."""
    before, after = fmt(entry["before"]), fmt(entry["after"])
    if before == after:
        return _("You chose: {choice}").format(choice=entry["choice"])
    # Translators: {before} and {after} are the player's score before and after the choice
    return _("You chose: {choice}   ({before} to {after})").format(
        choice=entry["choice"], before=before, after=after)
