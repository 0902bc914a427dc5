"""The pure half of text layout: where lines may break, which way a paragraph runs, what script a
character belongs to. No pygame: the window's layout (game/ui/textlayout.py), the terminal and
the validator all ask this module, so every front end breaks and orders text the same way.

Line breaks follow Unicode's UAX #14 (`uniseg`), so Chinese and Japanese may break between
characters and nobody maintains hand-written rules; paragraph direction and the visual order of a
line follow the bidi algorithm (UAX #9, `python-bidi`).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Callable, Iterable, List, Sequence, Tuple


# ISO 15924 codes for the scripts whose names Unicode spells differently from their first word.
_SCRIPT_WORDS = {
    "CJK": "Hani", "HIRAGANA": "Hira", "KATAKANA": "Kana", "HANGUL": "Hang", "BOPOMOFO": "Bopo",
    "ARABIC": "Arab", "HEBREW": "Hebr", "DEVANAGARI": "Deva", "BENGALI": "Beng", "TAMIL": "Taml",
    "TELUGU": "Telu", "GUJARATI": "Gujr", "GURMUKHI": "Guru", "KANNADA": "Knda",
    "MALAYALAM": "Mlym", "THAI": "Thai", "LAO": "Laoo", "KHMER": "Khmr", "MYANMAR": "Mymr",
    "SINHALA": "Sinh", "TIBETAN": "Tibt", "GEORGIAN": "Geor", "ARMENIAN": "Armn",
    "ETHIOPIC": "Ethi", "CYRILLIC": "Cyrl", "GREEK": "Grek", "LATIN": "Latn", "SYRIAC": "Syrc",
    "THAANA": "Thaa", "NKO": "Nkoo", "MONGOLIAN": "Mong", "CHEROKEE": "Cher",
}
# Letters whose names do not start with their script (plain ASCII letters say "LATIN").
_NAMES = {"IDEOGRAPHIC": "Hani", "FULLWIDTH": "Hani", "HALFWIDTH": "Hani"}
RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo"})


@lru_cache(maxsize=8192)
def script_of(ch: str) -> str:
    """The ISO 15924 code of `ch`'s script, guessed from its Unicode name ('Zyyy' for common
    characters such as digits, spaces and punctuation, 'Zzzz' for unnamed ones)."""
    try:
        word = unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return "Zzzz"
    if word in _SCRIPT_WORDS:
        return _SCRIPT_WORDS[word]
    return _NAMES.get(word, "Zyyy")


def script_name(code: str) -> str:
    """A readable name for an ISO 15924 code, for messages to authors."""
    for word, c in _SCRIPT_WORDS.items():
        if c == code:
            return "Han (Chinese/Japanese)" if c == "Hani" else word.title()
    return {"Zyyy": "common", "Zzzz": "unknown"}.get(code, code)


# A run of spaces after a letter, digit or one of .,;:!? and before a letter or digit (all ASCII)
# is always a break opportunity under UAX #14 (LB18; none of the rules that can forbid it, LB13
# to LB17, LB15a-c, applies to these neighbours), and no rule looks across it. So a paragraph can
# be cut there and each piece broken alone; a piece that is one ASCII word with trailing
# punctuation has no opportunity inside (LB13, LB23, LB28, LB29). Only the other pieces go to
# uniseg, which costs about 0.1 ms a character. Likewise between two CJK unified ideographs
# (class ID) there is always an opportunity (LB31) that no rule looks across. tests/
# test_textflow.py checks the result against uniseg on the whole paragraph for random text.
# Latin letters with accents (Latin-1 and Latin Extended-A, bar × and ÷) are class AL, as
# A-Z are, so German, Spanish and French words take the fast path too.
_LATIN = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f"
_CUT = re.compile(rf"(?<=[{_LATIN}.,;:!?]) +(?=[{_LATIN}])|(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])")
_WORD = re.compile(rf"[{_LATIN}]+[.,;:!?]* *|[\u4e00-\u9fff]")


def break_units(text: str) -> List[str]:
    """`text` cut at every line-break opportunity (UAX #14). Each unit keeps the spaces after
    it, so joining the units gives `text` back; a line may end after any unit. Cached per
    paragraph (a resize lays the same text again)."""
    return list(_break_units(text))


@lru_cache(maxsize=1024)
def _break_units(text: str) -> Tuple[str, ...]:
    out: List[str] = []
    start = 0
    for m in _CUT.finditer(text):
        out.extend(_piece(text[start:m.end()]))
        start = m.end()
    out.extend(_piece(text[start:]))
    return tuple(out)


def _piece(piece: str) -> List[str]:
    if not piece:
        return []
    if _WORD.fullmatch(piece):
        return [piece]
    return _uax14(piece)


def _uax14(text: str) -> List[str]:
    from uniseg.linebreak import line_break_units  # 20 ms to import: only when needed
    return list(line_break_units(text))


def is_rtl(text: str) -> bool:
    """True when the paragraph's first strong character is right-to-left (UAX #9 P2/P3)."""
    for ch in text:
        d = unicodedata.bidirectional(ch)
        if d in ("R", "AL"):
            return True
        if d == "L":
            return False
    return False


def levels(text: str, rtl: bool) -> List[int]:
    """The resolved embedding level of each character (even: left-to-right, odd: right-to-left)."""
    if not any(unicodedata.bidirectional(c) in ("R", "AL", "AN", "RLE", "RLO", "RLI")
               for c in text) and not rtl:
        return [0] * len(text)
    from bidi import algorithm as bidi  # the explicit steps: we need levels, not a display string
    storage = bidi.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    bidi.get_embedding_levels(text, storage)
    bidi.explicit_embed_and_overrides(storage)
    bidi.resolve_weak_types(storage)
    bidi.resolve_neutral_types(storage, False)
    bidi.resolve_implicit_levels(storage, False)
    out = [c["level"] for c in storage["chars"]]
    return out if len(out) == len(text) else [1 if rtl else 0] * len(text)


def visual_order(run_levels: Sequence[int]) -> List[int]:
    """The display order of a line's runs from their levels (UAX #9 rule L2): from the highest
    level down to the lowest odd one, reverse every sequence of runs at that level or above."""
    order = list(range(len(run_levels)))
    if not run_levels:
        return order
    top = max(run_levels)
    low_odd = min(lv for lv in run_levels) | 1
    for level in range(top, low_odd - 1, -1):
        i = 0
        while i < len(order):
            if run_levels[order[i]] >= level:
                j = i
                while j < len(order) and run_levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


def mirrored_reversed(text: str) -> str:
    """A right-to-left run for a font that will draw it left to right: characters reversed and
    brackets mirrored (UAX #9 L3/L4), as HarfBuzz would have done in an RTL run."""
    from bidi.algorithm import MIRRORED
    return "".join(MIRRORED.get(c, c) for c in reversed(text))


def needs_glyph(ch: str) -> bool:
    """False for characters drawn without a glyph of their own: spaces, controls, joiners and
    combining marks (which their base character's font draws)."""
    return not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Mn", "Me")


def first_undrawable(text: str, can_draw: Callable[[str], bool]) -> Tuple[int, str]:
    """The index and character of the first character of `text` that needs a glyph and that
    `can_draw` refuses ((-1, '') when there is none)."""
    for i, ch in enumerate(text):
        if needs_glyph(ch) and not can_draw(ch):
            return i, ch
    return -1, ""


def columns(text: str) -> int:
    """How many terminal columns `text` takes (East Asian wide characters take two)."""
    from wcwidth import wcswidth
    n = wcswidth(text)
    return n if n >= 0 else len(text)  # a control character: count it as one, never fail


def wrap_columns(text: str, width: int, subsequent_indent: str = "") -> List[str]:
    """`text` wrapped for a terminal `width` columns wide, breaking where UAX #14 allows (so
    Chinese wraps between characters) and measuring by display width, not by characters."""
    lines: List[str] = []
    line = text[:len(text) - len(text.lstrip(" "))]  # a first-line indent stays, as in textwrap
    used = len(line)
    for unit in break_units(unbreak(text)):
        ink = columns(unit.rstrip())
        if line and used + ink > width:
            lines.append(line.rstrip())
            line = subsequent_indent
            used = columns(line)
        while used + ink > width and len(unit.rstrip()) > 1:  # one unit wider than the line
            k = 1
            while k < len(unit) and used + columns(unit[:k + 1]) <= width:
                k += 1
            lines.append((line + unit[:k]).rstrip())
            line, unit = subsequent_indent, unit[k:]
            used, ink = columns(line), columns(unit.rstrip())
        line += unit
        used += columns(unit)
    if line.strip():
        lines.append(line.rstrip())
    return lines


# ---- joining the lines of a paragraph --------------------------------------------------------
# (The engine's passages, guides, the terminal and map labels all join lines this way.)

def join_lines(lines: Iterable[str]) -> str:
    """The lines of one paragraph as one line (empty lines skipped): joined by a space, or by
    nothing between two East Asian wide characters (Chinese, Japanese and their punctuation),
    which put no space between words. This is CSS Text 3's segment break transformation;
    Hangul keeps its space, as Korean spaces its words."""
    out: List[str] = []
    for line in lines:
        if not line:
            continue
        if out and not (_wide(out[-1][-1]) and _wide(line[0])):
            out.append(" ")
        out.append(line)
    return "".join(out)


@lru_cache(maxsize=4096)
def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F", "H") \
        and "HANGUL" not in unicodedata.name(ch, "")


def unbreak(text: str) -> str:
    """`text` on one line, each run of spaces collapsed to one and each line break unbroken
    as `join_lines` does."""
    return join_lines(" ".join(line.split()) for line in text.split("\n"))
