"""The window, driven by real pygame key and mouse events on the dummy video driver."""
import pygame

from ui_helpers import (TUTORIAL, app, button_centre, click, home, key, make_app,  # noqa: F401
                        pump, start, tutorial)


def test_title_new_game_opens_the_tutorial(app):
    assert app.top.name == "title"
    labels = [b.label for b in app.top.buttons]
    assert labels[:6] == ["Continue", "New game", "Load game", "Packs", "Settings", "Quit"]
    assert not app.top.buttons[0].enabled  # nothing to continue yet
    assert app.top.buttons[1].sub.startswith("Tutorial")
    assert app.top.buttons[app.top.focus].label == "New game"
    key(app, "return")
    assert app.top.name == "play"
    assert app.session.pack.id == "tutorial"


def test_digit_key_chooses_and_a_rating_notification_arrives(app):
    start(app, TUTORIAL)
    rt = app.session.rt
    key(app, "1")  # Get up
    assert rt.state.scene == "counter"
    before = rt.score
    key(app, "1")  # make it the usual way: Rui rates five stars
    assert rt.state.scene == "bea_calls"
    assert rt.score > before
    assert app.feed.toasts, "a rating notification is on screen"
    assert app.top.anim.target == rt.score


def test_a_locked_choice_is_shown_but_refuses_selection(app):
    start(app, TUTORIAL)
    key(app, "1")
    play = app.top
    locked = [i for i, v in enumerate(play.views) if not v.available]
    assert locked, "the counter scene has a locked choice"
    i = locked[0]
    b = play.buttons[i]
    assert not b.enabled and b.sub  # greyed, with its reason
    scene = app.session.rt.state.scene
    key(app, str(i + 1))
    assert app.session.rt.state.scene == scene
    click(app, button_centre(play, i))
    assert app.session.rt.state.scene == scene
    assert app.feed.toasts  # the "Locked: ..." message


def test_arrows_and_enter_and_mouse_click(app):
    start(app, TUTORIAL)
    key(app, "return")  # the single Continue ("Get up")
    play = app.top
    assert app.session.rt.state.scene == "counter"
    assert play.focus == 0
    key(app, "down")
    assert play.focus == 1
    key(app, "tab")
    assert play.focus == 2
    key(app, "up")
    key(app, "return")  # choice 2: try the new bean
    assert app.session.rt.state.scene == "bea_calls"
    click(app, button_centre(app.top, 1))  # choice 2 by mouse: the bus timetable
    assert app.session.rt.state.scene == "drive"


def test_typewriter_reveals_and_any_key_skips(home):
    from game.ui.settings import Settings
    app = make_app(Settings(text_speed=0))
    start(app, TUTORIAL)
    play = app.top
    assert play.busy
    pump(app, 3)
    assert play.busy and play.revealed > 0
    key(app, "x")
    assert not play.busy
    assert app.session.rt.state.scene == "alarm"  # skipping does not choose
    pygame.quit()


def test_passage_text_is_drawn_in_the_card(app):
    start(app, TUTORIAL)
    key(app, "1")
    play = app.top
    app.draw()
    surf = app.surface
    text_y = dict(play.els)["text"]
    block = play.block
    x0 = play.card.x + play.pad
    region = pygame.Rect(x0, text_y, block.width, block.height)
    ink = play.theme.pal.text
    dark = 0
    for y in range(region.top, region.bottom, 2):
        for x in range(region.left, region.right, 3):
            c = surf.get_at((x, y))
            if abs(c.r - ink[0]) + abs(c.g - ink[1]) + abs(c.b - ink[2]) < 60:
                dark += 1
    assert dark > 200, "the passage's glyphs are drawn where the layout put them"
    above = pygame.Rect(x0, play.card.y + 2, block.width, 6)
    assert all(surf.get_at((x, above.y)) != pygame.Color(ink) for x in range(above.left, above.right, 5))


def test_wheel_scrolls_long_text(home):
    app = make_app(size=(960, 540))
    app.settings.text_size = 3
    app.relayout()
    start(app, TUTORIAL)
    key(app, "1")  # the counter: picture, text and three choices overflow at this size
    play = app.top
    assert play.scroll.max_offset > 0
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=play.scroll.view.center,
                                         rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-2, flipped=False,
                                         precise_x=0.0, precise_y=-2.0, touch=False))
    pump(app)
    assert play.scroll.offset > 0
    key(app, "end")  # focusing the last choice scrolls it into view
    b = play.buttons[-1]
    assert play.scroll.view.contains(play.to_screen(b.rect).clamp(play.scroll.view)) and \
        play.to_screen(b.rect).bottom <= play.scroll.view.bottom
    pygame.quit()


def test_play_to_the_ending_and_on_to_the_next_episode(app):
    start(app, TUTORIAL)
    for k in ("1", "1", "2", "1"):
        key(app, k)
    rt = app.session.rt
    assert rt.ending is not None
    key(app, "return")  # see the debrief
    assert app.top.name == "ending"
    ending = app.top
    assert ending.buttons[0].label.startswith("Continue to")
    key(app, "return")
    assert app.top.name == "play"
    assert rt is app.session.rt and app.session.rt.state.episode == "commute"


def test_history_lists_earlier_passages(app):
    start(app, TUTORIAL)
    key(app, "1")
    key(app, "1")
    key(app, "h")
    assert app.top.name == "history"
    assert [e["choice"] for e in app.top.entries] == ["Get up", "Make it exactly the usual way"]
    assert "phone lights up" in app.top.entries[0]["text"]
    key(app, "escape")
    assert app.top.name == "play"


def test_undo_goes_back_one_choice(app):
    start(app, TUTORIAL)
    key(app, "1")
    key(app, "1")
    key(app, "u")
    assert app.session.rt.state.scene == "counter"


def test_escape_opens_the_menu_and_title_returns(app):
    start(app, TUTORIAL)
    key(app, "escape")
    assert app.top.name == "menu"
    key(app, "escape")
    assert app.top.name == "play"
    key(app, "escape")
    labels = [b.label for b in app.top.buttons]
    for _ in range(labels.index("Title screen")):
        key(app, "down")
    key(app, "return")
    assert app.top.name == "title"
    assert app.top.buttons[0].enabled  # Continue: the autosave is there
    key(app, "return")
    assert app.top.name == "play"


def test_resize_reflows_the_layout(app):
    start(app, TUTORIAL)
    width_before = app.top.block.width
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1000, h=600, size=(1000, 600)))
    pump(app)
    assert app.theme.w == 1000
    assert app.top.block.width < width_before
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=500, h=300, size=(500, 300)))
    pump(app)
    assert (app.theme.w, app.theme.h) == (960, 540)  # the minimum
