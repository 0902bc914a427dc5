"""Colours, fonts and scaling.

Everything is designed at 1280x720 and scaled by `ui` (the window's size against that) and, for
text, by the player's text size. Fonts are opened once per (role, pixel size) and kept, so a
frame never creates a font.
"""
from __future__ import annotations

import colorsys
import zlib
from dataclasses import dataclass
from typing import Dict, Tuple

import pygame

from ..paths import assets_dir
from .settings import Settings

Colour = Tuple[int, int, int]
BASE_W, BASE_H = 1280, 720
MIN_W, MIN_H = 960, 540

FONT_FILES = {
    "body": "AtkinsonHyperlegible_400Regular.ttf",
    "bold": "AtkinsonHyperlegible_700Bold.ttf",
    "italic": "AtkinsonHyperlegible_400Regular_Italic.ttf",
    "display": "Lexend_300Light.ttf",
    "heading": "Lexend_600SemiBold.ttf",
    "mono": "AtkinsonHyperlegibleMono_400Regular.ttf",  # source lines: columns line up
    "mono_bold": "AtkinsonHyperlegibleMono_700Bold.ttf",
}

# Base sizes in pixels at 1280x720 and text size "Medium".
SIZES = {"tiny": 15, "small": 17, "body": 22, "choice": 21, "h3": 22, "h2": 28, "h1": 40,
         "title": 84, "score": 78, "score_small": 30}


@dataclass(frozen=True)
class Palette:
    bg_top: Colour
    bg_bottom: Colour
    blob_a: Colour
    blob_b: Colour
    card: Colour
    card_edge: Colour
    text: Colour
    muted: Colour
    accent: Colour  # focus ring, primary buttons
    accent_text: Colour
    button: Colour
    button_hover: Colour
    locked: Colour
    locked_text: Colour
    up: Colour
    down: Colour
    star: Colour
    star_empty: Colour
    shadow_alpha: int
    focus_width: int
    chip: Colour
    warn: Colour  # warning text (an error screen's warnings)
    on_signal: Colour  # text on an `up` or `down` fill (the +0.012 chip)


# Every text colour meets WCAG AA (4.5:1) on every surface it is drawn on, in both palettes:
# TEXT_ON below lists the pairs and tests/test_ui_contrast.py checks them.
SOFT = Palette(
    bg_top=(250, 228, 236), bg_bottom=(222, 240, 238), blob_a=(255, 214, 226),
    blob_b=(206, 234, 247), card=(255, 253, 252), card_edge=(241, 226, 232),
    text=(46, 40, 60), muted=(100, 90, 112), accent=(180, 40, 92), accent_text=(255, 255, 255),
    button=(255, 246, 249), button_hover=(255, 231, 240), locked=(240, 237, 242),
    locked_text=(100, 94, 110), up=(18, 108, 80), down=(178, 40, 72), star=(246, 178, 64),
    star_empty=(232, 222, 228), shadow_alpha=26, focus_width=3, chip=(248, 238, 243),
    warn=(140, 82, 0), on_signal=(255, 255, 255))

CONTRAST = Palette(
    bg_top=(0, 0, 0), bg_bottom=(0, 0, 0), blob_a=(0, 0, 0), blob_b=(0, 0, 0),
    card=(12, 12, 12), card_edge=(255, 255, 255), text=(255, 255, 255), muted=(225, 225, 225),
    accent=(255, 214, 0), accent_text=(0, 0, 0), button=(0, 0, 0), button_hover=(40, 40, 40),
    locked=(30, 30, 30), locked_text=(190, 190, 190), up=(110, 255, 170), down=(255, 130, 130),
    star=(255, 214, 0), star_empty=(90, 90, 90), shadow_alpha=0, focus_width=4,
    chip=(30, 30, 30), warn=(255, 214, 0), on_signal=(0, 0, 0))

# Which text colour is drawn on which surface (fields of Palette). The background's blobs
# count as surfaces: text on the backdrop may sit on either.
SURFACES = ("bg_top", "bg_bottom", "blob_a", "blob_b", "card", "button", "button_hover", "chip",
            "locked")
TEXT_ON = {
    "text": SURFACES,
    "muted": SURFACES,  # subtitles, hints, labels: also on a focused button (button_hover)
    "accent": SURFACES,  # headings, episode labels, setting values
    "locked_text": ("locked", "card", "button", "button_hover"),
    "up": ("card", "chip", "button"),
    "down": ("card", "chip", "button"),
    "warn": ("card", "chip"),
    "accent_text": ("accent",),  # primary buttons with their subtitle, chips, badges
    "on_signal": ("up", "down"),
}
AA = 4.5


def luminance(c: Colour) -> float:
    """WCAG relative luminance of an sRGB colour."""
    def lin(v: int) -> float:
        v = v / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in c[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: Colour, b: Colour) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


class Theme:
    def __init__(self, settings: Settings, size: Tuple[int, int] = (BASE_W, BASE_H)):
        self.settings = settings
        self._fonts: Dict[Tuple[str, int], pygame.font.Font] = {}
        self.resize(size)

    def resize(self, size: Tuple[int, int]) -> None:
        self.w, self.h = size
        self.ui = ui_scale(self.w, self.h)
        self.pal = CONTRAST if self.settings.contrast else SOFT

    @property
    def contrast(self) -> bool:
        return self.settings.contrast

    def px(self, n: float) -> int:
        """A layout length scaled to the window."""
        return max(1, round(n * self.ui))

    def text_px(self, kind: str) -> int:
        scale = self.ui * self.settings.text_scale
        return max(10, round(SIZES[kind] * scale))

    def font(self, role: str, kind: str = "body") -> pygame.font.Font:
        return self.font_px(role, self.text_px(kind))

    def font_px(self, role: str, px: int) -> pygame.font.Font:
        key = (role, px)
        f = self._fonts.get(key)
        if f is None:
            path = assets_dir() / "fonts" / FONT_FILES[role]
            try:
                f = pygame.font.Font(str(path), px)
            except (OSError, FileNotFoundError, pygame.error):
                f = pygame.font.Font(None, round(px * 1.3))  # a missing asset still plays
            self._fonts[key] = f
        return f


def ui_scale(w: int, h: int) -> float:
    """How much larger than the 1280x720 design everything is drawn. Up to that size it
    follows the window; above it, it grows more slowly than the window (the power ROOM), so a
    bigger screen shows more, in larger type, instead of the same thing magnified: at
    1920x1080 the scale is 1.33 (the design gains 9 % in each direction), at 3840x2160 it is
    2.16 (39 %)."""
    r = min(w / BASE_W, h / BASE_H)
    return max(0.6, r if r <= 1 else r ** ROOM)


ROOM = 0.7


def person_colour(key: str, contrast: bool = False) -> Colour:
    """A stable pastel for a character's avatar, from their id."""
    if contrast:
        return (255, 255, 255)
    hue = (zlib.crc32(key.encode("utf-8")) % 360) / 360.0
    r, g, b = colorsys.hls_to_rgb(hue, 0.78, 0.55)
    return int(r * 255), int(g * 255), int(b * 255)


def mix(a: Colour, b: Colour, t: float) -> Colour:
    t = max(0.0, min(1.0, t))
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t),
            round(a[2] + (b[2] - a[2]) * t))
