"""Short synthesised sound cues, made at start-up in pure Python (no files, nothing to licence).

The mixer is optional: with no audio device (a classroom PC, CI, SSH) every call is a silent
no-op, and the game never fails because of sound. Opening it is quiet too: ALSA and friends
print their complaints straight to file descriptor 2, so the mixer opens with that descriptor
pointed at a scratch file, and the settings screen says once that sound is off.
"""
from __future__ import annotations

import contextlib
import math
import os
import sys
import tempfile
from array import array
from typing import Dict, Iterator, List, Optional, Tuple

import pygame

from ..i18n import _
from .settings import Settings

# (frequency Hz, start s, length s, loudness) notes per cue; bell-like partials are added.
CUES: Dict[str, List[Tuple[float, float, float, float]]] = {
    "up": [(987.8, 0.0, 0.22, 0.55), (1318.5, 0.08, 0.34, 0.5)],  # B5 then E6: a bright chime
    "down": [(440.0, 0.0, 0.24, 0.5), (349.2, 0.11, 0.40, 0.5)],  # A4 then F4: a soft fall
    "select": [(1760.0, 0.0, 0.045, 0.22)],
    "locked": [(196.0, 0.0, 0.12, 0.45), (185.0, 0.0, 0.12, 0.3)],
    "notify": [(1174.7, 0.0, 0.16, 0.35)],
    "tier_up": [(784.0, 0.0, 0.2, 0.4), (987.8, 0.09, 0.2, 0.4), (1568.0, 0.18, 0.45, 0.45)],
    "tier_down": [(523.3, 0.0, 0.25, 0.45), (415.3, 0.12, 0.25, 0.45), (311.1, 0.24, 0.5, 0.45)],
}


def synth(notes: List[Tuple[float, float, float, float]], rate: int) -> List[float]:
    """Mix decaying sine notes into samples in -1..1."""
    total = max(start + length for _, start, length, _ in notes)
    out = [0.0] * int(total * rate + 1)
    for freq, start, length, amp in notes:
        first = int(start * rate)
        n = int(length * rate)
        w = 2 * math.pi * freq / rate
        attack = max(1, int(0.006 * rate))  # a few ms of attack avoids clicks
        for i in range(n):
            env = (i / attack if i < attack else 1.0) * math.exp(-5.0 * i / n)
            tail = 1.0 - i / n  # reach exactly zero at the end
            out[first + i] += amp * env * tail * (math.sin(w * i) + 0.25 * math.sin(2 * w * i))
    return out


def to_pcm(samples: List[float], channels: int, volume: float = 0.6) -> bytes:
    data = array("h")
    for s in samples:
        v = int(max(-1.0, min(1.0, s * volume)) * 32767)
        data.extend([v] * channels)
    return data.tobytes()


MAX_NOISE = 4096  # bytes of a library's complaint kept for `Sound.error`


@contextlib.contextmanager
def quiet_stderr() -> Iterator[List[str]]:
    """Send file descriptor 2 to a scratch file for the block (C libraries write there past
    Python's sys.stderr); yields a list that holds what was written once the block ends."""
    said: List[str] = []
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no descriptor 2 at all (pythonw): nothing to hide
        yield said
        return
    try:
        with tempfile.TemporaryFile() as scratch:
            os.dup2(scratch.fileno(), 2)
            try:
                yield said
            finally:
                os.dup2(saved, 2)
                scratch.seek(0)
                said.append(scratch.read(MAX_NOISE).decode("utf-8", "replace"))
    finally:
        os.close(saved)


class Sound:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.ok = False
        self.error = ""
        self._cues: Dict[str, "pygame.mixer.Sound"] = {}

    @property
    def available(self) -> bool:
        """Whether an audio device opened; False until `start` and on machines without one."""
        return self.ok

    def status(self, muted: bool) -> str:
        """The Sound row's value in the settings screen."""
        if not self.ok:
            return _("Off: no audio device")
        # Translators: the Sound setting's value.
        return _("Muted") if muted else _("On")

    def start(self) -> None:
        """Open the mixer and build the cues; called after the first frame so start-up is fast."""
        try:
            self._open()
            rate, fmt, channels = pygame.mixer.get_init()
            if fmt != -16:
                raise pygame.error(f"unsupported mixer format {fmt}")
            for name, notes in CUES.items():
                self._cues[name] = pygame.mixer.Sound(buffer=to_pcm(synth(notes, rate), channels))
            self.ok = True
        except (pygame.error, NotImplementedError, OSError, ValueError) as e:
            self.ok, self.error = False, str(e) or "no audio device"
            self._cues.clear()

    def _open(self) -> None:
        if pygame.mixer.get_init():
            return
        noise: Optional[List[str]] = None
        try:
            with quiet_stderr() as noise:
                pygame.mixer.init(44100, -16, 2, 512)
        except pygame.error as e:
            first = next((line for line in "".join(noise or []).splitlines() if line), "")
            raise pygame.error(f"{e} ({first})" if first and str(e) not in first else str(e)
                               ) from None

    def play(self, name: str) -> None:
        if not self.ok or self.settings.gain <= 0:
            return
        cue = self._cues.get(name)
        if cue is None:
            return
        try:
            cue.set_volume(self.settings.gain)
            cue.play()
        except pygame.error:
            pass  # a device that vanished mid-game only costs the sound
