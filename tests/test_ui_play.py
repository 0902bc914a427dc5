"""The window, driven by real pygame key and mouse events on the dummy video driver."""
import pygame
import pytest

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
    assert app.top.anim.target == rt.shown_score  # the animation ends on the shown score


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


def wheel(app, pos, y):
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                         buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False,
                                         precise_x=0.0, precise_y=float(y), touch=False))
    pump(app)


def choices_on_screen(app) -> bool:
    """Every choice lies wholly inside the window and inside the (unscrolled) choice area."""
    play = app.top
    win = pygame.Rect(0, 0, app.theme.w, app.theme.h)
    return all(win.contains(play.to_screen(b.rect)) and
               play.scroll.view.contains(play.to_screen(b.rect)) for b in play.buttons)


STANDING_CITY = TUTORIAL.parent / "standing-city"


@pytest.mark.parametrize("size,text_size,projector", [
    ((1280, 720), 1, False), ((960, 540), 1, False), ((1280, 720), 3, False),
    ((960, 540), 3, False), ((1280, 720), 1, True)])
@pytest.mark.parametrize("pack,choices", [(STANDING_CITY, "1"), (TUTORIAL, "1")])
def test_choices_are_visible_without_scrolling(home, size, text_size, projector, pack, choices):
    """The choices are pinned under the passage card: all of them (with a locked one's reason)
    are on screen at once, whatever the passage's length; the passage scrolls instead."""
    from game.ui.settings import Settings
    app = make_app(Settings(reduced_motion=True, text_size=text_size, projector=projector),
                   size=size)
    start(app, pack)
    for k in choices.split(","):
        key(app, "a" if projector else k)
    play = app.top
    assert len(play.buttons) >= 3
    assert play.scroll.max_offset == 0 and play.scroll.offset == 0
    assert choices_on_screen(app)
    assert play.card.bottom < play.to_screen(play.buttons[0].rect).top
    # the passage's first line is in view too (a picture never pushes it out)
    assert dict(play.els)["text"] + play.block.line_h <= play.text_scroll.view.bottom
    pygame.quit()


def test_a_long_passage_scrolls_in_its_card_by_wheel_and_page_keys(home):
    app = make_app()
    start(app, STANDING_CITY)
    key(app, "1")  # two phishing messages: a long passage and four choices
    play = app.top
    ts = play.text_scroll
    assert ts.max_offset > 0 and ts.offset == 0
    app.draw()
    assert play._more is not None, "a 'Page 1 of N' pill says the passage goes on"
    here, count = play.pages()
    assert here == 1 and count >= 2
    focus = play.focus
    key(app, "pagedown")
    assert ts.offset > 0 and play.focus == focus  # reading on never moves the focus
    key(app, "pageup")
    assert ts.offset == 0
    wheel(app, play.card.center, -2)
    assert ts.offset > 0
    wheel(app, play.card.center, 10)
    assert ts.offset == 0
    app.draw()
    click(app, play._more.center)  # the pill pages down too
    assert ts.offset > 0
    for _ in range(20):
        key(app, "pagedown")
    assert ts.offset == ts.max_offset
    app.draw()
    assert play.pages() == (count, count)  # the last page: the pill stays, saying so
    click(app, play._more.center)  # and a click goes back to the first page
    assert ts.offset == 0
    assert choices_on_screen(app)
    assert app.session.rt.state.scene == play.passage.scene  # nothing was chosen
    pygame.quit()


def test_the_typewriter_keeps_the_typed_line_in_view(home):
    from game.ui.settings import Settings
    app = make_app(Settings(text_speed=2))
    start(app, STANDING_CITY)
    play = app.top
    play.finish_reveal()
    pump(app)
    key(app, "1")
    assert play.busy and play.text_scroll.max_offset > 0
    offsets = []
    while play.busy:
        pump(app, 10, dt=0.1)
        offsets.append(play.text_scroll.offset)
    assert offsets[-1] > 0 and offsets == sorted(offsets)
    text_y = dict(play.els)["text"]
    last = text_y + play.block.height - play.text_scroll.offset
    assert last <= play.text_scroll.view.bottom  # the end of the text was on screen
    pygame.quit()


def test_page_down_while_typing_finishes_the_text_first(home):
    from game.ui.settings import Settings
    app = make_app(Settings(text_speed=2))
    start(app, STANDING_CITY)
    play = app.top
    play.finish_reveal()
    pump(app)
    key(app, "1")  # a long passage, typing
    pump(app, 2, dt=0.05)
    assert play.busy and play.text_scroll.max_offset > 0
    offset = play.text_scroll.offset
    key(app, "pagedown")
    assert not play.busy, "PgDn shows the rest of the text"
    assert play.text_scroll.offset == offset  # and does not jump past what was being read
    key(app, "pagedown")  # then it pages
    assert play.text_scroll.offset > offset
    assert app.session.rt.state.scene == play.passage.scene  # nothing was chosen
    pygame.quit()


def test_wheel_scrolls_long_text(home):
    app = make_app(size=(960, 540))
    app.settings.text_size = 3
    app.relayout()
    start(app, STANDING_CITY)
    key(app, "1")  # the phishing messages: a long passage and four choices at this size
    play = app.top
    assert play.text_scroll.max_offset > 0
    wheel(app, play.card.center, -2)
    assert play.text_scroll.offset > 0
    key(app, "end")  # focusing the last choice: already in view
    b = play.buttons[-1]
    assert play.scroll.view.contains(play.to_screen(b.rect))
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
    assert ending.buttons[ending.focus].label == "Debrief", "Enter never skips the debrief"
    i = next(i for i, b in enumerate(ending.buttons) if b.label.startswith("Continue to"))
    click(app, button_centre(ending, i))  # on screen: the actions are pinned to the foot
    assert app.top.name == "play"
    assert rt is app.session.rt and app.session.rt.state.episode == "commute"


def test_history_lists_earlier_passages(app):
    start(app, TUTORIAL)
    key(app, "1")
    key(app, "1")
    key(app, "h")
    assert app.top.name == "history"
    assert [e["choice"] for e in app.top.entries] == ["Get up", "Make it exactly the usual way"]
    assert "bedside speaker" in app.top.entries[0]["text"]
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


def test_emphasis_keeps_the_source_spacing(app):
    """A bold or italic word touching punctuation stays touching it: no stray space."""
    theme = app.theme
    block = app.rend.block("The first is from **STANDING**, the sender; from **Support** : and "
                           "*soft*.", 2000)
    runs = block.lines[0].runs
    texts = [r.text for r in runs]
    assert texts == ["The first is from", "STANDING", ", the sender; from", "Support",
                     ": and", "soft", "."]
    px = block.px

    def right(run):
        return run.x + theme.font_px(run.role, px).size(run.text)[0]

    space = theme.font_px("body", px).size(" ")[0]
    assert runs[2].x == right(runs[1])  # "STANDING," with no gap
    assert runs[4].x == right(runs[3]) + space  # the author wrote "Support :"
    assert runs[6].x == right(runs[5])  # "soft." with no gap
    assert [r.role for r in runs] == ["body", "bold", "body", "bold", "body", "italic", "body"]


def test_a_word_is_never_split_at_a_style_change_when_wrapping(app):
    theme = app.theme
    px = theme.text_px("body")
    w = theme.font_px("body", px).size("aaaa bbbb")[0]
    block = app.rend.block("aaaa bbbb **cccc**, dddd", w + 4)
    lines = [[r.text for r in ln.runs] for ln in block.lines]
    assert lines == [["aaaa bbbb"], ["cccc", ", dddd"]]  # the comma travels with its word


@pytest.mark.parametrize("size", [(1280, 720), (960, 540)])
def test_notifications_never_cover_the_score_panel(home, size):
    from game.ui.settings import Settings
    app = make_app(Settings(reduced_motion=True), size=size)
    start(app, TUTORIAL)
    key(app, "1")
    key(app, "2")  # a three-star rating and a payment record
    app.draw()
    play = app.top
    assert len(app.feed.rects) >= 2
    win = pygame.Rect(0, 0, *size)
    for r in app.feed.rects:
        assert win.contains(r)
        assert not r.colliderect(play.panel.rect)
    first = [r.copy() for r in app.feed.rects]
    pump(app, 5)
    assert app.feed.rects == first  # reduced motion: static
    pygame.quit()


def test_notifications_slide_in_when_motion_is_on(home):
    from game.ui.settings import Settings
    app = make_app(Settings(reduced_motion=False, text_speed=3))
    start(app, TUTORIAL)
    key(app, "1")
    key(app, "2")
    app.draw()
    early = app.feed.rects[0].topleft
    pump(app, 30)
    final = app.feed.rects[0].topleft
    assert final != early  # slid into place
    pump(app, 5)
    assert app.feed.rects[0].topleft == final  # and stays there
    assert not app.feed.rects[0].colliderect(app.top.panel.rect)
    pygame.quit()


def _assert_toasts_clear(app):
    play = app.top
    win = pygame.Rect(0, 0, *app.surface.get_size())
    assert app.feed.rects
    for r in app.feed.rects:
        assert win.contains(r)
        assert not r.colliderect(play.card), (r, play.card)
        assert not r.colliderect(play.panel.rect)
        for b in play.buttons:
            assert not r.colliderect(play.to_screen(b.rect)), (r, b.label)


@pytest.mark.parametrize("size,projector", [((1280, 720), False), ((960, 540), False),
                                            ((1280, 720), True), ((960, 540), True)])
def test_notifications_never_cover_the_passage_or_the_choices(home, size, projector):
    from game.ui.settings import Settings
    app = make_app(Settings(reduced_motion=True, projector=projector), size=size)
    start(app, TUTORIAL)
    keys = ["a", "return", "a"] if projector else ["1", "2"]
    for k in keys:
        if app.top.name == "play" and app.top.busy:
            key(app, "space")
        key(app, k)
    while app.top.name != "play":  # the projector's discussion pause card
        key(app, "escape")
    app.draw()
    _assert_toasts_clear(app)
    first = [r.copy() for r in app.feed.rects]
    pump(app, 5)
    assert app.feed.rects == first  # reduced motion: static
    # the queue: every notification is shown in its turn, none is lost while waiting
    total = len(app.feed.toasts)
    seen = 0
    for _ in range(20):
        seen += len(app.feed.rects)
        n = len(app.feed.toasts)
        app.step(5.0)
        app.draw()
        if app.feed.toasts:
            _assert_toasts_clear(app)
        if not app.feed.toasts:
            break
        assert len(app.feed.toasts) < n
    assert not app.feed.toasts and seen >= total
    pygame.quit()


def test_a_long_notification_becomes_one_line_in_the_header(home):
    from game.ui.settings import Settings
    app = make_app(Settings(reduced_motion=True, projector=True), size=(1280, 720))
    start(app, TUTORIAL)
    app.top.finish_reveal()
    app.feed.message("Left the workplace during a shift, twice, and then a third time "
                     "after the manager had already said something", "down",
                     "Recorded: Behaviour and preferences", tail="\u22120.100")
    app.draw()
    assert app.feed.band
    (r,) = app.feed.rects[:1]
    assert r.h < app.theme.px(60) and r.bottom <= app.top.column.y
    _assert_toasts_clear(app)
    pygame.quit()


def test_history_shows_the_score_move_only_when_it_moved(app):
    from game.ui.screens.history import chose_line
    start(app, TUTORIAL)
    key(app, "1")  # Get up: the score does not move
    key(app, "2")  # the new bean: a three-star rating, a payment record
    key(app, "h")
    lines = [chose_line(e, app.session.pack.regime.scale.fmt) for e in app.top.entries]
    assert lines[0] == "You chose: Get up"
    assert lines[1].startswith("You chose: Try the new bean on him, free   (")
    assert " to " in lines[1]


def test_screenshot_refuses_sizes_below_the_window_minimum(home, tmp_path, capsys):
    from types import SimpleNamespace
    from game.commands.screenshot import run
    out = tmp_path / "x.png"
    args = SimpleNamespace(pack=None, choices="", output=str(out), screen="title",
                           size="800x600", seed=1, text_size=None, contrast=False,
                           projector=False)
    assert run(args) == 2
    assert "960x540" in capsys.readouterr().err and not out.exists()
    args.size = "960x540"
    assert run(args) == 0
    assert pygame.image.load(str(out)).get_size() == (960, 540)


def test_the_title_card_makes_no_tier_claim(app):
    app.draw()
    from game.ui.screens import title
    import inspect
    src = inspect.getsource(title.TitleScreen._draw_profile)
    assert "TRUSTED" not in src and "VISIBLE TO EVERYONE" in src
