"""Text layout for the window: every screen asks this module to lay out text, never a font.

A paragraph is cut at its line-break opportunities (UAX #14, game/textflow.py), filled greedily
into lines, each line split into runs of one style, one font and one bidi level, and the runs put
in visual order (UAX #9 L2). Each run takes its font per character: the role's bundled Latin font
if it has the glyph, else the bundled script subsets (assets/fonts/NotoSans*), else a system font.
Right-to-left runs are shaped by SDL_ttf's HarfBuzz with the run's script and direction set.
Layouts are cached by the Renderer per (text, width, size), so an idle frame only blits.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

import pygame

from .. import fontsource, textflow
from ..paths import assets_dir

if TYPE_CHECKING:
    from .theme import Colour, Theme
    from .widgets import Renderer

_SYNTH_BOLD = frozenset({"bold", "heading", "mono_bold"})  # fallbacks ship only a regular face
_NEUTRAL = frozenset({"Zyyy", "Zzzz"})


@dataclass
class Run:
    x: int
    text: str
    role: str
    font: str = ""  # "" = the role's own font; else a fallback font file
    script: str = ""  # ISO 15924, set on the font so HarfBuzz shapes the run
    rtl: bool = False
    start: int = 0  # logical index of the run's first character within its block
    width: int = 0
    dy: int = 0  # shifts a fallback font's glyphs onto the role font's baseline


@dataclass
class Line:
    y: int
    runs: List[Run] = field(default_factory=list)
    chars: int = 0  # logical characters in this line, counting the break after it
    start: int = 0  # logical index of its first character within the block


class Fonts:
    """Which font draws each character, and the font objects themselves, per theme."""

    def __init__(self, theme: "Theme"):
        self.theme = theme
        self._pick: Dict[Tuple[str, str], str] = {}
        self._fonts: Dict[tuple, Optional[pygame.font.Font]] = {}
        self._own = {role: str(assets_dir() / "fonts" / name) for role, name in _font_files()}

    def source(self, role: str, ch: str) -> str:
        """"" when the role's font has `ch`, else the path of the first fallback that has it."""
        key = (role, ch)
        got = self._pick.get(key)
        if got is None:
            got = self._find(role, ch)
            self._pick[key] = got
        return got

    def _find(self, role: str, ch: str) -> str:
        covered = fontsource.covered_by(ch)
        if not covered and not textflow.needs_glyph(ch):
            return ""  # a control or a mark: drawn (or not) by the run it is in
        if not covered:  # no bundled font has it: ask the system
            return fontsource.system_font_for(ch) or self._candidate(ch) or ""
        if _name(self._own.get(role, "")) in covered:
            return ""
        fonts = assets_dir() / "fonts"
        for path in fontsource.fallback_paths():
            if path.name in covered:
                return str(path)
        return str(fonts / covered[0])  # another role's Latin font has it

    def has(self, source: str, role: str, ch: str) -> bool:
        """Whether the font `source` (as from `source()`) has a glyph for `ch`."""
        if self.source(role, ch) == source:
            return True
        covered = fontsource.covered_by(ch)
        name = _name(source) if source else _name(self._own.get(role, ""))
        return any(_name(c) == name for c in covered)

    def _candidate(self, ch: str) -> Optional[str]:
        """Without fontconfig: the first platform font whose glyph for `ch` differs from its
        missing-glyph box."""
        for path in fontsource.system_candidates():
            f = self._load(path, 16, "body", "")
            if f is not None and not _is_notdef(f, ch):
                return path
        return None

    def font(self, role: str, px: int, source: str = "", script: str = "") -> pygame.font.Font:
        if not source:
            return self.theme.font_px(role, px)
        return self._load(source, px, role, script) or self.theme.font_px(role, px)

    def _load(self, path: str, px: int, role: str, script: str) -> Optional[pygame.font.Font]:
        key = (path, px, role, script)
        if key in self._fonts:
            return self._fonts[key]
        try:
            f: Optional[pygame.font.Font] = pygame.font.Font(path, px)
        except (OSError, pygame.error):
            f = None
        if f is not None:
            f.bold = role in _SYNTH_BOLD
            f.italic = role == "italic"
            if script and script not in _NEUTRAL:
                f.set_script(script)
                if script in textflow.RTL_SCRIPTS:
                    f.set_direction(pygame.DIRECTION_RTL)
        self._fonts[key] = f
        return f


def _font_files():
    from .theme import FONT_FILES
    return FONT_FILES.items()


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _is_notdef(font: pygame.font.Font, ch: str) -> bool:
    return font.render(ch, False, (0, 0, 0)).get_view("2").raw == \
        font.render("\U0010fffd", False, (0, 0, 0)).get_view("2").raw


@dataclass
class TextBlock:
    lines: List[Line]
    width: int
    height: int
    px: int
    line_h: int
    chars: int
    inset: int = 0  # centres glyphs vertically in the taller line box

    def reveal_bottom(self, reveal: int) -> int:
        """The bottom (from the block's top) of the line holding character `reveal`."""
        for line in self.lines:
            if reveal < line.start + line.chars:
                return line.y + self.line_h
        return self.height

    def draw(self, rend: "Renderer", surf: pygame.Surface, x: int, y: int, colour: "Colour",
             reveal: Optional[int] = None, clip: Optional[pygame.Rect] = None,
             bold_colour: Optional["Colour"] = None) -> None:
        """Draw at (x, y); `reveal` limits how many characters show (the typewriter)."""
        budget = self.chars if reveal is None else reveal
        for line in self.lines:
            ly = y + line.y + self.inset
            if clip is not None and (ly + self.line_h < clip.top or ly > clip.bottom):
                continue
            for run in line.runs:
                shown = budget - run.start
                if shown <= 0:
                    continue
                col = bold_colour if (bold_colour and run.role == "bold") else colour
                s = rend.run_surface(run, self.px, col)
                fonts = rend.fonts
                if shown >= len(run.text):
                    surf.blit(s, (x + run.x, ly + run.dy))
                    continue
                f = fonts.font(run.role, self.px, run.font, run.script)
                w = min(s.get_width(), f.size(run.text[:shown])[0])
                left = s.get_width() - w if run.rtl else 0
                surf.blit(s, (x + run.x + left, ly + run.dy),
                          pygame.Rect(left, 0, w, s.get_height()))


def fonts_of(theme: "Theme") -> Fonts:
    """The theme's Fonts (one per theme: a new theme, a new window size, new fonts)."""
    f = theme.__dict__.get("_text_fonts")
    if f is None:
        f = theme.__dict__["_text_fonts"] = Fonts(theme)
    return f


def layout(fonts: "Fonts", parts_of, text: str, width: int, px: int, role: str = "body",
           leading: float = 1.45) -> TextBlock:
    """Lay `text` out in `width` pixels; `parts_of(paragraph, role)` splits a paragraph into
    (text, role) spans (the emphasis rules)."""
    theme = fonts.theme
    base = theme.font_px(role, px)
    line_h = round(base.get_linesize() * leading / 1.2)
    para_gap = round(line_h * 0.55)
    lines: List[Line] = []
    y = 0
    offset = 0
    for para in text.split("\n"):
        if para.strip():
            spans = parts_of(para, role)
            y = _paragraph(fonts, spans, width, px, y, line_h, offset, lines)
            offset += sum(len(t) for t, _ in spans) + 1
        else:
            y += para_gap  # blank lines in the source become paragraph space
    height = max(y, line_h if lines else 0)
    chars = offset
    inset = max(0, (line_h - base.get_height()) // 2)
    return TextBlock(lines, width, height, px, line_h, chars, inset)


def _paragraph(fonts: "Fonts", spans: List[Tuple[str, str]], width: int, px: int, y: int,
               line_h: int, offset: int, lines: List[Line]) -> int:
    plain = "".join(t for t, _ in spans)
    roles: List[str] = []
    for t, r in spans:
        roles.extend([r] * len(t))
    rtl = textflow.is_rtl(plain)
    levels = textflow.levels(plain, rtl)
    start = 0
    x = 0
    cut = 0  # where the line being filled starts
    for unit in textflow.break_units(plain):
        end = start + len(unit)
        ink = len(unit.rstrip())
        w = _measure(fonts, plain, roles, levels, start, start + ink, px)
        if x and x + w > width:
            lines.append(_line(fonts, plain, roles, levels, cut, start, width, px, y, rtl, offset))
            y += line_h
            cut, x = start, 0
        while w > width and ink > 1:  # one unbreakable unit wider than the box: split it
            k = _fit(fonts, plain, roles, levels, start, start + ink, width, px)
            lines.append(_line(fonts, plain, roles, levels, cut, k, width, px, y, rtl, offset))
            y += line_h
            start = cut = k
            ink = len(plain[start:end].rstrip())
            w = _measure(fonts, plain, roles, levels, start, start + ink, px)
        x += _measure(fonts, plain, roles, levels, start, end, px)
        start = end
    if cut < len(plain):
        lines.append(_line(fonts, plain, roles, levels, cut, len(plain), width, px, y, rtl, offset))
        y += line_h
    return y


def _fit(fonts, plain, roles, levels, a: int, b: int, width: int, px: int) -> int:
    """The end of the longest prefix of plain[a:b] (at least one character) within `width`."""
    k = a + 1
    while k < b and _measure(fonts, plain, roles, levels, a, k + 1, px) <= width:
        k += 1
    return k


def _runs(fonts: "Fonts", plain: str, roles: List[str], levels: List[int], a: int, b: int
          ) -> List[Tuple[int, int, str, str, str, int]]:
    """plain[a:b] cut where the style, font or bidi level changes: (start, end, role, font,
    script, level). Neutral characters (spaces, digits, punctuation) stay in the run they are in
    when its font has them, so a shaped run is not broken at every space."""
    out: List[List] = []
    for i in range(a, b):
        ch, role, lv = plain[i], roles[i], levels[i]
        script = textflow.script_of(ch)
        if out:
            last = out[-1]
            if last[2] == role and last[5] == lv and (
                    (script in _NEUTRAL or _is_mark(ch)) and fonts.has(last[3], role, ch)
                    or fonts.source(role, ch) == last[3]):
                last[1] = i + 1
                if last[4] in _NEUTRAL and script not in _NEUTRAL:
                    last[4] = script
                continue
        out.append([i, i + 1, role, fonts.source(role, ch), script, lv])
    return [tuple(r) for r in out]  # type: ignore[misc]


def _is_mark(ch: str) -> bool:
    import unicodedata
    return unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch in "\u200c\u200d"


def _measure(fonts, plain, roles, levels, a: int, b: int, px: int) -> int:
    total = 0
    for s, e, role, src, script, _ in _runs(fonts, plain, roles, levels, a, b):
        total += fonts.font(role, px, src, script if src else "").size(plain[s:e])[0]
    return total


def _line(fonts, plain, roles, levels, a: int, b: int, width: int, px: int, y: int, rtl: bool,
          offset: int) -> Line:
    line = Line(y, start=offset + a)
    ink = a + len(plain[a:b].rstrip())
    runs = []
    slots = []  # each run's full advance, spaces included; its text and ink carry none
    for s, e, role, src, script, lv in _runs(fonts, plain, roles, levels, a, ink):
        f = fonts.font(role, px, src, script if src else "")
        dy = fonts.theme.font_px(role, px).get_ascent() - f.get_ascent() if src else 0
        text = plain[s:e]
        core = text.strip(" ")
        lead = len(text) - len(text.lstrip(" "))
        gap_l = f.size(" " * lead)[0] if lead else 0
        gap_r = f.size(" " * (len(text) - lead - len(core)))[0] if len(core) < len(text) - lead \
            else 0
        rtl_run = lv % 2 == 1
        script = script if src else ""
        if rtl_run and script not in textflow.RTL_SCRIPTS:  # drawn by a left-to-right font
            core = textflow.mirrored_reversed(core)
        runs.append(Run(gap_r if rtl_run else gap_l, core, role, src, script,
                        rtl_run, offset + s + lead, f.size(core)[0] if core else 0, dy))
        slots.append(f.size(text)[0])
    order = textflow.visual_order([levels[r.start - offset] if r.start - offset < len(levels)
                                   else 0 for r in runs])
    x = max(0, width - sum(slots)) if rtl else 0  # right-to-left sits against the right edge
    for i in order:
        runs[i].x += x
        x += slots[i]
        if runs[i].text:
            line.runs.append(runs[i])
    line.chars = b - a + (1 if b == len(plain) else 0)
    return line


def single_line(fonts: "Fonts", role: str, px: int, text: str) -> Line:
    """One line of `text`, unwrapped, for labels: the same fonts, bidi order and shaping."""
    roles = [role] * len(text)
    rtl = textflow.is_rtl(text)
    return _line(fonts, text, roles, textflow.levels(text, rtl), 0, len(text), 0, px, 0, False, 0)
