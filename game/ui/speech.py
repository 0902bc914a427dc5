"""Optional self-voicing through the system's speech engine (espeak-ng, spd-say or macOS say).

Speaking never blocks the game: each utterance is a child process, and a new one interrupts the
last so focus changes are read promptly.
"""
from __future__ import annotations

import shutil
import subprocess
from typing import List, Optional

ENGINES = (("espeak-ng", []), ("espeak", []), ("spd-say", ["--wait"]), ("say", []))


def find_engine() -> Optional[List[str]]:
    for name, args in ENGINES:
        path = shutil.which(name)
        if path:
            return [path] + args
    return None


class Speech:
    def __init__(self, enabled: bool = False):
        self.enabled = enabled
        self._engine: Optional[List[str]] = None
        self._looked = False
        self._proc: Optional[subprocess.Popen] = None
        self.last = ""  # the last thing said, for tests and for the settings screen

    @property
    def engine(self) -> Optional[List[str]]:
        if not self._looked:
            self._engine, self._looked = find_engine(), True
        return self._engine

    @property
    def engine_name(self) -> str:
        e = self.engine
        return e[0].rsplit("/", 1)[-1] if e else ""

    def say(self, text: str) -> None:
        if not self.enabled or not text:
            return
        from ..engine.text import plain  # on first use: the first frame never needs it
        text = " ".join(plain(text).split())  # no "asterisk asterisk" read aloud
        if not text:
            return
        self.last = text
        if self.engine is None:
            return
        self.stop()
        try:
            self._proc = subprocess.Popen(self.engine + ["--", text] if self.engine_name != "say"
                                          else self.engine + [text],
                                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL)
        except OSError:
            self._engine = None  # the engine vanished; stay silent rather than fail

    def stop(self) -> None:
        p, self._proc = self._proc, None
        if p is not None and p.poll() is None:
            try:
                p.terminate()
                p.wait(timeout=0.2)
            except (OSError, subprocess.TimeoutExpired):
                pass
