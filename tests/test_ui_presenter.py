"""The presenter view: two real windows under the dummy driver (the audience's and the teacher's),
driven by real events that carry the window they came from, and checked by what each window
draws. Also the one-screen fallback (F2) and the display choice."""
import time
from types import SimpleNamespace

import pygame
import pytest

from ui_helpers import TUTORIAL, home, pump  # noqa: F401

from game.ui.presenter import SETTLED, choose_displays


def args(**kw):
    base = dict(pack=None, projector=True, presenter=True, audience_display=None)
    base.update(kw)
    return SimpleNamespace(**base)


@pytest.fixture
def two(home, monkeypatch):  # noqa: F811
    """Projector mode with the presenter window open (both on the one dummy display)."""
    monkeypatch.setenv("STANDING_PRESENTER", "both")
    from game.ui.app import App
    from game.ui.screens.title import TitleScreen
    from game.ui.settings import Settings
    app = App(args(), size=(1280, 720), settings=Settings(reduced_motion=True))
    app.push(TitleScreen(app))
    app.after_first_frame()
    app.draw()
    assert app.presenter is not None
    assert app.start_game(str(TUTORIAL), seed=1)
    pump(app)
    yield app
    app.close()


def press(app, name: str, window=None) -> None:
    """A key pressed in `window` (None: an event with no window, like the audience's own)."""
    k = pygame.key.key_code(name)
    extra = {"window": window} if window is not None else {}
    for kind in (pygame.KEYDOWN, pygame.KEYUP):
        pygame.event.post(pygame.event.Event(kind, key=k, mod=0, unicode=name if len(name) == 1
                                             else "", scancode=0, **extra))
    pump(app)


def drawn(rend, draw) -> str:
    """Every string `rend` renders while `draw()` runs, joined: what that window shows."""
    seen = []
    real = rend.text

    def spy(role, px, text, colour):
        seen.append(text)
        return real(role, px, text, colour)
    rend.text = spy
    try:
        draw()
    finally:
        del rend.text
    return " ".join(seen)


def shown(app):
    """(what the audience window draws, what the whole presenter window draws)."""
    app.presenter.update()
    app.presenter.dirty = True
    return drawn(app.rend, app.draw), drawn(app.presenter.rend, app.presenter.draw)


def test_displays_put_the_class_on_the_projector_and_the_teacher_on_the_laptop():
    assert choose_displays(2) == (1, 0)
    assert choose_displays(2, 0) == (0, 1)
    assert choose_displays(3, 1) == (1, 0)
    assert choose_displays(2, 7) == (1, 0), "a display that is not there: the last one"
    assert choose_displays(1) == (0, None)
    assert choose_displays(1, 1) == (0, None)


def test_one_display_falls_back_to_one_window_with_notes_behind_f2(home):  # noqa: F811
    from game.ui.app import App
    from game.ui.settings import Settings
    app = App(args(), size=(1280, 720), settings=Settings(reduced_motion=True))
    assert app.presenter is None and app.teacher_view is False
    from game.ui.screens.title import TitleScreen
    app.push(TitleScreen(app))
    app.after_first_frame()
    press(app, "f2")
    assert app.teacher_view is True
    press(app, "f2")
    assert app.teacher_view is False
    pygame.quit()


def test_the_presenter_window_runs_the_vote_and_both_windows_show_it(two):
    app, pres = two, two.presenter.window
    press(app, "return", pres)  # Enter in the teacher's window steers the projector: Get up
    assert app.session.rt.state.scene == "counter"
    press(app, "t", pres)
    assert app.top.name == "tally" and app.classroom.vote is app.top.vote
    for k in ("1", "2", "b", "9"):
        press(app, k, pres)
    assert app.classroom.vote.entry.counts == [12, 9, 0]
    audience, teacher = shown(app)
    assert "Count the votes" in audience and "Class vote" in teacher
    assert "12" in audience.split() and "12" in teacher and "THE CLASS SEES" in teacher
    assert "THE CLASS SEES" not in audience
    press(app, "return", pres)  # count
    assert app.classroom.vote.result.chosen == 0
    audience, teacher = shown(app)
    assert "Take A" in audience and "The class has chosen" in teacher
    press(app, "return", pres)  # take A
    assert app.top.name == "play" and app.classroom.vote is None
    assert app.session.rt.state.scene == "bea_calls"
    assert app.classroom.last_vote.counts == (12, 9, 0)
    assert "Last vote: A 12" in shown(app)[1]


def test_esc_in_the_presenter_cancels_the_vote_on_the_projector(two):
    pres = two.presenter.window
    press(two, "a", pres)
    press(two, "t", pres)
    assert two.top.name == "tally"
    press(two, "escape", pres)
    assert two.top.name == "play" and two.classroom.vote is None
    assert two.classroom.last_vote is None
    assert "No vote yet" in shown(two)[1]


def test_the_audience_window_still_works_with_keys(two):
    press(two, "a")  # no window: the audience's own key
    assert two.session.rt.state.scene == "counter"
    press(two, "t")
    assert two.top.name == "tally"
    assert "Class vote" in shown(two)[1], "the teacher's window follows"


def test_a_click_in_the_presenter_never_presses_an_audience_button(two):
    play = two.top
    pos = play.to_screen(play.buttons[0].rect).center
    for kind, extra in ((pygame.MOUSEMOTION, dict(rel=(0, 0), buttons=(0, 0, 0))),
                        (pygame.MOUSEBUTTONDOWN, dict(button=1)),
                        (pygame.MOUSEBUTTONUP, dict(button=1))):
        pygame.event.post(pygame.event.Event(kind, pos=pos, window=two.presenter.window,
                                             **extra))
    pump(two)
    assert two.session.rt.state.scene == "alarm"


def test_facilitator_notes_and_the_pause_go_to_the_teacher_only(two):
    pres = two.presenter.window
    for k in ("a", "a", "a"):  # get up, the usual way, drive Bea home: the pause scene
        press(two, k, pres)
    assert two.classroom.pause_pending
    teacher = shown(two)[1]
    assert "NEXT PROMPT" in teacher and "friend's" in teacher
    press(two, "p", pres)  # the teacher puts the discussion pause on the projector
    assert two.top.name == "pause"
    press(two, "p", pres)  # and takes it down again
    assert two.top.name == "play" and not two.classroom.pause_pending
    press(two, "a", pres)  # on to the ending
    assert two.session.rt.ending is not None
    audience, teacher = shown(two)
    assert "board" in teacher and "FOR FACILITATORS" in teacher
    assert "board" not in audience, "the notes never reach the projector"
    assert two.teacher_view is False
    press(two, "f2", pres)  # F2 belongs to the one-screen fallback
    assert two.teacher_view is False


def test_h_holds_the_countdown_and_the_held_clock_costs_no_frames(two):
    pres = two.presenter.window
    two.settings.countdown = 10
    press(two, "a", pres)
    room = two.classroom
    assert room.counting and room.countdown.shown == 10
    press(two, "h", pres)
    assert room.timer.held and not two.animating
    two.step(4.0)
    assert room.countdown.shown == 10, "held: the countdown waits"
    press(two, "h", pres)
    two.step(4.0)
    assert room.countdown.shown == 6


def test_nothing_is_redrawn_in_either_window_while_nothing_moves(two):
    clock = [1000.0]
    two.classroom.timer.clock = lambda: clock[0]
    two.classroom.timer.started = 1000.0
    pump(two, 5)
    time.sleep(SETTLED + 0.05)  # the projector has settled: the thumbnail is redone smoothly
    pump(two, 2)
    a, p = two.frames, two.presenter.frames
    pump(two, 30)
    assert (two.frames, two.presenter.frames) == (a, p)
    clock[0] += 1.0  # the lesson clock's second changes: the teacher's window, once
    pump(two, 3)
    assert (two.frames, two.presenter.frames) == (a, p + 1)
    assert two.classroom.next_change() == pytest.approx(1.0)


def test_closing_the_presenter_window_keeps_the_game_and_f2_takes_over(two):
    pygame.event.post(pygame.event.Event(pygame.WINDOWCLOSE, window=two.presenter.window))
    pump(two)
    assert two.presenter is None and two.running
    press(two, "f2")
    assert two.teacher_view is True


def test_the_presenter_follows_text_size_but_never_projector_size(two):
    assert two.presenter.theme.text_px("body") < two.theme.text_px("body")
    two.settings.text_size = 3
    two.relayout()
    assert two.presenter.settings.text_size == 3 and not two.presenter.settings.projector


def test_settings_open_and_close_the_presenter_and_choose_the_audience_display(
        home, monkeypatch):  # noqa: F811
    from ui_helpers import key, make_app
    from game.ui.screens.settings import SettingsScreen
    from game.ui.settings import Settings
    monkeypatch.setenv("STANDING_PRESENTER", "both")
    app = make_app()
    app.push(SettingsScreen(app))
    labels = [b.label for b in app.top.buttons]
    app.top.set_focus(labels.index("Presenter view"), speak=False)
    key(app, "return")
    assert app.presenter is not None and app.settings.presenter
    assert app.top.buttons[app.top.focus].value == "Open"
    key(app, "return")
    assert app.presenter is None and not app.settings.presenter
    app.top.set_focus(labels.index("Audience display"), speak=False)
    key(app, "right")
    assert app.settings.audience_display == 0
    key(app, "left")
    assert app.settings.audience_display == -1
    key(app, "left")
    assert Settings.load().audience_display == 1, "saved"
    app.close()


def test_asking_for_the_presenter_on_one_display_says_why_there_is_none(home, capsys):  # noqa: F811
    from game.ui.app import App
    app = App(args(), size=(1280, 720))
    assert app.presenter is None
    assert "needs a second display" in capsys.readouterr().err
    app.close()


def test_two_displays_put_the_class_full_screen_on_the_last_one(home, monkeypatch):  # noqa: F811
    """The dummy driver has one display: count two, and the audience's display (1) cannot be
    opened, so the window falls back to display 0 rather than failing to start."""
    from game.ui.app import App
    monkeypatch.setattr(pygame.display, "get_num_displays", lambda: 2)
    app = App(args(), size=(1280, 720))
    assert app.presenter is not None, "two displays: the teacher's window opens"
    assert app._audience_full and app.display == 0
    assert app.surface.get_size() == pygame.display.get_desktop_sizes()[0]
    app.close()
