"""Render any screen to a PNG without a display (SDL's dummy driver), for docs and bug reports.

    render_shot("story/tutorial", [1, 1, 2], "shot.png")

Choices are 1-based, as the buttons show them. On an ending passage, 1 continues to the next
episode (the ending screen's first button). Between choices a second of game time passes, as
for a quick player, so notifications from the last choices are still on screen. Nothing is
written to the player's saves or settings.
"""
from __future__ import annotations

import os
from typing import Optional, Sequence, Tuple

from ..i18n import _

SCREENS = ("play", "ending", "debrief", "title", "picker", "settings", "saves", "history", "menu")


class ShotError(Exception):
    """The requested path or screen cannot be shown; str() says why."""


def render_shot(pack: Optional[str], choices: Sequence[int], out: str,
                size: Tuple[int, int] = (1280, 720), screen: str = "play", seed: int = 1,
                settings=None, seconds_between: float = 1.0) -> str:
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame
    from .app import App
    from .screens.title import TitleScreen
    from .settings import Settings

    app = App(None, size=size, settings=settings or Settings(text_speed=3))
    app.persist = False
    try:
        app.push(TitleScreen(app))
        app.after_first_frame()
        if pack and screen not in ("title", "picker"):
            if app.start_game(pack, seed=seed):
                for n in choices:
                    _take(app, n)
                    _advance(app, seconds_between)
        _open(app, screen)
        _advance(app, 0.4 if screen == "play" else 5.0)  # elsewhere, let notifications go
        app.draw()
        os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
        pygame.image.save(app.surface, out)
    finally:
        pygame.quit()
    return out


def _take(app, n: int) -> None:
    from .screens.ending import EndingScreen
    play = app.top
    rt = app.session.rt
    if rt.ending is not None:
        if n != 1 or rt.next_episode is None:
            raise ShotError((_("the run is at the ending '{ending}'; 1 continues to the next "
                               "episode") if rt.next_episode else
                             _("the run is at the ending '{ending}'; it is the last episode"))
                            .format(ending=rt.ending.title))
        ending = EndingScreen(app)
        ending.layout()
        ending.next_episode()
        return
    views = rt.choices
    if not 1 <= n <= len(views):
        # Translators: {scene} is a scene id; {count} how many choices it has.
        raise ShotError(_("there is no choice {n} in `{scene}` (there are {count})").format(
            n=n, scene=rt.state.scene, count=len(views)))
    if not views[n - 1].available:
        raise ShotError(_("choice {n} in `{scene}` is locked: {reason}").format(
            n=n, scene=rt.state.scene, reason=views[n - 1].reason))
    play.room.pause_pending = False  # projector mode: the discussion pause is not a picture
    play.pick(n - 1)


def _advance(app, seconds: float) -> None:
    steps = max(1, int(seconds * 60))
    for _step in range(steps):
        top = app.top
        if hasattr(top, "finish_reveal"):
            top.finish_reveal()
        app.feed.update(1 / 60)
        if top is not None:
            top.update(1 / 60)


def _open(app, screen: str) -> None:
    from .screens.ending import EndingScreen
    from .screens.history import HistoryScreen
    from .screens.menu import PauseMenu
    from .screens.picker import PickerScreen
    from .screens.saves import SavesScreen
    from .screens.settings import SettingsScreen
    if screen not in SCREENS:
        # Translators: {screens} lists the screen names the command accepts (kept in English).
        raise ShotError(_("unknown screen {screen}; choose from {screens}").format(
            screen=repr(screen), screens=", ".join(SCREENS)))
    if app.top is not None and app.top.name == "error":
        return  # a broken pack: the error screen is the picture
    if screen == "picker":
        app.push(PickerScreen(app))
    elif screen == "settings":
        app.push(SettingsScreen(app))
    elif screen == "saves":
        app.push(SavesScreen(app, saving=False))
    elif screen in ("history", "menu", "ending", "debrief"):
        if app.session is None:
            # Translators: {screen} is a screen name as typed (history, menu, debrief).
            raise ShotError(_("the {screen} screen needs a pack").format(screen=screen))
        if screen in ("ending", "debrief"):
            if app.session.rt.ending is None:
                raise ShotError(_("the debrief needs choices that reach an ending"))
            app.push(EndingScreen(app))
            if screen == "debrief":
                from .screens.debrief import DebriefScreen
                app.push(DebriefScreen(app))
        else:
            app.push(HistoryScreen(app) if screen == "history" else PauseMenu(app))
