"""Where glyphs come from: the bundled fonts (Latin first, then the script subsets in
assets/fonts/NotoSans*) and, for anything else, the system's fonts. No pygame, no fontTools: the
bundled fonts' coverage is read from assets/fonts/coverage.txt (written by
tools/subset_fonts.py), and system fonts are asked of fontconfig (`fc-list`) on Linux or found in
the usual folders on Windows and macOS, where the window checks a candidate's glyph against its
missing-glyph box before using it (game/ui/textlayout.py). The validator uses `can_draw`.
"""
from __future__ import annotations

import bisect
import os
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from .paths import assets_dir

# The script subsets, tried in this order after a role's own Latin font.
FALLBACKS = ("NotoSans-Cyrillic-Greek.ttf", "NotoSansArabic-Subset.ttf",
             "NotoSansDevanagari-Subset.ttf", "NotoSansSC-Subset.otf")
_FC_TIMEOUT = 5.0

# Likely families per platform when there is no fontconfig, in order of preference.
_WINDOWS = ("msyh.ttc", "simsun.ttc", "meiryo.ttc", "malgun.ttf", "arial.ttf", "segoeui.ttf",
            "nirmala.ttf", "seguisym.ttf", "seguiemj.ttf", "tahoma.ttf")
_MAC = ("PingFang.ttc", "Hiragino Sans GB.ttc", "AppleSDGothicNeo.ttc", "GeezaPro.ttc",
        "Kohinoor.ttc", "Thonburi.ttc", "Apple Symbols.ttf", "Arial Unicode.ttf",
        "Helvetica.ttc")


def fallback_paths() -> List[Path]:
    return [assets_dir() / "fonts" / name for name in FALLBACKS]


@lru_cache(maxsize=1)
def _coverage() -> Dict[str, Tuple[List[int], List[int]]]:
    """font file (relative to assets/fonts) -> sorted range starts and ends."""
    try:
        text = (assets_dir() / "fonts" / "coverage.txt").read_text("utf-8")
    except OSError:
        return {}
    return {name: _ranges(ranges) for name, _, ranges in
            (ln.partition(": ") for ln in text.splitlines() if not ln.startswith("#")) if ranges}


def covered_by(ch: str) -> List[str]:
    """The bundled font files (relative to assets/fonts) with a glyph for `ch`."""
    cp = ord(ch)
    out = []
    for name, (starts, ends) in _coverage().items():
        i = bisect.bisect_right(starts, cp) - 1
        if i >= 0 and cp <= ends[i]:
            out.append(name)
    return out


def bundled_font_for(ch: str) -> Optional[str]:
    """The first bundled font file (relative to assets/fonts) with a glyph for `ch`, or None."""
    names = covered_by(ch)
    return names[0] if names else None


def _ranges(text: str) -> Tuple[List[int], List[int]]:
    starts: List[int] = []
    ends: List[int] = []
    for r in text.split():
        a, _, b = r.partition("-")
        try:
            starts.append(int(a, 16))
            ends.append(int(b or a, 16))
        except ValueError:
            continue
    return starts, ends


@lru_cache(maxsize=1)
def _system() -> List[Tuple[str, List[int], List[int]]]:
    """Every fontconfig font with its coverage, from one `fc-list` call, best faces first."""
    fc = shutil.which("fc-list")
    if not fc:
        return []
    try:
        res = subprocess.run([fc, "--format", "%{file}\t%{charset}\n"], capture_output=True,
                             text=True, timeout=_FC_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    fonts = []
    for line in res.stdout.splitlines():
        file, _, charset = line.partition("\t")
        if file and charset:
            fonts.append((file, *_ranges(charset)))
    # regular sans faces first: they suit body text
    fonts.sort(key=lambda f: ("Sans" not in f[0], "Bold" in f[0] or "Italic" in f[0], f[0]))
    return fonts


def system_font_for(ch: str) -> Optional[str]:
    """A system font file that fontconfig says has a glyph for `ch`, or None."""
    cp = ord(ch)
    for file, starts, ends in _system():
        i = bisect.bisect_right(starts, cp) - 1
        if i >= 0 and cp <= ends[i]:
            return file
    return None


def system_candidates() -> List[str]:
    """Font files to try, in order, where fontconfig is missing (Windows, macOS)."""
    windows = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    mac = [Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"),
           Path("/Library/Fonts")]
    names, folders = {"win32": (_WINDOWS, [windows]), "darwin": (_MAC, mac)}.get(
        sys.platform, ((), []))
    return [str(f / n) for n in names for f in folders if (f / n).is_file()]


def can_draw(ch: str) -> bool:
    """Whether some bundled or system font on this machine has a glyph for `ch`. Without
    fontconfig, system coverage is unknown and the answer errs on yes (no false warnings)."""
    if bundled_font_for(ch) is not None:
        return True
    if shutil.which("fc-list") is None:
        return True
    return system_font_for(ch) is not None
