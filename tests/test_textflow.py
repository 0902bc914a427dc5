"""The pure half of text layout: UAX #14 breaks, bidi order, scripts, bundled coverage, and
the terminal's wrapping by display width."""
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from game import fontsource, textflow


def test_break_units_follow_uax14():
    assert textflow.break_units("我们是人。") == ["我", "们", "是", "人。"]
    assert textflow.break_units("two words") == ["two ", "words"]
    assert "".join(textflow.break_units("a—b “c” d")) == "a—b “c” d"


def test_visual_order_reverses_odd_levels():
    assert textflow.visual_order([0, 1, 1, 0]) == [0, 2, 1, 3]
    assert textflow.visual_order([1, 2, 1]) == [2, 1, 0]


def test_scripts_and_bundled_coverage():
    assert textflow.script_of("中") == "Hani"
    assert textflow.script_of("ب") == "Arab"
    assert textflow.script_of("ж") == "Cyrl"
    assert textflow.script_of("7") == "Zyyy"
    assert fontsource.bundled_font_for("中") == "NotoSansSC-Subset.otf"
    assert fontsource.bundled_font_for("a").startswith("Atkinson")
    assert fontsource.can_draw("ह")


def test_terminal_wraps_chinese_by_display_width():
    from game.textflow import columns, wrap_columns
    text = "芝麻信用分在三百五十到九百五十之间。分数高的人可以免押金租车，分数低的人会被别人看不起。"
    lines = wrap_columns(text, 30)
    assert "".join(lines) == text
    assert all(columns(ln) <= 30 for ln in lines) and len(lines) == 3
    assert not any(ln[0] in "，。" for ln in lines)
    item = "  - a list item that wraps around"
    assert wrap_columns(item, 12, "    ") == textwrap.wrap(item, 12, subsequent_indent="    ")



@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="ab19 .,;:!?'\"()-/—’“”«»中文。，（）「」،ب\u0301\u00a0\téüßñ¿¡×ſ", max_size=30))
def test_breaks_are_uniseg_s_on_the_whole_paragraph(text):
    assert textflow.break_units(text) == textflow._uax14(text)
