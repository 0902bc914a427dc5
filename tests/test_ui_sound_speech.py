"""Sound cues are synthesised without files and never fail without a device; speech is optional."""
import pygame

from game.ui import sound, speech
from game.ui.settings import Settings


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
