"""Votes from phones, in the window: the bridge between the game loop and game/phones' server,
the join card with its QR code, and the teacher's keys.

    F6   phones on or off (on: the join card shows on the projector)
    F7   the join card again (late arrivals)
    F8   this computer only <-> the room's network (restarts the server: a new QR code)

The bridge runs once per frame (`app.phones.sync()`), reads the server's news without waiting,
opens a phone round when a choice is put to the class (the choices are on screen, after any
discussion pause), and closes it when the teacher counts the vote (T, Enter), when the countdown
reaches zero with phone votes in, or when the choice is made another way. The count goes through
the projector's own vote (game/classroom/vote.py decide), so majority, locked choices and the
visible tie-break are the same as for a show of hands, and the report keeps the tally.
"""
from __future__ import annotations

import sys
from typing import Optional, Tuple

import pygame

from ..classroom.vote import letter
from ..i18n import _, ngettext
from ..phones import (Announce, CloseRound, Counts, EndRound, Failed, OpenRound, PhoneServer,
                      Ready, choices)
from .screens.base import Screen
from .widgets import Button

KEY_TOGGLE, KEY_JOIN, KEY_LAN = pygame.K_F6, pygame.K_F7, pygame.K_F8
KEYS = (KEY_TOGGLE, KEY_JOIN, KEY_LAN)
SWITCH_S = 0.0005  # the interpreter lock's handover while phones are on (see PhoneBridge)
WAKE = pygame.event.custom_type()  # posted by the server's thread: news is waiting


def on_key(app, key: int) -> None:
    if key == KEY_TOGGLE and app.phones is not None:
        stop(app)
    elif key == KEY_TOGGLE:
        start(app, lan=getattr(app, "phones_lan", False))
    elif key == KEY_JOIN:
        if app.phones is None:
            start(app, lan=getattr(app, "phones_lan", False))
        elif app.top is None or app.top.name != "join":
            app.push(JoinScreen(app))
    elif key == KEY_LAN:
        app.phones_lan = not getattr(app, "phones_lan", False)
        if app.phones is not None:
            stop(app, quiet=True)
        start(app, lan=app.phones_lan)
    app.dirty = True


def start(app, lan: bool = False) -> None:
    app.phones_lan = lan
    app.phones = PhoneBridge(app, lan)
    app.push(JoinScreen(app))


def stop(app, quiet: bool = False) -> None:
    bridge, app.phones = app.phones, None
    if bridge is not None:
        bridge.stop(wait=0.0)  # the server unbinds on its own thread; the game goes on
    if app.top is not None and app.top.name == "join":
        app.pop()
    if not quiet:
        app.toast(_("Phones are off: the vote server has stopped and its votes are gone."),
                  "info", _("Phones off"))


def _wake() -> None:
    try:
        pygame.event.post(pygame.event.Event(WAKE))
    except pygame.error:
        pass  # the window is closing


class PhoneBridge:
    def __init__(self, app, lan: bool = False, port: int = 0):
        self.app = app
        self.server = PhoneServer(lan=lan, port=port, wake=_wake)
        self.ready: Optional[Ready] = None
        self.problem = ""
        self.counts = Counts(0, 0, 0, (), 0, 0.0)
        self.round = 0  # the open phone round's number, 0 when none
        self._ids = 0
        self._key: Optional[Tuple] = None  # the choice point the round is for
        self._counted = False
        self._vote = None  # the classroom vote the round's tally went into
        self._announced = False
        self._was_counting = False
        self.changes = 0  # how many times the counts shown moved (the join card redraws)
        self.drawn_at: Optional[float] = None  # the latest Counts' server time, once shown
        app.classroom.phones = self
        self._switch = sys.getswitchinterval()
        # The server's thread and the game's share the interpreter lock, and each hands it
        # back only when the other has waited a whole switch interval (default 5 ms). A burst
        # of votes makes hundreds of handovers (every socket call and every blit releases the
        # lock): at 5 ms each, frames took 30 ms and the last votes 300 ms to be counted.
        sys.setswitchinterval(SWITCH_S)
        self.server.start()

    def stop(self, wait: float = 1.0) -> None:
        """Stop the server (and forget its votes); wait up to `wait` s for it to unbind."""
        room = self.app.classroom
        room.phones, room.phones_status = None, ""
        room.changed()
        self.server.stop(wait)
        sys.setswitchinterval(self._switch)

    # ---- once per frame ----------------------------------------------------------------

    def sync(self) -> None:
        self._drain()
        self._follow_choices()
        self._countdown_closes()
        self._announce()

    def _drain(self) -> None:
        news = self.server.events()
        for ev in news:
            if isinstance(ev, Ready):
                self.ready = ev
            elif isinstance(ev, Failed):
                self.problem = ev.message
                self.app.toast(ev.message, "locked", _("Phones"))
            elif isinstance(ev, Counts):
                self.counts = ev
        if news:
            self._status()

    def _status(self) -> None:
        """The presenter's lines about the phones (counts only), in the current language:
        made again at each piece of news and after a change of language (App.relayout)."""
        c, room = self.counts, self.app.classroom
        if self.problem:
            text = self.problem
        elif self.ready is None:
            text = _("Starting the vote server\u2026")
        else:
            text = ngettext("{n} phone joined", "{n} phones joined", c.joined).format(n=c.joined)
            if self.round and not self._counted:
                # Translators: after "{n} phones joined" on the presenter's screen.
                text += "  \u00b7  " + _("{votes} of {joined} voted").format(
                    votes=c.votes_in, joined=c.joined)
            text += "\n" + (_("Room {room}  \u00b7  the room's network  \u00b7  F7 shows the QR "
                              "code") if self.ready.lan else
                            _("Room {room}  \u00b7  this computer only (F8: the room's network)  "
                              "\u00b7  F7 shows the QR code")).format(room=self.ready.room)
        if text != room.phones_status:
            room.phones_status = text  # the presenter redraws these lines (or all, if they
            # take more room); the audience only if the join card shows the count
            self.changes += 1
        self.drawn_at = c.at

    def refresh(self) -> None:
        """The language changed: say the status lines again in the new one."""
        self._status()

    def _play(self):
        for s in reversed(self.app.stack):
            if getattr(s, "name", "") == "play":
                return s
        return None

    def _follow_choices(self) -> None:
        """Open a round when a choice is put to the class; end it when the run moved on."""
        play = self._play()
        key = None
        if play is not None and self.app.session is not None:
            rt = play.rt
            if rt.ending is None and play.views and not self.app.classroom.pause_pending \
                    and not play.busy:
                key = (id(rt), len(rt.state.history), rt.state.scene)
        if key == self._key:
            return
        if self.round and not self._counted:
            self.server.send(EndRound(self.round))
        self._key, self.round = key, 0
        self._counted, self._vote, self._announced = False, None, False
        if key is not None:
            self._ids += 1
            self.round = self._ids
            views = play.views
            self.server.send(OpenRound(self.round, choices(
                [v.text for v in views], [v.available for v in views],
                [v.reason for v in views])))
        self._status()

    def _countdown_closes(self) -> None:
        """The countdown reaching zero closes the phones' vote and counts it, as T then
        Enter would."""
        room = self.app.classroom
        counting = room.counting
        ended = self._was_counting and not counting and room.countdown is not None \
            and room.countdown.done
        self._was_counting = counting
        if not ended or not self.round or self._counted or self.counts.votes_in == 0:
            return
        play = self._play()
        if play is None or self.app.top is not play:
            return
        play.room.open_tally()
        top = self.app.top
        if getattr(top, "name", "") == "tally":
            top.count()

    def _announce(self) -> None:
        vote = self._vote
        if vote is None or self._announced or vote.result is None:
            return
        self._announced = True
        i = vote.result.chosen
        # Translators: on the phones once the vote is counted: {letter} and {choice} are the
        # winning choice's letter and text.
        self.server.send(Announce(self.round, _("The class chose {letter}: {choice}").format(
            letter=letter(i), choice=vote.options[i])))

    # ---- the classroom vote's hook (game/classroom/session.py Vote.count) --------------

    def close_into(self, vote) -> None:
        """The teacher counts: close the round at the votes seen so far and add them to the
        hands typed for each choice. Votes that reach the server later are dropped (their
        phones are told), so the count shown is the count kept."""
        self._drain()
        c = self.counts
        if not self.round or self._counted or c.round != self.round:
            return
        self._counted, self._vote = True, vote
        self.server.send(CloseRound(self.round, c.seq))
        if len(c.counts) == len(vote.entry.texts) and any(c.counts):
            vote.entry.texts = [str(n + h) if n + h else "" for n, h in
                                zip(c.counts, vote.entry.counts)]
        self._status()


# ---- the join card ------------------------------------------------------------------------------

def qr_surface(text: str, size: int) -> pygame.Surface:
    """`text` as a QR code, black on white with its quiet zone, scaled to at most `size` px
    by whole pixels (so every module stays sharp). segno draws it here: no network."""
    import segno
    rows = [list(r) for r in segno.make(text, error="m", boost_error=False).matrix]
    n, quiet = len(rows), 4
    small = pygame.Surface((n + 2 * quiet, n + 2 * quiet))
    small.fill((255, 255, 255))
    for y, row in enumerate(rows):
        for x, on in enumerate(row):
            if on:
                small.set_at((x + quiet, y + quiet), (0, 0, 0))
    k = max(1, size // small.get_width())
    return pygame.transform.scale(small, (small.get_width() * k, small.get_height() * k))


class JoinScreen(Screen):
    """The projector's card for joining: the QR code, the address to type, the room code and
    how many phones have joined. Enter, Esc or a click return to the game."""
    name = "join"

    def __init__(self, app):
        super().__init__(app)
        self._qr: Optional[pygame.Surface] = None
        self._shown = (None, -1)

    def layout(self) -> None:
        t = self.theme
        self.card = pygame.Rect(t.px(40), t.px(34), t.w - t.px(80), t.h - t.px(68))
        self.pad = t.px(48)
        self._qr = None
        self.buttons = [Button(_("Back to the game"), self.app.pop, kind="primary")]
        b = self.buttons[0]
        bw = self.rend.measure("bold", t.text_px("choice"), b.label) + t.px(80)
        h = b.measure(self.rend, bw)
        b.rect = pygame.Rect(self.card.x + self.pad, self.card.bottom - self.pad - h, bw, h)
        # the QR code: as large as the card's height allows, at most half its width
        side = min(self.card.h - 2 * self.pad, self.card.w // 2 - self.pad)
        self.qr_box = pygame.Rect(self.card.right - self.pad - side, self.card.y + self.pad,
                                  side, side)

    def update(self, dt: float) -> bool:
        bridge = self.app.phones
        now = (bridge.ready, bridge.changes) if bridge is not None else (None, -1)
        if now != self._shown:
            self._shown = now
            return True
        return False

    def spoken(self) -> str:
        b = self.app.phones
        if b is None or b.ready is None:
            return _("Starting votes from phones.")
        # Translators: read aloud; {room} is the room code spelt out letter by letter.
        return _("Vote from your phone: scan the code or open {address}. Room {room}. Press "
                 "Enter to return to the game.").format(address=b.ready.url,
                                                       room=" ".join(b.ready.room))


    def _address_size(self, width: int, *lines: str) -> str:
        """The largest text size at which each line of the address fits on one line: a room
        token of wide letters (WWMW) must not break the path where a student cannot tell."""
        t = self.theme
        for kind in ("h2", "h3", "body", "small"):
            if max(self.rend.measure("bold", t.text_px(kind), s) for s in lines) <= width:
                return kind
        return "small"
    def draw(self, surf: pygame.Surface) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        surf.blit(r.background(t.w, t.h), (0, 0))
        r.blit_card(surf, self.card, pal.card, t.px(34), pal.accent, edge_w=3)
        bridge = self.app.phones
        ready = bridge.ready if bridge is not None else None
        x, y = self.card.x + self.pad, self.card.y + self.pad
        w = self.qr_box.x - x - self.pad
        k = r.label("bold", "small", _("VOTE FROM YOUR PHONE"), pal.accent)
        surf.blit(k, (x, y))
        y += k.get_height() + t.px(14)
        if ready is None:
            text = bridge.problem if bridge is not None and bridge.problem else \
                _("Starting the vote server\u2026")
            r.block(text, w, "h2", "heading", 1.3).draw(r, surf, x, y, pal.text)
            self.draw_buttons(surf)
            return
        if self._qr is None:
            self._qr = qr_surface(ready.url, self.qr_box.w)
        surf.blit(self._qr, self._qr.get_rect(center=self.qr_box.center))
        host, _slash, path = ready.url.replace("http://", "").partition("/")
        c = bridge.counts
        # Translators: {room} is the room code (K7QX).
        rows = [(_("Room {room}").format(room=ready.room), "h1", "heading", pal.text),
                (_("Scan the code, or type:"), "small", "body", pal.muted),
                (f"{host}\n/{path}", self._address_size(w, host, "/" + path), "bold",
                 pal.text),
                # Translators: how many phones have joined the vote (shown large).
                (ngettext("{n} joined", "{n} joined", c.joined).format(n=c.joined), "h2",
                 "heading", pal.accent),
                (_("No app, no account, no name: votes are anonymous and nothing is kept "
                   "after the lesson."), "small", "body", pal.muted)]
        if not ready.lan:
            rows.append((_("This computer only: F8 opens it to the room's network."), "small",
                         "italic", pal.muted))
        bottom = self.buttons[0].rect.y - t.px(12)
        for text, kind, role, colour in rows:
            b = r.block(text, w, kind, role, 1.25)
            if y + b.height > bottom:
                break  # a very large text size: the address and the count come first
            b.draw(r, surf, x, y, colour)
            y += b.height + t.px(12)
        self.draw_buttons(surf)
