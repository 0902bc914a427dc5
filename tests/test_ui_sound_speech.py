"""Sound cues are synthesised without files and never fail without a device; speech is optional."""
import pygame

from conftest import ROOT
from game.ui import sound, speech
from game.ui.settings import Settings
from ui_helpers import app, home  # noqa: F401


def test_cues_are_synthesised_in_pure_python():
    samples = sound.synth(sound.CUES["up"], 22050)
    assert len(samples) > 22050 * 0.3
    assert max(abs(s) for s in samples) <= 1.5
    assert abs(samples[-1]) < 1e-6  # every note fades to silence: no click at the end
    pcm = sound.to_pcm(samples[:100], 2)
    assert len(pcm) == 100 * 2 * 2


def test_sound_without_an_audio_device_is_silent_not_fatal(monkeypatch):
    def no_device(*a, **k):
        raise pygame.error("No available audio device")
    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", no_device)
    s = sound.Sound(Settings())
    s.start()
    assert not s.ok and "audio" in s.error
    s.play("up")  # a no-op


def test_sound_with_the_dummy_driver(monkeypatch):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    s = sound.Sound(Settings(volume=5))
    s.start()
    if s.ok:
        assert set(s._cues) >= {"up", "down", "select", "locked"}
        s.play("up")
    pygame.mixer.quit()


def test_speech_uses_the_first_engine_found(monkeypatch):
    calls = []

    class FakeProc:
        def __init__(self, args, **kw):
            calls.append(args)

        def poll(self):
            return 0

    monkeypatch.setattr(speech.shutil, "which",
                        lambda n: "/usr/bin/spd-say" if n == "spd-say" else None)
    monkeypatch.setattr(speech.subprocess, "Popen", FakeProc)
    sp = speech.Speech(True)
    assert sp.engine_name == "spd-say"
    sp.say("Rui   rated you\n5 stars.")
    assert calls[-1][0] == "/usr/bin/spd-say" and calls[-1][-1] == "Rui rated you 5 stars."
    sp.enabled = False
    sp.say("quiet")
    assert len(calls) == 1


def test_a_missing_sound_card_says_nothing_on_the_terminal(monkeypatch, capfd):
    """ALSA writes its complaints to file descriptor 2 itself, past sys.stderr: the mixer opens
    with that descriptor sent to a scratch file, and what it said becomes the error text."""
    import os

    def alsa(*a, **k):
        os.write(2, b"ALSA lib confmisc.c:855:(parse_card) cannot find card '0'\n" * 8)
        raise pygame.error("ALSA: Couldn't open audio device")
    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", alsa)
    s = sound.Sound(Settings())
    s.start()
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
    assert not s.available and "cannot find card" in s.error
    assert s.status(muted=False) == "Off: no audio device"
    os.write(2, b"still here\n")  # the descriptor is restored afterwards
    assert capfd.readouterr().err == "still here\n"


def test_the_real_mixer_without_a_device_is_quiet(tmp_path):
    """The whole start in a fresh process with SDL's default audio driver: on a machine without
    a sound card nothing reaches the terminal (with one, the sound simply works)."""
    import os
    import subprocess
    import sys
    env = {k: v for k, v in os.environ.items() if k != "SDL_AUDIODRIVER"}
    code = ("from game.ui.sound import Sound\nfrom game.ui.settings import Settings\n"
            "s = Sound(Settings()); s.start(); print(s.available)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, cwd=str(ROOT), timeout=60)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.strip() in ("True", "False")


def test_the_settings_screen_says_once_that_sound_is_off(app):
    from test_ui_settings import open_settings
    app.sound.ok = False
    screen = open_settings(app)
    row = next(b for b in screen.buttons if b.label == "Sound")
    assert row.value == "Off: no audio device"
    shown = " ".join(f"{b.value} {n}" for b, (_, _, _, n, _) in zip(screen.buttons, screen._rows))
    assert shown.count("no audio device") == 1
