"""Projector mode's classroom cards, and the play screen's classroom helper:

- PauseCardScreen: a scene's discussion pause, full-screen, until the teacher continues.
- TallyScreen: the teacher types the show-of-hands count for each lettered choice; the game takes
  the majority (locked choices cannot win), shows any tie-break, and then makes the choice.
- Classroom: held by the play screen. Letters choices A, B, C...; holds the choices back behind
  the pause card and the countdown; opens the tally card on T.

The rules themselves (letters, countdown, majority, tie-break, storing the tallies) are in
game/classroom/vote.py, and the state they share with the presenter window (the vote, the
countdown, the pending pause) in `app.classroom` (game/classroom/session.py); neither has pygame.
"""
from __future__ import annotations

import math
from typing import Callable, List, Optional

import pygame

from ...classroom.vote import VoteResult, letter, letter_index, store
from ...i18n import _, format_integer, ngettext
from ..theme import mix
from ..widgets import Button, TextBlock, layout
from .base import DIGITS, Screen

LETTER_KEYS = 7  # A to G choose in projector mode (H, T, U and S stay commands)


# ---- the discussion pause ------------------------------------------------------------------------

class PauseCardScreen(Screen):
    """The author's discussion prompt, as large as the window allows. Enter, Space, a click or
    Esc continue to the choices."""
    name = "pause"

    def __init__(self, app, text: str, on_done: Optional[Callable[[], None]] = None):
        super().__init__(app)
        self.text = text
        self.on_done = on_done

    def layout(self) -> None:
        t = self.theme
        self.card = pygame.Rect(t.px(40), t.px(34), t.w - t.px(80), t.h - t.px(68))
        width = self.card.w - t.px(140)
        px = t.text_px("h1") * 3 // 2
        while True:
            self.block = layout(t, self.text, width, px, "heading", 1.25)
            if self.block.height <= self.card.h - t.px(260) or px <= t.text_px("h2"):
                break
            px = px * 9 // 10
        self.buttons = [Button(_("Continue to the choices"), self.done, kind="primary")]
        b = self.buttons[0]
        bw = min(self.card.w - t.px(120),
                 self.rend.measure("bold", t.text_px("choice"), b.label) + t.px(80))
        h = b.measure(self.rend, bw)
        b.rect = pygame.Rect(self.card.centerx - bw // 2, self.card.bottom - t.px(36) - h, bw, h)

    def toast_anchor(self):
        return self.strip_clear_of(self.card)

    def done(self) -> None:
        self.app.pop()
        if self.on_done:
            self.on_done()

    def back(self) -> None:
        self.done()

    def handle(self, e) -> bool:
        if e.type == pygame.MOUSEBUTTONUP and e.button == 1 and self.card.collidepoint(e.pos):
            self.done()
            return True
        return super().handle(e)

    def spoken(self) -> str:
        # Translators: read aloud; {text} is the author's discussion question
        return _("Discussion pause. {text} Press Enter to continue to the choices.").format(
            text=self.text)

    def draw(self, surf: pygame.Surface) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        surf.blit(r.background(t.w, t.h), (0, 0))
        r.blit_card(surf, self.card, pal.card, t.px(34), pal.accent if t.contrast
                    else pal.card_edge, edge_w=3 if t.contrast else 1)
        x = self.card.x + t.px(70)
        k = r.label("bold", "small", _("DISCUSSION PAUSE"), pal.accent)
        surf.blit(k, (x, self.card.y + t.px(48)))
        hint = r.label("body", "tiny", _("Talk first. Enter or a click continues."), pal.muted)
        surf.blit(hint, (self.card.right - t.px(40) - hint.get_width(),
                         self.card.y + t.px(48) + k.get_height() - hint.get_height()))
        top = self.card.y + t.px(48) + k.get_height() + t.px(24)
        room = self.buttons[0].rect.y - t.px(24) - top
        self.block.draw(r, surf, x, top + max(0, (room - self.block.height) // 2), pal.text)
        self.draw_buttons(surf)


# ---- the class vote ----------------------------------------------------------------------------

class TallyScreen(Screen):
    """Type the hands for each choice (a letter or the arrows pick the row, digits type, Backspace
    deletes), Enter counts them; Enter again takes the winning choice. Esc goes back a phase."""
    name = "tally"
    overlay = True

    def __init__(self, app, options: List[str], available: List[bool], reasons: List[str],
                 seed: int, step: int, on_result: Callable[[VoteResult], None]):
        super().__init__(app)
        self.options, self.reasons = options, reasons
        # The vote lives in the classroom session, so the presenter window shows it too.
        self.vote = app.classroom.open_vote(options, available, reasons, seed, step)
        self.entry = self.vote.entry
        self.seed, self.step = seed, step
        self.on_result = on_result

    @property
    def result(self) -> Optional[VoteResult]:
        return self.vote.result

    @result.setter
    def result(self, value: Optional[VoteResult]) -> None:
        self.vote.result = value
        self.app.classroom.changed()

    @property
    def message(self) -> str:
        return self.vote.message

    @message.setter
    def message(self, value: str) -> None:
        self.vote.message = value

    def layout(self) -> None:
        """The card: heading, hint, the explanation of the result (a tie-break, a locked
        winner) or a typing problem, the rows, the buttons. When it would not fit the window,
        it widens and then the rows' text gets smaller: the explanation is never under the
        buttons."""
        t = self.theme
        for width, kind in ((1000, "body"), (1400, "body"), (1400, "small")):
            h = self._layout(min(t.px(width), t.w - t.px(60)), kind)
            if h <= t.h - t.px(30):
                break

    def _layout(self, w: int, kind: str) -> int:
        t, r = self.theme, self.rend
        self.inner = w - t.px(64)
        self.head = r.label("heading", "h2", _("Class vote") if self.result is None
                            else _("The class has chosen"), t.pal.text)
        rows: List[TextBlock] = [r.block(f"{o}", self.inner - t.px(250), kind, "body", 1.25)
                                 for o in self.options]
        self.rows = rows
        self.subs = [None if ok else r.block(locked_line(why), self.inner - t.px(250), "tiny",
                                             "italic", 1.2)
                     for ok, why in zip(self.entry.available, self.reasons)]
        self.row_h = [max(b.height + (sub.height + t.px(2) if sub else 0), t.text_px("h2"))
                      + t.px(26 if kind == "body" else 14) for b, sub in zip(rows, self.subs)]
        extra = []
        if self.result is not None:
            for s in (self.result.tie_break, self.result.locked_note):
                if s:
                    extra.append(r.block(s, self.inner, "body", "bold", 1.3))
        if self.message:
            extra.append(r.block(self.message, self.inner, "small", "bold", 1.3))
        self.extra = extra
        # Translators: "hands" are the raised hands of a show-of-hands vote, typed as numbers
        hint = (_("Type the hands for each choice: a letter or the arrows pick the row, digits "
                  "type, Enter counts.") if self.result is None else
                _("Enter takes the class's choice  \u00b7  Esc changes the counts"))
        self.hint = r.block(hint, self.inner, "small", "italic", 1.3)
        h = t.px(30) + self.head.get_height() + t.px(12) + self.hint.height + t.px(16) + \
            sum(self.row_h) + sum(b.height + t.px(10) for b in extra) + t.px(30)
        # Translators: {letter} is the winning choice's letter (A, B, C...)
        self.buttons = [Button(_("Take {letter}").format(letter=letter(self.result.chosen)),
                               self.apply, kind="primary")
                        if self.result is not None else
                        Button(_("Count the votes"), self.count, kind="primary"),
                        Button(_("Cancel"), self.app.pop, kind="quiet")]
        from .debrief import row_buttons
        bh = row_buttons(self, self.buttons, 0, 0, self.inner, t.px(12))
        h += bh
        need = h
        h = min(h, t.h - t.px(30))
        self.card = pygame.Rect((t.w - w) // 2, (t.h - h) // 2, w, h)
        for b in self.buttons:
            b.rect.move_ip(self.card.x + t.px(32), self.card.bottom - t.px(26) - bh)
        self.focus = 0
        return need

    def toast_anchor(self):
        return self.strip_clear_of(self.card)

    # ---- actions ---------------------------------------------------------------------

    def count(self) -> None:
        if self.vote.count() is None:
            self.app.sound.play("locked")
        self.app.classroom.changed()
        self.layout()
        if self.result is not None:
            self.app.speech.say(self.spoken())
        self.app.dirty = True

    def apply(self) -> None:
        result = self.result
        self.app.classroom.close_vote(taken=True)
        self.app.pop()
        if result is not None:
            self.on_result(result)

    def back(self) -> None:
        if self.result is not None:
            self.result = None
            self.layout()
        else:
            self.app.pop()

    def on_key(self, e) -> bool:
        k = e.key
        if self.result is not None:
            if k in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.focus == 0:
                self.apply()
                return True
            return False
        ch = e.unicode or ""
        self.message = ""
        i = letter_index(ch, len(self.options)) if ch.isalpha() else None
        if i is not None:
            self.entry.select(i)
        elif ch.isdigit():
            self.entry.type(ch)
        elif k in (pygame.K_BACKSPACE, pygame.K_DELETE):
            self.entry.backspace()
        elif k in (pygame.K_DOWN, pygame.K_TAB) and not (e.mod & pygame.KMOD_SHIFT):
            self.entry.move(1)
        elif k in (pygame.K_UP, pygame.K_TAB):
            self.entry.move(-1)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.focus == 1:
                self.app.pop()
            else:
                self.count()
        else:
            return False
        self.app.classroom.changed()
        self.app.dirty = True
        return True

    def handle(self, e) -> bool:
        if e.type == pygame.MOUSEBUTTONUP and e.button == 1 and self.result is None:
            for i, rect in enumerate(getattr(self, "_row_rects", [])):
                if rect.collidepoint(e.pos):
                    self.entry.select(i)
                    self.app.classroom.changed()
                    self.app.dirty = True
                    return True
        return super().handle(e)

    def spoken(self) -> str:
        if self.result is None:
            return " ".join([_("Class vote. Type the number of hands for each choice.")] + [
                # Translators: read aloud: a choice's letter, then its text
                _("{letter}: {choice}.").format(letter=letter(i), choice=o)
                for i, o in enumerate(self.options)])
        r = self.result
        # Translators: read aloud after a class vote: the counts and the winner, then why it
        # won (a tie-break) and whether a locked choice had the most hands; either may be empty
        return _("{summary}. {tie_break} {locked_note}").format(
            summary=r.summary(), tie_break=r.tie_break, locked_note=r.locked_note)

    # ---- drawing ---------------------------------------------------------------------

    def draw(self, surf: pygame.Surface) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        r.blit_card(surf, self.card, pal.card, t.px(28), pal.text if t.contrast
                    else pal.card_edge, edge_w=2 if t.contrast else 1)
        x = self.card.x + t.px(32)
        y = self.card.y + t.px(30)
        surf.blit(self.head, (x, y))
        y += self.head.get_height() + t.px(12)
        self.hint.draw(r, surf, x, y, pal.muted)
        y += self.hint.height + t.px(16)
        for b in self.extra:  # why this choice won (or what to fix), before the rows
            b.draw(r, surf, x, y, pal.text if self.result is not None else pal.down)
            y += b.height + t.px(10)
        counts = self.result.counts if self.result is not None else self.entry.counts
        most = max(list(counts) + [1])
        self._row_rects = []
        for i, (block, h) in enumerate(zip(self.rows, self.row_h)):
            row = pygame.Rect(x - t.px(10), y, self.inner + t.px(20), h - t.px(6))
            self._row_rects.append(row)
            open_ = self.entry.available[i]
            focused = self.result is None and i == self.entry.focus
            won = self.result is not None and i == self.result.chosen
            if won or focused:
                pygame.draw.rect(surf, pal.button_hover if not won else mix(pal.card, pal.accent,
                                 0.25 if not t.contrast else 0.0), row, border_radius=t.px(12))
                pygame.draw.rect(surf, pal.accent, row, pal.focus_width, border_radius=t.px(12))
            # the letter
            rad = max(t.px(17), t.text_px("small") * 3 // 4)
            c = (x + rad, row.centery)
            fg = pal.text if open_ else pal.locked_text
            if open_:
                pygame.draw.circle(surf, pal.accent, c, rad)
                s = r.label("bold", "small", letter(i), pal.accent_text)
            else:
                pygame.draw.circle(surf, pal.locked_text, c, rad, t.px(2))
                s = r.label("bold", "small", letter(i), pal.locked_text)
            surf.blit(s, s.get_rect(center=c))
            tx = x + 2 * rad + t.px(14)
            sub = self.subs[i]
            th = block.height + (sub.height + t.px(2) if sub else 0)
            block.draw(r, surf, tx, row.centery - th // 2, fg)
            if sub is not None:
                sub.draw(r, surf, tx, row.centery - th // 2 + block.height + t.px(2),
                         pal.locked_text)
            # the count: a typed field, or a bar after counting
            right = row.right - t.px(14)
            if self.result is None:
                text = self.entry.texts[i] or "0"
                field = pygame.Rect(right - t.px(110), row.y + t.px(6), t.px(110), row.h - t.px(12))
                pygame.draw.rect(surf, pal.card, field, border_radius=t.px(8))
                pygame.draw.rect(surf, pal.accent if focused else pal.muted, field,
                                 t.px(3) if focused else 1, border_radius=t.px(8))
                n = r.label("bold", "h2", text, pal.text if self.entry.texts[i] else pal.muted)
                surf.blit(n, n.get_rect(midright=(field.right - t.px(12), field.centery)))
            else:
                n = r.label("bold", "h2", format_integer(counts[i]), fg)
                bar_w = t.px(140)
                bar = pygame.Rect(right - bar_w, row.centery - t.px(7), bar_w, t.px(14))
                pygame.draw.rect(surf, pal.star_empty, bar, border_radius=t.px(7))
                fill = bar.copy()
                fill.w = max(0, round(bar_w * counts[i] / most))
                if fill.w:
                    pygame.draw.rect(surf, pal.accent if open_ else pal.locked_text, fill,
                                     border_radius=t.px(7))
                surf.blit(n, n.get_rect(midright=(bar.x - t.px(12), row.centery)))
            y += h
        self.draw_buttons(surf)


def locked_line(reason: str) -> str:
    """The line under a locked choice on the tally card: why, and that its hands still count."""
    if not reason:
        return _("Locked: not available. Its hands are counted, but it cannot win.")
    # Translators: {reason} says why the choice is locked (the author's words)
    return _("Locked: {reason}. Its hands are counted, but it cannot win.").format(
        reason=reason)


# ---- the play screen's classroom helper ----------------------------------------------------------

class Classroom:
    """Projector mode on the play screen: letters, the pause card, the countdown, the tally."""

    def __init__(self, play):
        self.play = play
        self.countdown = None  # the countdown and the pending pause live in app.classroom
        self.pause_pending = False
        self._scene = None
        self._shown = False  # the choices have been scrolled into view for this passage

    @property
    def app(self):
        return self.play.app

    @property
    def countdown(self):
        return self.app.classroom.countdown

    @countdown.setter
    def countdown(self, value) -> None:
        self.app.classroom.countdown = value
        self.app.classroom.changed()

    @property
    def pause_pending(self) -> bool:
        return self.app.classroom.pause_pending

    @pause_pending.setter
    def pause_pending(self, value: bool) -> None:
        self.app.classroom.pause_pending = value
        self.app.classroom.changed()

    @property
    def on(self) -> bool:
        return self.app.settings.projector

    def new_passage(self) -> None:
        """A new passage: a pause holds the choices back; the countdown starts afresh."""
        p = self.play.passage
        if (p.scene, len(self.play.rt.state.history)) != self._scene:
            self._scene = (p.scene, len(self.play.rt.state.history))
            self.pause_pending = self.on and bool(p.pause) and self.play.rt.ending is None
            self.countdown = None
            self._shown = False
        self._maybe_start()

    def show_choices(self) -> None:
        """Projector mode: once the passage is read, scroll so every choice is on screen for
        the show of hands (the top of the passage may scroll away; the wheel brings it back)."""
        play = self.play
        if self._shown or not self.on or play.busy or not play.buttons:
            return
        self._shown = True
        top = play.buttons[0].rect.top - play.scroll.view.y
        bottom = play.buttons[-1].rect.bottom - play.scroll.view.y
        if bottom - top + play.theme.px(32) > play.scroll.view.h:
            bottom = top + play.scroll.view.h - play.theme.px(32)
        play.scroll.reveal(top, bottom)
        self.app.dirty = True

    def _maybe_start(self) -> bool:
        secs = self.app.settings.countdown
        if (self.on and secs > 0 and self.countdown is None and not self.pause_pending
                and not self.play.busy and len(self.play.views) > 1):
            self.app.classroom.start_countdown(secs)
            return True
        return False

    @property
    def counting(self) -> bool:
        return self.countdown is not None and not self.countdown.done

    @property
    def animating(self) -> bool:
        if self.app.classroom.timer.held:
            return False  # H in the presenter window holds the countdown: nothing moves
        return self.counting or (self.on and self.app.settings.countdown > 0
                                 and self.countdown is None and not self.pause_pending
                                 and self.play.busy)

    def update(self, dt: float) -> bool:
        if not self._shown and self.on and not self.play.busy:
            self.show_choices()
        if self._maybe_start():
            return True
        if not self.counting or self.app.classroom.timer.held:
            return False
        changed = self.app.classroom.tick(dt)
        if self.countdown.done:
            self.app.sound.play("notify")
            self.app.speech.say(_("Time to choose."))
            return True
        return changed or not self.app.settings.reduced_motion

    # ---- buttons and keys ----------------------------------------------------------------

    def decorate(self, buttons: List[Button]) -> List[Button]:
        """Letters on the choices (and A on an ending's one button); the pause button in
        place of the choices while it waits."""
        if not self.on:
            return buttons
        if self.play.rt.ending is not None:
            for i, b in enumerate(buttons):
                b.badge = letter(i)
            return buttons
        if self.pause_pending:
            return [Button(_("Open the discussion pause"), self.open_pause, kind="primary",
                           sub=_("The question, full-screen; the choices come after it"))]
        for i, b in enumerate(buttons):
            b.badge = letter(i)
            # Translators: read aloud: a choice's letter, then its text
            b.speak = _("{letter}: {choice}").format(letter=letter(i), choice=b.label)
            # A size smaller than the passage: the passage keeps the larger part of the screen
            # and every lettered choice still shows for the show of hands.
            b.size = "small"
        return buttons

    def blocks(self) -> bool:
        """True (with a message) while a choice cannot be made yet."""
        if self.pause_pending:
            self.open_pause()
            return True
        if self.counting:
            self.app.sound.play("locked")
            n = self.countdown.shown
            # Translators: "s" is seconds; S is the key that skips the countdown
            self.app.toast(ngettext("{n} s left to talk it over. S skips the countdown.",
                                    "{n} s left to talk it over. S skips the countdown.", n)
                           .format(n=n), "locked", _("Not yet"))
            return True
        return False

    def on_key(self, e) -> bool:
        """Projector keys. While the countdown runs, letters and digits choose nothing and
        move nothing (they only say how long is left), and T opens the tally card, so a
        teacher typing the hands early never commits a choice; taking the vote ends the
        countdown."""
        ch = (e.unicode or "").lower()
        if self.play.rt.ending is not None:
            if self.on and ch and letter_index(ch, len(self.play.buttons)) is not None:
                self.play.activate(letter_index(ch, len(self.play.buttons)))
                return True
            return False
        if e.key == pygame.K_t and not (e.mod & pygame.KMOD_CTRL):
            self.open_tally()
            return True
        if not self.on:
            return False
        if e.key == pygame.K_s and self.counting:
            self.countdown.skip()
            self.update(0)
            self.app.dirty = True
            return True
        i = letter_index(ch, min(LETTER_KEYS, len(self.play.views))) if ch else None
        if i is not None and self.pause_pending:
            self.open_pause()
            return True
        if self.counting and (i is not None or e.key in DIGITS):
            self.blocks()
            return True
        if i is not None:
            self.play.set_focus(i, speak=False)
            self.play.pick(i)
            return True
        return False

    def open_pause(self) -> None:
        def done() -> None:
            self.pause_pending = False
            self._shown = False
            self.play.layout()
            self.show_choices()
            self._maybe_start()
            self.app.dirty = True
        self.app.push(PauseCardScreen(self.app, self.play.passage.pause, done))

    def open_tally(self) -> None:
        play = self.play
        views = play.views
        if not views:
            return
        if self.pause_pending:
            self.open_pause()
            return
        rt = play.rt
        step = len(rt.state.history) + 1

        def chosen(result: VoteResult) -> None:
            store(rt.state, result)
            line = result.summary()
            if result.tie_break:
                # Translators: a class vote's result, then how a tie between choices was broken
                line = _("{summary}. {tie_break}").format(summary=line, tie_break=result.tie_break)
            if self.counting:
                self.countdown.skip()  # the class has voted: the talking is over
            play.pick(result.chosen)
            self.app.toast(line, "info", _("Class vote"))  # after the choice: news of the new scene

        self.app.push(TallyScreen(self.app, [v.text for v in views], [v.available for v in views],
                                  [v.reason for v in views], rt.state.seed, step, chosen))

    # ---- drawing -------------------------------------------------------------------------

    def draw(self, surf: pygame.Surface, area: pygame.Rect) -> None:
        """The countdown, large, over the top of `area` (the profile panel)."""
        if not self.counting:
            return
        t, pal, r = self.play.theme, self.play.theme.pal, self.play.rend
        widest = r.label("heading", "h1", "30", pal.text).get_width()
        rad = max(t.px(44), widest // 2 + t.px(18))
        tx = area.x + t.px(22) + 2 * rad + t.px(18)
        # Both lines wrap in the room beside the ring: a translation may be longer.
        room = area.right - tx - t.px(16)
        a = r.block(_("TALK IT OVER"), room, "small", "bold", 1.2)
        # Translators: under the countdown; S is the key that skips it
        b = r.block(_("Choices open at zero  \u00b7  S skips"), room, "small", "body", 1.25)
        h = max(2 * rad + t.px(36), a.height + b.height + t.px(44))
        card = pygame.Rect(area.x, area.bottom - h, area.w, h)
        r.blit_card(surf, card, pal.card, t.px(24), pal.accent, edge_w=3)
        c = (area.x + t.px(22) + rad, card.centery)
        pygame.draw.circle(surf, pal.star_empty, c, rad, t.px(8))
        if self.app.settings.reduced_motion:
            frac = 1.0  # no sweeping ring: the number alone changes, once a second
        else:
            frac = self.countdown.fraction
        if frac > 0:
            rect = pygame.Rect(0, 0, 2 * rad, 2 * rad)
            rect.center = c
            start = math.pi / 2
            pygame.draw.arc(surf, pal.accent, rect, start, start + 2 * math.pi * frac, t.px(8))
        n = r.label("heading", "h1", str(self.countdown.shown), pal.text)
        surf.blit(n, n.get_rect(center=c))
        top = card.centery - (a.height + t.px(6) + b.height) // 2
        a.draw(r, surf, tx, top, pal.accent)
        b.draw(r, surf, tx, top + a.height + t.px(6), pal.text)
