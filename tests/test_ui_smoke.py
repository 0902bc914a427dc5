"""The real program: `python -m game` under Xvfb driven by scripted keys, the screenshot command,
and the start-up hook the benchmark uses."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from ui_helpers import REPO, TUTORIAL, home, tutorial  # noqa: F401

# Alarm, counter, bea_calls, drive, ending passage, debrief, next episode, gates, queue,
# ending passage, final debrief -> title; then the app quits by itself.
TO_THE_END = "1 1 2 1 return tab tab tab return 2 1 return return"  # Tab to "Continue to"


def env_for(home, **extra):
    env = dict(os.environ, STANDING_HOME=str(home), PYTHONPATH=str(REPO))
    env.pop("SDL_VIDEODRIVER", None)
    env.update(extra)
    return env


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed")
def test_the_real_window_plays_to_the_end_under_xvfb(home, tutorial):
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text(json.dumps({"reduced_motion": True}))
    env = env_for(home, STANDING_SCRIPT=TO_THE_END, SDL_AUDIODRIVER="dummy")
    proc = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x720x24", sys.executable,
                           "-m", "game", "play", str(tutorial)], env=env, cwd=str(REPO),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    auto = json.loads((home / "saves" / "autosave-tutorial.json").read_text())
    assert auto["episode"] == "commute" and auto["state"]["ended"] is True
    assert auto["state"]["scene"] == "commute_end"


def test_first_frame_hook_prints_a_timestamp(home):
    env = env_for(home, STANDING_FIRST_FRAME="1", SDL_VIDEODRIVER="dummy",
                  SDL_AUDIODRIVER="dummy")
    proc = subprocess.run([sys.executable, "-m", "game"], env=env, cwd=str(REPO),
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("FIRST_FRAME ")
    float(proc.stdout.split()[1])


def test_screenshot_command_writes_a_png(home, tmp_path):
    out = tmp_path / "shot.png"
    env = env_for(home, SDL_AUDIODRIVER="dummy")
    proc = subprocess.run([sys.executable, "-m", "game", "screenshot", str(TUTORIAL),
                           "--choices", "1,1", "-o", str(out)], env=env, cwd=str(REPO),
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    import pygame
    img = pygame.image.load(str(out))
    assert img.get_size() == (1280, 720)
    assert not (home / "saves").exists()  # screenshots never write the player's saves


def test_screenshot_refuses_a_locked_choice(home, tmp_path):
    env = env_for(home, SDL_AUDIODRIVER="dummy")
    proc = subprocess.run([sys.executable, "-m", "game", "screenshot", str(TUTORIAL),
                           "--choices", "1,3", "-o", str(tmp_path / "x.png")], env=env,
                          cwd=str(REPO), capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2
    assert "locked" in proc.stderr
