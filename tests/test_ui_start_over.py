"""`standing play PACK` over that pack's autosave asks first, and the safe answer has the focus
(the title's New game and the picker ask through the same App.new_game; see
test_ui_saves_errors.py)."""
from types import SimpleNamespace

import pygame

from game import saves
from ui_helpers import TUTORIAL, home, key, make_app, start  # noqa: F401


def command_line_app(pack=TUTORIAL, **kw):
    """The window as `standing play PACK` opens it: the title first, then the pack."""
    from game.ui.app import App
    from game.ui.screens.title import TitleScreen
    from game.ui.settings import Settings
    a = dict(pack=str(pack), projector=False, episode=None, seed=None)
    a.update(kw)
    app = App(SimpleNamespace(**a), size=(1280, 720), settings=Settings(reduced_motion=True))
    app.push(TitleScreen(app))
    app.after_first_frame()
    app.draw()
    return app


def played_a_little() -> dict:
    app = make_app()
    start(app, TUTORIAL)
    key(app, "1")
    key(app, "1")
    state = saves.read(saves.auto_slot("tutorial")).get("state")
    pygame.quit()
    return state


def test_the_command_line_asks_before_replacing_the_autosave_and_enter_keeps_it(home):  # noqa: F811
    before = played_a_little()
    app = command_line_app()
    dialog = app.top
    assert dialog.name == "confirm" and "replaces that autosave" in dialog.intro
    assert dialog.buttons[dialog.focus].label == "Cancel"
    key(app, "return")  # the safe answer
    assert app.top.name == "title"
    assert saves.read(saves.auto_slot("tutorial")).get("state") == before
    pygame.quit()


def test_the_command_line_can_continue_the_autosave(home):  # noqa: F811
    before = played_a_little()
    app = command_line_app(projector=True)
    key(app, "up")
    key(app, "return")  # Continue that game
    assert app.top.name == "play" and app.session.rt.state.to_dict() == before
    pygame.quit()


def test_the_command_line_starts_over_only_when_asked_to(home):  # noqa: F811
    played_a_little()
    app = command_line_app(seed=5)
    key(app, "home")
    key(app, "return")  # Start a new game
    assert app.top.name == "play" and app.session.rt.state.seed == 5
    assert saves.read(saves.auto_slot("tutorial")).get("state")["scene"] == "alarm"
    pygame.quit()


def test_without_an_autosave_the_command_line_starts_at_once(home):  # noqa: F811
    app = command_line_app()
    assert app.top.name == "play" and app.session.rt.state.scene == "alarm"
    pygame.quit()
