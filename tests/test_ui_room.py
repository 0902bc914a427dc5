"""Issue 10's defects in the room, each driven through the window with real key events: what a
teacher in front of a class would hit. Each of these failed before its fix."""
from __future__ import annotations

import pygame

from ui_helpers import TUTORIAL, app, home, key, make_app, pump  # noqa: F401

from game import saves
from game.ui.layoutlog import LayoutLog, RecordingSurface, check
from game.ui.settings import Settings

TUTORIAL_END = ("1", "2", "1", "1")  # First Shift


def projector(countdown=0, size=(1280, 720)):
    app = make_app(Settings(projector=True, countdown=countdown, reduced_motion=True), size=size)
    return app


def to_ending(app):
    assert app.start_game(str(TUTORIAL), seed=1)
    for k in TUTORIAL_END:
        while app.top.room.pause_pending:  # projector mode: the discussion pause first
            key(app, "a")
            key(app, "return")
        key(app, k)
    assert app.session.rt.ending is not None


def layout_problems(app):
    log = app.rend.log = app.rend.log or LayoutLog()
    app.surface = RecordingSurface(app.surface.get_size(), log)
    app.draw()
    return check(log, app.surface.get_rect(), len(app.stack) - 1)


def texts_of(screen) -> str:
    out = []
    for _kind, payload, _y in screen.items:
        block = payload[0] if isinstance(payload, tuple) else payload
        if hasattr(block, "lines"):
            out.append(" ".join(r.text for ln in block.lines for r in ln.runs))
    return " ".join(out)


# ---- the debrief keeps facilitator notes to the teacher ------------------------------------

def test_facilitator_notes_show_only_in_the_teacher_view(app):
    to_ending(app)
    key(app, "return")  # the ending screen
    key(app, "return")  # Debrief (it has the focus)
    d = app.top
    assert d.name == "debrief"
    key(app, "5")  # the Discussion tab
    notes = "work out on the board"
    assert notes not in texts_of(d), "notes are never on the class's screen by default"
    app.teacher_view = True  # F2 (the presenter helper's key) sets this flag
    pump(app)
    assert notes in texts_of(d)
    app.teacher_view = False
    pump(app)
    assert notes not in texts_of(d)


# ---- Load: Backspace goes back; Delete asks, Cancel first ----------------------------------

def test_backspace_in_load_goes_back_and_delete_asks_first(app):
    assert app.start_game(str(TUTORIAL), seed=1)
    key(app, "1")
    app.session.save("1")
    app.home()
    pump(app)
    from game.ui.screens.saves import SavesScreen
    app.push(SavesScreen(app, saving=False))
    screen = app.top
    i = next(i for i, s in enumerate(screen.slots) if s.slot == "1")
    screen.set_focus(i)
    key(app, "backspace")
    assert app.top.name == "title" and saves.read("1").ok, "Backspace is back, not delete"
    app.push(SavesScreen(app, saving=False))
    app.top.set_focus(i)
    key(app, "delete")
    assert app.top.name == "confirm"
    assert app.top.buttons[app.top.focus].label == "Cancel", "the safe answer is focused"
    key(app, "return")
    assert app.top.name == "saves" and saves.read("1").ok
    key(app, "delete")
    key(app, "up")  # to "Delete the save"
    key(app, "return")
    assert app.top.name == "saves" and not saves.read("1").exists


def test_saving_over_a_slot_and_loading_over_a_game_ask_first(app):
    from game.ui.screens.saves import SavesScreen
    assert app.start_game(str(TUTORIAL), seed=1)
    app.session.save("2")
    key(app, "1")
    app.push(SavesScreen(app, saving=True))
    app.top.set_focus(next(i for i, s in enumerate(app.top.slots) if s.slot == "2"))
    key(app, "return")
    assert app.top.name == "confirm" and app.top.buttons[app.top.focus].label == "Cancel"
    key(app, "return")
    assert app.top.name == "saves" and len(saves.read("2").get("state")["history"]) == 0
    key(app, "escape")
    app.push(SavesScreen(app, saving=False))
    app.top.set_focus(next(i for i, s in enumerate(app.top.slots) if s.slot == "2"))
    key(app, "return")
    assert app.top.name == "confirm", "loading over the game in progress asks"
    key(app, "escape")
    assert len(app.session.rt.state.history) == 1


# ---- the vote's explanation is never under its buttons ---------------------------------------

def test_the_vote_explanation_is_not_covered_by_take_and_cancel(home):
    from ui_helpers import REPO
    app = projector()
    assert app.start_game(str(REPO / "story" / "standing-city"), seed=1)
    key(app, "a")  # the scam messages: four long choices
    key(app, "t")
    for k in "a5b5c5d5":
        key(app, k)
    key(app, "return")
    tally = app.top
    assert tally.result is not None and tally.result.tie_break.startswith("Tie between A, B, C")
    assert not layout_problems(app)
    pygame.quit()


# ---- notifications never cover a modal card ------------------------------------------------

def test_notifications_wait_behind_modal_cards_and_never_lag_a_scene(home):
    app = projector()
    assert app.start_game(str(TUTORIAL), seed=1)
    key(app, "a")
    key(app, "a")  # a rating and a record arrive
    assert app.feed.toasts
    news = list(app.feed.toasts)
    key(app, "t")  # the vote box
    assert app.top.name == "tally"
    assert not layout_problems(app), "nothing covers the vote box"
    ages = [t.age for t in news]
    app.step(2.0)
    assert [t.age for t in news] == ages, "news waits while the card is up"
    key(app, "escape")
    app.step(0.1)
    assert app.feed.rects, "and shows when it closes"
    queued = [t for t in app.feed.toasts if t not in app.feed.shown]
    key(app, "b")  # the next choice: news still queued from the last scene is dropped
    assert not any(t in app.feed.toasts for t in queued)
    pygame.quit()


# ---- the ending: the debrief first, on screen, and A works ---------------------------------

def test_the_ending_focuses_the_debrief_on_screen_and_a_opens_it(home):
    app = projector()
    to_ending(app)
    play = app.top
    assert play.buttons[0].badge == "A"
    key(app, "a")  # the projector's letter for "See the debrief"
    ending = app.top
    assert ending.name == "ending"
    b = ending.buttons[ending.focus]
    assert b.label == "Debrief"
    assert app.surface.get_rect().contains(ending.to_screen(b.rect)), "the focus is on screen"
    assert not layout_problems(app)
    key(app, "return")
    assert app.top.name == "debrief", "Enter never skips the debrief"
    pygame.quit()


# ---- the countdown: letters do nothing harmful ---------------------------------------------

def test_during_the_countdown_letters_commit_nothing_and_t_opens_the_tally(home):
    app = projector(countdown=10)
    assert app.start_game(str(TUTORIAL), seed=1)
    key(app, "a")  # to the counter: three choices, the countdown runs
    play, rt = app.top, app.session.rt
    assert play.room.counting
    focus = play.focus
    for k in ("b", "2", "c"):
        key(app, k)
    assert play.focus == focus and rt.state.scene == "counter", "nothing moved, nothing chosen"
    key(app, "t")
    assert app.top.name == "tally", "T opens the vote box even while the class talks"
    for k in ("a", "3", "b", "9"):
        key(app, k)
    key(app, "return")  # count
    key(app, "return")  # take B
    assert rt.state.scene == "bea_calls" and rt.state.history[-1].choice == 1
    pygame.quit()


# ---- undo never crosses an episode without saying so ----------------------------------------

def test_undo_stays_in_its_episode_and_asks_before_crossing(app):
    to_ending(app)
    rt = app.session.rt
    key(app, "return")
    ending = app.top
    ending.next_episode()
    pump(app)
    assert rt.state.episode == "commute"
    start_scene = rt.state.scene
    key(app, "2")  # the first choice of Part 2
    key(app, "u")
    assert rt.state.episode == "commute" and rt.state.scene == start_scene, \
        "undoing Part 2's first choice lands on Part 2's start, not Part 1's ending"
    assert app.feed.last_text == "Went back one choice"
    key(app, "u")  # Part 2 has no choice yet: undo would cross
    assert app.top.name == "confirm" and app.top.buttons[app.top.focus].label == "Cancel"
    key(app, "return")
    assert rt.state.episode == "commute" and rt.state.scene == start_scene
    key(app, "u")
    key(app, "up")
    key(app, "return")
    assert rt.state.episode == "coffee" and rt.ending is None
    assert app.feed.last_text.startswith("Went back into Part 1")


# ---- the title --------------------------------------------------------------------------------

def test_the_projector_title_shows_every_button(home):
    assert_all_title_buttons_shown(projector())


def test_the_title_card_shows_the_autosaves_real_score(app):
    assert app.start_game(str(TUTORIAL), seed=1)
    key(app, "1")
    key(app, "2")
    score = app.session.rt.score_text
    assert score != "4.213"
    app.home()
    pump(app)
    title = app.top
    assert title.card_score()[0] == score
    log = app.rend.log = LayoutLog()
    app.surface = RecordingSurface(app.surface.get_size(), log)
    app.draw()
    assert any(b.label == score for b in log.boxes), "the card draws the run's score"
    assert not any(b.label == "4.213" for b in log.boxes)


def assert_all_title_buttons_shown(app):
    from game.ui.layoutlog import LayoutLog
    log = app.rend.log = LayoutLog()
    app.surface = RecordingSurface(app.surface.get_size(), log)
    app.draw()
    shown = {b.label for b in log.boxes if b.kind == "control" and b.visible == b.rect}
    assert {"Continue", "New game", "Load game", "Packs", "Settings", "Quit"} <= shown, shown
    pygame.quit()


def test_a_dialog_shows_its_focused_button(home):
    app = projector()
    assert app.start_game(str(TUTORIAL), seed=1)
    key(app, "a")
    app.home()
    app.new_game(str(TUTORIAL))
    pump(app)
    assert app.top.name == "confirm"
    assert not layout_problems(app)
    pygame.quit()


# ---- the projector layout uses the room -------------------------------------------------------

def passage_shown(play) -> int:
    """Characters of the passage wholly inside its card's view on the first page."""
    top = dict(play.els)["text"] - play.text_scroll.view.y
    return sum(ln.chars for ln in play.block.lines
               if top + ln.y + play.block.line_h <= play.text_scroll.view.h)


def test_the_projector_passage_keeps_the_larger_part_and_a_bigger_room_shows_more(home):
    from ui_helpers import REPO
    shown = []
    for size in ((1280, 720), (1920, 1080), (3840, 2160)):
        app = projector(size=size)
        assert app.start_game(str(REPO / "story" / "standing-city"), seed=1)
        key(app, "a")  # the scam messages: a long passage over four choices
        play = app.top
        choices = play.buttons[-1].rect.bottom - play.buttons[0].rect.top
        assert play.card.h >= choices, f"{size}: the passage is never smaller than the choices"
        win = app.surface.get_rect()
        assert all(win.contains(play.to_screen(b.rect)) for b in play.buttons)
        app.draw()
        here, count = play.pages()
        assert play._more is not None and here == 1 and count >= 1, "a page cue, not a shrink"
        shown.append(passage_shown(play))
        pygame.quit()
    assert shown[0] < shown[1] < shown[2], f"a bigger window shows more of the passage: {shown}"


def test_a_menu_too_tall_for_a_column_shows_every_button_two_to_a_row(home):
    app = projector()
    assert app.start_game(str(TUTORIAL), seed=1)
    key(app, "escape")  # the pause menu: eight buttons in projector text
    menu = app.top
    assert menu.name == "menu" and not layout_problems(app)
    win = app.surface.get_rect()
    assert all(win.contains(menu.to_screen(b.rect)) for b in menu.buttons)
    assert len({b.rect.x for b in menu.buttons}) == 2, "two to a row"
    assert menu.focus == 0
    key(app, "down")  # reading order, one button at a time, as everywhere
    assert menu.focus == 1
    pygame.quit()
