"""The teacher's presenter window: the second view of the classroom session.

Like a slide deck's presenter view: the projector shows the audience window (the game's own
window), and this window, on the teacher's laptop, shows what only the teacher needs: the notes
for this scene and ending, the next prompt, the class vote with its tallies, the lesson clock,
and a thumbnail of what the class sees. It draws `app.classroom` (game/classroom/session.py)
and never changes the audience's screens itself: keys it does not use steer the audience window,
so the teacher can run the lesson from the laptop.

    choose_displays(2, audience=-1)   # (1, 0): the projector is usually the second display
    choose_displays(1, audience=-1)   # (0, None): one display, no presenter window
"""
from __future__ import annotations

import dataclasses
import time
from typing import List, Optional, Tuple

import pygame

from ..classroom import clock_text
from ..classroom.vote import letter
from ..i18n import _, N_
from .theme import Theme
from .widgets import Renderer

SIZE = (1280, 800)
THUMB_EVERY = 1 / 15  # while the projector changes, the thumbnail follows at 15 fps
SETTLED = 0.3  # seconds without a projector frame before the thumbnail is redone smoothly
MIN_SIZE = (800, 500)
HOLD_KEY, PAUSE_KEY = pygame.K_h, pygame.K_p
# Translators: the presenter's key help. Key names (T, Enter, Esc, P, S, H, F6) stay as they are.
KEYS_HELP = N_("T  class vote  ·  letters and digits type the hands  ·  Enter counts, then "
               "takes  ·  Esc cancels  ·  P  discussion pause  ·  S  skip the countdown  ·  H  "
               "hold the clock  ·  arrows, Enter, Esc and the letters steer the projector  ·  "
               "F6  votes from phones")
TITLE = N_("Standing \u2014 presenter (only you see this)")


def choose_displays(count: int, audience: int = -1) -> Tuple[int, Optional[int]]:
    """(audience display, presenter display or None) for `count` displays. `audience` -1 means
    the last display (laptops list their own screen first); a number past the end falls back
    to that too. With one display there is no presenter window."""
    count = max(1, count)
    aud = audience if 0 <= audience < count else count - 1
    if count == 1:
        return 0, None
    return aud, (0 if aud != 0 else 1)


def centred_on(display: int) -> int:
    """SDL's "centred on display N" window position (SDL_WINDOWPOS_CENTERED_DISPLAY)."""
    return 0x2FFF0000 | display


class PresenterWindow:
    def __init__(self, app, display: Optional[int] = None, size=SIZE):
        self.app = app
        pos = (centred_on(display),) * 2 if display is not None else pygame.WINDOWPOS_CENTERED
        if display is not None:
            desk = pygame.display.get_desktop_sizes()
            if display < len(desk):
                size = (min(size[0], desk[display][0]), min(size[1], desk[display][1] - 60))
        self.window = pygame.Window(_(TITLE), size, position=pos, resizable=True)
        self.window.minimum_size = MIN_SIZE
        # The teacher's own screen: their text size and colours, not the projector's.
        self.settings = dataclasses.replace(app.settings, projector=False)
        self.theme = Theme(self.settings, self.window.size)
        self.rend = Renderer(self.theme)
        self.surface = self.window.get_surface()
        self.dirty = True
        self.full = False
        self.frames = 0
        self._thumb: Optional[pygame.Surface] = None
        self._thumb_stale = True
        self._thumb_smooth = False
        self._thumb_at = 0.0
        self._audience_at = 0.0  # when the projector last drew
        self._thumb_box: Optional[pygame.Rect] = None
        self._version = -1
        self._clock_shown = ""
        # the phones' counts as drawn: (text, where its lines are, the column's clip)
        self._phones: Tuple[str, Optional[pygame.Rect], pygame.Rect] = \
            ("", None, pygame.Rect(0, 0, 0, 0))
        self._last_block = pygame.Rect(0, 0, 0, 0)

    # ---- events ------------------------------------------------------------------------

    def owns(self, e: pygame.event.Event) -> bool:
        w = getattr(e, "window", None)
        return w is not None and w.id == self.window.id

    def handle(self, e: pygame.event.Event) -> bool:
        """True when the event was the presenter's own; other keys steer the audience."""
        if e.type == pygame.WINDOWCLOSE:
            self.app.close_presenter()
            return True
        if e.type in (pygame.WINDOWRESIZED, pygame.WINDOWSIZECHANGED):
            self.resized()
            return True
        if e.type in (pygame.KEYDOWN, pygame.KEYUP):
            return self.on_key(e)
        self.dirty = self.dirty or e.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED,
                                              pygame.WINDOWSHOWN)
        return True  # the mouse over this window never reaches the audience's buttons

    def on_key(self, e: pygame.event.Event) -> bool:
        if e.key == pygame.K_F11:
            if e.type == pygame.KEYDOWN:
                self.full = not self.full
                self.window.set_fullscreen(desktop=True) if self.full else \
                    self.window.set_windowed()
            return True
        if e.key == pygame.K_F2:
            return True  # F2 is the one-screen fallback; here the notes are always shown
        if e.key not in (HOLD_KEY, PAUSE_KEY) or e.mod & pygame.KMOD_CTRL:
            return False
        if e.type == pygame.KEYDOWN:
            if e.key == HOLD_KEY:
                self.app.classroom.toggle_hold()
            else:
                self.app.open_discussion_pause()
            self.app.dirty = True
        return True

    def resized(self) -> None:
        self.surface = self.window.get_surface()
        self.theme.resize(self.surface.get_size())
        self.rend.clear()
        self._thumb = None
        self.dirty = True

    def refresh_settings(self) -> None:
        """Text size, contrast or the language changed in Settings: follow them (never
        projector mode)."""
        self.window.title = _(TITLE)
        self.settings = dataclasses.replace(self.app.settings, projector=False)
        self.theme.settings = self.settings
        self.resized()

    # ---- what moves --------------------------------------------------------------------

    def audience_drawn(self) -> None:
        self._thumb_stale = True
        self._audience_at = time.perf_counter()

    def next_change(self) -> Optional[float]:
        """Seconds until this window must redraw on its own: the clock's next second, a
        thumbnail held back by the 15 fps limit, or the smooth one once the projector settles."""
        waits = [self.app.classroom.next_change()]
        now = time.perf_counter()
        if self._thumb_stale:
            waits.append(self._thumb_at + THUMB_EVERY - now)
        if not self._thumb_smooth:
            waits.append(self._audience_at + SETTLED - now)
        waits = [max(0.0, w) for w in waits if w is not None]
        return min(waits) if waits else None

    def update(self) -> bool:
        """True when this window must be redrawn: all of it when the session moved or the clock
        ticked, only the thumbnail when the projector's picture changed."""
        room = self.app.classroom
        if self.app.session is not None:
            room.follow(self.app.session.rt)
        if room.version != self._version:
            self.dirty = True
        if clock_text(room.timer.elapsed()) != self._clock_shown:
            self.dirty = True
        if self.dirty or room.phones_status != self._phones[0]:
            return True
        now = time.perf_counter()
        if self._thumb_stale and now - self._thumb_at >= THUMB_EVERY:
            return True
        return not self._thumb_smooth and now - self._audience_at >= SETTLED

    # ---- drawing -----------------------------------------------------------------------

    def draw(self) -> None:
        if not self.dirty and self._thumb_box is not None and self._redraw_phones():
            self._blit_thumbnail(self.surface)
            self.window.flip()
            self.frames += 1
            return
        t, r = self.theme, self.rend
        surf = self.surface
        room = self.app.classroom
        self._version = room.version
        surf.blit(r.background(t.w, t.h), (0, 0))
        pad = t.px(24)
        top = self._draw_bar(surf, pad)
        right_w = min(t.w * 9 // 20, t.px(620))
        left = pygame.Rect(pad, top, t.w - right_w - 3 * pad, t.h - top - pad)
        right = pygame.Rect(left.right + pad, top, right_w, left.h)
        self._draw_thumbnail(surf, right)
        surf.set_clip(left)  # the vote comes before the longer notes: it must stay in sight
        n = room.notes
        y = self._section(surf, left.x, left.y, left.w, _("Next prompt"),
                          n.next_prompt or _("None in this scene."), "h3")
        y = self._draw_vote(surf, pygame.Rect(left.x, y, left.w, left.bottom - y))
        self._phones = ("", None, left)
        if room.phones_status:  # votes from phones (game/ui/phones.py): counts only
            y = self._section(surf, left.x, y + t.px(12), left.w, _("Phones"),
                              room.phones_status)
            self._phones = (room.phones_status, self._last_block, left)
        self._draw_notes(surf, pygame.Rect(left.x, y + t.px(16), left.w, left.bottom - y))
        surf.set_clip(None)
        self.window.flip()
        self.dirty = False
        self.frames += 1

    def _draw_bar(self, surf: pygame.Surface, pad: int) -> int:
        t, pal, r = self.theme, self.theme.pal, self.rend
        room = self.app.classroom
        kicker = r.label("bold", "small", _("PRESENTER  \u00b7  ONLY YOU SEE THIS WINDOW"),
                         pal.accent)
        surf.blit(kicker, (pad, pad))
        self._clock_shown = clock_text(room.timer.elapsed())
        clock = r.label("heading", "h1", self._clock_shown, pal.text)
        x = t.w - pad - clock.get_width()
        surf.blit(clock, (x, pad))
        # Translators: under the lesson clock; H is the key.
        under = _("held (H resumes)") if room.timer.held else _("lesson time (H holds)")
        if room.counting:
            # Translators: {seconds} left of the countdown, then "lesson time (H holds)".
            under = _("countdown {seconds} s  \u00b7  {clock}").format(
                seconds=room.countdown.shown, clock=under)
        u = r.label("body", "tiny", under, pal.muted)
        surf.blit(u, (t.w - pad - u.get_width(), pad + clock.get_height()))
        n = room.notes
        where = "  \u00b7  ".join(s for s in (n.episode, n.ending or n.scene) if s) or \
            _("No game open yet: start one on the projector (Enter, arrows)")
        h = r.label("heading", "h2", where, pal.text)
        surf.blit(h, (pad, pad + kicker.get_height() + t.px(6)))
        return pad + max(kicker.get_height() + t.px(6) + h.get_height(),
                         clock.get_height() + u.get_height()) + t.px(16)

    def _section(self, surf, x: int, y: int, w: int, head: str, text: str,
                 kind: str = "body") -> int:
        t, pal, r = self.theme, self.theme.pal, self.rend
        k = r.label("bold", "tiny", head.upper(), pal.muted)
        surf.blit(k, (x, y))
        y += k.get_height() + t.px(4)
        b = r.block(text, w, kind, "body", 1.35)
        b.draw(r, surf, x, y, pal.text)
        self._last_block = pygame.Rect(x, y, w, b.height)
        return y + b.height + t.px(14)

    def _redraw_phones(self) -> bool:
        """Redraw only the phones' counts when they alone changed (a vote arrived) and still
        take the same lines: the rest of the window stays as drawn. False when the whole
        window must be drawn again."""
        room = self.app.classroom
        shown, box, left = self._phones
        if room.phones_status == shown:
            return True
        if box is None or not room.phones_status:
            return False
        t, r = self.theme, self.rend
        b = r.block(room.phones_status, box.w, "body", "body", 1.35)
        if b.height != box.h:
            return False
        surf = self.surface
        surf.set_clip(box.clip(left))
        surf.blit(r.background(t.w, t.h), box, box)
        b.draw(r, surf, box.x, box.y, t.pal.text)
        surf.set_clip(None)
        self._phones = (room.phones_status, box, left)
        return True

    def _draw_notes(self, surf, area: pygame.Rect) -> int:
        n = self.app.classroom.notes
        x, y, w = area.x, area.y, area.w
        if n.ending_notes:
            y = self._section(surf, x, y, w, _("For facilitators"), n.ending_notes, "small")
        if len(n.prompts) > 1:
            y = self._section(surf, x, y, w, _("The ending's prompts"),
                              "\n".join(f"{i}. {p}" for i, p in enumerate(n.prompts, 1)),
                              "small")
        if n.fact:
            y = self._section(surf, x, y, w, _("Behind this scene"), n.fact, "small")
        return y

    def _vote_lines(self) -> Tuple[str, List[Tuple[str, bool]], List[str]]:
        """(heading, option rows with whether each won, sentences under them)."""
        room = self.app.classroom
        vote = room.vote
        if vote is None:
            last = room.last_vote
            # Translators: {summary} is "A 12  ·  B 9: the class chose A".
            texts = [_("Last vote: {summary}").format(summary=last.summary()) if last else
                     _("No vote yet."), last.tie_break if last else "",
                     _("T opens a vote on the current choices.")]
            return _("Class vote"), [], [s for s in texts if s]
        counts = vote.result.counts if vote.result else vote.entry.counts
        rows = []
        for i, option in enumerate(vote.options):
            mark = "> " if vote.result is None and i == vote.entry.focus else "   "
            n = vote.entry.texts[i] if vote.result is None else str(counts[i])
            if not vote.entry.available[i]:
                # Translators: a locked choice in the presenter's vote table.
                option = _("{choice}  (locked)").format(choice=option)
            rows.append((f"{mark}{letter(i)}   {n or '0':>4}   {option}",
                         vote.result is not None and i == vote.result.chosen))
        if vote.result is not None:
            texts = [vote.result.tie_break, vote.result.locked_note,
                     _("Enter takes {letter}; Esc changes the counts.").format(
                         letter=vote.result.letter)]
            return _("The class has chosen"), rows, [s for s in texts if s]
        return _("Class vote"), rows, [s for s in (vote.message, _(
            "Digits type the hands for the marked row; a letter or the arrows pick the row; "
            "Enter counts.")) if s]

    def _draw_vote(self, surf, area: pygame.Rect) -> int:
        t, pal, r = self.theme, self.theme.pal, self.rend
        head, rows, texts = self._vote_lines()
        w = area.w - t.px(36)
        row_h = t.text_px("body") * 3 // 2
        blocks = [r.block(s, w, "small", "body", 1.3) for s in texts]
        h = t.px(28) + t.text_px("h3") + t.px(14) + len(rows) * row_h + t.px(8) + \
            sum(b.height + t.px(6) for b in blocks)
        card = pygame.Rect(area.x, area.y, area.w, min(h, area.h))
        r.blit_card(surf, card, pal.card, t.px(18), pal.card_edge)
        x, y = card.x + t.px(18), card.y + t.px(14)
        surf.blit(r.label("heading", "h3", head, pal.text), (x, y))
        y += t.text_px("h3") + t.px(14)
        for text, won in rows:
            s = r.label("bold" if won else "body", "body", text, pal.accent if won else pal.text)
            surf.blit(s, (x, y), pygame.Rect(0, 0, w, s.get_height()))
            y += row_h
        y += t.px(8)
        for b in blocks:
            b.draw(r, surf, x, y, pal.text)
            y += b.height + t.px(6)
        return card.bottom

    def _draw_thumbnail(self, surf, area: pygame.Rect) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        k = r.label("bold", "tiny", _("THE CLASS SEES"), pal.muted)
        surf.blit(k, area.topleft)
        aw, ah = self.app.surface.get_size()
        tw = area.w
        th = tw * ah // max(1, aw)
        self._thumb_box = box = pygame.Rect(area.x, area.y + k.get_height() + t.px(6), tw, th)
        self._blit_thumbnail(surf)
        pygame.draw.rect(surf, pal.text, box.inflate(4, 4), 2)
        b = r.block(_(KEYS_HELP), area.w, "small", "body", 1.35)
        b.draw(r, surf, area.x, box.bottom + t.px(16), pal.muted)

    def _blit_thumbnail(self, surf) -> None:
        box = self._thumb_box
        smooth = time.perf_counter() - self._audience_at >= SETTLED  # ~2 ms: only when settled
        if self._thumb_stale or self._thumb is None or (smooth and not self._thumb_smooth) \
                or self._thumb.get_size() != box.size:
            src = self.app.surface
            if smooth:  # nearest to twice the size, then smooth: a quarter of the cost
                w, h = src.get_size()
                if w > 2 * box.w:
                    src = pygame.transform.scale(src, (2 * box.w, 2 * box.h))
                self._thumb = pygame.transform.smoothscale(src, box.size)
            else:
                self._thumb = pygame.transform.scale(src, box.size)
            self._thumb_stale, self._thumb_smooth = False, smooth
            self._thumb_at = time.perf_counter()
        surf.blit(self._thumb, box)
