"""The play screen: the passage in a card (typewriter reveal, any key skips), choices as buttons
pinned under it (locked ones greyed with their reason), and the profile panel with your animated
score. A passage taller than its card scrolls inside it, so the choices stay on screen.

Keys: 1-9 choose, arrows/Tab move, Enter takes, PageUp/PageDown scroll the passage, Esc menu,
H history, U or Ctrl+Z undo, F5 reload the pack from disk. The wheel scrolls what is under the
pointer. Only the runtime API is used, through app.session.
"""
from __future__ import annotations

import io

import math
from typing import Dict, List, Optional, Tuple

import pygame

from ...engine import events as ev
from ...engine.numbers import signed_text
from ...engine.runtime import reflow
from ...i18n import N_, _
from ...packs.sources import read_asset
from ..backdrop import backdrop
from ..hud import ProfilePanel, ScoreAnim
from ..theme import person_colour
from ..widgets import Button, Scroll, TextBlock, chip, draw_avatar
from .base import Screen

# Translators: the badge on a passage's fact box: what kind of claim the note is about
FACT_LABELS = {"fact": N_("FACT"), "fiction": N_("FICTION"), "myth": N_("MYTH"),
               "disputed": N_("DISPUTED")}


class PlayScreen(Screen):
    name = "play"
    scrolls = True
    shows_news = True

    def __init__(self, app):
        super().__init__(app)
        self.anim = ScoreAnim(self.rt.score)
        self.panel = ProfilePanel(app.rend)
        self.revealed = math.inf
        self.block: Optional[TextBlock] = None
        self.text_scroll = Scroll()  # the passage card's own scroll; self.scroll is the choices
        self._more: Optional[pygame.Rect] = None  # the page pill, when shown
        self._mouse = (0, 0)
        self._header_right = 0  # where the header's text ends (toasts keep clear of it)
        self._mark_right = 0  # where the "Standing" mark ends
        self._images: Dict[tuple, Optional[pygame.Surface]] = {}
        self._said = ""  # announcements spoken before the next passage
        from .pause_card import Classroom
        self.room = Classroom(self)  # projector mode: letters, pause card, countdown, tally
        self.new_passage()

    @property
    def rt(self):
        return self.app.session.rt

    # ---- state -----------------------------------------------------------------------

    def new_passage(self) -> None:
        self.passage = self.rt.passage
        self.views = self.rt.choices
        cps = self.app.settings.chars_per_second
        self.revealed = 0.0 if cps > 0 else math.inf
        self.scroll.offset = 0
        self.text_scroll.offset = 0
        self.focus = next((i for i, v in enumerate(self.views) if v.available), 0)
        self.room.new_passage()
        self.layout()
        self.room.update(0)
        self.app.speech.say(self.spoken())
        self.app.dirty = True

    @property
    def busy(self) -> bool:
        """The typewriter is still revealing (scripted input waits for this)."""
        return self.block is not None and self.revealed < self.block.chars

    @property
    def animating(self) -> bool:
        return self.busy or self.anim.animating or self.room.animating

    def update(self, dt: float) -> bool:
        changed = self.anim.update(dt)
        if self.busy:
            self.revealed += dt * self.app.settings.chars_per_second
            self._follow_reveal()
            changed = True
        return self.room.update(dt) or changed

    def _follow_reveal(self) -> None:
        """Keep the line being typed in view when the passage is taller than its card."""
        if self.block is None or self.text_scroll.max_offset <= 0 or self.revealed == math.inf:
            return
        bottom = dict(self.els)["text"] + self.block.reveal_bottom(int(self.revealed))
        over = bottom - self.text_scroll.offset - (self.text_scroll.view.bottom - self.theme.px(8))
        if over > 0:
            self.text_scroll.by(over)

    def page(self, sign: int) -> bool:
        """PageDown / PageUp: turn the passage's page (a whole number of lines)."""
        ts = self.text_scroll
        step = self.page_step()
        target = (round(ts.offset / step) + sign) * step
        return ts.by(min(target, ts.max_offset) - ts.offset)

    def page_step(self) -> int:
        """A page of the passage: the whole lines its view holds (at least one)."""
        line = self.block.line_h if self.block is not None else self.theme.px(30)
        return max(line, (self.text_scroll.view.h - self.theme.px(8)) // line * line)

    def pages(self) -> Tuple[int, int]:
        """(this page, how many) of a passage taller than its card."""
        ts = self.text_scroll
        step = self.page_step()
        count = 1 + -(-ts.max_offset // step)
        here = count if ts.offset >= ts.max_offset else 1 + -(-ts.offset // step)
        return min(here, count), count

    def finish_reveal(self) -> None:
        self.revealed = math.inf
        self.app.dirty = True

    # ---- layout ----------------------------------------------------------------------

    def layout(self) -> None:
        """The left column is the passage card with the choices pinned under it. When the two
        do not fit, the card keeps a fair share of the height and its content scrolls (wheel,
        PageUp/PageDown, the "Page 1 of 2" pill), so the choices stay on screen. Only when the
        choices alone need more than the rest of the column do they scroll too."""
        t = self.theme
        margin, top = t.px(28), t.px(80)
        panel_w = max(t.px(300), min(t.px(380), int(t.w * 0.3)))
        if self.app.settings.projector and t.w < t.px(1500):
            panel_w = t.px(300)  # a small room: the passage and the choices come first
        self.panel.rect = pygame.Rect(t.w - margin - panel_w, top, panel_w, t.h - top - margin)
        col = pygame.Rect(margin, top, self.panel.rect.x - margin - t.px(24), t.h - top - margin)
        self.column = col
        gap, between = t.px(10), t.px(16)
        self._make_buttons()
        least_card = max(t.px(130), int(col.h * 0.26))  # the passage never gets less
        heights = [b.measure(self.rend, col.w) for b in self.buttons]
        if sum(heights) + gap * len(heights) + between > col.h - least_card:
            for b in self.buttons:  # tight (large text, projector): less padding, same text
                b.compact = True
            heights = [b.measure(self.rend, col.w) for b in self.buttons]
        choices_h = sum(heights) + gap * max(0, len(heights) - 1)
        # The passage keeps the larger part: at least the choices' height (up to half the
        # column) while every choice still shows; when both cannot, the choices stay whole
        # (the class votes on them) and the passage pages.
        least_card = max(least_card, min(choices_h, col.h // 2, col.h - choices_h - between))
        room = col.h - choices_h - between  # what the card may have with every choice shown

        pad = t.px(28)
        inner = col.w - 2 * pad
        p = self.passage
        y = pad
        els: List[Tuple[str, int]] = [("episode", y)]
        y += self.rend.label("bold", "tiny", "X", (0, 0, 0)).get_height() + t.px(12)
        if p.speaker:
            els.append(("speaker", y))
            y += t.px(62)
        self._img_h = 0
        self.block = self.rend.block(p.text, inner, "body", "body", 1.55)
        visible = max(least_card, room) - t.px(56)  # the card's view when it has to scroll
        if p.image:
            base = t.px(110 if self.app.settings.projector else 150)
            self._img_h = max(t.px(72), min(base, int(room * 0.3)))
            # The picture is scenery: it never pushes the passage's first lines out of view.
            if y + self._img_h + t.px(18) + 2 * self.block.line_h > visible:
                self._img_h = 0
            img = self._image(p.image, inner) if self._img_h else None
            if img is not None:
                els.append(("image", y))
                y += img.get_height() + t.px(18)
        els.append(("text", y))
        y += self.block.height
        self.extra_blocks = {}
        if p.fact:
            self.extra_blocks["fact"] = self.rend.block(reflow(p.fact.note), inner - t.px(32),
                                                        "small", "body", 1.35)
            els.append(("fact", y + t.px(20)))
            y += t.px(20) + self._box_h("fact")
        if p.pause:
            self.extra_blocks["pause"] = self.rend.block(reflow(p.pause), inner - t.px(32), "body",
                                                         "bold", 1.35)
            els.append(("pause", y + t.px(20)))
            y += t.px(20) + self._box_h("pause")
        content_h = y + pad
        if (content_h > max(least_card, room) and max(least_card, room) < t.px(260)) \
                or self.app.settings.projector:
            # A cramped card (a small window) or the projector: the header already names
            # the episode, so its label gives its line to the passage.
            cut = els[1][1] - els[0][1]
            els = [(kind, ey - cut) for kind, ey in els[1:]]
            content_h -= cut

        card_h = max(min(content_h, least_card), min(content_h, room))
        self.card = pygame.Rect(col.x, col.y, col.w, card_h)
        self.pad = pad
        self.els = [(kind, col.y + ey) for kind, ey in els]
        if content_h > card_h:  # the passage scrolls inside the card, above a footer strip
            band = t.px(10)
            foot = self.rend.label("bold", "tiny", "X", (0, 0, 0)).get_height() + t.px(22)
            clip = pygame.Rect(col.x, col.y + band, col.w, card_h - band - foot)
            self.text_scroll.view = clip
            self.text_scroll.content_h = col.y + content_h - pad + t.px(12) - clip.y
        else:
            self.text_scroll.view = self.card.copy()
            self.text_scroll.content_h = self.card.h
        self.text_scroll.clamp()

        ring = t.px(10)  # room for the focus ring around the choices
        cy = self.card.bottom + between
        self.scroll.view = pygame.Rect(col.x - ring, cy - ring, col.w + 2 * ring,
                                       col.bottom - cy + 2 * ring)
        y = cy
        for b, h in zip(self.buttons, heights):
            b.rect = pygame.Rect(col.x, y, col.w, h)
            y += h + gap
        self.scroll.content_h = choices_h + 2 * ring
        self.scroll.clamp()

    def _box_h(self, kind: str) -> int:
        t = self.theme
        head = self.rend.label("bold", "tiny", "X", (0, 0, 0)).get_height()
        return t.px(14) * 2 + head + t.px(8) + self.extra_blocks[kind].height

    def _make_buttons(self) -> None:
        if self.rt.ending is not None:
            self.buttons = self.room.decorate(
                [Button(_("See the debrief"), self.to_ending, kind="primary", number=1)])
            return
        self.buttons = self.room.decorate([
            Button(v.text, (lambda i=i: self.pick(i)), sub=v.reason, enabled=v.available,
                   number=i + 1 if i < 9 else None, kind="choice")
            for i, v in enumerate(self.views)])

    def _image(self, rel: str, width: int) -> Optional[pygame.Surface]:
        key = (rel, width, self._img_h, self.theme.pal.card)
        if key not in self._images:
            self._images[key] = None
            # Read through the pack's source, so pictures in zip packs show too and a path
            # is re-checked against the pack folder at the moment it is read.
            data = read_asset(self.app.session.pack.root, rel)
            try:
                if data is not None:
                    picture = pygame.image.load(io.BytesIO(data), rel)
                    self._images[key] = on_card(banner(picture, width, self._img_h,
                                                       self.theme.px(18)), self.theme.pal.card)
            except (pygame.error, OSError, ZeroDivisionError):
                pass  # a broken picture never stops the story
        return self._images[key]

    # ---- actions ---------------------------------------------------------------------

    def pick(self, i: int) -> None:
        if not 0 <= i < len(self.views):
            return
        v = self.views[i]
        if not v.available:
            self.refused(self.buttons[i])
            return
        if self.room.blocks():  # a discussion pause or the countdown holds the choice back
            return
        events = self.app.session.choose(v.index)
        self.app.feed.next_scene()
        self.announce(events)
        self.new_passage()
        if self.app.session.autosave_error:
            self.app.toast(self.app.session.autosave_error, "down")

    def to_ending(self) -> None:
        from .ending import EndingScreen
        self.app.push(EndingScreen(self.app))

    def announce(self, events: List[ev.Event]) -> None:
        """Ratings become floating notifications, score moves animate, all with sound."""
        from ...text import announce
        rt, app = self.rt, self.app
        fmt = rt.pack.regime.scale.fmt
        motion = not app.settings.reduced_motion
        said = []
        for e in events:
            if isinstance(e, ev.RatingReceived):
                # Translators: who rated you, when the rater has no name
                app.feed.rating(e.name or _("Anonymous"), e.by, e.stars, fmt(e.rater_score),
                                e.weight, e.count)
                app.sound.play("notify")
            elif isinstance(e, ev.BehaviourRecorded) and rt.pack.regime.visible:
                app.feed.message(e.saw, "up" if e.impact >= 0 else "down",
                                 # Translators: {label} is a category of behaviour the
                                 # system keeps a record of (e.g. "Speech")
                                 _("Recorded: {label}").format(label=e.label),
                                 tail=signed_text(rt.pack.regime.scale.decimals, e.impact))
            elif isinstance(e, ev.ScoreChanged):
                self.anim.move(e.old, e.new, motion)
                app.sound.play("up" if e.delta > 0 else "down")
            elif isinstance(e, ev.TierChanged):
                # Translators: {old} and {new} are names of score tiers
                app.feed.message(_("From {old} to {new}").format(old=e.old_name, new=e.new_name),
                                 "up" if e.up else "down",
                                 _("Your tier rose") if e.up else _("Your tier fell"))
                app.sound.play("tier_up" if e.up else "tier_down")
            elif isinstance(e, (ev.FriendAdded, ev.FriendRemoved, ev.CharacterScoreChanged)):
                line = announce(e, rt)
                if line:
                    kind = "down" if isinstance(e, ev.FriendRemoved) or (
                        isinstance(e, ev.CharacterScoreChanged) and e.new < e.old) else "up"
                    app.feed.message(line, kind)
            if not (isinstance(e, ev.BehaviourRecorded) and not rt.pack.regime.visible):
                line = announce(e, rt)
                if line and not isinstance(e, ev.EpisodeStarted):
                    said.append(line)
        self._said = " ".join(said)
        app.dirty = True

    def undo(self) -> None:
        """Back one choice. Going back into the previous episode is never silent: it asks
        first (Cancel focused) and says where it went."""
        sess = self.app.session
        if not self.rt.can_undo:
            self.app.toast(_("Nothing to undo yet"), "locked")
        elif self.rt.undo_crosses_episode:
            from .menu import ConfirmDialog
            here = sess.episode_title()
            self.app.push(ConfirmDialog(
                self.app, _("Go back into the previous episode?"),
                # Translators: {episode} is the title of the episode being played
                _("{episode} has no choice of yours yet. Undo would take back the last choice "
                  "of the episode before, leaving this one.").format(episode=here),
                [(_("Go back into the previous episode"), self._undo_across, ""),
                 (_("Cancel"), None, _("Stay in {episode}").format(episode=here))]))
        elif sess.undo():
            self._undone(_("Went back one choice"))

    def _undo_across(self) -> None:
        self.rt.undo(cross_episode=True)
        self.app.session.autosave()
        self._undone(_("Went back into {episode}: its last choice is undone").format(
            episode=self.app.session.episode_title()))

    def _undone(self, line: str) -> None:
        self.anim.snap(self.rt.score)
        self.app.feed.clear()
        self.new_passage()
        self.app.toast(line, "info")

    def reload(self) -> None:
        from .error import ErrorScreen
        from ..session import PackProblem
        try:
            msg = self.app.session.reload()
        except PackProblem as p:
            self.app.push(ErrorScreen(self.app, p.path, p.diagnostics, p.message, reload=True))
            return
        self._images.clear()
        self.anim.snap(self.rt.score)
        self.new_passage()
        self.app.toast(msg, "info", "F5")

    def back(self) -> None:
        from .menu import PauseMenu
        self.app.push(PauseMenu(self.app))

    def entered(self) -> None:
        # Settings may have changed (text size, theme); the session may have been reloaded.
        self.passage = self.rt.passage
        self.views = self.rt.choices

    def toast_anchor(self):
        """Notifications never cover the passage, the choices or the score panel: they stack
        in the free space under the choices when the first of them fit there, else they show
        as compact one-line pills in the header band (one or two at a time, the rest
        queued)."""
        n = self._under_choices()
        if n:
            return self.column.right, self.column.bottom, False, n
        return self.header_band()

    def _under_choices(self) -> int:
        """How many notification cards fit under the last choice (0: use the header)."""
        feed, t = self.app.feed, self.theme
        last = self.to_screen(self.buttons[-1].rect).bottom if self.buttons else self.card.bottom
        free = self.column.bottom - max(last, self.scroll.view.bottom - t.px(10)) - t.px(14)
        n = feed.fits(free)
        return n if n >= min(2, len(feed.toasts)) else 0

    def header_band(self) -> pygame.Rect:
        """The header strip above the passage and the panel, right of the header's text (or,
        when that leaves too little room, right of the "Standing" mark: the pack and episode
        title then give way while a notification shows)."""
        t = self.theme
        top, bottom = t.px(6), self.column.y - t.px(8)
        right = t.w - t.px(28)
        left = self._header_right + t.px(24)
        if right - left < t.px(380):
            left = self._mark_right + t.px(20)
        return pygame.Rect(left, top, right - left, bottom - top)

    def _band_active(self) -> bool:
        return bool(self.app.feed.toasts) and not self._under_choices()

    def on_key(self, e: pygame.event.Event) -> bool:
        if e.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP) and self.busy:
            self.finish_reveal()  # first the rest of the text, so paging never shows a blank
            return True
        if e.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP) and self.text_scroll.max_offset > 0:
            self.page(1 if e.key == pygame.K_PAGEDOWN else -1)
            return True  # reading on never moves the focus
        if self.busy and e.key not in (pygame.K_ESCAPE, pygame.K_F5):
            self.finish_reveal()  # any key skips the typewriter
            return True
        if self.room.on_key(e):  # A-D, T class vote, S skip the countdown
            return True
        ctrl = bool(e.mod & pygame.KMOD_CTRL)
        if e.key == pygame.K_F5:
            self.reload()
        elif e.key == pygame.K_h:
            from .history import HistoryScreen
            self.app.push(HistoryScreen(self.app))
        elif e.key == pygame.K_u or (ctrl and e.key == pygame.K_z):
            self.undo()
        else:
            return False
        return True

    def handle(self, e: pygame.event.Event) -> bool:
        if e.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            self._mouse = e.pos
        if (e.type == pygame.MOUSEBUTTONUP and e.button == 1 and self._more is not None
                and self._more.collidepoint(e.pos)):
            if self.busy:
                self.finish_reveal()
                return True
            last = self.text_scroll.offset >= self.text_scroll.max_offset
            return self.page(-self.pages()[1] if last else 1)  # the last page: back to the top
        if self.busy and e.type == pygame.MOUSEBUTTONDOWN and e.button == 1:
            if self._more is not None and self._more.collidepoint(e.pos):
                return True
            self.finish_reveal()
            return True
        return super().handle(e)

    def wheel(self, y: int) -> bool:
        """The wheel scrolls what is under the pointer: the panel, the choices or the passage."""
        pos = self._mouse
        if self.panel.rect.collidepoint(pos):
            return self.panel.scroll.by(-y * self.theme.px(50))
        if self.scroll.view.collidepoint(pos) and self.scroll.max_offset > 0:
            return self.scroll.by(-y * self.theme.px(60))
        return self.text_scroll.by(-y * self.theme.px(60))

    def hit(self, pos):
        return None if self.busy else super().hit(pos)

    def spoken(self) -> str:
        p = self.passage
        parts = [self._said] if self._said else []
        self._said = ""
        if p.speaker_name:
            score = self.rt.pack.regime.scale.fmt(self.rt.score_of(p.speaker))
            # Translators: read aloud before a passage: who speaks and their score
            parts.append(_("{name}, {score}.").format(name=p.speaker_name, score=score))
        parts.append(p.text)
        for i, v in enumerate(self.views, 1):
            if v.available:
                parts.append(_("Choice {number}: {choice}.").format(number=i, choice=v.text))
            else:
                # Translators: read aloud; {reason} says why the choice cannot be taken
                parts.append(_("Choice {number}: {choice}. Locked: {reason}.").format(
                    number=i, choice=v.text, reason=v.reason))
        if self.rt.ending is not None:
            parts.append(_("Press Enter to see the debrief."))
        return " ".join(parts)

    # ---- drawing ---------------------------------------------------------------------

    def draw(self, surf: pygame.Surface) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        radius = t.px(28)
        floor = backdrop(r, surf, ((self.card, pal.card, radius, pal.card_edge),
                                   (self.panel.rect, pal.card, radius, pal.card_edge)))
        self._top_bar(surf)
        clip = self.passage_clip()
        surf.set_clip(clip)
        off = -self.text_scroll.offset
        x = self.card.x + self.pad
        for kind, y in self.els:
            getattr(self, "_draw_" + kind)(surf, x, y + off)
        surf.set_clip(None)
        self._draw_more(surf, clip)
        if not self.busy:
            surf.set_clip(self.scroll.view)
            self.draw_buttons(surf)
            surf.set_clip(None)
            self.scroll.draw_bar(surf, t)
        self.panel.draw(surf, self.rt, self.anim, self.app.settings.reduced_motion, floor=floor)
        self.room.draw(surf, self.panel.rect)

    def passage_clip(self) -> pygame.Rect:
        """Where passage content may draw: the whole card, or when it scrolls, the card less a
        thin band at the top and a footer strip (the page pill) at the bottom."""
        return self.text_scroll.view

    def _draw_more(self, surf: pygame.Surface, clip: pygame.Rect) -> None:
        """The paging cue: soft fades where text continues, a bar, and a "Page 1 of 2 · PgDn"
        pill (a click turns the page; on the last page it goes back to the first)."""
        self._more = None
        ts = self.text_scroll
        if ts.max_offset <= 0:
            return
        t, pal, r = self.theme, self.theme.pal, self.rend
        fade_h = t.px(26)
        inset = t.px(16)
        if ts.offset > 0:
            surf.blit(self._fade(clip.w - 2 * inset, fade_h, False), (clip.x + inset, clip.y))
        here, count = self.pages()
        last = ts.offset >= ts.max_offset
        if not last:
            surf.blit(self._fade(clip.w - 2 * inset, fade_h, True),
                      (clip.x + inset, clip.bottom - fade_h))
        # The page cue stays on the last page too, so the class always sees where it is.
        # Translators: a small pill under a long passage; PgUp and PgDn are key names
        cue = _("Page {page} of {pages}  ·  PgUp") if last else \
            _("Page {page} of {pages}  ·  PgDn")
        label = r.label("bold", "tiny", cue.format(page=here, pages=count), pal.accent_text)
        tri = t.px(10)
        w = label.get_width() + tri + t.px(36)
        h = label.get_height() + t.px(10)
        pill = pygame.Rect(0, 0, w, h)
        pill.center = (self.card.centerx, (clip.bottom + self.card.bottom) // 2)
        pygame.draw.rect(surf, pal.accent, pill, border_radius=h // 2)
        if t.contrast:
            pygame.draw.rect(surf, pal.text, pill, 2, border_radius=h // 2)
        cx, cy = pill.x + t.px(14) + tri // 2, pill.centery
        d = -1 if last else 1  # the arrow points where PgDn or PgUp goes
        pygame.draw.polygon(surf, pal.accent_text, [(cx - tri // 2, cy - d * tri // 4),
                                                    (cx + tri // 2, cy - d * tri // 4),
                                                    (cx, cy + d * tri // 3)])
        surf.blit(label, (cx + tri // 2 + t.px(8), cy - label.get_height() // 2))
        self._more = pill
        ts.draw_bar(surf, t)

    def _fade(self, w: int, h: int, down: bool) -> pygame.Surface:
        """A strip that fades the card colour in over scrolled text (cached per size)."""
        key = ("fade", w, h, down, self.theme.pal.card)
        cache = self.rend._shapes
        s = cache.get(key)
        if s is None:
            s = pygame.Surface((max(1, w), h), pygame.SRCALPHA)
            c = self.theme.pal.card
            for i in range(h):
                a = (i + 1) / h if down else 1 - i / h
                pygame.draw.line(s, c + (round(235 * a ** 1.5),), (0, i), (w, i))
            cache[key] = s
        return s

    def _top_bar(self, surf: pygame.Surface) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        y = t.px(24)
        mark = r.label("heading", "h3", "Standing", pal.accent)
        surf.blit(mark, (t.px(28), y))
        sess = self.app.session
        where = r.label("body", "small", f"{sess.pack.info.title}  ·  {sess.episode_title()}",
                        pal.muted)
        self._mark_right = t.px(28) + mark.get_width()
        self._header_right = t.px(28) + mark.get_width() + t.px(16) + where.get_width()
        band = self._band_active()
        if band and self.header_band().x < self._header_right:
            pass  # a notification has the header for now; the title returns after it
        else:
            surf.blit(where, (t.px(28) + mark.get_width() + t.px(16),
                              y + mark.get_height() - where.get_height() - t.px(2)))
        if band:
            return  # the key hints give their place to the notifications
        # Translators: key hints in the play screen's header; A–D, T, Esc, H, U and F5 are
        # key names (keep them); space is tight
        keys = (_("A\u2013D choose  ·  T class vote  ·  Esc menu") if self.app.settings.projector
                else _("Esc menu  ·  H history  ·  U undo  ·  F5 reload"))
        hint = r.label("body", "tiny", keys, pal.muted)
        hx = t.w - t.px(28) - hint.get_width()
        if hx > t.px(28) + mark.get_width() + where.get_width() + t.px(40):
            surf.blit(hint, (hx, y + mark.get_height() - hint.get_height() - t.px(2)))

    def _draw_episode(self, surf, x: int, y: int) -> None:
        pal = self.theme.pal
        s = self.rend.label("bold", "tiny", self.app.session.episode_title().upper(), pal.accent)
        surf.blit(s, (x, y))

    def _draw_speaker(self, surf, x: int, y: int) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        p = self.passage
        rad = t.px(24)
        draw_avatar(r, surf, (x + rad, y + rad), rad, p.speaker_name,
                    person_colour(p.speaker or "", t.contrast))
        name = r.label("bold", "h3", p.speaker_name, pal.text)
        nx = x + 2 * rad + t.px(14)
        surf.blit(name, (nx, y + rad - name.get_height() + t.px(4)))
        score = self.rt.pack.regime.scale.fmt(self.rt.score_of(p.speaker))
        st = r.star(t.px(15), pal.star)
        surf.blit(st, (nx, y + rad + t.px(6)))
        s = r.label("body", "small", score, pal.muted)
        surf.blit(s, (nx + t.px(20), y + rad + t.px(6) + (st.get_height() - s.get_height()) // 2))

    def _draw_image(self, surf, x: int, y: int) -> None:
        img = self._image(self.passage.image, self.card.w - 2 * self.pad)
        if img is not None:
            surf.blit(img, (x, y))

    def _draw_text(self, surf, x: int, y: int) -> None:
        reveal = None if self.revealed == math.inf else int(self.revealed)
        self.block.draw(self.rend, surf, x, y, self.theme.pal.text, reveal, self.passage_clip())

    def _draw_fact(self, surf, x: int, y: int) -> None:
        fact = self.passage.fact
        label = FACT_LABELS.get(fact.kind)
        self._box(surf, x, y, "fact", _(label) if label else fact.kind.upper())

    def _draw_pause(self, surf, x: int, y: int) -> None:
        self._box(surf, x, y, "pause", _("DISCUSSION PAUSE"))

    def _box(self, surf, x: int, y: int, kind: str, label: str) -> None:
        if self.busy:
            return
        t, pal, r = self.theme, self.theme.pal, self.rend
        rect = pygame.Rect(x, y, self.card.w - 2 * self.pad, self._box_h(kind))
        pygame.draw.rect(surf, pal.chip, rect, border_radius=t.px(14))
        if t.contrast:
            pygame.draw.rect(surf, pal.muted, rect, 1, border_radius=t.px(14))
        c = chip(r, surf, x + t.px(16), y + t.px(12), label, pal.accent, pal.accent_text, "tiny")
        self.extra_blocks[kind].draw(r, surf, x + t.px(16), c.bottom + t.px(8), pal.text)


def on_card(picture: pygame.Surface, card) -> pygame.Surface:
    """`picture` (with its rounded corners' alpha) flattened onto the card's colour, where it
    is always drawn: an opaque blit costs a third of a per-pixel alpha one."""
    flat = pygame.Surface(picture.get_size()).convert()
    flat.fill(card)
    flat.blit(picture, (0, 0))
    return flat


def banner(raw: pygame.Surface, w: int, h: int, radius: int) -> pygame.Surface:
    """A picture for a w x h strip with rounded corners, made once. It covers the strip
    (cropping the middle) unless that would cut away more than a third of it; then the whole
    picture is shown, centred on a soft, blurred copy of itself."""
    raw = raw.convert_alpha()
    rw, rh = raw.get_width(), raw.get_height()
    cover, contain = max(w / rw, h / rh), min(w / rw, h / rh)
    out = pygame.Surface((w, h), pygame.SRCALPHA)
    big = pygame.transform.smoothscale(raw, (max(w, round(rw * cover)), max(h, round(rh * cover))))
    if contain / cover < 0.67:
        small = pygame.transform.smoothscale(big, (max(1, big.get_width() // 16),
                                                   max(1, big.get_height() // 16)))
        big = pygame.transform.smoothscale(small, big.get_size())  # the blurred backdrop
        out.blit(big, ((w - big.get_width()) // 2, (h - big.get_height()) // 2))
        fit = pygame.transform.smoothscale(raw, (max(1, round(rw * contain)),
                                                 max(1, round(rh * contain))))
        out.blit(fit, ((w - fit.get_width()) // 2, (h - fit.get_height()) // 2))
    else:
        out.blit(big, ((w - big.get_width()) // 2, (h - big.get_height()) // 2))
    mask = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.rect(mask, (255, 255, 255, 255), mask.get_rect(), border_radius=radius)
    out.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return out
