"""Projector mode: lettered choices, the countdown, the class vote (majority, a visible
deterministic tie-break, locked options never winning) and the discussion pause card. The rules
are tested directly (game/ui/projector.py has no pygame), then through the window with real
key events on the dummy video driver."""
import json
from types import SimpleNamespace

import pygame
import pytest

from game.ui.projector import (Countdown, TallyEntry, VoteError, decide, letter, letter_index,
                               prune, store, tie_break_rng)
from ui_helpers import TUTORIAL, home, key, make_app, pump  # noqa: F401


# ---- the rules -------------------------------------------------------------------------------

def test_letters():
    assert [letter(i) for i in range(5)] == ["A", "B", "C", "D", "E"]
    assert letter_index("c", 4) == 2 and letter_index("E", 4) is None
    assert letter_index("1", 4) is None


def test_countdown_counts_whole_seconds_down_from_injected_time():
    cd = Countdown(10)
    assert cd.shown == 10 and not cd.done and cd.fraction == 1.0
    assert not cd.update(0.4)  # 9.6 left still shows 10: nothing to redraw
    assert cd.shown == 10
    cd.update(0.7)
    assert cd.shown == 9
    assert not cd.update(0.0)
    cd.update(100)
    assert cd.done and cd.shown == 0 and not cd.update(1)


def test_majority_wins():
    r = decide([3, 11, 5], [True, True, True], seed=1, step=2)
    assert r.chosen == 1 and r.tie_break == "" and r.tied == (1,)
    assert r.summary() == "A 3  ·  B 11  ·  C 5: the class chose B"


def test_a_tie_is_broken_by_the_seed_and_step_and_says_so():
    r = decide([7, 2, 7], [True, True, True], seed=42, step=5)
    expected = tie_break_rng(42, 5).choice((0, 2))
    assert r.chosen == expected and r.tied == (0, 2)
    assert r.tie_break == ("Tie between A and C \u2014 broken by coin flip from the run's seed: "
                           + "AC"[expected == 2])
    again = [decide([7, 2, 7], [True, True, True], seed=42, step=5).chosen for _ in range(5)]
    assert again == [expected] * 5
    # Over many seeds both sides win sometimes: it is a real coin, not "always the first".
    winners = {decide([4, 4], [True, True], seed=s, step=1).chosen for s in range(40)}
    assert winners == {0, 1}
    three = decide([5, 5, 5], [True, True, True], seed=3, step=1)
    assert three.tie_break.startswith("Tie between A, B and C \u2014 broken by a draw")


def test_a_locked_option_cannot_win_even_with_the_most_hands():
    r = decide([20, 4, 9], [False, True, True], seed=1, step=1)
    assert r.chosen == 2
    assert "A had the most hands (20) but was locked" in r.locked_note
    with pytest.raises(VoteError):
        decide([20, 0, 0], [False, True, True], seed=1, step=1)
    with pytest.raises(VoteError):
        decide([0, 0], [True, True], seed=1, step=1)


def test_typed_entry_and_storage_in_state_extra():
    e = TallyEntry(3, [True, False, True])
    assert e.focus == 0
    for ch in "012":
        e.type(ch)
    e.select(2)
    e.type("9")
    e.backspace()
    e.type("8")
    assert e.counts == [12, 0, 8]
    state = SimpleNamespace(history=[1, 2], extra={})
    store(state, e.decide(seed=1, step=3))
    assert state.extra["tallies"] == {"3": {"counts": [12, 0, 8], "chosen": 0}}
    json.dumps(state.extra)  # saves as JSON
    prune(state, 2)
    assert state.extra["tallies"] == {}


# ---- through the window ----------------------------------------------------------------------

def projector_app(countdown=0, reduced=True):
    from game.ui.settings import Settings
    app = make_app(Settings(projector=True, countdown=countdown, reduced_motion=reduced))
    assert app.start_game(str(TUTORIAL), seed=1)
    return app


def badge_ink(app, button) -> int:
    """Pixels of the badge's letter colour inside its circle (the glyph is drawn)."""
    t = app.theme
    r = app.top.to_screen(button.rect)
    size = button._badge
    cx, cy = r.x + t.px(18) + size // 2, r.centery
    ink = t.pal.accent_text
    n = 0
    for y in range(cy - size // 3, cy + size // 3):
        for x in range(cx - size // 3, cx + size // 3):
            c = app.surface.get_at((x, y))
            n += abs(c.r - ink[0]) + abs(c.g - ink[1]) + abs(c.b - ink[2]) < 80
    return n


def test_the_flag_turns_projector_mode_on_for_the_session_only(home):
    from game.ui.app import App
    from game.ui.settings import Settings
    app = App(SimpleNamespace(projector=True, pack=None), size=(1280, 720))
    assert app.settings.projector and app.theme.contrast
    assert app.settings.text_scale > 1.5
    app.save_settings()
    assert Settings.load().projector is False  # the flag is not written to the settings file
    pygame.quit()


def test_choices_are_lettered_and_letters_choose(home):
    app = projector_app()
    key(app, "a")  # Get up
    play = app.top
    assert app.session.rt.state.scene == "counter"
    assert [b.badge for b in play.buttons] == ["A", "B", "C"]
    app.draw()
    for b in play.buttons[:2]:
        assert badge_ink(app, b) > 20, f"the letter {b.badge} is drawn in its badge"
    key(app, "c")  # locked: refused
    assert app.session.rt.state.scene == "counter"
    key(app, "b")
    assert app.session.rt.state.scene == "bea_calls"
    pygame.quit()


def test_the_countdown_blocks_choosing_until_it_ends(home):
    app = projector_app(countdown=10)
    key(app, "a")  # a single Continue: no countdown for one choice
    assert app.session.rt.state.scene == "counter"
    play = app.top
    assert play.room.counting and play.room.countdown.shown == 10
    app.draw()
    key(app, "a")
    assert app.session.rt.state.scene == "counter", "no choice while the countdown runs"
    assert app.feed.toasts  # "... s left to talk it over"
    key(app, "t")  # the tally opens (typing hands early commits nothing); Esc closes it
    assert app.top.name == "tally"
    key(app, "escape")
    assert app.top.name == "play" and play.room.counting
    app.step(4.0)
    assert play.room.countdown.shown == 6 and play.animating
    app.step(6.0)
    assert not play.room.counting and not play.room.animating
    key(app, "a")
    assert app.session.rt.state.scene == "bea_calls"
    assert play.room.counting, "the next choice counts down again"
    key(app, "s")  # the teacher skips
    assert not play.room.counting
    pygame.quit()


def test_reduced_motion_redraws_the_countdown_only_when_the_number_changes(home):
    app = projector_app(countdown=10, reduced=True)
    key(app, "a")
    room = app.top.room
    assert not room.update(0.1)  # 9.9 still shows 10: nothing to redraw
    assert room.update(0.95)  # now 9
    pygame.quit()
    app = projector_app(countdown=10, reduced=False)
    key(app, "x")  # any key first finishes the typewriter
    key(app, "a")
    room = app.top.room
    assert app.session.rt.state.scene == "counter" and not room.counting
    key(app, "x")  # the countdown starts when the choices show
    room = app.top.room
    assert room.counting
    assert room.update(0.1)  # the ring sweeps every frame
    pygame.quit()


def test_tally_takes_the_majority_and_keeps_the_counts(home):
    app = projector_app()
    key(app, "a")
    key(app, "t")
    assert app.top.name == "tally"
    for k in ("3", "b", "1", "4", "c", "2"):
        key(app, k)
    key(app, "return")  # count
    tally = app.top
    assert tally.result is not None and tally.result.chosen == 1 and not tally.result.tie_break
    key(app, "return")  # take B
    rt = app.session.rt
    assert rt.state.scene == "bea_calls"
    assert rt.state.history[-1].text == "Try the new bean on him, free"
    assert rt.state.extra["tallies"]["2"] == {"counts": [3, 14, 2], "chosen": 1}
    from game.engine.debrief import build_debrief
    votes = build_debrief(app.session.pack, rt.state).timeline[1].votes
    assert votes.counts == (3, 14, 2) and votes.chosen == 1
    pygame.quit()


def test_a_tie_is_broken_visibly_and_deterministically(home):
    app = projector_app()
    key(app, "a")
    key(app, "t")
    for k in ("1", "2", "b", "1", "2"):
        key(app, k)
    key(app, "return")
    tally = app.top
    seed = app.session.rt.state.seed
    want = tie_break_rng(seed, 2).choice((0, 1))
    sentence = ("Tie between A and B \u2014 broken by coin flip from the run's seed: "
                + "AB"[want])
    assert tally.result.tie_break == sentence
    shown = [" ".join(run.text for ln in b.lines for run in ln.runs) for b in tally.extra]
    assert sentence in shown, "the tie-break sentence is laid out on the card"
    app.draw()
    key(app, "return")
    st = app.session.rt.state
    assert st.extra["tallies"]["2"]["tie_break"] == sentence
    assert st.history[-1].choice == want
    pygame.quit()


def test_a_locked_option_cannot_win_the_vote(home):
    app = projector_app()
    key(app, "a")
    key(app, "t")
    for k in ("1", "b", "2", "c", "9"):  # C (locked) has the most hands
        key(app, k)
    key(app, "return")
    tally = app.top
    assert tally.result.chosen == 1 and "C had the most hands (9)" in tally.result.locked_note
    key(app, "return")
    assert app.session.rt.state.scene == "bea_calls"
    pygame.quit()


def test_no_open_votes_is_refused_with_a_message(home):
    app = projector_app()
    key(app, "a")
    key(app, "t")
    key(app, "c")
    key(app, "5")
    key(app, "return")
    assert app.top.name == "tally" and app.top.result is None and "No hands" in app.top.message
    key(app, "escape")
    assert app.top.name == "play"
    pygame.quit()


def test_the_pause_card_waits_for_the_teacher(home):
    app = projector_app()
    for k in ("a", "a", "a"):  # get up, the usual way, drive Bea home: the pause scene
        key(app, k)
    play = app.top
    rt = app.session.rt
    assert rt.state.scene == "drive" and rt.passage.pause
    assert play.room.pause_pending
    assert [b.label for b in play.buttons] == ["Open the discussion pause"]
    key(app, "a")
    assert app.top.name == "pause", "a choice key brings up the pause, never skips it"
    assert rt.state.scene == "drive"
    for _ in range(5):
        app.step(1.0)  # time passes: the card stays until the teacher continues
    assert app.top.name == "pause"
    key(app, "return")
    assert app.top.name == "play" and not play.room.pause_pending
    assert play.buttons[0].badge == "A"
    key(app, "a")
    assert rt.state.scene == "coffee_end"
    pygame.quit()


def test_pause_card_continues_on_a_click(home):
    from ui_helpers import click
    app = projector_app()
    for k in ("a", "a", "a"):
        key(app, k)
    key(app, "return")  # the focused pause button
    assert app.top.name == "pause"
    click(app, app.top.card.center)
    assert app.top.name == "play"
    pygame.quit()


def test_without_projector_mode_pauses_stay_inline(home):
    app = make_app()
    assert app.start_game(str(TUTORIAL), seed=1)
    for k in ("1", "1", "1"):
        key(app, k)
    assert app.session.rt.state.scene == "drive"
    assert app.top.buttons[0].label == "Continue" and not app.top.buttons[0].badge
    pygame.quit()
