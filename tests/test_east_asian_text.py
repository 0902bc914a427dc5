"""Chinese and Japanese text where lines are joined, carets placed and help wrapped (issue 13):
no space where a line break falls between two wide characters, carets measured in terminal
columns, --help broken only where UAX #14 allows and within the width."""
from __future__ import annotations

import argparse

import pytest

from game import i18n
from game.cli import build_parser, main
from game.cli_argparse import HelpFormatter
from game.engine.text import reflow
from game.textflow import join_lines
from game.markdown import parse
from game.packs.diagnostics import Diagnostic, excerpt
from game.textflow import break_units, columns, wrap_columns

ZH = "日常生活很普通。门口放着一张桌子，桌上有一杯咖啡。她的分数是4.2，今天还会变。"


def test_chinese_lines_join_without_a_space():
    assert reflow("日常很普通。\n门口放着一张桌子。\n") == "日常很普通。门口放着一张桌子。"
    assert reflow("「你好」\n她说。\n\n下一段\n继续") == "「你好」她说。\n\n下一段继续"
    assert reflow("ひらがな\nカタカナ") == "ひらがなカタカナ"


def test_english_and_mixed_lines_keep_their_space():
    assert reflow("Hello\n  world,\tfriend.\n\nNext\npara") == "Hello world, friend.\n\nNext para"
    assert reflow("中文\nEnglish") == "中文 English"  # only when both sides are wide
    assert reflow("English\n中文") == "English 中文"
    assert reflow("한국어\n문장") == "한국어 문장"  # Korean spaces its words
    assert join_lines(["a", "", "b"]) == "a b" and join_lines([]) == ""


def test_guides_and_terminal_wrapping_join_chinese_lines_the_same_way():
    blocks = parse("第一行，\n第二行。\n\n- 项目\n  继续\n- an item\n  continued\n\nline\none")
    assert [b.text for b in blocks] == ["第一行，第二行。", "项目继续", "an item continued",
                                        "line one"]
    assert wrap_columns("中文\n中文", 40) == ["中文中文"]


def _caret_under(d: Diagnostic) -> str:
    """The character the caret line points at, counting terminal columns."""
    src, caret = d.format().splitlines()[1:3]
    at = columns(caret[:caret.index("^")])
    for i in range(len(src)):
        if columns(src[:i]) == at:
            return src[i]
    raise AssertionError("the caret is not under a character")


def test_the_caret_stands_under_the_right_chinese_character():
    line = "    text: 日常很普通。门口放着{nmae}一张桌子。"
    col = line.index("{nmae}") + 1
    assert _caret_under(Diagnostic("E", "error", "a.yaml", 3, col, "x", source_line=line)) == "{"
    tabbed = "\ttext:\t日常{nmae}"
    d = Diagnostic("E", "error", "a.yaml", 3, tabbed.index("{") + 1, "x", source_line=tabbed)
    src, caret = (ln.expandtabs() for ln in d.format().splitlines()[1:3])  # as a terminal
    assert caret.index("^") == columns(src[:src.index("{")])  # a tab under a tab


def test_long_chinese_lines_are_cut_by_columns_with_the_caret_in_place():
    line = "    text: " + "日常很普通。" * 40 + "{nmae}" + "门口放着" * 40
    col = line.index("{nmae}") + 1
    src, caret = excerpt(line, col, width=40)
    assert src.startswith("...") and src.endswith("...") and columns(src) <= 46
    assert src[caret - 1:].startswith("{nmae}")
    d = Diagnostic("E", "error", "a.yaml", 3, col, "x", source_line=src, caret=caret)
    assert _caret_under(d) == "{"
    assert excerpt("中文" * 10, 20, width=40) == ("中文" * 10, 20)  # 40 columns fit whole


def _help(description: str, width: int, monkeypatch) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    p = argparse.ArgumentParser(prog="standing", description=description,
                                formatter_class=HelpFormatter)
    p.add_argument("--seed", help=ZH)
    return p.format_help()


@pytest.mark.parametrize("width", [30, 47, 80])
def test_chinese_help_breaks_only_where_uax14_allows_and_fits(width, monkeypatch):
    text = ZH + "用 standing validate story/ 检查，或 --plans 运行计划。"
    out = _help(text, width, monkeypatch)
    lines = [ln.strip() for ln in out.split("\n\n")[1].splitlines()]
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(columns(ln) <= width - 2 for ln in out.split("\n\n", 1)[1].splitlines())
    ends, pos = set(), 0
    for unit in break_units(text):
        pos += len(unit)
        ends.add(pos)
    pos = 0
    for ln in lines:  # every line but the last ends at a break opportunity of the paragraph
        assert text.startswith(ln, pos)
        pos += len(ln)
        while text[pos:pos + 1] == " ":
            pos += 1
        assert pos in ends
    first, *rest = out.split("  --seed SEED")[-1].splitlines()
    assert first.strip() + "".join(ln.strip() for ln in rest) == ZH
    assert all(ln.startswith(" " * 8) for ln in rest)  # the option's help keeps its indent


def test_english_help_of_every_command_is_argparse_own(monkeypatch):
    monkeypatch.setenv("COLUMNS", "64")
    top = build_parser()
    parsers = [top, *top._subparsers._group_actions[0].choices.values()]  # type: ignore
    for p in parsers:
        assert p.formatter_class is HelpFormatter
        ours = p.format_help()
        p.formatter_class = argparse.HelpFormatter
        assert p.format_help() == ours


def test_the_chinese_help_of_a_command_fits_the_terminal(monkeypatch, capsys):
    monkeypatch.setenv("LANGUAGE", "zh_Hans")
    monkeypatch.setenv("COLUMNS", "50")
    try:
        with pytest.raises(SystemExit):
            main(["playtest", "--help"])
    finally:
        i18n.set_language("en")
    out = capsys.readouterr().out
    assert "故事包" in out
    assert all(columns(ln) <= 50 for ln in out.splitlines() if "[" not in ln)  # not usage
