"""The error screen: a pack that cannot be played, with every problem at file:line:column, the
source line and a caret; or a save that cannot be loaded. It always leads back to the menu."""
from __future__ import annotations

from typing import List, Tuple

import pygame

from ...i18n import _, ngettext
from ..widgets import Button
from .base import Screen


class ErrorScreen(Screen):
    name = "error"
    scrolls = True

    def __init__(self, app, path: str, diagnostics: list, message: str = "",
                 title: str = "", reload: bool = False):
        super().__init__(app)
        self.path = path
        self.diagnostics = list(diagnostics)
        self.message = message
        self.reload = reload
        self._title = title

    # The title and summary are worded when read, so they follow a change of language.
    @property
    def title(self) -> str:
        if self._title:
            return self._title
        return _("This pack cannot be played yet") if self.diagnostics \
            else _("Something went wrong")

    @property
    def summary(self) -> str:
        if self.message:
            return self.message
        n = len([d for d in self.diagnostics if d.is_error]) or len(self.diagnostics)
        # Translators: {path} is the pack's folder or file; F5 is the key
        return ngettext("{n} problem in {path}. Fix it in the pack's files, then press F5 to "
                        "try again.",
                        "{n} problems in {path}. Fix them in the pack's files, then press F5 "
                        "to try again.", n).format(n=n, path=self.path)

    def layout(self) -> None:
        t, r = self.theme, self.rend
        w = min(t.px(1000), t.w - t.px(80))
        x = (t.w - w) // 2
        self.scroll.view = pygame.Rect(0, 0, t.w, t.h)
        pad = t.px(36)
        inner = w - 2 * pad
        y = t.px(36) + pad
        self.items = []
        head = r.block(self.title, inner, "h1", "heading", 1.15)  # a translation may wrap
        self.items.append(("block", head, y))
        y += head.height + t.px(10)
        b = r.block(self.summary, inner, "body", "body", 1.45)
        self.items.append(("block", b, y))
        y += b.height + t.px(22)
        for d in self.diagnostics:
            y = self._diag(d, y, inner)
        self.card = pygame.Rect(x, t.px(36), w, y + pad - t.px(36))
        self.pad = pad
        self.buttons = []
        if self.diagnostics or self.reload:
            self.buttons.append(Button(_("Try again"), self.retry, sub=_("Reload the pack (F5)"),
                                       kind="primary"))
        if self.reload:
            self.buttons.append(Button(_("Keep playing the previous version"), self.app.pop))
        self.buttons.append(Button(_("Back to the menu"), self.app.home,
                                   kind="normal" if self.buttons else "primary"))
        bw = min(w, t.px(520))
        end = self.stack_buttons((t.w - bw) // 2, self.card.bottom + t.px(22), bw, t.px(12))
        self.scroll.content_h = end + t.px(24)
        self.scroll.clamp()

    def _diag(self, d, y: int, inner: int) -> int:
        t, r, pal = self.theme, self.rend, self.theme.pal
        colour = pal.down if d.is_error else pal.warn
        # "file:line:col  ·  error[SP003]" as the terminal prints it: a code to look up in
        # docs/errors.md, kept as it is in every language
        where = r.label("bold", "small", f"{d.where}  ·  {d.severity}[{d.code}]", colour)
        self.items.append(("surf", where, y))
        y += where.get_height() + t.px(4)
        msg = r.block(d.message, inner, "body", "body", 1.35)
        self.items.append(("block", msg, y))
        y += msg.height + t.px(4)
        if d.source_line and d.line > 0:
            self.items.append(("source", d, y))
            y += 2 * r.label("body", "small", "X", pal.text).get_height() + t.px(12)
        if d.hint:
            h = r.block(_("Hint: {hint}").format(hint=d.hint), inner, "small", "italic", 1.3)
            self.items.append(("muted", h, y))
            y += h.height
        return y + t.px(18)

    def retry(self) -> None:
        from ..session import PackProblem
        if self.reload and self.app.session is not None:
            try:
                msg = self.app.session.reload()
            except PackProblem as p:
                self.diagnostics, self.message = p.diagnostics, p.message
                self.layout()
                self.app.toast(_("Still broken: the problems are listed again"), "down")
                return
            self.app.pop()
            play = self.app.top
            if hasattr(play, "new_passage"):
                play.anim.snap(play.rt.score)
                play.new_passage()
            self.app.toast(msg, "info", "F5")
            return
        self.app.home()
        self.app.new_game(self.path)  # asks first when it would replace that pack's autosave

    def on_key(self, e) -> bool:
        if e.key == pygame.K_F5 and self.diagnostics:
            self.retry()
            return True
        return False

    def back(self) -> None:
        if self.reload:
            self.app.pop()
        else:
            self.app.home()

    def spoken(self) -> str:
        # Translators: the screen's heading read aloud as a sentence
        parts = [_("{title}.").format(title=self.title), self.summary]
        for d in self.diagnostics[:5]:
            # Translators: read aloud: where a problem is in a pack's file, then what it is
            parts.append(_("{file} line {line} column {column}: {message}.").format(
                file=d.file, line=d.line, column=d.column, message=d.message))
        return " ".join(parts)

    def draw(self, surf: pygame.Surface) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        surf.blit(r.background(t.w, t.h), (0, 0))
        off = -self.scroll.offset
        r.blit_card(surf, self.card.move(0, off), pal.card, t.px(28), pal.card_edge)
        x = self.card.x + self.pad
        for kind, item, y in self.items:
            y += off
            if kind == "surf":
                surf.blit(item, (x, y))
            elif kind == "block":
                item.draw(r, surf, x, y, pal.text)
            elif kind == "muted":
                item.draw(r, surf, x, y, pal.muted)
            else:
                self._source(surf, x, y, item)
        self.draw_buttons(surf)
        self.scroll.draw_bar(surf, t)

    def _source(self, surf, x: int, y: int, d) -> None:
        """The source line in a tinted strip, in the monospace font, with a caret under the
        column. Tabs are expanded first (the column counts a tab as one character, the strip
        shows it as spaces to the next stop); a column beyond the strip's width scrolls the
        line left so the caret is always in view."""
        t, pal, r = self.theme, self.theme.pal, self.rend
        px = t.text_px("small")
        gutter = r.text("mono", px, f"{d.line:>4} |", pal.muted)
        text, col = source_view(d.source_line, d.caret_column)
        h = gutter.get_height()
        strip = pygame.Rect(x - t.px(8), y - t.px(4), self.card.w - 2 * self.pad + t.px(16),
                            2 * h + t.px(8))
        pygame.draw.rect(surf, pal.chip, strip, border_radius=t.px(8))
        surf.blit(gutter, (x, y))
        sx = x + gutter.get_width() + t.px(8)
        cw = t.font_px("mono", px).size("M")[0]  # every glyph has this advance
        room = max(1, (strip.right - t.px(8) - sx) // cw)  # characters that fit
        first = max(0, col - room + 4) if col >= room - 2 else 0
        # a character the mono font lacks (Chinese) comes from a wider fallback font: measure
        # what stands before the caret, and scroll on while the caret would leave the strip
        while first < col and r.measure("mono", px, text[first:col + 1]) > room * cw:
            first += 1
        self.source_cols = (first, col, cw, sx)
        self.caret_x = sx + r.measure("mono", px, text[first:col])  # for tests
        area = pygame.Rect(sx, strip.y, strip.right - sx, strip.h).clip(surf.get_rect())
        surf.set_clip(area)
        surf.blit(r.text("mono", px, text[first:first + room + 1] or " ", pal.text), (sx, y))
        caret = r.text("mono_bold", px, "^", pal.down)
        surf.blit(caret, (self.caret_x, y + h - t.px(2)))
        surf.set_clip(None)


def source_view(line: str, column: int, tab: int = 4) -> Tuple[str, int]:
    """(the line with tabs expanded, the caret's 0-based position in it) for a 1-based
    `column` counted in characters of the raw line."""
    line = line.rstrip("\r\n").rstrip()
    prefix = line[:max(0, column - 1)]
    return line.expandtabs(tab), len(prefix.expandtabs(tab))


def problems(diagnostics: list) -> List[str]:
    """The diagnostics as the text an author reads in a terminal (for tests and logs)."""
    return [d.format() for d in diagnostics]
