"""The pack picker: every pack with its title, description, content notes, age guidance and
length, read from pack.yaml only (scenes load when you start). Broken packs are listed with
their problem."""
from __future__ import annotations

import pygame

from ...i18n import N_, _, ngettext
from ..widgets import Button, Scroll, chip
from .base import Screen

# Where a pack was found (PackEntry.origin), as the picker names it.
ORIGINS = {
    # Translators: a pack that comes with the game
    "bundled": N_("bundled"),
    # Translators: a pack from the player's own packs folder
    "user": N_("user"),
    # Translators: a pack opened from a path given on the command line
    "given": N_("given"),
}


def origin_text(origin: str) -> str:
    return _(ORIGINS[origin]) if origin in ORIGINS else origin


class PickerScreen(Screen):
    name = "picker"
    scrolls = True

    def __init__(self, app):
        super().__init__(app)
        from ...packs.discover import list_packs
        self.entries = shown_entries(list_packs(), self.app.settings.language)
        last = app.settings.last_pack
        self.focus = next((i for i, e in enumerate(self.entries) if e.path == last), 0)
        self.detail_scroll = Scroll()  # the highlighted pack's card: PageUp/PageDown, wheel
        self._mouse = (0, 0)

    def layout(self) -> None:
        t, r = self.theme, self.rend
        margin = t.px(48)
        # The heading and its hint line decide where the cards start, so the hint is never
        # under them at any text size.
        self._head = r.label("heading", "h1", _("Choose a story"), t.pal.text)
        self._sub = r.label("body", "small",
                            _("Enter starts the highlighted pack  ·  Esc goes back"), t.pal.muted)
        top = max(t.px(120), t.px(40) + self._head.get_height() + t.px(2)
                  + self._sub.get_height() + t.px(22))
        list_w = max(t.px(330), min(t.px(420), int(t.w * 0.34)))
        self.scroll.view = pygame.Rect(margin - t.px(10), top - t.px(8), list_w + t.px(20),
                                       t.h - top - t.px(40))
        self.buttons = []
        for e in self.entries:
            if e.broken:
                first = e.diagnostics[0].message if e.diagnostics else _("cannot be read")
                # Translators: under a broken pack's name; {problem} is the first thing wrong
                b = Button(e.path.rstrip("/").rsplit("/", 1)[-1], self._open(e),
                           sub=_("Broken: {problem}").format(problem=first), kind="choice")
            else:
                i = e.info
                # Translators: under a pack's title: its length, the age it is for, and
                # where it comes from (bundled, user, given)
                sub = _("{minutes} min  ·  age {age}  ·  {origin}").format(
                    minutes=i.minutes, age=i.shown_age, origin=origin_text(e.origin))
                b = Button(i.title, self._open(e), sub=sub, kind="choice")
            self.buttons.append(b)
        self.buttons.append(Button(_("Back"), self.app.pop, kind="quiet"))
        end = self.stack_buttons(margin, top, list_w, t.px(12))
        self.scroll.content_h = end - self.scroll.view.y
        self.scroll.clamp()
        if 0 <= self.focus < len(self.buttons):  # the highlighted pack starts in view
            b, view_top = self.buttons[self.focus], self.scroll.view.y
            self.scroll.reveal(b.rect.top - view_top, b.rect.bottom - view_top)
        dx = margin + list_w + t.px(36)
        self.detail = pygame.Rect(dx, top - t.px(8), t.w - dx - margin, t.h - top - t.px(40))
        # The facilitator guide of the highlighted pack, at the foot of its card (G opens it).
        self.guide_button = Button(_("Facilitator guide"), self.open_guide, value="G",
                                   compact=True)
        gw = min(self.detail.w - t.px(64), t.px(380))
        gh = self.guide_button.measure(self.rend, gw)
        self.guide_button.rect = pygame.Rect(self.detail.x + t.px(32),
                                             self.detail.bottom - t.px(28) - gh, gw, gh)

    def _guide_entry(self):
        if self.focus < len(self.entries):
            e = self.entries[self.focus]
            if not e.broken and e.info.guide:
                return e
        return None

    def open_guide(self) -> None:
        from .guide import GuideScreen
        e = self._guide_entry()
        if e is not None:
            self.app.push(GuideScreen.for_entry(self.app, e))

    def on_key(self, e) -> bool:
        if e.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            sign = 1 if e.key == pygame.K_PAGEDOWN else -1
            return self.detail_scroll.by(sign * self.detail_scroll.view.h * 3 // 4) or True
        if e.key == pygame.K_g and self._guide_entry() is not None:
            self.open_guide()
            return True
        return False

    def wheel(self, y: int) -> bool:
        if self.detail.collidepoint(self._mouse):
            return self.detail_scroll.by(-y * self.theme.px(60))
        return super().wheel(y)

    def handle(self, e) -> bool:
        if e.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            self._mouse = e.pos
        if e.type == pygame.MOUSEBUTTONUP and e.button == 1 and self._guide_entry() is not None \
                and self.guide_button.rect.collidepoint(e.pos):
            self.open_guide()
            return True
        return super().handle(e)

    def _open(self, e):
        def go() -> None:
            if e.broken:
                from .error import ErrorScreen
                self.app.push(ErrorScreen(self.app, e.path, e.diagnostics))
            else:
                self.app.new_game(e.path, e.info)
        return go

    def spoken(self) -> str:
        n = len(self.entries)
        return ngettext("Packs. {count} pack.", "Packs. {count} packs.", n).format(count=n) + \
            " " + self._describe()

    def _describe(self) -> str:
        if self.focus >= len(self.entries):
            return ""
        e = self.entries[self.focus]
        if e.broken:
            return _("This pack is broken.")
        i = e.info
        # Translators: read aloud when a pack is highlighted; {description} is the pack's
        # own paragraph, {notes} its content notes separated by commas
        return ngettext("{title}. {description} Age {age}. About {minutes} minute. "
                        "Content notes: {notes}.",
                        "{title}. {description} Age {age}. About {minutes} minutes. "
                        "Content notes: {notes}.", i.minutes).format(
            title=i.title, description=i.description, age=i.shown_age, minutes=i.minutes,
            notes=", ".join(i.content_notes) or _("none"))

    def set_focus(self, i: int, speak: bool = True) -> None:
        if i % max(1, len(self.buttons)) != self.focus:
            self.detail_scroll.offset = 0  # another pack: its card from the top
        super().set_focus(i, speak=False)
        if speak:
            self.app.speech.say(self._describe())

    def draw(self, surf: pygame.Surface) -> None:
        t, r = self.theme, self.rend
        surf.blit(r.background(t.w, t.h), (0, 0))
        surf.blit(self._head, (t.px(48), t.px(40)))
        surf.blit(self._sub, (t.px(48), t.px(40) + self._head.get_height() + t.px(2)))
        surf.set_clip(self.scroll.view)
        self.draw_buttons(surf)
        surf.set_clip(None)
        self.scroll.draw_bar(surf, t)
        if self.focus < len(self.entries):
            self._detail(surf, self.entries[self.focus])

    def _detail(self, surf: pygame.Surface, e) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        rect = self.detail
        r.blit_card(surf, rect, pal.card, t.px(28), pal.card_edge)
        pad = t.px(32)
        x, w = rect.x + pad, rect.w - 2 * pad
        # The content scrolls above the guide button, which keeps its place at the foot.
        bottom = self.guide_button.rect.y - t.px(12) if not e.broken and e.info.guide \
            else rect.bottom - t.px(16)
        view = pygame.Rect(rect.x, rect.y + t.px(12), rect.w, bottom - rect.y - t.px(12))
        self.detail_scroll.view = view
        top = rect.y + pad - self.detail_scroll.offset
        y = top
        surf.set_clip(view)
        if e.broken:
            title = r.block(_("This pack cannot be opened"), w, "h2", "heading", 1.2)
            title.draw(r, surf, x, y, pal.text)
            y += title.height + t.px(12)
            for d in e.diagnostics[:6]:
                b = r.block(f"{d.where}: {d.message}", w, "small", "body", 1.35)
                b.draw(r, surf, x, y, pal.down)
                y += b.height + t.px(8)
            surf.set_clip(None)
            return
        i = e.info
        title = r.block(i.title, w, "h2", "heading", 1.2)
        title.draw(r, surf, x, y, pal.text)
        y += title.height + t.px(6)
        by = ", ".join(i.authors) or _("unknown authors")
        # Translators: under a pack's title: {authors} (names separated by commas), its
        # version number and its licence (CC BY 4.0, …)
        meta = r.block(_("by {authors}  ·  version {version}  ·  {licence}").format(
            authors=by, version=i.version, licence=i.licence), w, "small", "body", 1.3)
        meta.draw(r, surf, x, y, pal.muted)
        y += meta.height + t.px(16)
        cx = x
        # Translators: two badges on a pack's card (capitals): the age it is for, its length
        for text in (_("AGE {age}").format(age=i.shown_age.upper()),
                     _("ABOUT {minutes} MIN").format(minutes=i.minutes)):
            c = chip(r, surf, cx, y, text, pal.accent, pal.accent_text, "tiny")
            cx = c.right + t.px(8)
        y = c.bottom + t.px(18)
        desc = r.block(i.description or _("No description."), w, "body", "body", 1.5)
        desc.draw(r, surf, x, y, pal.text)
        y += desc.height + t.px(20)
        notes = r.label("bold", "small", _("Content notes"), pal.text)
        surf.blit(notes, (x, y))
        y += notes.get_height() + t.px(8)
        cx = x
        for note in i.content_notes or (_("none"),):
            s = r.label("bold", "tiny", note, pal.text)
            if cx + s.get_width() + t.px(24) > x + w and cx > x:
                cx, y = x, y + s.get_height() + t.px(16)
            c = chip(r, surf, cx, y, note, pal.chip, pal.text, "tiny")
            cx = c.right + t.px(8)
        y = c.bottom + t.px(16)
        surf.set_clip(None)
        self.detail_scroll.content_h = y - top + t.px(12)
        self.detail_scroll.clamp()
        self.detail_scroll.draw_bar(surf, t)
        if i.guide:
            self.guide_button.draw(r, surf, self.guide_button.rect, False)


def shown_entries(entries, setting: str):
    """The packs with their titles and descriptions in the language they would be played in."""
    import dataclasses
    from ..language import shown_info
    return [dataclasses.replace(e, info=shown_info(e.path, e.info, setting)) for e in entries]
