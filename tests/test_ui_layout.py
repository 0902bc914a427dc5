"""Every screen laid out at 1280x720, 1920x1080 and 3840x2160, in the largest text size with
high contrast and in projector mode: no text or control runs off the window, no two of them
overlap (a card may hold anything), no notification covers anything, and the focused control is
wholly visible. The boxes come from the renderer's layout log (game/ui/layoutlog.py): what the
frame actually drew, not a screenshot."""
from __future__ import annotations

import pygame
import pytest

from ui_helpers import REPO, TUTORIAL, home, key, make_app, pump  # noqa: F401

from game.ui.layoutlog import LayoutLog, RecordingSurface, check, focused_box
from game.ui.settings import Settings

CITY = REPO / "story" / "standing-city"
SIZES = ((1280, 720), (1920, 1080), (3840, 2160))
MODES = {"large-contrast": dict(text_size=3, high_contrast=True),
         "projector": dict(projector=True)}
TUTORIAL_END = ("1", "2", "1", "1")


def frame(app):
    """Draw one frame into a recording surface; returns the log."""
    log = app.rend.log
    if not isinstance(app.surface, RecordingSurface) or app.surface.get_size() != (
            app.theme.w, app.theme.h):
        app.surface = RecordingSurface((app.theme.w, app.theme.h), log)
    app.draw()
    return log


# Screens whose every control must show at once (no scrolling to find Quit or Cancel).
WHOLE = {"title", "new-game dialog", "pause menu", "ending", "ending passage", "pause card",
         "play: scam messages", "play: first passage"}


def problems(app, name: str):
    log = frame(app)
    window = app.surface.get_rect()
    top = len(app.stack) - 1
    out = check(log, window, top)
    if name in WHOLE or name.startswith("vote"):
        drawn = [b for b in log.boxes if b.kind == "control" and b.layer >= top]
        whole = {b.label for b in drawn if b.visible == b.rect and window.contains(b.rect)}
        missing = [b.label for b in app.top.buttons if b.label not in whole]
        if missing:
            out.append(f"controls not wholly on screen: {missing}")
    screen = app.top
    if screen.buttons and 0 <= screen.focus < len(screen.buttons) \
            and focused_box(log, top) is None and getattr(screen, "focus_drawn", True):
        out.append(f"the focused control {screen.buttons[screen.focus].label!r} is not drawn")
    return [f"{name}: {p}" for p in out]


# ---- getting to each screen -----------------------------------------------------------------

def fresh(app, pack=TUTORIAL, keys=()):
    app.home()
    assert app.start_game(str(pack), seed=1)
    for k in keys:
        while app.top.name == "play" and app.top.room.pause_pending:
            app.top.room.open_pause()
            key(app, "return")  # projector mode: the discussion pause first
        key(app, k)
    pump(app, 2)


def push(app, screen):
    app.push(screen)
    pump(app, 2)


def scenarios():
    """(name, set-up) pairs; each set-up leaves the app showing that screen."""
    from game.ui.screens.debrief import TABS, DebriefScreen
    from game.ui.screens.ending import EndingScreen
    from game.ui.screens.guide import GuideScreen
    from game.ui.screens.history import HistoryScreen
    from game.ui.screens.lab import LabScreen
    from game.ui.screens.menu import PauseMenu
    from game.ui.screens.pause_card import PauseCardScreen
    from game.ui.screens.picker import PickerScreen
    from game.ui.screens.saves import SavesScreen
    from game.ui.screens.settings import SettingsScreen
    from game.ui.screens.whatif import CompareScreen, WhatIfScreen

    def title(app):
        fresh(app, TUTORIAL, ("1",))  # leaves an autosave: Continue has a game to resume
        app.home()
        pump(app, 2)

    def new_over_autosave(app):
        title(app)
        app.new_game(str(TUTORIAL))
        pump(app, 2)
        assert app.top.name == "confirm"

    def city(app):
        fresh(app, CITY, ("1",))  # the scam messages: a long passage and four choices
        app.top.finish_reveal()

    def tally(app, counts=(), pack=TUTORIAL):
        fresh(app, pack, ("1",))
        key(app, "t")
        for k in counts:
            key(app, k)
        if counts:
            key(app, "return")

    def ending(app):
        fresh(app, TUTORIAL, TUTORIAL_END)

    def whatif_compare(app):
        ending(app)
        push(app, EndingScreen(app))
        push(app, WhatIfScreen(app))
        app.top.activate(2)  # rewind before choice 3 and take another branch
        pump(app, 2)
        for k in ("3", "1"):
            key(app, k)
        push(app, CompareScreen(app))

    def guide(app):
        from game.packs.discover import entry
        e = entry(str(CITY))
        text = (CITY / e.info.guide).read_text(encoding="utf-8")
        push(app, GuideScreen(app, e.info.title, text))

    out = [
        ("title", title),
        ("picker", lambda app: (app.home(), push(app, PickerScreen(app)))),
        ("settings", lambda app: (app.home(), push(app, SettingsScreen(app)))),
        ("load", lambda app: (title(app), push(app, SavesScreen(app, saving=False)))),
        ("new-game dialog", new_over_autosave),
        ("play: first passage", lambda app: fresh(app, CITY)),
        ("play: scam messages", city),
        ("pause menu", lambda app: (city(app), push(app, PauseMenu(app)))),
        ("vote", tally),
        ("vote: tie", lambda app: tally(app, ("1", "2", "b", "1", "2"))),
        ("vote: locked won", lambda app: tally(app, ("1", "b", "2", "c", "9"))),
        ("vote: four-way tie", lambda app: tally(app, "a5b5c5d5", CITY)),
        ("pause card", lambda app: (fresh(app, CITY), push(app, PauseCardScreen(
            app, app.session.pack.scenes["e2_office"].pause)))),
        ("ending passage", ending),
        ("ending", lambda app: (ending(app), push(app, EndingScreen(app)))),
        ("history", lambda app: (ending(app), push(app, HistoryScreen(app)))),
        ("what-if", lambda app: (ending(app), push(app, EndingScreen(app)),
                                 push(app, WhatIfScreen(app)))),
        ("compare", whatif_compare),
        ("lab", lambda app: (ending(app), push(app, LabScreen(app)))),
        ("guide", guide),
    ]
    for i, tab in enumerate(TABS):
        out.append((f"debrief: {tab}",
                    lambda app, i=i: (ending(app), push(app, DebriefScreen(app, tab=i)))))
    return out


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("mode", list(MODES))
def test_every_screen_uses_the_room_without_clipping_or_covering(home, mode, size):
    found = every_screen(Settings(reduced_motion=True, **MODES[mode]), size)
    assert not found, f"{len(found)} layout problems:\n" + "\n".join(found[:60])


def every_screen(settings, size):
    """The layout problems of every scenario, drawn in a window of `size`."""
    app = make_app(settings, size=size)
    app.rend.log = LayoutLog()
    app.rend.clear()
    found = []
    try:
        for name, setup in scenarios():
            setup(app)
            found += problems(app, name)
    finally:
        pygame.quit()
    return found


@pytest.mark.parametrize("lang", ["de", "es", "zh-Hans"])
@pytest.mark.parametrize("mode", list(MODES))
def test_every_screen_fits_in_each_language(home, mode, lang):
    """German and Spanish run about a third longer than English, Chinese shorter and taller:
    the same checks at the tightest size, with the game's words in each language."""
    found = every_screen(Settings(reduced_motion=True, language=lang, **MODES[mode]), SIZES[0])
    assert not found, f"{len(found)} layout problems:\n" + "\n".join(found[:60])
