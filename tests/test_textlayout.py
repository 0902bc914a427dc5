"""The window's text layout in any script: every glyph drawn is a real glyph (not the font's
missing-glyph box), no line leaves its box, Chinese wraps between characters and Arabic runs
right to left."""
from __future__ import annotations

from ui_helpers import home  # noqa: F401  (headless SDL before pygame starts)

import pygame
import pytest

from game import textflow
from game.ui.settings import Settings
from game.ui.theme import Theme
from game.ui.widgets import Renderer

LINES = {
    "Han": "芝麻信用分在三百五十到九百五十之间。分数高的人可以免押金租车，分数低的人会被别人看不起。",
    "Arabic": "مرحبا بكم في اللعبة. هذه جملة عربية طويلة لاختبار الالتفاف من اليمين إلى اليسار.",
    "Devanagari": "नमस्ते, यह एक हिंदी वाक्य है जिसमें संयुक्ताक्षर क्ष त्र ज्ञ हैं।",
    "Cyrillic": "Привет, мир! Это **русский** текст — с «кавычками» и рейтингом.",
}
NOTDEF = "\U0010fffd"  # a private-use code point no font maps: it renders as .notdef


@pytest.fixture(scope="module")
def rend():
    pygame.init()
    return Renderer(Theme(Settings(), (1280, 720)))


def _bitmap(font, text):
    s = font.render(text, False, (255, 255, 255), (0, 0, 0))
    return s.get_size(), pygame.image.tobytes(s, "RGB")


@pytest.mark.parametrize("script", sorted(LINES))
def test_every_glyph_is_a_real_glyph(rend, script):
    block = rend.block(LINES[script], 360)
    seen = 0
    for line in block.lines:
        for run in line.runs:
            font = rend.fonts.font(run.role, block.px, run.font, run.script)
            box = _bitmap(font, NOTDEF)
            for ch in run.text:
                if ch.isspace() or textflow.first_undrawable(ch, lambda c: False)[0] < 0:
                    continue  # spaces and combining marks have no glyph of their own
                assert _bitmap(font, ch) != box, f"{ch!r} ({script}) draws the missing-glyph box"
                seen += 1
    assert seen > 10


@pytest.mark.parametrize("script", sorted(LINES))
def test_no_line_overflows_its_box(rend, script):
    width = 300
    block = rend.block(LINES[script], width)
    assert len(block.lines) > 1
    for line in block.lines:
        for run in line.runs:
            assert run.x >= 0
            assert run.x + run.width <= width
            surf = rend.run_surface(run, block.px, (0, 0, 0))
            assert surf.get_width() <= run.width + 2  # the drawn ink, not only the measure


def test_chinese_wraps_between_characters_and_keeps_every_character(rend):
    text = LINES["Han"]
    block = rend.block(text, 250)
    lines = ["".join(r.text for r in ln.runs) for ln in block.lines]
    assert len(lines) >= 3
    assert "".join(lines) == text
    # UAX #14: no line starts with closing punctuation
    assert not any(ln[0] in "，。、" for ln in lines)
    # at least one break falls between two Han characters (no spaces to break at)
    assert any(textflow.script_of(a[-1]) == "Hani" and textflow.script_of(b[0]) == "Hani"
               for a, b in zip(lines, lines[1:]))


def test_arabic_is_laid_out_right_to_left(rend):
    text = "سلام عليكم يا أصدقاء"
    block = rend.block(text, 600)
    (line,) = block.lines
    first = min(line.runs, key=lambda r: r.start)
    assert first.rtl and first.start == 0
    assert first.x + first.width == max(r.x + r.width for r in line.runs)
    assert first.x + first.width == 600  # a right-to-left paragraph sits on the right edge
    # the first logical letter's ink is at the right of the drawn run
    surf = rend.run_surface(first, block.px, (255, 255, 255))
    font = rend.fonts.font(first.role, block.px, first.font, first.script)
    alone = font.size(text.split()[0])[0]
    right = pygame.mask.from_surface(surf.subsurface((surf.get_width() - alone, 0, alone,
                                                      surf.get_height())))
    left = pygame.mask.from_surface(surf.subsurface((0, 0, alone, surf.get_height())))
    assert right.count() and left.count()
    glyph = pygame.mask.from_surface(font.render(text.split()[0], True, (255, 255, 255)))
    assert right.overlap_area(glyph, (0, 0)) > left.overlap_area(glyph, (0, 0))


def test_mixed_line_keeps_english_left_to_right(rend):
    block = rend.block("Score: عربي then more", 800)
    runs = sorted(block.lines[0].runs, key=lambda r: r.start)
    xs = [r.x for r in runs]
    assert xs == sorted(xs)  # a left-to-right paragraph: logical order is visual order


def test_labels_use_the_fallbacks_too(rend):
    s = rend.text("heading", 30, "标题 Title", (0, 0, 0))
    assert s.get_width() == rend.measure("heading", 30, "标题 Title")
    assert rend.measure("body", 20, "标题") > 0



def test_brackets_in_a_right_to_left_line_are_mirrored(rend):
    block = rend.block("تجاهله وامضِ (Skip)", 800)
    visual = "".join(r.text for r in sorted(block.lines[0].runs, key=lambda r: r.x))
    assert visual.startswith("(Skip)")


@pytest.mark.parametrize("pack", ["arabic", "chinese"])
def test_the_play_screen_in_another_script_has_nothing_clipped_or_covering(home, pack):
    from ui_helpers import REPO, make_app
    from game.ui.layoutlog import LayoutLog, RecordingSurface, check
    app = make_app(Settings(reduced_motion=True, text_size=3), size=(1280, 720))
    try:
        app.rend.log = LayoutLog()
        app.rend.clear()
        assert app.start_game(str(REPO / "tests" / "world" / pack), seed=1)
        app.step(10.0)  # the typewriter done
        app.surface = RecordingSurface((app.theme.w, app.theme.h), app.rend.log)
        app.draw()
        assert not check(app.rend.log, app.surface.get_rect(), len(app.stack) - 1)
        shown = " ".join(app.rend.log.text_ids.values())
        assert ("林晓" if pack == "chinese" else "ليلى") in shown
    finally:
        pygame.quit()
