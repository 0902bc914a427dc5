"""The game window: the screen stack and a main loop that sleeps when nothing moves.

    run_window(args) -> exit code      # args: .pack, .episode, .seed, .projector, .presenter,
                                       #       .audience_display

The loop draws only when something changed and sleeps while idle (see App._sleep_wait), so an
open window costs almost no CPU, with one window or two.

Presenter view: with `--presenter` (or the setting) and two displays, this window goes full
screen on the audience's display (the projector) and a second window, game/ui/presenter.py,
opens on the teacher's. Both draw `app.classroom` (game/classroom/session.py, no pygame). Events
carry the window they came from: the presenter's own keys (H, P, F11) stay there, its other keys
steer this window, its mouse never does. With one display there is no second window, and the
teacher's material waits behind F2 (`app.teacher_view`, never on by default).

Environment hooks for tests and benchmarks:
  STANDING_SCRIPT="down return 1 ..."  inject these keys (pygame key names), then quit;
                                       each key waits until the typewriter has finished.
  STANDING_SCRIPT_STAY=1              after the script, print READY and keep running.
  STANDING_FIRST_FRAME=1              print `FIRST_FRAME <time.time()>` at the first title
                                       frame and exit (start-up benchmark).
  STANDING_PRESENTER=both             with --presenter, open both windows even on one display
                                       (tests, screenshots, a rehearsal on one screen).
"""
from __future__ import annotations

import os
import sys
import time
import warnings
from typing import List, Optional

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame  # noqa: E402

from ..i18n import _  # noqa: E402
from .notifications import Feed  # noqa: E402
from .settings import Settings  # noqa: E402
from .sound import Sound  # noqa: E402
from .speech import Speech  # noqa: E402
from .theme import BASE_H, BASE_W, MIN_H, MIN_W, Theme  # noqa: E402
from .widgets import Button, Renderer  # noqa: E402

FPS = 60
IDLE_WAIT_MS = 5000  # wake now and then even when idle; costs nothing measurable


class App:
    def __init__(self, args=None, size=(BASE_W, BASE_H), settings: Optional[Settings] = None):
        self.args = args
        self.persist = True  # False for screenshots: never touch the player's files
        self.settings = settings or Settings.load()
        self.apply_language()
        self._projector_saved: Optional[bool] = None  # the saved value while --projector holds
        if args is not None and getattr(args, "projector", False):
            self._projector_saved = self.settings.projector
            self.settings.projector = True  # for this run only; not saved unless changed
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("Standing")
        self._classroom = None  # the lesson's shared state, made when first needed
        self.teacher_view = False  # single window: F2 shows the teacher's material
        self.presenter = None  # game.ui.presenter.PresenterWindow while it is open
        self.phones = None  # game.ui.phones.PhoneBridge while votes from phones are on (F6)
        self.display, presenter_display = self._displays(args)
        self._audience_full = False  # full screen for this run only (the presenter's projector)
        if presenter_display is not None and presenter_display != self.display:
            self._audience_full = True
        self.windowed_size = size
        self.surface = self._open_window(size)
        self.theme = Theme(self.settings, self.surface.get_size())
        self.rend = Renderer(self.theme)
        self.feed = Feed(self.rend)
        self.sound = Sound(self.settings)
        self.speech = Speech(self.settings.self_voicing)
        self.stack: List = []
        self.session = None  # game.ui.session.Session while a game is open
        self.running = True
        self.exit_code = 0
        self.dirty = True
        self.frames = 0
        self._script = _parse_script(os.environ.get("STANDING_SCRIPT"))
        self._ready_pending = False
        self._dim: Optional[pygame.Surface] = None
        if presenter_display is not None:
            self.open_presenter(presenter_display)
        if getattr(args, "presenter", False) and self.presenter is None:
            print(_("standing: the presenter window needs a second display (or pygame-ce 2.5); "
                    "playing in one window. F2 shows the facilitator notes."), file=sys.stderr)

    # ---- windows ---------------------------------------------------------------------

    def _displays(self, args):
        """(audience display, presenter display or None) from the command line and settings."""
        want = bool(getattr(args, "presenter", False)) or self.settings.presenter
        chosen = getattr(args, "audience_display", None)
        audience = chosen if chosen is not None else self.settings.audience_display
        if not want:
            return max(0, audience) if audience < pygame.display.get_num_displays() else 0, None
        from .presenter import choose_displays
        count = pygame.display.get_num_displays()
        aud, pres = choose_displays(count, audience)
        if want and pres is None and os.environ.get("STANDING_PRESENTER") == "both":
            pres = aud  # one screen, two windows: a rehearsal, a test
        return aud, pres

    def open_presenter(self, display: Optional[int] = None) -> bool:
        from .presenter import PresenterWindow
        if self.presenter is None:
            try:
                self.presenter = PresenterWindow(self, display)
            except (pygame.error, AttributeError):  # no second window (pygame-ce < 2.5)
                return False
            self.teacher_view = False  # the teacher's material moves to that window
            self.dirty = True
        return True

    def set_presenter(self, on: bool) -> bool:
        """The Presenter view setting: open or close the teacher's window now. False when it
        cannot open (one display): F2 then shows the notes on this screen."""
        self.settings.presenter = on
        if not on:
            self.close_presenter()
            return True
        pres = self._displays(None)[1]
        return pres is not None and self.open_presenter(pres)

    def close_presenter(self) -> None:
        if self.presenter is not None:
            self.presenter.window.destroy()
            self.presenter = None
            self.dirty = True

    def _open_window(self, size) -> pygame.Surface:
        full = self.settings.fullscreen or self._audience_full
        try:
            surf = pygame.display.set_mode((0, 0) if full else size,
                                           pygame.FULLSCREEN if full else pygame.RESIZABLE,
                                           display=self.display)
        except pygame.error:
            if self.display == 0:
                raise
            self.display = 0  # that display went away (a projector unplugged): the first one
            return self._open_window(size)
        try:
            with warnings.catch_warnings():  # the only pygame-ce 2.5 way to reach the window
                warnings.simplefilter("ignore", DeprecationWarning)
                pygame.Window.from_display_module().minimum_size = (MIN_W, MIN_H)
        except (AttributeError, pygame.error):
            pass  # older pygame: the resize handler enforces the minimum instead
        return surf

    def set_fullscreen(self, on: bool) -> None:
        self.settings.fullscreen = on
        self._audience_full = False
        self.surface = self._open_window(self.windowed_size)
        self.relayout()

    def resized(self, w: int, h: int) -> None:
        if not self.settings.fullscreen:
            w, h = max(w, MIN_W), max(h, MIN_H)
            self.windowed_size = (w, h)
            if (w, h) != self.surface.get_size():
                self.surface = pygame.display.set_mode((w, h), pygame.RESIZABLE)
        self.relayout()

    def relayout(self) -> None:
        """Window size, text settings or the language changed: rebuild caches and every
        screen's layout (screens make their words in layout or draw, so they follow)."""
        self.surface = pygame.display.get_surface() or self.surface
        self.theme.resize(self.surface.get_size())
        self.rend.clear()
        self._dim = None
        self.feed.clear()
        for s in self.stack:
            s.layout()
        if self.presenter is not None:
            self.presenter.refresh_settings()
        if self.phones is not None:
            self.phones.refresh()
        self.dirty = True

    # ---- language --------------------------------------------------------------------

    def apply_language(self) -> bool:
        """The game's words for the setting and the open game's pack (Automatic follows the
        pack while one is open). True when they changed; the caller lays screens out again."""
        from . import language
        language.PREFERRED = self.settings.language
        playing = getattr(self, "session", None) if len(getattr(self, "stack", ())) > 1 else None
        pack_lang = playing.pack.info.language if playing is not None else None
        return language.apply(self.settings.language, pack_lang)

    def set_language(self, tag: str) -> None:
        """Settings chose a language ("" for Automatic): every screen speaks it at once; a
        game started from now on plays the pack's translation into it when there is one."""
        self.settings.language = tag
        self.save_settings()
        self.apply_language()
        self.relayout()

    # ---- the screen stack ------------------------------------------------------------

    @property
    def top(self):
        return self.stack[-1] if self.stack else None

    def push(self, screen) -> None:
        screen.layout()
        self.stack.append(screen)
        self._shown(screen)

    def pop(self) -> None:
        if len(self.stack) > 1:
            self.stack.pop()
            self.top.entered()
            self.top.layout()
            self._shown(self.top)
        else:
            self.quit()

    def replace(self, screen) -> None:
        if self.stack:
            self.stack.pop()
        self.push(screen)

    def home(self) -> None:
        """Back to the title screen, dropping everything above it."""
        del self.stack[1:]
        self.feed.clear()  # the game's notifications do not follow the player out of it
        if self.top is not None:
            if hasattr(self.top, "went_home"):
                self.top.went_home()
            if self.apply_language():
                self.relayout()
            self.top.entered()
            self.top.layout()
            self._shown(self.top)

    def _shown(self, screen) -> None:
        self.dirty = True
        self.speech.say(screen.spoken())
        vote = self._classroom.vote if self._classroom is not None else None
        if vote is not None and not any(getattr(s, "vote", None) is vote for s in self.stack):
            self.classroom.close_vote()  # its card left the stack (taken, cancelled, Home)

    @property
    def classroom(self):
        """The classroom session (game.classroom.ClassroomSession) both windows draw."""
        if self._classroom is None:
            from ..classroom import ClassroomSession  # not before the first frame
            self._classroom = ClassroomSession()
        return self._classroom

    def open_discussion_pause(self) -> None:
        """P in the presenter window: the scene's discussion pause on the projector, or back
        from it to the choices."""
        top = self.top
        if top is not None and top.name == "pause":
            top.done()
        elif getattr(top, "room", None) is not None and self.classroom.pause_pending:
            top.room.open_pause()

    def quit(self, code: int = 0) -> None:
        self.running = False
        self.exit_code = code

    def save_settings(self) -> None:
        if not self.persist:
            return
        if self._projector_saved is not None:
            if not self.settings.projector:  # turned off in Settings: that is a real change
                self._projector_saved = None
            else:  # --projector is for this session: keep the saved choice as it was
                import dataclasses
                dataclasses.replace(self.settings, projector=self._projector_saved).save()
                return
        self.settings.save()

    # ---- feedback --------------------------------------------------------------------

    def toast(self, text: str, kind: str = "info", title: str = "") -> None:
        """Feedback on what the player just did: shown at once, ahead of queued news."""
        self.feed.urgent = True
        try:
            self.feed.message(text, kind, title)
        finally:
            self.feed.urgent = False
        self.dirty = True

    def speak_button(self, b: Button) -> None:
        if not self.speech.enabled:
            return
        words = b.speak or b.label
        if b.value:
            # Translators: read aloud for a setting's button: its name, then its value.
            words = _("{label}: {value}").format(label=words, value=b.value)
        if not b.enabled:
            # Translators: read aloud for a locked button; {reason} says why it is locked.
            words = (_("{label}. Locked: {reason}") if b.sub else
                     _("{label}. Unavailable")).format(label=words, reason=b.sub)
        self.speech.say(words)

    # ---- opening games ---------------------------------------------------------------

    def start_game(self, path: str, episode: Optional[str] = None,
                   seed: Optional[int] = None) -> bool:
        from .screens.error import ErrorScreen
        from .screens.play import PlayScreen
        from .session import PackProblem, Session
        try:
            self.session = Session.new(path, episode, seed, persist=self.persist)
        except PackProblem as p:
            self.push(ErrorScreen(self, p.path, p.diagnostics, p.message))
            return False
        self.settings.last_pack = path
        self.save_settings()
        self.feed.clear()
        self.home()
        self.enter_game(PlayScreen(self))
        return True

    def enter_game(self, screen) -> None:
        """Push the play screen over the title (after `home()`): the game's words return to
        the open pack's language (Automatic), which the title had set aside."""
        self.push(screen)
        if self.apply_language():  # Automatic: the words of the pack's language
            self.relayout()

    def new_game(self, path: str, info=None, episode: Optional[str] = None,
                  seed: Optional[int] = None) -> None:
        """Start `path`, asking first when that pack has an autosave a new game would replace
        (from every entry point: the command line, the title's New game, the picker, a retry
        after an error). Other packs' autosaves are never touched, and the dialog says so;
        its first focus is the safe answer, Cancel, which keeps the autosave."""
        from .. import saves
        from .screens.menu import ConfirmDialog
        if info is None:
            from ..packs.discover import entry
            info = entry(path).info
        auto = saves.read(saves.auto_slot(info.id)) if info is not None and self.persist \
            else None
        if auto is None or not auto.ok:
            self.start_game(path, episode, seed)
            return
        self.push(ConfirmDialog(
            self, _("Start a new game?"),
            # Translators: {story} and {episode} are titles; {score} is the score as shown.
            _("You have a game of {story} in progress ({episode}, {score}). A new game of the "
              "same story replaces that autosave; your saved slots and other stories' "
              "autosaves stay in Load.").format(story=auto.title, episode=auto.episode_title,
                                                score=auto.score_text),
            [(_("Start a new game"), lambda: self.start_game(path, episode, seed),
              _("Replaces the autosave")),
             (_("Continue that game"), lambda: self.open_save(auto),
              f"{auto.episode_title}  ·  {auto.score_text}"),
             (_("Cancel"), None, "")]))

    def open_save(self, slot) -> bool:
        from .. import saves
        from .screens.error import ErrorScreen
        from .screens.play import PlayScreen
        from .session import Session
        try:
            self.session = Session.from_save(slot)
        except saves.SaveError as e:
            self.push(ErrorScreen(self, str(slot.get("pack_path")), [], str(e),
                                  title=_("This save cannot be loaded")))
            return False
        self.feed.clear()
        self.home()
        self.enter_game(PlayScreen(self))
        return True

    # ---- the loop --------------------------------------------------------------------

    def run(self) -> int:
        from .screens.title import TitleScreen
        self.push(TitleScreen(self))
        self.draw()
        if os.environ.get("STANDING_FIRST_FRAME"):
            print(f"FIRST_FRAME {time.time():.6f}", flush=True)
            return 0
        self.after_first_frame()
        last = time.perf_counter()
        while self.running:
            self._feed_script()
            events = self._wait()
            now = time.perf_counter()
            dt, last = min(now - last, 0.05), now  # no jump after a long idle wait
            for e in events:
                self.handle(e)
            self.step(dt)
        if self.phones is not None:
            self.phones.stop()  # the vote server and its votes end with the game
        self.speech.stop()
        self.close()
        return self.exit_code

    def close(self) -> None:
        """Close the windows and pygame. The presenter's window goes first: destroyed after
        pygame.quit, SDL could free a new window that reused its handle (a crash)."""
        self.close_presenter()
        pygame.quit()

    def after_first_frame(self) -> None:
        """Work that would delay the first frame: sound synthesis, the pack list, the CLI."""
        self.sound.start()
        for s in self.stack:
            if hasattr(s, "warm"):
                s.warm()
        args = self.args
        if args is not None and getattr(args, "pack", None):
            self.new_game(args.pack, episode=getattr(args, "episode", None),
                          seed=getattr(args, "seed", None))
        if args is not None and getattr(args, "phones", False):
            from .phones import start
            start(self, lan=bool(getattr(args, "lan", False)))
        self.dirty = True

    def step(self, dt: float) -> None:
        """Advance animations and draw if anything changed (one frame of the loop)."""
        if self.phones is not None:
            self.phones.sync()  # the phones' news, without waiting (game/ui/phones.py)
        self._feed_place()
        changed = self.feed.update(dt)
        if self.top is not None and self.top.update(dt):
            changed = True
        if changed or self.dirty:
            self.draw()
        if self.presenter is not None and self.presenter.update():
            self.presenter.draw()

    @property
    def animating(self) -> bool:
        return self.feed.animating or (self.top is not None and self.top.animating)

    def _wait(self) -> List[pygame.event.Event]:
        if self.animating:
            self._clock_tick()
            return pygame.event.get()
        timeout = IDLE_WAIT_MS
        for nxt in (self.feed.next_change(),
                    self.presenter.next_change() if self.presenter is not None else None):
            if nxt is not None:
                timeout = min(timeout, int(nxt * 1000) + 1)
        if self._script:
            timeout = 1
        return self._sleep_wait(timeout)

    def _sleep_wait(self, timeout_ms: int) -> List[pygame.event.Event]:
        """Wait for events while idle. `pygame.event.wait` would be the obvious call, but in
        pygame-ce 2.5 it spins internally (measured: about 1.7 % of a core on X11 and 1.4 % on
        the dummy driver while blocked); checking every 20 ms costs about 0.3 % and adds at
        most 20 ms of input latency while nothing is moving."""
        end = time.perf_counter() + timeout_ms / 1000
        while True:
            events = pygame.event.get()
            if events or time.perf_counter() >= end:
                return events
            time.sleep(min(0.02, max(0.0, end - time.perf_counter())))

    def _clock_tick(self) -> None:
        if not hasattr(self, "_clock"):
            self._clock = pygame.time.Clock()
        self._clock.tick(FPS)

    def handle(self, e: pygame.event.Event) -> None:
        if self.presenter is not None and self.presenter.owns(e):
            if self.presenter.handle(e):
                return
            # its other keys steer this window, as if pressed here
        if e.type in (pygame.QUIT, pygame.WINDOWCLOSE):
            self.quit()
        elif e.type == pygame.VIDEORESIZE:
            self.resized(e.w, e.h)
        elif e.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN):
            self.dirty = True
        elif e.type == pygame.KEYDOWN and e.key == pygame.K_F11:
            self.set_fullscreen(not (self.settings.fullscreen or self._audience_full))
            self.save_settings()
        elif e.type == pygame.KEYDOWN and e.key == pygame.K_F2:
            self.toggle_teacher_view()
        elif e.type == pygame.KEYDOWN and e.key in (pygame.K_F6, pygame.K_F7, pygame.K_F8):
            from .phones import on_key  # votes from phones: on/off, the join card, the LAN
            on_key(self, e.key)
        elif self.top is not None and self.top.handle(e):
            self.dirty = True

    def draw(self) -> None:
        surf = self.surface
        first = len(self.stack) - 1
        while first > 0 and getattr(self.stack[first], "overlay", False):
            first -= 1
        log = self.rend.log
        if log is not None:
            log.start_frame()
        for i in range(first, len(self.stack)):
            if i > first:
                surf.blit(self._dimmer(), (0, 0))
            if log is not None:
                log.layer = i
            self.stack[i].draw(surf)
        if log is not None:
            log.layer = log.FEED
        t = self.theme
        anchor = self._feed_place()
        if anchor is False:
            pass  # a modal card with no free strip: notifications wait until it closes
        elif anchor is None:
            self.feed.draw(surf, t.w - t.px(28), t.h - t.px(28))
        elif isinstance(anchor, pygame.Rect):  # a band: compact one-line notifications
            self.feed.draw_band(surf, anchor)
        else:
            right, edge, down = anchor[:3]
            self.feed.draw(surf, right, edge, down, sideways=False,
                           capacity=anchor[3] if len(anchor) > 3 else None)
        pygame.display.flip()
        self.dirty = False
        self.frames += 1
        if self.presenter is not None:
            self.presenter.audience_drawn()

    def toggle_teacher_view(self) -> None:
        """F2 on one screen: show or hide the teacher's material (facilitator notes) here."""
        if self.presenter is not None:
            self.toast(_("The teacher's notes are in the presenter window."), "info",
                       _("Presenter"))
            return
        self.teacher_view = not self.teacher_view
        for s in self.stack:
            s.layout()
        self.toast(_("Facilitator notes show on this screen. F2 hides them.") if
                   self.teacher_view else _("Facilitator notes hidden. F2 shows them."), "info",
                   _("Teacher view on") if self.teacher_view else _("Teacher view off"))

    def _feed_place(self):
        """Where the top screen wants notifications (see Screen.toast_anchor); tells the
        feed what may show there: news only on a screen that keeps a place for it."""
        top = self.top
        anchor = top.toast_anchor() if top is not None else None
        self.feed.hold(anchor is False, news_held=not getattr(top, "shows_news", False))
        return anchor

    def _dimmer(self) -> pygame.Surface:
        if self._dim is None or self._dim.get_size() != self.surface.get_size():
            self._dim = pygame.Surface(self.surface.get_size(), pygame.SRCALPHA)
            self._dim.fill((40, 20, 50, 120) if not self.theme.contrast else (0, 0, 0, 210))
        return self._dim

    # ---- scripted input (tests, benchmarks) ------------------------------------------

    def _feed_script(self) -> None:
        if self._ready_pending and not self.animating:
            self._ready_pending = False
            print("READY", flush=True)  # the script is done and the screen has settled
        if not self._script or (self.top is not None and getattr(self.top, "busy", False)):
            return
        if pygame.event.peek((pygame.KEYDOWN, pygame.KEYUP)):
            return
        token = self._script.pop(0)
        if token == "quit":
            self.quit()
        elif token.startswith("wait"):
            pygame.time.wait(300)
        else:
            key = pygame.key.key_code(token)
            char = token if len(token) == 1 else ""
            for kind in (pygame.KEYDOWN, pygame.KEYUP):
                pygame.event.post(pygame.event.Event(kind, key=key, mod=0, unicode=char,
                                                     scancode=0))
        if not self._script:
            if os.environ.get("STANDING_SCRIPT_STAY"):
                self._ready_pending = True
            elif token != "quit":
                self._script = ["wait", "quit"]


def _parse_script(raw: Optional[str]) -> List[str]:
    if not raw:
        return []
    return [t for t in raw.replace(",", " ").split() if t]


def run_window(args) -> int:
    """`standing` / `standing play [PACK]`: open the game window. Returns the exit code."""
    try:
        app = App(args)
    except pygame.error as e:
        # Translators: {problem} is the system's reason; `standing play --text` is a command.
        print(_("standing: cannot open a window ({problem}). Try `standing play --text`.")
              .format(problem=e), file=sys.stderr)
        return 1
    return app.run()
