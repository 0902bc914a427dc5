"""The title screen: continue, new game, load, packs, settings, quit; and a profile card that
sets the tone (a number, five stars, everyone watching)."""
from __future__ import annotations

import pygame

from ... import __version__
from ...i18n import N_, _, format_integer, localize_number, ngettext, pgettext
from ..notifications import elide
from ..widgets import Button
from .base import Screen

TAGLINE = N_("Everyone you meet rates you. Your number decides which doors open.")


class TitleScreen(Screen):
    name = "title"
    scrolls = True

    def __init__(self, app):
        super().__init__(app)
        self.auto = None  # the autosave slot, read after the first frame
        self.pack_title = ""
        self.pack_path = ""
        self._warm = False
        self._from_game = False

    def warm(self) -> None:
        """Read the newest autosave and the default pack's title (kept off the first frame).
        The first time, a game to continue takes the focus; coming back from another screen
        (Settings, Load, Packs) the focus stays where the player left it."""
        from ... import saves
        first = not self._warm or self._from_game
        self._from_game = False
        self.auto = saves.latest_autosave()
        self.pack_path, self.pack_title = self._default_pack()
        self._warm = True
        self.layout()
        if first and self.auto.ok:
            self.set_focus(0, speak=False)

    def entered(self) -> None:
        if self._warm:
            self.warm()

    def went_home(self) -> None:
        """Back from a game (its menu's Title screen): Continue takes the focus again."""
        self._from_game = True

    def _default_pack(self):
        from ...packs.discover import default_entry, entry
        from ..language import shown_info
        last = self.app.settings.last_pack
        if last:
            e = entry(last)
            if not e.broken:
                return e.path, shown_info(e.path, e.info, self.app.settings.language).title
        first = default_entry()
        return (first.path, shown_info(first.path, first.info, self.app.settings.language).title
                ) if first else ("", "")

    # ---- layout ----------------------------------------------------------------------

    def layout(self) -> None:
        t = self.theme
        auto = self.auto
        cont_sub = ""
        if auto is not None and auto.ok:
            cont_sub = f"{auto.title} · {auto.episode_title} · {auto.score_text}"
            room = min(t.px(440 * max(1.0, self.app.settings.text_scale)), t.w // 2 - t.px(60))
            if self.rend.measure("italic", t.text_px("small"), cont_sub) > room - t.px(40):
                cont_sub = f"{auto.episode_title} · {auto.score_text}"  # one line, not two
        elif auto is not None and auto.error:
            cont_sub = _("The autosave is damaged")
        self.buttons = [
            # Translators: the title screen's button that resumes the last game played
            Button(pgettext("title screen", "Continue"), self.on_continue, sub=cont_sub,
                   enabled=bool(auto is not None and auto.ok), kind="primary"),
            Button(_("New game"), self.on_new, sub=self.pack_title or _("Choose a pack"),
                   enabled=True),
            Button(_("Load game"), self.on_load),
            Button(_("Packs"), self.on_packs),
            Button(_("Settings"), self.on_settings),
            Button(_("Quit"), self.app.quit,
                   sub=_("Your game is autosaved") if auto is not None and auto.ok else ""),
        ]
        for b in self.buttons:
            b.compact = True
        if not self.buttons[0].enabled:
            self.buttons[0].kind = "normal"
            self.buttons[0].sub = cont_sub or _("No game in progress yet")
        self.left = t.px(96)
        # Larger text gets a wider column (a button's second line stays one line).
        self.col_w = min(t.px(440 * max(1.0, self.app.settings.text_scale)),
                         t.w // 2 - t.px(60))
        # Every button on screen, whatever the text size: the hero gives way first (a
        # tighter gap, then the tagline, then a smaller title); scrolling is the last resort.
        quit_sub = self.buttons[-1].sub
        for kind, tagline, gap, aside in (("title", True, 12, True), ("title", True, 6, True),
                                          ("title", False, 6, True), ("h1", False, 6, True),
                                          ("h1", False, 6, False)):
            self.buttons[-1].sub = quit_sub if aside else ""
            self._title = self.rend.label("heading", kind, "Standing", t.pal.text)
            self._tag = self.rend.block(_(TAGLINE), self.col_w + t.px(80), "body", "body") \
                if tagline else None
            top = t.px(40) + self._title.get_height() + t.px(6) + t.px(20) + (
                self._tag.height if self._tag else 0)
            self.scroll.view = pygame.Rect(self.left - t.px(14), top, self.col_w + t.px(28),
                                           t.h - top - t.px(54))
            end = self.stack_buttons(self.left, top + t.px(8), self.col_w, t.px(gap))
            if end - top <= self.scroll.view.h:
                break
        self.scroll.content_h = end - top
        self.scroll.clamp()
        if self.focus >= len(self.buttons) or not self.buttons[self.focus].enabled:
            self.focus = next(i for i, b in enumerate(self.buttons) if b.enabled)

    # ---- actions ---------------------------------------------------------------------

    def on_continue(self) -> None:
        if self.auto is not None and self.auto.ok:
            self.app.open_save(self.auto)

    def on_new(self) -> None:
        if self.pack_path:
            self.app.new_game(self.pack_path)  # asks first if it would replace an autosave
        else:
            self.on_packs()

    def on_load(self) -> None:
        from .saves import SavesScreen
        self.app.push(SavesScreen(self.app, saving=False))

    def on_packs(self) -> None:
        from .picker import PickerScreen
        self.app.push(PickerScreen(self.app))

    def on_settings(self) -> None:
        from .settings import SettingsScreen
        self.app.push(SettingsScreen(self.app))

    def back(self) -> None:
        pass  # Esc on the title does nothing; Quit is one button away

    def spoken(self) -> str:
        # Translators: read aloud by self-voicing; "Standing" is the game's name
        return _("Standing. Title screen. {tagline}").format(tagline=_(TAGLINE))

    # ---- drawing ---------------------------------------------------------------------

    def draw(self, surf: pygame.Surface) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        surf.blit(r.background(t.w, t.h), (0, 0))
        self._draw_profile(surf)
        y = t.px(40)
        surf.blit(self._title, (self.left - t.px(4), y))
        y += self._title.get_height() + t.px(6)
        if self._tag is not None:
            self._tag.draw(r, surf, self.left, y, pal.muted)
        surf.set_clip(self.scroll.view.inflate(t.px(12), 0))
        self.draw_buttons(surf)
        surf.set_clip(None)
        self.scroll.draw_bar(surf, t)
        # Translators: the title screen's footer; {version} is the game's version number
        foot = r.label("body", "tiny", _("v{version}  ·  Arrow keys and Enter, or the mouse  "
                                         "·  Esc goes back  ·  F11 full screen").format(
                                             version=__version__), pal.muted)
        surf.blit(foot, (self.left, t.h - t.px(36)))

    def _draw_profile(self, surf: pygame.Surface) -> None:
        """A phone-style profile card: the game's one image of what a score looks like."""
        t, pal, r = self.theme, self.theme.pal, self.rend
        w, h = t.px(340), t.px(430)
        x = max(self.left + self.col_w + t.px(80), t.w - w - t.px(120))
        if x + w > t.w - t.px(20):
            return  # too narrow (large text at the minimum size): the menu matters more
        rect = pygame.Rect(x, (t.h - h) // 2 - t.px(10), w, h)
        r.blit_card(surf, rect, pal.card, t.px(36), pal.card_edge)
        cx = rect.centerx
        self._silhouette(surf, (cx, rect.y + t.px(92)), t.px(52))
        # Translators: the name on the title screen's sample profile card: the player
        name = r.label("heading", "h3", _("You"), pal.text)
        surf.blit(name, name.get_rect(center=(cx, rect.y + t.px(172))))
        score, value, said = self.card_score()
        px = t.px(76)
        sw = r.glyphs_width("display", px, score)
        r.glyphs("display", px, score, pal.text, surf, (cx - sw // 2, rect.y + t.px(196)))
        size = t.px(30)
        width = 5 * size + 4 * (size // 6)
        if value is not None:
            r.stars(surf, cx - width // 2, rect.y + t.px(300), value, size)
        px = t.text_px("small")
        note = r.label("body", "small", elide(said, w - t.px(40),
                                              lambda x: r.measure("body", px, x)), pal.muted)
        surf.blit(note, note.get_rect(center=(cx, rect.y + t.px(358))))
        # No tier name here: tiers belong to a pack's regime, and the title promises none.
        # Translators: a badge on the sample profile card (the score is public); keep it short
        pill = r.label("bold", "tiny", _("VISIBLE TO EVERYONE"), pal.accent_text)
        pr = pill.get_rect(center=(cx, rect.y + t.px(394))).inflate(t.px(26), t.px(10))
        pygame.draw.rect(surf, pal.accent, pr, border_radius=pr.h // 2)
        surf.blit(pill, pill.get_rect(center=pr.center))

    def card_score(self):
        """(score text, stars value or None, the line under it): the game Continue resumes,
        when there is one, else the game's opening number."""
        auto = self.auto
        if auto is None or not auto.ok or not auto.score_text:
            rated = ngettext("Rated {count} time today", "Rated {count} times today", 2314)
            return localize_number("4.213"), 4.213, rated.format(count=format_integer(2314))
        value = auto.score_value
        stars = value if value is not None and 0 <= value <= 5 else None  # a 350-950 scale: none
        return auto.score_text, stars, auto.title

    def _silhouette(self, surf: pygame.Surface, c, radius: int) -> None:
        """A faceless profile picture: you could be anyone."""
        t, pal = self.theme, self.theme.pal
        from ..theme import person_colour
        pygame.draw.circle(surf, person_colour("you-3", t.contrast), c, radius)
        fg = pal.card if not t.contrast else (0, 0, 0)
        pygame.draw.circle(surf, fg, (c[0], c[1] - radius // 5), radius * 3 // 10)
        body = pygame.Rect(0, 0, radius * 6 // 5, radius * 4 // 5)
        body.midtop = (c[0], c[1] + radius * 5 // 25)
        surf.set_clip(pygame.Rect(c[0] - radius, c[1] - radius, 2 * radius, 2 * radius * 84 // 100))
        pygame.draw.ellipse(surf, fg, body)
        surf.set_clip(None)
