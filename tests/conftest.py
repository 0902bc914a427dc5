"""Shared test set-up: no display, no sound device, and a private STANDING_HOME per test so
saves, settings and caches never touch the real user folders."""
import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# The suite reads the game's English words, whatever the machine's language; tests of other
# languages choose theirs (game.i18n.set_language, or LANGUAGE for a child process).
os.environ["LANGUAGE"] = "en"

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "story"
TUTORIAL = STORY / "tutorial"
sys.path.insert(0, str(ROOT))


@pytest.fixture(autouse=True)
def standing_home(tmp_path, monkeypatch):
    home = tmp_path / "standing-home"
    monkeypatch.setenv("STANDING_HOME", str(home))
    yield home
    from game import i18n
    i18n.set_language("en")  # a test that switched language leaves none behind
