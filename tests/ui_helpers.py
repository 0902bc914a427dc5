"""Shared helpers for the window tests: a headless App in a throwaway STANDING_HOME, and real
pygame events posted to it."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

import pygame  # noqa: E402
import pytest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TUTORIAL = REPO / "story" / "tutorial"


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty STANDING_HOME so saves and settings never touch the real ones."""
    h = tmp_path / "home"
    monkeypatch.setenv("STANDING_HOME", str(h))
    monkeypatch.delenv("STANDING_SCRIPT", raising=False)
    return h


@pytest.fixture
def tutorial(tmp_path):
    """A private copy of the tutorial pack (tests may edit it)."""
    dest = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, dest)
    return dest


def make_app(settings=None, size=(1280, 720)):
    from game.ui.app import App
    from game.ui.screens.title import TitleScreen
    from game.ui.settings import Settings
    app = App(None, size=size, settings=settings or Settings(reduced_motion=True))
    app.push(TitleScreen(app))
    app.after_first_frame()
    app.draw()
    return app


@pytest.fixture
def app(home):
    a = make_app()
    yield a
    pygame.quit()


def pump(app, frames: int = 1, dt: float = 1 / 60) -> None:
    """Deliver queued events to the app and run frames, as the main loop does."""
    for _ in range(frames):
        for e in pygame.event.get():
            app.handle(e)
        app.step(dt)


def key(app, name: str, mod: int = 0) -> None:
    k = pygame.key.key_code(name)
    char = name if len(name) == 1 else ""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=char,
                                         scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode=char,
                                         scancode=0))
    pump(app)


def click(app, pos) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    pump(app)


def button_centre(screen, index: int):
    return screen.to_screen(screen.buttons[index].rect).center


def start(app, path) -> None:
    assert app.start_game(str(path), seed=1)
    assert app.top.name == "play"


def continue_to_next_episode(app) -> None:
    """On the ending screen, Tab to "Continue to ..." and press Enter (the focus starts on
    the debrief, so Enter alone never skips it)."""
    ending = app.top
    assert ending.name == "ending"
    for _ in range(len(ending.buttons)):
        if ending.buttons[ending.focus].label.startswith("Continue to"):
            break
        key(app, "tab")
    key(app, "return")
