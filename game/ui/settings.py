"""Player settings, persisted as JSON in `game.paths.config_dir()`.

Unknown keys are ignored and bad values fall back to defaults, so an old or hand-edited file can
never stop the game from starting.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Dict

from ..fsutil import atomic_write
from ..i18n import N_
from ..paths import config_dir

TEXT_SIZES = (N_("Small"), N_("Medium"), N_("Large"), N_("Extra large"))  # shown through _()
TEXT_SCALES = (0.88, 1.0, 1.2, 1.42)
TEXT_SPEEDS = (N_("Slow"), N_("Normal"), N_("Fast"), N_("Instant"))
CHARS_PER_SECOND = (28.0, 60.0, 140.0, 0.0)  # 0 = no typewriter
PROJECTOR_SCALE = 1.6
COUNTDOWNS = (0, 10, 20, 30)  # seconds; 0 is off
# "" is Automatic: the pack's language when the game has words for it, else the system's.
LANGUAGE_CHOICES = ("", "en", "de", "es", "zh-Hans")


@dataclass
class Settings:
    text_size: int = 1
    high_contrast: bool = False
    reduced_motion: bool = False
    text_speed: int = 1
    volume: int = 7  # 0 to 10
    muted: bool = False
    fullscreen: bool = False
    self_voicing: bool = False
    projector: bool = False
    countdown: int = 0  # projector mode: seconds before a choice can be made (0, 10, 20, 30)
    presenter: bool = False  # with two displays, the teacher's window opens on the other one
    audience_display: int = -1  # the projector's display, counted from 0; -1: the last one
    last_pack: str = ""  # the pack "New game" starts
    language: str = ""  # the game's words: "" follows the pack, then the system; or a tag

    # ---- derived ---------------------------------------------------------------------

    @property
    def text_scale(self) -> float:
        return PROJECTOR_SCALE if self.projector else TEXT_SCALES[self.text_size]

    @property
    def contrast(self) -> bool:
        return self.high_contrast or self.projector

    @property
    def chars_per_second(self) -> float:
        """0 means show the whole passage at once."""
        return 0.0 if self.reduced_motion else CHARS_PER_SECOND[self.text_speed]

    @property
    def gain(self) -> float:
        return 0.0 if self.muted else self.volume / 10.0

    # ---- persistence -----------------------------------------------------------------

    @staticmethod
    def path() -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def from_dict(cls, d: Any) -> "Settings":
        s = cls()
        if not isinstance(d, dict):
            return s
        for f in fields(cls):
            value = d.get(f.name)
            default = getattr(s, f.name)
            if isinstance(value, type(default)) and not (
                    isinstance(default, int) and isinstance(value, bool) != isinstance(default, bool)):
                setattr(s, f.name, value)
        s.text_size = _clamp(s.text_size, 0, len(TEXT_SIZES) - 1)
        s.text_speed = _clamp(s.text_speed, 0, len(TEXT_SPEEDS) - 1)
        s.volume = _clamp(s.volume, 0, 10)
        if s.countdown not in COUNTDOWNS:
            s.countdown = 0
        s.audience_display = _clamp(s.audience_display, -1, 15)
        if s.language not in LANGUAGE_CHOICES:
            s.language = ""
        return s

    @classmethod
    def load(cls) -> "Settings":
        try:
            return cls.from_dict(json.loads(cls.path().read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return cls()

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)

    def save(self) -> bool:
        try:
            atomic_write(self.path(), json.dumps(self.to_dict(), indent=1).encode("utf-8"))
            return True
        except OSError:
            return False  # a read-only config folder must not crash the game


def _clamp(v: int, lo: int, hi: int) -> int:
    return max(lo, min(hi, v))
